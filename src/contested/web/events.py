"""``/api/events`` and ``/api/control``: what happened where, and who held each place."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from contested.errors import NotFound
from contested.store import Store
from contested.store.queries import (
    EventFilter,
    control_periods,
    count_events,
    find_event_points,
    find_events,
    get_event,
)
from contested.web._state import KnowledgeBase, knowledge_base
from contested.web.control import control_on
from contested.web.models import (
    ErrorBody,
    EventDetail,
    EventPage,
    EventParams,
    FeatureCollection,
)

router = APIRouter(prefix="/api", tags=["events"])
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody},
    422: {"model": ErrorBody},
}
KB = Annotated[KnowledgeBase, Depends(knowledge_base)]


def _point(row: dict[str, Any]) -> dict[str, Any]:
    properties = {k: v for k, v in row.items() if k not in ("lat", "lon")}
    geometry = {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _events(store: Store, p: EventParams) -> dict[str, Any]:
    wanted = EventFilter(p.actor, p.place, p.type, p.date_from, p.date_to, p.source)
    located = p.format == "geojson"
    find = find_event_points if located else find_events
    rows = find(store, wanted, limit=p.limit, offset=p.offset).to_pylist()
    if len(rows) < p.limit and (rows or p.offset == 0):
        total = p.offset + len(rows)  # the last page: no need to count
    else:
        total = count_events(store, wanted, located=located)
    if located:
        points = [_point(r) for r in rows]
        return {"type": "FeatureCollection", "features": points, "total": total}
    return {"total": total, "limit": p.limit, "offset": p.offset, "events": rows}


@router.get(
    "/events",
    response_model=EventPage | FeatureCollection,
    responses=ERRORS,
    summary="Events, oldest first, each with its source and quote",
)
async def list_events(
    request: Request, params: Annotated[EventParams, Query()], kb: KB
) -> Response:
    """Events matching every filter given; `format=geojson` returns the located ones as points.

    GeoJSON features carry only what a map needs (ids, dates, types, actor ids, place id,
    fatalities) and `total` counts the matches that have a point;
    `/api/events/{source_id}/{event_id}` has the rest.

    `total` counts every match, so `offset` can page through them.
    """
    model = FeatureCollection if params.format == "geojson" else EventPage
    key = f"{request.url.path}?{params.model_dump_json()}"
    return await kb.answer(key, model, lambda store: _events(store, params))


@router.get(
    "/events/{source_id}/{event_id}",
    response_model=EventDetail,
    responses=ERRORS,
    summary="One event with every actor it involves",
)
async def one_event(request: Request, source_id: str, event_id: str, kb: KB) -> Response:
    def build(store: Store) -> dict[str, Any]:
        event = get_event(store, source_id, event_id)
        if event is None:
            raise NotFound(
                f"no event {event_id!r} in source {source_id!r}; list events at /api/events"
            )
        return event

    return await kb.answer(request.url.path, EventDetail, build)


def _control_features(kb: KnowledgeBase, store: Store, on: date) -> dict[str, Any]:
    rows = control_on(kb.memo("control_periods", lambda: control_periods(store)), on)
    return {"type": "FeatureCollection", "features": [_point(r) for r in rows]}


@router.get(
    "/control",
    response_model=FeatureCollection,
    responses=ERRORS,
    tags=["control"],
    summary="Who held each place on a date, as GeoJSON points",
)
async def control_map(
    request: Request,
    kb: KB,
    on: Annotated[date, Query(description="The date (YYYY-MM-DD).")],
) -> Response:
    """Every located place with territorial facts; `controller` is `unknown` before any.

    Each feature's properties: `place_id`, `name`, `admin1`, `controller`, `controller_name`,
    `controllers` (all holders when sources disagree), `valid_from`, `valid_to`, `conflict`,
    `sources` and `facts` (the captures that establish it).
    """
    return await kb.answer(
        f"{request.url.path}?on={on.isoformat()}",
        FeatureCollection,
        lambda store: _control_features(kb, store, on),
    )
