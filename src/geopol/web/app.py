"""The web application over one store: ``create_app(db_path)``.

The store is opened once, read-only, with DuckDB's file access switched off and the setting
locked, so no query can read or write a file other than the store; each request gets its own
cursor. The only files served are the package's ``static`` folder. Swagger UI and ReDoc load
from a CDN, so they are off; ``/openapi.json`` stays. Requests whose Host header is not a
loopback name are refused unless ``allowed_hosts`` says otherwise (a guard against DNS
rebinding when the server runs on localhost).
"""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

import duckdb
import jinja2
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from geopol import __version__
from geopol.ontology.cameo import load_ontology
from geopol.store.db import connect
from geopol.web import api, errors, pages
from geopol.web.directory import load_directory
from geopol.web.queries import Reader, Store

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
OVERVIEW_LIMIT = 10  # the default of /api/overview


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Guard:
    """Refuses unexpected Host headers and adds the security headers to every response."""

    def __init__(self, app: ASGIApp, allowed_hosts: frozenset[str] | None) -> None:
        self.app = app
        self.allowed = allowed_hosts

    @staticmethod
    def _hostname(header: str) -> str:
        if header.startswith("["):
            return header[1:].partition("]")[0]
        return header.rpartition(":")[0] if header.count(":") == 1 else header

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.allowed is not None:
            host = self._hostname(Headers(scope=scope).get("host", ""))
            if host not in self.allowed:
                message = (
                    f"host {host!r} is not served; this server answers on {', '.join(sorted(self.allowed))} "
                    "(start it with --host to serve other names)"
                )
                response = JSONResponse(
                    errors.body(400, "bad_host", message), status_code=400, headers=errors.SECURITY_HEADERS
                )
                await response(scope, receive, send)
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in errors.SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _harden(con: duckdb.DuckDBPyConnection) -> None:
    """No file access beyond the open store, locked. DuckDB shares one instance per file within a
    process, so a second app on the same file finds the settings already made."""
    if con.execute("SELECT current_setting('enable_external_access')").fetchone() != (False,):
        con.execute("SET enable_external_access = false")
    if con.execute("SELECT current_setting('lock_configuration')").fetchone() != (True,):
        con.execute("SET lock_configuration = true")


def create_app(db_path: str | Path, allowed_hosts: Iterable[str] | None = LOOPBACK_HOSTS) -> FastAPI:
    """The app serving the store at ``db_path`` read-only; ``allowed_hosts=None`` accepts any Host.

    Raises :class:`geopol.errors.StoreError` when the file is missing or not a geopol store.
    """
    con = connect(db_path, read_only=True)
    _harden(con)
    store = Store(con=con, directory=load_directory(con), ontology=load_ontology())
    warm = con.cursor()
    Reader(store, warm).overview(
        OVERVIEW_LIMIT
    )  # the front page's aggregates, once, before the first visitor
    warm.close()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        con.close()

    app = FastAPI(
        title="geopol",
        version=__version__,
        description=(
            "Read-only JSON API over a geopol store: actors, CAMEO/PLOVER events, quotes and relations. "
            'Every error has the shape {"error": {"status", "code", "message"}}.'
        ),
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.store = store
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)
    templates = Jinja2Templates(env=env)
    app.state.templates = templates
    errors.install(app, templates)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC, follow_symlink=False), name="static")
    app.add_middleware(Guard, allowed_hosts=None if allowed_hosts is None else frozenset(allowed_hosts))
    return app
