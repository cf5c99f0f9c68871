"""Response models of the JSON API: they make up the OpenAPI description at ``/openapi.json``.

Field names follow schema ``geopol/1`` (README, "Output"); offsets index ``Article.text`` and
``end`` is exclusive. Actors inside other records are :class:`ActorRef` (id, display name, kind).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    status: int = Field(description="The HTTP status code, repeated.")
    code: str = Field(description="A stable machine-readable code: not_found, invalid_parameter, ...")
    message: str = Field(description="What went wrong, the offending value and the fix.")


class ErrorResponse(BaseModel):
    """The one error shape of every /api route."""

    error: ErrorBody


class ActorRef(BaseModel):
    id: str
    name: str
    kind: str | None = None


class ActorRow(BaseModel):
    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    region: str | None = Field(
        None, description="UN M49 sub-region, or International for IGOs and groupings."
    )
    articles: int = Field(0, description="Articles that mention the actor.")
    mentions: int = 0


class Span(BaseModel):
    start: int | None
    end: int | None
    text: str | None


class ArticleRef(BaseModel):
    id: str
    title: str | None = None
    published: dt.date | None = None


class Event(BaseModel):
    id: str
    article: ArticleRef
    date: dt.date | None
    cameo: str
    cameo_name: str | None
    plover: str | None
    quad_class: int
    quad_label: str | None
    goldstein: float
    modality: str
    source: list[ActorRef]
    target: list[ActorRef]
    claimed_by: ActorRef | None
    quote: str | None
    sentence: Span
    trigger: Span
    evidence: list[Span]
    pattern: str
    coder: str


class Counts(BaseModel):
    articles: int
    stories: int
    actors: int
    events: int
    quotes: int
    relations: int


class Dyad(BaseModel):
    source: ActorRef
    target: ActorRef
    events: int
    stories: int
    goldstein: float | None


class RelationShift(BaseModel):
    source: ActorRef
    target: ActorRef
    date: dt.date
    kind: str
    previous: str | None = Field(description="The pair's kind before this date; null when the pair is new.")
    since: dt.date | None
    article: str


class Overview(BaseModel):
    counts: Counts
    top_actors: list[ActorRow]
    top_dyads: list[Dyad]
    latest_events: list[Event]
    relation_shifts: list[RelationShift]


class GraphNode(ActorRow):
    degree: int
    weight: float


class GraphEdge(BaseModel):
    source: str
    target: str
    source_name: str
    target_name: str
    kind: str
    weight: float
    articles: int
    events: int
    first: dt.date | None
    last: dt.date | None
    directed: bool | None


class RegionGroup(BaseModel):
    name: str
    subregions: list[str]


class GraphFilters(BaseModel):
    kinds: list[str] = Field(description="Relation kinds present in the store, friendliest first.")
    regions: list[RegionGroup]
    first: dt.date | None
    last: dt.date | None


class Graph(BaseModel):
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    filters: GraphFilters


class Bucket(BaseModel):
    start: dt.date
    cooperation: int = Field(description="Events of quad classes 1-2 (verbal and material cooperation).")
    conflict: int = Field(description="Events of quad classes 3-4 (verbal and material conflict).")
    forward_cooperation: int = Field(
        description="Cooperation events with the actor (or dyad side a) as source."
    )
    forward_conflict: int
    goldstein: float


class Timeline(BaseModel):
    bucket: str
    buckets: list[Bucket]


class Role(BaseModel):
    role: str
    articles: int
    first: dt.date | None
    last: dt.date | None


class ActorCount(ActorRef):
    articles: int


class ActorRelation(BaseModel):
    other: ActorRef
    direction: str = Field(description="out: the actor is the source; in: the target.")
    kind: str
    weight: float
    articles: int
    first: dt.date | None
    last: dt.date | None


class Counterpart(BaseModel):
    other: ActorRef
    events: int
    cooperation: int
    conflict: int
    goldstein: float | None


class ActorQuote(BaseModel):
    id: str
    text: str
    kind: str
    cue: str | None
    start: int
    end: int
    article: ArticleRef


class ActorPage(BaseModel):
    actor: ActorRow
    roles: list[Role]
    affiliations: list[ActorCount]
    members: list[ActorCount]
    people: list[ActorCount] = Field(description="People, agents and documents acting for this actor.")
    relations: list[ActorRelation]
    counterparts: list[Counterpart]
    timeline: Timeline
    quotes: list[ActorQuote]


class DyadTotals(BaseModel):
    events: int
    cooperation: int
    conflict: int
    goldstein: float | None
    first: dt.date | None
    last: dt.date | None


class DyadSides(BaseModel):
    forward: DyadTotals = Field(description="a -> b")
    backward: DyadTotals = Field(description="b -> a")


class DyadRelation(BaseModel):
    direction: str
    kind: str
    weight: float
    articles: int
    first: dt.date | None
    last: dt.date | None


class DyadPage(BaseModel):
    a: ActorRow
    b: ActorRow
    totals: DyadSides
    relations: list[DyadRelation]
    timeline: Timeline
    events_total: int
    events: list[Event]


class ArticleBody(BaseModel):
    id: str
    title: str | None
    subtitle: str | None
    authors: list[str] | None
    published: dt.date | None
    url: str | None = Field(description="Only http(s) addresses; anything else is dropped.")
    language: str | None
    text: str
    coder: str | None
    story: str | None


class Mention(BaseModel):
    start: int
    end: int
    text: str


class ArticleActor(BaseModel):
    id: str
    name: str
    kind: str | None
    country: str | None
    sector: str | None
    cameo: str | None
    roles: list[str]
    affiliation: ActorRef | None
    members: list[ActorRef]
    mentions: list[Mention]


class ArticleQuote(BaseModel):
    id: str
    speaker: ActorRef | None
    text: str
    kind: str
    start: int
    end: int
    cue: str | None
    flags: list[str]


class ArticleRelation(BaseModel):
    source: ActorRef
    target: ActorRef
    kind: str
    weight: float
    directed: bool | None
    basis: str | None


class ArticlePage(BaseModel):
    article: ArticleBody
    actors: list[ArticleActor]
    events: list[Event]
    quotes: list[ArticleQuote]
    relations: list[ArticleRelation]


class ArticleHit(BaseModel):
    id: str
    title: str | None
    published: dt.date | None
    snippet: str


class SearchResult(BaseModel):
    query: str
    actors: list[ActorRow]
    articles: list[ArticleHit]
    articles_total: int


class EventList(BaseModel):
    total: int
    limit: int
    offset: int
    events: list[Event]
