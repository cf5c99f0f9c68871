"""The web app's JSON API against a real store: shapes and values, the one error shape, SQL sent
in every parameter, escaping of hostile text, and that no route serves files outside the package."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from starlette.routing import Mount

from geopol.cli import main
from geopol.ingest.sources import ReadOptions
from geopol.store.ingest import ingest
from geopol.web import queries
from geopol.web.app import STATIC, create_app
from tests.conftest import REFERENCE

pytestmark = pytest.mark.model

ILLUSTRATIVE = REFERENCE.parent / "illustrative"
REFERENCE_ID = "e0df8970aace607b"
HOSTILE_TITLE = (
    "Russia Warns Ukraine <script>window.__pwned = 1; alert(1)</script> "
    '<img src=x onerror="window.__pwned = 2">'
)
HOSTILE = f"""{HOSTILE_TITLE}

Russia threatened Ukraine on Monday, officials in Kyiv said \
<script>window.__pwned = 3; alert(document.cookie)</script>. Ukraine accused Russia of planning a new attack \
<img src=x onerror="window.__pwned = 4; alert(4)">.

"We will respond <b onmouseover="alert(5)">firmly</b> to any aggression," Ukrainian Foreign Minister \
Dmytro Kuleba said <svg onload="window.__pwned = 5"></svg> in a statement.
"""
INJECTIONS = [
    "' OR '1'='1",
    "state:CHN' OR 1=1 --",
    "x'; DROP TABLE events; --",
    "1) UNION SELECT id, text FROM articles --",
    "%' OR text LIKE '%",
    "'; COPY articles TO '/tmp/geopol-leak.csv'; --",
    '" OR ""="',
    "'; ATTACH '/tmp/geopol-evil.duckdb' AS evil; --",
]


def build_web_store(analyzer: Any, folder: Path) -> Path:
    """The reference article, the illustrative samples and a hostile article, in one store."""
    db = folder / "web.duckdb"
    hostile = folder / "hostile" / "hostile.txt"
    hostile.parent.mkdir(parents=True, exist_ok=True)
    hostile.write_text(HOSTILE, encoding="utf-8")
    for path, day in (
        (REFERENCE, dt.date(2020, 12, 1)),
        (ILLUSTRATIVE, dt.date(2024, 5, 1)),
        (hostile, dt.date(2022, 2, 14)),
    ):
        ingest([str(path)], db, analyzer, ReadOptions(published=day))
    return db


@pytest.fixture(scope="module")
def store(analyzer: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_web_store(analyzer, tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(store: Path) -> TestClient:
    return TestClient(create_app(store), base_url="http://127.0.0.1", raise_server_exceptions=False)


def get(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def hostile_id(client: TestClient) -> str:
    hits = get(client, "/api/search?q=" + quote("Warns Ukraine"))["articles"]
    return str(hits[0]["id"])


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return dict(body["error"])


def test_web_overview_counts_and_lists(client: TestClient) -> None:
    data = get(client, "/api/overview")
    assert data["counts"]["articles"] == 10 and data["counts"]["events"] > 30
    assert {"state:CHN", "igo:NATO"} <= {a["id"] for a in data["top_actors"]}
    dates = [e["date"] for e in data["latest_events"]]
    assert dates == sorted(dates, reverse=True) and len(dates) == 10
    assert any(
        d["source"]["id"] == "igo:NATO" and d["target"]["id"] == "state:CHN" for d in data["top_dyads"]
    )
    shifts = data["relation_shifts"]
    assert shifts and all(s["previous"] != s["kind"] for s in shifts)
    assert [s["date"] for s in shifts] == sorted((s["date"] for s in shifts), reverse=True)


def test_web_graph_nato_china_hostile_edge(client: TestClient) -> None:
    data = get(client, "/api/graph")
    edge = next(
        e
        for e in data["edges"]
        if (e["source"], e["target"], e["kind"]) == ("igo:NATO", "state:CHN", "hostile")
    )
    assert edge["weight"] == 3 and edge["events"] == 3 and edge["first"] == "2020-12-01"
    assert edge["source_name"] == "North Atlantic Treaty Organization" and edge["target_name"] == "China"
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["state:CHN"]["region"] == "Eastern Asia" and nodes["igo:NATO"]["region"] == "International"
    assert {e["source"] for e in data["edges"]} | {e["target"] for e in data["edges"]} == set(nodes)
    assert "hostile" in data["filters"]["kinds"] and data["filters"]["first"] == "2020-12-01"
    assert "Asia" in [r["name"] for r in data["filters"]["regions"]]


@pytest.mark.parametrize(
    "query, check",
    [
        ("kinds=hostile", lambda e, n: e["kind"] == "hostile"),
        ("kinds=hostile,tension", lambda e, n: e["kind"] in ("hostile", "tension")),
        (
            "region=Eastern%20Asia",
            lambda e, n: "Eastern Asia" in (n[e["source"]]["region"], n[e["target"]]["region"]),
        ),
        (
            "region=Europe",
            lambda e, n: (
                {"Eastern Europe", "Northern Europe", "Southern Europe", "Western Europe"}
                & {n[e["source"]]["region"], n[e["target"]]["region"]}
            ),
        ),
        ("start=2024-01-01", lambda e, n: e["last"] >= "2024-01-01"),
        ("end=2021-12-31", lambda e, n: e["first"] <= "2021-12-31"),
        ("limit=3", lambda e, n: True),
    ],
)
def test_web_graph_filters(client: TestClient, query: str, check: Any) -> None:
    data = get(client, f"/api/graph?{query}")
    nodes = {n["id"]: n for n in data["nodes"]}
    assert data["edges"] and all(check(e, nodes) for e in data["edges"])
    if query == "limit=3":
        assert len(data["edges"]) == 3
    if query.startswith("start="):
        assert not any(e["source"] == "igo:NATO" and e["target"] == "state:CHN" for e in data["edges"])


def test_web_actor_page_china_and_hua_chunying(client: TestClient) -> None:
    china = get(client, "/api/actors/state:CHN")
    assert china["actor"]["name"] == "China" and china["actor"]["articles"] >= 3
    assert "Hua Chunying" in {p["name"] for p in china["people"]}
    assert any(
        r["other"]["id"] == "igo:NATO" and r["kind"] == "hostile" and r["direction"] == "in"
        for r in china["relations"]
    )
    assert any(c["other"]["id"] == "igo:NATO" and c["conflict"] >= 3 for c in china["counterparts"])
    buckets = china["timeline"]["buckets"]
    assert china["timeline"]["bucket"] == "month" and buckets[0]["start"] == "2020-12-01"
    assert all(b["forward_conflict"] <= b["conflict"] for b in buckets)
    hua = get(client, "/api/actors/person:hua-chunying")
    assert hua["actor"]["name"] == "Hua Chunying"
    assert "Foreign Ministry Spokesperson" in {r["role"] for r in hua["roles"]}
    assert [a["id"] for a in hua["affiliations"]] == ["state:CHN"]
    assert any("does not practice coercion" in q["text"] for q in hua["quotes"])
    assert get(client, "/api/actors/state%3ACHN")["actor"]["id"] == "state:CHN"


def test_web_dyad_nato_china(client: TestClient) -> None:
    data = get(client, "/api/dyads/igo:NATO/state:CHN")
    assert data["a"]["id"] == "igo:NATO" and data["b"]["id"] == "state:CHN"
    assert data["totals"]["forward"]["conflict"] == 3 and data["totals"]["backward"]["cooperation"] == 1
    assert {"identifies", "says", "dialogue"} <= {e["trigger"]["text"] for e in data["events"]}
    assert {r["kind"] for r in data["relations"]} == {"hostile", "dialogue"}
    buckets = data["timeline"]["buckets"]
    assert sum(b["conflict"] for b in buckets) == 3 and sum(b["forward_cooperation"] for b in buckets) == 0
    reverse = get(client, "/api/dyads/state:CHN/igo:NATO")
    assert reverse["totals"]["forward"] == data["totals"]["backward"]


def test_web_article_events_with_offsets(client: TestClient) -> None:
    data = get(client, f"/api/articles/{REFERENCE_ID}")
    text = data["article"]["text"]
    assert data["article"]["title"].startswith("Beijing Offers Dialogue With NATO")
    assert len(data["events"]) == 14
    for event in data["events"]:
        trigger, sentence = event["trigger"], event["sentence"]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
        assert event["cameo_name"] and event["coder"] == "geopol-rules/v3"
    accuse = next(
        e
        for e in data["events"]
        if e["trigger"]["text"] == "identifies" and e["target"][0]["id"] == "state:CHN"
    )
    assert (accuse["cameo"], accuse["plover"], accuse["quad_class"]) == ("111", "ACCUSE", 3)
    for actor in data["actors"]:
        assert all(text[m["start"] : m["end"]] == m["text"] for m in actor["mentions"])
    hua = next(a for a in data["actors"] if a["id"] == "person:hua-chunying")
    assert hua["affiliation"]["id"] == "state:CHN" and hua["mentions"]
    assert all(0 <= q["start"] < q["end"] <= len(text) for q in data["quotes"])
    negated = next(e for e in data["events"] if e["modality"] == "negated")
    assert negated["claimed_by"]["name"] == "Hua Chunying"


def test_web_search_actors_and_articles(client: TestClient) -> None:
    data = get(client, "/api/search?q=hua")
    assert data["actors"][0]["id"] == "person:hua-chunying"
    data = get(client, "/api/search?q=Coercion")
    assert REFERENCE_ID in {a["id"] for a in data["articles"]}
    assert "coercion" in next(a for a in data["articles"] if a["id"] == REFERENCE_ID)["snippet"].lower()
    assert get(client, "/api/search?q=state:chn")["actors"][0]["id"] == "state:CHN"
    assert get(client, "/api/search?q=zzzzqqq") == {
        "query": "zzzzqqq",
        "actors": [],
        "articles": [],
        "articles_total": 0,
    }


def test_web_events_filters_and_paging(client: TestClient) -> None:
    data = get(client, "/api/events?actor=state:CHN&limit=5")
    assert data["total"] >= 13 and len(data["events"]) == 5
    rest = get(client, f"/api/events?actor=state:CHN&limit=5&offset={data['total'] - 2}")
    assert len(rest["events"]) == 2 and rest["total"] == data["total"]
    negated = get(client, f"/api/events?article={REFERENCE_ID}&modality=negated")
    assert negated["total"] == 1 and negated["events"][0]["cameo"] == "170"
    accusations = get(client, "/api/events?cameo=11&source=igo:NATO")
    assert accusations["total"] >= 3 and all(e["cameo"].startswith("11") for e in accusations["events"])
    dated = get(client, "/api/events?start=2024-01-01&end=2024-12-31&quad_class=1")
    assert dated["events"] and all("2024" in e["date"] and e["quad_class"] == 1 for e in dated["events"])


@pytest.mark.parametrize(
    "url, status, code",
    [
        ("/api/actors/state:XXX", 404, "not_found"),
        ("/api/dyads/igo:NATO/state:XXX", 404, "not_found"),
        ("/api/articles/ffffffffffffffff", 404, "not_found"),
        ("/api/no-such-route", 404, "not_found"),
        ("/static/no-such-file.js", 404, "not_found"),
        ("/api/dyads/state:CHN/state:CHN", 422, "invalid_parameter"),
        ("/api/graph?kinds=friendship", 422, "invalid_parameter"),
        ("/api/graph?region=Atlantis", 422, "invalid_parameter"),
        ("/api/graph?start=2024-13-01", 422, "invalid_parameter"),
        ("/api/graph?start=2024-02-01&end=2024-01-01", 422, "invalid_parameter"),
        ("/api/events?limit=0", 422, "invalid_parameter"),
        ("/api/events?modality=maybe", 422, "invalid_parameter"),
        ("/api/events?quad_class=five", 422, "invalid_parameter"),
        ("/api/search", 422, "invalid_parameter"),
        ("/api/search?q=" + "x" * 201, 422, "invalid_parameter"),
        ("/api/actors/state:CHN?bucket=week", 422, "invalid_parameter"),
    ],
)
def test_web_error_shape(client: TestClient, url: str, status: int, code: str) -> None:
    error = assert_error(client.get(url), status, code)
    if status == 422:
        assert "parameter" in error["message"] or "dyad" in error["message"]


def test_web_error_shape_for_methods_and_bugs(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "GET" in assert_error(client.post("/api/overview"), 405, "method_not_allowed")["message"]
    assert_error(client.delete(f"/api/articles/{REFERENCE_ID}"), 405, "method_not_allowed")

    def broken(self: Any, limit: int) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(queries.Reader, "overview", broken)
    error = assert_error(client.get("/api/overview"), 500, "internal_error")
    assert "secret" not in error["message"]
    assert "Content-Security-Policy" in client.get("/api/overview").headers


def test_web_html_errors_are_pages(client: TestClient) -> None:
    response = client.get("/actors/state:XXX")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "no actor &#39;state:XXX&#39; in the store" in response.text
    assert client.get("/nowhere").status_code == 404


@pytest.mark.parametrize("payload", INJECTIONS)
def test_web_sql_injection_in_every_parameter(client: TestClient, store: Path, payload: str) -> None:
    def counts() -> list[int]:
        cur = client.app.state.store.con.cursor()  # type: ignore[attr-defined]
        return [
            cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "events", "actors", "meta")
        ]

    before = counts()
    enc = quote(payload, safe="")
    cases = [
        f"/api/actors/{enc}",
        f"/api/dyads/{enc}/state:CHN",
        f"/api/dyads/state:CHN/{enc}",
        f"/api/articles/{enc}",
        f"/api/search?q={enc}",
        f"/api/search?q=china&limit={enc}",
        f"/api/overview?limit={enc}",
        f"/api/graph?kinds={enc}",
        f"/api/graph?region={enc}",
        f"/api/graph?start={enc}",
        f"/api/graph?end={enc}",
        f"/api/graph?limit={enc}",
        f"/api/actors/state:CHN?bucket={enc}",
        f"/api/dyads/igo:NATO/state:CHN?limit={enc}",
        *(
            f"/api/events?{name}={enc}"
            for name in (
                "actor",
                "source",
                "target",
                "article",
                "start",
                "end",
                "cameo",
                "quad_class",
                "modality",
                "limit",
                "offset",
            )
        ),
        f"/actors/{enc}",
        f"/dyads/{enc}/state:CHN",
        f"/articles/{enc}",
        f"/search?q={enc}",
    ]
    for url in cases:
        response = client.get(url)
        assert response.status_code in (200, 404, 422), (url, response.status_code, response.text)
        if not url.startswith("/api"):
            continue
        if response.status_code != 200:
            assert_error(response, response.status_code)
            continue
        body = response.json()
        if "/search" in url and "q=" in url:
            assert body["actors"] == [] and body["articles"] == [], url
        elif "/events" in url:
            assert body["total"] == 0 and body["events"] == [], url
        else:
            pytest.fail(f"{url} answered 200 to an injection: {response.text[:200]}")
    assert counts() == before
    assert not Path("/tmp/geopol-leak.csv").exists() and not Path("/tmp/geopol-evil.duckdb").exists()


def raw_get(app: Any, path: str) -> tuple[int, bytes]:
    """Send ``path`` byte for byte (no client-side normalisation of '..'), as a hostile client would."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/../../geopol/web/app.py",
        "/static/../templates/base.html",
        "/static/../../../../../../etc/passwd",
        "/static//etc/passwd",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/js/../../app.py",
        "/api/../../../etc/passwd",
        "/../../etc/passwd",
        "/static/../../../../pyproject.toml",
        "/static/~/.bashrc",
    ],
)
def test_web_serves_no_file_outside_the_package(client: TestClient, path: str) -> None:
    status, content = raw_get(client.app, path)
    assert status in (400, 404), (path, status)
    assert b"root:" not in content and b"import" not in content and b"[project]" not in content


def test_web_routes_only_read_and_only_the_static_folder(client: TestClient) -> None:
    mounts = [r for r in client.app.routes if isinstance(r, Mount)]
    assert [m.path for m in mounts] == ["/static"]
    assert Path(mounts[0].app.directory).resolve() == STATIC  # type: ignore[attr-defined]
    for route in client.app.routes:
        assert getattr(route, "methods", {"GET"}) <= {"GET", "HEAD"}, route
    assert client.get("/static/js/common.js").status_code == 200
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    paths = get(client, "/openapi.json")["paths"]
    assert {
        "/api/overview",
        "/api/graph",
        "/api/actors/{actor_id}",
        "/api/dyads/{a}/{b}",
        "/api/articles/{article_id}",
        "/api/search",
        "/api/events",
    } <= set(paths)
    assert "ErrorResponse" in json.dumps(paths["/api/graph"])


def test_web_hostile_text_is_escaped(client: TestClient) -> None:
    article_id = hostile_id(client)
    data = get(client, f"/api/articles/{article_id}")
    assert data["article"]["title"] == HOSTILE_TITLE and "<script>" in data["article"]["text"]
    assert data["events"] and any("onmouseover" in q["text"] for q in data["quotes"])
    page = client.get(f"/articles/{article_id}")
    assert page.status_code == 200
    assert "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;" in page.text
    assert "<script>window" not in page.text and "<img" not in page.text
    assert page.text.count("<script") == 1  # the page's own module script
    csp = page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    search = client.get("/search?q=" + quote("<script>alert(1)</script>"))
    assert "<script>alert" not in search.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in search.text


def test_web_refuses_foreign_host_headers(store: Path) -> None:
    app = create_app(store)
    assert TestClient(app, base_url="http://localhost:8000").get("/api/overview").status_code == 200
    assert_error(TestClient(app, base_url="http://evil.example").get("/api/overview"), 400, "bad_host")
    assert (
        TestClient(create_app(store, allowed_hosts=None), base_url="http://evil.example").get("/").status_code
        == 200
    )


def test_cli_serve_checks_the_store_and_warns_off_loopback(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no such database" in missing.output
    assert "Example:" in runner.invoke(main, ["serve", "--help"]).output
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: calls.append(kw))
    local = runner.invoke(main, ["serve", "--db", str(store), "--port", "8123"])
    assert local.exit_code == 0 and calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == 8123
    assert "warning" not in local.output.lower()
    wide = runner.invoke(main, ["serve", "--db", str(store), "--host", "0.0.0.0"])
    assert wide.exit_code == 0 and calls[-1]["host"] == "0.0.0.0" and "warning" in wide.output.lower()
