"""The analyst's actions on the drafts from data shown on a country's assessment page
(template ``framework/_drafts.html``): confirm, or override with a reason. Each saves a new
assessment version (audited) through :mod:`tocsin.analysis.framework.drafts`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form
from fastapi import Path as PathParam
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from tocsin.analysis.framework import assessments, drafts
from tocsin.reference.countries import lookup
from tocsin.store.models.accounts import User
from tocsin.web.auth import require_role
from tocsin.web.deps import get_session
from tocsin.web.errors import Invalid

router = APIRouter()
CountryKey = Annotated[str, PathParam(min_length=1, max_length=100)]
FactorCode = Annotated[str, PathParam(min_length=1, max_length=20, pattern=r"^RF\d{1,2}$")]


@router.post("/framework/countries/{country}/{factor}/confirm", include_in_schema=False)
def confirm_form(
    country: CountryKey,
    factor: FactorCode,
    note: str = Form("", max_length=2000),
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> RedirectResponse:
    """Confirm a factor's draft from data (a new, audited assessment version)."""
    code = lookup(country).code
    try:
        drafts.confirm(session, code, factor, user.username, note)
    except drafts.DraftError as exc:
        raise Invalid(str(exc)) from None
    return RedirectResponse(f"/framework/countries/{code}#draft-{factor}", 303)


@router.post("/framework/countries/{country}/{factor}/override", include_in_schema=False)
def override_form(
    country: CountryKey,
    factor: FactorCode,
    level: assessments.Level = Form(...),
    reason: str = Form(..., max_length=4000),
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> RedirectResponse:
    """Replace a factor's draft level, with a reason (a new, audited assessment version)."""
    code = lookup(country).code
    try:
        drafts.override(session, code, factor, level, reason, user.username)
    except drafts.DraftError as exc:
        raise Invalid(str(exc)) from None
    return RedirectResponse(f"/framework/countries/{code}#draft-{factor}", 303)
