"""What the format readers hand to :mod:`geopol.ingest.sources`, and how a draft becomes an Article.

A :class:`Document` is one article's main text and metadata as a reader found them; a
:class:`Reject` is one unit of input that could not become an article, with the reason. Both
live here, not in ``sources``, so the readers need not import the module that imports them.

:func:`to_article` lays a document out as :func:`geopol.ingest.text.parse_plaintext` expects
(title, blank line, deck, blank line, body paragraphs), removes a leading dateline from the
body, rejects confidently non-accepted languages, and fills in the metadata. Limits: the
dateline's place is found but not kept (the Article has no field for it yet).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from geopol.errors import IngestError
from geopol.ingest import language
from geopol.ingest.datelines import strip_dateline
from geopol.ingest.text import decode, front_matter, normalise, parse_plaintext
from geopol.model import Article

REJECT_KINDS: tuple[str, ...] = (
    "unreadable",  # missing, vanished, unreadable or truncated/corrupt container (gzip, WARC)
    "empty",  # nothing but whitespace
    "not-article",  # a page or record with no article text
    "language",  # confidently detected as a language the options do not accept
    "too-large",  # bigger than ReadOptions.max_bytes
    "encoding",  # bytes that neither UTF-8 nor cp1252 decode, or control bytes
    "malformed",  # broken JSON line, feed that is not well formed, missing field
    "coding",  # read fine, but the pipeline failed on it (see the reason)
)


@dataclass(frozen=True, slots=True)
class Reject:
    """A unit of input that was not read as an article; ``reason`` says why and how to fix it."""

    source: str
    position: str
    reason: str
    kind: str

    def __post_init__(self) -> None:
        if self.kind not in REJECT_KINDS:
            raise ValueError(f"unknown reject kind {self.kind!r}; use one of {', '.join(REJECT_KINDS)}")


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read from its container, before layout and checks.

    ``plain`` marks a whole plain-text file whose title, deck and byline are still to be found
    by :func:`geopol.ingest.text.parse_plaintext`; otherwise ``body`` holds only the body
    paragraphs (separated by blank lines or single newlines) and ``title``/``deck`` are known.
    """

    source: str
    position: str
    body: str
    title: str | None = None
    deck: str | None = None
    authors: tuple[str, ...] = ()
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    plain: bool = False


def plain_document(source: str, text: str, position: str | None = None) -> Document:
    """A plain-text file as a Document, with the metadata of its front matter if it has one."""
    meta = front_matter(normalise(text))
    where = source if position is None else position
    if meta is None:
        return Document(source=source, position=where, body=text, plain=True)
    return Document(source=source, position=where, body=meta.body, title=meta.title, authors=meta.authors,
                    published=meta.published, url=meta.url, outlet=meta.outlet, plain=meta.title is None)


def read_text_file(path: Path, published: dt.date | None = None,
                   languages: tuple[str, ...] = ()) -> Article | Reject:
    """One plain-text file as an Article (front matter, headline block, byline and dateline read as
    :func:`to_article` does), or the reason it is not one. ``languages`` empty accepts any."""
    source = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(source, "no such file", "check the path") from None
    except IsADirectoryError:
        raise IngestError(source, "is a directory", "pass files or folders that contain .txt files") from None
    except PermissionError:
        raise IngestError(source, "permission denied", "make the file readable") from None
    return to_article(plain_document(source, decode(data, source)), languages, published)


def _line(value: str | None) -> str | None:
    folded = " ".join((value or "").split())
    return folded or None


def _paragraphs(body: str) -> str:
    """Blank-line separated paragraphs: blank lines split them if there are any, else newlines do."""
    text = normalise(body)
    chunks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return "\n\n".join(p for p in (" ".join(c.split()) for c in chunks) if p)


def _layout(doc: Document) -> tuple[str, str, str | None, str | None, tuple[str, ...]]:
    """The head (title and deck block), body, title, deck and authors of a document.

    Plain files, and documents that came without a title, keep the headline block that
    :func:`parse_plaintext` finds in the text itself.
    """
    title, deck = _line(doc.title), _line(doc.deck)
    if doc.plain or not (title or deck):
        first = parse_plaintext(doc.body if doc.plain else _paragraphs(doc.body), source=doc.source)
        head, body = first.text[: first.body_start], first.text[first.body_start :]
        return head, body, first.title, first.subtitle, doc.authors or first.authors
    head = "".join(f"{part}\n\n" for part in (title, deck) if part)
    return head, _paragraphs(doc.body), title, deck, doc.authors


def to_article(doc: Document, languages: tuple[str, ...], published: dt.date | None) -> Article | Reject:
    """The Article for ``doc`` (``published`` if the document has no date), or why there is none."""
    try:
        head, body, title, deck, authors = _layout(doc)
    except IngestError as exc:
        return Reject(doc.source, doc.position, exc.problem, "empty")
    _place, body = strip_dateline(body)
    if not body.strip():
        return Reject(doc.source, doc.position, "the article has no body text", "empty")
    code, unwanted = language.unwanted(f"{title or ''}\n{body}", languages)
    if unwanted:
        return Reject(doc.source, doc.position, unwanted, "language")
    text = head + body
    parsed = parse_plaintext(text, source=doc.source)
    return dataclasses.replace(
        parsed, title=title, subtitle=deck, authors=authors or parsed.authors, body_start=len(head),
        body_end=parsed.body_end if (parsed.body_end or 0) > len(head) else len(text),
        published=doc.published or published, url=doc.url, language=code,
    )
