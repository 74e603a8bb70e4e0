"""Errors and their HTTP status codes, in one place, answered in the form the client reads.

Routes raise typed exceptions (a domain error from the service they call, or
:class:`NotFound` / :class:`Invalid`) and never pick a status by reading an error's
text. :func:`add_error_handlers` answers each with the status :data:`STATUS` gives its
type (the most specific registered type wins):

- under ``/api/`` (and ``/openapi.json``) as JSON, ``{"detail": message}``;
- anywhere else as an HTML page in the site's layout. An anonymous visitor refused a
  page (401 on a GET) is sent to the login page, and back after logging in.

A form that must show its error next to the field, with what the user typed, raises
:class:`FormError`: the handler re-renders the form's template with the user's input.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from tocsin.plugins import UnknownPluginError
from tocsin.reference.countries import UnknownCountryError
from tocsin.web.templating import templates


class NotFound(LookupError):
    """The object a request names does not exist (404)."""


class Invalid(ValueError):
    """The request is well-formed but its content cannot be accepted (422)."""


class Conflict(Exception):
    """The request clashes with what is stored, e.g. a duplicate or a finished state (409)."""


class BadRequest(Exception):
    """The request cannot be read as sent (400)."""


class FormError(Invalid):
    """A form's content cannot be accepted: re-render ``template`` with ``context`` (which
    holds the user's input) and ``errors`` (field name -> message) next to the fields."""

    def __init__(
        self, template: str, context: Mapping[str, Any], errors: Mapping[str, str]
    ) -> None:
        self.template = template
        self.context = dict(context)
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in self.errors.items()))


STATUS: dict[type[Exception], int] = {
    NotFound: 404,
    Invalid: 422,
    Conflict: 409,
    BadRequest: 400,
    UnknownCountryError: 404,
    UnknownPluginError: 404,
}

TITLES = {
    400: "Bad request",
    401: "Log in first",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed",
    409: "Conflict",
    413: "Too large",
    422: "Cannot accept this",
    429: "Too many attempts",
}


def wants_json(request: Request) -> bool:
    """JSON for the API (and the OpenAPI document), HTML for every page."""
    path = request.url.path
    return path.startswith("/api/") or path == "/openapi.json"


def safe_next(target: str | None) -> str:
    """``target`` if it is a path on this site, else ``/`` (never another host)."""
    if not target or not target.startswith("/") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//") or parts.path == "/login":
        return "/"
    return target


def suggestion_links(request: Request, exc: UnknownCountryError) -> list[tuple[str, str]]:
    """Each suggested country with the same page for it: the unknown name in the path is
    replaced by the suggestion (else its country page)."""
    segments = request.url.path.split("/")
    where = next((i for i, s in enumerate(segments) if unquote(s) == str(exc.key)), None)
    links = []
    for name in exc.suggestions:
        if where is None:
            links.append((name, f"/countries/{quote(name)}"))
        else:
            path = [*segments[:where], quote(name), *segments[where + 1 :]]
            links.append((name, "/".join(path)))
    return links


def login_url(request: Request) -> str:
    """The login page, returning to the page asked for."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return f"/login?next={quote(here, safe='/')}"


def _page(
    request: Request,
    status: int,
    message: str,
    suggestions: list[tuple[str, str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    return templates.TemplateResponse(
        request,
        "error.html",
        {
            "status": status,
            "title": TITLES.get(status, "Error"),
            "message": message,
            "suggestions": suggestions or [],
            "login": login_url(request) if status == 401 else None,
        },
        status_code=status,
        headers=dict(headers or {}),
    )


async def _handle(request: Request, exc: Exception) -> Response:
    status = next(STATUS[cls] for cls in type(exc).__mro__ if cls in STATUS)
    if wants_json(request):
        return JSONResponse({"detail": str(exc)}, status_code=status)
    if isinstance(exc, FormError):
        context = {**exc.context, "errors": exc.errors}
        return templates.TemplateResponse(request, exc.template, context, status_code=status)
    suggestions = suggestion_links(request, exc) if isinstance(exc, UnknownCountryError) else None
    return _page(request, status, str(exc), suggestions)


async def _handle_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if wants_json(request):
        return JSONResponse(
            {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
        )
    if exc.status_code == 401 and request.method in ("GET", "HEAD"):
        return RedirectResponse(login_url(request), 303)
    return _page(request, exc.status_code, str(exc.detail), headers=exc.headers)


async def _handle_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if wants_json(request):
        from fastapi.encoders import jsonable_encoder

        return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
    lines = [
        f"{' '.join(str(part) for part in error.get('loc', ())[1:]) or 'request'}: "
        f"{error.get('msg', 'invalid')}"
        for error in exc.errors()
    ]
    return _page(request, 422, "; ".join(lines))


def add_error_handlers(app: FastAPI) -> None:
    """Answer every error type in :data:`STATUS`, HTTP errors and invalid requests, as JSON
    under /api/ and as a page in the site's layout elsewhere."""
    for cls in STATUS:
        app.add_exception_handler(cls, _handle)
    app.add_exception_handler(StarletteHTTPException, _handle_http)
    app.add_exception_handler(HTTPException, _handle_http)
    app.add_exception_handler(RequestValidationError, _handle_validation)
