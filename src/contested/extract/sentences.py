"""The sentence guard: line breaks end sentences, and headings are set apart.

Runs before the parser, which keeps sentence starts that are already set:
a report's title, dateline and section headings then never fuse with the
paragraph after them. A heading (a short line with no closing punctuation)
states no fact; the other components skip it. A news dateline ("BEIRUT,
Aug 22 (Reuters) - ") is a heading of its own: its city is where the
reporter wrote, not where anything happened.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from contested.extract.annotations import HEADINGS, doc_text, put

_CLOSERS = frozenset('.!?:;"”’)]')
MAX_HEADING_TOKENS = 14
# A dateline: a place in capitals (maybe a country after it), maybe a date, maybe the
# agency in brackets, then a dash.
DATELINE = re.compile(
    r"[A-Z][A-Z'’.-]+(?:[ /][A-Z][A-Z'’.-]+)*"
    r"(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*)*"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)?"
    r"\s*(?:\([^()\n]{1,40}\))?\s*[-–—]{1,2}\s+"
)


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
            if not words:
                continue
            short = len(words) <= MAX_HEADING_TOKENS and words[-1].text[-1] not in _CLOSERS
            if short or _dateline(doc, words[0].i, end):
                headings.append(words[0].idx)
        put(doc, HEADINGS, headings)
        return doc

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save."""

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> SentenceGuard:
        return self


def _dateline(doc: Doc, start: int, end: int) -> bool:
    """Set a sentence start after the dateline opening the line at ``start``, if there is one."""
    first = doc[start]
    if not first.text[:2].isupper():
        return False
    line_end = doc[end - 1].idx + len(doc[end - 1].text)
    found = DATELINE.match(doc_text(doc)[first.idx : line_end])
    if found is None:
        return False
    after = first.idx + found.end()
    nxt = next((t for t in doc[start:end] if t.idx >= after), None)
    if nxt is None or nxt.i == start:
        return False
    nxt.is_sent_start = True
    for token in doc[start + 1 : nxt.i]:
        token.is_sent_start = False
    return True
