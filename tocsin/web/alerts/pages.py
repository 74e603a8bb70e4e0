"""Alert list and detail pages with lifecycle actions, and the country page's section."""

from __future__ import annotations

from fastapi import (
    APIRouter,
    BackgroundTasks,
    Depends,
    Form,
    Query,
    Request,
)
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from tocsin.alerts.submission_cluster import publicly_visible
from tocsin.analysis.events.freshness import events_freshness
from tocsin.store.models import Alert, Country
from tocsin.store.models.accounts import User
from tocsin.web.alerts.api import (
    _alert_or_404,
    _detail,
    _transition,
    confirm_alert,
    public_view,
    query_alerts,
)
from tocsin.web.alerts.schemas import Action, AlertId, SeverityLevel, Status
from tocsin.web.auth import reader, require_role
from tocsin.web.deps import CountryInQuery, get_session, stored_or_404
from tocsin.web.extensions import (
    CountrySection,
    NavLink,
    add_country_section,
    add_nav_link,
)
from tocsin.web.templating import flash, templates

router = APIRouter()


add_nav_link(NavLink("Alerts", "/alerts", order=30))


@router.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
def alerts_page(
    request: Request,
    place: CountryInQuery,
    status: Status | None = Query(None),
    severity: SeverityLevel | None = Query(None),
    session: Session = Depends(get_session),
    user: User | None = Depends(reader),
) -> HTMLResponse:
    """Alerts, atrocity alerts first, filterable by status, country and severity."""
    code = place.code if place else None
    total, items = query_alerts(
        session, status, code, limit=200, severity=severity, public_only=public_view(user)
    )
    context = {
        "alerts": items,
        "total": total,
        "filters": {
            "status": status,
            "country": place.name if place else None,
            "severity": severity,
        },
        "freshness": events_freshness(session).text,
    }
    return templates.TemplateResponse(request, "alerts/list.html", context)


@router.get("/alerts/{alert_id}", response_class=HTMLResponse, include_in_schema=False)
def alert_page(
    alert_id: AlertId,
    request: Request,
    session: Session = Depends(get_session),
    user: User | None = Depends(reader),
) -> HTMLResponse:
    """One alert: timeline, evidence, episode chain, who was notified and who responded,
    and (for analysts) lifecycle buttons."""
    alert = _detail(session, _alert_or_404(session, alert_id, user))
    context = {"alert": alert, "user": user, "freshness": events_freshness(session).text}
    return templates.TemplateResponse(request, "alerts/detail.html", context)


@router.post("/alerts/{alert_id}", include_in_schema=False)
def alert_form(
    alert_id: AlertId,
    request: Request,
    background: BackgroundTasks,
    action: Action = Form(...),
    note: str = Form("", max_length=2000),
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> RedirectResponse:
    """The lifecycle form on the alert page."""
    _alert_or_404(session, alert_id, user)
    _transition(request, background, session, alert_id, action, user, note)
    flash(request, f"Saved: {action} on alert {alert_id}.")
    return RedirectResponse(f"/alerts/{alert_id}", 303)


@router.post("/alerts/{alert_id}/confirm", include_in_schema=False)
def confirm_form(
    alert_id: AlertId,
    request: Request,
    background: BackgroundTasks,
    user: User = Depends(require_role("reviewer")),
    session: Session = Depends(get_session),
) -> RedirectResponse:
    """The reviewer's confirmation of an alert raised from submissions."""
    confirm_alert(request, background, session, alert_id, user)
    flash(request, f"Confirmed alert {alert_id}: it is now public and subscribers are told.")
    return RedirectResponse(f"/alerts/{alert_id}", 303)


def _country_alerts(session: Session, country: Country, user: User | None) -> dict[str, object]:
    """Open alerts about ``country``: public ones for visitors and viewers; for analysts
    also those awaiting a reviewer's confirmation, marked as such."""
    public_only = public_view(user)
    total, items = query_alerts(session, country=country.code, limit=10, public_only=public_only)
    shown = [a for a in items if a.status != "closed"]
    awaiting = set() if public_only else {a.id for a in shown if not _is_public(session, a.id)}
    return {"alerts": shown, "total": total, "awaiting": awaiting}


def _is_public(session: Session, alert_id: int) -> bool:
    return publicly_visible(stored_or_404(session, Alert, alert_id, "alert"))


add_country_section(
    CountrySection(
        "alerts", "Alerts", "alerts/_country.html", _country_alerts, order=20, for_viewer=True
    )
)
