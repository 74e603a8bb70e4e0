"""Subscriptions to alert notifications and the weekly digest as text, under /api/v1."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from sqlalchemy.orm import Session

from tocsin.alerts import notify
from tocsin.config import Settings
from tocsin.reference.countries import UnknownCountryError
from tocsin.reports import digest as digests
from tocsin.store.models import Subscription
from tocsin.store.models.accounts import User
from tocsin.web.auth import reader, require_role
from tocsin.web.deps import get_app_settings, get_session
from tocsin.web.errors import Invalid, NotFound
from tocsin.web.notifications.schemas import SubscriptionIn, SubscriptionOut

router = APIRouter()


def _out(sub: Subscription) -> SubscriptionOut:
    return SubscriptionOut(
        id=sub.id,
        channel=sub.channel,
        target=sub.target,
        countries=sub.countries,
        min_severity=sub.min_severity,
        digest=sub.digest,
        active=sub.active,
        created_by=sub.created_by,
    )


@router.get("/api/v1/subscriptions", response_model=list[SubscriptionOut], tags=["alerts"])
def list_subscriptions_api(
    include_inactive: bool = Query(False),
    session: Session = Depends(get_session),
    _u: User = Depends(require_role("analyst")),
) -> list[SubscriptionOut]:
    """Notification subscriptions (analysts and up: they hold addresses)."""
    return [_out(s) for s in notify.list_subscriptions(session, include_inactive)]


@router.post(
    "/api/v1/subscriptions", response_model=SubscriptionOut, status_code=201, tags=["alerts"]
)
def subscribe_api(
    request: Request,
    body: SubscriptionIn,
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> SubscriptionOut:
    """Notify an e-mail address or webhook of alerts by country and minimum severity.
    An e-mail subscription is refused while no SMTP server is configured."""
    return _out(create_subscription(session, get_app_settings(request), body, user))


@router.delete(
    "/api/v1/subscriptions/{subscription_id}", response_model=SubscriptionOut, tags=["alerts"]
)
def unsubscribe_api(
    subscription_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> SubscriptionOut:
    """Cancel a subscription (kept inactive for the delivery record)."""
    try:
        return _out(notify.unsubscribe(session, subscription_id, user.username))
    except notify.SubscriptionError as exc:
        raise NotFound(str(exc)) from None


def email_refusal(settings: Settings, channel: str) -> str | None:
    """Why an e-mail subscription cannot be kept here (no SMTP server), else None."""
    if channel == "email" and not settings.smtp_host:
        return (
            "e-mail cannot be sent: no SMTP server is configured (set TOCSIN_SMTP_HOST or "
            "smtp_host in the config file), so this subscriber would never hear of an alert"
        )
    return None


def create_subscription(
    session: Session, settings: Settings, body: SubscriptionIn, user: User
) -> Subscription:
    """Subscribe through the service; refused at once (:class:`Invalid`) when the channel
    cannot deliver here, an address or country is wrong."""
    refusal = email_refusal(settings, body.channel)
    if refusal:
        raise Invalid(refusal)
    try:
        return notify.subscribe(
            session,
            body.channel,
            body.target,
            user.username,
            body.countries,
            body.min_severity,
            body.digest,
        )
    except (notify.SubscriptionError, UnknownCountryError) as exc:
        raise Invalid(str(exc)) from None


FIRST_DIGEST_DAY = date(1900, 1, 1)


def _digest(request: Request, session: Session, end: date | None, days: int) -> digests.Digest:
    """The digest with links to the address the server runs on (``TOCSIN_PUBLIC_URL``, or
    ``--host``/``--port``)."""
    if end is not None and end < FIRST_DIGEST_DAY:
        raise Invalid(f"end: {end} is before {FIRST_DIGEST_DAY}")
    base_url = get_app_settings(request).base_url
    return digests.build_digest(session, end or date.today(), days, base_url)


@router.get("/api/v1/digest", tags=["alerts"], response_class=PlainTextResponse)
def digest_api(
    request: Request,
    end: date | None = Query(None, description="Last day of the period; default today."),
    days: int = Query(7, ge=1, le=366),
    format: Literal["text", "html"] = Query("text"),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> Response:
    """The digest of the ``days`` days up to ``end``, as plain text or HTML."""
    report = _digest(request, session, end, days)
    if format == "html":
        return HTMLResponse(digests.render_html(report))
    return PlainTextResponse(digests.render_text(report))
