"""News-style reports end to end: datelines, weekday dates, attributions, non-events."""

from __future__ import annotations

from datetime import date

import pytest

from contested.facts import Event, FactsDocument
from tests.extract.conftest import names

pytestmark = pytest.mark.slow


def _events(facts: FactsDocument, event_type: str | None = None) -> list[Event]:
    return [e for e in facts.events if event_type is None or e.event_type == event_type]


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        (
            "AKCAKALE, Turkey, Oct 10 (Reuters) - Turkish warplanes and artillery struck the "
            "border town of Tell Abyad on Wednesday.",
            date(2019, 10, 10),
            date(2019, 10, 9),
        ),
        (
            "SOUTHWEST ASIA, June 27, 2017 - Near Raqqa, 19 strikes destroyed 25 ISIS fighting "
            "positions yesterday.",
            date(2017, 6, 27),
            date(2017, 6, 26),
        ),
    ],
)
def test_news_dateline_is_neither_place_nor_actor_nor_date(  # type: ignore[no-untyped-def]
    extract, text: str, published: date, day: date
) -> None:
    facts = extract(text, published=published)
    [event] = _events(facts, "Explosions/Remote violence")
    assert event.date is not None and event.date.start == day
    dateline = text.split(" - ")[0]
    for ident in (event.place, event.actor1):
        assert not any(n and n.upper() in dateline for n in names(facts, ident) if len(n) > 3)
