"""The web pages in a real browser: Playwright drives Debian's Chromium against a server started
here on a free localhost port. Clicks through the graph to an actor, a dyad and an article,
checks what is shown, checks that a hostile article's markup never runs, and saves the
screenshots the README shows (docs/screenshots/)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import uvicorn

from geopol.web.app import create_app
from tests.conftest import ROOT
from tests.model.test_web_api import HOSTILE_TITLE, REFERENCE_ID, build_web_store

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "docs" / "screenshots"

pytestmark = [
    pytest.mark.model,
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed at /usr/bin/chromium "
        "(apt-get install -y chromium; `make test` does it)",
    ),
]


@pytest.fixture(scope="module")
def base_url(analyzer: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_web_store(analyzer, tmp_path_factory.mktemp("browser"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


class Watch:
    """What a page did that it should not: dialogs (alert), uncaught errors, failed requests off-site."""

    def __init__(self, page: Any) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.offsite: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on(
            "request",
            lambda r: None if r.url.startswith(("http://127.0.0.1", "data:")) else self.offsite.append(r.url),
        )

    def assert_clean(self) -> None:
        assert self.dialogs == [] and self.errors == [] and self.offsite == []


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    pg = context.new_page()
    watch = Watch(pg)
    yield pg, watch
    context.close()


def load(pg: Any, url: str) -> float:
    """Open ``url`` and wait until its script has rendered the API's data; the time it took, in ms."""
    started = time.perf_counter()
    pg.goto(url)
    pg.wait_for_selector("body[data-ready]")
    assert pg.get_attribute("body", "data-ready") == "true", pg.inner_text("main")[:500]
    return (time.perf_counter() - started) * 1000


def shot(pg: Any, name: str, down_to: str | None = None) -> None:
    """The top of the page, or down to the bottom of the element ``down_to``."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.evaluate("() => window.scrollTo(0, 0)")
    clip = None
    if down_to:
        box = pg.locator(down_to).bounding_box()
        clip = {"x": 0, "y": 0, "width": 1280, "height": box["y"] + box["height"] + 16}
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=clip is not None, clip=clip)


def click_edge(pg: Any, selector: str) -> None:
    """Click a point of an edge's drawn curve that no other edge or node covers."""
    pg.locator("#graph").scroll_into_view_if_needed()
    point = pg.locator(f"{selector} path.edge").evaluate("""p => {
        const link = p.closest("a"), m = p.getScreenCTM(), total = p.getTotalLength();
        for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8]) {
            const pt = p.getPointAtLength(total * f);
            const x = pt.x * m.a + pt.y * m.c + m.e, y = pt.x * m.b + pt.y * m.d + m.f;
            const hit = document.elementFromPoint(x, y);
            if (hit && hit.closest("a") === link) return [x, y];
        }
        return null; }""")
    assert point, f"no free point on {selector}"
    pg.mouse.click(*point)


def test_browser_overview(base_url: str, page: tuple[Any, Watch]) -> None:
    pg, watch = page
    ms = load(pg, base_url + "/")
    assert pg.locator("#counts .card").first.inner_text().replace("\n", " ") == "10 articles"
    assert "China" in pg.inner_text("#top-actors") and "North Atlantic Treaty Organization" in pg.inner_text(
        "#top-dyads"
    )
    assert pg.locator("#latest-events tbody tr").count() == 10
    assert pg.locator("#relation-shifts .kind-tag").count() > 0
    shot(pg, "overview")
    watch.assert_clean()
    assert ms < 5000


def test_browser_network_to_actor_to_dyad_to_article(base_url: str, page: tuple[Any, Watch]) -> None:
    pg, watch = page
    load(pg, base_url + "/network")
    assert pg.locator("#graph a.node").count() >= 15
    assert (
        pg.locator(
            '#graph a.edge-link[data-source="igo:NATO"][data-target="state:CHN"][data-kind="hostile"]'
        ).count()
        == 1
    )
    assert "actors" in pg.inner_text("#graph-status")
    shot(pg, "network", down_to=".graph-wrap")

    pg.locator('#graph a.node[data-id="state:CHN"] circle').click()
    pg.wait_for_url("**/actors/state:CHN")
    pg.wait_for_selector("body[data-ready=true]")
    assert pg.inner_text("#actor-name") == "China"
    assert "Hua Chunying" in pg.inner_text("#affiliations")
    assert "hostile" in pg.inner_text("#relations")
    assert pg.locator("#timeline svg.timeline rect.conf").count() > 0
    assert "Beijing Offers Dialogue With NATO" in pg.inner_text("#events")
    shot(pg, "actor")

    pg.locator("#counterparts tr", has_text="North Atlantic Treaty Organization").locator(
        "a.dyad-link"
    ).click()
    pg.wait_for_url("**/dyads/state:CHN/igo:NATO")
    pg.wait_for_selector("body[data-ready=true]")
    assert "China" in pg.inner_text("#dyad-title") and "North Atlantic Treaty Organization" in pg.inner_text(
        "#dyad-title"
    )
    assert "hostile" in pg.inner_text("#relations") and "dialogue" in pg.inner_text("#relations")
    events = pg.inner_text("#events")
    assert "identifies" in events and "Express intent to meet or negotiate" in events
    assert pg.locator("#timeline svg.timeline").count() == 1
    shot(pg, "dyad")

    pg.locator("#events tr", has_text="identifies").first.locator("a.article-link").click()
    pg.wait_for_url(f"**/articles/{REFERENCE_ID}#event-*")
    pg.wait_for_selector("body[data-ready=true]")
    assert pg.inner_text("#article-title").startswith("Beijing Offers Dialogue With NATO")
    panel = pg.inner_text("#event-panel")
    assert "Criticize or denounce" in panel and "identifies" in panel
    assert pg.locator("#article-text mark.t.active").inner_text() == "identifies"
    pg.locator("#article-text mark.t", has_text="dialogue").first.hover()
    assert "Express intent to meet or negotiate" in pg.inner_text("#tip")
    pg.locator("#article-text mark.t", has_text="practice").first.click()
    panel = pg.inner_text("#event-panel")
    assert "Coerce" in panel and "negated" in panel and "Hua Chunying" in panel
    assert pg.locator("#article-text .m").count() > 20 and pg.locator("#article-text .q").count() > 5
    pg.locator("#article-text mark.t", has_text="dialogue").first.click()
    pg.mouse.move(0, 0)
    shot(pg, "article")
    watch.assert_clean()


def test_browser_edge_opens_dyad_and_filters_apply(base_url: str, page: tuple[Any, Watch]) -> None:
    pg, watch = page
    load(pg, base_url + "/network")
    click_edge(pg, '#graph a.edge-link[data-source="igo:NATO"][data-target="state:CHN"][data-kind="hostile"]')
    pg.wait_for_url("**/dyads/igo:NATO/state:CHN")
    pg.wait_for_selector("body[data-ready=true]")
    assert "3" in pg.inner_text("#totals")

    load(pg, base_url + "/network?kinds=hostile")
    kinds = {
        pg.locator("#graph a.edge-link").nth(i).get_attribute("data-kind")
        for i in range(pg.locator("#graph a.edge-link").count())
    }
    assert kinds == {"hostile"}
    assert pg.locator("#kinds input:checked").count() == 1
    pg.select_option("#filters select[name=region]", "Eastern Asia")
    pg.wait_for_url("**region=Eastern+Asia*")
    pg.wait_for_selector("#graph[aria-busy=false]")
    assert pg.locator('#graph a.node[data-id="state:CHN"]').count() == 1
    assert pg.locator('#graph a.node[data-id="state:UKR"]').count() == 0
    watch.assert_clean()


def test_browser_hostile_article_is_inert(base_url: str, page: tuple[Any, Watch]) -> None:
    pg, watch = page
    load(pg, base_url + "/search?q=" + quote("Warns Ukraine"))
    link = pg.locator("#article-results a.article-link").first
    assert link.inner_text() == HOSTILE_TITLE
    link.click()
    pg.wait_for_selector("body[data-ready=true]")
    assert pg.inner_text("#article-title") == HOSTILE_TITLE
    text = pg.inner_text("#article-text")
    assert "<script>window.__pwned = 3; alert(document.cookie)</script>" in text
    assert (
        '<img src=x onerror="window.__pwned = 4; alert(4)">' in text
        and '<svg onload="window.__pwned = 5"></svg>' in text
    )
    assert (
        pg.locator("img").count() == 0
        and pg.locator("main svg[onload], main [onerror], main [onmouseover]").count() == 0
    )
    assert pg.locator("script").count() == 1
    for mark in pg.locator("#article-text mark.t").all():
        mark.hover()
        mark.click()
    pg.locator("#article-text .q").first.hover()
    assert pg.evaluate("() => window.__pwned") is None
    for url in (
        "/",
        "/search?q=" + quote("<script>alert(1)</script>"),
        "/actors/state:UKR",
        "/dyads/state:RUS/state:UKR",
    ):
        load(pg, base_url + url)
        assert pg.evaluate("() => window.__pwned") is None
    watch.assert_clean()


def test_browser_missing_actor_shows_error_page(base_url: str, page: tuple[Any, Watch]) -> None:
    pg, watch = page
    response = pg.goto(base_url + "/actors/" + quote("<b>state:XXX</b>", safe=""))
    assert response.status == 404
    assert "no actor '<b>state:XXX</b>' in the store" in pg.inner_text("main")
    assert pg.locator("main b").count() == 0
    watch.assert_clean()


def test_browser_page_timings(base_url: str, page: tuple[Any, Watch]) -> None:
    """Each page from navigation to rendered data, second load (warm); printed for the record."""
    pg, watch = page
    urls = [
        "/",
        "/network",
        "/actors/state:CHN",
        "/dyads/igo:NATO/state:CHN",
        f"/articles/{REFERENCE_ID}",
        "/search?q=china",
    ]
    for url in urls:
        load(pg, base_url + url)
        ms = load(pg, base_url + url)
        print(f"{url}: {ms:.0f} ms")
        assert ms < 3000
    watch.assert_clean()
