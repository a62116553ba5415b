"""The narrative clock: resolve every temporal expression of a document in reading order.

A report narrates: "On 11 February ... just four days later ..." Partial and
relative dates are placed against the date the narrative has reached, which
main-clause dates move forward sentence after sentence (asides do not). The
clock starts at the document's anchor: a date range from its metadata or
title ("2016 Khanasir offensive", "Palmyra offensive (March 2016)"), since
Wikipedia articles copied in 2023 narrate 2016; the publication date only
places dates that have nothing better.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from contested.extract.annotations import TimeRef
from contested.extract.timeparse import DateSpan, TimeContext, find_time_expressions, resolve

# Rules whose expressions name calendar dates (possibly without a year).
CALENDAR_RULES = frozenset(
    {"day", "day_range", "day_span", "holiday", "week_of_month", "month", "month_span", "season"}
)
# A date in the middle of a sentence that far from the narrative is an aside, not a move.
MAX_MIDSENTENCE_JUMP_DAYS = 3 * 365
_BARE_YEAR = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?![\d,])")


def document_anchor(
    title: str | None, metadata: dict[str, Any], published: date | None
) -> DateSpan | None:
    """The date range a document is about, from its metadata ``date`` field or its title."""
    texts: list[str] = []
    value = metadata.get("date")
    if isinstance(value, list):
        texts.extend(str(v) for v in value)
    elif isinstance(value, str):
        texts.append(value)
    if title:
        texts.append(title)
    ctx = TimeContext(published=published)
    for text in texts:
        spans = [resolve(m, ctx) for m in find_time_expressions(text)]
        found = [s for s in spans if s is not None]
        if found:
            return DateSpan(min(s.start for s in found), max(s.end for s in found))
        year = _BARE_YEAR.search(text)
        if year:
            y = int(year.group())
            return DateSpan(date(y, 1, 1), date(y, 12, 31))
    return None


@dataclass
class SentenceTime:
    """The narrative date in force when a sentence starts, and the expression that set it."""

    span: DateSpan | None
    text: str | None


class NarrativeClock:
    """Resolve time expressions sentence by sentence, carrying the narrative date."""

    def __init__(self, published: date | None, anchor: DateSpan | None) -> None:
        self.published = published
        self.anchor = anchor
        self.current: SentenceTime = SentenceTime(anchor, None)

    def new_section(self) -> None:
        """A heading: a section without dates of its own ("Reactions") is about the
        document's time, not the last date of the section before."""
        if self.anchor is not None:
            self.current = SentenceTime(self.anchor, None)

    def sentence(self, refs: list[TimeRef]) -> tuple[SentenceTime, list[DateSpan | None]]:
        """Resolve one sentence's expressions (in order); return the date it started at."""
        before = self.current
        local = before.span
        resolved: list[DateSpan | None] = []
        last_main: SentenceTime | None = None
        for ref in refs:
            span = resolve(ref.match, self._context(ref, local, before.span))
            resolved.append(span)
            if span is None:
                continue
            local = span
            if self._moves(ref, span, before.span):
                last_main = SentenceTime(span, ref.match.text)
        if last_main is not None:
            self.current = last_main
        return before, resolved

    def _context(
        self, ref: TimeRef, local: DateSpan | None, before: DateSpan | None
    ) -> TimeContext:
        """Relative dates count from the latest date; calendar dates without a year from the
        later of the sentence's start and the latest date (narratives move forward)."""
        narrative = local
        if ref.match.rule in CALENDAR_RULES and local and before and before.start > local.start:
            narrative = before
        return TimeContext(
            narrative=narrative,
            published=self.published,
            anchor=self.anchor.start if self.anchor else self.published,
        )

    def _moves(self, ref: TimeRef, span: DateSpan, before: DateSpan | None) -> bool:
        """Whether a resolved expression becomes the narrative date for what follows.

        Main-clause dates do, unless they date a flashback ("had tried ... in
        November 2014") or jump years away in mid-sentence ("starts with
        Operation Barbarossa in June 1941"): a sentence that opens with its
        date may jump anywhere.
        """
        if not ref.main or ref.match.is_anaphoric:
            return False
        if ref.initial or before is None:
            return True
        if ref.flashback:
            return False
        return abs((span.start - before.start).days) <= MAX_MIDSENTENCE_JUMP_DAYS
