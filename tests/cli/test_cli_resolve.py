"""``contested resolve actor|place``, ``contested actors show``, ``contested places show``."""

from __future__ import annotations

import json

import pytest

from tests._data import Invoke


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["resolve", "place", "Tadmur"], {"id": "palmyra", "rule": "exact", "admin1": "Homs"}),
        (["resolve", "place", "Hamdaniyah", "--near", "Qamishli"], {"id": "hamdaniyah-al-hasakah"}),
        (
            ["resolve", "place", "Semiramis Hotel"],
            {"id": "semiramis-hotel", "rule": "new", "flagged": True},
        ),
        (
            ["resolve", "actor", "al-Nusra", "--on", "2017-06-01"],
            {"id": "jabhat-al-nusra", "successor": "hayat-tahrir-al-sham"},
        ),
        (["resolve", "actor", "Nusra Front"], {"id": "jabhat-al-nusra", "successor": None}),
    ],
)
def test_cli_resolve_json(invoke: Invoke, args: list[str], expected: dict[str, object]) -> None:
    result = invoke(*args, "--json", db=None)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert {k: answer[k] for k in expected} == expected


def test_cli_resolve_place_table(invoke: Invoke) -> None:
    result = invoke("resolve", "place", "Shaykh Maskeen", db=None)
    assert result.exit_code == 0
    assert "ash-shaykh-miskin" in result.output and "folded" in result.output


def test_cli_resolve_actor_bad_date(invoke: Invoke) -> None:
    result = invoke("resolve", "actor", "al-Nusra", "--on", "June 2017", db=None)
    assert result.exit_code == 2
    assert "'June 2017' is not a date; expected YYYY-MM-DD" in result.output


def test_cli_actors_show(invoke: Invoke) -> None:
    result = invoke("actors", "show", "jabhat-fateh-al-sham", "--json", db=None)
    assert result.exit_code == 0
    profile = json.loads(result.output)
    assert profile["name"] == "Jabhat Fateh al-Sham"
    assert ("jabhat-fateh-al-sham", "merged_into", "hayat-tahrir-al-sham") in {
        (r["subject"], r["predicate"], r["object"]) for r in profile["became"]
    }


def test_cli_actors_show_table_has_timeline(invoke: Invoke) -> None:
    result = invoke("actors", "show", "jabhat-al-nusra", db=None)
    assert result.exit_code == 0
    assert "relations" in result.output and "renamed_to" in result.output


def test_cli_places_show(invoke: Invoke) -> None:
    result = invoke("places", "show", "palmyra", "--json", db=None)
    assert result.exit_code == 0
    profile = json.loads(result.output)
    assert (profile["admin1_pcode"], profile["geonameid"]) == ("SY04", 163808)
    assert "Tadmur" in profile["aliases"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["places", "show", "atlantis"],
            "Error: place 'atlantis' is not in the gazetteer; "
            "use `contested resolve place NAME` to find an id by name\n",
        ),
        (
            ["actors", "show", "spectre"],
            "Error: actor 'spectre' is not in the registry; "
            "use `contested resolve actor NAME` to find an id by name\n",
        ),
    ],
)
def test_cli_show_unknown_id(invoke: Invoke, args: list[str], message: str) -> None:
    result = invoke(*args, db=None)
    assert result.exit_code == 1
    assert result.output == message
