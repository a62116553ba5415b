"""Read queries shared by the CLI and the HTTP API.

Filters are bound as parameters, never pasted into SQL text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pyarrow as pa

from contested.store._database import Store

EVENT_COLUMNS = """
    e.source_id, e.event_id, e.date_start, e.date_end, e.event_type, e.sub_event_type,
    e.actor1, e.actor2, e.place_id, p.name AS place, e.lat, e.lon, e.fatalities,
    coalesce(s.title, s.path) AS source, e.quote, e.span_start, e.span_end, e.row_number,
    a1.name AS actor1_name, a2.name AS actor2_name
"""
EVENT_JOINS = """
    FROM events e
    JOIN sources s USING (source_id)
    LEFT JOIN places p ON p.place_id = e.place_id
    LEFT JOIN actors a1 ON a1.actor_id = e.actor1
    LEFT JOIN actors a2 ON a2.actor_id = e.actor2
"""


@dataclass(frozen=True)
class EventFilter:
    """Which events to list; every field is optional and they combine with AND."""

    actor: str | None = None
    place: str | None = None
    type: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    source: str | None = None


def _actor_ids(name: str) -> str:
    # An actor given by id, canonical name or any alias (case-insensitive).
    return f"""(
        SELECT actor_id FROM actors WHERE actor_id = {name} OR lower(name) = lower({name})
        UNION SELECT actor_id FROM actor_aliases WHERE lower(alias) = lower({name})
    )"""


def _place_ids(name: str) -> str:
    return f"""(
        SELECT place_id FROM places WHERE place_id = {name} OR lower(name) = lower({name})
        UNION SELECT place_id FROM place_aliases WHERE lower(alias) = lower({name})
    )"""


def event_conditions(f: EventFilter) -> tuple[list[str], dict[str, Any]]:
    """SQL conditions over ``events e`` (and ``sources s``) with their parameters."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if f.actor:
        # A semi-join on the pair: DuckDB runs it as one hash join, where EXISTS correlates.
        where.append(
            "(e.source_id, e.event_id) IN (SELECT (ea.source_id, ea.event_id) "
            f"FROM event_actors ea WHERE ea.actor_id IN {_actor_ids('$actor')})"
        )
        params["actor"] = f.actor
    if f.place:
        where.append(f"e.place_id IN {_place_ids('$place')}")
        params["place"] = f.place
    if f.type:
        where.append(
            "(lower(e.event_type) = lower($type) OR lower(e.sub_event_type) = lower($type))"
        )
        params["type"] = f.type
    if f.date_from:
        where.append("coalesce(e.date_end, e.date_start) >= $date_from")
        params["date_from"] = f.date_from
    if f.date_to:
        where.append("coalesce(e.date_start, e.date_end) <= $date_to")
        params["date_to"] = f.date_to
    if f.source:
        where.append("(e.source_id = $source OR s.path = $source OR s.doc_id = $source)")
        params["source"] = f.source
    return where, params


def find_events(
    store: Store, f: EventFilter, *, limit: int | None = 100, offset: int = 0
) -> pa.Table:
    """Events matching the filter, oldest first."""
    where, params = event_conditions(f)
    sql = f"""
        SELECT {EVENT_COLUMNS}
        {EVENT_JOINS}
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY e.date_start NULLS LAST, e.source_id, e.row_number, e.event_id
        LIMIT $limit OFFSET $offset
    """
    params.update(limit=limit if limit is not None else 2**62, offset=offset)
    return store.query(sql, params)


POINT_COLUMNS = """
    e.source_id, e.event_id, e.date_start, e.date_end, e.event_type, e.sub_event_type,
    e.actor1, e.actor2, e.place_id, e.fatalities, e.lat, e.lon
"""


def find_event_points(
    store: Store, f: EventFilter, *, limit: int | None = 100, offset: int = 0
) -> pa.Table:
    """The located events matching the filter, oldest first, with only what a map draws."""
    where, params = event_conditions(f)
    where.append(_LOCATED)
    sql = f"""
        SELECT {POINT_COLUMNS}
        FROM events e JOIN sources s USING (source_id)
        WHERE {" AND ".join(where)}
        ORDER BY e.date_start NULLS LAST, e.source_id, e.row_number, e.event_id
        LIMIT $limit OFFSET $offset
    """
    params.update(limit=limit if limit is not None else 2**62, offset=offset)
    return store.query(sql, params)


def list_sources(store: Store) -> pa.Table:
    """Every source with what it contributed."""
    return store.query(
        """
        SELECT source_id, kind, path, coalesce(title, regexp_extract(path, '[^/]+$')) AS title,
               published, n_events AS events,
               n_relations AS relations, n_claims AS claims, n_skipped AS skipped,
               strftime(ingested_at, '%Y-%m-%d %H:%M:%S') AS ingested_at
        FROM sources ORDER BY sources.ingested_at, source_id
        """
    )


def _rows(store: Store, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    return store.query(sql, params).to_pylist()


def _one(store: Store, sql: str, params: dict[str, Any]) -> dict[str, Any] | None:
    rows = _rows(store, sql, params)
    return rows[0] if rows else None


_LOCATED = "e.lat IS NOT NULL AND e.lon IS NOT NULL"


def count_events(store: Store, f: EventFilter, *, located: bool = False) -> int:
    """How many events match the filter (for paging); ``located``: only those with a point."""
    where, params = event_conditions(f)
    if located:
        where.append(_LOCATED)
    sql = f"""
        SELECT count(*) AS n FROM events e JOIN sources s USING (source_id)
        {"WHERE " + " AND ".join(where) if where else ""}
    """
    return int(store.query(sql, params).column("n")[0].as_py())


def get_event(store: Store, source_id: str, event_id: str) -> dict[str, Any] | None:
    """One event with every actor it involves (by role), or None."""
    event = _one(
        store,
        f"""
        SELECT {EVENT_COLUMNS}, e.date_text, e.sub_event_type, e.notes, e.reported_by,
               e.fatalities_low, e.fatalities_high, e.confidence, e.place_text,
               e.actor1_text, e.actor2_text
        {EVENT_JOINS}
        WHERE e.source_id = $source_id AND e.event_id = $event_id
        """,
        {"source_id": source_id, "event_id": event_id},
    )
    if event is None:
        return None
    event["actors"] = _rows(
        store,
        """
        SELECT ea.role, ea.actor_id, a.name, ea.actor_text
        FROM event_actors ea LEFT JOIN actors a USING (actor_id)
        WHERE ea.source_id = $source_id AND ea.event_id = $event_id
        ORDER BY ea.role, ea.actor_id
        """,
        {"source_id": source_id, "event_id": event_id},
    )
    return event


def summary(store: Store) -> dict[str, Any]:
    """What the knowledge base holds: counts, the span of dates and the event types in use."""
    row = _one(
        store,
        """
        SELECT (SELECT count(*) FROM sources) AS sources,
               (SELECT count(*) FROM events) AS events,
               (SELECT count(*) FROM actors) AS actors,
               (SELECT count(*) FROM places) AS places,
               (SELECT count(*) FROM claims) AS claims,
               (SELECT min(date_start) FROM events) AS date_min,
               (SELECT max(coalesce(date_end, date_start)) FROM events) AS date_max
        """,
        {},
    )
    assert row is not None
    row["event_types"] = _rows(
        store,
        """
        SELECT event_type, sub_event_type, count(*) AS events
        FROM events GROUP BY ALL ORDER BY event_type, sub_event_type NULLS FIRST
        """,
    )
    return row


def _name_match(table: str, key: str, q: str | None) -> tuple[str, dict[str, Any]]:
    """A condition: the entity's name or any alias contains ``q`` (case-insensitive)."""
    if not q:
        return "TRUE", {}
    condition = f"""(x.name ILIKE '%' || $q || '%' OR x.{key} ILIKE '%' || $q || '%'
        OR x.{key} IN (SELECT {key} FROM {table}_aliases WHERE alias ILIKE '%' || $q || '%'))"""
    return condition, {"q": q}


def find_places(
    store: Store, q: str | None = None, *, limit: int = 100, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """Places whose name or alias contains ``q``, most events first; with the total count."""
    condition, params = _name_match("place", "place_id", q)
    return _paged(
        store,
        f"""
        SELECT x.place_id, x.name, x.kind, x.admin1, x.admin2, x.country, x.lat, x.lon,
               x.origin, x.flagged, count(e.event_id) AS events, count(*) OVER () AS total
        FROM places x LEFT JOIN events e ON e.place_id = x.place_id
        WHERE {condition}
        GROUP BY ALL ORDER BY events DESC, x.name, x.place_id
        LIMIT $limit OFFSET $offset
        """,
        params,
        limit,
        offset,
    )


def _paged(
    store: Store, sql: str, params: dict[str, Any], limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """Run a query selecting ``count(*) OVER () AS total`` one page at a time; (total, rows)."""
    rows = _rows(store, sql, {**params, "limit": limit, "offset": offset})
    if not rows and offset > 0:
        # Past the end: the window count came with no row, so ask for the first one.
        rows_at_start = _rows(store, sql, {**params, "limit": 1, "offset": 0})
        total = int(rows_at_start[0]["total"]) if rows_at_start else 0
    else:
        total = int(rows[0]["total"]) if rows else 0
    for row in rows:
        del row["total"]
    return total, rows


def get_place(store: Store, place_id: str) -> dict[str, Any] | None:
    """One place with its aliases and the names sources gave it, or None."""
    place = _one(store, "SELECT * FROM places WHERE place_id = $id", {"id": place_id})
    if place is None:
        return None
    place["aliases"] = _aliases(store, "place", place_id)
    place["events"] = int(
        store.query("SELECT count(*) FROM events WHERE place_id = $id", {"id": place_id})
        .column(0)[0]
        .as_py()
    )
    return place


def _aliases(store: Store, kind: str, entity_id: str) -> list[dict[str, Any]]:
    return _rows(
        store,
        f"""
        SELECT DISTINCT alias, source_id FROM {kind}_aliases WHERE {kind}_id = $id
        ORDER BY alias, source_id NULLS FIRST
        """,
        {"id": entity_id},
    )


def find_actors(
    store: Store, q: str | None = None, *, limit: int = 100, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """Actors whose name or alias contains ``q``, most events first; with the total count."""
    condition, params = _name_match("actor", "actor_id", q)
    return _paged(
        store,
        f"""
        SELECT x.actor_id, x.name, x.kind, x.parent_id, x.country, x.origin, x.flagged,
               count(DISTINCT (ea.source_id, ea.event_id)) AS events, count(*) OVER () AS total
        FROM actors x LEFT JOIN event_actors ea ON ea.actor_id = x.actor_id
        WHERE {condition}
        GROUP BY ALL ORDER BY events DESC, x.name, x.actor_id
        LIMIT $limit OFFSET $offset
        """,
        params,
        limit,
        offset,
    )


def get_actor(store: Store, actor_id: str) -> dict[str, Any] | None:
    """One actor with aliases and its relations (either side), oldest first, or None."""
    actor = _one(store, "SELECT * FROM actors WHERE actor_id = $id", {"id": actor_id})
    if actor is None:
        return None
    actor["aliases"] = _aliases(store, "actor", actor_id)
    actor["relations"] = _rows(
        store,
        """
        SELECT r.source_id, r.relation_id, r.subject_id, sa.name AS subject_name, r.predicate,
               r.object_id, oa.name AS object_name, r.valid_from, r.valid_to, r.notes,
               r.quote, r.span_start, r.span_end, coalesce(s.title, s.path) AS source
        FROM relations r
        JOIN sources s USING (source_id)
        LEFT JOIN actors sa ON sa.actor_id = r.subject_id
        LEFT JOIN actors oa ON oa.actor_id = r.object_id
        WHERE r.subject_id = $id OR r.object_id = $id
        ORDER BY coalesce(r.valid_from, r.valid_to) NULLS LAST, r.source_id, r.relation_id
        """,
        {"id": actor_id},
    )
    actor["events"] = int(
        store.query(
            "SELECT count(DISTINCT (source_id, event_id)) FROM event_actors WHERE actor_id = $id",
            {"id": actor_id},
        )
        .column(0)[0]
        .as_py()
    )
    return actor


def find_claims(
    store: Store, claimant: str | None = None, *, limit: int = 100, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """Claims (oldest first) with the assessments the sources report; with the total count."""
    condition, params = "TRUE", {}
    if claimant:
        condition, params = f"c.claimant_id IN {_actor_ids('$claimant')}", {"claimant": claimant}
    return _paged(
        store,
        f"""
        SELECT c.source_id, c.claim_id, c.claimant_id, ca.name AS claimant_name,
               c.date_start, c.date_end, c.date_text, c.statement, c.about_event_type,
               c.about_sub_event_type, c.about_actor1, c.about_actor2, c.about_place_id,
               c.quote, c.span_start, c.span_end, coalesce(s.title, s.path) AS source,
               coalesce((SELECT list({{'by_id': a.by_id, 'by_name': ba.name,
                                      'verdict': a.verdict, 'statement': a.statement,
                                      'quote': a.quote, 'span_start': a.span_start,
                                      'span_end': a.span_end}} ORDER BY a.seq)
                         FROM assessments a LEFT JOIN actors ba ON ba.actor_id = a.by_id
                         WHERE a.source_id = c.source_id AND a.claim_id = c.claim_id),
                        []) AS assessments,
               count(*) OVER () AS total
        FROM claims c
        JOIN sources s USING (source_id)
        LEFT JOIN actors ca ON ca.actor_id = c.claimant_id
        WHERE {condition}
        ORDER BY c.date_start NULLS LAST, c.source_id, c.claim_id
        LIMIT $limit OFFSET $offset
        """,
        params,
        limit,
        offset,
    )


def get_source(store: Store, source_id: str) -> dict[str, Any] | None:
    """One source's record (without its text), or None."""
    return _one(
        store,
        """
        SELECT source_id, kind, reader, path, coalesce(title, regexp_extract(path, '[^/]+$'))
               AS title, doc_id, published, author, text IS NOT NULL AS has_text,
               length(text) AS text_length, n_events AS events, n_relations AS relations,
               n_claims AS claims, n_skipped AS skipped, content_hash,
               strftime(ingested_at, '%Y-%m-%d %H:%M:%S') AS ingested_at
        FROM sources WHERE source_id = $id
        """,
        {"id": source_id},
    )


def source_text(store: Store, source_id: str) -> str | None:
    """The full text of a text source (None for datasets and facts files)."""
    row = _one(store, "SELECT text FROM sources WHERE source_id = $id", {"id": source_id})
    return row["text"] if row else None


def control_periods(store: Store) -> list[dict[str, Any]]:
    """Every derived control interval with its place, holder's name and evidence, by place.

    Reads the ``control_intervals``/``control_evidence`` tables that
    :mod:`contested.derive` keeps; each fact of ``facts`` carries the capture's
    quote and span. ``controller`` is ``unknown`` before the first evidence.
    """
    return _rows(
        store,
        """
        SELECT ci.place_id, p.name, p.admin1, p.lat, p.lon, ci.controller,
               coalesce(a.name, ci.controller) AS controller_name, ci.valid_from, ci.valid_to,
               ci.conflict, ci.n_sources,
               coalesce((
                   SELECT list({'source_id': ev.source_id, 'event_id': ev.event_id,
                                'sub_event_type': ev.sub_event_type,
                                'date_start': ev.date_start, 'date_end': ev.date_end,
                                'quote': e.quote, 'span_start': e.span_start,
                                'span_end': e.span_end, 'row_number': e.row_number,
                                'source': coalesce(s.title, s.path)}
                               ORDER BY ev.date_end, ev.source_id, ev.event_id)
                   FROM control_evidence ev
                   JOIN events e USING (source_id, event_id)
                   JOIN sources s USING (source_id)
                   WHERE ev.place_id = ci.place_id AND ev.controller = ci.controller
                     AND ev.valid_from = ci.valid_from), []) AS facts
        FROM control_intervals ci
        JOIN places p USING (place_id)
        LEFT JOIN actors a ON a.actor_id = ci.controller
        ORDER BY ci.place_id, ci.valid_from NULLS FIRST, ci.controller
        """,
    )
