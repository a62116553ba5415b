"""The UCDP GED reader on the bundled Syria extract (16,566 real events)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from contested.ingest import ingest
from contested.store import Store
from tests._data import DATA, UCDP_CSV, table_counts


@pytest.fixture(scope="module")
def ucdp_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge base holding the whole UCDP extract, ingested once for this module."""
    path = tmp_path_factory.mktemp("ucdp") / "kb.duckdb"
    with Store.open(path) as store:
        ingest([UCDP_CSV], store)
    return path


def _event(kb: Path, event_id: str) -> dict[str, object]:
    with Store.open(kb, read_only=True) as store:
        return store.query(
            "SELECT e.*, p.name AS place_name, p.kind AS place_kind, p.admin1 "
            "FROM events e LEFT JOIN source_places p USING (source_id) "
            "WHERE e.event_id = ? AND p.ref = e.place_text",
            [event_id],
        ).to_pylist()[0]


def _records(count: int) -> list[list[str]]:
    """The header and the first ``count`` records of the real file."""
    with UCDP_CSV.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        return [next(reader) for _ in range(count + 1)]


def _write(path: Path, records: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(records)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_ucdp_ingest_counts_every_event(ucdp_kb: Path) -> None:
    with Store.open(ucdp_kb, read_only=True) as store:
        found = store.query("SELECT kind, n_events FROM sources WHERE kind = 'ucdp'").to_pylist()
        counts = store.counts()
    assert found == [{"kind": "ucdp", "n_events": 16_566}]
    assert counts["events"] == 16_566


@pytest.mark.parametrize(
    ("event_id", "row", "fields"),
    [
        (
            "214797",
            1,
            {
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "actor1_text": "Government of Syria",
                "actor2_text": "Syrian insurgents",
                "place_name": "Teir Maaleh",
                "place_kind": "village",
                "admin1": "Homs",
                "lat": 34.802462,
                "lon": 36.707602,
                "date_start": date(2016, 1, 1),
                "date_end": date(2016, 1, 1),
                "fatalities": 4,
                "reported_by": "SOHR",
            },
        ),
        (
            "215936",
            50,
            {
                "event_type": "Violence against civilians",
                "sub_event_type": "Attack",
                "actor1_text": "IS",
                "actor2_text": "Civilians",
                "place_name": "Al Bab",
                "place_kind": "town",
                "admin1": "Aleppo",
                "fatalities": 2,
            },
        ),
        (
            "236772",
            31,
            {
                "actor2_text": "IS",
                "date_start": date(2016, 1, 1),
                "date_end": date(2016, 12, 31),
                "fatalities": 4182,
                "fatalities_low": 0,
                "fatalities_high": 4182,
                "lat": 35.0,
            },
        ),
        (
            "217848",
            883,
            {
                "place_name": "Aleppo Thermal Power Plant",
                "place_kind": None,
                "reported_by": "Waha Report",
                "location_precision": 2,
            },
        ),
        (
            "256413",
            16_566,
            {
                "event_type": "Battles",
                "actor1_text": "Ahrar al-Sham",
                "actor2_text": "IS",
                "place_name": "Hayt",
                "admin1": "Daraa",
                "date_start": date(2018, 2, 7),
                "date_end": date(2018, 2, 9),
                "date_precision": 2,
                "fatalities": 37,
            },
        ),
    ],
)
def test_ucdp_rows_match_the_file(
    ucdp_kb: Path, event_id: str, row: int, fields: dict[str, object]
) -> None:
    event = _event(ucdp_kb, event_id)
    assert event["row_number"] == row
    assert {key: event[key] for key in fields} == fields


def test_ucdp_side_listing_groups_gives_associates(ucdp_kb: Path) -> None:
    """Row 16,566's side_a is "Ahrar al-Sham, HTS, Southern Front"."""
    with Store.open(ucdp_kb, read_only=True) as store:
        found = store.query(
            "SELECT role, actor_text FROM event_actors WHERE event_id = '256413' "
            "ORDER BY role, actor_text"
        ).to_pylist()
    assert found == [
        {"role": "actor1", "actor_text": "Ahrar al-Sham"},
        {"role": "actor2", "actor_text": "IS"},
        {"role": "assoc_actor1", "actor_text": "HTS"},
        {"role": "assoc_actor1", "actor_text": "Southern Front"},
    ]


def test_ucdp_ingest_twice_adds_nothing(invoke: Callable[..., Result], db_path: Path) -> None:
    invoke("ingest", str(UCDP_CSV))
    before = table_counts(db_path)
    result = invoke("ingest", str(UCDP_CSV))
    assert result.exit_code == 0
    assert "already ingested" in result.output
    assert table_counts(db_path) == before


def _truncated(path: Path) -> Path:
    """The first 1,000 records with the last cut inside a quoted field."""
    text = _write(path, _records(1000)).read_text(encoding="utf-8")
    path.write_text(text[: text.rindex('"Waha') + 3], encoding="utf-8")
    return path


def _bad_date(path: Path) -> Path:
    records = _records(200)
    records[123][records[0].index("date_start")] = "2016-02-30"
    return _write(path, records)


def _short_row(path: Path) -> Path:
    records = _records(200)
    records[77] = records[77][:-2]
    return _write(path, records)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            _truncated,
            "row 1000: a quoted value never ends; expected a closing quote "
            "(is the file truncated?)",
        ),
        (_bad_date, "row 123: date_start: expected a date (YYYY-MM-DD), got '2016-02-30'"),
        (_short_row, "row 77: expected 41 columns, found 39 (is the file truncated?)"),
    ],
)
def test_ucdp_bad_file_changes_nothing(
    invoke: Callable[..., Result],
    db_path: Path,
    tmp_path: Path,
    make: Callable[[Path], Path],
    message: str,
) -> None:
    invoke("ingest", str(DATA / "gdelt_sample.export.CSV"))
    before = table_counts(db_path)
    bad = make(tmp_path / "ged.csv")
    result = invoke("ingest", str(bad))
    assert result.exit_code == 1
    assert result.output == f"Error: {bad}: {message}\n"
    assert table_counts(db_path) == before
