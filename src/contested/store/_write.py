"""Writing one source's fact tables, inside the caller's transaction.

The batch's Arrow tables are registered as views and copied with
INSERT ... SELECT, so a million-row dataset never passes through Python
row by row. References (names as the source wrote them) are mapped to
canonical ids through the batch's resolved ``actors``/``places`` tables.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from contested.tables import FactTables

_BATCH_VIEWS = ("actors", "places", "events", "relations", "claims", "assessments")

# A reference the resolve stage left unmapped keeps its own text as id, so no
# fact is dropped; the resolve stage normally maps every one.
_ACTOR_ID = "coalesce((SELECT a.actor_id FROM b_actors a WHERE a.ref = {col}), {col})"

# Each place reference of a batch table once, with its canonical id and point (the source's,
# else the canonical place's). Facts join this small table, handed over as Arrow so DuckDB
# knows its size: joined to `places` directly, or to this as a subquery, a million events
# made it build the join's hash table on the events side (16 s of a 1M-row insert).
_POINTS = """
    SELECT r.ref, coalesce(p.place_id, r.ref) AS place_id,
           coalesce(p.lat, g.lat) AS lat, coalesce(p.lon, g.lon) AS lon
    FROM (SELECT DISTINCT {col} AS ref FROM b_{table} WHERE {col} IS NOT NULL) r
    LEFT JOIN b_places p ON p.ref = r.ref
    LEFT JOIN places g ON g.place_id = coalesce(p.place_id, r.ref)
"""
_POINT_REFS = {"events": "place", "claims": "about_place"}

_SQL = {
    "new_actors": """
        INSERT INTO actors (actor_id, name, kind, origin, flagged)
        SELECT actor_id, arg_min(coalesce(name, ref), ref), any_value(kind), 'source', true
        FROM b_actors
        WHERE actor_id IS NOT NULL AND actor_id NOT IN (SELECT actor_id FROM actors)
        GROUP BY actor_id
    """,
    "actor_aliases": """
        INSERT INTO actor_aliases (actor_id, alias, source_id)
        SELECT DISTINCT actor_id, alias, $source_id
        FROM (
            SELECT actor_id,
                   unnest(list_distinct(list_prepend(name, coalesce(aliases, [])))) AS alias
            FROM b_actors WHERE actor_id IS NOT NULL
        )
        WHERE alias IS NOT NULL
    """,
    "source_actors": """
        INSERT INTO source_actors
        SELECT $source_id, ref, name, aliases, kind, coalesce(actor_id, ref),
               resolution_rule, resolution_confidence
        FROM b_actors
    """,
    "new_places": """
        INSERT INTO places (place_id, name, kind, admin1, admin2, country, lat, lon, geonameid,
                            origin, flagged)
        SELECT place_id, arg_min(coalesce(name, ref), ref), any_value(kind), any_value(admin1),
               any_value(admin2), any_value(country), any_value(lat), any_value(lon),
               any_value(geonameid), 'source', true
        FROM b_places
        WHERE place_id IS NOT NULL AND place_id NOT IN (SELECT place_id FROM places)
        GROUP BY place_id
    """,
    "place_aliases": """
        INSERT INTO place_aliases (place_id, alias, source_id)
        SELECT DISTINCT place_id, alias, $source_id
        FROM (
            SELECT place_id,
                   unnest(list_distinct(list_concat([name, mention], coalesce(aliases, []))))
                       AS alias
            FROM b_places WHERE place_id IS NOT NULL
        )
        WHERE alias IS NOT NULL
    """,
    "source_places": """
        INSERT INTO source_places
        SELECT $source_id, ref, name, mention, aliases, kind, admin1, admin2, country, lat, lon,
               geonameid, coalesce(place_id, ref), resolution_rule, resolution_confidence
        FROM b_places
    """,
    "events": """
        INSERT INTO events
        SELECT $source_id, event_id, event_type, sub_event_type, date_start, date_end,
               date_text, date_precision,
               coalesce(_actor1_id, actor1), actor1, coalesce(_actor2_id, actor2), actor2,
               coalesce(_place_id, place), place, coalesce(lat, _lat), coalesce(lon, _lon),
               location_precision, fatalities, fatalities_low, fatalities_high, notes,
               reported_by, confidence, quote, span_start, span_end, row_number, attrs
        FROM b_events
    """,
    "event_actors": """
        INSERT INTO event_actors
        SELECT $source_id, event_id, role, coalesce(actor_id, ref), ref FROM b_event_actors
    """,
    "relations": f"""
        INSERT INTO relations
        SELECT $source_id, relation_id, {_ACTOR_ID.format(col="subject")}, subject, predicate,
               {_ACTOR_ID.format(col="object")}, object, valid_from, valid_to, notes, confidence,
               quote, span_start, span_end, row_number
        FROM b_relations
    """,
    "claims": f"""
        INSERT INTO claims
        SELECT $source_id, c.claim_id, {_ACTOR_ID.format(col="c.claimant")}, c.claimant,
               c.date_start, c.date_end, c.date_text, c.statement, c.about_event_type,
               c.about_sub_event_type, {_ACTOR_ID.format(col="c.about_actor1")}, c.about_actor1,
               {_ACTOR_ID.format(col="c.about_actor2")}, c.about_actor2,
               coalesce(pt.place_id, c.about_place), c.about_place,
               pt.lat, pt.lon, c.notes, c.confidence, c.quote,
               c.span_start, c.span_end, c.row_number, c.attrs
        FROM b_claims c
        LEFT JOIN b_claims_points pt ON pt.ref = c.about_place
    """,
    "assessments": f"""
        INSERT INTO assessments
        SELECT $source_id, claim_id, seq, {_ACTOR_ID.format(col="assessor")}, assessor, verdict,
               statement,
               quote, span_start, span_end
        FROM b_assessments
    """,
}


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM b_{table}").fetchone()
    return int(row[0]) if row else 0


def _lookup(refs: pa.Array, keys: pa.Array, values: pa.Array) -> pa.Array:
    """``values`` at the position of each ref in ``keys``; null where a ref is not there."""
    return pc.take(values, pc.index_in(refs, value_set=keys))


def _column(table: pa.Table, name: str) -> pa.Array:
    return table.column(name).combine_chunks()


def _resolved_events(events: pa.Table, actors: pa.Table, points: pa.Table) -> pa.Table:
    """The events with their references' canonical ids and points alongside.

    Looked up in Arrow, by the position of each name among the few thousand the
    batch resolved: joining a million events in the INSERT made DuckDB carry
    every column (notes, attrs) through the hash joins, 2-3x the cost of the write.
    """
    refs, ids = _column(actors, "ref"), _column(actors, "actor_id")
    place_refs = _column(points, "ref")
    place = _column(events, "place")
    extra = {
        "_actor1_id": _lookup(_column(events, "actor1"), refs, ids),
        "_actor2_id": _lookup(_column(events, "actor2"), refs, ids),
        "_place_id": _lookup(place, place_refs, _column(points, "place_id")),
        "_lat": _lookup(place, place_refs, _column(points, "lat")),
        "_lon": _lookup(place, place_refs, _column(points, "lon")),
    }
    for name, values in extra.items():
        events = events.append_column(name, values)
    return events


def _event_actors(events: pa.Table, actors: pa.Table) -> pa.Table:
    """One row per (event, role, actor reference), with the reference's canonical id."""
    event_ids = _column(events, "event_id")
    parts = []
    for role in ("actor1", "actor2"):
        refs = _column(events, role)
        keep = pc.is_valid(refs)
        parts.append((role, event_ids.filter(keep), refs.filter(keep)))
    for role in ("assoc_actor1", "assoc_actor2"):
        lists = _column(events, role)
        parents = pc.list_parent_indices(lists)
        parts.append((role, event_ids.take(parents), pc.list_flatten(lists)))
    table = pa.concat_tables(
        pa.table({"event_id": ids, "role": pa.repeat(role, len(ids)), "ref": refs})
        for role, ids, refs in parts
    )
    ref = _column(table, "ref")
    return table.append_column(
        "actor_id", _lookup(ref, _column(actors, "ref"), _column(actors, "actor_id"))
    )


def _register_points(con: duckdb.DuckDBPyConnection, facts: FactTables, name: str) -> None:
    """Register ``b_<name>_points`` (and for events, the looked-up events and their actors)."""
    points = con.execute(_POINTS.format(col=_POINT_REFS[name], table=name)).to_arrow_table()
    con.register(f"b_{name}_points", points)
    if name == "events":
        con.register("b_events", _resolved_events(facts.events, facts.actors, points))
        con.register("b_event_actors", _event_actors(facts.events, facts.actors))


def write_facts(con: duckdb.DuckDBPyConnection, facts: FactTables) -> dict[str, int]:
    """Insert a source row and all its facts; the caller holds the transaction."""
    source = facts.source
    for name in _BATCH_VIEWS:
        con.register(f"b_{name}", getattr(facts, name))
    try:
        counts = {name: _count(con, name) for name in ("events", "relations", "claims")}
        con.execute(
            """
            INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()::TIMESTAMP, ?, ?, ?, ?)
            """,
            [
                source.source_id,
                source.content_hash,
                source.kind,
                source.reader,
                source.path,
                source.title,
                source.doc_id,
                source.published,
                source.author,
                source.text,
                counts["events"],
                counts["relations"],
                counts["claims"],
                len(facts.skipped),
            ],
        )
        params = {"source_id": source.source_id}
        for name, sql in _SQL.items():
            if name in _POINT_REFS:  # after new_places, whose points it may fall back on
                _register_points(con, facts, name)
            con.execute(sql, params if "$source_id" in sql else None)
    finally:
        for name in (*_BATCH_VIEWS, "event_actors", *(f"{n}_points" for n in _POINT_REFS)):
            con.unregister(f"b_{name}")
    return counts
