from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from contested.errors import InputError, InvalidRecord
from contested.facts import FactsDocument, load_facts, parse_facts
from tests._data import PALMYRA_GOLD, SEED_GOLD

Mutation = Callable[[dict[str, Any]], None]


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


def test_facts_loads_the_seed_gold_file() -> None:
    document, problems = load_facts(SEED_GOLD)
    assert problems == []
    assert (len(document.actors), len(document.places), len(document.events)) == (76, 63, 75)
    assert (len(document.relations), len(document.claims)) == (63, 29)
    assert document.doc.published.isoformat() == "2016-06-21"
    assert document.events[1].date.start.isoformat() == "2015-03-21"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["events"][12]["date"].__setitem__("start", "21 May 2016"),
            "gold.json: events[12].date.start: "
            "expected an ISO date (YYYY-MM-DD), got '21 May 2016'",
        ),
        (
            lambda d: d["events"][3].__setitem__("event_type", "Battle"),
            "gold.json: events[3].event_type: expected an ACLED event type (Battles, Explosions/"
            "Remote violence, Violence against civilians, Protests, Riots, Strategic developments),"
            " got 'Battle'",
        ),
        (
            lambda d: d["relations"][2].__setitem__("predicate", "friends_with"),
            "gold.json: relations[2].predicate: expected a relation predicate (member_of, part_of, "
            "absorbed_into, merged_into, allegiance_to, designated_by, supported_by, allied_with, "
            "fights), got 'friends_with'",
        ),
        (
            lambda d: d["claims"][1].pop("claimant"),
            "gold.json: claims[1].claimant: required field is missing",
        ),
        (
            lambda d: d["events"][4].__setitem__("sub_event_type", "Attack"),
            "gold.json: events[4]: sub_event_type 'Attack' is not a kind of 'Battles'; "
            "expected one of: Armed clash, Government regains territory, "
            "Non-state actor overtakes territory",
        ),
        (
            lambda d: d["events"][5]["date"].__setitem__("end", "2010-01-01"),
            "gold.json: events[5].date: expected end >= start, got 2015-06-01 .. 2010-01-01",
        ),
        (
            lambda d: d["events"][5].__setitem__("span", [5, 2]),
            "gold.json: events[5].span: expected [start, end] with 0 <= start <= end, got [5, 2]",
        ),
        (
            lambda d: d["claims"][2]["assessments"].append({"by": "isw", "verdict": "maybe"}),
            "gold.json: claims[2].assessments[0].verdict: expected a verdict (supports, disputes, "
            "unclear), got 'maybe'",
        ),
        (
            lambda d: d["places"][3].__setitem__("lat", 100),
            "gold.json: places[3].lat: input should be less than or equal to 90, got 100",
        ),
        (lambda d: d["doc"].pop("id"), "gold.json: doc.id: required field is missing"),
        (
            lambda d: d.__setitem__("format", "contested-facts/9"),
            "gold.json: format: expected 'contested-facts/1', got 'contested-facts/9'",
        ),
    ],
)
def test_facts_bad_field_names_path_and_expectation(
    seed: dict[str, Any], mutate: Mutation, message: str
) -> None:
    data = copy.deepcopy(seed)
    mutate(data)
    with pytest.raises(InvalidRecord) as caught:
        parse_facts(data, "gold.json")
    assert str(caught.value) == message


def test_facts_skip_bad_drops_only_the_bad_record(seed: dict[str, Any]) -> None:
    data = copy.deepcopy(seed)
    data["events"][7]["date"]["start"] = "March 2015"
    document, problems = parse_facts(data, "gold.json", skip_bad=True)
    assert len(document.events) == 74
    assert [p.location for p in problems] == ["events[7].date.start"]


def test_facts_real_gold_file_with_a_bad_geonameid() -> None:
    with pytest.raises(InvalidRecord, match=r"places\[14\]\.geonameid"):
        load_facts(PALMYRA_GOLD)
    document, problems = load_facts(PALMYRA_GOLD, skip_bad=True)
    assert len(problems) == 1
    assert len(document.places) == 38


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"format": "contested-facts/1", "doc": {"id": "x"},',
            "line 1 column 52: invalid JSON (Expecting property name enclosed in double quotes)",
        ),
        ("[1, 2]", "$: expected a JSON object, got list"),
        (b"\xff\xfe{}", "not UTF-8 at byte 0"),
    ],
)
def test_facts_unreadable_file(tmp_path: Path, content: str | bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(InputError, match=re.escape(message)):
        load_facts(path)


def test_facts_json_round_trip() -> None:
    document, _ = load_facts(SEED_GOLD)
    again = FactsDocument.model_validate_json(document.to_json())
    assert again == document


def test_facts_date_shorthand_is_a_one_day_range(seed: dict[str, Any]) -> None:
    data = copy.deepcopy(seed)
    data["events"][0]["date"] = "2015-09-30"
    document, _ = parse_facts(data, "gold.json")
    day = document.events[0].date
    assert (day.start.isoformat(), day.end.isoformat()) == ("2015-09-30", "2015-09-30")
