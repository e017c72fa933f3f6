"""The dashboard in a real headless Chromium (Debian's package), driven by Playwright.

Load → pick KOR–RUS → click a period → open an event → its evidence is highlighted → open the
article. Skipped, saying why, where Playwright or a Chromium binary is missing; `.ci/run`
installs both.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import pytest

from tests.conftest import ROOT, SEEDS

CHROMIUM = os.environ.get("WARTA_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
SHOT = ROOT / "build" / "dashboard.png"

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium binary (install Debian's 'chromium' package)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed")
    from warta.api import create_app
    from warta.ingest import ingest
    from warta.store.db import Store

    db = tmp_path_factory.mktemp("dash") / "d.db"
    with Store(db) as store:
        ingest([SEEDS], store)
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


def test_dashboard_pick_dyad_open_period_event_evidence_article(server):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=args)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(server + "/")
        page.wait_for_selector("body[data-ready='1']", timeout=15000)
        page.select_option("#actor-a", "KOR")
        page.select_option("#actor-b", "RUS")
        bars = page.locator("#timeline g.bar")
        bars.first.wait_for(timeout=10000)
        periods = [bars.nth(i).get_attribute("data-period") for i in range(bars.count())]
        assert "2024-06" in periods and "2025-05" in periods
        page.locator("#timeline g.bar[data-period='2024-06']").click()
        first_event = page.locator("#events li.event").first
        first_event.wait_for(timeout=10000)
        assert "2024-06" in page.locator("#events-title").inner_text()
        first_event.locator("button").click()
        mark = first_event.locator(".mention mark.trigger").first
        mark.wait_for(timeout=10000)
        assert mark.inner_text().strip()
        assert first_event.locator(".mention mark.source, .mention mark.target").count() >= 1
        # English labels
        page.click(".lang button[data-lang='en']")
        page.wait_for_function("document.querySelector('#legend').textContent.includes('Verbal conflict')")
        page.locator("#timeline g.bar[data-period='2024-06']").click()
        page.locator("#events li.event button").first.click()
        page.locator("#events .open-article").first.click()
        page.wait_for_selector("#article:not([hidden]) .dropped li", timeout=10000)
        assert "Korea Selatan" in page.locator("#article .text").inner_text()
        page.fill("#search", "Zinoviev")
        page.press("#search", "Enter")
        page.wait_for_selector("#search-box:not([hidden]) #search-results p", timeout=10000)
        assert "Zinoviev" in page.locator("#search-results").inner_text()
        SHOT.parent.mkdir(exist_ok=True)
        page.locator("#events li.event button").first.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOT), full_page=True)
        browser.close()
    assert SHOT.exists() and SHOT.stat().st_size > 10_000
