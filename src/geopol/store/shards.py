"""Coded articles in row form, and the Parquet shards that carry them from workers to the loader.

:func:`code_articles` turns articles into :class:`Coded` records: the rows each table gets (story
left open, since only the loader knows it), the MinHash signature, or why coding failed. Worker
processes return them; cluster workers write them, with every input unit of their partition
in order (:class:`ShardItem`), as a *shard*: a folder holding one Parquet file per table and an
``items`` file, all named with a random token, and ``done.json`` naming that token. ``done.json``
is written last, under a temporary name then renamed, so a shard is complete or absent: a task
killed half-way leaves only unreferenced files, and its retry writes a fresh set. Folders may be
local paths or fsspec URLs (``s3://bucket/shards``) that the loader and the workers can both reach.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from geopol.model import Article
from geopol.pipeline import Analyzer, Failure
from geopol.store.db import ROW_TABLES, Rows, arrow_table, article_rows
from geopol.store.stories import signature

DONE = "done.json"
ITEMS = pa.schema([
    ("article_id", pa.string()), ("source", pa.string()), ("position", pa.string()), ("line", pa.int64()),
    ("reject_kind", pa.string()), ("reject_reason", pa.string()), ("coded", pa.bool_()),
    ("failure", pa.string()), ("signature", pa.binary()),
])


@dataclass(frozen=True, slots=True)
class Coded:
    """One article as the store will hold it (rows and signature), or the reason coding failed."""

    article_id: str
    rows: Rows
    signature: bytes = b""
    failure: str | None = None

    @property
    def events(self) -> int:
        return len(self.rows.get("events", ()))


def code_articles(analyzer: Analyzer, articles: Sequence[Article]) -> list[Coded]:
    """Code ``articles`` with one ``nlp.pipe`` stream; one :class:`Coded` per article, in order."""
    out = []
    for article, result in zip(articles, analyzer.analyze_many(articles), strict=True):
        if isinstance(result, Failure):
            out.append(Coded(article.id, {}, failure=result.reason))
        else:
            out.append(Coded(article.id, article_rows(result, analyzer.coder), signature(article.text)))
    return out


@dataclass(frozen=True, slots=True)
class ShardItem:
    """One input unit of a partition: an article occurrence (``article_id`` set) or a reject
    (``reject`` = kind, reason). ``line`` is the line number inside a JSON Lines byte range,
    which the loader turns into a file line; ``coded`` is set on an article's first occurrence."""

    source: str
    position: str
    article_id: str | None = None
    reject: tuple[str, str] | None = None
    line: int | None = None
    coded: Coded | None = None


@dataclass(frozen=True, slots=True)
class Shard:
    items: list[ShardItem]
    lines: int


def _filesystem(folder: str) -> tuple[Any, str]:
    import fsspec

    fs, path = fsspec.core.url_to_fs(folder)
    return fs, path.rstrip("/")


def _write_table(fs: Any, path: str, table: pa.Table) -> None:
    with fs.open(path, "wb") as out:
        pq.write_table(table, out, compression="zstd")


def shard_done(folder: str) -> bool:
    fs, path = _filesystem(folder)
    return bool(fs.exists(f"{path}/{DONE}"))


def write_shard(folder: str, items: Sequence[ShardItem], lines: int = 0) -> None:
    """Write ``items`` (with the rows of their coded articles) as the shard ``folder``, atomically."""
    fs, path = _filesystem(folder)
    fs.makedirs(path, exist_ok=True)
    token = uuid.uuid4().hex
    coded = [i.coded for i in items if i.coded is not None]
    for table in ROW_TABLES:
        rows = [row for c in coded for row in c.rows.get(table, ())]
        _write_table(fs, f"{path}/{table}-{token}.parquet", arrow_table(table, rows))
    columns: dict[str, list[Any]] = {name: [] for name in ITEMS.names}
    for i in items:
        c = i.coded
        values = (i.article_id, i.source, i.position, i.line, i.reject[0] if i.reject else None,
                  i.reject[1] if i.reject else None, c is not None, c.failure if c else None,
                  c.signature if c else None)
        for name, value in zip(ITEMS.names, values, strict=True):
            columns[name].append(value)
    _write_table(fs, f"{path}/items-{token}.parquet", pa.Table.from_pydict(columns, schema=ITEMS))
    temporary = f"{path}/{DONE}.{token}.tmp"
    with fs.open(temporary, "w") as out:
        out.write(json.dumps({"token": token, "items": len(items), "lines": lines}))
    fs.mv(temporary, f"{path}/{DONE}")


def _rows_by_article(table: str, data: pa.Table) -> dict[str, list[tuple[Any, ...]]]:
    key = "id" if table == "articles" else "article_id"
    out: dict[str, list[tuple[Any, ...]]] = {}
    names = data.column_names
    for record in data.to_pylist():
        out.setdefault(record[key], []).append(tuple(record[n] for n in names))
    return out


def read_shard(folder: str) -> Shard:
    """The items of the complete shard ``folder``, in input order, with their coded rows."""
    fs, path = _filesystem(folder)
    with fs.open(f"{path}/{DONE}", "r") as fh:
        done = json.load(fh)
    token = done["token"]

    def read(name: str) -> pa.Table:
        with fs.open(f"{path}/{name}-{token}.parquet", "rb") as fh:
            return pq.read_table(fh)

    tables = {table: _rows_by_article(table, read(table)) for table in ROW_TABLES}
    items = []
    for r in read("items").to_pylist():
        coded = None
        if r["coded"]:
            aid = r["article_id"]
            rows = {} if r["failure"] else {t: tables[t].get(aid, []) for t in ROW_TABLES}
            coded = Coded(aid, rows, r["signature"] or b"", r["failure"])
        reject = (r["reject_kind"], r["reject_reason"]) if r["reject_kind"] else None
        items.append(ShardItem(r["source"], r["position"], r["article_id"], reject, r["line"], coded))
    return Shard(items, int(done["lines"]))


def remove(folders: Iterable[str]) -> None:
    """Delete shard folders (after a successful load)."""
    for folder in folders:
        fs, path = _filesystem(folder)
        if fs.exists(path):
            fs.rm(path, recursive=True)
