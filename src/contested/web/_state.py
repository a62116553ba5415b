"""The app's hold on the knowledge base: one DuckDB connection, one cursor per request.

DuckDB connections are not safe across threads; a cursor is a connection of
its own to the same database, so each request (and each ingest thread) gets one.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request, Response
from pydantic import BaseModel

from contested.store import Store
from contested.web._cache import ResponseCache

WRITES_DISABLED = (
    "writes are disabled on this server: start it with CONTESTED_WRITE_TOKEN set "
    "and send 'Authorization: Bearer <token>'"
)


@dataclass
class KnowledgeBase:
    """The opened knowledge base and what requests share about it."""

    root: Store
    write_token: str | None
    cache: ResponseCache = field(default_factory=ResponseCache)
    derived: dict[str, Any] = field(default_factory=dict)
    write_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def path(self) -> Path:
        return Path(self.root.path)

    def store(self) -> Store:
        """A Store on a fresh cursor: usable from one thread, closed by the caller."""
        return Store(self.root.con.cursor(), self.root.path, self.root.read_only)

    def close(self) -> None:
        self.root.close()

    def invalidate(self) -> None:
        """Forget every answer and derived table: the knowledge base changed."""
        self.cache.clear()
        self.derived.clear()

    def memo(self, name: str, compute: Callable[[], Any]) -> Any:
        """A table derived from the whole knowledge base, computed once until it changes."""
        if name not in self.derived:
            self.derived[name] = compute()
        return self.derived[name]

    async def answer(
        self, key: str, model: type[BaseModel], build: Callable[[Store], Any]
    ) -> Response:
        """``build(store)`` as JSON of ``model``, from the cache or computed in a thread."""

        body = self.cache.get(key)
        if body is not None:
            return Response(body, media_type="application/json")
        # The cursor is made here, on the event loop's thread, and used by one worker only;
        # the worker cannot be abandoned mid-query, so closing it afterwards is safe.
        store = self.store()
        try:
            body = await self.cache.get_or_compute(key, model, lambda: build(store))
        finally:
            store.close()
        return Response(body, media_type="application/json")


async def knowledge_base(request: Request) -> KnowledgeBase:
    """Dependency: the app's knowledge base (async, so FastAPI calls it without a thread)."""
    kb: KnowledgeBase = request.app.state.kb
    return kb


async def require_write_token(request: Request) -> None:
    """Dependency: refuse unless the server allows writes and the bearer token matches."""
    expected = (await knowledge_base(request)).write_token
    if expected is None:
        raise HTTPException(403, WRITES_DISABLED)
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(
            401,
            "this request needs a write token: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(403, "the bearer token is not valid for writes on this server")
