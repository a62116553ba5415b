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
    if date_from is not None:
        found = found.filter(found.day >= date_from)
    if date_to is not None:
        found = found.filter(found.day <= date_to)
    return found


def _known(con: ibis.BaseBackend) -> ir.Table:
    intervals = con.table("control_intervals")
    return intervals.filter(intervals.controller != UNKNOWN).select(
        "place_id", "controller", "valid_from", "valid_to", "conflict"
    )


def _by_place(hits: ir.Table, known: ir.Table) -> ir.Table:
    """Candidates from the strike's own place: distance 0."""
    joined = hits.join(
        known, [hits.place_id == known.place_id, holds_on(known, hits.day)]
    )
    return joined.select(
        *STRIKE_KEY,
        matched_place=known.place_id,
        controller=known.controller,
        conflict=known.conflict,
        distance_km=ibis.literal(0.0),
        matched_by=ibis.literal("place"),
    )


def _cells(lat: ir.FloatingValue, lon: ir.FloatingValue, size: float) -> tuple[ir.Value, ...]:
    return (lat / size).floor().cast("int64"), (lon / size).floor().cast("int64")


def _by_radius(con: ibis.BaseBackend, hits: ir.Table, known: ir.Table, radius_km: float) -> ir.Table:
    """Candidates among places with known control within ``radius_km`` of the strike's point."""
    size = radius_km / _KM_PER_DEGREE_AT_60
    p = con.table("places")
    places = p.filter(p.lat.notnull(), p.lon.notnull(), p.place_id.isin(known.place_id))
    row, col = _cells(places.lat, places.lon, size)
    offsets = ibis.memtable({"dr": [r for r in (-1, 0, 1) for _c in (-1, 0, 1)],
                             "dc": [c for _r in (-1, 0, 1) for c in (-1, 0, 1)]})
    places = places.select(_pid="place_id", _plat="lat", _plon="lon", _row=row, _col=col)
    places = places.cross_join(offsets).select(
        "_pid", "_plat", "_plon", _row=_._row + _.dr, _col=_._col + _.dc
    )
    points = hits.filter(hits.lat.notnull(), hits.lon.notnull())
    srow, scol = _cells(points.lat, points.lon, size)
    points = points.mutate(_row=srow, _col=scol)
    near = points.join(places, ["_row", "_col"]).mutate(
        distance_km=haversine_km(_.lat, _.lon, _._plat, _._plon)
    )
    near = near.filter(near.distance_km <= radius_km)
    matched = near.join(known, [near._pid == known.place_id, holds_on(known, near.day)])
    return matched.select(
        *STRIKE_KEY,
        matched_place=known.place_id,
        controller=known.controller,
        conflict=known.conflict,
        distance_km=matched.distance_km,
        matched_by=ibis.literal("radius"),
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
    known = _known(con)
    exact = _by_place(hits, known)
    # Only strikes without a known controller at their own place are searched by radius.
    rest = hits.anti_join(exact, list(STRIKE_KEY))
    candidates = exact.union(_by_radius(con, rest, known, radius_km)) if radius_km > 0 else exact
    best = ibis.window(group_by=list(STRIKE_KEY), order_by=["distance_km", "controller"])
    chosen = candidates.mutate(rank=ibis.row_number().over(best)).filter(_.rank == 0).drop("rank")
    out = hits.join(chosen, list(STRIKE_KEY), how="left").select(
        *STRIKE_KEY,
        "actor_id",
        "target_id",
        "day",
        "place_id",
        controller=chosen.controller.coalesce(UNKNOWN),
        matched_place=chosen.matched_place,
        matched_by=chosen.matched_by,
        distance_km=chosen.distance_km,
        conflict=chosen.conflict.fill_null(False),
    )
    return out


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
    counts = counts.union(unknown).group_by("controller").agg(
        strikes=_.strikes.sum(), events=_.events.sum(), claims=_.claims.sum()
    )
    total = counts.strikes.sum().over()
    counts = counts.mutate(
        share=ibis.ifelse(total > 0, counts.strikes / total, ibis.literal(0.0)).round(4)
    )
    counts = with_actor_name(counts, con, "controller", "controller_name")
    return counts.select(
        "controller", "controller_name", "strikes", "share", "events", "claims"
    ).order_by(ibis.desc("strikes"), "controller")
