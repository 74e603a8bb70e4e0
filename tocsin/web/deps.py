"""Request dependencies shared by the routers: a database session and the templates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from tocsin.config import Settings

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def get_session(request: Request) -> Iterator[Session]:
    """A session for one request, committed on success, rolled back on error."""
    with request.app.state.db.session() as session:
        yield session


def get_app_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    return request.app.state.settings
