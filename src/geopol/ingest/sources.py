"""Reading a corpus: files, folders, gzip and stdin, in any supported format, as a stream of items.

:func:`read_sources` yields one :class:`Item` per article or per rejected unit, never holding a
whole corpus in memory. The format comes from the name: ``.txt .text .md`` plain text,
``.html .htm`` HTML, ``.rss .atom`` feeds, ``.xml`` a feed unless it is an HTML page,
``.jsonl .ndjson .json`` JSON Lines, ``.warc .warc.gz`` web archives. Gzip data (known by
its magic bytes, on stdin too) is decompressed and the name without ``.gz`` decides; gzipped
WARCs go to warcio whole, so offsets are file offsets. Names without a known suffix, and
stdin (``-``), are sniffed (WARC header, ``{``, ``<rss``/``<feed``, ``<html``, else plain
text). Folders are walked recursively in sorted order, skipping hidden files and folders and
files whose suffix is none of the above; files are listed up front, so one that vanishes
before it is read becomes an ``unreadable`` reject.

Every article's text has the layout :func:`geopol.ingest.text.parse_plaintext` reads (title,
blank line, deck, blank line, body paragraphs), so offsets index ``Article.text``. A leading
dateline is removed from the body (:mod:`geopol.ingest.datelines`; the place is not kept yet).
Articles confidently in a language outside ``ReadOptions.languages`` are rejected.

Limits: single-document formats (text, HTML, feeds) larger than ``max_bytes`` are rejected
unread; JSON Lines and WARC are streamed, and the limit applies per line or record. The
outlet (site or feed name) has no Article field and is dropped.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO, TextIO, cast

from geopol.errors import IngestError
from geopol.ingest.document import REJECT_KINDS, Document, Reject, plain_document, to_article
from geopol.ingest.encoding import decode_text
from geopol.ingest.feeds import read_feed
from geopol.ingest.html import read_html
from geopol.ingest.jsonlines import read_jsonl
from geopol.ingest.warc import read_warc
from geopol.model import Article

__all__ = ["REJECT_KINDS", "Item", "ReadOptions", "Reject", "read_sources"]

FORMATS = {
    ".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html", ".xml": "feed",
    ".rss": "feed", ".atom": "feed", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".warc": "warc",
}
STDIN = "<stdin>"
_GZIP_MAGIC = b"\x1f\x8b"
_SNIFF = 1024


@dataclass(frozen=True)
class ReadOptions:
    """How to read a corpus; ``published`` is the date for documents that give none."""

    published: dt.date | None = None
    jsonl_text: str = "text"
    jsonl_title: str = "title"
    jsonl_date: str = "date"
    jsonl_url: str = "url"
    max_bytes: int = 20_000_000
    languages: tuple[str, ...] = ("en",)


@dataclass(frozen=True)
class Item:
    """One unit read from the input: an article or a reject (exactly one is set)."""

    article: Article | None
    reject: Reject | None
    position: str

    def __post_init__(self) -> None:
        if (self.article is None) == (self.reject is None):
            raise ValueError("an Item holds exactly one of article and reject")


def read_sources(
    paths: Iterable[str], options: ReadOptions, stdin: TextIO | BinaryIO | None = None
) -> Iterator[Item]:
    """Items from files, folders (recursively) and ``-`` (stdin), in order, one at a time."""
    for name in paths:
        if name == "-":
            units = _read_stdin(stdin if stdin is not None else sys.stdin, options)
        elif Path(name).is_dir():
            units = _read_folder(Path(name), options)
        else:
            units = _read_file(Path(name), options)
        for unit in units:
            if isinstance(unit, Reject):
                yield Item(None, unit, unit.position)
            else:
                yield _finish(unit, options)


def _read_folder(root: Path, options: ReadOptions) -> Iterator[Document | Reject]:
    """Files under ``root`` in sorted order, listed up front: one that vanishes later is a Reject."""
    try:
        listed = [
            path for path in sorted(root.rglob("*"))
            if not any(part.startswith(".") for part in path.relative_to(root).parts)
            and _known(path.name) and path.is_file() and not _housekeeping(path.name)
        ]
    except OSError as exc:
        yield Reject(str(root), str(root), f"cannot list the folder ({exc.strerror or exc})", "unreadable")
        return
    for path in listed:
        yield from _read_file(path, options)


def _housekeeping(name: str) -> bool:
    """README, LICENSE and CHANGELOG files in a corpus folder describe it; they are not articles."""
    return name.split(".")[0].upper() in {"README", "LICENSE", "LICENCE", "CHANGELOG", "SOURCES"}


def _known(name: str) -> bool:
    lower = name.lower().removesuffix(".gz")
    suffix = os.path.splitext(lower)[1]
    return suffix in FORMATS or suffix == ""


def _format(name: str, head: bytes) -> str:
    """The format by suffix, or by content when the suffix is unknown; ``.xml`` may be HTML."""
    suffix = os.path.splitext(name.lower())[1]
    sniffed = _sniff(head)
    if suffix == ".xml":
        return "html" if sniffed == "html" else "feed"
    return FORMATS.get(suffix, sniffed)


def _sniff(head: bytes) -> str:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:_SNIFF].lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start:
        return "html"
    return "text"


def _peekable(stream: IO[bytes]) -> IO[bytes]:
    """The stream, buffered if need be so that its head can be sniffed without consuming it."""
    if hasattr(stream, "peek"):
        return stream
    return cast(IO[bytes], io.BufferedReader(cast(io.RawIOBase, stream)))


def _read_file(path: Path, options: ReadOptions) -> Iterator[Document | Reject]:
    source = str(path)
    try:
        with path.open("rb") as raw:
            yield from _read_stream(raw, source, path.name, options, os.fstat(raw.fileno()).st_size)
    except FileNotFoundError:
        yield Reject(source, source, "no such file (it does not exist, or disappeared before it was read); "
                     "check the path", "unreadable")
    except IsADirectoryError:
        yield Reject(source, source, "a directory, not a file (changed during the run?)", "unreadable")
    except PermissionError:
        yield Reject(source, source, "permission denied; make the file readable", "unreadable")
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield Reject(source, source, f"the gzip data is truncated or corrupt ({exc})", "unreadable")
    except OSError as exc:
        yield Reject(source, source, f"cannot read the file ({exc.strerror or exc})", "unreadable")


def _read_stdin(stdin: TextIO | BinaryIO, options: ReadOptions) -> Iterator[Document | Reject]:
    binary = getattr(stdin, "buffer", stdin)
    if isinstance(binary, io.TextIOBase):  # a text stream without bytes underneath (StringIO)
        binary = io.BytesIO(binary.read().encode("utf-8"))
    try:
        yield from _read_stream(cast(IO[bytes], binary), STDIN, "", options, None)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield Reject(STDIN, STDIN, f"the gzip data is truncated or corrupt ({exc})", "unreadable")
    except OSError as exc:
        yield Reject(STDIN, STDIN, f"cannot read stdin ({exc})", "unreadable")


def _read_stream(
    raw: IO[bytes], source: str, name: str, options: ReadOptions, size: int | None
) -> Iterator[Document | Reject]:
    """Documents from one byte stream, gzipped or not; ``size`` (if known) lets too-large files go unread."""
    stream = _peekable(raw)
    if not stream.peek(2).startswith(_GZIP_MAGIC):  # type: ignore[attr-defined]
        yield from _read_uncompressed(stream, source, name, options, size)
        return
    inner = name[:-3] if name.lower().endswith(".gz") else name
    inner_head = zlib.decompressobj(31).decompress(stream.peek(1 << 16))[:_SNIFF]  # type: ignore[attr-defined]
    if _format(inner, inner_head) == "warc":
        # warcio reads gzip members itself (GzipFile would hide a cut), and offsets stay file offsets
        yield from read_warc(stream, source, options.max_bytes)
        return
    with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
        yield from _read_uncompressed(cast(IO[bytes], unzipped), source, inner, options, None)


def _read_uncompressed(
    raw: IO[bytes], source: str, name: str, options: ReadOptions, size: int | None
) -> Iterator[Document | Reject]:
    stream = _peekable(raw)
    head = stream.peek(_SNIFF)[:_SNIFF]  # type: ignore[attr-defined]
    if not head:
        yield Reject(source, source, "the file is empty", "empty")
        return
    kind = _format(name, head)
    if kind == "warc":
        yield from read_warc(stream, source, options.max_bytes)
        return
    if kind == "jsonl":
        yield from read_jsonl(stream, source, text=options.jsonl_text, title=options.jsonl_title,
                              date=options.jsonl_date, url=options.jsonl_url, max_bytes=options.max_bytes)
        return
    too_large = Reject(source, source, f"larger than {options.max_bytes:,} bytes; split it or raise "
                       "ReadOptions.max_bytes", "too-large")
    if size is not None and size > options.max_bytes:
        yield too_large
        return
    data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield too_large
    elif kind == "html":
        yield read_html(data, source, source)
    elif kind == "feed":
        yield from read_feed(data, source)
    else:
        try:
            yield plain_document(source, decode_text(data, source))
        except IngestError as exc:
            yield Reject(source, source, f"{exc.problem}; {exc.fix}", "encoding")


def _finish(doc: Document, options: ReadOptions) -> Item:
    """An Item with the article built from ``doc``, or the reason it is rejected."""
    built = to_article(doc, options.languages, options.published)
    if isinstance(built, Reject):
        return Item(None, built, doc.position)
    return Item(built, None, doc.position)
