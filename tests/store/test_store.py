from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from contested.errors import SchemaTooNew, StoreError
from contested.ingest import ingest
from contested.store import Store
from contested.store._database import SCHEMA_VERSION
from contested.tables import FactTables, SourceInfo, rows_to_table
from tests._data import DATA, SEED_GOLD, SEED_TEXT


def _source(tag: str) -> SourceInfo:
    return SourceInfo(content_hash=f"{tag:0<64}", kind="facts", reader="test", path=f"{tag}.json")


def _capture(source: SourceInfo, actor: str) -> FactTables:
    """One source saying ``actor`` took Palmyra on 27 March 2016."""
    event = {
        "event_id": "e1",
        "event_type": "Battles",
        "sub_event_type": "Government regains territory",
        "date_start": date(2016, 3, 27),
        "date_end": date(2016, 3, 27),
        "actor1": actor,
        "place": "palmyra",
        "assoc_actor1": [],
        "assoc_actor2": [],
    }
    actors = [{"ref": actor, "name": actor, "actor_id": actor, "resolution_rule": "exact"}]
    places = [
        {"ref": "palmyra", "name": "Palmyra", "place_id": "palmyra", "lat": 34.56, "lon": 38.28}
    ]
    return FactTables(
        source=source,
        events=rows_to_table("events", [event]),
        actors=rows_to_table("actors", actors),
        places=rows_to_table("places", places),
    )


def test_store_new_file_has_current_schema(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.counts() == dict.fromkeys(
            [
                "sources",
                "actors",
                "places",
                "events",
                "event_actors",
                "relations",
                "claims",
                "assessments",
            ],
            0,
        )
    with Store.open(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION


def test_store_refuses_a_newer_schema(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.con.execute("UPDATE contested_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(SchemaTooNew, match="schema version 99, newer than this contested"):
        Store.open(db_path)


def test_store_refuses_a_foreign_duckdb_file(db_path: Path) -> None:
    duckdb.connect(str(db_path)).execute("CREATE TABLE t (x INT)").close()
    with pytest.raises(StoreError, match="is a DuckDB file but not a contested knowledge base"):
        Store.open(db_path)


def test_store_refuses_a_file_that_is_not_duckdb(db_path: Path) -> None:
    db_path.write_text("hello")
    with pytest.raises(StoreError, match=r"cannot open .* as a DuckDB file"):
        Store.open(db_path)


def test_store_read_only_needs_an_existing_file(db_path: Path) -> None:
    with pytest.raises(StoreError, match=r"does not exist\. Run 'contested ingest FILE' first"):
        Store.open(db_path, read_only=True)
    assert not db_path.exists()


def test_store_write_is_all_or_nothing(store: Store) -> None:
    facts = _capture(_source("a"), "syrian-government")
    broken = facts.events.set_column(
        facts.events.schema.get_field_index("event_type"),
        "event_type",
        pa.array([None], pa.string()),
    )
    with pytest.raises(duckdb.ConstraintException):
        store.write(facts.with_tables(events=broken))
    assert store.counts()["sources"] == 0
    assert store.counts()["actors"] == 0
    assert store.has_source(facts.source.content_hash) is None


def test_store_keeps_disagreeing_sources_side_by_side(store: Store) -> None:
    store.write(_capture(_source("a"), "syrian-government"))
    store.write(_capture(_source("b"), "islamic-state"))
    rows = store.query("SELECT source_id, actor1 FROM events ORDER BY source_id").to_pylist()
    assert [r["actor1"] for r in rows] == ["syrian-government", "islamic-state"]
    assert len({r["source_id"] for r in rows}) == 2


def test_store_same_source_twice_adds_nothing(store: Store) -> None:
    facts = _capture(_source("a"), "syrian-government")
    first, second = store.write(facts), store.write(facts)
    assert (first.added, second.added) == (True, False)
    assert store.counts()["events"] == 1


def test_store_event_takes_its_place_coordinates(store: Store) -> None:
    store.write(_capture(_source("a"), "syrian-government"))
    row = store.query("SELECT place_id, lat, lon FROM events").to_pylist()[0]
    assert row == {"place_id": "palmyra", "lat": 34.56, "lon": 38.28}


def test_store_gold_facts_keep_provenance(store: Store) -> None:
    ingest([SEED_GOLD], store)
    row = store.query(
        "SELECT quote, span_start, span_end FROM events WHERE event_id = 'e02'"
    ).to_pylist()[0]
    text = SEED_TEXT.read_text(encoding="utf-8")
    assert text[row["span_start"] : row["span_end"]] == row["quote"]
    assert row["quote"].startswith("In late March 2015, the Assad regime was swept from Idlib City")


def test_store_query_errors_are_one_line(store: Store) -> None:
    with pytest.raises(StoreError) as caught:
        store.query("SELECT nope FROM events")
    assert "\n" not in str(caught.value)
    assert "nope" in str(caught.value)


def _schema(path: Path) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "SELECT table_name, column_index, column_name, data_type, is_nullable "
            "FROM duckdb_columns() WHERE NOT internal AND schema_name = 'main' "
            "ORDER BY table_name, column_index"
        ).fetchall()
    finally:
        con.close()


def test_store_migrating_a_v1_file_gives_the_fresh_schema(tmp_path: Path) -> None:
    old, fresh = tmp_path / "v1.duckdb", tmp_path / "fresh.duckdb"
    con = duckdb.connect(str(old))
    con.execute((DATA / "schema-v1.sql").read_text(encoding="utf-8"))
    con.execute("INSERT INTO contested_meta VALUES ('schema_version', '1')")
    con.close()
    with Store.open(old) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert not store.derived_is_current()
    Store.open(fresh).close()
    assert _schema(old) == _schema(fresh)


def test_store_ingest_leaves_derived_tables_current(store: Store) -> None:
    ingest([SEED_GOLD], store)
    assert store.derived_is_current()
    assert store.counts()["events"] == 75
    assert store.query("SELECT count(*) AS n FROM control_evidence").to_pylist() == [{"n": 27}]
