"""Web app latency on a synthetic store of 100,000 events (not a test; run it and read the table).

    .venv/bin/python bench/bench_web.py [--events 100000] [--db PATH] [--keep] [--browser]

The store is generated directly with DuckDB inserts (no NLP), with every table the web app
reads filled: ~190 states and IGOs from the knowledge base plus 400 officials acting for them,
Zipf-like activity (the US, China, Russia, NATO... most active), ten years of dates, CAMEO codes
with realistic root frequencies and their Goldstein weights, quad classes and PLOVER types,
articles with real text (title, sentences naming the actors, a quote), mentions, triggers and
quote offsets that point into that text, dyads with officials rolled up to their state, and
relations by the rules of ``data/relations/rules.tsv``.

It then times each API route and each page (the HTML shell plus the API calls its script
makes) through FastAPI's TestClient: cold (first call) and warm (median and worst of 10), in
milliseconds, against the 300 ms budget. ``--browser`` also times each page in Debian's
Chromium from navigation until its data is rendered.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from geopol.actors.kb import load_kb  # noqa: E402
from geopol.ontology.cameo import load_ontology  # noqa: E402
from geopol.store.db import connect  # noqa: E402

BUDGET_MS = 300.0
ROOT_WEIGHT = {
    "01": 18,
    "02": 6,
    "03": 8,
    "04": 22,
    "05": 8,
    "06": 3,
    "07": 3,
    "08": 2,
    "09": 1,
    "10": 2,
    "11": 7,
    "12": 3,
    "13": 2,
    "14": 2,
    "15": 1,
    "16": 2,
    "17": 4,
    "18": 3,
    "19": 5,
    "20": 0.2,
}
VERB = {
    "01": "said of",
    "02": "appealed to",
    "03": "pledged support to",
    "04": "met",
    "05": "praised",
    "06": "cooperated with",
    "07": "sent aid to",
    "08": "eased curbs on",
    "09": "investigated",
    "10": "made demands of",
    "11": "criticized",
    "12": "rejected",
    "13": "threatened",
    "14": "protested against",
    "15": "mobilized against",
    "16": "sanctioned",
    "17": "coerced",
    "18": "attacked",
    "19": "fought",
    "20": "bombarded",
}
RELATION = {
    "03": "partner",
    "04": "dialogue",
    "05": "partner",
    "06": "cooperation",
    "07": "cooperation",
    "08": "cooperation",
    "09": "tension",
    "10": "tension",
    "11": "tension",
    "12": "tension",
    "13": "threat",
    "14": "tension",
    "15": "threat",
    "16": "hostile",
    "17": "hostile",
    "18": "conflict",
    "19": "conflict",
    "20": "conflict",
}
IGOS = ("NATO", "EU", "UN", "AU", "ASEAN", "G7", "G20", "OPEC", "WHO", "IAEA", "BRICS", "QUAD")
HEAVY = (
    "state:USA",
    "state:CHN",
    "state:RUS",
    "state:UKR",
    "igo:NATO",
    "igo:EU",
    "state:ISR",
    "state:IRN",
    "state:IND",
    "state:JPN",
    "state:GBR",
    "state:FRA",
    "state:DEU",
    "igo:UN",
    "state:TUR",
)
TOPICS = (
    "trade",
    "the border",
    "energy supplies",
    "sanctions",
    "the ceasefire",
    "maritime security",
    "nuclear talks",
    "grain exports",
    "arms sales",
    "climate finance",
    "refugees",
    "cyber attacks",
)
FILLER = (
    "Officials from both sides described the exchange as frank.",
    "Analysts said the move was expected after weeks of tension.",
    "The statement gave no further details about the timetable.",
    "Diplomats in the region said further meetings were likely.",
)


def _hash(*parts: object) -> str:
    return hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).hexdigest()


def build(db: Path, n_events: int, seed: int = 11) -> dict[str, Any]:
    """Write a synthetic store of ``n_events`` events to ``db``; returns a few facts about it."""
    rng = np.random.default_rng(seed)
    kb, onto = load_kb(), load_ontology()
    states = sorted(kb.states.values(), key=lambda s: s.iso3)
    actors: dict[str, dict[str, Any]] = {}
    for s in states:
        actors[f"state:{s.iso3}"] = {"name": s.name, "kind": "state", "country": s.iso3, "cameo": s.cameo}
    for i in IGOS:
        if i in kb.igos:
            actors[f"igo:{i}"] = {
                "name": kb.igos[i].name,
                "kind": "igo",
                "country": None,
                "cameo": kb.igos[i].cameo,
            }
    order = [a for a in HEAVY if a in actors] + [a for a in actors if a not in HEAVY]
    zipf = 1.0 / np.arange(1, len(order) + 1) ** 1.1
    zipf /= zipf.sum()
    people = []
    for k, side in enumerate(rng.choice(len(order), 400, p=zipf)):
        sid = order[side]
        if sid.startswith("state:"):
            pid = f"person:official-{k}"
            actors[pid] = {
                "name": f"Official {k} of {actors[sid]['name']}",
                "kind": "person",
                "country": actors[sid]["country"],
                "cameo": actors[sid]["cameo"] + "GOV",
                "affiliation": sid,
                "role": "Foreign Minister" if k % 3 == 0 else "Spokesperson",
            }
            people.append(pid)
    people_of: dict[str, list[str]] = defaultdict(list)
    for pid in people:
        people_of[actors[pid]["affiliation"]].append(pid)
    codes = [c for c in onto.codes.values() if len(c.code) >= 3]
    weights = np.array([ROOT_WEIGHT.get(c.root, 0.5) for c in codes])
    per_root = pd.Series([c.root for c in codes]).value_counts()
    weights = weights / np.array([per_root[c.root] for c in codes])
    weights /= weights.sum()

    n_articles = max(1, n_events // 4)
    per_article = np.full(n_articles, n_events // n_articles)
    per_article[: n_events - per_article.sum()] += 1
    start = dt.date(2015, 1, 1)
    span = (dt.date(2024, 12, 31) - start).days
    src_i = rng.choice(len(order), n_events, p=zipf)
    tgt_i = rng.choice(len(order), n_events, p=zipf)
    tgt_i = np.where(tgt_i == src_i, (tgt_i + 1) % len(order), tgt_i)
    code_i = rng.choice(len(codes), n_events, p=weights)
    by_person = rng.random(n_events) < 0.2
    modality = rng.choice(
        ["asserted", "intended", "recommended", "hypothetical", "negated"],
        n_events,
        p=[0.78, 0.1, 0.05, 0.04, 0.03],
    )
    days = (rng.beta(1.4, 1.0, n_articles) * span).astype(int)

    rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    e = 0
    for a in range(n_articles):
        aid = _hash("article", a)
        published = start + dt.timedelta(days=int(days[a]))
        first_src = order[src_i[e]]
        other = actors[order[tgt_i[e]]]["name"]
        title = f"{actors[first_src]['name']} and {other} at odds over {TOPICS[a % len(TOPICS)]}"
        text = title + "\n\n"
        mentions: list[tuple[str, int, int, str]] = []
        seen: dict[str, int] = defaultdict(int)
        article_rel: dict[tuple[str, str, str], list[Any]] = {}

        def name_at(
            actor_id: str,
            at: int,
            mentions: list[tuple[str, int, int, str]] = mentions,
            seen: dict[str, int] = seen,
        ) -> str:
            name = str(actors[actor_id]["name"])
            mentions.append((actor_id, at, at + len(name), name))
            seen[actor_id] += 1
            return name

        for _ in range(int(per_article[a])):
            code = codes[code_i[e]]
            side, tgt = order[src_i[e]], order[tgt_i[e]]
            src = side
            if by_person[e] and people_of.get(side):
                src = people_of[side][e % len(people_of[side])]
            s0 = len(text)
            text += name_at(src, len(text))
            text += " "
            verb = VERB[code.root]
            t0 = len(text)
            text += verb + " "
            text += name_at(tgt, len(text))
            text += f" over {TOPICS[(a + e) % len(TOPICS)]}. "
            eid = _hash("event", e)
            rows["events"].append(
                (
                    eid,
                    aid,
                    [src],
                    [tgt],
                    code.code,
                    code.plover,
                    code.plover_mode,
                    code.plover_context,
                    code.goldstein,
                    code.quad_class,
                    str(modality[e]),
                    None,
                    None,
                    published,
                    s0,
                    len(text) - 1,
                    text[s0 : len(text) - 1],
                    t0,
                    t0 + len(verb),
                    verb,
                    "bench/v1",
                    "bench",
                    "[]",
                )
            )
            rows["dyads"].append(
                (
                    eid,
                    aid,
                    aid,
                    side,
                    tgt,
                    published,
                    code.code,
                    code.root,
                    code.plover,
                    code.quad_class,
                    code.goldstein,
                    str(modality[e]),
                    False,
                )
            )
            kind = RELATION.get(code.root)
            if kind and modality[e] != "negated":
                rel = article_rel.setdefault((side, tgt, kind), [0.0, []])
                rel[0] += 1.0
                rel[1].append(eid)
            if e % 2:
                text += FILLER[e % len(FILLER)] + " "
            if e % 3 == 2:
                text = text.rstrip() + "\n\n"
            e += 1
        speaker = people_of.get(first_src, [first_src])[0]
        q0 = len(text) + 1
        quote = f"We will not accept pressure on {TOPICS[a % len(TOPICS)]}"
        text += f"\u201c{quote},\u201d said "
        text += name_at(speaker, len(text))
        text += ".\n"
        rows["quotes"].append(
            (_hash("quote", a), aid, speaker, quote, "direct", q0, q0 + len(quote), "said", [])
        )
        rows["articles"].append(
            (
                aid,
                title,
                None,
                ["Bench Writer"],
                published,
                f"https://news.example/{a}",
                "en",
                text,
                "bench/v1",
                aid,
            )
        )
        for actor_id, count in seen.items():
            info = actors[actor_id]
            rows["actors"].append(
                (
                    aid,
                    actor_id,
                    info["name"],
                    info["kind"],
                    info["country"],
                    "GOV" if info["kind"] == "person" else None,
                    info["cameo"],
                    [info["role"]] if "role" in info else [],
                    info.get("affiliation"),
                    [],
                    count,
                )
            )
        for actor_id, s, t, m in mentions:
            rows["mentions"].append((aid, actor_id, s, t, m))
        for (s, t, kind), (weight, eids) in article_rel.items():
            rows["relations"].append((aid, s, t, kind, eids, weight, True, "events", published, published))

    con = connect(db)
    try:
        for table, data in rows.items():
            frame = pd.DataFrame(data)
            con.register("frame", frame)
            con.execute(f"INSERT OR IGNORE INTO {table} SELECT * FROM frame")
            con.unregister("frame")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return {
        "events": e,
        "articles": n_articles,
        "actors": len(actors),
        "rows": {k: len(v) for k, v in rows.items()},
    }


def timed(client: Any, urls: list[str], repeat: int = 10) -> tuple[float, float, float, float]:
    """Cold, warm median and warm worst wall time, and warm median CPU time of this process (the
    server's work, load-independent), in ms, of fetching ``urls`` one after another."""

    def once() -> tuple[float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code, response.text[:300])
        return (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000

    cold = once()[0]
    warm = [once() for _ in range(repeat)]
    walls = [w for w, _ in warm]
    return cold, statistics.median(walls), max(walls), statistics.median(c for _, c in warm)


def browser_times(db: Path, pages: dict[str, str], repeat: int = 5) -> dict[str, tuple[float, float]]:
    """Per page, the median ms from navigation start until its data is rendered, as the page
    itself records it (``data-ready-ms``) and as seen from outside (Playwright's goto until the
    page is ready). The server is ``geopol serve`` in its own process, as in real use."""
    import socket
    import subprocess
    import urllib.request

    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "geopol.cli", "serve", "--db", str(db), "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    out = {}
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/overview", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            for name, path in pages.items():
                inside, outside = [], []
                for _ in range(repeat + 1):
                    t0 = time.perf_counter()
                    page.goto(f"http://127.0.0.1:{port}{path}")
                    page.wait_for_selector("body[data-ready=true]", timeout=60_000)
                    outside.append((time.perf_counter() - t0) * 1000)
                    inside.append(float(page.get_attribute("body", "data-ready-ms") or "nan"))
                out[name] = (statistics.median(inside[1:]), statistics.median(outside[1:]))
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument(
        "--db", type=Path, default=None, help="Where to build the store (default: a temp dir)."
    )
    parser.add_argument("--keep", action="store_true", help="Keep the generated store.")
    parser.add_argument("--browser", action="store_true", help="Also time the pages in /usr/bin/chromium.")
    args = parser.parse_args()
    tmp = None if args.keep else tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name if tmp else tempfile.mkdtemp()) / "bench-web.duckdb"
    if not db.exists():
        t0 = time.perf_counter()
        facts = build(db, args.events)
        print(
            f"synthetic store: {facts['events']:,} events, {facts['articles']:,} articles, "
            f"{facts['actors']} actors; "
            f"rows {facts['rows']}; built in {time.perf_counter() - t0:.1f}s at {db}"
        )
    else:
        print(f"using the existing store {db}")

    from fastapi.testclient import TestClient

    from geopol.web.app import create_app

    t0 = time.perf_counter()
    app = create_app(db)
    print(f"app start (open read-only, actor directory): {(time.perf_counter() - t0) * 1000:.0f} ms\n")
    client = TestClient(app, base_url="http://127.0.0.1")
    con = app.state.store.con.cursor()
    top = con.execute(
        "SELECT source, target FROM dyads GROUP BY ALL ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    article = con.execute("SELECT id FROM articles ORDER BY length(text) DESC LIMIT 1").fetchone()[0]
    busiest = con.execute("SELECT actor_id FROM actors GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[
        0
    ]
    a, b = top
    api = {
        "/api/overview": ["/api/overview"],
        "/api/graph (150 edges)": ["/api/graph"],
        "/api/graph (2000 edges)": ["/api/graph?limit=2000"],
        "/api/graph (kinds+region+dates)": [
            "/api/graph?kinds=hostile,conflict&region=Europe&start=2022-01-01"
        ],
        f"/api/actors/{busiest}": [f"/api/actors/{busiest}"],
        f"/api/events?actor={busiest}": [f"/api/events?actor={busiest}&limit=50"],
        f"/api/dyads/{a}/{b}": [f"/api/dyads/{a}/{b}"],
        "/api/articles/{longest}": [f"/api/articles/{article}"],
        "/api/search?q=china": ["/api/search?q=china"],
        "/api/search?q=grain (text scan)": ["/api/search?q=grain"],
        "/api/events?cameo=19&dates": ["/api/events?cameo=19&start=2020-01-01&end=2020-12-31"],
    }
    pages = {
        "overview /": ["/", "/api/overview"],
        "network /network": ["/network", "/api/graph"],
        f"actor /actors/{busiest}": [
            f"/actors/{busiest}",
            f"/api/actors/{busiest}",
            f"/api/events?actor={busiest}&limit=50",
        ],
        f"dyad /dyads/{a}/{b}": [f"/dyads/{a}/{b}", f"/api/dyads/{a}/{b}"],
        "article /articles/{longest}": [f"/articles/{article}", f"/api/articles/{article}"],
        "search /search?q=china": ["/search?q=china", "/api/search?q=china"],
    }
    for title, cases in (("API route", api), ("page (HTML + its API calls)", pages)):
        print(
            f"{title:<48} {'cold ms':>8} {'warm ms':>8} {'worst':>8} {'cpu ms':>8}  budget {BUDGET_MS:.0f} ms"
        )
        for name, urls in cases.items():
            cold, warm, worst, cpu = timed(client, urls)
            flag = "ok" if worst <= BUDGET_MS else "OVER"
            print(f"{name:<48} {cold:>8.1f} {warm:>8.1f} {worst:>8.1f} {cpu:>8.1f}  {flag}")
        print()
    print(
        f"load average while measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
        f"(on {os.cpu_count()} cores; wall times grow with it, cpu times do not)\n"
    )
    if args.browser:
        paths = {name: urls[0] for name, urls in pages.items()}
        print(f"{'page in chromium, navigation to data rendered':<48} {'page ms':>8} {'seen ms':>8}")
        for name, (inside, outside) in browser_times(db, paths).items():
            print(f"{name:<48} {inside:>8.1f} {outside:>8.1f}  {'ok' if inside <= BUDGET_MS else 'OVER'}")
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
