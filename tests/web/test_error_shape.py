"""Every JSON error of the API has one shape: ``{"ok": false, "error", "errors", "status"}``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from anyio.from_thread import BlockingPortal

from contested.store import Store
from tests.web.conftest import InProcessClient, app_and_client

GOLD_ID = "8fdae0f2ae8ab6a0"


def assert_error_shape(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"ok", "error", "errors", "status"}
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert body["errors"], "errors lists at least the one problem"
    for problem in body["errors"]:
        assert set(problem) == {"loc", "msg"}
        assert isinstance(problem["msg"], str) and problem["msg"]
    return body


@pytest.mark.parametrize(
    ("method", "url", "status", "says"),
    [
        ("GET", "/api/no-such-endpoint", 404, "GET /api/no-such-endpoint"),
        ("GET", "/api/places/no-such-place", 404, "no place 'no-such-place'"),
        ("GET", "/api/actors/no-such-actor", 404, "no actor 'no-such-actor'"),
        ("GET", f"/api/events/{GOLD_ID}/e999", 404, "no event 'e999'"),
        ("GET", "/api/sources/no-such-source", 404, "no source 'no-such-source'"),
        ("GET", "/api/sources/no-such-source/context?start=0&end=1", 404, "no source"),
        ("POST", "/api/events", 405, "405 Method Not Allowed"),
        ("GET", "/api/events?from=yesterday", 422, "query.from"),
        ("GET", "/api/events?limit=100000", 422, "query.limit"),
        ("GET", "/api/events?actors=isis", 422, "query.actors"),
        ("GET", "/api/events?format=xml", 422, "query.format"),
        ("GET", "/api/control", 422, "query.on"),
        ("GET", "/api/control?on=2016-02-30", 422, "query.on"),
        ("GET", f"/api/sources/{GOLD_ID}/context?start=10&end=5", 422, "outside the text"),
        ("GET", f"/api/sources/{GOLD_ID}/context?start=0&end=99999999", 422, "outside the text"),
        ("POST", "/api/ingest?filename=x.json", 403, "CONTESTED_WRITE_TOKEN"),
    ],
)
def test_error_shape_of_client_errors(
    client: InProcessClient, method: str, url: str, status: int, says: str
) -> None:
    body = assert_error_shape(client.request(method, url, content=b"{}"), status)
    assert says in body["error"]


def test_error_shape_validation_lists_each_parameter(client: InProcessClient) -> None:
    body = assert_error_shape(client.get("/api/events?limit=0&offset=-1"), 422)
    assert [e["loc"] for e in body["errors"]] == ["query.limit", "query.offset"]


@pytest.fixture
def writable_client(portal: BlockingPortal, gold_copy: Path) -> Iterator[InProcessClient]:
    with app_and_client(portal, gold_copy, write_token="token") as (_, client):
        yield client


def test_error_shape_401_asks_for_a_bearer_token(writable_client: InProcessClient) -> None:
    response = writable_client.post("/api/ingest?filename=x.json", content=b"{}")
    assert_error_shape(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


def _damage(path: Path, sql: str) -> Path:
    with Store.open(path) as store:
        store.con.execute(sql)
    return path


@pytest.mark.parametrize(
    ("damage", "url", "says"),
    [
        # A knowledge base that lost a table: the store's error, as one line.
        ("DROP TABLE claims", "/api/claims", "claims"),
        # A row the API cannot describe (a place with no name): an unexpected error.
        (
            "ALTER TABLE places ALTER name DROP NOT NULL; UPDATE places SET name = NULL",
            "/api/places",
            "500 internal error in GET /api/places",
        ),
    ],
)
def test_error_shape_500_on_a_damaged_knowledge_base(
    portal: BlockingPortal, gold_copy: Path, damage: str, url: str, says: str
) -> None:
    with app_and_client(portal, _damage(gold_copy, damage)) as (_, client):
        body = assert_error_shape(client.get(url), 500)
    assert says in body["error"]
