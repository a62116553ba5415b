"""The analyses on the seed's gold facts, once per backend (DuckDB, Spark)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from contested import analysis, derive
from contested.errors import NotFound
from contested.vocab import VERDICTS


def _rows(table: Any) -> list[dict[str, Any]]:
    return table.to_pyarrow().to_pylist()


@pytest.mark.parametrize(
    ("place", "on", "controller"),
    [
        ("Palmyra", date(2016, 1, 1), "Islamic State"),
        ("Palmyra", date(2016, 4, 1), "Syrian regime"),
        ("Tadmur", date(2016, 3, 26), "Islamic State"),
        ("palmyra", date(2016, 3, 27), "Syrian regime"),
        ("Sheikh Miskin", date(2016, 1, 25), "Syrian regime"),
    ],
)
def test_analysis_control_at_gives_the_holder(
    con: Any, place: str, on: date, controller: str
) -> None:
    rows = _rows(analysis.control_at(con, place, on))
    # A name may fit several places (Tadmur: the city and its district): one row each.
    [held] = [r for r in rows if r["controller"] != "unknown"]
    assert held["controller_name"] == controller
    assert held["facts"]


@pytest.mark.parametrize(
    ("place", "on"), [("Palmyra", date(2015, 5, 30)), ("Damascus", date(2016, 1, 1))]
)
def test_analysis_control_at_is_unknown_without_evidence(con: Any, place: str, on: date) -> None:
    rows = _rows(analysis.control_at(con, place, on))
    assert [(r["controller"], r["sources"]) for r in rows] == [("unknown", [])]


@pytest.mark.parametrize("on", [date(2016, 3, 1)])
def test_analysis_control_map_flags_conflicting_sources(con: Any, on: date) -> None:
    rows = _rows(analysis.control_map(con, on))
    road = {r["controller_name"] for r in rows if r["place"] == "Aleppo–Khanasir road"}
    assert road == {"Islamic State", "Jund al-Aqsa"}
    assert all(r["conflict"] for r in rows if r["place"] == "Aleppo–Khanasir road")
    assert not any(r["conflict"] for r in rows if r["place"] == "Palmyra")


@pytest.mark.parametrize("place", ["Palmyra"])
def test_analysis_control_history_lists_every_interval(con: Any, place: str) -> None:
    rows = _rows(analysis.control_history(con, place))
    assert [(r["controller"], r["valid_from"], r["valid_to"]) for r in rows] == [
        ("unknown", None, date(2015, 5, 31)),
        ("islamic-state", date(2015, 5, 31), date(2016, 3, 27)),
        ("syrian-regime", date(2016, 3, 27), None),
    ]


@pytest.mark.parametrize(
    ("coalition", "on"),
    [("Jaysh al-Fatah", date(2015, 4, 1)), ("Army of Conquest", date(2015, 4, 1))],
)
def test_analysis_members_at_lists_members(con: Any, coalition: str, on: date) -> None:
    members = {r["member"] for r in _rows(analysis.members_at(con, coalition, on))}
    assert {"Jabhat al-Nusra", "Ahrar al-Sham"} <= members


def _ids(con: Any, *names: str) -> set[str]:
    return {i for name in names for i in analysis.actor_ids(con, name)}


@pytest.mark.parametrize("actor", ["Jaysh Khalid bin al-Walid", "JKBW"])
def test_analysis_lineage_lists_predecessors(con: Any, actor: str) -> None:
    rows = _rows(analysis.lineage(con, actor))
    predecessors = {r["actor_id"] for r in rows if r["direction"] == "predecessor"}
    assert _ids(con, "Liwa Shuhada al-Yarmouk", "Harakat al-Muthanna") <= predecessors
    assert {r["predicate"] for r in rows} <= {"merged_into", "absorbed_into", "renamed_to"}


@pytest.mark.parametrize("actor", ["Liwa Shuhada al-Yarmouk"])
def test_analysis_lineage_lists_successors(con: Any, actor: str) -> None:
    rows = _rows(analysis.lineage(con, actor))
    merged = [(r["into_id"], r["on"]) for r in rows if r["predicate"] == "merged_into"]
    [jkbw] = _ids(con, "Jaysh Khalid bin al-Walid")
    assert (jkbw, date(2016, 5, 21)) in merged
    assert {r["direction"] for r in rows} == {"successor"}


def test_analysis_claim_audit_gives_every_claim_a_verdict(con: Any) -> None:
    rows = _rows(analysis.claim_audit(con))
    assert len(rows) == 29
    assert {r["verdict"] for r in rows} <= {"supported", "contradicted", "unverifiable"}
    for row in rows:
        assert (row["verdict"] == "unverifiable") or row["evidence"], row["claim_id"]
        counted = [e for e in row["evidence"] if not e.startswith("context")]
        assert len(counted) == row["supporting"] + row["contradicting"]


@pytest.mark.parametrize(
    ("claim_id", "verdict", "evidence"),
    [
        # "Russia killed two hundred IS jihadists in Aleppo" (9 Oct 2015): rebels held it.
        ("c06", "contradicted", "contradicts control"),
        # The capture of Palmyra (27 Mar 2016): the record has the regime holding it.
        ("c18", "supported", "supports control"),
        # The Russian strike on the NSyA at al-Tanf: an event of the record.
        ("c26", "supported", "supports event"),
    ],
)
def test_analysis_claim_audit_checks_against_the_record(
    con: Any, claim_id: str, verdict: str, evidence: str
) -> None:
    row = next(r for r in _rows(analysis.claim_audit(con)) if r["claim_id"] == claim_id)
    assert row["verdict"] == verdict
    assert any(e.startswith(evidence) for e in row["evidence"])


def test_analysis_claim_audit_filters_by_claimant(con: Any) -> None:
    rows = _rows(analysis.claim_audit(con, analysis.actor_ids(con, "Russia")))
    assert rows and {r["claimant_id"] for r in rows} == {"russia"}
    assert set(VERDICTS) == {"supports", "disputes", "unclear"}


@pytest.mark.parametrize(("actor", "radius_km"), [("Russia", 10.0), ("Russian Federation", 0.0)])
def test_analysis_strike_attribution_shares_sum_to_one(
    con: Any, actor: str, radius_km: float
) -> None:
    rows = _rows(analysis.strike_attribution(con, actor, radius_km=radius_km))
    assert "unknown" in {r["controller"] for r in rows}
    assert sum(r["strikes"] for r in rows) == 19
    assert sum(r["share"] for r in rows) == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    # Russia struck Tell Rifaat on 15 Feb 2016, the day the PYD took it.
    [(date(2016, 2, 1), date(2016, 2, 28), {"PYD": 1, "unknown": 0})],
)
def test_analysis_strike_attribution_by_controller(
    con: Any, date_from: date, date_to: date, expected: dict[str, int]
) -> None:
    rows = _rows(analysis.strike_attribution(con, "Russia", date_from, date_to))
    want = {(_ids(con, k).pop() if k != "unknown" else k): n for k, n in expected.items()}
    assert {r["controller"]: r["strikes"] for r in rows} == want


@pytest.mark.parametrize(("actor", "unit"), [("Russia", "Russian Aerospace Forces")])
def test_analysis_strike_attribution_counts_sub_units(con: Any, actor: str, unit: str) -> None:
    group = derive.descendants(con, analysis.actor_ids(con, actor))
    assert _ids(con, unit) <= group


@pytest.mark.parametrize(
    ("actor", "place", "change"),
    [("Syrian government", "Palmyra", "gained"), ("IS", "Palmyra", "lost")],
)
def test_analysis_territorial_change(con: Any, actor: str, place: str, change: str) -> None:
    changes = _rows(analysis.territorial_change(con, actor, date(2016, 3, 1), date(2016, 3, 31)))
    # The group of IS includes Jabhat al-Nusra (part_of in the gold): it took Maarat al-Numan.
    rows = [r for r in changes if r["place"] == place]
    assert [(r["change"], r["on"]) for r in rows] == [(change, date(2016, 3, 27))]
    assert "russia" in rows[0]["strikers"]


@pytest.mark.parametrize("name", ["Nowhere-on-Orontes"])
def test_analysis_unknown_place_raises(con: Any, name: str) -> None:
    with pytest.raises(NotFound, match=f'no place "{name}"'):
        analysis.control_at(con, name, date(2016, 1, 1))
