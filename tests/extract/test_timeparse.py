"""Temporal expressions: every form the issue lists, resolved against a narrative date."""

from __future__ import annotations

from datetime import date

import pytest

from contested.extract.timeparse import DateSpan, TimeContext, find_time_expressions, resolve

PUBLISHED = date(2016, 6, 21)


def _one(text: str, narrative: tuple[date, date] | None = None) -> tuple[str, DateSpan | None]:
    found = find_time_expressions(text)
    assert len(found) == 1, [m.text for m in found]
    span = DateSpan(*narrative) if narrative else None
    return found[0].text, resolve(found[0], TimeContext(span, PUBLISHED))


@pytest.mark.parametrize(
    ("sentence", "phrase", "start", "end"),
    [
        (
            "In late March 2015, the Assad regime was swept from Idlib City.",
            "late March 2015",
            date(2015, 3, 21),
            date(2015, 3, 31),
        ),
        (
            "From the time of Russia's direct intervention in Syria on 30 September 2015.",
            "30 September 2015",
            date(2015, 9, 30),
            date(2015, 9, 30),
        ),
        (
            "IS had been expelled by the moderate opposition in January and February 2014.",
            "January and February 2014",
            date(2014, 1, 1),
            date(2014, 2, 28),
        ),
        (
            "clearing two entirely in eight weeks between January and March 2014, but",
            "between January and March 2014",
            date(2014, 1, 1),
            date(2014, 3, 31),
        ),
        (
            "In June-July 2014, rebels, led by JAI, sharply curtailed IS's activities.",
            "June-July 2014",
            date(2014, 6, 1),
            date(2014, 7, 31),
        ),
        (
            "over the summer of 2015, as the regime was ceding Palmyra",
            "the summer of 2015",
            date(2015, 6, 1),
            date(2015, 8, 31),
        ),
        (
            "first made contact with IS in the summer or fall of 2014",
            "the summer or fall of 2014",
            date(2014, 6, 1),
            date(2014, 11, 30),
        ),
        (
            "began laying the foundations of its caliphate in the spring of 2013.",
            "the spring of 2013",
            date(2013, 3, 1),
            date(2013, 5, 31),
        ),
        (
            "which Assad left almost wholly alone until late 2014, when",
            "late 2014",
            date(2014, 9, 1),
            date(2014, 12, 31),
        ),
        (
            "Recruitment surged in mid-2015 across the north.",
            "mid-2015",
            date(2015, 5, 1),
            date(2015, 8, 31),
        ),
        (
            "Between 26 January and 12 February 2017, heavy fighting took place near Khanasir.",
            "Between 26 January and 12 February 2017",
            date(2017, 1, 26),
            date(2017, 2, 12),
        ),
        (
            "The offensive ran from 21–29 February 2016 along the road.",
            "21–29 February 2016",
            date(2016, 2, 21),
            date(2016, 2, 29),
        ),
        (
            "without his support the group might not have existed after the Sahwa of 2007–08.",
            "2007–08",
            date(2007, 1, 1),
            date(2008, 12, 31),
        ),
        (
            "Kyle W. Orton\n\nJune 21, 2016\n\n",
            "June 21, 2016",
            date(2016, 6, 21),
            date(2016, 6, 21),
        ),
    ],
)
def test_timeparse_absolute_forms(sentence: str, phrase: str, start: date, end: date) -> None:
    text, span = _one(sentence)
    assert text.endswith(phrase) or phrase in text
    assert span == DateSpan(start, end)


NARRATIVE_2016 = (date(2016, 1, 25), date(2016, 1, 25))


@pytest.mark.parametrize(
    ("sentence", "narrative", "start", "end"),
    [
        # a day and month take the year nearest the narrative, never after publication
        (
            "On 21 May, two of IS's affiliates joined together",
            (date(2015, 12, 1), date(2015, 12, 31)),
            date(2016, 5, 21),
            date(2016, 5, 21),
        ),
        (
            "the cutting of the supply line on 4 February, and",
            NARRATIVE_2016,
            date(2016, 2, 4),
            date(2016, 2, 4),
        ),
        (
            "JAF pushed on to take Jisr al-Shughur by late April, the gateway",
            (date(2015, 3, 21), date(2015, 3, 31)),
            date(2015, 4, 21),
            date(2015, 4, 30),
        ),
        (
            "By June, the regime was losing ground",
            (date(2015, 4, 21), date(2015, 4, 30)),
            date(2015, 6, 1),
            date(2015, 6, 30),
        ),
        (
            "in the second week of June the MOC suspended the delivery",
            (date(2016, 5, 21), date(2016, 5, 21)),
            date(2016, 6, 8),
            date(2016, 6, 14),
        ),
        (
            "From 13 October onwards, Russia more accurately described the areas",
            (date(2015, 10, 9), date(2015, 10, 9)),
            date(2015, 10, 13),
            date(2015, 11, 12),
        ),
        (
            "On Christmas Day, Russia assassinated Zahran Alloush",
            (date(2015, 12, 21), date(2015, 12, 31)),
            date(2015, 12, 25),
            date(2015, 12, 25),
        ),
        (
            "Towards the end of February, the Republican Guard seized Umm Miyal",
            (date(2017, 2, 12), date(2017, 2, 12)),
            date(2017, 2, 21),
            date(2017, 2, 28),
        ),
        (
            "with an uptick of departures around the Sochi Olympics in February that year.",
            (date(2014, 9, 1), date(2014, 9, 30)),
            date(2014, 2, 1),
            date(2014, 2, 28),
        ),
        (
            "IS was still advancing in Aleppo in December, coming within miles",
            (date(2015, 11, 11), date(2015, 11, 11)),
            date(2015, 12, 1),
            date(2015, 12, 31),
        ),
    ],
)
def test_timeparse_partial_dates_take_the_narrative_year(
    sentence: str, narrative: tuple[date, date], start: date, end: date
) -> None:
    _, span = _one(sentence, narrative)
    assert span == DateSpan(start, end)


@pytest.mark.parametrize(
    ("sentence", "narrative", "start", "end"),
    [
        (
            "The next day, the regime re-conquered Shaykh Maskeen",
            (date(2016, 1, 24), date(2016, 1, 24)),
            date(2016, 1, 25),
            date(2016, 1, 25),
        ),
        (
            "Hours later — with no sign of Russian jets — IS advanced",
            (date(2015, 10, 9), date(2015, 10, 9)),
            date(2015, 10, 9),
            date(2015, 10, 9),
        ),
        (
            "and just four days later Russia would provide airstrikes",
            (date(2016, 2, 11), date(2016, 2, 11)),
            date(2016, 2, 15),
            date(2016, 2, 15),
        ),
        (
            "despite having been denied a passport two weeks earlier.",
            (date(2014, 9, 15), date(2014, 9, 15)),
            date(2014, 9, 1),
            date(2014, 9, 1),
        ),
        (
            "Government forces reportedly re-secured the village the following day.",
            (date(2016, 2, 26), date(2016, 2, 26)),
            date(2016, 2, 27),
            date(2016, 2, 27),
        ),
        (
            "which they breached the previous day with the help of Russian airstrikes.",
            (date(2016, 2, 25), date(2016, 2, 25)),
            date(2016, 2, 24),
            date(2016, 2, 24),
        ),
        (
            "Towns were traded over the next few days, but",
            (date(2016, 2, 21), date(2016, 2, 21)),
            date(2016, 2, 22),
            date(2016, 2, 26),
        ),
        (
            "with more than 160 airstrikes in the first forty-eight hours.",
            (date(2016, 3, 9), date(2016, 3, 9)),
            date(2016, 3, 9),
            date(2016, 3, 11),
        ),
        (
            "Within ten days the already-fictional ceasefire was beyond pretence.",
            (date(2016, 4, 10), date(2016, 4, 10)),
            date(2016, 4, 10),
            date(2016, 4, 20),
        ),
        (
            "Later that day, the castle itself was captured",
            (date(2016, 3, 25), date(2016, 3, 25)),
            date(2016, 3, 25),
            date(2016, 3, 25),
        ),
        (
            "Meanwhile, ISIL launched an assault on the town",
            (date(2016, 2, 23), date(2016, 2, 23)),
            date(2016, 2, 23),
            date(2016, 2, 23),
        ),
    ],
)
def test_timeparse_relative_to_the_narrative(
    sentence: str, narrative: tuple[date, date], start: date, end: date
) -> None:
    _, span = _one(sentence, narrative)
    assert span == DateSpan(start, end)


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        (
            "Earlier this month, the State Department designated LSY",
            date(2016, 6, 1),
            date(2016, 6, 20),
        ),
        ("since it intervened last September belie the idea", date(2015, 9, 1), date(2015, 9, 30)),
        ("though it has tried again recently.", date(2016, 3, 23), date(2016, 6, 21)),
        (
            "In recent days, this basic war strategy has been seen again",
            date(2016, 3, 23),
            date(2016, 6, 21),
        ),
    ],
)
def test_timeparse_relative_to_publication(sentence: str, start: date, end: date) -> None:
    _, span = _one(sentence)
    assert span == DateSpan(start, end)


@pytest.mark.parametrize(
    "sentence",
    [
        "Assad had been enabling IS for fourteen years.",
        "the pro-regime forces may march on Raqqa; they may not.",
        "At least 2,000 civilians were killed by Russia's bombing.",
        "Resolution 2254 was adopted without a vote.",
    ],
)
def test_timeparse_ignores_non_dates(sentence: str) -> None:
    assert find_time_expressions(sentence) == []


def test_timeparse_no_context_for_a_partial_date_gives_none() -> None:
    found = find_time_expressions("On 21 May, the groups merged.")
    assert resolve(found[0], TimeContext()) is None


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("Russian jets struck a market in Idlib on Monday, activists said.", date(2016, 6, 20)),
        ("The ministry said late on Tuesday that its jets had hit militants.", date(2016, 6, 21)),
        ("Clashes resumed last Tuesday near the town.", date(2016, 6, 14)),
    ],
)
def test_timeparse_news_weekdays(sentence: str, day: date) -> None:
    _, span = _one(sentence)
    assert span == DateSpan(day, day)
