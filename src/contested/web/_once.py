"""Answering one request in-process, without a socket (``contested serve --get``)."""

from __future__ import annotations

import httpx
from anyio.from_thread import start_blocking_portal
from fastapi import FastAPI


def get_once(app: FastAPI, path: str) -> tuple[int, str]:
    """GET ``path`` from ``app`` in-process; returns the status and the body as text.

    The request runs on an event loop of its own thread, so this works from code
    that already runs one (a notebook, a test driving a browser).
    """
    if not path.startswith("/"):
        path = "/" + path

    async def fetch() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://contested") as client:
            return await client.get(path)

    with start_blocking_portal() as portal:
        response = portal.call(fetch)
    return response.status_code, response.text
