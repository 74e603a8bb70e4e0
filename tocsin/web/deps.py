"""Request dependencies shared by the routers: a database session and the templates."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from sqlalchemy.orm import Session

from tocsin.config import Settings
from tocsin.web.extensions import evidence_url, nav_links

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def _csrf_input(request: Request) -> Markup:
    from tocsin.web.auth import csrf_token

    return Markup(f'<input type="hidden" name="csrf_token" value="{csrf_token(request)}">')


templates.env.globals["csrf_input"] = _csrf_input
templates.env.globals["nav_links"] = nav_links
templates.env.globals["evidence_url"] = evidence_url


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
