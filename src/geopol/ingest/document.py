"""What the format readers hand to :mod:`geopol.ingest.sources`: a draft or a reject.

A :class:`Document` is one article's main text and metadata as a reader found them, before the
plain-text layout, dateline and language checks turn it into an :class:`~geopol.model.Article`.
A :class:`Reject` is one unit of input that could not become an article, with the reason. Both
live here, not in ``sources``, so the readers need not import the module that imports them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

REJECT_KINDS: tuple[str, ...] = (
    "unreadable",  # missing, vanished, unreadable or truncated/corrupt container (gzip, WARC)
    "empty",  # nothing but whitespace
    "not-article",  # a page or record with no article text
    "language",  # confidently detected as a language the options do not accept
    "too-large",  # bigger than ReadOptions.max_bytes
    "encoding",  # bytes that neither UTF-8 nor cp1252 decode, or control bytes
    "malformed",  # broken JSON line, feed that is not well formed, missing field
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
