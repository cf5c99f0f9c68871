"""Query speed on a synthetic store of 100,000 events (not a test; run it and read the table).

    .venv/bin/python bench/bench_queries.py [--events 100000] [--db PATH] [--keep]

The store is generated directly with DuckDB (no NLP): ~200 actors (the most populous states and
a dozen IGOs from the knowledge base) with Zipf-like activity, five years of dates with a slow
trend and bursts, CAMEO codes drawn with realistic root frequencies (consults and statements
common, mass violence rare) and their Goldstein weights, quad classes and PLOVER types from the
ontology, and each real-world event reported by 1-6 articles a day apart at most, so clusters
have something to merge. It then times, cold (first call) and warm (median of 5), the dyad
timeline, actor timeline, relations (whole store and one actor), filtered events, clusters and
the shift detector through ``geopol.analysis.query.Store``, and prints each against the
one-second budget.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from geopol.actors.kb import load_kb  # noqa: E402
from geopol.analysis.query import Store  # noqa: E402
from geopol.ontology.cameo import default_ontology  # noqa: E402
from geopol.store.db import connect  # noqa: E402

BUDGET_S = 1.0
# Relative frequency of CAMEO roots in news event data (roughly GDELT's mix).
ROOT_WEIGHT = {"01": 18, "02": 6, "03": 8, "04": 22, "05": 8, "06": 3, "07": 3, "08": 2, "09": 1, "10": 2,
               "11": 7, "12": 3, "13": 2, "14": 2, "15": 1, "16": 2, "17": 4, "18": 3, "19": 5, "20": 0.2}
IGOS = ("NATO", "EU", "UN", "AU", "ASEAN", "G7", "G20", "OPEC", "WHO", "IAEA", "BRICS", "QUAD")


def _hash(*parts: object) -> str:
    return hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).hexdigest()


def build(db: Path, n_events: int, seed: int = 7) -> dict[str, Any]:
    """Write a synthetic store of about ``n_events`` events to ``db``; returns a few facts about it."""
    rng = np.random.default_rng(seed)
    kb, onto = load_kb(), default_ontology()
    states = sorted(kb.states.values(), key=lambda s: s.iso3)[: 200 - len(IGOS)]
    actors = [(f"state:{s.iso3}", s.name, "state", s.iso3, s.cameo) for s in states]
    actors += [(f"igo:{i}", kb.igos[i].name, "igo", None, kb.igos[i].cameo) for i in IGOS if i in kb.igos]
    heavy = ["state:USA", "state:CHN", "state:RUS", "state:UKR", "igo:NATO", "igo:EU", "state:ISR",
             "state:IRN", "state:IND", "state:JPN", "state:GBR", "state:FRA", "state:DEU", "igo:UN",
             "state:TUR"]
    ids = [a[0] for a in actors]
    order = [i for i in heavy if i in ids] + [i for i in ids if i not in heavy]
    actors = sorted(actors, key=lambda a: order.index(a[0]))
    n_act = len(actors)
    zipf = 1.0 / np.arange(1, n_act + 1) ** 1.1
    zipf /= zipf.sum()
    codes = [c for c in onto.codes.values() if len(c.code) >= 3]
    root_w = np.array([ROOT_WEIGHT.get(c.root, 0.5) for c in codes], dtype=float)
    per_root = pd.Series([c.root for c in codes]).value_counts()
    root_w /= np.array([per_root[c.root] for c in codes])
    root_w /= root_w.sum()

    # Real-world events, each reported 1-6 times (mean ~2.2) within a day of each other; the
    # report list is cut at exactly n_events.
    n_real = int(n_events / 2.0)
    src = rng.choice(n_act, n_real, p=zipf)
    tgt = rng.choice(n_act, n_real, p=zipf)
    tgt = np.where(tgt == src, (tgt + 1 + rng.integers(0, n_act - 1, n_real)) % n_act, tgt)
    start = dt.date(2020, 1, 1)
    span = (dt.date(2024, 12, 31) - start).days
    days = np.minimum((rng.beta(1.3, 1.0, n_real) * span).astype(int), span)
    code_i = rng.choice(len(codes), n_real, p=root_w)
    reports = np.minimum(rng.geometric(0.45, n_real), 6)
    rows_real = np.repeat(np.arange(n_real), reports)[:n_events]
    n_real = int(rows_real.max()) + 1
    n = len(rows_real)
    day = days[rows_real] + rng.integers(-1, 2, n) * (rng.random(n) < 0.3)
    day = np.clip(day, 0, span)
    n_articles = n // 2
    article_of = rng.integers(0, n_articles, n)
    dates = pd.to_datetime(start) + pd.to_timedelta(day, unit="D")
    code_objs = [codes[i] for i in code_i[rows_real]]
    modality = rng.choice(["asserted", "intended", "recommended", "hypothetical", "negated"], n,
                          p=[0.78, 0.1, 0.05, 0.04, 0.03])
    claimed = rng.random(n) < 0.05
    article_ids = np.array([_hash("article", i) for i in range(n_articles)])
    event_ids = np.array([_hash("event", i) for i in range(n)])
    s_ids = np.array([actors[i][0] for i in src[rows_real]])
    t_ids = np.array([actors[i][0] for i in tgt[rows_real]])
    cameo = np.array([c.code for c in code_objs])
    events = pd.DataFrame({
        "id": event_ids, "article_id": article_ids[article_of], "source": [[s] for s in s_ids],
        "target": [[t] for t in t_ids], "cameo": cameo, "plover": [c.plover for c in code_objs],
        "mode": [c.plover_mode for c in code_objs], "context": [c.plover_context for c in code_objs],
        "goldstein": [c.goldstein for c in code_objs], "quad_class": [c.quad_class for c in code_objs],
        "modality": modality, "claimed_by": np.where(claimed, "person:someone", None), "quote_id": None,
        "date": dates.date, "sentence_start": 0, "sentence_end": 80, "sentence": "A synthetic sentence.",
        "trigger_start": 2, "trigger_end": 11, "trigger": "synthetic", "coder": "bench/v1",
        "pattern": "bench", "evidence": "[]",
    })
    art_day = pd.Series(dates).groupby(article_of).min()
    published = pd.Series(pd.NaT, index=range(n_articles), dtype="datetime64[ns]")
    published.loc[art_day.index] = art_day.values
    published = published.fillna(pd.Timestamp(start))
    outlets = [f"https://news{i % 40}.example/{i}" for i in range(n_articles)]
    articles = pd.DataFrame({
        "id": article_ids, "title": [f"Synthetic article {i}" for i in range(n_articles)], "subtitle": None,
        "authors": [[] for _ in range(n_articles)], "published": published.dt.date, "url": outlets,
        "language": "en", "text": "", "coder": "bench/v1", "story": article_ids,
    })
    sources = pd.DataFrame({"article_id": article_ids, "source": "bench.jsonl",
                            "position": [f"bench.jsonl:{i + 1}" for i in range(n_articles)]})
    dyads = pd.DataFrame({
        "event_id": event_ids, "article_id": article_ids[article_of], "story": article_ids[article_of],
        "source": s_ids, "target": t_ids, "date": dates.date, "cameo": cameo, "root": [c[:2] for c in cameo],
        "plover": events["plover"], "quad_class": events["quad_class"], "goldstein": events["goldstein"],
        "modality": modality, "claimed": claimed,
    })
    by_id = {a[0]: a for a in actors}
    sides = [dyads[["article_id", side]].rename(columns={side: "actor_id"}) for side in ("source", "target")]
    pairs = pd.concat(sides).drop_duplicates()
    actor_rows = pd.DataFrame({
        "article_id": pairs["article_id"], "actor_id": pairs["actor_id"],
        "name": [by_id[a][1] for a in pairs["actor_id"]], "kind": [by_id[a][2] for a in pairs["actor_id"]],
        "country": [by_id[a][3] for a in pairs["actor_id"]], "sector": None,
        "cameo": [by_id[a][4] for a in pairs["actor_id"]], "roles": [[] for _ in range(len(pairs))],
        "affiliation": None, "members": [[] for _ in range(len(pairs))], "mentions": 1,
    })
    con = connect(db)
    try:
        tables = {"articles": articles, "sources": sources, "events": events, "dyads": dyads,
                  "actors": actor_rows}
        for table, frame in tables.items():
            con.register("frame", frame)
            con.execute(f"INSERT INTO {table} SELECT * FROM frame")
            con.unregister("frame")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return {"events": n, "real_events": n_real, "articles": n_articles, "actors": n_act,
            "first": start, "last": start + dt.timedelta(days=span)}


def timed(fn: Callable[[], Any], repeat: int = 5) -> tuple[float, float, float, int]:
    """Cold wall time, warm median wall and CPU time (seconds; CPU counts every thread of the
    process, so it shows the work done whatever else the machine runs) and the result rows."""
    t0 = time.perf_counter()
    result = fn()
    cold = time.perf_counter() - t0
    warm, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        warm.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return cold, statistics.median(warm), statistics.median(cpu), len(result)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None,
                        help="Where to build the store (default: a temp dir).")
    parser.add_argument("--keep", action="store_true", help="Keep the generated store.")
    args = parser.parse_args()
    tmp = None if args.keep else tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name if tmp else tempfile.mkdtemp()) / "bench.duckdb"
    if db.exists():
        db.unlink()
    t0 = time.perf_counter()
    facts = build(db, args.events)
    built = time.perf_counter() - t0
    print(f"synthetic store: {facts['events']:,} events ({facts['real_events']:,} real-world events), "
          f"{facts['articles']:,} articles, {facts['actors']} actors, {facts['first']} to {facts['last']}; "
          f"built in {built:.1f}s at {db}")
    t0 = time.perf_counter()
    store = Store(db)
    opened = time.perf_counter() - t0
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("resolve 'China' + 'NATO'", lambda: [store.resolve("China"), store.resolve("NATO")]),
        ("timeline USA-CHN, month", lambda: store.timeline("United States", "China", "month")),
        ("timeline USA-CHN, week, by plover",
         lambda: store.timeline("state:USA", "state:CHN", "week", by="plover")),
        ("timeline small dyad, day", lambda: store.timeline("state:JPN", "state:TUR", "day")),
        ("actor timeline China, month", lambda: store.actor_timeline("China", "month")),
        ("relations, whole store", lambda: store.relations()),
        ("relations, actor NATO", lambda: store.relations(actor="NATO")),
        ("relations, dyad RUS-UKR, 2024",
         lambda: store.relations(dyad=("Russia", "Ukraine"), start="2024-01-01")),
        ("events, dyad+type+dates", lambda: store.events(dyad=("Russia", "Ukraine"), type="ASSAULT",
                                                         start="2023-01-01", end="2024-06-30")),
        ("events, actor+modality, limit 1000",
         lambda: store.events(actor="China", modality="asserted", limit=1000)),
        ("events, quad 4, whole store", lambda: store.events(quad_class=4)),
        ("clusters, dyad USA-CHN", lambda: store.clusters(dyad=("United States", "China"))),
        ("clusters, whole store", lambda: store.clusters()),
        ("shifts, month, whole store", lambda: store.shifts("month", all_dyads=True)),
    ]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"store opened in {opened * 1000:.0f} ms; {os.cpu_count()} CPUs, load average {load}; "
          f"budget {BUDGET_S:.1f}s per query\n")
    print(f"{'query':<38} {'rows':>7} {'cold ms':>9} {'warm ms':>9} {'cpu ms':>8} {'warm/budget':>12}")
    worst = 0.0
    for name, fn in cases:
        cold, warm, cpu, rows = timed(fn)
        worst = max(worst, cold)
        print(f"{name:<38} {rows:>7} {cold * 1000:>9.0f} {warm * 1000:>9.0f} {cpu * 1000:>8.0f} "
              f"{warm / BUDGET_S:>11.1%}")
    clusters = store.clusters()
    print(f"\nduplicate ratio: {facts['events']:,} dyad rows -> {len(clusters):,} clusters "
          f"({facts['events'] / max(len(clusters), 1):.2f} reports per cluster; "
          f"{facts['real_events']:,} generated real-world events)")
    verdict = "within" if worst < BUDGET_S else "OVER"
    print(f"slowest cold query: {worst * 1000:.0f} ms ({verdict} the budget)")
    store.close()
    if tmp is None:
        print(f"kept {db}")
    else:
        tmp.cleanup()


if __name__ == "__main__":
    main()
