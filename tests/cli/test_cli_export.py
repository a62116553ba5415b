from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from contested.store import Store
from tests._data import DATA, SEED_GOLD, UCDP_CSV, Invoke, table_counts

# Columns that legitimately differ after a round trip: the source is the exported file.
_NOT_COMPARED = {"source_id"}


def _contents(db: Path, table: str) -> list[tuple]:
    with Store.open(db, read_only=True) as store:
        columns = [
            c
            for c in store.query(f"SELECT * FROM {table} LIMIT 0").column_names
            if c not in _NOT_COMPARED
        ]
        rows = store.con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
    return sorted(rows, key=repr)


@pytest.mark.parametrize(
    "source", [SEED_GOLD, UCDP_CSV, DATA / "alias_refs.facts.json"], ids=["gold", "ucdp", "aliases"]
)
def test_cli_export_facts_round_trips(
    invoke: Invoke, db_path: Path, tmp_path: Path, source: Path
) -> None:
    assert invoke("ingest", str(source)).exit_code == 0
    out = tmp_path / "facts"
    result = invoke("export", str(out), "--format", "facts")
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*.json"))
    assert len(files) == 1
    again = tmp_path / "again.duckdb"
    assert invoke("ingest", *map(str, files), db=again).exit_code == 0
    before, after = table_counts(db_path), table_counts(again)
    assert after == before
    for table in (
        "events",
        "event_actors",
        "relations",
        "claims",
        "assessments",
        "source_actors",
        "source_places",
        "actors",
        "places",
    ):
        assert _contents(again, table) == _contents(db_path, table), table


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_cli_export_tables(invoke: Invoke, tmp_path: Path, fmt: str) -> None:
    invoke("ingest", str(SEED_GOLD))
    out = tmp_path / "tables"
    result = invoke("export", str(out), "--format", fmt)
    assert result.exit_code == 0
    assert result.output == f"{out}: 12 files\n"
    reader = "read_parquet" if fmt == "parquet" else "read_csv"
    count = duckdb.sql(f"SELECT count(*) FROM {reader}('{out}/events.{fmt}')").fetchone()
    assert count == (75,)


def test_cli_export_geojson_points_carry_their_quote(invoke: Invoke, tmp_path: Path) -> None:
    invoke("ingest", str(SEED_GOLD))
    target = tmp_path / "events.geojson"
    result = invoke("export", str(target), "--format", "geojson")
    assert result.exit_code == 0
    collection = json.loads(target.read_text())
    assert result.output == f"{target}: {len(collection['features'])} events\n"
    idlib = next(f for f in collection["features"] if f["properties"]["event_id"] == "e02")
    assert idlib["geometry"]["coordinates"] == [pytest.approx(36.63), pytest.approx(35.93)]
    assert idlib["properties"]["quote"].startswith("In late March 2015")


def test_cli_export_needs_a_format(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("export", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert "Missing option '--format'" in result.output
