"""Answers to read requests, kept as JSON bytes until the knowledge base changes.

While the server runs, the store changes only through this app's own ingest
endpoint, which empties the cache; so a cached answer is never stale. Cache
misses run in a worker thread (DuckDB releases the GIL while it works), and
concurrent requests for the same answer wait for one computation.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from anyio import to_thread
from pydantic import BaseModel

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class ResponseCache:
    """An LRU of JSON bodies bounded by total size, with single-flight computation."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._bodies: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._pending: dict[str, asyncio.Future[bytes]] = {}
        self.hits = 0
        self.misses = 0

    def clear(self) -> None:
        self._bodies.clear()
        self._size = 0

    def _put(self, key: str, body: bytes) -> None:
        if len(body) > self.max_bytes:
            return
        self._bodies[key] = body
        self._size += len(body)
        while self._size > self.max_bytes:
            _, dropped = self._bodies.popitem(last=False)
            self._size -= len(dropped)

    def get(self, key: str) -> bytes | None:
        """The cached body for ``key``, if any (counted as a hit)."""
        body = self._bodies.get(key)
        if body is not None:
            self._bodies.move_to_end(key)
            self.hits += 1
        return body

    async def get_or_compute(
        self, key: str, model: type[BaseModel], compute: Callable[[], Any]
    ) -> bytes:
        """The JSON of ``model(compute())``, computed in a thread at most once per key."""
        body = self.get(key)
        if body is not None:
            return body
        pending = self._pending.get(key)
        if pending is not None:
            return await asyncio.shield(pending)
        self.misses += 1
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            body = await to_thread.run_sync(_serialize, model, compute)
            if self.max_bytes > 0:
                self._put(key, body)
            future.set_result(body)
            return body
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # consumed here, so an unawaited future does not warn
            raise
        finally:
            del self._pending[key]


def _serialize(model: type[BaseModel], compute: Callable[[], Any]) -> bytes:
    value = compute()
    if isinstance(value, BaseModel):
        return value.model_dump_json().encode()
    return model.model_validate(value).model_dump_json().encode()
