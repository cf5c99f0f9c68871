"""HTML pages: thin shells whose data the browser fetches from ``/api``.

Each page is a template (autoescaped) naming its script in ``static/js``; ids travel in
``data-`` attributes. A page for an actor, dyad or article that is not in the store answers
404 with an error page, so links to missing things fail visibly.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from geopol import __version__
from geopol.web.api import Db
from geopol.web.errors import not_found

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

Id = Annotated[str, Path(min_length=1, max_length=200)]


def render(request: Request, page: str, title: str, api: list[str], **data: Any) -> HTMLResponse:
    """The page's template; ``api`` are the API addresses its script fetches first: the page
    preloads them, so the data is on its way while the scripts load."""
    templates = request.app.state.templates
    modules = {"network": ["graph.js"], "actor": ["charts.js"], "dyad": ["charts.js"]}.get(page, [])
    data = {**data, **{f"api{i}": url for i, url in enumerate(api)}}
    response: HTMLResponse = templates.TemplateResponse(
        request,
        f"{page}.html",
        {
            "page": page,
            "title": title,
            "data": data,
            "version": __version__,
            "preload": api,
            "modules": ["common.js", *modules],
        },
    )
    return response


def _q(value: str) -> str:
    return quote(value, safe="")


@router.get("/")
def overview(request: Request) -> HTMLResponse:
    return render(request, "overview", "Overview", ["/api/overview"])


@router.get("/network")
def network(request: Request) -> HTMLResponse:
    # The same parameters, in the same order, as network.js sends for the address it shows.
    params = {
        k: request.query_params[k] for k in ("start", "end", "kinds", "region") if request.query_params.get(k)
    }
    params["limit"] = request.query_params.get("limit") or "150"
    return render(request, "network", "Network", ["/api/graph?" + urlencode(params)])


@router.get("/actors/{actor_id:path}")
def actor(request: Request, actor_id: Id, db: Db) -> HTMLResponse:
    info = db.dir.get(actor_id)
    if info is None:
        raise not_found("actor", actor_id, "search for it at /search")
    return render(
        request,
        "actor",
        info.name,
        [f"/api/actors/{_q(actor_id)}", f"/api/events?actor={_q(actor_id)}&limit=50&offset=0"],
        actor=actor_id,
    )


@router.get("/dyads/{a}/{b}")
def dyad(request: Request, a: Id, b: Id, db: Db) -> HTMLResponse:
    for actor_id in (a, b):
        if db.dir.get(actor_id) is None:
            raise not_found("actor", actor_id, "search for it at /search")
    return render(
        request, "dyad", f"{db.dir.name(a)} and {db.dir.name(b)}", [f"/api/dyads/{_q(a)}/{_q(b)}"], a=a, b=b
    )


@router.get("/articles/{article_id}")
def article(request: Request, article_id: Id, db: Db) -> HTMLResponse:
    exists, title = db.article_title(article_id)
    if not exists:
        raise not_found("article", article_id, "search for it at /search")
    return render(
        request, "article", title or "Article", [f"/api/articles/{_q(article_id)}"], article=article_id
    )


@router.get("/search")
def search(request: Request) -> HTMLResponse:
    q = (request.query_params.get("q") or "").strip()
    return render(request, "search", "Search", [f"/api/search?q={_q(q)}"] if q else [])
