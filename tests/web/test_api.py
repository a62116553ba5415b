"""The HTTP API in-process (httpx.ASGITransport): every endpoint, filters, paging, writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from anyio.from_thread import BlockingPortal
from fastapi import FastAPI

from tests._data import PALMYRA_GOLD, SEED_TEXT
from tests.web.conftest import InProcessClient, app_and_client

GOLD_ID = "8fdae0f2ae8ab6a0"
GOLD_TITLE = "Russia Needs the Islamic State to Save Assad"
TOKEN = "s3cret-token"
ARTICLE = SEED_TEXT.read_text(encoding="utf-8")
# The ids the resolver gives the names of tests/data/script_injection.facts.json.
CAPTURE = "Government regains territory"
SCRIPT_PLACE = "script-window-pwned-1-script-town"
SCRIPT_ACTOR = "img-src-x-onerror-window-pwned-1-brigade"


def _json(client: InProcessClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


# Events ------------------------------------------------------------------------


def test_api_events_first_page_counts_every_event(client: InProcessClient) -> None:
    page = _json(client, "/api/events")
    assert (page["total"], page["limit"], page["offset"], len(page["events"])) == (
        16566 + 75 + 1,
        100,
        0,
        100,
    )


# Filters over the seed's gold facts, whose counts do not move with the registry or gazetteer.
@pytest.mark.parametrize(
    ("query", "total", "field", "value"),
    [
        ("actor=islamic-state", 34, None, None),
        ("actor=Daesh", 34, None, None),
        ("place=palmyra", 4, "place_id", "palmyra"),
        ("place=Tadmor", 4, "place_id", "palmyra"),
        ("type=Government regains territory", 9, "sub_event_type", CAPTURE),
        ("type=battles", 39, "event_type", "Battles"),
        ("from=2016-03-01&to=2016-03-31", 11, "source_id", GOLD_ID),
        ("actor=nobody-at-all", 0, None, None),
    ],
)
def test_api_events_filters(
    client: InProcessClient, query: str, total: int, field: str | None, value: str | None
) -> None:
    page = _json(client, f"/api/events?{query}&source={GOLD_ID}&limit=1000")
    assert page["total"] == total
    assert len(page["events"]) == total
    if field:
        assert {e[field] for e in page["events"]} == {value}


@pytest.mark.parametrize(("alias", "canonical"), [("actor=Daesh", "actor=islamic-state")])
def test_api_events_actor_alias_and_id_agree(
    client: InProcessClient, alias: str, canonical: str
) -> None:
    by_alias = _json(client, f"/api/events?{alias}&limit=50")
    by_id = _json(client, f"/api/events?{canonical}&limit=50")
    assert by_alias == by_id
    for event in by_id["events"]:
        if "islamic-state" not in (event["actor1"], event["actor2"]):
            detail = _json(client, f"/api/events/{event['source_id']}/{event['event_id']}")
            assert "islamic-state" in {a["actor_id"] for a in detail["actors"]}


def test_api_events_source_filter_by_document_id(client: InProcessClient) -> None:
    page = _json(client, "/api/events?source=ged-syria-19.1-2016-2019&limit=5")
    assert page["total"] == 16566
    assert {e["source"] for e in page["events"]} == {"ged-syria-19.1-2016-2019.csv"}
    assert all(e["row_number"] is not None for e in page["events"])


def test_api_events_date_filter_keeps_overlapping_events(client: InProcessClient) -> None:
    page = _json(client, f"/api/events?from=2016-03-27&to=2016-03-27&source={GOLD_ID}")
    assert "e41" in {e["event_id"] for e in page["events"]}
    for event in page["events"]:
        assert event["date_start"] <= "2016-03-27" <= event["date_end"]


@pytest.mark.parametrize("fmt", ["json", "geojson"])
@pytest.mark.parametrize(("limit", "offset"), [(5, 0), (5, 30), (1000, 0), (10, 40), (10, 5000)])
def test_api_events_total_is_the_same_on_every_page(
    client: InProcessClient, fmt: str, limit: int, offset: int
) -> None:
    query = f"/api/events?actor=islamic-state&source={GOLD_ID}&format={fmt}"
    everything = _json(client, f"{query}&limit=1000")
    page = _json(client, f"{query}&limit={limit}&offset={offset}")
    assert page["total"] == everything["total"]


def test_api_events_pages_are_disjoint_and_in_order(client: InProcessClient) -> None:
    whole = _json(client, "/api/events?actor=islamic-state&limit=10")
    first = _json(client, "/api/events?actor=islamic-state&limit=5")
    second = _json(client, "/api/events?actor=islamic-state&limit=5&offset=5")
    assert first["events"] + second["events"] == whole["events"]
    dates = [e["date_start"] for e in whole["events"]]
    assert dates == sorted(dates)


def test_api_events_rows_carry_quote_span_and_source(client: InProcessClient) -> None:
    page = _json(client, f"/api/events?place=palmyra&type={CAPTURE}")
    [event] = page["events"]
    assert event["source"] == GOLD_TITLE
    assert event["quote"] == ARTICLE[event["span_start"] : event["span_end"]]
    assert event["actor1_name"] == "Syrian regime"


def test_api_events_geojson_points(client: InProcessClient) -> None:
    listing = _json(client, "/api/events?place=palmyra&limit=1000")
    collection = _json(client, "/api/events?place=palmyra&limit=1000&format=geojson")
    assert collection["type"] == "FeatureCollection"
    located = {(e["event_id"], e["lon"], e["lat"]) for e in listing["events"] if e["lat"]}
    assert collection["total"] == len(located)
    drawn = {
        (f["properties"]["event_id"], *f["geometry"]["coordinates"]) for f in collection["features"]
    }
    assert drawn == located
    assert {f["properties"]["place_id"] for f in collection["features"]} == {"palmyra"}
    assert "quote" not in collection["features"][0]["properties"]


def test_api_one_event_lists_every_actor(client: InProcessClient) -> None:
    event = _json(client, f"/api/events/{GOLD_ID}/e41")
    roles = {(a["role"], a["actor_id"]) for a in event["actors"]}
    assert ("actor1", "syrian-regime") in roles
    assert ("actor2", "islamic-state") in roles
    assert ("assoc_actor1", "russia") in roles
    assert event["date_text"] == "on 27 March"


# Control -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "place", "controller"),
    [
        ("2015-01-01", "palmyra", "unknown"),
        ("2016-01-01", "palmyra", "islamic-state"),
        ("2016-04-01", "palmyra", "syrian-regime"),
        ("2016-02-02", SCRIPT_PLACE, SCRIPT_ACTOR),
    ],
)
def test_api_control_on_a_date(
    client: InProcessClient, on: str, place: str, controller: str | None
) -> None:
    collection = _json(client, f"/api/control?on={on}")
    assert collection["type"] == "FeatureCollection"
    [feature] = [f for f in collection["features"] if f["properties"]["place_id"] == place]
    assert feature["geometry"]["type"] == "Point"
    assert feature["properties"]["controller"] == controller
    assert bool(feature["properties"]["facts"]) == (controller != "unknown")


# Places, actors, claims ------------------------------------------------------------


def test_api_places_search_by_alias(client: InProcessClient) -> None:
    page = _json(client, "/api/places?q=tadmor")
    assert "palmyra" in [p["place_id"] for p in page["places"]]
    assert page["total"] == len(page["places"])


def test_api_places_page_past_the_end_keeps_the_total(client: InProcessClient) -> None:
    first = _json(client, "/api/places?q=palm")
    past = _json(client, f"/api/places?q=palm&offset={first['total']}")
    assert first["total"] > 0
    assert (past["total"], past["places"]) == (first["total"], [])


def test_api_place_has_its_control_timeline(client: InProcessClient) -> None:
    place = _json(client, "/api/places/palmyra")
    assert [(s["controller"], s["valid_from"], s["valid_to"]) for s in place["control"]] == [
        ("unknown", None, "2015-05-31"),
        ("islamic-state", "2015-05-31", "2016-03-27"),
        ("syrian-regime", "2016-03-27", None),
    ]
    [capture] = place["control"][2]["facts"]
    assert capture["event_id"] == "e41"
    assert capture["quote"] == ARTICLE[capture["span_start"] : capture["span_end"]]
    assert "Tadmor" in {a["alias"] for a in place["aliases"]}
    assert place["events"] == _json(client, "/api/events?place=palmyra&limit=1")["total"]


def test_api_actors_search(client: InProcessClient) -> None:
    page = _json(client, "/api/actors?q=army of conquest")
    assert [a["actor_id"] for a in page["actors"]] == ["jaysh-al-fatah"]


def test_api_actor_has_its_relations_timeline(client: InProcessClient) -> None:
    actor = _json(client, "/api/actors/jaysh-al-fatah")
    members = {r["subject_id"] for r in actor["relations"] if r["predicate"] == "member_of"}
    assert {"jabhat-al-nusra", "ahrar-al-sham"} <= members
    dated = [r["valid_from"] or r["valid_to"] for r in actor["relations"]]
    assert [d for d in dated if d] == sorted(d for d in dated if d)
    assert "JAF" in {a["alias"] for a in actor["aliases"]}


@pytest.mark.parametrize(
    ("actor", "predecessors"),
    [("jaysh-khalid-ibn-al-walid", {"liwa-shuhada-al-yarmouk", "harakat-al-muthanna"})],
)
def test_api_actor_has_its_lineage(
    client: InProcessClient, actor: str, predecessors: set[str]
) -> None:
    steps = _json(client, f"/api/actors/{actor}")["lineage"]
    found = {s["actor_id"] for s in steps if s["direction"] == "predecessor"}
    assert predecessors <= found


def test_api_claims_with_assessments(client: InProcessClient) -> None:
    page = _json(client, "/api/claims?claimant=russia")
    assert page["total"] == 6
    assert {c["claimant_id"] for c in page["claims"]} == {"russia"}
    assessed = {a["by_name"] for c in page["claims"] for a in c["assessments"]}
    assert "Atlantic Council" in assessed
    everything = _json(client, "/api/claims")
    assert everything["total"] == 29
    verdicts = {c["audit"]["verdict"] for c in everything["claims"]}
    assert verdicts <= {"supported", "contradicted", "unverifiable"}
    assert "supported" in verdicts


# Sources -----------------------------------------------------------------------


def test_api_sources_list_and_detail(client: InProcessClient) -> None:
    listing = _json(client, "/api/sources")
    kinds = sorted(s["kind"] for s in listing["sources"])
    assert kinds == ["facts", "facts", "registry", "ucdp"]
    gold = _json(client, f"/api/sources/{GOLD_ID}")
    assert (gold["title"], gold["has_text"], gold["text_length"]) == (
        GOLD_TITLE,
        True,
        len(ARTICLE),
    )


@pytest.mark.parametrize("sentences", [1, 2])
def test_api_source_context_is_the_sentence_around_a_span(
    client: InProcessClient, sentences: int
) -> None:
    start, end = 6879, 6962  # gold e13: "...since it took Ramadi and Palmyra in May 2015."
    context = _json(
        client, f"/api/sources/{GOLD_ID}/context?start={start}&end={end}&sentences={sentences}"
    )
    assert context["quote"] == ARTICLE[start:end]
    assert context["before"].startswith("Hours later" if sentences == 1 else "Russia claimed")
    assert (
        context["before"] + context["quote"] + context["after"]
        == ARTICLE[context["context_start"] : context["context_end"]]
    )


def test_api_summary(client: InProcessClient) -> None:
    summary = _json(client, "/api/summary")
    assert (summary["sources"], summary["claims"], summary["writable"]) == (4, 29, False)
    assert summary["date_max"] == "2019-12-01"
    types = {t["event_type"] for t in summary["event_types"]}
    assert {"Battles", "Violence against civilians"} <= types


# Spec and page -------------------------------------------------------------------


def test_api_openapi_spec_lists_every_endpoint(client: InProcessClient) -> None:
    spec = _json(client, "/openapi.json")
    assert set(spec["paths"]) == {
        "/api/events",
        "/api/events/{source_id}/{event_id}",
        "/api/control",
        "/api/places",
        "/api/places/{place_id}",
        "/api/actors",
        "/api/actors/{actor_id}",
        "/api/claims",
        "/api/sources",
        "/api/sources/{source_id}",
        "/api/sources/{source_id}/context",
        "/api/summary",
        "/api/ingest",
    }
    assert (client.get("/docs")).status_code == 404


def test_api_page_and_its_assets_are_served_locally(client: InProcessClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert '<link rel="icon" href="data:,">' in page.text
    vendor = "vendor/maplibre-gl/maplibre-gl"
    for asset in (f"{vendor}.js", f"{vendor}.css", "app.js", "app.css"):
        assert f"http://testserver/static/{asset}" in page.text
        assert (client.get(f"/static/{asset}")).status_code == 200
    boundaries = client.get("/static/boundaries/syria-ocha-admin1.geojson")
    assert len(boundaries.json()["features"]) == 14


# Writes ------------------------------------------------------------------------


@pytest.fixture
def writable(portal: BlockingPortal, gold_copy: Path) -> Iterator[tuple[FastAPI, InProcessClient]]:
    with app_and_client(portal, gold_copy, write_token=TOKEN) as pair:
        yield pair


def _upload(headers: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "params": {"filename": PALMYRA_GOLD.name, "on_error": "skip"},
        "content": PALMYRA_GOLD.read_bytes(),
        "headers": headers or {},
    }


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Basic czNjcmV0"}, 401),
        ({"Authorization": "Bearer wrong-token"}, 403),
    ],
)
def test_api_ingest_refused_without_the_token(
    writable: tuple[FastAPI, InProcessClient], headers: dict[str, str], status: int
) -> None:
    app, client = writable
    before = app.state.kb.root.counts()
    response = client.post("/api/ingest", **_upload(headers))
    assert response.status_code == status
    assert response.json()["ok"] is False
    assert app.state.kb.root.counts() == before


def test_api_ingest_refused_when_the_server_has_no_token(
    client: InProcessClient, web_app: FastAPI
) -> None:
    before = web_app.state.kb.root.counts()
    response = client.post("/api/ingest", **_upload({"Authorization": f"Bearer {TOKEN}"}))
    assert response.status_code == 403
    assert "CONTESTED_WRITE_TOKEN" in response.json()["error"]
    assert web_app.state.kb.root.counts() == before


def test_api_ingest_with_the_token_adds_the_source(
    writable: tuple[FastAPI, InProcessClient],
) -> None:
    _, client = writable
    sources = _json(client, "/api/summary")["sources"]
    held_before = _json(client, "/api/control?on=2016-04-01")["features"]
    response = client.post("/api/ingest", **_upload({"Authorization": f"Bearer {TOKEN}"}))
    assert response.status_code == 200, response.text
    [result] = response.json()["results"]
    assert result["added"] is True
    assert result["counts"]["events"] > 0
    assert Path(result["path"]).read_bytes() == PALMYRA_GOLD.read_bytes()
    # Answers cached before the write are gone: the new source shows at once.
    assert _json(client, "/api/summary")["sources"] == sources + 1
    # ... and the control periods were derived again from both sources.
    held_after = _json(client, "/api/control?on=2016-04-01")["features"]
    assert len(held_after) > len(held_before)
    again = client.post("/api/ingest", **_upload({"Authorization": f"Bearer {TOKEN}"}))
    assert again.json()["results"][0]["added"] is False


@pytest.mark.parametrize(
    ("params", "content", "status"),
    [
        ({"filename": "../escape.json"}, b"{}", 422),
        ({"filename": "bad.json", "format": "facts"}, b"{not json", 422),
        ({"filename": "empty.json"}, b"", 400),
    ],
)
def test_api_ingest_bad_uploads_write_nothing(
    writable: tuple[FastAPI, InProcessClient],
    params: dict[str, str],
    content: bytes,
    status: int,
) -> None:
    app, client = writable
    before = app.state.kb.root.counts()
    response = client.post(
        "/api/ingest",
        params=params,
        content=content,
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == status, response.text
    assert app.state.kb.root.counts() == before
