"""Errors and their HTTP status codes, in one place, answered in the form the client reads.

Routes (and the request checks of :mod:`tocsin.web.auth` and :mod:`tocsin.web.limits`)
raise typed exceptions, a domain error from the service they call or a :class:`WebError`
(:class:`NotFound`, :class:`Invalid`, :class:`Forbidden`, ...), and never name a status
code or pick one by reading an error's text. :func:`add_error_handlers` answers each
with the status :data:`STATUS` gives its type (the most specific registered type wins):

- under ``/api/`` (and ``/openapi.json``) as JSON, ``{"detail": message}``;
- anywhere else as an HTML page in the site's layout. An anonymous visitor refused a
  page (401 on a GET) is sent to the login page, and back after logging in.

A form that must show its error next to the field, with what the user typed, raises
:class:`FormError`: the handler re-renders the form's template with the user's input.
Any :class:`WebError` may name its own page the same way (the reporter's pages answer
in the reporter's language). A route that must answer rather than raise, because its
transaction must commit, returns :func:`respond`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from tocsin.plugins import UnknownPluginError
from tocsin.reference.countries import UnknownCountryError


class WebError(Exception):
    """A refusal the web layer answers with the status :data:`STATUS` gives its type.

    ``headers`` go on the response (e.g. ``Retry-After``). ``template`` and ``context``
    name the page a browser gets instead of the generic error page (a form shown again
    with its error, or a reporter's page in the reporter's language); API clients always
    get JSON.
    """

    def __init__(
        self,
        message: str = "",
        *,
        headers: Mapping[str, str] | None = None,
        template: str | None = None,
        context: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.headers = dict(headers or {})
        self.template = template
        self.context = dict(context or {})


class NotFound(WebError, LookupError):
    """The object a request names does not exist (404)."""


class Invalid(WebError, ValueError):
    """The request is well-formed but its content cannot be accepted (422)."""


class Conflict(WebError):
    """The request clashes with what is stored, e.g. a duplicate or a finished state (409)."""


class BadRequest(WebError):
    """The request cannot be read as sent (400)."""


class NotAuthenticated(WebError):
    """Who is asking is unknown, or their credentials are not valid (401)."""


class Forbidden(WebError):
    """The caller is known but may not do this (403)."""


class TooLarge(WebError):
    """The request body is over its limit (413)."""


class TooManyRequests(WebError):
    """Too many attempts in too short a time (429)."""


class Unavailable(WebError):
    """The service cannot answer this now: not set up yet, or too busy (503)."""


class RequestTimeout(WebError):
    """The request arrived too slowly (408)."""


class FormError(Invalid):
    """A form's content cannot be accepted: re-render ``template`` with ``context`` (which
    holds the user's input) and ``errors`` (field name -> message) next to the fields."""

    def __init__(
        self, template: str, context: Mapping[str, Any], errors: Mapping[str, str]
    ) -> None:
        self.errors = dict(errors)
        super().__init__(
            "; ".join(f"{field}: {msg}" for field, msg in self.errors.items()),
            template=template,
            context={**context, "errors": self.errors},
        )


STATUS: dict[type[Exception], int] = {
    NotFound: 404,
    Invalid: 422,
    Conflict: 409,
    BadRequest: 400,
    NotAuthenticated: 401,
    Forbidden: 403,
    TooLarge: 413,
    TooManyRequests: 429,
    Unavailable: 503,
    RequestTimeout: 408,
    UnknownCountryError: 404,
    UnknownPluginError: 404,
}


class BodyRefused(StarletteHTTPException):
    """A request refused by the body-limit middleware (:mod:`tocsin.web.limits`), with the
    status of ``kind``. An HTTP exception rather than a :class:`WebError`: raised while
    the framework reads a body, any other error would become a 400."""

    def __init__(self, kind: type[WebError], message: str) -> None:
        super().__init__(STATUS[kind], message)


def status_of(exc: Exception) -> int:
    """The HTTP status of an error type in :data:`STATUS` (the most specific one)."""
    return next(STATUS[cls] for cls in type(exc).__mro__ if cls in STATUS)


TITLES = {
    400: "Bad request",
    401: "Log in first",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed",
    408: "Too slow",
    409: "Conflict",
    413: "Too large",
    422: "Cannot accept this",
    429: "Too many attempts",
    503: "Not available",
}


def templates() -> Jinja2Templates:
    """The site's templates (imported here, not at the top: the templates' helpers use
    :mod:`tocsin.web.auth`, which raises the errors defined here)."""
    from tocsin.web.templating import templates as site_templates

    return site_templates


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
    return templates().TemplateResponse(
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


def respond(request: Request, exc: Exception) -> Response:
    """The answer to ``exc``: JSON under /api/, else its own page (``template``) or the
    site's error page; an anonymous visitor refused a page is sent to log in. Routes that
    must answer rather than raise (their transaction commits) return this."""
    status = status_of(exc)
    headers = getattr(exc, "headers", None) or {}
    if wants_json(request):
        return JSONResponse({"detail": str(exc)}, status_code=status, headers=headers)
    template = getattr(exc, "template", None)
    if template is not None:
        context = getattr(exc, "context", {})
        return templates().TemplateResponse(
            request, template, context, status_code=status, headers=headers
        )
    if status == 401 and request.method in ("GET", "HEAD"):
        return RedirectResponse(login_url(request), 303)
    suggestions = suggestion_links(request, exc) if isinstance(exc, UnknownCountryError) else None
    return _page(request, status, str(exc), suggestions, headers)


async def _handle(request: Request, exc: Exception) -> Response:
    return respond(request, exc)


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
