"""Writing one source's fact tables, inside the caller's transaction.

The batch's Arrow tables are registered as views and copied with
INSERT ... SELECT, so a million-row dataset never passes through Python
row by row. References (names as the source wrote them) are mapped to
canonical ids through the batch's resolved ``actors``/``places`` tables.
"""

from __future__ import annotations

import duckdb

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
        SELECT $source_id, e.event_id, e.event_type, e.sub_event_type, e.date_start, e.date_end,
               e.date_text, e.date_precision,
               coalesce(a1.actor_id, e.actor1), e.actor1,
               coalesce(a2.actor_id, e.actor2), e.actor2,
               coalesce(pt.place_id, e.place), e.place,
               coalesce(e.lat, pt.lat), coalesce(e.lon, pt.lon),
               e.location_precision, e.fatalities, e.fatalities_low, e.fatalities_high, e.notes,
               e.reported_by, e.confidence, e.quote, e.span_start, e.span_end, e.row_number,
               e.attrs
        FROM b_events e
        LEFT JOIN b_actors a1 ON a1.ref = e.actor1
        LEFT JOIN b_actors a2 ON a2.ref = e.actor2
        LEFT JOIN b_events_points pt ON pt.ref = e.place
    """,
    "event_actors": """
        INSERT INTO event_actors
        SELECT $source_id, r.event_id, r.role, coalesce(a.actor_id, r.ref), r.ref
        FROM (
            SELECT event_id, 'actor1' AS role, actor1 AS ref FROM b_events WHERE actor1 IS NOT NULL
            UNION ALL
            SELECT event_id, 'actor2', actor2 FROM b_events WHERE actor2 IS NOT NULL
            UNION ALL
            SELECT event_id, 'assoc_actor1', unnest(assoc_actor1) FROM b_events
            UNION ALL
            SELECT event_id, 'assoc_actor2', unnest(assoc_actor2) FROM b_events
        ) r
        LEFT JOIN b_actors a ON a.ref = r.ref
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
                points = _POINTS.format(col=_POINT_REFS[name], table=name)
                con.register(f"b_{name}_points", con.execute(points).to_arrow_table())
            con.execute(sql, params if "$source_id" in sql else None)
    finally:
        for name in (*_BATCH_VIEWS, *(f"{n}_points" for n in _POINT_REFS)):
            con.unregister(f"b_{name}")
    return counts
