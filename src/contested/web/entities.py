"""``/api/places``, ``/api/actors`` and ``/api/claims``: who and where, and what was claimed."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from contested.analysis import claim_audit, lineage
from contested.errors import NotFound
from contested.store import Store
from contested.store.queries import (
    control_periods,
    find_actors,
    find_claims,
    find_places,
    get_actor,
    get_place,
)
from contested.web._state import KnowledgeBase, knowledge_base
from contested.web.control import place_periods
from contested.web.events import ERRORS
from contested.web.models import (
    ActorDetail,
    ActorPage,
    ClaimPage,
    ClaimParams,
    PlaceDetail,
    PlacePage,
    SearchParams,
)

router = APIRouter(prefix="/api")
KB = Annotated[KnowledgeBase, Depends(knowledge_base)]


def _key(request: Request, params: Any) -> str:
    return f"{request.url.path}?{params.model_dump_json()}"


def _audit(store: Store) -> dict[tuple[str, str], dict[str, Any]]:
    """The claim audit's verdicts by (source_id, claim_id)."""
    rows = claim_audit(store.ibis()).to_pyarrow().to_pylist()
    keep = ("verdict", "supporting", "contradicting", "evidence")
    return {(r["source_id"], r["claim_id"]): {k: r[k] for k in keep} for r in rows}


@router.get("/places", response_model=PlacePage, responses=ERRORS, tags=["places"])
async def list_places(
    request: Request, params: Annotated[SearchParams, Query()], kb: KB
) -> Response:
    """Places whose name or alias contains `q`, those with most events first."""

    def build(store: Store) -> dict[str, Any]:
        total, rows = find_places(store, params.q, limit=params.limit, offset=params.offset)
        return {"total": total, "limit": params.limit, "offset": params.offset, "places": rows}

    return await kb.answer(_key(request, params), PlacePage, build)


@router.get("/places/{place_id}", response_model=PlaceDetail, responses=ERRORS, tags=["places"])
async def one_place(request: Request, place_id: str, kb: KB) -> Response:
    """A place: its names, how many events, and who held it when (with the facts)."""

    def build(store: Store) -> dict[str, Any]:
        place = get_place(store, place_id)
        if place is None:
            raise NotFound(f"no place {place_id!r}; search places at /api/places?q=NAME")
        periods = kb.memo("control_periods", lambda: control_periods(store))
        place["control"] = place_periods(periods, place_id)
        return place

    return await kb.answer(request.url.path, PlaceDetail, build)


@router.get("/actors", response_model=ActorPage, responses=ERRORS, tags=["actors"])
async def list_actors(
    request: Request, params: Annotated[SearchParams, Query()], kb: KB
) -> Response:
    """Actors whose name or alias contains `q`, those in most events first."""

    def build(store: Store) -> dict[str, Any]:
        total, rows = find_actors(store, params.q, limit=params.limit, offset=params.offset)
        return {"total": total, "limit": params.limit, "offset": params.offset, "actors": rows}

    return await kb.answer(_key(request, params), ActorPage, build)


@router.get("/actors/{actor_id}", response_model=ActorDetail, responses=ERRORS, tags=["actors"])
async def one_actor(request: Request, actor_id: str, kb: KB) -> Response:
    """An actor: aliases, relations to others over time (each with its quote) and lineage.

    `lineage` lists the mergers, absorptions and renames the actor came from
    (`predecessor`) or went into (`successor`), as the analysis stage derives them.
    """

    def build(store: Store) -> dict[str, Any]:
        actor = get_actor(store, actor_id)
        if actor is None:
            raise NotFound(f"no actor {actor_id!r}; search actors at /api/actors?q=NAME")
        actor["lineage"] = lineage(store.ibis(), actor_id).to_pyarrow().to_pylist()
        return actor

    return await kb.answer(request.url.path, ActorDetail, build)


@router.get("/claims", response_model=ClaimPage, responses=ERRORS, tags=["claims"])
async def list_claims(
    request: Request, params: Annotated[ClaimParams, Query()], kb: KB
) -> Response:
    """Claims, oldest first, with the assessments sources report and the audit's verdict.

    `audit.verdict` is `supported`, `contradicted` or `unverifiable`: the claim checked
    against who held the place then and what other sources report (see docs/analysis.md).
    """

    def build(store: Store) -> dict[str, Any]:
        total, rows = find_claims(store, params.claimant, limit=params.limit, offset=params.offset)
        audit = kb.memo("claim_audit", lambda: _audit(store))
        for row in rows:
            row["audit"] = audit.get((row["source_id"], row["claim_id"]))
        return {"total": total, "limit": params.limit, "offset": params.offset, "claims": rows}

    return await kb.answer(_key(request, params), ClaimPage, build)
