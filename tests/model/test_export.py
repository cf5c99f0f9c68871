"""Exports read back with real readers: PLOVER JSON Lines (json), the GDELT table (csv), Parquet
(pyarrow), CSV (csv), GraphML and GEXF (networkx); and the export command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import networkx as nx
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from geopol.analysis import QueryError
from geopol.analysis.query import Store
from geopol.cli import main
from geopol.export import export
from geopol.export.gdelt import GDELT_COLUMNS
from geopol.store.schema import TABLES

pytestmark = pytest.mark.model


def test_export_plover_manual_fields(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = export(store, "plover", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert result.records == len(records) > 10 and result.paths == (out,)
    for r in records:
        assert {"id", "date", "source", "event", "event_text", "text", "coder", "modality"} <= r.keys()
        assert isinstance(r["event"], list) and len(r["event"]) == 1 and r["modality"] != "negated"
        assert "claimed_by" not in r
    assert [r["date"] for r in records] == sorted(r["date"] for r in records)
    accuse = [r for r in records if r["cameo"] == "111" and r["source"][0]["identifier_id"] == "igo:NATO"
              and r.get("recipient", [{}])[0].get("code") == "CHN"]
    assert len(accuse) == 1
    r = accuse[0]
    assert r["event"] == ["ACCUSE"] and r["quad_code"] == 3 and r["event_scale"] == -2.0
    assert r["source"] == [{"code": "IGO", "actor_text": "NATO", "identifier_id": "igo:NATO",
                            "identifier_text": "North Atlantic Treaty Organization"}]
    assert r["recipient"][0]["identifier_id"] == "state:CHN" and r["date"] == "2020-12-01"
    assert r["event_text"] == ["identifies"] and "identifies China" in r["text"]
    assert r["text_info"]["end"] > r["text_info"]["start"]
    assert r["cite_info"]["title"].startswith("Beijing Offers Dialogue")
    attack = [x for x in records if x["event"] == ["ASSAULT"]]
    assert {x["cite_info"]["url"] for x in attack} == {"https://www.outlet-a.example/world/1",
                                                      "https://outlet-b.example/news/77"}
    assert all("mode" not in x for x in attack) and attack[0]["context"] == ["military"]  # nulls left out


def test_export_plover_gsr_style_and_filters(store: Store) -> None:
    buf = io.StringIO()
    n = export(store, "plover", buf, plover_style="gsr", type="ASSAULT", claims=True, modality="all").records
    records = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert n == len(records) == 4
    assert all(isinstance(r["event"], str) and "eventText" in r for r in records)
    claimed = [r for r in records if r.get("claimed_by")]
    assert claimed[0]["target"][0]["identifier_id"] == "state:ARM"
    assert claimed[0]["claimed_by"] == "agent:ARMGOV"
    assert {r["modality"] for r in records} == {"asserted", "negated"}
    buf = io.StringIO()
    export(store, "plover", buf, actor="NATO", start="2020-01-01", end="2020-12-31")
    nato = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert nato and all(r["date"] == "2020-12-01" for r in nato)
    with pytest.raises(QueryError, match="PLOVER export filters"):
        export(store, "plover", io.StringIO(), source="NATO")


def test_export_gdelt_columns_and_counts(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    n = export(store, "gdelt", out).records
    with out.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        assert tuple(reader.fieldnames or ()) == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61
        rows = list(reader)
    assert len(rows) == n == len(store.clusters())
    attack = [r for r in rows if r["EventRootCode"] == "19"]
    assert len(attack) == 1
    a = attack[0]
    assert (a["Actor1Code"], a["Actor1Name"], a["Actor1CountryCode"]) == ("RUS", "RUSSIA", "RUS")
    assert (a["Actor2Code"], a["Actor2CountryCode"]) == ("UKR", "UKR")
    assert (a["Day"], a["MonthYear"], a["Year"]) == ("20240301", "202403", "2024")
    assert a["FractionDate"] == "2024.1671"  # day 61 of 365
    assert (a["EventCode"], a["EventBaseCode"], a["QuadClass"]) == ("190", "190", "4")
    assert a["GoldsteinScale"] == "-10"
    # the first story mentions the attack twice: in its headline and its body
    assert (a["NumMentions"], a["NumSources"], a["NumArticles"]) == ("3", "2", "2")
    assert a["SOURCEURL"] == "https://www.outlet-a.example/world/1"
    assert a["AvgTone"] == a["IsRootEvent"] == a["ActionGeo_Lat"] == a["DATEADDED"] == ""
    assert a["GlobalEventID"].isdigit()
    nato = [r for r in rows if r["Actor1Code"] == "IGOWSTNAT" and r["Actor2Code"] == "CHN"
            and r["EventRootCode"] == "11"]
    assert len(nato) == 1 and nato[0]["Actor1KnownGroupCode"] == "NAT" and nato[0]["Actor1Type1Code"] == "IGO"
    assert nato[0]["NumArticles"] == "1" and int(nato[0]["NumMentions"]) >= 3
    assert nato[0]["SOURCEURL"].endswith("nato-china-dialogue.txt")


def test_export_parquet_every_table(store: Store, coded: Path, tmp_path: Path) -> None:
    result = export(store, "parquet", tmp_path / "pq")
    assert {p.stem for p in result.paths} == {"meta", *TABLES}
    con = duckdb.connect(str(coded), read_only=True)
    try:
        for table in TABLES:
            read = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
            cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            assert read.column_names == cols, table
            assert read.num_rows == con.execute(f"SELECT count(*) FROM {table}").fetchone()[0], table
    finally:
        con.close()
    events = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    assert any(e["cameo"] == "190" and e["plover"] == "ASSAULT" for e in events)
    meta = pq.read_table(tmp_path / "pq" / "meta.parquet").to_pylist()
    assert {"key": "schema_version", "value": "1"} in meta


def test_export_csv_every_table(store: Store, tmp_path: Path) -> None:
    export(store, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "dyads.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["event_id", "article_id", "story", "source", "target", "date", "cameo", "root",
                             "plover", "quad_class", "goldstein", "modality", "claimed"]
    assert any((r["source"], r["target"], r["cameo"]) == ("state:RUS", "state:UKR", "190") for r in rows)
    with (tmp_path / "csv" / "articles.csv").open(encoding="utf-8", newline="") as fh:
        titles = {r["title"] for r in csv.DictReader(fh)}
    assert "Japan Praises China" in titles
    with pytest.raises(QueryError, match="copies whole tables"):
        export(store, "csv", tmp_path / "x", actor="China")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_graph_opens_with_relation_kinds(store: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"relations.{fmt}"
    result = export(store, fmt, out)
    graph = nx.read_graphml(out, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(out)
    assert graph.is_directed() and graph.is_multigraph()
    assert graph.number_of_edges() == result.records == len(store.relations())
    assert graph.nodes["state:CHN"]["name"] == "China" and graph.nodes["state:CHN"]["country"] == "CHN"
    assert graph.nodes["igo:NATO"]["kind"] == "igo"
    edges = graph.get_edge_data("igo:NATO", "state:CHN")
    kinds = {d["kind"]: d for d in edges.values()}
    assert set(kinds) == {"hostile"}
    hostile = kinds["hostile"]
    assert (float(hostile["weight"]), int(hostile["events"]), hostile["first"]) == (1.0, 3, "2020-12-01")
    assert str(hostile["directed"]).lower() == "true"
    member = graph.get_edge_data("state:USA", "igo:NATO")
    assert [d["kind"] for d in member.values()] == ["member"]
    assert all(n.startswith(("state:", "igo:")) for n in graph.nodes)


def test_export_cli(coded: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "events.tsv"
    result = runner.invoke(main, ["export", "--db", str(coded), "--format", "gdelt", "--out", str(out),
                                  "--start", "2024-01-01"])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stderr and str(out) in result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8"), delimiter="\t"))
    assert rows and all(r["Year"] == "2024" for r in rows)
    result = runner.invoke(main, ["export", "--db", str(coded), "--format", "plover", "--type", "ASSAULT"])
    assert result.exit_code == 0
    assert [json.loads(x)["event"] for x in result.stdout.splitlines()] == [["ASSAULT"], ["ASSAULT"]]
    result = runner.invoke(main, ["export", "--db", str(coded), "--format", "gexf"])
    assert result.exit_code == 1 and "needs a file name" in result.stderr
