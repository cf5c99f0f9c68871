"""Typed records that flow through geopol and form its output contract (schema ``geopol/1``).

All records are frozen dataclasses. Character offsets (``start``, ``end``) always index
``Article.text``; ``end`` is exclusive, as in Python slices.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA = "geopol/1"

ActorKind = Literal["state", "igo", "person", "organization", "group", "document"]
Modality = Literal["asserted", "intended", "recommended", "hypothetical", "negated"]
QuoteKind = Literal["direct", "indirect"]
MODALITIES: tuple[str, ...] = ("asserted", "intended", "recommended", "hypothetical", "negated")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """One news text with its metadata. ``body_start``/``body_end`` bound the analysed body."""

    id: str
    text: str
    title: str | None = None
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    published: dt.date | None = None
    url: str | None = None
    language: str = "en"
    source: str | None = None
    body_start: int = 0
    body_end: int | None = None

    @property
    def analysed_end(self) -> int:
        return len(self.text) if self.body_end is None else self.body_end


@dataclass(frozen=True, slots=True)
class Actor:
    """A state, organisation, person, group or document the article mentions."""

    id: str
    name: str
    kind: ActorKind | None
    country: str | None = None
    sector: str | None = None
    cameo: str | None = None
    roles: tuple[str, ...] = ()
    affiliation: str | None = None
    members: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """A coded event: who did what to whom, with modality and provenance."""

    id: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    cameo: str
    plover: str | None
    goldstein: float
    quad_class: int
    modality: Modality
    sentence: Span
    trigger: Span
    coder: str
    pattern: str
    mode: str | None = None
    context: str | None = None
    claimed_by: str | None = None
    quote: str | None = None
    date: dt.date | None = None
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct or indirect statement attributed to a speaker actor."""

    id: str
    speaker: str | None
    text: str
    kind: QuoteKind
    start: int
    end: int
    cue: str | None
    cue_span: Span | None = None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    """A directed (or symmetric) tie between two actors, with the events behind it."""

    source: str
    target: str
    kind: str
    events: tuple[str, ...] = ()
    weight: float = 1.0
    directed: bool = True
    basis: str = "events"
    first: dt.date | None = None
    last: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything geopol recovered from one article."""

    article: Article
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    relations: tuple[Relation, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    schema: str = SCHEMA

    def actor(self, actor_id: str) -> Actor | None:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def to_dict(analysis: Analysis) -> dict[str, Any]:
    """The JSON-ready form of an analysis, as documented in the README (schema geopol/1)."""
    article = asdict(analysis.article)
    for internal in ("body_start", "body_end", "source"):
        article.pop(internal)
    result: dict[str, Any] = _plain(
        {
            "schema": analysis.schema,
            "article": article,
            "actors": [asdict(a) for a in analysis.actors],
            "events": [asdict(e) for e in analysis.events],
            "quotes": [asdict(q) for q in analysis.quotes],
            "relations": [asdict(r) for r in analysis.relations],
            "warnings": list(analysis.warnings),
        }
    )
    return result
