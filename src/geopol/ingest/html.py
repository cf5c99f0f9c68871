"""HTML pages: main text and metadata with trafilatura; HTML fragments to plain paragraphs.

:func:`read_html` runs ``trafilatura.bare_extraction`` for the main text and the metadata:
title, description (used as the deck), author(s), date (htmldate's original publication
date), site name (the outlet) and canonical URL. The page is decoded by its declared charset
(``<meta charset>``, the XML declaration or the HTTP header); UTF-8 or cp1252 pages, and pages
without a declaration, go through :func:`geopol.ingest.encoding.decode_text`.

Limits: a page whose main text has fewer than :data:`MIN_WORDS` words (galleries, index and
video pages, where trafilatura finds only navigation) is rejected as ``not-article``;
trafilatura may keep boilerplate or drop a short first paragraph; headings inside the article
become paragraphs of their own.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re

import lxml.html
import trafilatura
from lxml.etree import ParserError
from lxml_html_clean import Cleaner
from trafilatura.settings import Document as Extraction

from geopol.errors import IngestError
from geopol.ingest.document import Document, Reject
from geopol.ingest.encoding import decode_text

MIN_WORDS = 12
_DECLARED = re.compile(
    rb"""(?:<meta[^>]{0,200}?charset|<\?xml[^>]{0,100}?encoding)\s*=\s*["']?([\w.:-]+)""", re.I
)
_SELF_DECODED = frozenset({"utf-8", "utf-8-sig", "cp1252", "iso8859-1", "ascii"})
_BLOCKS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "pre", "table", "tr", "section", "article", "header", "footer", "aside", "figure", "figcaption", "hr",
})
_CLEANER = Cleaner(scripts=True, javascript=True, style=True, comments=True, forms=True, embedded=True)


def decode_html(data: bytes, source: str, charset: str | None = None) -> str:
    """The page's text, by its declared charset if that is not UTF-8/cp1252 (raises IngestError)."""
    match = _DECLARED.search(data[:4096])
    declared = charset or (match.group(1).decode("ascii") if match else None)
    if declared:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = "utf-8"
        if codec not in _SELF_DECODED:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                pass  # the declaration lies; fall back to UTF-8/cp1252 detection
    return decode_text(data, source)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _line(value: str | None) -> str | None:
    folded = " ".join((value or "").split())
    return folded or None


def read_html(
    data: bytes, source: str, position: str, *, url: str | None = None,
    published: dt.date | None = None, charset: str | None = None,
) -> Document | Reject:
    """One HTML page as a :class:`Document`, or a :class:`Reject` (``encoding``, ``not-article``).

    ``url``, ``published`` and ``charset`` are fallbacks (from a WARC record) for what the
    page does not declare itself.
    """
    try:
        page = decode_html(data, source, charset)
    except IngestError as exc:
        return Reject(source, position, exc.problem + "; " + exc.fix, "encoding")
    result = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False)
    if not isinstance(result, Extraction):
        return Reject(source, position, "no article text in this page (trafilatura found no main text); "
                      "is it an index, gallery or video page?", "not-article")
    folded = (" ".join(line.split()) for line in (result.text or "").split("\n"))
    lines = [line for line in folded if line]
    title = _line(result.title)
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]  # trafilatura keeps the <h1> headline as the first line
    words = sum(len(line.split()) for line in lines)
    if words < MIN_WORDS:
        return Reject(source, position, f"no article text in this page (only {words} words: "
                      f"{' '.join(lines)[:60]!r}); is it an index, gallery or video page?", "not-article")
    deck = _line(result.description)
    repeats = deck and (deck.casefold() == (title or "").casefold()
                        or lines[0].casefold().startswith(deck.casefold()[:80]))
    if repeats:
        deck = None  # descriptions often repeat the headline or the lead paragraph
    authors = tuple(a.strip() for a in (result.author or "").split(";") if a.strip())
    return Document(
        source=source, position=position, body="\n\n".join(lines), title=title, deck=deck, authors=authors,
        published=_date(result.date) or published, url=result.url or url, outlet=_line(result.sitename),
    )


def fragment_text(fragment: str) -> str:
    """Plain paragraphs (separated by blank lines) from an HTML fragment or plain text."""
    if "<" not in fragment:
        chunks = re.split(r"\n\s*\n", fragment)
    else:
        try:
            root = _CLEANER.clean_html(lxml.html.fragment_fromstring(fragment, create_parent="div"))
        except (ParserError, ValueError):
            return ""
        for element in root.iter():
            if element.tag in _BLOCKS:
                element.text = "\n\n" + (element.text or "")
                element.tail = "\n\n" + (element.tail or "")
        chunks = re.split(r"\n\s*\n", root.text_content())
    return "\n\n".join(p for p in (" ".join(c.split()) for c in chunks) if p)
