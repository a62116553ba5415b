"""Who held each place on a date, from the periods of control of every place.

The periods change only when the knowledge base does, so they are derived once
and every date's map is a filter over them: a slider dragged across years asks
the store nothing new.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import groupby
from typing import Any

# INTERIM: switch to contested.analysis when it lands (refs #5).
from contested.web._control_interim import control_intervals

__all__ = ["control_intervals", "control_on"]


def _held_on(spans: list[dict[str, Any]], on: date) -> list[dict[str, Any]]:
    return [s for s in spans if s["since"] <= on and (s["until"] is None or on < s["until"])]


def control_on(intervals: Iterable[dict[str, Any]], on: date) -> list[dict[str, Any]]:
    """One row per located place: its controller on ``on`` (None before any evidence).

    Rows carry ``place_id``, ``name``, ``lat``, ``lon``, ``controller``,
    ``controller_name``, ``since``, ``sources``, ``facts`` and ``conflict``.
    """
    rows = []
    for place_id, group in groupby(intervals, key=lambda s: s["place_id"]):
        spans = list(group)
        first = spans[0]
        if first["lat"] is None or first["lon"] is None:
            continue
        held = sorted(_held_on(spans, on), key=lambda s: (s["controller"], s["source_id"]))
        rows.append(
            {
                "place_id": place_id,
                "name": first["name"],
                "lat": first["lat"],
                "lon": first["lon"],
                "controller": held[0]["controller"] if held else None,
                "controller_name": held[0]["controller_name"] if held else None,
                "since": held[0]["since"] if held else None,
                "sources": sorted({s["source_id"] for s in held}),
                "facts": [{"source_id": s["source_id"], "event_id": s["event_id"]} for s in held],
                "conflict": len({s["controller"] for s in held}) > 1,
            }
        )
    return rows
