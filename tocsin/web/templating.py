"""The Jinja2 templates every page renders with, and the globals they share."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from tocsin.store.accounts import role_at_least
from tocsin.web.auth import csrf_token
from tocsin.web.extensions import evidence_url, nav_links

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def _csrf_input(request: Request) -> Markup:
    return Markup(f'<input type="hidden" name="csrf_token" value="{csrf_token(request)}">')


templates.env.globals["csrf_input"] = _csrf_input
templates.env.globals["nav_links"] = nav_links
templates.env.globals["evidence_url"] = evidence_url
templates.env.globals["role_at_least"] = role_at_least
