"""The dashboard in a real headless Chromium (Debian's package), driven by Playwright.

Load → pick KOR–RUS → click a period → open an event → its evidence is highlighted → open the
article; the time axis, the language switch, search, the article view, a 390-px screen, the
version and the favicon. Skipped, saying why, where Playwright or a Chromium binary is missing;
`.ci/run` installs both.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from datetime import date
from importlib import metadata

import pytest

from tests.conftest import ROOT, SEEDS

CHROMIUM = os.environ.get("WARTA_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
SHOT = ROOT / "build" / "dashboard.png"
SHOT_NARROW = ROOT / "build" / "dashboard-390.png"
URL = (
    "https://www.antaranews.com/berita/4123456/jepang-kecam-korea-utara-setelah-uji-coba-rudal-balistik-di-laut-jepang"
)
FEED = [  # two articles with a source URL: a real one, and one a page must not turn into a link
    {"id": "jepang", "url": URL, "outlet": "ANTARA", "published": "2024-06-03",
     "text": "Jepang Kecam Korea Utara\nTokyo (ANTARA) - Kementerian Luar Negeri Jepang mengecam Korea Utara pada "
     "Senin (3/6/2024) setelah uji coba rudal balistik.\nCuaca di Tokyo cerah sepanjang hari.\n"},
    {"id": "script", "url": "javascript:alert(1)", "outlet": "ANTARA", "published": "2024-07-01",
     "text": "Malaysia Kecam Myanmar\nKuala Lumpur (ANTARA) - Malaysia mengecam Myanmar pada Senin (1/7/2024).\n"},
]  # fmt: skip
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip

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

    tmp = tmp_path_factory.mktemp("dash")
    db = tmp / "d.db"
    feed = tmp / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in FEED), encoding="utf-8")
    with Store(db) as store:
        ingest([SEEDS, feed], store)
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


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _open(browser, server, width=1366, height=900, path="/"):
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server + path)
    if path == "/":
        page.wait_for_selector("body[data-ready='1']", timeout=15000)
    page.errors = errors  # type: ignore[attr-defined]
    return page


def _dyad(page, a="KOR", b="RUS", by="month"):
    page.select_option("#actor-a", a)
    page.select_option("#actor-b", b)
    page.wait_for_selector(f"#timeline[data-key='{a}|{b}|{by}|false'] g.bar", timeout=10000)


def test_dashboard_pick_dyad_open_period_event_evidence_article(server, browser):
    page = _open(browser, server)
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
    assert page.errors == []
    page.close()
    assert SHOT.exists() and SHOT.stat().st_size > 10_000


def _centre(page, period):
    box = page.locator(f"#timeline g.bar[data-period='{period}'] rect:not(.hit)").first.bounding_box()
    return box["x"] + box["width"] / 2


def _mid(year, month):
    first = date(year, month, 1)
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return first.toordinal() + (nxt - first).days / 2


def test_timeline_is_a_time_scale_with_gaps_and_a_count_axis(server, browser):
    page = _open(browser, server)
    _dyad(page)
    bars = page.locator("#timeline g.bar")
    periods = [bars.nth(i).get_attribute("data-period") for i in range(bars.count())]
    assert periods == ["2018-04", "2024-06", "2025-05", "2025-12"]  # the empty months between are gaps, no bars
    # positions follow the calendar: 2024-06 → 2025-05 is 11 months, 2025-05 → 2025-12 is 7
    a, b, c = (_centre(page, p) for p in ("2024-06", "2025-05", "2025-12"))
    expected = (_mid(2025, 5) - _mid(2024, 6)) / (_mid(2025, 12) - _mid(2025, 5))
    assert abs((b - a) / (c - b) - expected) < 0.08
    counts = page.locator("#timeline .y-axis .tick-label").all_text_contents()
    assert counts[0] == "0" and len(counts) >= 3
    assert [int(n) for n in counts] == sorted(int(n) for n in counts)
    years = page.locator("#timeline .x-axis .tick-label").all_text_contents()
    assert {"2020", "2022"} <= set(years)
    # quarters: the same events in 2024-Q2
    page.select_option("#by", "quarter")
    page.wait_for_selector("#timeline[data-key='KOR|RUS|quarter|false'] g.bar[data-period='2024-Q2']", timeout=10000)
    assert page.locator("#timeline g.bar[data-period='2024-Q2']").get_attribute("data-events") == "5"
    assert page.errors == []
    page.close()


def test_english_switch_rerenders_everything_and_keeps_the_selection(server, browser):
    page = _open(browser, server)
    _dyad(page)
    page.locator("#timeline g.bar[data-period='2024-06']").click()
    page.locator("#events li.event button").first.click()
    page.locator("#events .mention mark.trigger").first.wait_for(timeout=10000)
    page.locator("#events .open-article").first.click()
    page.wait_for_selector("#article:not([hidden]) .dropped li", timeout=10000)
    page.fill("#search", "Zinoviev")
    page.press("#search", "Enter")
    page.wait_for_selector("#search-results mark.hit", timeout=10000)
    assert page.locator("#chart-title").inner_text() == "Korea Selatan – Rusia"
    assert "Menyatakan ketidaksetujuan" in page.locator("#events").inner_text()  # the root's Indonesian name
    assert "Baris yang dibuang pembersih" in page.locator("#article").inner_text()

    page.click(".lang button[data-lang='en']")
    page.wait_for_function("document.querySelector('#legend').textContent.includes('Verbal conflict')")
    assert page.locator("#chart-title").inner_text() == "South Korea – Russian Federation"
    assert page.locator("#actor-a").input_value() == "KOR" and page.locator("#actor-b").input_value() == "RUS"
    assert "South Korea (KOR)" in page.locator("#actor-a option[value='KOR']").inner_text()
    assert page.locator("#timeline g.bar.selected").get_attribute("data-period") == "2024-06"
    assert page.locator("#events-title").inner_text() == "Events · 2024-06"
    events = page.locator("#events").inner_text()
    assert "Criticize or denounce" in events and "Menyatakan" not in events and "laporan" not in events
    assert page.locator("#events li.event").first.locator(".mention mark.trigger").count() >= 1  # still open
    assert "South Korea" in page.locator("#events .mention .meta").first.inner_text()
    article = page.locator("#article").inner_text()
    assert "Lines removed by cleaning" in article and "Korea Selatan" in article  # labels switch, the text does not
    assert page.locator("#article button.close").inner_text() == "close"
    results = page.locator("#search-box").inner_text()
    assert "Search results" in results and "Zinoviev" in results and "Reject" in results
    assert page.locator("#evidence-legend mark").all_inner_texts() == ["source", "target", "trigger", "date"]
    assert page.locator("#by option[value='quarter']").inner_text() == "quarter"
    assert page.locator("#timeline .y-axis .axis-title").text_content() == "events"

    page.click(".lang button[data-lang='id']")
    page.wait_for_function("document.querySelector('#chart-title').textContent === 'Korea Selatan – Rusia'")
    assert page.locator("#evidence-legend mark").all_inner_texts() == ["pelaku", "sasaran", "pemicu", "tanggal"]
    assert page.locator("#timeline g.bar.selected").get_attribute("data-period") == "2024-06"
    assert page.errors == []
    page.close()


def test_search_highlights_hits_and_event_hits_open_the_event(server, browser):
    page = _open(browser, server)
    page.fill("#search", "Zinoviev")
    page.press("#search", "Enter")
    page.wait_for_selector("#search-results mark.hit", timeout=10000)
    results = page.locator("#search-results")
    assert "[" not in results.inner_text() and "]" not in results.inner_text()
    assert set(results.locator(".snippet mark.hit").all_inner_texts()) == {"Zinoviev"}
    hit = results.locator(".open-event").first
    code = hit.locator(".code").inner_text()
    hit.click()
    page.wait_for_function("document.querySelector('#events-title').textContent.includes('·')", timeout=10000)
    assert code in page.locator("#events-title").inner_text()
    item = page.locator("#events li.event")
    assert item.count() == 1 and item.locator("button").get_attribute("aria-expanded") == "true"
    assert "Zinoviev" in item.locator(".mention .evidence").first.inner_text()
    assert item.locator(".mention mark.trigger").count() >= 1
    assert page.errors == []
    page.close()


def test_article_marks_event_sentences_and_links_its_source(server, browser):
    page = _open(browser, server)
    page.fill("#search", "Jepang")
    page.press("#search", "Enter")
    page.locator("#search-results .hit-article a").first.click()
    page.wait_for_selector("#article:not([hidden]) .text", timeout=10000)
    link = page.locator("#article .source-url a")
    assert link.get_attribute("href") == URL and link.get_attribute("target") == "_blank"
    assert "noopener" in link.get_attribute("rel")
    marked = page.locator("#article .text mark.event-sentence").all_inner_texts()
    assert marked and any("mengecam Korea Utara" in s for s in marked)
    assert not any("Cuaca" in s for s in marked)  # a sentence without events is not marked
    assert page.locator("#article .marks-legend mark.event-sentence").count() == 1
    # a URL that is not http(s) is not made a link
    page.fill("#search", "Myanmar")
    page.press("#search", "Enter")
    page.wait_for_function("document.querySelector('#search-results').textContent.includes('Myanmar')", timeout=10000)
    page.locator("#search-results .hit-article a").first.click()
    page.wait_for_function("document.querySelector('#article h2').textContent.includes('Myanmar')", timeout=10000)
    assert (
        page.locator("#article .source-url").count() == 0
        and page.locator("#article a[href^='javascript']").count() == 0
    )
    assert page.errors == []
    page.close()


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("document.body.scrollWidth") <= width


def test_usable_at_390_px_without_sideways_scrolling(server, browser):
    page = _open(browser, server, width=390, height=844)
    _no_sideways_scroll(page)
    _dyad(page)
    assert page.locator("#timeline svg").bounding_box()["width"] <= 390
    _no_sideways_scroll(page)
    page.locator("#timeline g.bar[data-period='2024-06']").click()
    page.locator("#events li.event button").first.click()
    page.locator("#events .mention mark.trigger").first.wait_for(timeout=10000)
    _no_sideways_scroll(page)
    page.locator("#events .open-article").first.click()
    page.wait_for_selector("#article:not([hidden]) .dropped li", timeout=10000)
    _no_sideways_scroll(page)
    page.fill("#search", "Zinoviev")
    page.press("#search", "Enter")
    page.wait_for_selector("#search-results mark.hit", timeout=10000)
    page.click(".lang button[data-lang='en']")
    page.wait_for_function("document.querySelector('#chart-title').textContent.includes('South Korea')")
    _no_sideways_scroll(page)
    page.fill("#search", "Jepang")  # an article whose source URL is one long word
    page.press("#search", "Enter")
    page.wait_for_function("document.querySelector('#search-results').textContent.includes('Jepang')")
    page.locator("#search-results .hit-article a").first.click()
    page.wait_for_selector("#article .source-url a", timeout=10000)
    _no_sideways_scroll(page)
    for sel in ("#actor-a", "#actor-b", "#search", "#timeline svg"):
        box = page.locator(sel).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, sel
    SHOT_NARROW.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOT_NARROW), full_page=True)
    assert page.errors == []
    page.close()


def test_version_favicon_and_api_docs(server, browser):
    version = metadata.version("warta")
    page = _open(browser, server)
    page.wait_for_function(f"document.querySelector('footer').textContent.includes('Warta {version}')")
    icon = page.locator("link[rel='icon']").get_attribute("href")
    res = page.request.get(server + icon)
    assert res.status == 200 and res.headers["content-type"].startswith("image/svg+xml")
    page.close()
    docs = _open(browser, server, path="/docs")
    docs.wait_for_selector("table.params", timeout=10000)
    assert version in docs.locator("header").inner_text()
    text = docs.locator("main").inner_text()
    assert "How many items to return" in text and "List the periods without events" in text
    assert "response 200: Timeline" in text and "goldstein_mean" in text
    assert docs.errors == []
    docs.close()
