"""The event page and the country page's organised-violence section."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from tocsin.alerts.yearly import KIND_LABELS
from tocsin.store.models import Country
from tocsin.store.models.accounts import User
from tocsin.web import charts
from tocsin.web.auth import reader
from tocsin.web.deps import get_session
from tocsin.web.extensions import CountrySection, add_country_section, add_evidence_link
from tocsin.web.templating import templates
from tocsin.web.violence.api import _event_or_404, _violence
from tocsin.web.violence.schemas import EventId

router = APIRouter()
MONTHS_SHOWN = 24


add_evidence_link("event", "/events/{ref}")


@router.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
def event_page(
    event_id: EventId,
    request: Request,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> HTMLResponse:
    """One conflict event: when, where, who, how many died, and its source."""
    return templates.TemplateResponse(
        request, "alerts/event.html", {"event": _event_or_404(session, event_id)}
    )


def _section(session: Session, country: Country) -> dict[str, object]:
    data = _violence(session, country)
    yearly = [
        (
            KIND_LABELS.get(kind, kind),
            charts.line_chart([(p.year, p.deaths) for p in points], y_format="{:,.0f}"),
        )
        for kind, points in sorted(data.yearly.items())
        if any(p.deaths for p in points)
    ]
    return {"yearly": yearly, "months": data.monthly[-MONTHS_SHOWN:]}


add_country_section(
    CountrySection("violence", "Organised violence", "alerts/_violence.html", _section, order=25)
)
