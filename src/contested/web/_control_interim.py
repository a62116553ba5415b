"""INTERIM periods of control of each place, until ``contested.analysis`` lands (refs #5).

The web layer needs, per place, who held it from when until when and the fact
behind each period (issue #5's derived control intervals). This stand-in derives
them the simple way: each capture (facts-format.md: actor1 holds the place from
``date.end``) starts a period that ends at the place's next capture; captures of
one place on one day by different actors are a conflict. Point the import in
``web/control.py`` at the analysis functions and delete this module once they exist.
"""

from __future__ import annotations

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


def control_intervals(store: Store, place_id: str | None = None) -> list[dict[str, Any]]:
    """Periods of control, by place then oldest first, each with the fact that began it.

    ``until`` is the next capture's date (None: still held); ``conflict`` marks captures
    of the place on the same day by different actors.
    """
    only = "AND e.place_id = $place" if place_id is not None else ""
    sql = f"""
        WITH captures AS ({_CAPTURES_SQL} {only}),
        spans AS (
            SELECT c.*,
                   count(DISTINCT controller) OVER (PARTITION BY place_id, since) > 1
                       AS conflict,
                   (SELECT min(n.since) FROM captures n
                    WHERE n.place_id = c.place_id AND n.since > c.since) AS until
            FROM captures c
        )
        SELECT s.place_id, p.name, p.lat, p.lon, s.controller, a.name AS controller_name,
               s.since, s.until, s.sub_event_type, s.source_id, s.event_id,
               coalesce(src.title, src.path) AS source, s.quote, s.span_start, s.span_end,
               s.conflict
        FROM spans s
        JOIN sources src USING (source_id)
        JOIN places p USING (place_id)
        LEFT JOIN actors a ON a.actor_id = s.controller
        ORDER BY s.place_id, s.since, s.source_id, s.event_id
    """
    params = {**_captures_params(), **({"place": place_id} if place_id is not None else {})}
    return store.query(sql, params).to_pylist()
