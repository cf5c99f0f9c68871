"""RSS and Atom feeds with feedparser: one article per entry.

Each entry's text is its full content (``content[0].value``, preferring an HTML or plain-text
part) or else its summary, stripped of markup by :func:`geopol.ingest.html.fragment_text`.
Title, link, author(s) and the date (``published_parsed``, else ``updated_parsed``, in UTC)
come from the entry; the feed's title is the outlet. Positions are ``FILE#entry=N``,
counting from 1.

Feeds that are not well formed ("bozo") but from which feedparser's lenient parser still
recovers entries are read; a bozo feed with no entries is rejected as ``malformed`` with the
parser's message. Limits: many feeds carry only a summary, so the article is that summary;
entries are not fetched from their links.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

import feedparser

from geopol.ingest.document import Document, Reject
from geopol.ingest.html import fragment_text

_EMAIL_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^)]+)\)\s*$")
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def _content(entry: Any) -> str:
    parts = entry.get("content") or []
    preferred = [p for p in parts if p.get("type", "text/html") in _TEXT_TYPES] or parts
    for part in preferred:
        text = fragment_text(part.get("value") or "")
        if text:
            return text
    return fragment_text(entry.get("summary") or "")


def _authors(entry: Any) -> tuple[str, ...]:
    raw = entry.get("author") or ""
    match = _EMAIL_NAME.match(raw)
    if match:  # RSS "desk@example.org (Name)", which feedparser splits wrongly for long domains
        return (" ".join(match["name"].split()),)
    names = [a.get("name") or "" for a in entry.get("authors") or []] or [raw]
    return tuple(" ".join(n.split()) for n in names if n.strip() and "@" not in n)


def _date(entry: Any) -> dt.date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def read_feed(data: bytes, source: str) -> Iterator[Document | Reject]:
    """The entries of one RSS/Atom feed as documents; a :class:`Reject` for each that has no text."""
    feed = feedparser.parse(io.BytesIO(data))  # a stream: bytes could be taken for a file name
    if not feed.entries:
        if feed.bozo:
            yield Reject(source, source, f"not a well-formed RSS or Atom feed ({feed.bozo_exception}) "
                         "and no entries could be recovered", "malformed")
        else:
            yield Reject(source, source, "the feed has no entries", "empty")
        return
    outlet = " ".join((feed.feed.get("title") or "").split()) or None
    for number, entry in enumerate(feed.entries, start=1):
        position = f"{source}#entry={number}"
        body = _content(entry)
        if not body:
            yield Reject(source, position, "the entry has neither content nor a summary", "empty")
            continue
        title = " ".join(fragment_text(entry.get("title") or "").split()) or None
        yield Document(
            source=source, position=position, body=body, title=title, authors=_authors(entry),
            published=_date(entry), url=entry.get("link"), outlet=outlet,
        )
