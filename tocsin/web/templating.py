"""The Jinja2 templates every page renders with, and the globals they share: the CSRF
field, the navigation (only the links the visitor may use), who is signed in, and the
messages that confirm a save after its redirect (:func:`flash`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from tocsin.store.accounts import role_at_least, session_user
from tocsin.store.models.accounts import User
from tocsin.web.auth import csrf_token
from tocsin.web.extensions import NavLink, evidence_url, nav_links
from tocsin.web.highlight import passage

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
FLASH_KEY = "flash"


@dataclass(frozen=True)
class SignedIn:
    """Who the page is shown to."""

    username: str
    role: str


def snapshot(user: User | None) -> SignedIn | None:
    """A copy of who ``user`` is that a template can read after the request's database
    session is closed (an error page is rendered after the rollback)."""
    return SignedIn(user.username, user.role) if user is not None else None


def _csrf_input(request: Request) -> Markup:
    return Markup(f'<input type="hidden" name="csrf_token" value="{csrf_token(request)}">')


def signed_in(request: Request) -> SignedIn | None:
    """The user of the browser session, or None for a visitor (read once per request)."""
    if hasattr(request.state, "signed_in"):
        cached: SignedIn | None = request.state.signed_in
        return cached
    found = None
    user_id = request.session.get("uid") if "session" in request.scope else None
    version = request.session.get("sv") if "session" in request.scope else None
    if isinstance(user_id, int) and isinstance(version, int):
        with request.app.state.db.session() as session:
            # the same check as authentication: a cookie from an ended session shows nobody
            found = snapshot(session_user(session, user_id, version))
    request.state.signed_in = found
    return found


def visible_nav_links(request: Request) -> list[NavLink]:
    """The navigation links the visitor's role can use."""
    user = signed_in(request)
    return [
        link
        for link in nav_links()
        if link.min_role is None or (user is not None and role_at_least(user.role, link.min_role))
    ]


def flash(request: Request, message: str) -> None:
    """Show ``message`` on the next page this browser renders (after a redirect)."""
    request.session[FLASH_KEY] = [*request.session.get(FLASH_KEY, []), message][-5:]


def flashes(request: Request) -> list[str]:
    """The messages waiting for this browser, removed as they are shown."""
    if "session" not in request.scope:
        return []
    return list(request.session.pop(FLASH_KEY, []))


templates.env.globals["csrf_input"] = _csrf_input
templates.env.globals["nav_links"] = visible_nav_links
templates.env.globals["signed_in"] = signed_in
templates.env.globals["flashes"] = flashes
templates.env.globals["evidence_url"] = evidence_url
templates.env.globals["role_at_least"] = role_at_least
templates.env.filters["passage"] = passage
