"""Answering one request in-process, without a socket (``contested serve --get``)."""

from __future__ import annotations

import asyncio

import httpx
from fastapi import FastAPI


def get_once(app: FastAPI, path: str) -> tuple[int, str]:
    """GET ``path`` from ``app`` in-process; returns the status and the body as text."""
    if not path.startswith("/"):
        path = "/" + path

    async def fetch() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://contested") as client:
            return await client.get(path)

    response = asyncio.run(fetch())
    return response.status_code, response.text
