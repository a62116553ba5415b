"""Who held each place on a date, from the control intervals :mod:`contested.derive` keeps.

The intervals change only when the knowledge base does, so the web layer reads
them once (with their evidence) and answers every date by filtering them: a
slider dragged across years asks the store nothing new. The filter is
:func:`contested.analysis.control.holds_on`'s rule in Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import groupby
from typing import Any

UNKNOWN = "unknown"


def holds_on(period: dict[str, Any], on: date) -> bool:
    """Whether a period covers the day ``on`` (``valid_to`` exclusive; null bounds are open)."""
    starts, ends = period["valid_from"], period["valid_to"]
    return (starts is None or starts <= on) and (ends is None or ends > on)


def control_on(periods: Iterable[dict[str, Any]], on: date) -> list[dict[str, Any]]:
    """One row per located place: who held it on ``on`` (``unknown`` before any evidence).

    Where sources disagree (``conflict``) ``controllers`` lists every holder and
    ``controller`` is the first by id.
    """
    rows = []
    for place_id, group in groupby(periods, key=lambda p: p["place_id"]):
        spans = list(group)
        first = spans[0]
        if first["lat"] is None or first["lon"] is None:
            continue
        held = sorted((p for p in spans if holds_on(p, on)), key=lambda p: p["controller"])
        top = held[0] if held else {"controller": UNKNOWN, "controller_name": UNKNOWN}
        facts = [f for p in held for f in p["facts"]]
        rows.append(
            {
                "place_id": place_id,
                "name": first["name"],
                "admin1": first["admin1"],
                "lat": first["lat"],
                "lon": first["lon"],
                "controller": top["controller"],
                "controller_name": top["controller_name"],
                "controllers": [p["controller"] for p in held],
                "valid_from": top.get("valid_from"),
                "valid_to": top.get("valid_to"),
                "conflict": any(p["conflict"] for p in held),
                "sources": sorted({f["source_id"] for f in facts}),
                "facts": [{"source_id": f["source_id"], "event_id": f["event_id"]} for f in facts],
            }
        )
    return rows


def place_periods(periods: Iterable[dict[str, Any]], place_id: str) -> list[dict[str, Any]]:
    """The periods of one place, oldest first, each with its evidence."""
    return [p for p in periods if p["place_id"] == place_id]
