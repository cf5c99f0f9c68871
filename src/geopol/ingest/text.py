"""Plain-text articles: reading files safely and finding the headline block and byline.

Layout rules (see README, "Input"): a first line followed by a blank line and not ending in
sentence punctuation is the title; a short second paragraph of the same kind is the
subtitle (deck); a trailing ``Author:`` or ``By`` line is the byline, and what follows it
(an author's bio) is not analysed. A text of one paragraph is all body.

A file may open with a metadata block ("front matter"): ``key: value`` lines closed by a line
``---`` (optionally also opened by one, as in Jekyll or Hugo files). Its ``title``, ``date``,
``url`` and ``author`` give the article's metadata and the block itself is not article text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from geopol.errors import IngestError
from geopol.ingest.dates import resolve as resolve_date
from geopol.model import Article

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
_SENTENCE_END = re.compile(r"[.!?:;…\"”’'»)]\s*$")
_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\n[ \t]*\n|\s*\Z)", re.S)
_BYLINE = re.compile(r"^(?:Author|Authors|By|Written by|Reporting by)\s*[:\-–]?\s+(?P<names>[^\n]{2,120})$", re.I)
_MAX_TITLE = 200
_MAX_DECK = 300
_META_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]{0,30})[ \t]*:[ \t]*(?P<value>.*)$")
# A block counts as front matter only if it names one of these (so that "Note: ..." is text).
_META_KEYS = frozenset({"title", "headline", "date", "published", "url", "link", "author", "authors", "by",
                        "byline", "outlet", "source", "site", "publisher"})


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Metadata from a file's leading ``key: value`` block; ``body`` is the text after it."""

    body: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None


def front_matter(text: str) -> FrontMatter | None:
    """The metadata block at the start of ``text`` (normalised), or None if there is none."""
    lines = text.split("\n")
    start = 1 if lines and lines[0].strip() == "---" else 0
    fields: dict[str, str] = {}
    end = start
    while end < len(lines) and (match := _META_LINE.match(lines[end])):
        fields.setdefault(match["key"].lower(), match["value"].strip())
        end += 1
    if end == start or end >= len(lines) or lines[end].strip() != "---" or not set(fields) & _META_KEYS:
        return None

    def first(*keys: str) -> str | None:
        return next((fields[k] for k in keys if fields.get(k)), None)

    names = first("author", "authors", "by", "byline")
    when = first("date", "published")
    return FrontMatter(
        body="\n".join(lines[end + 1:]).strip("\n"), title=first("title", "headline"),
        published=resolve_date(when, None) if when else None, url=first("url", "link"),
        authors=_split_authors(names) if names else (), outlet=first("outlet", "site", "publisher", "source"),
    )


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(m.start(), m.end(), m.group()) for m in _PARAGRAPH.finditer(text)]


def normalise(text: str) -> str:
    """Unicode NFC, ``\\n`` newlines, no trailing spaces; the text every offset refers to."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\ufeff", "").replace("\u00a0", " ")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def content_id(text: str) -> str:
    """A stable id from the whitespace-folded, case-folded text: the same story gives the same id."""
    folded = " ".join(text.split()).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]


def _headline_like(p: Paragraph, limit: int) -> bool:
    return "\n" not in p.text and len(p.text) <= limit and not _SENTENCE_END.search(p.text)


def _split_authors(names: str) -> tuple[str, ...]:
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", names.strip().rstrip("."))
    return tuple(p for p in parts if p)


def parse_plaintext(
    raw: str, source: str | None = None, published: dt.date | None = None, url: str | None = None
) -> Article:
    """Build an :class:`Article` from plain text, finding title, deck and byline."""
    text = normalise(raw)
    if not text.strip():
        raise IngestError(source or "<text>", "the text is empty", "give a file with article text")
    paras = paragraphs(text)
    title = subtitle = None
    body_start = paras[0].start
    body_end = len(text)
    authors: tuple[str, ...] = ()
    index = 0
    if len(paras) >= 2 and _headline_like(paras[0], _MAX_TITLE):
        title = paras[0].text
        index = 1
        if len(paras) >= 3 and _headline_like(paras[1], _MAX_DECK) and not _BYLINE.match(paras[1].text):
            subtitle = paras[1].text
            index = 2
        body_start = paras[index].start
    for p in paras[max(index, len(paras) - 3):]:
        match = _BYLINE.match(p.text.split("\n")[0])
        if match and p.start > body_start:
            authors = _split_authors(match.group("names"))
            body_end = p.start
            break
    if index < len(paras) and not authors:
        match = _BYLINE.match(paras[index].text) if "\n" not in paras[index].text else None
        if match and index + 1 < len(paras):
            authors = _split_authors(match.group("names"))
            body_start = paras[index + 1].start
    return Article(
        id=content_id(text), text=text, title=title, subtitle=subtitle, authors=authors,
        published=published, url=url, source=source, body_start=body_start,
        body_end=body_end,
    )


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 (with or without BOM), refusing binary data with a clear reason."""
    if not data.strip():
        raise IngestError(source, "the file is empty", "remove it or add the article text")
    if b"\x00" in data[:8192]:
        raise IngestError(source, "this looks like a binary file (it contains NUL bytes)",
                          "give a plain-text article (UTF-8)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            source, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            "convert it first, e.g. `iconv -f latin1 -t utf-8 FILE`",
        ) from None


def iter_text_files(path: Path) -> Iterator[Path]:
    """Files under ``path`` (recursively) that look like text articles, in a stable order."""
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES and not child.name.startswith(".") \
                    and child.name.split(".")[0].upper() not in {"README", "LICENSE", "LICENCE", "CHANGELOG"}:
                yield child
    else:
        yield path


def read_article(path: Path, published: dt.date | None = None) -> Article:
    """Read one plain-text file into an :class:`Article` (any language; see
    :func:`geopol.ingest.document.read_text_file` for the layout rules)."""
    from geopol.ingest.document import Reject, read_text_file  # document builds on this module

    result = read_text_file(path, published)
    if isinstance(result, Reject):
        raise IngestError(str(path), result.reason, "give a file with article text")
    return result
