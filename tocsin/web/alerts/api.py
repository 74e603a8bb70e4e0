"""The alerts API under /api/v1/alerts: list, detail, lifecycle actions."""

from __future__ import annotations

from fastapi import (
    APIRouter,
    BackgroundTasks,
    Depends,
    Query,
    Request,
)
from sqlalchemy.orm import Session

from tocsin.alerts import queries
from tocsin.alerts.engine import AlertError, transition
from tocsin.alerts.notify import notify_alerts
from tocsin.alerts.submission_cluster import ReviewError, confirm, publicly_visible
from tocsin.analysis.events.freshness import events_freshness
from tocsin.store.accounts import role_at_least
from tocsin.store.models import Alert
from tocsin.store.models.accounts import User
from tocsin.web.alerts.schemas import (
    ActionIn,
    AlertDetail,
    AlertId,
    AlertOut,
    AlertPage,
    SeverityLevel,
    Status,
)
from tocsin.web.auth import reader, require_role
from tocsin.web.deps import CountryInQuery, get_session, stored_or_404
from tocsin.web.errors import Conflict, Forbidden, NotFound
from tocsin.web.extensions import (
    evidence_url,
)

router = APIRouter()


def _detail(session: Session, alert: Alert) -> AlertDetail:
    record = queries.alert_record(session, alert.id)
    assert record is not None  # the caller holds the alert
    for item in record["evidence"]:
        item["url"] = evidence_url(item["kind"], item["ref"])
    return AlertDetail.model_validate(
        {
            **record,
            "awaiting_review": not publicly_visible(alert),
            "history": record["timeline"],
            "next_id": queries.next_episode(session, alert.id),
            "freshness": events_freshness(session).text,
        }
    )


def public_view(user: User | None) -> bool:
    """True for callers below analyst: they see only publicly visible alerts."""
    return user is None or not role_at_least(user.role, "analyst")


def query_alerts(
    session: Session,
    status: str | None = None,
    country: str | None = None,
    signal: str | None = None,
    limit: int = 50,
    offset: int = 0,
    severity: str | None = None,
    public_only: bool = True,
) -> tuple[int, list[AlertOut]]:
    """Alerts matching the filters (country by name or code), atrocity alerts first, then
    by severity and most recent update, with the total count (``public_only``: without
    alerts awaiting a reviewer's confirmation)."""
    total, items = queries.query_alerts(
        session,
        status,
        country,
        severity,
        signal,
        limit=limit,
        offset=offset,
        public_only=public_only,
    )
    return total, [AlertOut.model_validate(item) for item in items]


def _alert_or_404(session: Session, alert_id: int, user: User | None = None) -> Alert:
    alert = stored_or_404(session, Alert, alert_id, "alert")
    if public_view(user) and not publicly_visible(alert):
        raise NotFound(f"no alert {alert_id}")
    return alert


def confirm_alert(
    request: Request, background: BackgroundTasks, session: Session, alert_id: int, user: User
) -> Alert:
    """A reviewer confirms an alert raised from submissions: public from now on, and
    sent to subscribers."""
    alert = _alert_or_404(session, alert_id, user)
    try:
        confirm(session, alert, user.username, user.role)
    except ReviewError as exc:
        raise Forbidden(str(exc)) from None
    session.commit()
    background.add_task(_notify, request, alert_id, "new")
    return alert


@router.get("/api/v1/alerts", response_model=AlertPage, tags=["alerts"])
def list_alerts_api(
    place: CountryInQuery,
    status: Status | None = Query(None),
    severity: SeverityLevel | None = Query(None),
    signal: str | None = Query(None, max_length=60),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
    session: Session = Depends(get_session),
    user: User | None = Depends(reader),
) -> AlertPage:
    """Alerts, filterable by status, country, severity and signal; alerts on violence
    against civilians come before conflict context, then the most severe (alerts from
    submissions only once a reviewer confirmed them, unless the caller is an analyst)."""
    code = place.code if place else None
    total, items = query_alerts(
        session, status, code, signal, limit, offset, severity, public_view(user)
    )
    fresh = events_freshness(session)
    return AlertPage(
        total=total,
        limit=limit,
        offset=offset,
        items=items,
        freshness=fresh.text,
        stale=fresh.stale,
    )


@router.get("/api/v1/alerts/{alert_id}", response_model=AlertDetail, tags=["alerts"])
def alert_api(
    alert_id: AlertId, session: Session = Depends(get_session), user: User | None = Depends(reader)
) -> AlertDetail:
    """One alert with its evidence, timeline, episode chain, who was notified and who
    responded."""
    return _detail(session, _alert_or_404(session, alert_id, user))


@router.post("/api/v1/alerts/{alert_id}/confirm", response_model=AlertDetail, tags=["alerts"])
def confirm_api(
    alert_id: AlertId,
    request: Request,
    background: BackgroundTasks,
    user: User = Depends(require_role("reviewer")),
    session: Session = Depends(get_session),
) -> AlertDetail:
    """Confirm an alert raised from civil-society submissions (reviewers; audited)."""
    return _detail(session, confirm_alert(request, background, session, alert_id, user))


@router.post("/api/v1/alerts/{alert_id}/actions", response_model=AlertDetail, tags=["alerts"])
def alert_action_api(
    alert_id: AlertId,
    body: ActionIn,
    request: Request,
    background: BackgroundTasks,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> AlertDetail:
    """Acknowledge, escalate or close an alert (analysts and up; audited).

    Escalation notifies the alert's subscribers after the response."""
    _alert_or_404(session, alert_id, user)
    alert = _transition(request, background, session, alert_id, body.action, user, body.note)
    return _detail(session, alert)


def _notify(request: Request, alert_id: int, reason: str) -> None:
    with request.app.state.db.session() as session:
        notify_alerts(session, request.app.state.settings, [alert_id], reason)


def _transition(
    request: Request,
    background: BackgroundTasks,
    session: Session,
    alert_id: int,
    action: str,
    user: User,
    note: str,
) -> Alert:
    try:
        alert = transition(session, alert_id, action, user.username, note)
    except AlertError as exc:
        raise Conflict(str(exc)) from None
    if action == "escalate":
        session.commit()  # the notifier reads the escalated alert in its own session
        background.add_task(_notify, request, alert_id, "escalated")
    return alert
