"""Countries with their latest panel values: a page and a JSON endpoint."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session

from tocsin.store import panel
from tocsin.store.models.accounts import User
from tocsin.web.auth import reader
from tocsin.web.deps import get_session, templates
from tocsin.web.extensions import NavLink, add_nav_link

router = APIRouter()
add_nav_link(NavLink("Panel data", "/countries", order=50))

# Shown in the table; every value is in the JSON.
KEY_INDICATORS = (
    "battledeaths.log2",
    "discrimpop",
    "pol_killing_approved",
    "repress_civilsoc",
    "coup.try.5yr",
    "mk_ongoing_count_log2",
    "un_imr_sqrt",
)


class LatestPanel(BaseModel):
    """A country's most recent panel year and its values."""

    code: str
    name: str
    region: str | None
    year: int
    values: dict[str, float]


@router.get("/countries", response_class=HTMLResponse, include_in_schema=False)
def countries_page(
    request: Request,
    session: Session = Depends(get_session),
    _user: User | None = Depends(reader),
) -> HTMLResponse:
    """Every country with panel data and a few of its latest values."""
    rows = panel.latest_panel(session)
    labels = {i.name: i.label for i in panel.indicators(session)}
    return templates.TemplateResponse(
        request,
        "panel/countries.html",
        {"rows": rows, "columns": [(c, labels.get(c, c)) for c in KEY_INDICATORS]},
    )


@router.get("/api/v1/panel/latest", response_model=list[LatestPanel], tags=["panel"])
def latest_panel_api(
    session: Session = Depends(get_session), _user: User | None = Depends(reader)
) -> list[LatestPanel]:
    """The latest panel year and all values of every country with panel data."""
    return [LatestPanel(**row.__dict__) for row in panel.latest_panel(session)]
