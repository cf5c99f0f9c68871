"""The JSON API under ``/api``: every page's data comes from these routes.

All routes are GET and read only. Actor ids contain ``:`` (``state:CHN``); clients may send it
as is or percent-encoded. Errors have the one shape of :mod:`geopol.web.errors`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request

from geopol.web import schemas
from geopol.web.errors import ApiError, invalid, not_found
from geopol.web.queries import Reader

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": schemas.ErrorResponse, "description": "Not found"},
    422: {"model": schemas.ErrorResponse, "description": "Invalid parameter"},
    500: {"model": schemas.ErrorResponse, "description": "Server error"},
}

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)

ActorId = Annotated[str, Path(min_length=1, max_length=200, description="An actor id such as state:CHN.")]
Bucket = Annotated[
    Literal["day", "month", "year"] | None,
    Query(description="Timeline period; by default chosen from the span of the data."),
]
Limit = Annotated[int, Query(ge=1, le=500)]


def reader(request: Request) -> Iterator[Reader]:
    """A cursor of the shared read-only connection for this request only."""
    store = request.app.state.store
    cur = store.con.cursor()
    try:
        yield Reader(store, cur)
    finally:
        cur.close()


Db = Annotated[Reader, Depends(reader)]


def _known_actor(db: Reader, actor_id: str) -> None:
    if db.dir.get(actor_id) is None:
        raise not_found("actor", actor_id, "find actors with /api/search?q=NAME")


@router.get(
    "/overview",
    response_model=schemas.Overview,
    summary="Counts, most active actors and dyads, latest events and recent relation shifts",
)
def overview(db: Db, limit: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    return db.overview(limit)


@router.get(
    "/graph", response_model=schemas.Graph, summary="The relation network: actors and their relations"
)
def graph(
    db: Db,
    start: Annotated[dt.date | None, Query(description="Keep relations seen on or after this date.")] = None,
    end: Annotated[dt.date | None, Query(description="Keep relations seen on or before this date.")] = None,
    kinds: Annotated[
        str | None,
        Query(
            max_length=500, description="Comma-separated relation kinds, e.g. hostile,tension; default all."
        ),
    ] = None,
    region: Annotated[
        str | None,
        Query(
            max_length=100,
            description="A continent or UN sub-region "
            "(or International): keep relations with an actor there.",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=2000, description="Strongest relations to keep.")] = 150,
) -> dict[str, Any]:
    present = db.graph_kinds()
    chosen = present
    if kinds is not None:
        chosen = [k.strip() for k in kinds.split(",") if k.strip()]
        unknown = [k for k in chosen if k not in present]
        if unknown:
            raise invalid(
                "kinds", unknown[0], f"use a comma-separated list of {', '.join(present) or 'no kinds'}"
            )
    if region is not None and region not in db.dir.region_names():
        raise invalid(
            "region", region, "use a continent or UN sub-region listed in filters.regions of /api/graph"
        )
    if start and end and start > end:
        raise invalid("start", start.isoformat(), f"start must not be after end ({end.isoformat()})")
    return db.graph(start, end, chosen, region, limit)


@router.get(
    "/actors/{actor_id:path}",
    response_model=schemas.ActorPage,
    summary="One actor: roles, affiliations, relations, counterparts, timeline and quotes",
)
def actor(actor_id: ActorId, db: Db, bucket: Bucket = None) -> dict[str, Any]:
    _known_actor(db, actor_id)
    return db.actor(actor_id, bucket)


@router.get(
    "/dyads/{a}/{b}",
    response_model=schemas.DyadPage,
    summary="Two actors: cooperation and conflict over time in both directions, and their events",
)
def dyad(a: ActorId, b: ActorId, db: Db, bucket: Bucket = None, limit: Limit = 200) -> dict[str, Any]:
    _known_actor(db, a)
    _known_actor(db, b)
    if a == b:
        raise ApiError(422, "invalid_parameter", f"a dyad needs two different actors, got {a!r} twice")
    return db.dyad(a, b, bucket, limit)


@router.get(
    "/articles/{article_id}",
    response_model=schemas.ArticlePage,
    summary="One article: its text with actors and mentions, events with offsets, quotes, relations",
)
def article(article_id: Annotated[str, Path(max_length=200)], db: Db) -> dict[str, Any]:
    found = db.article(article_id)
    if found is None:
        raise not_found("article", article_id, "find articles with /api/search?q=WORDS")
    return found


@router.get(
    "/search", response_model=schemas.SearchResult, summary="Actors by name or id, articles by title or text"
)
def search(
    db: Db, q: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = 20
) -> dict[str, Any]:
    return db.search(q.strip() or q, limit)


@router.get("/events", response_model=schemas.EventList, summary="Events, filtered and paged, latest first")
def events(
    db: Db,
    actor: Annotated[
        str | None, Query(max_length=200, description="Source, target or claimant (sides rolled up).")
    ] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    target: Annotated[str | None, Query(max_length=200)] = None,
    article: Annotated[str | None, Query(max_length=200)] = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    cameo: Annotated[
        str | None, Query(pattern=r"^\d{2,4}$", description="A CAMEO code or prefix, e.g. 11.")
    ] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    modality: Literal["asserted", "intended", "recommended", "hypothetical", "negated"] | None = None,
    limit: Limit = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    return db.events(
        actor=actor,
        source=source,
        target=target,
        article=article,
        start=start,
        end=end,
        cameo=cameo,
        quad_class=quad_class,
        modality=modality,
        limit=limit,
        offset=offset,
    )
