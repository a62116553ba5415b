"""The map page in Debian's headless Chromium, driven by Playwright over a real server.

Skips on a machine without Chromium or Playwright; fails instead in CI (``CI`` set),
where ``.ci/run`` installs both.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from contested.web import create_app
from tests._data import ROOT, SEED_TEXT

try:
    from playwright.sync_api import Page, expect
except ImportError:  # pragma: no cover - depends on the machine
    if os.environ.get("CI"):
        raise
    pytest.skip("playwright is not installed (pip install -e '.[dev]')", allow_module_level=True)

CHROMIUM = Path(os.environ.get("CONTESTED_CHROMIUM", "/usr/lib/chromium/chromium"))
if not CHROMIUM.exists():  # pragma: no cover - depends on the machine
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: .ci/run must install chromium", pytrace=False)
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

ARTIFACTS = ROOT / "test-artifacts"
ARTICLE = SEED_TEXT.read_text(encoding="utf-8")
SCRIPT_PLACE = "script-window-pwned-1-script-town"
# Drawing with software WebGL on a busy 2-core machine takes seconds, not milliseconds.
DRAW_TIMEOUT_MS = 60_000
# An uncached answer (an actor's lineage, a date's control map) can take seconds under load.
expect.set_options(timeout=20_000)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    # /usr/bin/chromium is a wrapper script; Playwright needs the binary itself.
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM)}


@pytest.fixture(scope="session")
def live_server(web_db: Path) -> Iterator[str]:
    """uvicorn serving the app in a thread, on a free loopback port."""
    app = create_app(web_db)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()
    app.state.kb.close()


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("window.contestedReady === true", timeout=DRAW_TIMEOUT_MS)


def _wait_for_date(page: Page, on: str) -> None:
    page.wait_for_selector(f'body[data-control-date="{on}"]', state="attached")


def test_browser_page_draws_offline(page: Page, live_server: str) -> None:
    requested: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    _open(page, f"{live_server}/?on=2016-01-01")
    assert page.evaluate("document.querySelectorAll('#map canvas').length") == 1
    assert page.locator(".marker").count() > 10
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map.png"))
    outside = [u for u in requested if not u.startswith((live_server, "data:", "blob:"))]
    assert outside == []
    assert problems == []


def test_browser_slider_changes_control(page: Page, live_server: str) -> None:
    _open(page, f"{live_server}/?on=2016-01-01")
    palmyra = page.locator('.marker[data-place="palmyra"]')
    expect(palmyra).to_have_attribute("data-controller", "islamic-state")
    first = date.fromisoformat(page.get_attribute("#slider", "data-first-day") or "")
    page.locator("#slider").fill(str((date(2016, 4, 1) - first).days))
    _wait_for_date(page, "2016-04-01")
    expect(page.locator("#date")).to_have_value("2016-04-01")
    expect(palmyra).to_have_attribute("data-controller", "syrian-regime")
    expect(page.locator("#legend")).to_contain_text("Held on 2016-04-01")


def test_browser_place_panel_shows_quotes_in_context(page: Page, live_server: str) -> None:
    _open(page, f"{live_server}/?on=2016-04-01")
    page.locator('.marker[data-place="palmyra"]').click()
    expect(page.locator("#panel-title")).to_have_text("Palmyra")
    expect(page.locator("#place-controller")).to_contain_text("Syrian regime")
    # Sources repeat a place's names; the panel names each once, and not its own name again.
    also = page.locator("#panel .meta", has_text="Also: ").inner_text()
    names = also.removeprefix("Also: ").split(", ")
    assert "Tadmur" in names
    assert len(names) == len(set(names))
    assert "Palmyra" not in names
    spans = page.locator("#control-timeline > li")
    expect(spans).to_have_count(3)
    expect(spans.nth(0)).to_contain_text("No evidence of who held it")
    # e13 quotes a clause; the panel shows its whole sentence with the clause highlighted.
    first = spans.nth(1).locator("blockquote")
    expect(first).to_contain_text("Hours later")
    expect(first.locator("mark")).to_have_text(ARTICLE[6879:6962])
    expect(spans.nth(2).locator("mark")).to_contain_text("taking it on 27 March")


def test_browser_actor_page_shows_relation_timeline(page: Page, live_server: str) -> None:
    _open(page, f"{live_server}/?on=2016-04-01")
    page.locator('.marker[data-place="palmyra"]').click()
    page.locator("#control-timeline a.actor", has_text="Islamic State").first.click()
    expect(page).to_have_url(f"{live_server}/?on=2016-04-01#actor/islamic-state")
    expect(page.locator("#panel-title")).to_have_text("Islamic State")
    expect(page.locator("#panel")).to_contain_text("Daesh")
    page.goto(f"{live_server}/?on=2016-04-01#actor/jaysh-al-fatah")
    expect(page.locator("#panel-title")).to_have_text("Jaysh al-Fatah")
    relations = page.locator("#relation-timeline > li")
    members = relations.filter(has_text="Jabhat al-Nusra member of Jaysh al-Fatah")
    # The gold facts and the registry both say so; the gold's entry carries its sentence.
    expect(members.filter(has_text="JAF included Jabhat al-Nusra")).to_have_count(1)
    assert relations.count() >= 5
    page.goto(f"{live_server}/?on=2016-06-21#actor/jaysh-khalid-ibn-al-walid")
    expect(
        page.locator("#lineage > li").filter(has_text="Liwa Shuhada al-Yarmouk")
    ).not_to_have_count(0)


def test_browser_event_point_opens_its_source(page: Page, live_server: str) -> None:
    _open(page, f"{live_server}/?on=2016-03-27")
    page.wait_for_selector('body[data-events-date="2016-03-27"]', state="attached")
    point = page.evaluate(
        """() => {
            const f = state.map.querySourceFeatures("events")[0];
            const p = state.map.project(f.geometry.coordinates);
            const box = state.map.getCanvas().getBoundingClientRect();
            return {x: box.left + p.x, y: box.top + p.y, id: f.properties.event_id};
        }"""
    )
    page.mouse.click(point["x"], point["y"])
    expect(page.locator("#panel-title")).not_to_be_empty()
    expect(page.locator("#panel .source")).to_contain_text("Source:")
    assert "#event/" in page.url


def test_browser_markup_from_sources_shows_as_text(page: Page, live_server: str) -> None:
    _open(page, f"{live_server}/?on=2016-02-02")
    marker = page.locator(f'.marker[data-place="{SCRIPT_PLACE}"]')
    expect(marker).to_have_text("<script>window.pwned=1</script> Town")
    marker.click()
    expect(page.locator("#panel-title")).to_have_text("<script>window.pwned=1</script> Town")
    quote = page.locator("#control-timeline mark")
    expect(quote).to_have_text(
        "The brigade said <script>window.pwned=1</script> and took the town."
    )
    expect(page.locator("#control-timeline a.actor")).to_have_text(
        '<img src=x onerror="window.pwned=1"> Brigade'
    )
    assert page.locator("#panel script, #panel img, #panel b, .marker script").count() == 0
    assert page.evaluate("window.pwned") is None


def test_browser_claim_audit_table(page: Page, live_server: str) -> None:
    _open(page, live_server)
    page.locator("#nav-claims").click()
    rows = page.locator("#claims-table tbody tr")
    expect(rows).to_have_count(29)
    expect(page.locator("#map-view")).to_be_hidden()
    russia = rows.filter(has_text="never missed their targets")
    expect(russia.locator(".verdict.unclear")).to_have_count(1)
