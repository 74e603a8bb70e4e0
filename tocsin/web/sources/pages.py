"""The /sources page: where every figure comes from and how fresh it is."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from tocsin.store.dataset_status import dataset_statuses
from tocsin.store.models.accounts import User
from tocsin.web.auth import reader
from tocsin.web.deps import get_app_settings, get_session
from tocsin.web.extensions import NavLink, add_nav_link
from tocsin.web.templating import templates

router = APIRouter(include_in_schema=False)

add_nav_link(NavLink("Sources", "/sources", order=80))


@router.get("/sources", response_class=HTMLResponse)
def sources_page(
    request: Request,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> HTMLResponse:
    """Every registered dataset by group, with its freshness here."""
    rows = dataset_statuses(session, get_app_settings(request))
    groups: dict[str, list[object]] = {}
    for row in rows:
        groups.setdefault(row.dataset.group.split("/")[0], []).append(row)
    return templates.TemplateResponse(request, "sources/list.html", {"groups": groups})
