"""The one factory of the web app: the HTTP API and the map page over one knowledge base.

The CLI (``contested serve``) and the tests both call :func:`create_app`.
DOCS: docs/api.md, docs/web.md
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from contested import __version__
from contested.store import Store
from contested.web import _errors, entities, events, ingest, page, sources
from contested.web._cache import DEFAULT_MAX_BYTES, ResponseCache
from contested.web._state import KnowledgeBase
from contested.web.page import HERE

DESCRIPTION = """Read-only access to a contested knowledge base: events with their sources and
quotes, who held each place on a date, places, actors and their relations, claims.
Writes (`POST /api/ingest`) need `Authorization: Bearer <token>` matching the
server's `CONTESTED_WRITE_TOKEN`. Every error is
`{"ok": false, "error": "...", "errors": [{"loc", "msg"}], "status": N}`."""


def create_app(
    db_path: str | os.PathLike[str],
    *,
    write_token: str | None = None,
    cache_bytes: int = DEFAULT_MAX_BYTES,
) -> FastAPI:
    """Build the app over the knowledge base at ``db_path``.

    Without ``write_token`` the file is opened read-only and every write is
    refused (403); with one, ``POST /api/ingest`` accepts that bearer token.
    ``cache_bytes=0`` turns the answer cache off (for measuring the queries).
    """
    if write_token is not None and not write_token.strip():
        write_token = None
    root = Store.open(db_path, read_only=write_token is None)
    kb = KnowledgeBase(root, write_token, ResponseCache(cache_bytes))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        kb.close()

    # Swagger UI and ReDoc load from a CDN, and the page must work offline: the spec
    # is served as JSON and documented in docs/api.md.
    app = FastAPI(
        title="contested",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.kb = kb
    _errors.install(app)
    for module in (events, entities, sources, ingest, page):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
