"""One error shape for every route.

Every ``/api`` route (and ``/openapi.json``) answers an error with::

    {"error": {"status": 404, "code": "not_found", "message": "no actor 'state:XXX' in the store; ..."}}

whatever raised it: a route (:class:`ApiError`), an unknown path or method (Starlette's
``HTTPException``), a bad parameter (FastAPI's ``RequestValidationError``, 422) or a bug (500,
whose message never carries the exception text). HTML pages get the same status, code and
message on an HTML page. Every error response carries the security headers of
:mod:`geopol.web.app`, 500s included (Starlette sends those outside the middleware stack).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response

from geopol import __version__

log = logging.getLogger("geopol.web")

CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    422: "invalid_parameter",
    500: "internal_error",
}

SECURITY_HEADERS: dict[str, str] = {
    # No inline script or style anywhere: all code is in /static, so injected markup cannot run.
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class ApiError(Exception):
    """An error a route raises on purpose: status, stable code and a message with the fix."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def not_found(what: str, value: str, fix: str) -> ApiError:
    return ApiError(404, "not_found", f"no {what} {value!r} in the store; {fix}")


def invalid(name: str, value: object, fix: str) -> ApiError:
    return ApiError(422, "invalid_parameter", f"query parameter {name!r}: {value!r} is not valid; {fix}")


def body(status: int, code: str, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message}}


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path == "/openapi.json" or path.startswith("/static")


def respond(
    request: Request,
    templates: Jinja2Templates,
    status: int,
    code: str,
    message: str,
    headers: Mapping[str, str] | None = None,
) -> Response:
    extra = {**SECURITY_HEADERS, **(headers or {})}
    if wants_json(request):
        return JSONResponse(body(status, code, message), status_code=status, headers=extra)
    context = {
        "status": status,
        "code": code,
        "message": message,
        "title": f"{status} {code.replace('_', ' ')}",
        "page": "error",
        "data": {},
        "version": __version__,
        "preload": [],
        "modules": [],
    }
    return templates.TemplateResponse(request, "error.html", context, status_code=status, headers=extra)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        where = f"{loc[0]} parameter {'.'.join(loc[1:])!r}" if len(loc) > 1 else ".".join(loc) or "request"
        value = err.get("input")
        got = f" (got {value!r})" if value is not None and not isinstance(value, dict) else ""
        parts.append(f"{where}: {err.get('msg', 'invalid')}{got}")
    return "; ".join(parts) + "; see /openapi.json for the accepted values"


def install(app: FastAPI, templates: Jinja2Templates) -> None:
    """Route every error of ``app`` through :func:`respond`."""

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return respond(request, templates, exc.status, exc.code, exc.message)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        status = exc.status_code
        if status == 404 and exc.detail in (None, "Not Found"):
            message = f"no route {request.url.path!r}; the API is described at /openapi.json"
        elif status == 405:
            message = (
                f"{request.method} is not allowed on {request.url.path!r}; this server only reads (use GET)"
            )
        else:
            message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        return respond(request, templates, status, CODES.get(status, "error"), message, exc.headers)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return respond(request, templates, 422, "invalid_parameter", _validation_message(exc))

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path, exc_info=exc)
        return respond(
            request,
            templates,
            500,
            "internal_error",
            "the server failed to answer this request; the server log has the details",
        )

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, server_error)
