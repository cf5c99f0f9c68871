"""Splitting the inputs of an ingest into partitions, and reading one partition on a worker.

A :class:`Partition` is either a run of whole files (read in order, as :func:`read_sources`
reads them) or a byte range of one uncompressed JSON Lines file. Folders are listed here, in
the order and with the filters :func:`read_sources` uses, so the concatenation of the
partitions' items is the item stream of a single-process run. Inputs are local paths (which
every worker must see at the same path) or fsspec URLs (``s3://bucket/news/``,
``gs://…/dump.jsonl``; the protocol's package must be installed on every machine).

A byte range owns the lines that *start* inside it. Its reader numbers them from 1 and the
loader adds the line count of the ranges before it, so positions (``FILE:LINE``) are file lines.
Limits: gzip files and other formats are not split (a 10 GB ``.jsonl.gz`` is one partition);
stdin (``-``) cannot be shared with workers.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from geopol.errors import IngestError
from geopol.ingest.document import Document, Reject, to_article
from geopol.ingest.jsonlines import read_jsonl

# read_sources reads local paths only; these are its per-stream reader and folder filters, shared
# so that URLs and folder listings here behave exactly like a local single-process read.
from geopol.ingest.sources import Item, ReadOptions, _housekeeping, _known, _read_stream, read_sources

PARTITION_BYTES = 4 << 20
MAX_FILES = 256
_SPLITTABLE = (".jsonl", ".ndjson", ".json")


@dataclass(frozen=True, slots=True)
class Partition:
    """Whole ``files`` in order, or the JSON Lines byte range ``block`` = (file, start, end)."""

    index: int
    files: tuple[str, ...] = ()
    block: tuple[str, int, int] | None = None
    version: str = ""  # sizes and modification times: a changed input gets a new shard

    @property
    def key(self) -> str:
        spec = repr((self.files, self.block, self.version)).encode("utf-8")
        return hashlib.sha256(spec).hexdigest()[:16]

    def describe(self) -> str:
        if self.block:
            name, start, end = self.block
            return f"{name} bytes {start}-{end}"
        first = self.files[0] if self.files else "?"
        return first if len(self.files) == 1 else f"{first} and {len(self.files) - 1} more files"


def is_url(name: str) -> bool:
    return "://" in name


def _fs(name: str) -> tuple[Any, str]:
    import fsspec

    fs, path = fsspec.core.url_to_fs(name)
    return fs, path


@dataclass(frozen=True, slots=True)
class _File:
    name: str
    size: int
    version: str


def _local_files(name: str) -> Iterator[_File]:
    path = Path(name)
    if not path.is_dir():
        try:
            stat = path.stat()
            yield _File(str(path), stat.st_size, f"{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            yield _File(str(path), 0, "missing")  # the worker reports it as read_sources would
        return
    try:
        listed = [p for p in sorted(path.rglob("*"))
                  if not any(part.startswith(".") for part in p.relative_to(path).parts)
                  and _known(p.name) and p.is_file() and not _housekeeping(p.name)]
    except OSError:
        yield _File(str(path), 0, "unlistable")  # read_sources on the folder yields its reject
        return
    for p in listed:
        stat = p.stat()
        yield _File(str(p), stat.st_size, f"{stat.st_size}:{stat.st_mtime_ns}")


def _remote_files(name: str) -> Iterator[_File]:
    fs, root = _fs(name)
    protocol = name.split("://", 1)[0]

    def entry(path: str, info: dict[str, Any]) -> _File:
        stamps = ("mtime", "LastModified", "ETag", "md5Hash", "created")
        stamp = next((str(info[k]) for k in stamps if k in info), "")
        url = path if "://" in path else f"{protocol}://{path}"
        return _File(url, int(info.get("size") or 0), f"{info.get('size')}:{stamp}")

    if not fs.isdir(root):
        yield entry(root, fs.info(root) if fs.exists(root) else {})
        return
    root = root.rstrip("/")
    found = fs.find(root, detail=True)
    for path in sorted(found):
        relative = path[len(root):].strip("/").split("/")
        hidden = any(part.startswith(".") for part in relative)
        if hidden or not _known(relative[-1]) or _housekeeping(relative[-1]):
            continue
        yield entry(path, found[path])


def _splittable(file: _File, partition_bytes: int) -> bool:
    lower = file.name.lower()
    if file.size <= partition_bytes or not lower.endswith(_SPLITTABLE):
        return False
    with _open(file.name) as fh:
        head = fh.read(1024)
    # gzip data is read whole; a file that opens a JSON array stops at its first line when read whole
    return not head.startswith(b"\x1f\x8b") and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")


def plan(paths: Iterable[str], partition_bytes: int = PARTITION_BYTES,
         max_files: int = MAX_FILES) -> list[Partition]:
    """The partitions of ``paths``, in input order."""
    partitions: list[Partition] = []
    group: list[_File] = []

    def close_group() -> None:
        if group:
            partitions.append(Partition(len(partitions), tuple(f.name for f in group),
                                        version="|".join(f.version for f in group)))
            group.clear()

    for name in paths:
        if name == "-":
            raise IngestError("-", "stdin cannot be shared with cluster workers",
                              "write it to a file or URL the workers can read")
        for file in (_remote_files(name) if is_url(name) else _local_files(name)):
            if _splittable(file, partition_bytes):
                close_group()
                for start in range(0, file.size, partition_bytes):
                    block = (file.name, start, min(start + partition_bytes, file.size))
                    partitions.append(Partition(len(partitions), block=block, version=file.version))
                continue
            group.append(file)
            if sum(f.size for f in group) >= partition_bytes or len(group) >= max_files:
                close_group()
    close_group()
    return partitions


def _open(name: str) -> IO[bytes]:
    if is_url(name):
        fs, path = _fs(name)
        return fs.open(path, "rb")  # type: ignore[no-any-return]
    return open(name, "rb")  # noqa: SIM115 - closed by the caller


def _items(units: Iterable[Document | Reject], options: ReadOptions) -> Iterator[Item]:
    for unit in units:
        if isinstance(unit, Reject):
            yield Item(None, unit, unit.position)
            continue
        built = to_article(unit, options.languages, options.published)
        if isinstance(built, Reject):
            yield Item(None, built, unit.position)
        else:
            yield Item(built, None, unit.position)


def _read_url(url: str, options: ReadOptions) -> Iterator[Item]:
    try:
        fs, path = _fs(url)
        size = fs.size(path)
        with fs.open(path, "rb") as raw:
            yield from _items(_read_stream(raw, url, os.path.basename(path), options, size), options)
    except FileNotFoundError:
        yield _unreadable(url, "no such file (it does not exist, or disappeared before it was read); "
                          "check the URL")
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield _unreadable(url, f"the gzip data is truncated or corrupt ({exc})")
    except OSError as exc:
        yield _unreadable(url, f"cannot read the file ({exc})")


def _unreadable(url: str, reason: str) -> Item:
    return Item(None, Reject(url, url, reason, "unreadable"), url)


def _block(name: str, start: int, end: int) -> bytes:
    """The lines that start in [start, end) of the file ``name``."""
    with _open(name) as fh:
        if start > 0:
            fh.seek(start - 1)
            if fh.read(1) != b"\n":
                fh.readline()  # the line in progress belongs to the range before
        data = io.BytesIO()
        while fh.tell() < end:
            line = fh.readline()
            if not line:
                break
            data.write(line)
    return data.getvalue()


Numbered = Iterator[tuple[Item, int | None]]


def read_partition(partition: Partition, options: ReadOptions) -> tuple[Numbered, int]:
    """The items of ``partition`` in order, each with its line inside a byte range (else ``None``),
    and the number of lines in the range (0 for whole files)."""
    if partition.block is None:
        return _whole_files(partition.files, options), 0
    name, start, end = partition.block
    data = _block(name, start, end)
    lines = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    # a leading blank line keeps the reader's first-line check (a JSON array) to the file's first range
    shift = 1 if start > 0 else 0
    stream = io.BytesIO(b"\n" * shift + data)
    units = read_jsonl(stream, name, text=options.jsonl_text, title=options.jsonl_title,
                       date=options.jsonl_date, url=options.jsonl_url, max_bytes=options.max_bytes)
    return ((item, int(item.position.rsplit(":", 1)[1]) - shift) for item in _items(units, options)), lines


def _whole_files(files: tuple[str, ...], options: ReadOptions) -> Numbered:
    for name in files:
        items = _read_url(name, options) if is_url(name) else read_sources([name], options)
        for item in items:
            yield item, None
