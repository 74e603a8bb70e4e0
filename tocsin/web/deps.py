"""Request dependencies shared by every capability: a database session, the settings,
the stored country a path or query names, and a stored row by its id."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, TypeVar

from fastapi import Depends, Query, Request
from sqlalchemy.orm import Session

from tocsin.config import Settings
from tocsin.store import panel
from tocsin.store.db import Base
from tocsin.store.models import Country
from tocsin.web.errors import NotFound

Row = TypeVar("Row", bound=Base)


async def get_session(request: Request) -> AsyncIterator[Session]:
    """A session for one request, committed on success, rolled back on error.

    Async so FastAPI does not hop to a worker thread for it; the work it does on the event
    loop (opening a pooled connection lazily, committing) is short.
    """
    with request.app.state.db.session() as session:
        yield session


def get_app_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    return request.app.state.settings


def country_or_404(session: Session, code: str) -> Country:
    """The stored country for ``code`` (any name or code); an unknown one raises
    UnknownCountryError, answered with 404 and the closest names (:mod:`tocsin.web.errors`)."""
    return panel.find_country(session, code)


def path_country(code: str, session: Session = Depends(get_session)) -> Country:
    """Dependency: the stored country the path's ``{code}`` names (any name or code)."""
    return country_or_404(session, code)


CountryInPath = Annotated[Country, Depends(path_country)]


def query_country(
    country: str | None = Query(None, max_length=100, description="Country name or code."),
    session: Session = Depends(get_session),
) -> Country | None:
    """Dependency: the stored country the optional ``?country=`` names, None without one."""
    return country_or_404(session, country) if country else None


CountryInQuery = Annotated[Country | None, Depends(query_country)]


def stored_or_404(session: Session, model: type[Row], ident: int, noun: str) -> Row:
    """The stored ``model`` row with primary key ``ident``; NotFound ("no NOUN ID") when
    there is none."""
    row = session.get(model, ident)
    if row is None:
        raise NotFound(f"no {noun} {ident}")
    return row
