"""Errors and their HTTP status codes, in one place.

Routes raise typed exceptions (a domain error from the service they call, or
:class:`NotFound` / :class:`Invalid`) and never pick a status by reading an error's
text. :func:`add_error_handlers` answers each with ``{"detail": message}`` and the status
:data:`STATUS` gives its type (the most specific registered type wins).
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from tocsin.plugins import UnknownPluginError
from tocsin.reference.countries import UnknownCountryError


class NotFound(LookupError):
    """The object a request names does not exist (404)."""


class Invalid(ValueError):
    """The request is well-formed but its content cannot be accepted (422)."""


class Conflict(Exception):
    """The request clashes with what is stored, e.g. a duplicate or a finished state (409)."""


class BadRequest(Exception):
    """The request cannot be read as sent (400)."""


STATUS: dict[type[Exception], int] = {
    NotFound: 404,
    Invalid: 422,
    Conflict: 409,
    BadRequest: 400,
    UnknownCountryError: 404,
    UnknownPluginError: 404,
}


async def _handle(request: Request, exc: Exception) -> JSONResponse:
    status = next(STATUS[cls] for cls in type(exc).__mro__ if cls in STATUS)
    return JSONResponse({"detail": str(exc)}, status_code=status)


def add_error_handlers(app: FastAPI) -> None:
    """Answer every error type in :data:`STATUS` with its status code."""
    for cls in STATUS:
        app.add_exception_handler(cls, _handle)
