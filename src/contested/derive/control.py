"""Control of territory over time, from the territory events of every source.

A territory event (``vocab.TERRITORY_SUB_EVENT_TYPES``: a capture, a regain or a
non-violent transfer) says its ``actor1`` controls its place from ``date_end`` on
(facts format, "Event"), provided that actor is of a kind that can hold ground
(``vocab.CONTROLLER_KINDS``, or a kind nobody stated): a news agency or a monitor
named as the subject of "took the town" is a misreading, not a new controller.
Per place the events are ordered by that date; a run of consecutive events naming
the same controller is one interval, which lasts until the next run begins. Before
the first evidence a place is explicitly ``unknown``.

An interval is flagged ``conflict`` when a neighbouring run names another
controller for overlapping time: the date ranges of their events overlap (two
sources disagree on who took the place, or the order of events is uncertain).

Everything is an Ibis expression over the fact tables, so the same code runs on
DuckDB and Spark. DOCS: docs/analysis.md
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis import _

from contested.vocab import CONTROLLER_KINDS, TERRITORY_SUB_EVENT_TYPES

UNKNOWN = "unknown"

INTERVAL_KEY = ("place_id", "controller", "valid_from")


def territory_events(con: ibis.BaseBackend) -> ir.Table:
    """Events that move control of a place, with the controller and the date it holds from."""
    e = con.table("events")
    actors = con.table("actors").select("actor_id", "kind")
    e = e.mutate(
        date_start=e.date_start.coalesce(e.date_end), date_end=e.date_end.coalesce(e.date_start)
    ).filter(
        _.sub_event_type.isin(sorted(TERRITORY_SUB_EVENT_TYPES)),
        _.place_id.notnull(),
        _.actor1.notnull(),
        _.date_end.notnull(),
    )
    held = e.left_join(actors, e.actor1 == actors.actor_id).filter(
        _.kind.isnull() | _.kind.isin(CONTROLLER_KINDS)
    )
    return held.select(
        "place_id",
        controller=_.actor1,
        held_from=_.date_end,
        source_id=_.source_id,
        event_id=_.event_id,
        sub_event_type=_.sub_event_type,
        date_start=_.date_start,
        date_end=_.date_end,
    )


def _runs(territory: ir.Table) -> ir.Table:
    """Change points (place, controller, day) numbered into runs of one controller."""
    points = territory.group_by("place_id", "controller", "held_from").agg(
        earliest_start=_.date_start.min()
    )
    ordered = ibis.window(group_by="place_id", order_by=["held_from", "controller"])
    running = ibis.window(
        group_by="place_id", order_by=["held_from", "controller"], preceding=None, following=0
    )
    points = points.mutate(previous=_.controller.lag().over(ordered))
    points = points.mutate(
        starts=ibis.ifelse(_.previous.isnull() | (_.previous != _.controller), 1, 0)
    )
    return points.mutate(run=_.starts.sum().over(running)).drop("previous", "starts")


def _intervals(points: ir.Table) -> ir.Table:
    """One row per run: when it starts, when the next run starts, and the conflict flag."""
    runs = points.group_by("place_id", "run", "controller").agg(
        valid_from=_.held_from.min(),
        last_held=_.held_from.max(),
        earliest_start=_.earliest_start.min(),
    )
    by_run = ibis.window(group_by="place_id", order_by="run")
    runs = runs.mutate(
        conflict=(_.last_held.lag().over(by_run) >= _.earliest_start).fill_null(False)
        | (_.earliest_start.lead().over(by_run) <= _.last_held).fill_null(False)
    )
    # Runs are ordered by start, so an interval ends where the next later start begins;
    # runs starting the same day (sources disagree) all last until that later start.
    starts = runs.select("place_id", "valid_from").distinct()
    starts = starts.mutate(
        valid_to=_.valid_from.lead().over(ibis.window(group_by="place_id", order_by="valid_from"))
    )
    return runs.join(starts, ["place_id", "valid_from"]).select(
        "place_id", "run", "controller", "valid_from", "valid_to", "conflict"
    )


def _evidence(territory: ir.Table, points: ir.Table, intervals: ir.Table) -> ir.Table:
    keyed = points.join(intervals, ["place_id", "run", "controller"]).select(
        "place_id", "controller", "held_from", "valid_from"
    )
    return territory.join(keyed, ["place_id", "controller", "held_from"]).select(
        "place_id",
        "controller",
        "valid_from",
        "source_id",
        "event_id",
        "sub_event_type",
        "date_start",
        "date_end",
    )


def control_evidence(con: ibis.BaseBackend) -> ir.Table:
    """Each territory event with the interval (place, controller, valid_from) it supports."""
    territory = territory_events(con)
    points = _runs(territory)
    return _evidence(territory, points, _intervals(points))


def control_intervals(con: ibis.BaseBackend) -> ir.Table:
    """Who held each place from when to when, with an ``unknown`` interval before any evidence."""
    # One expression graph for intervals and their evidence, so the engine computes the
    # runs once (ibis shares the common parts as CTEs).
    territory = territory_events(con)
    points = _runs(territory)
    intervals = _intervals(points)
    evidence = _evidence(territory, points, intervals)
    counts = evidence.group_by(*INTERVAL_KEY).agg(
        n_facts=_.count(), n_sources=_.source_id.nunique()
    )
    known = intervals.join(counts, list(INTERVAL_KEY)).select(
        "place_id",
        "controller",
        "valid_from",
        "valid_to",
        "n_facts",
        "n_sources",
        "conflict",
    )
    unknown = intervals.group_by("place_id").agg(valid_to=_.valid_from.min())
    unknown = unknown.select(
        "place_id",
        controller=ibis.literal(UNKNOWN),
        valid_from=ibis.null("date"),
        valid_to=unknown.valid_to,
        n_facts=ibis.literal(0, "int64"),
        n_sources=ibis.literal(0, "int64"),
        conflict=ibis.literal(False),
    )
    return known.union(unknown)
