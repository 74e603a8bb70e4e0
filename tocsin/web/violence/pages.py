"""The event page and the country page's organised-violence section."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from tocsin.alerts.yearly import KIND_LABELS
from tocsin.analysis.events.freshness import events_freshness, monthly_table
from tocsin.analysis.events.yearly import country_yearly
from tocsin.sources.ucdp_yearly import DEATH_KINDS
from tocsin.store.models import Country
from tocsin.store.models.accounts import User
from tocsin.web import charts
from tocsin.web.auth import reader
from tocsin.web.deps import get_session
from tocsin.web.extensions import CountrySection, add_country_section, add_evidence_link
from tocsin.web.templating import templates
from tocsin.web.violence.api import _event_or_404
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
    context = {"event": _event_or_404(session, event_id), "freshness": events_freshness(session)}
    return templates.TemplateResponse(request, "alerts/event.html", context)


def _section(session: Session, country: Country) -> dict[str, object]:
    """UCDP's yearly deaths by measure (a chart each, or a note when none are recorded)
    and the monthly event table with its freshness."""
    stored = country_yearly(session, country.id)
    yearly = []
    for measure in DEATH_KINDS:
        points = [(float(year), deaths) for year, deaths in stored.get(measure, [])]
        chart = charts.line_chart(points, y_format="{:,.0f}") if any(d for _, d in points) else None
        yearly.append((measure, KIND_LABELS[measure], chart))
    return {"yearly": yearly, "table": monthly_table(session, country, MONTHS_SHOWN)}


add_country_section(
    CountrySection("violence", "Organised violence", "alerts/_violence.html", _section, order=25)
)
