"""The countries page: every country with panel data and a few latest values."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from tocsin.analysis.forecast.features import predictor_labels
from tocsin.store import panel
from tocsin.store.models.accounts import User
from tocsin.web.auth import reader
from tocsin.web.deps import get_session
from tocsin.web.extensions import NavLink, add_nav_link
from tocsin.web.templating import templates

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


@router.get("/countries", response_class=HTMLResponse, include_in_schema=False)
def countries_page(
    request: Request,
    session: Session = Depends(get_session),
    _user: User | None = Depends(reader),
) -> HTMLResponse:
    """Every country with panel data and a few of its latest values."""
    rows = panel.latest_panel(session)
    labels = {**predictor_labels(), **{i.name: i.label for i in panel.indicators(session)}}
    return templates.TemplateResponse(
        request,
        "panel/countries.html",
        {"rows": rows, "columns": [(c, labels.get(c, c)) for c in KEY_INDICATORS]},
    )
