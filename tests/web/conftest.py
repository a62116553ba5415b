"""Fixtures of the web tests: one knowledge base for reading, and apps over it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from fastapi import FastAPI

from contested.ingest import ingest
from contested.store import Store
from contested.web import create_app
from tests._data import SCRIPT_FACTS, SEED_GOLD, SEED_TEXT, UCDP_CSV

SEED_DOC_ID = "000_004d2f17e3819bd9"


def build_knowledge_base(path: Path, *files: Path) -> Path:
    """Ingest ``files`` into a new knowledge base and give the seed's gold facts their text.

    A facts file keeps no text; the gold spans point into the reference article, so it is
    attached as a text source would keep it, for the context endpoint to cut sentences from.
    """
    with Store.open(path) as store:
        ingest(files, store)
        store.con.execute(
            "UPDATE sources SET text = ? WHERE doc_id = ?",
            [SEED_TEXT.read_text(encoding="utf-8"), SEED_DOC_ID],
        )
    return path


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed's gold facts, UCDP GED Syria and a facts file full of markup."""
    folder = tmp_path_factory.mktemp("web")
    return build_knowledge_base(folder / "kb.duckdb", SEED_GOLD, UCDP_CSV, SCRIPT_FACTS)


@pytest.fixture(scope="session")
def web_app(web_db: Path) -> Iterator[FastAPI]:
    """A read-only app (no write token) over ``web_db``."""
    app = create_app(web_db)
    yield app
    app.state.kb.close()


@pytest.fixture(scope="session")
def gold_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gold")
    return build_knowledge_base(folder / "gold.duckdb", SEED_GOLD)


@pytest.fixture
def gold_copy(gold_db: Path, tmp_path: Path) -> Path:
    """A private copy of the gold knowledge base, for tests that write or damage it."""
    return Path(shutil.copy(gold_db, tmp_path / "kb.duckdb"))


class InProcessClient:
    """An ``httpx.AsyncClient`` over ``httpx.ASGITransport``, called from plain tests.

    Requests run on an event loop in a thread of its own (an anyio portal), so the API
    tests also run after Playwright has started its loop in the main thread.
    """

    def __init__(self, portal: BlockingPortal, app: FastAPI) -> None:
        self._portal = portal
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        self._client = httpx.AsyncClient(transport=transport, base_url="http://testserver")

    def request(self, method: str, url: str, **options: Any) -> httpx.Response:
        return self._portal.call(partial(self._client.request, method, url, **options))

    def get(self, url: str, **options: Any) -> httpx.Response:
        return self.request("GET", url, **options)

    def post(self, url: str, **options: Any) -> httpx.Response:
        return self.request("POST", url, **options)

    def close(self) -> None:
        self._portal.call(self._client.aclose)


@pytest.fixture(scope="session")
def portal() -> Iterator[BlockingPortal]:
    with start_blocking_portal() as running:
        yield running


@contextmanager
def in_process_client(portal: BlockingPortal, app: FastAPI) -> Iterator[InProcessClient]:
    client = InProcessClient(portal, app)
    try:
        yield client
    finally:
        client.close()


@contextmanager
def app_and_client(
    portal: BlockingPortal, db_path: Path, **options: Any
) -> Iterator[tuple[FastAPI, InProcessClient]]:
    """A new app over ``db_path`` (``create_app`` options) and a client of it; both closed."""
    app = create_app(db_path, **options)
    try:
        with in_process_client(portal, app) as client:
            yield app, client
    finally:
        app.state.kb.close()


@pytest.fixture
def client(portal: BlockingPortal, web_app: FastAPI) -> Iterator[InProcessClient]:
    """An in-process HTTP client of the read-only app."""
    with in_process_client(portal, web_app) as c:
        yield c
