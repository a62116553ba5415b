"""Replacing the shipped reference data (registry, gazetteer) inside one transaction."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from contested.store._write import write_facts
from contested.tables import FactTables

_FACT_TABLES = (
    "events",
    "event_actors",
    "relations",
    "claims",
    "assessments",
    "source_actors",
    "source_places",
)


def _replace_entities(
    con: duckdb.DuckDBPyConnection,
    table: str,
    key: str,
    origin: str,
    rows: pa.Table,
    aliases: pa.Table,
) -> None:
    """Swap one origin's canonical rows and their aliases; rows from sources stay."""
    con.execute(
        f"DELETE FROM {table[:-1]}_aliases WHERE source_id IS NULL AND {key} IN "
        f"(SELECT {key} FROM {table} WHERE origin = ?)",
        [origin],
    )
    con.execute(f"DELETE FROM {table} WHERE origin = ?", [origin])
    con.register("ref_rows", rows)
    con.register("ref_aliases", aliases)
    try:
        columns = ", ".join(rows.column_names)
        # A name a source introduced (flagged) that the reference now knows becomes the reference's.
        con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT {key} FROM ref_rows)")
        con.execute(
            f"INSERT INTO {table} ({columns}, origin, flagged) "
            f"SELECT {columns}, ?, false FROM ref_rows",
            [origin],
        )
        con.execute(
            f"INSERT INTO {table[:-1]}_aliases ({key}, alias, source_id) "
            f"SELECT {key}, alias, NULL FROM ref_aliases"
        )
    finally:
        con.unregister("ref_rows")
        con.unregister("ref_aliases")


def replace_reference(
    con: duckdb.DuckDBPyConnection,
    *,
    actors: pa.Table,
    actor_aliases: pa.Table,
    places: pa.Table,
    place_aliases: pa.Table,
    relations: FactTables,
) -> None:
    """Replace registry actors, gazetteer places and the registry source.

    The caller holds the transaction.
    """
    _replace_entities(con, "actors", "actor_id", "registry", actors, actor_aliases)
    _replace_entities(con, "places", "place_id", "gazetteer", places, place_aliases)
    kind = relations.source.kind
    old = [
        row[0]
        for row in con.execute("SELECT source_id FROM sources WHERE kind = ?", [kind]).fetchall()
    ]
    for source_id in old:
        for table in _FACT_TABLES:
            con.execute(f"DELETE FROM {table} WHERE source_id = ?", [source_id])
        con.execute("DELETE FROM sources WHERE source_id = ?", [source_id])
    write_facts(con, relations)
