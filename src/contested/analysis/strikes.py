"""Whose places an actor's air strikes and shelling hit: strikes by who held the struck place.

A strike is an event whose ``actor1``, or an allegation (claim) whose
``about_actor1``, is the actor or one of its sub-units (``part_of`` relations and
``actors.parent_id``), with an air/drone strike or shelling sub-event type (an
allegation with only the event type "Explosions/Remote violence" counts too).
The struck place is the strike's own place when control of it is known on the
day; otherwise the nearest place with known control within ``radius_km`` of the
strike's point. Strikes matched to neither are ``unknown``, and that share is
always reported. DOCS: docs/analysis.md
"""

from __future__ import annotations

from datetime import date

import ibis
import ibis.expr.types as ir
from ibis import _

from contested.analysis._names import actor_ids, with_actor_name
from contested.analysis.control import holds_on
from contested.derive import UNKNOWN, descendants
from contested.vocab import STRIKE_SUB_EVENT_TYPES

REMOTE_VIOLENCE = "Explosions/Remote violence"
EARTH_RADIUS_KM = 6371.0088
# Grid cells this many km (at 60 degrees latitude) wide: a radius search reads the 3x3
# cells around a strike, which covers the radius anywhere within 60 degrees of the equator.
_KM_PER_DEGREE_AT_60 = 111.32 * 0.5

STRIKE_KEY = ("kind", "source_id", "fact_id")


def haversine_km(
    lat1: ir.FloatingValue, lon1: ir.FloatingValue, lat2: ir.FloatingValue, lon2: ir.FloatingValue
) -> ir.FloatingValue:
    """Great-circle distance in km between two points given in degrees."""
    dlat = (lat2 - lat1).radians()
    dlon = (lon2 - lon1).radians()
    a = (dlat / 2).sin() ** 2 + lat1.radians().cos() * lat2.radians().cos() * (dlon / 2).sin() ** 2
    return 2 * EARTH_RADIUS_KM * a.sqrt().asin()


def strikes(
    con: ibis.BaseBackend,
    actors: list[str],
    date_from: date | None = None,
    date_to: date | None = None,
    *,
    include_claims: bool = True,
) -> ir.Table:
    """Strike events and strike allegations by any of ``actors`` (canonical ids)."""
    types = sorted(STRIKE_SUB_EVENT_TYPES)
    e = con.table("events")
    found = e.filter(e.sub_event_type.isin(types), e.actor1.isin(actors)).select(
        kind=ibis.literal("event"),
        source_id=e.source_id,
        fact_id=e.event_id,
        actor_id=e.actor1,
        target_id=e.actor2,
        day=e.date_start.coalesce(e.date_end),
        place_id=e.place_id,
        lat=e.lat,
        lon=e.lon,
    )
    if include_claims:
        c = con.table("claims")
        is_strike = c.about_sub_event_type.isin(types) | (
            c.about_sub_event_type.isnull() & (c.about_event_type == REMOTE_VIOLENCE)
        )
        alleged = c.filter(is_strike, c.about_actor1.isin(actors)).select(
            kind=ibis.literal("claim"),
            source_id=c.source_id,
            fact_id=c.claim_id,
            actor_id=c.about_actor1,
            target_id=c.about_actor2,
            day=c.date_start.coalesce(c.date_end),
            place_id=c.about_place_id,
            lat=c.lat,
            lon=c.lon,
        )
        found = found.union(alleged)
    # Nullable throughout, so the branches of attributed_strikes union cleanly.
    found = found.cast({"source_id": "string", "fact_id": "string"})
    if date_from is not None:
        found = found.filter(found.day >= date_from)
    if date_to is not None:
        found = found.filter(found.day <= date_to)
    return found


def _month(day: ir.DateValue) -> ir.IntegerValue:
    return day.year().cast("int64") * 12 + day.month().cast("int64") - 1


def _last_day(con: ibis.BaseBackend) -> ir.DateScalar:
    """The latest day any event or claim names (scalar subqueries over two date columns)."""
    e, c = con.table("events"), con.table("claims")
    return ibis.greatest(e.date_start.max(), e.date_end.max(), c.date_start.max(), c.date_end.max())


def segments(con: ibis.BaseBackend) -> ir.Table:
    """Each place's timeline cut into non-overlapping segments, one row per calendar month.

    Intervals in conflict start on the same day and end on the same day, so grouping by
    (place, start, end) leaves one segment per stretch of time; its controller is the
    first alphabetically and ``conflict`` stays set. Listing a segment under every month
    it covers lets strikes join on (place, month) by hash and check the day after,
    instead of comparing each strike with every interval of its place. The ``unknown``
    segment is listed only for the month evidence begins: earlier strikes find no row.
    """
    intervals = con.table("control_intervals")
    cut = intervals.group_by("place_id", "valid_from", "valid_to").agg(
        controller=intervals.controller.min(), conflict=intervals.conflict.max()
    )
    last = _month(cut.valid_to - ibis.interval(days=1))
    start = ibis.ifelse(cut.valid_from.isnull(), last, _month(cut.valid_from))
    end = ibis.ifelse(cut.valid_to.isnull(), _month(_last_day(con)), last)
    return cut.mutate(month=ibis.range(start, end + 1).unnest())


def _at(table: ir.Table, seg: ir.Table, place: str) -> ir.Table:
    """``table`` joined to the segment of ``place`` that covers its ``day``."""
    return table.join(
        seg,
        [table[place] == seg.place_id, table._month == seg.month, holds_on(seg, table.day)],
    )


def _nearest(hits: ir.Table, places: ir.Table, seg: ir.Table, radius_km: float) -> ir.Table:
    """For each strike, the nearest place within ``radius_km`` whose holder that day is known."""
    size = radius_km / _KM_PER_DEGREE_AT_60
    steps = ibis.literal([-1, 0, 1])
    grid = places.select(
        _pid="place_id",
        _plat="lat",
        _plon="lon",
        _row=(places.lat / size).floor().cast("int64"),
        _col=(places.lon / size).floor().cast("int64"),
    )
    # Each place is listed in its own grid cell and the 8 around it.
    grid = grid.mutate(_dr=steps.unnest()).mutate(_dc=steps.unnest())
    grid = grid.select("_pid", "_plat", "_plon", _row=_._row + _._dr, _col=_._col + _._dc)
    # Distances are computed once per distinct point: strikes share the points of the
    # places and villages they hit, so there are far fewer points than strikes.
    spots = hits.select(_lat="lat", _lon="lon").distinct()
    spots = spots.mutate(
        _row=(spots._lat / size).floor().cast("int64"),
        _col=(spots._lon / size).floor().cast("int64"),
    )
    near = spots.join(grid, ["_row", "_col"])
    # A cheap box test guards the trigonometry (inside a CASE, so no engine computes it
    # first): about a fifth of the pairs from the 3x3 cells fall inside the box.
    in_box = ((near._lat - near._plat).abs() <= radius_km / 110.0) & (
        (near._lon - near._plon).abs() <= size
    )
    distance = haversine_km(near._lat, near._lon, near._plat, near._plon)
    near = near.select(
        "_lat", "_lon", "_pid", distance_km=ibis.ifelse(in_box, distance, ibis.null("float64"))
    )
    near = near.filter(near.distance_km <= radius_km)
    near = hits.join(near, [hits.lat == near._lat, hits.lon == near._lon])
    known = seg.filter(seg.controller != UNKNOWN)
    matched = _at(near, known, "_pid").select(
        *STRIKE_KEY, "controller", "conflict", "distance_km", matched_place="_pid"
    )
    best = ibis.window(group_by=list(STRIKE_KEY), order_by=["distance_km", "controller"])
    return matched.mutate(rank=ibis.row_number().over(best)).filter(_.rank == 0).drop("rank")


_COLUMNS = (*STRIKE_KEY, "actor_id", "target_id", "day", "place_id")
_MATCH = ("controller", "matched_place", "matched_by", "distance_km", "conflict")


def _search(con: ibis.BaseBackend, rest: ir.Table, seg: ir.Table, radius_km: float) -> ir.Table:
    """Strikes whose own place gave no holder, matched to the nearest place that does."""
    if radius_km <= 0:
        return rest.select(
            *_COLUMNS,
            controller=ibis.literal(UNKNOWN),
            matched_place=ibis.null("string"),
            matched_by=ibis.null("string"),
            distance_km=ibis.null("float64"),
            conflict=ibis.literal(False),
        )
    p = con.table("places").filter(_.lat.notnull(), _.lon.notnull())
    points = rest.filter(rest.lat.notnull(), rest.lon.notnull())
    nearest = _nearest(points, p.filter(p.place_id.isin(seg.place_id)), seg, radius_km)
    joined = rest.left_join(nearest, list(STRIKE_KEY))
    return joined.select(
        *_COLUMNS,
        controller=joined.controller.coalesce(UNKNOWN),
        matched_place=joined.matched_place,
        matched_by=ibis.ifelse(joined.matched_place.notnull(), "radius", ibis.null("string")),
        distance_km=joined.distance_km,
        conflict=joined.conflict.fill_null(False),
    )


def attributed_strikes(
    con: ibis.BaseBackend,
    actor: str,
    date_from: date | None = None,
    date_to: date | None = None,
    *,
    radius_km: float = 10.0,
    include_claims: bool = True,
) -> ir.Table:
    """Each strike of ``actor`` (with sub-units) with who held the struck place that day."""
    group = sorted(descendants(con, actor_ids(con, actor)))
    hits = strikes(con, group, date_from, date_to, include_claims=include_claims)
    hits = hits.mutate(_month=_month(hits.day))
    seg = segments(con)
    own = seg.select(
        _sp="place_id",
        _m="month",
        _from="valid_from",
        _to="valid_to",
        _c="controller",
        _x="conflict",
    )
    # Every strike in or after the month its place's evidence begins meets exactly one
    # segment that holds on its day; earlier strikes, and places without evidence, none.
    placed = hits.left_join(own, [hits.place_id == own._sp, hits._month == own._m])
    placed = placed.filter(
        placed._sp.isnull()
        | (
            (placed._from.isnull() | (placed._from <= placed.day))
            & (placed._to.isnull() | (placed._to > placed.day))
        )
    )
    known = placed._c.notnull() & (placed._c != UNKNOWN)
    by_place = placed.filter(known).select(
        *_COLUMNS,
        controller=placed._c,
        matched_place=placed.place_id,
        matched_by=ibis.literal("place"),
        distance_km=ibis.literal(0.0),
        conflict=placed._x,
    )
    rest = placed.filter(~known).select(*hits.columns)
    searched = _search(con, rest, seg, radius_km)
    return by_place.union(searched.select(*_COLUMNS, *_MATCH))


def strike_attribution(
    con: ibis.BaseBackend,
    actor: str,
    date_from: date | None = None,
    date_to: date | None = None,
    *,
    radius_km: float = 10.0,
    include_claims: bool = True,
) -> ir.Table:
    """Share of ``actor``'s strikes by who held the struck place; ``unknown`` always listed."""
    each = attributed_strikes(
        con, actor, date_from, date_to, radius_km=radius_km, include_claims=include_claims
    )
    counts = each.group_by("controller").agg(
        strikes=_.count(),
        events=(_.kind == "event").sum(),
        claims=(_.kind == "claim").sum(),
    )
    zero = ibis.literal(0, "int64")
    unknown = ibis.memtable({"controller": [UNKNOWN]}).select(
        "controller", strikes=zero, events=zero, claims=zero
    )
    counts = counts.cast({"strikes": "int64", "events": "int64", "claims": "int64"})
    counts = (
        counts.union(unknown)
        .group_by("controller")
        .agg(strikes=_.strikes.sum(), events=_.events.sum(), claims=_.claims.sum())
    )
    total = counts.strikes.sum().over()
    counts = counts.mutate(
        share=ibis.ifelse(total > 0, counts.strikes / total, ibis.literal(0.0)).round(4)
    )
    counts = with_actor_name(counts, con, "controller", "controller_name")
    return counts.select(
        "controller", "controller_name", "strikes", "share", "events", "claims"
    ).order_by(ibis.desc("strikes"), "controller")
