"""Who held a place on a date, the whole map on a date, and who gained or lost territory.

All read the derived ``control_intervals``/``control_evidence`` tables (see
:mod:`contested.derive`). DOCS: docs/analysis.md
"""

from __future__ import annotations

from datetime import date

import ibis
import ibis.expr.types as ir
from ibis import _

from contested.analysis._names import actor_ids, place_ids, with_actor_name
from contested.derive import UNKNOWN, descendants
from contested.vocab import STRIKE_SUB_EVENT_TYPES

_EARLIEST = date(1, 1, 1)
# An empty list where a left join found nothing: DuckDB collects null there, Spark [].
NO_NAMES = ibis.literal([], type="array<string>")


def holds_on(intervals: ir.Table, on: ir.Value | date) -> ir.BooleanValue:
    """Whether an interval covers the day ``on`` (``valid_to`` is exclusive; null is open)."""
    return (intervals.valid_from.isnull() | (intervals.valid_from <= on)) & (
        intervals.valid_to.isnull() | (intervals.valid_to > on)
    )


def interval_sources(con: ibis.BaseBackend) -> ir.Table:
    """Per interval, the sorted list of sources and of facts (``source_id:event_id``)."""
    ev = con.table("control_evidence")
    return ev.group_by("place_id", "controller", "valid_from").agg(
        sources=ev.source_id.collect(distinct=True).sort(),
        facts=(ev.source_id.concat(":", ev.event_id)).collect().sort(),
    )


def _describe(con: ibis.BaseBackend, held: ir.Table) -> ir.Table:
    """Add names, place coordinates and the evidence of each interval row."""
    places = con.table("places").select(
        "place_id", place="name", admin1="admin1", lat="lat", lon="lon"
    )
    columns = [*held.columns, *places.drop("place_id").columns]
    held = held.view().join(places, "place_id", how="left").select(*columns)
    held = with_actor_name(held, con, "controller", "controller_name")
    ev = interval_sources(con)
    held = held.view().join(ev, ["place_id", "controller", "valid_from"], how="left")
    held = held.drop("place_id_right", "controller_right", "valid_from_right")
    return held.mutate(sources=_.sources.fill_null(NO_NAMES), facts=_.facts.fill_null(NO_NAMES))


_COLUMNS = (
    "place_id",
    "place",
    "controller",
    "controller_name",
    "valid_from",
    "valid_to",
    "conflict",
    "n_sources",
    "sources",
    "facts",
)


def control_at(con: ibis.BaseBackend, place: str, on: date) -> ir.Table:
    """Who held ``place`` (id, name or alias) on ``on``; ``unknown`` when no evidence says.

    Several rows for one place mean sources disagree (``conflict`` is true).
    """
    ids = place_ids(con, place)
    intervals = con.table("control_intervals")
    held = intervals.filter(intervals.place_id.isin(ids), holds_on(intervals, on))
    wanted = ibis.memtable({"place_id": ids})
    held = wanted.join(held, "place_id", how="left").select(
        "place_id",
        controller=held.controller.coalesce(UNKNOWN),
        valid_from=held.valid_from,
        valid_to=held.valid_to,
        conflict=held.conflict.fill_null(False),
        n_sources=held.n_sources.fill_null(0),
    )
    return _describe(con, held).select(*_COLUMNS).order_by("place_id", "controller")


def control_history(con: ibis.BaseBackend, place: str) -> ir.Table:
    """Every control interval of ``place`` (id, name or alias), oldest first, with its sources."""
    ids = place_ids(con, place)
    intervals = con.table("control_intervals")
    held = intervals.filter(intervals.place_id.isin(ids)).select(
        "place_id", "controller", "valid_from", "valid_to", "conflict", "n_sources"
    )
    ordered = held.valid_from.coalesce(_EARLIEST)
    return (
        _describe(con, held.mutate(_order=ordered))
        .order_by("place_id", "_order", "controller")
        .select(*_COLUMNS)
    )


def control_map(con: ibis.BaseBackend, on: date) -> ir.Table:
    """Every place with control evidence and who held it on ``on`` (``unknown`` before any)."""
    intervals = con.table("control_intervals")
    held = intervals.filter(holds_on(intervals, on))
    held = held.select("place_id", "controller", "valid_from", "valid_to", "conflict", "n_sources")
    return (
        _describe(con, held)
        .select(*_COLUMNS[:2], "admin1", "lat", "lon", *_COLUMNS[2:])
        .order_by("place_id", "controller")
    )


def territorial_change(
    con: ibis.BaseBackend,
    actor: str,
    date_from: date | None = None,
    date_to: date | None = None,
    *,
    strike_window_days: int = 30,
) -> ir.Table:
    """Places ``actor`` (with its sub-units) gained or lost between two dates, and who struck there.

    A gain is an interval of the actor that follows another controller's (or
    ``unknown``); a loss the reverse. ``strikers`` lists the actors whose air strikes
    or shelling hit the place in the ``strike_window_days`` before the change.
    """
    group = sorted(descendants(con, actor_ids(con, actor)))
    intervals = con.table("control_intervals")
    order = intervals.valid_from.coalesce(_EARLIEST)
    w = ibis.window(group_by="place_id", order_by=[order, intervals.controller])
    steps = intervals.mutate(previous=intervals.controller.lag().over(w)).filter(
        _.valid_from.notnull()
    )
    mine = steps.controller.isin(group)
    before = steps.previous.coalesce(UNKNOWN).isin(group)
    # Compared as numbers: ibis prints `a IN (..) <> b IN (..)` unparenthesised for Spark.
    steps = steps.filter(ibis.ifelse(mine, 1, 0) != ibis.ifelse(before, 1, 0)).mutate(
        change=ibis.ifelse(mine, "gained", "lost"), previous=_.previous.coalesce(UNKNOWN)
    )
    if date_from is not None:
        steps = steps.filter(_.valid_from >= date_from)
    if date_to is not None:
        steps = steps.filter(_.valid_from <= date_to)
    steps = steps.select(
        "place_id",
        on="valid_from",
        change="change",
        held_before="previous",
        held_after="controller",
        conflict="conflict",
        valid_from="valid_from",
    )
    described = _describe(con, steps.mutate(controller=steps.held_after))
    return (
        _with_strikers(con, described, strike_window_days)
        .select(
            "place_id",
            "place",
            "on",
            "change",
            "held_before",
            "held_after",
            "conflict",
            "strikers",
            "sources",
            "facts",
        )
        .order_by("on", "place_id")
    )


def _with_strikers(con: ibis.BaseBackend, changes: ir.Table, days: int) -> ir.Table:
    e = con.table("events")
    ea = con.table("event_actors")
    strikes = e.filter(e.sub_event_type.isin(sorted(STRIKE_SUB_EVENT_TYPES))).select(
        "source_id", "event_id", _sp="place_id", _day=e.date_start.coalesce(e.date_end)
    )
    strikers = ea.filter(ea.role.isin(["actor1", "assoc_actor1"]))
    strikes = strikes.join(strikers, ["source_id", "event_id"]).select(
        "_sp", "_day", _striker=strikers.actor_id
    )
    near = changes.left_join(
        strikes,
        [
            changes.place_id == strikes._sp,
            strikes._day <= changes.on,
            strikes._day >= changes.on - ibis.interval(days=days),
        ],
    )
    keys = list(changes.columns)
    return near.group_by(keys).agg(
        strikers=near._striker.collect(distinct=True).sort().fill_null(NO_NAMES)
    )
