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
    coalesce(s.title, s.path) AS source, e.quote, e.span_start, e.span_end, e.row_number
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
        where.append(
            "EXISTS (SELECT 1 FROM event_actors ea WHERE ea.source_id = e.source_id "
            f"AND ea.event_id = e.event_id AND ea.actor_id IN {_actor_ids('$actor')})"
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
        FROM events e
        JOIN sources s USING (source_id)
        LEFT JOIN places p ON p.place_id = e.place_id
        {"WHERE " + " AND ".join(where) if where else ""}
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
