"""Store-wide analysis on real stores: relations, timelines, filters, clusters, shifts, and the
query commands. The coded store is built with ``ingest`` from the reference article and short
JSON Lines stories; the shift and cluster-window cases use stores written row by row."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from geopol.analysis import QueryError
from geopol.analysis.query import Store
from geopol.cli import main
from geopol.ingest.sources import ReadOptions
from geopol.store.db import connect
from geopol.store.ingest import ingest
from tests.conftest import REFERENCE

pytestmark = pytest.mark.model

# Two outlets report Russia's attack of Friday 2024-03-01 (on the day and the day after); Japan and
# China appear in January, March (twice) and May 2024; India's denied attack is negated and
# Azerbaijan's attack only Armenia's claim.
STORIES = [
    {"title": "Russian Forces Strike Ukraine", "date": "2024-03-01",
     "url": "https://www.outlet-a.example/world/1",
     "text": "Russia attacked Ukraine on Friday. The strikes hit power stations in the east of the country "
             "and left thousands of homes without electricity for most of the night."},
    {"title": "Ukraine Says It Came Under Russian Fire", "date": "2024-03-02",
     "url": "https://outlet-b.example/news/77",
     "text": "Russia attacked Ukraine on Friday according to the Ukrainian military. Emergency crews worked "
             "through the night near Kharkiv while the government asked allies for more air defence "
             "systems."},
    {"title": "Japan Criticizes China", "date": "2024-01-08", "url": "https://outlet-a.example/asia/1",
     "text": "Japan criticized China on Monday over the island dispute."},
    {"title": "Tokyo Accuses Beijing", "date": "2024-03-05", "url": "https://outlet-c.example/asia/2",
     "text": "Japan accused China on Tuesday of sending ships near the Senkaku islands."},
    {"title": "Japan and China Hold Talks", "date": "2024-03-20", "url": "https://outlet-c.example/asia/3",
     "text": "Japan and China held talks in Beijing on Wednesday on trade and fisheries."},
    {"title": "Japan Praises China", "date": "2024-05-02", "url": "https://outlet-a.example/asia/4",
     "text": "Japan praised China on Thursday for its help after the earthquake."},
    {"title": "A Statement From New Delhi", "date": "2024-04-08", "url": "https://outlet-d.example/south-asia/5",
     "text": "India did not attack Pakistan on Sunday."},
    {"title": "News From Yerevan", "date": "2024-04-08", "url": "https://outlet-d.example/caucasus/6",
     "text": "Armenian officials said Azerbaijan attacked Armenia on Saturday."},
]


def build_store(analyzer: Any, folder: Path) -> Path:
    """A coded store: the reference article (dated 2020-12-01) and :data:`STORIES`."""
    news = folder / "news.jsonl"
    news.write_text("".join(json.dumps(s) + "\n" for s in STORIES), encoding="utf-8")
    db = folder / "coded.duckdb"
    stats = ingest([str(news), str(REFERENCE)], db, analyzer, ReadOptions(published=dt.date(2020, 12, 1)))
    assert stats.coded == len(STORIES) + 1
    return db


def synthetic(db: Path, rows: list[tuple[str, str, str, str, float]]) -> Path:
    """A store from (source, target, ISO date, CAMEO code, Goldstein) rows: one article and one
    asserted event per row, written straight into the tables."""
    con = connect(db)
    quad = {"0": 1, "1": 3}
    for i, (src, tgt, day, cameo, goldstein) in enumerate(rows):
        aid, eid = f"a{i:05d}", f"e{i:05d}"
        date = dt.date.fromisoformat(day)
        q = 4 if cameo[:2] >= "14" else (2 if "06" <= cameo[:2] <= "08" else quad[cameo[0]])
        con.execute("INSERT INTO articles VALUES (?, ?, NULL, [], ?, ?, 'en', '', 'test/v1', ?)",
                    [aid, f"story {i}", date, f"https://site{i % 3}.example/{i}", aid])
        con.execute("INSERT INTO sources VALUES (?, 'test.jsonl', ?)", [aid, f"test.jsonl:{i + 1}"])
        con.execute("INSERT INTO events VALUES (?, ?, [?], [?], ?, NULL, NULL, NULL, ?, ?, 'asserted', NULL, "
                    "NULL, ?, 0, 10, 'x', 0, 1, 'x', 'test/v1', 'test', '[]')",
                    [eid, aid, src, tgt, cameo, goldstein, q, date])
        con.execute("INSERT INTO dyads VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, 'asserted', false)",
                    [eid, aid, aid, src, tgt, date, cameo, cameo[:2], q, goldstein])
        for actor in (src, tgt):
            con.execute("INSERT OR IGNORE INTO actors VALUES (?, ?, ?, 'state', ?, NULL, ?, [], NULL, [], 1)",
                        [aid, actor, actor.split(":")[1], actor.split(":")[1], actor.split(":")[1]])
    con.close()
    return db


# -- relations ---------------------------------------------------------------------------------------

def test_analysis_relations_nato_hostile_to_china(store: Store) -> None:
    rel = store.relations(actor="NATO")
    hostile = rel[(rel.source == "igo:NATO") & (rel.target == "state:CHN") & (rel.kind == "hostile")]
    assert len(hostile) == 1
    row = hostile.iloc[0]
    # 111 (threat label), 112 (the report's accusation) and Stoltenberg's 112, rolled up to NATO:
    # three coded events of one day, one real-world event, so the weight counts it once.
    assert row.events == 3 and row.clusters == 1 and row.weight == 1.0 and row.directed
    assert len(row.event_ids) == 3 and row.event_ids == sorted(row.event_ids)
    assert row.first == pd.Timestamp("2020-12-01") == row.last
    assert row.source_name == "North Atlantic Treaty Organization" and row.target_name == "China"
    dialogue = rel[(rel.source == "state:CHN") & (rel.target == "igo:NATO")]
    assert dialogue.kind.tolist() == ["dialogue"] and dialogue.weight.tolist() == [0.75]


def test_analysis_relations_kinds_weights_memberships(store: Store) -> None:
    rel = store.relations()
    assert set(rel.kind) <= {"member", "ally", "partner", "dialogue", "cooperation", "tension", "threat",
                             "hostile", "conflict"}
    assert rel.weight.tolist() == sorted(rel.weight, reverse=True)
    tension = rel[(rel.source == "state:JPN") & (rel.target == "state:CHN") & (rel.kind == "tension")].iloc[0]
    assert (tension.events, tension.clusters, tension.weight) == (2, 2, 2.0)
    assert tension.first == pd.Timestamp("2024-01-08") and tension.last == pd.Timestamp("2024-03-05")
    ally = rel[(rel.kind == "ally") & (rel.source == "state:AUS") & (rel.target == "state:IND")].iloc[0]
    assert not ally.directed
    member = rel[(rel.kind == "member") & (rel.source == "state:USA") & (rel.target == "igo:NATO")].iloc[0]
    assert member.basis == "knowledge" and member.first == pd.Timestamp("1949-08-24") and pd.isna(member.last)
    quad = rel[(rel.kind == "member") & (rel.target == "igo:QUAD")]
    assert set(quad.source) == {"state:AUS", "state:IND", "state:JPN", "state:USA"}
    assert not rel.source.str.startswith("agent:").any()
    only = store.relations(kind="conflict", memberships=False)
    assert only[["source", "target"]].values.tolist() == [["state:RUS", "state:UKR"]]
    assert store.relations(min_weight=1.5).kind.tolist() == ["tension"]


def test_analysis_relations_date_filter(store: Store) -> None:
    rel = store.relations(start="2024-01-01", memberships=False)
    assert rel.first.min() >= pd.Timestamp("2024-01-01")
    assert "igo:NATO" not in set(rel.source)


# -- events and filters ------------------------------------------------------------------------------

def test_analysis_events_filters(store: Store) -> None:
    assaults = store.events(type="ASSAULT")
    assert assaults.source.tolist() == ["state:RUS", "state:RUS"]
    assert set(assaults.title) == {"Russian Forces Strike Ukraine", "Ukraine Says It Came Under Russian Fire"}
    assert store.events(type="19").event_id.tolist() == assaults.event_id.tolist()
    japan = store.events(dyad=("Japan", "China"), start="2024-03-01", end="2024-03-31")
    assert sorted(japan.cameo.str[:2]) == ["04", "04", "11"]
    one_way = store.events(source="Japan", target="China")
    assert sorted(one_way.cameo.str[:2]) == ["04", "05", "11", "11"]
    assert store.events(actor="China", quad_class=4).empty
    assert set(store.events(quad_class=[3]).quad_class) == {3}
    hypo = store.events(modality="hypothetical")
    assert hypo[["source", "target", "cameo"]].values.tolist() == [["igo:NATO", "igo:QUAD", "032"]]
    assert store.events(limit=2).shape[0] == 2
    assert store.events().date.is_monotonic_increasing


def test_analysis_events_claims_and_negation(store: Store) -> None:
    assert store.events(type="ASSAULT").source.tolist() == ["state:RUS", "state:RUS"]
    claimed = store.events(type="ASSAULT", claims=True)
    azerbaijan = claimed[claimed.source == "state:AZE"]
    assert azerbaijan.target.tolist() == ["state:ARM"] and azerbaijan.claimed_by.tolist() == ["agent:ARMGOV"]
    everything = store.events(type="ASSAULT", claims=True, modality="all")
    assert sorted(everything.source) == ["state:AZE", "state:IND", "state:RUS", "state:RUS"]
    negated = store.events(modality="negated")
    assert negated[["source", "target", "cameo"]].values.tolist() == [["state:IND", "state:PAK", "190"]]
    rel = store.relations(memberships=False)
    pairs = set(zip(rel.source, rel.target, rel.kind, strict=True))
    assert ("state:ARM", "state:AZE", "hostile") in pairs  # Armenia's accusation is its own act
    assert not {("state:AZE", "state:ARM"), ("state:IND", "state:PAK")} & {(a, b) for a, b, _ in pairs}
    assert store.events(actor="Beijing").event_id.tolist() == store.events(actor="China").event_id.tolist()


def test_analysis_resolve_names_ids_and_errors(store: Store) -> None:
    assert store.resolve("China") == "state:CHN"
    assert store.resolve("NATO") == "igo:NATO"
    assert store.resolve("north atlantic treaty organization") == "igo:NATO"
    assert store.resolve("state:chn") == "state:CHN"
    assert store.resolve("JPN") == "state:JPN"
    with pytest.raises(QueryError, match="did you mean 'China'"):
        store.resolve("Chinaa")
    with pytest.raises(QueryError, match="no actor 'Atlantis'"):
        store.events(actor="Atlantis")
    with pytest.raises(QueryError, match="did you mean 'ASSAULT'"):
        store.events(type="ASSALT")
    with pytest.raises(QueryError, match="start 2024-05-01 is after end"):
        store.events(start="2024-05-01", end="2024-01-01")


def test_analysis_polars_option(store: Store) -> None:
    import polars as pl

    frame = store.relations(actor="NATO", as_polars=True)
    assert isinstance(frame, pl.DataFrame) and "kind" in frame.columns
    assert isinstance(store.timeline("Japan", "China", as_polars=True), pl.DataFrame)


# -- clusters ----------------------------------------------------------------------------------------

def test_analysis_clusters_merge_two_outlets(store: Store) -> None:
    clusters = store.clusters(source="Russia", target="Ukraine")
    assert len(clusters) == 1
    c = clusters.iloc[0]
    assert (c.cameo, c.root, c.plover, c.quad_class, c.goldstein) == ("190", "19", "ASSAULT", 4, -10.0)
    # three mentions: both bodies and the first story's headline ("Russian Forces Strike Ukraine")
    assert (c.articles, c.sources, c.events, c.mentions) == (2, 2, 2, 3)
    assert c.date == pd.Timestamp("2024-03-01") and len(c.cluster_id) == 16
    again = store.clusters(source="Russia", target="Ukraine")
    assert again.cluster_id.tolist() == clusters.cluster_id.tolist()


def test_analysis_cluster_window_links_and_cuts(tmp_path: Path) -> None:
    days = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-06", "2024-01-07",
            "2024-01-10", "2024-01-12"]
    rows = [("state:USA", "state:CHN", d, "190", -10.0) for d in days]
    rows.append(("state:USA", "state:CHN", "2024-01-12", "042", 1.9))
    with Store(synthetic(tmp_path / "w.duckdb", rows)) as s:
        c = s.clusters(type="19")
        # A daily run of seven days is cut into 3-day chunks; 01-10 and 01-12 are 2 days apart.
        assert c.date.dt.day.tolist() == [1, 4, 7, 10, 12]
        assert c.events.tolist() == [3, 3, 1, 1, 1]
        assert c.sources.tolist() == [3, 3, 1, 1, 1]
        assert len(s.clusters(window=3, type="19")) == 2
        assert len(s.clusters(window=0, type="19")) == 9
        assert len(s.clusters()) == 6
        with pytest.raises(QueryError, match="cluster window"):
            s.clusters(window=-1)


# -- time series -------------------------------------------------------------------------------------

def test_analysis_timeline_months_and_counts(store: Store) -> None:
    t = store.timeline("Japan", "China", freq="month")
    assert [p.strftime("%Y-%m") for p in t.period] == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    assert t.events.tolist() == [1, 0, 2, 0, 1]
    assert t.articles.tolist() == [1, 0, 2, 0, 1]
    assert t.goldstein_sum.tolist() == [-2.0, 0.0, 5.0, 0.0, 3.4]
    assert t.goldstein_mean.iloc[2] == 2.5 and pd.isna(t.goldstein_mean.iloc[1])
    assert t.verbal_conflict.tolist() == [1, 0, 1, 0, 0]
    assert t.verbal_cooperation.tolist() == [0, 0, 1, 0, 1]
    directed = store.timeline("China", "Japan", directed=True)
    assert directed.events.sum() == 1
    by = store.timeline("Japan", "China", by="plover")
    assert by[["plover", "events"]].values.tolist() == [["ACCUSE", 1], ["ACCUSE", 1], ["CONSULT", 1],
                                                        ["SUPPORT", 1]]


def test_analysis_timeline_duplicates_do_not_inflate(store: Store) -> None:
    t = store.timeline("Russia", "Ukraine", freq="day", directed=True, type="ASSAULT")
    # one event, two articles; the first article also restates it in its headline (3 mentions)
    assert t.events.tolist() == [1] and t.articles.tolist() == [1 * 2] and t.mentions.tolist() == [3]


def test_analysis_timeline_weeks_and_range(store: Store) -> None:
    t = store.timeline("Japan", "China", freq="week", start="2024-03-01", end="2024-03-31")
    assert t.period.iloc[0] == pd.Timestamp("2024-02-26")  # the Monday of the week holding 1 March
    assert (t.period.dt.day_of_week == 0).all() and len(t) == 5
    assert t.events.sum() == 2


def test_analysis_actor_timeline(store: Store) -> None:
    t = store.actor_timeline("Japan", freq="year")
    assert t.period.dt.year.tolist() == [2020, 2021, 2022, 2023, 2024]
    assert t.events.tolist() == [7, 0, 0, 0, 5]
    source_only = store.actor_timeline("Japan", freq="year", role="target", start="2024-01-01")
    assert source_only.events.tolist() == [1]


def test_analysis_shifts_flag_conflict_turn(tmp_path: Path) -> None:
    rows = []
    for month in range(1, 13):
        rows.append(("state:USA", "state:CHN", f"2023-{month:02d}-10", "042", 1.9))
        rows.append(("state:USA", "state:CHN", f"2023-{month:02d}-20", "051" if month % 2 else "057", 3.4))
        rows.append(("state:FRA", "state:DEU", f"2023-{month:02d}-15", "042", 1.9))
    for month in (1, 2, 3):
        rows += [("state:USA", "state:CHN", f"2024-{month:02d}-{day:02d}", "190", -10.0) for day in (3, 12)]
        rows += [("state:FRA", "state:DEU", f"2024-{month:02d}-15", "042", 1.9)]
    rows += [("state:FRA", "state:DEU", f"2024-03-{day:02d}", "040", 1.0)
             for day in range(1, 30, 2) if day != 15]
    with Store(synthetic(tmp_path / "s.duckdb", rows)) as s:
        flagged = s.shifts(freq="month", recent=3, baseline=12)
        assert flagged[["source", "target", "change"]].values.tolist() == [["state:USA", "state:CHN",
                                                                            "more conflictual"]]
        row = flagged.iloc[0]
        assert row.recent_events == 6 and row.recent_mean == -10.0 and row.z < -2
        assert row.recent_from == pd.Timestamp("2024-01-01")
        assert row.baseline_from == pd.Timestamp("2023-01-01")
        assert row.baseline_periods == 12
        everything = s.shifts(all_dyads=True)
        assert set(zip(everything.source, everything.target, strict=True)) == {("state:USA", "state:CHN"),
                                                                             ("state:FRA", "state:DEU")}
        counts = s.shifts(metric="count")
        fra = counts[counts.source == "state:FRA"]
        assert fra.change.tolist() == ["more events"] and fra.z_count.iloc[0] >= 2
        assert s.shifts(min_events=7).empty
        with pytest.raises(QueryError, match="metric"):
            s.shifts(metric="tone")


# -- commands ----------------------------------------------------------------------------------------

def test_analysis_cli_relations_and_timeline(coded: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["relations", "--db", str(coded), "--actor", "NATO", "--kind", "hostile"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["source_name", "kind", "target_name"]
    assert any("hostile" in line and "China" in line for line in lines[1:])
    result = runner.invoke(main, ["timeline", "Japan", "China", "--db", str(coded), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["period"][5:7] for r in rows] == ["01", "02", "03", "04", "05"]
    assert [r["events"] for r in rows] == ["1", "0", "2", "0", "1"] and rows[1]["goldstein_mean"] == ""
    result = runner.invoke(main, ["timeline", "Japan", "--db", str(coded), "--freq", "year",
                                  "--format", "jsonl"])
    assert [json.loads(x)["events"] for x in result.stdout.splitlines()] == [7, 0, 0, 0, 5]


def test_analysis_cli_events_clusters_shifts(coded: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["events", "--db", str(coded), "--dyad", "Russia", "Ukraine",
                                  "--type", "ASSAULT", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r["date"] for r in records] == ["2024-03-01", "2024-03-01"]
    assert records[0]["source_name"] == "Russia"
    result = runner.invoke(main, ["clusters", "--db", str(coded), "--source", "Russia", "--format", "jsonl"])
    clusters = [json.loads(x) for x in result.stdout.splitlines()]
    assert [(c["cameo"], c["articles"]) for c in clusters] == [("190", 2)]
    result = runner.invoke(main, ["shifts", "--db", str(coded), "--all", "--format", "csv"])
    assert result.exit_code == 0 and result.stdout.startswith("source,source_name,target")


def test_analysis_cli_errors_are_one_line(coded: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for args, message in ((["timeline", "Japan", "Atlantis", "--db", str(coded)], "no actor 'Atlantis'"),
                          (["events", "--db", str(tmp_path / "none.duckdb")], "no such database"),
                          (["events", "--db", str(coded), "--type", "ASSALT"], "did you mean 'ASSAULT'")):
        result = runner.invoke(main, args)
        assert result.exit_code == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output
