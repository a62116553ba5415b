"""``/api/sources`` and ``/api/summary``: what the knowledge base was built from."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from contested.errors import NotFound
from contested.provenance import sentence_context
from contested.store import Store
from contested.store.queries import get_source, list_sources, source_text, summary
from contested.web._state import KnowledgeBase, knowledge_base
from contested.web.events import ERRORS
from contested.web.models import Context, ContextParams, SourceDetail, SourceList, Summary

router = APIRouter(prefix="/api", tags=["sources"])
KB = Annotated[KnowledgeBase, Depends(knowledge_base)]


@router.get("/summary", response_model=Summary, responses=ERRORS)
async def knowledge_base_summary(request: Request, kb: KB) -> Response:
    """Counts, the span of event dates and the event types in use."""
    writable = kb.write_token is not None
    return await kb.answer(
        request.url.path, Summary, lambda store: {**summary(store), "writable": writable}
    )


@router.get("/sources", response_model=SourceList, responses=ERRORS)
async def all_sources(request: Request, kb: KB) -> Response:
    """Every source with what it contributed."""
    return await kb.answer(
        request.url.path, SourceList, lambda store: {"sources": list_sources(store).to_pylist()}
    )


def _source(store: Store, source_id: str) -> dict[str, Any]:
    found = get_source(store, source_id)
    if found is None:
        raise NotFound(f"no source {source_id!r}; list sources at /api/sources")
    return found


@router.get("/sources/{source_id}", response_model=SourceDetail, responses=ERRORS)
async def one_source(request: Request, source_id: str, kb: KB) -> Response:
    """One source's record: kind, reader, path, dates, counts, whether its text is stored."""
    return await kb.answer(request.url.path, SourceDetail, lambda s: _source(s, source_id))


@router.get("/sources/{source_id}/context", response_model=Context, responses=ERRORS)
async def span_context(
    request: Request, source_id: str, params: Annotated[ContextParams, Query()], kb: KB
) -> Response:
    """The sentence(s) around a quoted span, split into `before`, `quote` and `after`.

    404 when the source keeps no text (datasets and facts files carry their quotes only).
    """

    def build(store: Store) -> dict[str, Any]:
        _source(store, source_id)
        text = source_text(store, source_id)
        if text is None:
            raise NotFound(
                f"source {source_id!r} keeps no text (only texts do); use the fact's quote"
            )
        if params.end < params.start or params.end > len(text):
            raise HTTPException(
                422, f"span {params.start}..{params.end} is outside the text (0..{len(text)})"
            )
        found = sentence_context(text, params.start, params.end, sentences=params.sentences)
        return {"source_id": source_id, **vars(found)}

    key = f"{request.url.path}?{params.model_dump_json()}"
    return await kb.answer(key, Context, build)
