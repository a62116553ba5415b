"""The sentence guard: line breaks end sentences, and headings are set apart.

Runs before the parser, which keeps sentence starts that are already set:
a report's title, dateline and section headings then never fuse with the
paragraph after them. A heading (a short line with no closing punctuation)
states no fact; the other components skip it.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from contested.extract.annotations import HEADINGS, put

_CLOSERS = frozenset('.!?:;"”’)]')
MAX_HEADING_TOKENS = 14


class SentenceGuard:
    """Start a sentence after every line break; record heading lines (``HEADINGS``)."""

    def __init__(self, nlp: Language, name: str = "contested_sentences") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        starts = [0]
        for token in doc[:-1]:
            if (token.is_space and "\n" in token.text) or "\n" in token.whitespace_:
                doc[token.i + 1].is_sent_start = True
                starts.append(token.i + 1)
        starts.append(len(doc))
        headings: list[int] = []
        for begin, end in pairwise(starts):
            words = [t for t in doc[begin:end] if not t.is_space]
            if words and len(words) <= MAX_HEADING_TOKENS and words[-1].text[-1] not in _CLOSERS:
                headings.append(words[0].idx)
        put(doc, HEADINGS, headings)
        return doc

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save."""

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> SentenceGuard:
        return self
