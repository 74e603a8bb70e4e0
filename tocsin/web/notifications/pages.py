"""The weekly digest page."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from sqlalchemy.orm import Session

from tocsin.reports import digest as digests
from tocsin.store.models.accounts import User
from tocsin.web.auth import reader
from tocsin.web.deps import get_session
from tocsin.web.extensions import NavLink, add_nav_link
from tocsin.web.notifications.api import _digest
from tocsin.web.templating import templates

router = APIRouter()


add_nav_link(NavLink("Digest", "/digest", order=35))


@router.get("/digest", response_class=HTMLResponse, include_in_schema=False)
def digest_page(
    request: Request,
    end: date | None = Query(None),
    days: int = Query(7, ge=1, le=366),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> HTMLResponse:
    """The weekly digest as a page."""
    report = _digest(request, session, end, days)
    body = Markup(digests.render_html(report))  # rendered by an autoescaping template
    previous = report.start - timedelta(days=1)
    return templates.TemplateResponse(
        request, "alerts/digest.html", {"digest": report, "body": body, "previous": previous}
    )
