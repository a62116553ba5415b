"""Fixtures of the web tests: one knowledge base for reading, and apps over it."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from contested.ingest import ingest
from contested.store import Store
from contested.web import create_app
from tests._data import SCRIPT_FACTS, SEED_GOLD, SEED_TEXT, UCDP_CSV

SEED_DOC_ID = "000_004d2f17e3819bd9"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


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


async def asgi_client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture
async def client(web_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An in-process HTTP client of the read-only app."""
    async for c in asgi_client(web_app):
        yield c
