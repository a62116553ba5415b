"""INTERIM control-of-territory queries, until ``contested.analysis`` lands (refs #5).

The API is built against ``analysis.control_map(con, on)`` and a per-place
timeline; these stand-ins derive both the simple way (the latest capture on or
before a date wins; captures of one place on one day by different actors are a
conflict) so the endpoints, page and tests can run now. Replace the imports in
``web/control.py`` and delete this module when the analysis functions exist.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from contested.store import Store

# The sub-event types that move control (facts-format.md: actor1 holds the place from date.end).
CAPTURES = (
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
)

_CAPTURES_SQL = """
    SELECT e.place_id, e.actor1 AS controller, coalesce(e.date_end, e.date_start) AS since,
           e.source_id, e.event_id, e.sub_event_type, e.quote, e.span_start, e.span_end
    FROM events e
    WHERE e.sub_event_type IN ($c1, $c2, $c3) AND e.place_id IS NOT NULL
      AND e.actor1 IS NOT NULL AND coalesce(e.date_end, e.date_start) IS NOT NULL
"""


def _captures_params() -> dict[str, Any]:
    return {f"c{n}": kind for n, kind in enumerate(CAPTURES, start=1)}


def control_map(store: Store, on: date) -> list[dict[str, Any]]:
    """Every place with territorial facts: who held it on ``on`` (None before any evidence)."""
    sql = f"""
        WITH captures AS ({_CAPTURES_SQL}),
        known AS (SELECT * FROM captures WHERE since <= $on),
        latest AS (SELECT place_id, max(since) AS since FROM known GROUP BY place_id),
        current AS (
            SELECT place_id, since,
                   list(DISTINCT controller ORDER BY controller) AS controllers,
                   list(DISTINCT source_id ORDER BY source_id) AS sources,
                   list({{'source_id': source_id, 'event_id': event_id}}
                        ORDER BY source_id, event_id) AS facts
            FROM known JOIN latest USING (place_id, since)
            GROUP BY ALL
        )
        SELECT p.place_id, p.name, p.lat, p.lon, c.controllers[1] AS controller,
               a.name AS controller_name, c.since, coalesce(c.sources, []) AS sources,
               coalesce(c.facts, []) AS facts, coalesce(len(c.controllers) > 1, false) AS conflict
        FROM (SELECT DISTINCT place_id FROM captures) cp
        JOIN places p USING (place_id)
        LEFT JOIN current c USING (place_id)
        LEFT JOIN actors a ON a.actor_id = c.controllers[1]
        WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL
        ORDER BY p.place_id
    """
    return store.query(sql, {**_captures_params(), "on": on}).to_pylist()


def control_timeline(store: Store, place_id: str) -> list[dict[str, Any]]:
    """The place's periods of control, oldest first, each with the fact that began it."""
    sql = f"""
        WITH captures AS ({_CAPTURES_SQL} AND e.place_id = $place),
        spans AS (
            SELECT c.*, count(DISTINCT controller) OVER (PARTITION BY since) > 1 AS conflict,
                   (SELECT min(n.since) FROM captures n WHERE n.since > c.since) AS until
            FROM captures c
        )
        SELECT s.controller, a.name AS controller_name, s.since, s.until, s.sub_event_type,
               s.source_id, s.event_id, coalesce(src.title, src.path) AS source, s.quote,
               s.span_start, s.span_end, s.conflict
        FROM spans s
        JOIN sources src USING (source_id)
        LEFT JOIN actors a ON a.actor_id = s.controller
        ORDER BY s.since, s.source_id, s.event_id
    """
    return store.query(sql, {**_captures_params(), "place": place_id}).to_pylist()
