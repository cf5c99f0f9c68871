"""The store: ingest into a real DuckDB file; re-runs, resume after SIGKILL, duplicates, rejects,
locks and schema versions."""

from __future__ import annotations

import gzip
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from geopol.errors import StoreError
from geopol.store.db import connect
from geopol.store.ingest import ingest
from geopol.store.schema import TABLES
from tests.conftest import REFERENCE, SHARED

pytestmark = pytest.mark.model
CORPUS = SHARED / "samples" / "corpus"

STORY = (
    "Japan and India Hold Talks\n\n"
    "Japan and India held talks in Tokyo on Monday. Japanese officials said the two countries would deepen "
    "defence cooperation and expand joint naval exercises in the coming year. India's foreign ministry welcomed "
    "the meeting and said both sides had agreed to meet again before the end of the year in New Delhi.\n\n"
    "The talks covered maritime security, supply chains for critical minerals, and the situation on the Korean "
    "peninsula. Officials from both governments described the discussions as frank and productive, and said "
    "working groups would prepare proposals on satellite data sharing and on coordinated disaster relief in "
    "the Indian Ocean. A joint statement released after the meeting said the two democracies shared a commitment "
    "to a free and open region and to the peaceful settlement of disputes.\n")
REPRINT = STORY.replace("held talks in Tokyo on Monday", "held talks in the Japanese capital Tokyo on Monday")


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    out = {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    con.close()
    return out


def write_warc(path: Path) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        html = (b"<html><head><title>Kenya and Ethiopia Sign Border Accord</title></head><body><article>"
                b"<h1>Kenya and Ethiopia Sign Border Accord</h1><p>Kenya and Ethiopia signed a border accord in "
                b"Nairobi on Tuesday, officials from both governments said after the ceremony.</p><p>The two "
                b"countries agreed to hold talks on water sharing next month, Kenyan officials added.</p>"
                b"</article></body></html>")
        for uri, body, ctype in (("https://example.org/a", html, "text/html"),
                                 ("https://example.org/i.png", b"\x89PNG....", "image/png")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def test_store_ingest_rerun_changes_nothing(analyzer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "g.duckdb"
    first = ingest([str(REFERENCE)], db, analyzer)
    assert first.coded == 1 and first.events > 5
    before = snapshot(db)
    again = ingest([str(REFERENCE)], db, analyzer)
    assert again.coded == 0 and again.skipped == 1
    assert snapshot(db) == before
    con = connect(db, read_only=True)
    rows = con.execute("SELECT count(*) FROM dyads WHERE source = 'state:CHN' AND target = 'igo:NATO'").fetchone()
    assert rows is not None and rows[0] >= 1
    con.close()


def test_store_formats_duplicates_and_rejects(analyzer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(STORY)
    (tmp_path / "in" / "copy.txt").write_text(STORY)
    (tmp_path / "in" / "reprint.txt").write_text(REPRINT)
    with gzip.open(tmp_path / "in" / "story.txt.gz", "wt") as fh:
        fh.write(STORY)
    (tmp_path / "in" / "broken.jsonl").write_text('{"text": "Russia attacked Ukraine on Friday."}\n{not json\n')
    (tmp_path / "in" / "empty.txt").write_text("")
    write_warc(tmp_path / "in" / "crawl.warc.gz")
    db = tmp_path / "g.duckdb"
    stats = ingest([str(tmp_path / "in")], db, analyzer)
    assert stats.duplicates + stats.skipped == 2 and stats.near_duplicates == 1
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 6
    stories = con.execute("SELECT count(DISTINCT story) FROM articles").fetchone()[0]
    assert stories == 3
    kinds = dict(con.execute("SELECT kind, count(*) FROM rejects GROUP BY kind").fetchall())
    assert kinds == {"malformed": 1, "empty": 1}
    positions = {r[0] for r in con.execute("SELECT position FROM rejects").fetchall()}
    assert any(p.endswith(":2") for p in positions)
    warc = con.execute("SELECT title, url FROM articles WHERE url LIKE 'https://example.org/%'").fetchall()
    assert warc == [("Kenya and Ethiopia Sign Border Accord", "https://example.org/a")]
    con.close()


def test_store_changed_coder_recodes_and_replaces(analyzer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "g.duckdb"
    ingest([str(REFERENCE)], db, analyzer)
    events = snapshot(db)["events"]
    con = duckdb.connect(str(db))
    con.execute("UPDATE articles SET coder = 'geopol-rules/v0'")
    con.close()
    stats = ingest([str(REFERENCE)], db, analyzer)
    assert stats.coded == 1
    after = snapshot(db)
    assert after["events"] == events
    assert {r[8] for r in after["articles"]} == {analyzer.coder}


def test_store_refuses_newer_schema_and_locked_file(tmp_path: Path) -> None:
    db = tmp_path / "g.duckdb"
    connect(db).close()
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="newer than this geopol"):
        connect(db)
    other = tmp_path / "locked.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, time, sys; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(30)", str(other)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"ready"
        with pytest.raises(StoreError, match="locked by another process"):
            connect(other)
    finally:
        holder.kill()
        holder.wait()


def test_store_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "x.duckdb"
    bad.write_text("hello")
    with pytest.raises(StoreError):
        connect(bad)
    with pytest.raises(StoreError, match="no such database"):
        connect(tmp_path / "missing.duckdb", read_only=True)


def test_store_sigkill_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    geopol = [sys.executable, "-m", "geopol.cli"]
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    args = ["ingest", str(CORPUS), "--batch-size", "2", "--quiet", "--date", "2020-01-01"]
    subprocess.run([*geopol, *args, "--db", str(clean)], check=True, timeout=600)
    proc = subprocess.Popen([*geopol, *args, "--db", str(killed)])
    time.sleep(6)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    subprocess.run([*geopol, *args, "--db", str(killed)], check=True, timeout=600)
    assert snapshot(killed) == snapshot(clean)
