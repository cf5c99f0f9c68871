"""JSON Lines: one JSON object per line, with configurable field names.

The text, title, date and url fields are named by the caller (``ReadOptions.jsonl_*``); an
``authors`` (list or string) or ``author`` field is used when present. Dates may be ISO 8601
(``2021-03-04`` or a timestamp, of which the date is kept), RFC 2822 (``Thu, 04 Mar 2021 ...``)
or Unix seconds. Positions are ``FILE:LINE``, counting from 1.

The file is streamed line by line, so its size is unlimited; a single line longer than
``max_bytes`` is rejected (``too-large``) and skipped without being held in memory. Blank lines
are skipped. A line that is not a JSON object, or lacks a usable text field, is rejected and
reading goes on; a truncated compressed stream ends the file with an ``unreadable`` reject.
Each line is decoded as UTF-8, else cp1252. Limits: a whole-file JSON array or a
pretty-printed object is not JSON Lines and is rejected.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
import zlib
from collections.abc import Iterator
from typing import IO, Any

from geopol.errors import IngestError
from geopol.ingest.document import Document, Reject
from geopol.ingest.encoding import decode_text

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CHUNK = 1 << 20


def parse_date(value: Any) -> dt.date | None:
    """A date from an ISO 8601 or RFC 2822 string or Unix seconds; ``None`` if unrecognised."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return dt.datetime.fromtimestamp(value, tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    value = value.strip()
    if _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _string(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _authors(record: dict[str, Any]) -> tuple[str, ...]:
    value = record.get("authors", record.get("author"))
    names = value if isinstance(value, list) else [value]
    return tuple(name for name in (_string(n) for n in names) if name)


def _document(record: Any, source: str, position: str, fields: dict[str, str]) -> Document | Reject:
    if not isinstance(record, dict):
        return Reject(source, position, f"a JSON {type(record).__name__}, not an object", "malformed")
    text_field = fields["text"]
    if text_field not in record:
        present = ", ".join(sorted(record)[:12]) or "none"
        return Reject(source, position, f"no {text_field!r} field (fields: {present}); set "
                      "ReadOptions.jsonl_text to the field that holds the article text", "malformed")
    text = record[text_field]
    if not isinstance(text, str):
        return Reject(source, position, f"field {text_field!r} is a JSON {type(text).__name__}, "
                      "not a string", "malformed")
    if not text.strip():
        return Reject(source, position, f"field {text_field!r} is empty", "empty")
    return Document(
        source=source, position=position, body=text, title=_string(record.get(fields["title"])),
        authors=_authors(record), published=parse_date(record.get(fields["date"])),
        url=_string(record.get(fields["url"])),
    )


def read_jsonl(
    stream: IO[bytes], source: str, *, text: str = "text", title: str = "title", date: str = "date",
    url: str = "url", max_bytes: int = 20_000_000,
) -> Iterator[Document | Reject]:
    """Documents from a JSON Lines byte stream; a :class:`Reject` for each unusable line."""
    fields = {"text": text, "title": title, "date": date, "url": url}
    number = 0
    while True:
        number += 1
        position = f"{source}:{number}"
        try:
            line = stream.readline(max_bytes + 1)
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                    pass
                yield Reject(source, position, f"the line is longer than {max_bytes:,} bytes; "
                             "raise ReadOptions.max_bytes to read it", "too-large")
                continue
        except (EOFError, zlib.error, OSError) as exc:
            yield Reject(source, position, f"the file is truncated or corrupt after line {number - 1} "
                         f"({exc})", "unreadable")
            return
        if not line:
            return
        if not line.strip():
            continue
        try:
            decoded = decode_text(line, source)
        except IngestError as exc:
            yield Reject(source, position, f"{exc.problem} in this line; {exc.fix}", "encoding")
            continue
        if number == 1 and decoded.lstrip().startswith("["):
            yield Reject(source, position, "a JSON array, not JSON Lines; write one object per line, "
                         "e.g. `jq -c '.[]' FILE`", "malformed")
            return
        try:
            record = json.loads(decoded.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            yield Reject(source, position, f"not valid JSON: {exc.msg} (column {exc.colno})", "malformed")
            continue
        yield _document(record, source, position, fields)
