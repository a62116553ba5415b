"""Where a fact came from: the sentences around a quoted span of a source text.

DOCS: docs/api.md
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! or ? (perhaps followed by closing quotes or brackets) and white space,
# or at a line break; headings and list items in Markdown end at the line.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")
# How far to look for sentence ends on either side of a span; a sentence longer than this is cut.
_WINDOW = 3000


@dataclass(frozen=True)
class Context:
    """A span of a text with the sentences around it, split for highlighting."""

    start: int
    end: int
    context_start: int
    context_end: int
    before: str
    quote: str
    after: str


def sentence_context(text: str, start: int, end: int, *, sentences: int = 1) -> Context:
    """The sentence(s) holding ``text[start:end]``, plus ``sentences - 1`` more on each side.

    Examples
    --------
    >>> text = "IS took Palmyra in May 2015. The regime retook it on 27 March. Then quiet."
    >>> c = sentence_context(text, 53, 61)
    >>> (c.before, c.quote, c.after)
    ('The regime retook it on ', '27 March', '.')
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}..{end} is outside the text (0..{len(text)})")
    low = max(0, start - _WINDOW)
    high = min(len(text), end + _WINDOW)
    starts = [low] + [low + m.end() for m in _BOUNDARY.finditer(text[low:high])]
    before_starts = [s for s in starts if s <= start]
    after_starts = [s for s in starts if s >= end and s > start] + [high]
    context_start = before_starts[max(0, len(before_starts) - sentences)]
    context_end = after_starts[min(len(after_starts) - 1, sentences - 1)]
    context_end = max(end, len(text[:context_end].rstrip()))
    return Context(
        start=start,
        end=end,
        context_start=context_start,
        context_end=context_end,
        before=text[context_start:start],
        quote=text[start:end],
        after=text[end:context_end],
    )
