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
            "SOUTHWEST ASIA, June 27, 2017 - Coalition aircraft struck 25 ISIS fighting "
            "positions near Raqqa yesterday.",
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


def test_news_the_claimant_of_a_bombing_is_its_doer(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "A suicide bomber killed four Americans and at least 15 other people at a restaurant in "
        "the northern Syrian city of Manbij on Wednesday, in an attack claimed by Islamic State.",
        published=date(2019, 1, 17),
    )
    [event] = facts.events
    assert event.sub_event_type == "Suicide bomb"
    assert (event.actor1, event.actor2) == ("islamic-state", "united-states")
    assert event.date is not None and event.date.start == date(2019, 1, 16)


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of residents took to the streets of Maarat al-Numan on Sunday evening to "
        "protest against the Nusra Front.",
        "The protests spread on Monday to the nearby town of Kafr Nabl, residents said.",
    ],
)
def test_news_an_unnamed_crowd_is_the_generic_protesters(extract, text: str) -> None:  # type: ignore[no-untyped-def]
    facts = extract(text, published=date(2016, 3, 14))
    [event] = _events(facts, "Protests")
    assert event.actor1 == "protesters"


def test_news_the_name_in_apposition_is_the_actor(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "BEIRUT, March 14 (wire) - Fighters from al Qaeda's Syrian branch Nusra Front overran "
        "the headquarters of the Western-backed Division 13 in the town of Maarat al-Numan on "
        "Sunday, activists said.",
        published=date(2016, 3, 14),
    )
    [event] = _events(facts, "Battles")
    assert (event.actor1, event.actor2) == ("jabhat-al-nusra", "division-13")
    assert event.date is not None and event.date.start == date(2016, 3, 13)


@pytest.mark.parametrize(
    "text",
    [
        "ISIS could attempt to retake Palmyra if pro-regime forces redeploy to other fronts.",
        "Government and Russian aircraft have repeatedly bombed hospitals and markets in the "
        "province, rescue workers say.",
        "Pro-regime forces will likely continue east toward the T4 Airbase in the coming weeks.",
        "The handover likely aims to deter a Turkish-backed assault on Manbij.",
    ],
)
def test_news_forecasts_and_habits_are_not_events(extract, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(text, published=date(2017, 3, 3)).events == []
