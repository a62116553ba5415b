"""Events end to end on real sentences of the corpus: types, roles from the parse, places, dates."""

from __future__ import annotations

from datetime import date

import pytest

from contested.facts import Event, FactsDocument
from tests.extract.conftest import names

pytestmark = pytest.mark.slow


def _events(facts: FactsDocument, sub: str) -> list[Event]:
    return [e for e in facts.events if e.sub_event_type == sub]


def test_events_passive_voice_swept_from(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "In late March 2015, the Assad regime was swept from Idlib City, only the "
        "second provincial capital to fall, by Jaysh al-Fatah (JAF), a coalition of "
        "insurgents."
    )
    [event] = _events(facts, "Non-state actor overtakes territory")
    assert "Jaysh al-Fatah" in names(facts, event.actor1)
    assert "Assad regime" in names(facts, event.actor2)
    assert "Idlib City" in names(facts, event.place)  # type: ignore[arg-type]
    assert (event.date.start, event.date.end) == (date(2015, 3, 21), date(2015, 3, 31))
    assert event.quote is not None and event.quote.startswith("In late March 2015")


def test_events_passive_capture_by_government_side(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "On 24 January the town of Rabia, which insurgents had held for four years, "
        "was overrun by the pro-regime forces."
    )
    [event] = _events(facts, "Government regains territory")
    assert "Rabia" in names(facts, event.place)  # type: ignore[arg-type]
    assert event.date.start == date(2016, 1, 24)


def test_events_active_capture_with_unknown_village(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "Towards the end of February, the Republican Guard seized the village of "
        "Umm Miyal, east of the highway, along with the adjacent hills.",
        published=date(2023, 9, 10),
        title="2017 Khanasir fighting",
    )
    [event] = _events(facts, "Government regains territory")
    assert "Umm Miyal" in names(facts, event.place)  # type: ignore[arg-type]
    assert (event.date.start, event.date.end) == (date(2017, 2, 21), date(2017, 2, 28))


def test_events_withdrawal_is_a_transfer_and_the_leaver_is_actor2(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract("On 9 September 2015, the regime pulled out of Abu al-Duhour airbase.")
    [event] = _events(facts, "Non-violent transfer of territory")
    assert "the regime" in names(facts, event.actor2) or "Syrian regime" in names(
        facts, event.actor2
    )
    assert event.actor1 is None
    assert event.date.start == date(2015, 9, 9)


def test_events_air_actor_attack_is_an_air_strike(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "The Russian air force bombed the FSA-branded New Syrian Army (NSyA) on 17 June."
    )
    [event] = _events(facts, "Air/drone strike")
    assert "New Syrian Army" in names(facts, event.actor2)
    assert event.date.start == date(2016, 6, 17)


def test_events_fatalities_are_summed(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "On 12 February, 39 pro-government fighters and at least 12 ISIL militants "
        "were killed in an attack by ISIL east of Khanasir."
    )
    assert [e.fatalities for e in facts.events if e.fatalities] == [51]


@pytest.mark.parametrize(
    "sentence",
    [
        "Doubtless the same will be said if and when the pro-regime forces conquer Tabqa.",
        "Russia did not even go after al-Nusra.",
        "The notion of the regime conquering Raqqa City is fanciful.",
    ],
)
def test_events_hypothetical_and_denied_are_not_events(extract, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(sentence).events == []


def test_events_in_reported_speech_belong_to_the_claim(extract) -> None:  # type: ignore[no-untyped-def]
    facts = extract(
        "Russia claimed on 9 October that it had killed two-hundred IS jihadists in Aleppo."
    )
    assert facts.events == []
    [claim] = facts.claims
    assert claim.about is not None and claim.about.sub_event_type == "Air/drone strike"


def test_events_spans_point_into_the_original(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Heading\n\nThe next day, the regime re-conquered Shaykh Maskeen from the rebellion."
    facts = extract(text, published=date(2016, 1, 30))
    [event] = facts.events
    start, end = event.span  # type: ignore[misc]
    assert text[start:end] == event.quote
    assert "Shaykh Maskeen" in names(facts, event.place)  # type: ignore[arg-type]
