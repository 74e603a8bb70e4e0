"""The subscriptions page: analysts subscribe e-mail addresses and webhooks to alerts,
filtered by country and minimum severity, and cancel them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session

from tocsin.alerts import notify
from tocsin.alerts.notify import SEVERITIES, Channel
from tocsin.reference.countries import UnknownCountryError, lookup
from tocsin.store.models.accounts import User
from tocsin.web.auth import require_role
from tocsin.web.deps import get_app_settings, get_session
from tocsin.web.errors import FormError, Invalid, NotFound
from tocsin.web.extensions import NavLink, add_nav_link
from tocsin.web.notifications.api import _out, create_subscription, email_refusal
from tocsin.web.notifications.schemas import SubscriptionIn
from tocsin.web.templating import flash, snapshot, templates

router = APIRouter(include_in_schema=False)

add_nav_link(NavLink("Subscriptions", "/subscriptions", order=36, min_role="analyst"))

TEMPLATE = "alerts/subscriptions.html"
EMPTY_FORM = {"channel": "webhook", "target": "", "countries": "", "min_severity": "medium"}


def _context(request: Request, session: Session, user: User) -> dict[str, object]:
    return {
        "subscriptions": [_out(s) for s in notify.list_subscriptions(session, False)],
        "severities": SEVERITIES,
        "email_refusal": email_refusal(get_app_settings(request), "email"),
        "form": dict(EMPTY_FORM, digest=True),
        "errors": {},
        "user": snapshot(user),
    }


@router.get("/subscriptions", response_class=HTMLResponse)
def subscriptions_page(
    request: Request,
    session: Session = Depends(get_session),
    user: User = Depends(require_role("analyst")),
) -> HTMLResponse:
    """Active subscriptions and the form to add one (analysts: they hold addresses)."""
    return templates.TemplateResponse(request, TEMPLATE, _context(request, session, user))


@router.post("/subscriptions")
def subscribe_form(
    request: Request,
    channel: Channel = Form(...),
    target: str = Form("", max_length=300),
    countries: str = Form("", max_length=4000),
    min_severity: str = Form("medium", max_length=20),
    digest: bool = Form(False),
    session: Session = Depends(get_session),
    user: User = Depends(require_role("analyst")),
) -> RedirectResponse:
    """Add a subscription; a refused one comes back with what was typed and the reason."""
    typed: dict[str, object] = {"channel": channel, "target": target, "countries": countries}
    typed |= {"min_severity": min_severity, "digest": digest}
    names = [c.strip() for c in countries.replace(";", ",").split(",") if c.strip()]
    errors: dict[str, str] = {}
    refusal = email_refusal(get_app_settings(request), channel)
    if refusal:
        errors["channel"] = refusal
    for name in names:
        try:
            lookup(name)
        except UnknownCountryError as exc:
            errors["countries"] = str(exc)
    if not errors:
        try:
            # A plain string until here, so a wrong severity comes back as a form error.
            body = SubscriptionIn.model_validate(
                {
                    "channel": channel,
                    "target": target.strip(),
                    "countries": names,
                    "min_severity": min_severity,
                    "digest": digest,
                }
            )
            sub = create_subscription(session, get_app_settings(request), body, user)
        except ValidationError as exc:
            first = exc.errors()[0]
            errors[str(first["loc"][0])] = str(first["msg"])
        except Invalid as exc:
            errors["target"] = str(exc)
    if errors:
        context = _context(request, session, user) | {"form": typed}
        raise FormError(TEMPLATE, context, errors)
    flash(request, f"Subscribed {sub.target} to {sub.min_severity}+ alerts.")
    return RedirectResponse("/subscriptions", 303)


@router.post("/subscriptions/{subscription_id}/cancel")
def unsubscribe_form(
    request: Request,
    subscription_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    session: Session = Depends(get_session),
    user: User = Depends(require_role("analyst")),
) -> RedirectResponse:
    """Cancel a subscription (kept inactive for the delivery record)."""
    try:
        sub = notify.unsubscribe(session, subscription_id, user.username)
    except notify.SubscriptionError as exc:
        raise NotFound(str(exc)) from None
    flash(request, f"Cancelled the subscription of {sub.target}.")
    return RedirectResponse("/subscriptions", 303)
