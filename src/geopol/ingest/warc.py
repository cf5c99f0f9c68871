"""WARC and WARC.gz web archives with warcio: one article per HTML response record.

``response`` records whose HTTP Content-Type is HTML (``text/html``, XHTML), and ``resource``
records with an HTML Content-Type, go to :func:`geopol.ingest.html.read_html` with the
record's ``WARC-Target-URI`` as the URL and the capture date (``WARC-Date``) as the fallback
publication date. Every other record (requests, metadata, images, PDFs, scripts, revisits) is
skipped silently: a crawl is mostly such records, and they are not errors. An HTML record with
no article text is a ``not-article`` reject. Positions are ``FILE@offset=N``, the record's
byte offset in the file as stored (compressed offsets for .warc.gz, as in CDX indexes).

Truncated or corrupt archives: warcio stops quietly at a cut, so the reader checks that each
record's payload is complete and that the records account for every byte of the file. The
first failure gives one ``unreadable`` reject at the offset where reading failed; the records
read before it are kept. Limits: HTML payloads larger than ``max_bytes`` are rejected
(``too-large``); digests are not verified; revisit records are not resolved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from geopol.ingest.document import Document, Reject
from geopol.ingest.html import read_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SEPARATOR = 4  # the CRLF CRLF after an uncompressed record, not counted in its length
_CHUNK = 1 << 16


class _Counting:
    """A read-only stream that counts the bytes read through it."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.count = 0
        self.gzipped = False

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        if not self.count:
            self.gzipped = data.startswith(b"\x1f\x8b")
        self.count += len(data)
        return data


def _html_type(record: Any) -> tuple[bool, str | None]:
    if record.rec_type == "response" and record.http_headers is not None:
        content_type = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return False, None
    mime, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip("\"' ")
    return mime.strip().lower() in _HTML_TYPES, charset


def _capture_date(record: Any) -> dt.date | None:
    value = record.rec_headers.get_header("WARC-Date") or ""
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _drain(record: Any) -> bool:
    """Read the rest of the record; ``True`` if it held all the bytes its header promised."""
    raw = record.raw_stream
    while raw.read(_CHUNK):
        pass
    return getattr(raw, "limit", 0) <= 0


def _truncated(source: str, offset: int, what: str) -> Reject:
    return Reject(source, f"{source}@offset={offset}", f"the archive is truncated or corrupt: {what}; "
                  "the records before this offset were read", "unreadable")


@dataclass(frozen=True, slots=True)
class _HtmlRecord:
    offset: int
    payload: bytes
    charset: str | None
    url: str | None
    captured: dt.date | None


def _html_records(stream: IO[bytes], source: str, max_bytes: int) -> Iterator[_HtmlRecord | Reject]:
    counting = _Counting(stream)
    end = offset = 0
    try:
        records = ArchiveIterator(counting)
        for record in records:
            offset = records.offset
            declared = record.rec_headers.get_header("Content-Length") or ""
            if record.rec_type is None or not declared.strip().isdigit():
                yield _truncated(source, offset, "a record header is incomplete")
                return
            is_html, charset = _html_type(record)
            payload = record.content_stream().read(max_bytes + 1) if is_html else b""
            if not _drain(record):
                yield _truncated(source, offset, "the record ends before its declared length")
                return
            if len(payload) > max_bytes:
                yield Reject(source, f"{source}@offset={offset}", f"the HTML payload is larger than "
                             f"{max_bytes:,} bytes; raise ReadOptions.max_bytes to read it", "too-large")
            elif is_html:
                url = record.rec_headers.get_header("WARC-Target-URI")
                yield _HtmlRecord(offset, payload, charset, url, _capture_date(record))
            records.read_to_end(record)
            end = records.get_record_offset() + records.get_record_length()
            end += 0 if counting.gzipped else _SEPARATOR
    except Exception as exc:  # on bad bytes warcio raises anything from EOFError to AttributeError
        yield _truncated(source, max(offset, end), f"{type(exc).__name__}: {exc}")
        return
    if counting.count > end:
        yield _truncated(source, end, f"{counting.count - end} bytes after the last complete record "
                         "are not a whole record")


def read_warc(stream: IO[bytes], source: str, max_bytes: int = 20_000_000) -> Iterator[Document | Reject]:
    """Documents from the HTML records of a (gzipped) WARC byte stream."""
    for item in _html_records(stream, source, max_bytes):
        if isinstance(item, Reject):
            yield item
        else:
            yield read_html(item.payload, source, f"{source}@offset={item.offset}", url=item.url,
                            published=item.captured, charset=item.charset)
