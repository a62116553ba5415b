"""Control intervals from territory events of several sources, on small hand-made facts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from contested import derive
from contested.ingest import ingest
from contested.store import Store
from contested.tables import FactTables, SourceInfo, rows_to_table

# (source tag, event id, actor1, place, date_start, date_end, sub-event type)
Capture = tuple[str, str, str, str, date, date, str]
TAKE = "Non-state actor overtakes territory"
REGAIN = "Government regains territory"
HANDOVER = "Non-violent transfer of territory"


def _store_captures(store: Store, captures: list[Capture]) -> None:
    by_source: dict[str, list[Capture]] = {}
    for capture in captures:
        by_source.setdefault(capture[0], []).append(capture)
    for tag, rows in by_source.items():
        source = SourceInfo(content_hash=f"{tag:0<64}", kind="facts", reader="test", path=tag)
        events = [
            {
                "event_id": event_id,
                "event_type": "Battles" if sub != HANDOVER else "Strategic developments",
                "sub_event_type": sub,
                "date_start": start,
                "date_end": end,
                "actor1": actor,
                "place": place,
                "assoc_actor1": [],
                "assoc_actor2": [],
            }
            for _tag, event_id, actor, place, start, end, sub in rows
        ]
        store.write(FactTables(source=source, events=rows_to_table("events", events)))
    derive.refresh(store)


def _intervals(store: Store) -> list[tuple[Any, ...]]:
    rows = store.query(
        "SELECT controller, valid_from, valid_to, n_facts, n_sources, conflict "
        "FROM control_intervals ORDER BY valid_from NULLS FIRST, controller"
    )
    return [tuple(r.values()) for r in rows.to_pylist()]


D = date


@pytest.mark.parametrize(
    ("captures", "expected"),
    [
        pytest.param(
            [
                ("a", "e1", "is", "palmyra", D(2015, 5, 1), D(2015, 5, 31), TAKE),
                ("a", "e2", "regime", "palmyra", D(2016, 3, 27), D(2016, 3, 27), REGAIN),
            ],
            [
                ("unknown", None, D(2015, 5, 31), 0, 0, False),
                ("is", D(2015, 5, 31), D(2016, 3, 27), 1, 1, False),
                ("regime", D(2016, 3, 27), None, 1, 1, False),
            ],
            id="a capture holds from the last day of its date range until the next",
        ),
        pytest.param(
            [
                ("a", "e1", "is", "palmyra", D(2015, 5, 20), D(2015, 5, 20), TAKE),
                ("b", "x9", "is", "palmyra", D(2015, 5, 21), D(2015, 5, 21), TAKE),
                ("a", "e2", "regime", "palmyra", D(2016, 3, 27), D(2016, 3, 27), REGAIN),
            ],
            [
                ("unknown", None, D(2015, 5, 20), 0, 0, False),
                ("is", D(2015, 5, 20), D(2016, 3, 27), 2, 2, False),
                ("regime", D(2016, 3, 27), None, 1, 1, False),
            ],
            id="two sources reporting the same capture make one interval",
        ),
        pytest.param(
            [
                ("a", "e1", "jaa", "road", D(2016, 2, 21), D(2016, 2, 21), TAKE),
                ("b", "e1", "is", "road", D(2016, 2, 21), D(2016, 2, 21), TAKE),
                ("a", "e2", "regime", "road", D(2016, 2, 26), D(2016, 2, 26), REGAIN),
            ],
            [
                ("unknown", None, D(2016, 2, 21), 0, 0, False),
                ("is", D(2016, 2, 21), D(2016, 2, 26), 1, 1, True),
                ("jaa", D(2016, 2, 21), D(2016, 2, 26), 1, 1, True),
                ("regime", D(2016, 2, 26), None, 1, 1, False),
            ],
            id="sources naming different captors the same day conflict",
        ),
        pytest.param(
            [
                ("a", "e1", "rebels", "town", D(2015, 3, 1), D(2015, 3, 31), TAKE),
                ("b", "e1", "regime", "town", D(2015, 3, 10), D(2015, 3, 10), REGAIN),
            ],
            [
                ("unknown", None, D(2015, 3, 10), 0, 0, False),
                ("regime", D(2015, 3, 10), D(2015, 3, 31), 1, 1, True),
                ("rebels", D(2015, 3, 31), None, 1, 1, True),
            ],
            id="overlapping date ranges make the order uncertain",
        ),
        pytest.param(
            [("a", "e1", "jaf", "airbase", D(2015, 9, 9), D(2015, 9, 9), HANDOVER)],
            [
                ("unknown", None, D(2015, 9, 9), 0, 0, False),
                ("jaf", D(2015, 9, 9), None, 1, 1, False),
            ],
            id="a non-violent transfer hands the place to actor1",
        ),
    ],
)
def test_derive_control_intervals(
    store: Store, captures: list[Capture], expected: list[tuple[Any, ...]]
) -> None:
    _store_captures(store, captures)
    assert _intervals(store) == expected


def test_derive_control_evidence_names_every_fact(store: Store) -> None:
    _store_captures(
        store,
        [
            ("a", "e1", "is", "palmyra", D(2015, 5, 20), D(2015, 5, 20), TAKE),
            ("b", "x9", "is", "palmyra", D(2015, 5, 21), D(2015, 5, 21), TAKE),
        ],
    )
    rows = store.query(
        "SELECT controller, valid_from, event_id FROM control_evidence ORDER BY event_id"
    ).to_pylist()
    assert [tuple(r.values()) for r in rows] == [
        ("is", D(2015, 5, 20), "e1"),
        ("is", D(2015, 5, 20), "x9"),
    ]


def test_derive_refresh_marks_the_tables_current(store: Store) -> None:
    assert not store.derived_is_current()
    _store_captures(store, [("a", "e1", "is", "palmyra", D(2015, 5, 20), D(2015, 5, 20), TAKE)])
    assert store.derived_is_current()
    assert derive.ensure_current(store) is False


@pytest.mark.parametrize(
    ("kind", "holds"),
    [
        ("armed_group", True),
        ("political_party", True),
        (None, True),
        ("other", False),
        ("civilians", False),
        ("intl_org", False),
    ],
)
def test_derive_control_only_actors_that_can_hold_ground(
    store: Store, tmp_path: Path, kind: str | None, holds: bool
) -> None:
    actor: dict[str, Any] = {"id": "taker", "name": "Liwa al-Testiyya"}
    if kind:
        actor["kind"] = kind
    facts = {
        "format": "contested-facts/1",
        "doc": {"id": "kinds", "published": "2016-06-21"},
        "actors": [actor],
        "places": [{"id": "t", "name": "Tal Testiyya", "kind": "town", "lat": 36.1, "lon": 37.2}],
        "events": [
            {
                "id": "e1",
                "event_type": "Battles",
                "sub_event_type": TAKE,
                "date": {"start": "2016-02-01", "end": "2016-02-01"},
                "actor1": "taker",
                "place": "t",
                "quote": "Liwa al-Testiyya took Tal Testiyya on 1 February.",
            }
        ],
    }
    path = tmp_path / "kinds.facts.json"
    path.write_text(json.dumps(facts), encoding="utf-8")
    ingest([path], store)
    controllers = {
        r["controller"] for r in store.query("SELECT controller FROM control_intervals").to_pylist()
    }
    assert (controllers - {"unknown"} != set()) is holds
