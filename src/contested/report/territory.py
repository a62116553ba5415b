"""Section 2: who gained and lost which places, from the derived control intervals.

A change is the start of a control interval: the new controller gains the place,
the controller of the interval before it loses it. When the interval before is
``unknown`` the place is first recorded, not taken from anyone: counted apart.
Conflicting intervals (sources naming different captors for overlapping days) start
together; each is a gain, and the holder before them loses the place once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import ibis

from contested.derive import UNKNOWN
from contested.report import charts
from contested.report._common import Context, count, quote_of
from contested.report.model import Chart, Provenance, Table, TerritorySection

TITLE = "Territorial change"
LISTED = 100
TAKEN, FIRST, LOST = "gained from another", "first recorded", "lost"
METHOD = (
    "Control intervals are derived from the territory events of every source (captures, "
    "regained territory, non-violent transfers): each change is the first day of an "
    "interval, a gain for its controller and a loss for the previous one; a place's first "
    "evidence is counted as first recorded."
)
LIMITS = (
    "Control is per named place, without containment; intervals that sources dispute are "
    "marked as conflicts and counted for each controller.",
)


@dataclass(frozen=True)
class Change:
    place_id: str
    on: date
    before: tuple[str, ...]
    after: str
    conflict: bool


def changes(con: ibis.BaseBackend) -> list[Change]:
    """Every start of a control interval with the controllers of the interval(s) before it."""
    rows = (
        con.table("control_intervals")
        .select("place_id", "controller", "valid_from", "conflict")
        .to_pyarrow()
        .to_pylist()
    )
    by_place: dict[str, dict[date | None, list[dict[str, Any]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for row in rows:
        by_place[row["place_id"]][row["valid_from"]].append(row)
    found = []
    for place_id, starts in by_place.items():
        before: tuple[str, ...] = (UNKNOWN,)
        for start in sorted(starts, key=lambda d: (d is not None, d or date.min)):
            group = sorted(starts[start], key=lambda r: r["controller"])
            if start is not None:
                found += [
                    Change(place_id, start, before, r["controller"], r["conflict"]) for r in group
                ]
            before = tuple(r["controller"] for r in group)
    return sorted(found, key=lambda c: (c.on, c.place_id, c.after))


def territory_section(ctx: Context) -> TerritorySection:
    """Gains and losses per actor in the window, and the changes with their evidence."""
    window = ctx.window
    found = [c for c in changes(ctx.con) if window.holds(c.on)]
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for c in found:
        if c.after not in c.before:
            tally[c.after][FIRST if c.before == (UNKNOWN,) else TAKEN] += 1
        for lost in c.before:
            if lost != UNKNOWN and lost != c.after:
                tally[lost][LOST] += 1
    ranked = sorted(tally, key=lambda a: (-sum(tally[a].values()), ctx.actor(a)))
    by_actor = Table(
        (
            "Actor",
            "Gained from another",
            "First recorded",
            "Lost",
            "Net (gained from another − lost)",
        ),
        tuple(
            (
                ctx.actor(a),
                count(tally[a][TAKEN]),
                count(tally[a][FIRST]),
                count(tally[a][LOST]),
                f"{tally[a][TAKEN] - tally[a][LOST]:+,}",
            )
            for a in ranked
        ),
        (False, True, True, True, True),
    )
    listed = found[-LISTED:]
    evidence = _evidence(ctx, listed)
    return TerritorySection(
        title=TITLE,
        changes=len(found),
        by_actor=by_actor,
        listed=_listing(ctx, listed, evidence),
        omitted=len(found) - len(listed),
        chart=_chart(ctx, tally, ranked),
        provenance=Provenance(
            method=METHOD,
            sources=ctx.refs(Counter(q["source_id"] for rows in evidence.values() for q in rows)),
            notes=LIMITS,
        ),
    )


def _evidence(
    ctx: Context, listed: list[Change]
) -> dict[tuple[str, str, date], list[dict[str, Any]]]:
    """The events behind each listed change, keyed by (place, controller, first day)."""
    if not listed:
        return {}
    keys = ibis.memtable(
        {
            "_p": [c.place_id for c in listed],
            "_c": [c.after for c in listed],
            "_d": [c.on for c in listed],
        }
    )
    ev = ctx.con.table("control_evidence")
    e = ctx.con.table("events")
    joined = ev.join(
        keys, [ev.place_id == keys._p, ev.controller == keys._c, ev.valid_from == keys._d]
    )
    joined = joined.join(e, [joined.source_id == e.source_id, joined.event_id == e.event_id])
    rows = (
        joined.select(
            "place_id",
            "controller",
            "valid_from",
            "source_id",
            "quote",
            "notes",
            "row_number",
            fact_id=joined.event_id,
        )
        .order_by("source_id", "fact_id")
        .to_pyarrow()
        .to_pylist()
    )
    found: dict[tuple[str, str, date], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        found[(row["place_id"], row["controller"], row["valid_from"])].append(row)
    return found


def _listing(
    ctx: Context, listed: list[Change], evidence: dict[tuple[str, str, date], list[dict[str, Any]]]
) -> Table:
    places = ctx.con.table("places")
    ids = sorted({c.place_id for c in listed})
    names = (
        {
            r["place_id"]: r["name"]
            for r in places.filter(places.place_id.isin(ids))
            .select("place_id", "name")
            .to_pyarrow()
            .to_pylist()
        }
        if ids
        else {}
    )
    body = []
    for c in listed:
        rows = evidence.get((c.place_id, c.after, c.on), [])
        quotes = [quote_of(ctx, r) for r in rows]
        body.append(
            (
                c.on.isoformat(),
                names.get(c.place_id, c.place_id),
                " / ".join(ctx.actor(b) for b in c.before),
                ctx.actor(c.after),
                "yes" if c.conflict else "",
                " | ".join(f"“{q.text}” ({q.source}, {q.ref})" for q in quotes),
            )
        )
    return Table(("Day", "Place", "Held before", "Held after", "Conflict", "Evidence"), tuple(body))


def _chart(ctx: Context, tally: dict[str, Counter[str]], ranked: list[str]) -> Chart | None:
    if not ranked:
        return None
    data = [
        {"actor": ctx.actor(a), "kind": kind, "places": -n if kind == LOST else n}
        for a in ranked
        for kind, n in tally[a].items()
    ]
    return charts.diverging_bars(
        "territorial-change", "Places gained and lost per actor", data, [TAKEN, FIRST, LOST]
    )
