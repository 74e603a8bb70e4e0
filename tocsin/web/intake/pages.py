"""The analysts' intake pages: the review queue, a submission with its checklist and the
in-browser reader of its sealed text and files (the private key never reaches the
server), plus the country-page section."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from tocsin.intake import queries, service
from tocsin.store import locker
from tocsin.store.models import Country
from tocsin.store.models.accounts import User
from tocsin.store.models.intake import SUBMISSION_STATUSES, IntakeAttachment, Submission
from tocsin.web.auth import csrf_token
from tocsin.web.deps import get_session, stored_or_404
from tocsin.web.errors import BadRequest, NotFound, respond
from tocsin.web.extensions import (
    CountrySection,
    NavLink,
    add_country_section,
    add_evidence_link,
    add_nav_link,
)
from tocsin.web.intake import reader
from tocsin.web.intake.api import _apply, _submission_or_404, analyst, org_key
from tocsin.web.intake.schemas import Status
from tocsin.web.templating import templates

router = APIRouter()


add_nav_link(NavLink("Intake", "/intake", order=40, min_role="analyst"))


add_evidence_link("submission", "/intake/{ref}")


@router.get("/intake", response_class=HTMLResponse, include_in_schema=False)
def queue_page(
    request: Request,
    status: Status | None = None,
    mine: bool = False,
    session: Session = Depends(get_session),
    user: User = Depends(analyst),
) -> HTMLResponse:
    """The review queue (analysts and up)."""
    total, rows = service.list_submissions(
        session, status=status, assigned_to=user.username if mine else None, limit=200
    )
    countries = queries.countries_by_id(session, {s.country_id for s in rows if s.country_id})
    return templates.TemplateResponse(
        request,
        "intake/queue.html",
        {
            "rows": rows,
            "total": total,
            "status": status,
            "statuses": SUBMISSION_STATUSES,
            "countries": countries,
            "user": user,
            "mine": mine,
        },
    )


def _detail_context(session: Session, submission: Submission, user: User) -> dict[str, Any]:
    atts = service.attachments(session, submission)
    ids = {a.original_item_id for a in atts} | {
        a.working_item_id for a in atts if a.working_item_id
    }
    items = queries.evidence_items(session, ids)
    country = (
        stored_or_404(session, Country, submission.country_id, "country")
        if submission.country_id
        else None
    )
    users = queries.active_usernames(session)
    return {
        "s": submission,
        "country": country,
        "attachments": atts,
        "items": items,
        "messages": service.messages(session, submission),
        "notes": service.notes(session, submission),
        "links": service.links(session, submission),
        "checklist": service.CHECKLIST,
        "statuses": SUBMISSION_STATUSES,
        "user": user,
        "users": users,
        "link_kinds": service.LINK_KINDS,
        "bundle": service.sealed_bundle(session, submission),
        "reader_ready": reader.available(),
    }


@router.get("/intake/{key}", response_class=HTMLResponse, include_in_schema=False)
def submission_page(
    request: Request,
    key: Annotated[str, PathParam(max_length=20)],
    session: Session = Depends(get_session),
    user: User = Depends(analyst),
) -> HTMLResponse:
    """One submission with its review tools."""
    submission = _submission_or_404(session, key)
    context = _detail_context(session, submission, user)
    return templates.TemplateResponse(
        request, "intake/detail.html", {**context, "error": None, "csrf": csrf_token(request)}
    )


@router.post("/intake/{key}", response_class=HTMLResponse, include_in_schema=False)
async def submission_action(
    request: Request,
    key: Annotated[str, PathParam(max_length=20)],
    session: Session = Depends(get_session),
    user: User = Depends(analyst),
) -> Response:
    """The review forms on a submission page (status, assignment, notes, links,
    checklist, reply); every change is audited."""
    raw = await request.form()
    form = {k: v for k, v in raw.items() if isinstance(v, str)}
    submission = _submission_or_404(session, key)
    try:
        _apply(session, submission, form.get("op", ""), form, user.username, org_key(request))
    except service.IntakeError as exc:
        session.rollback()
        submission = _submission_or_404(session, key)
        context = {**_detail_context(session, submission, user), "error": str(exc)}
        context["csrf"] = csrf_token(request)
        refusal = BadRequest(str(exc), template="intake/detail.html", context=context)
        return respond(request, refusal)  # rendered while the submission can still be read
    return RedirectResponse(f"/intake/{submission.id}", 303)


@router.get("/intake/assets/{name}", include_in_schema=False)
def reader_asset(name: str, _u: User = Depends(analyst)) -> FileResponse:
    """The scripts of the analysts' reader: libsodium.js (served from the local npm
    install, never a CDN) and the page script that opens sealed boxes in the browser."""
    path = reader.asset(name)
    if path is None:
        raise NotFound(
            f"no reader script {name!r}"
            if name not in reader.ASSETS
            else "libsodium.js is not installed: run scripts/setup.sh (npm libsodium-wrappers)"
        )
    return FileResponse(
        path, media_type="text/javascript", headers={"Cache-Control": "private, max-age=3600"}
    )


@router.post("/intake/{key}/files/{attachment_id}", include_in_schema=False)
def sealed_file(
    request: Request,
    key: Annotated[str, PathParam(max_length=20)],
    attachment_id: int,
    original: bool = False,
    session: Session = Depends(get_session),
    user: User = Depends(analyst),
) -> Response:
    """An attachment's sealed bytes for the analyst's browser to open (the server cannot);
    a POST because each one is recorded in the custody log as an access."""
    submission = _submission_or_404(session, key)
    attachment = stored_or_404(session, IntakeAttachment, attachment_id, "attachment")
    if attachment.submission_id != submission.id:
        raise NotFound(f"submission {submission.ref} has no attachment {attachment_id}")
    root = locker.default_root(request.app.state.settings.data_dir)
    try:
        data = service.sealed_attachment(
            session, root, attachment, user.username, original=original
        )
    except (service.IntakeError, locker.LockerError) as exc:
        raise BadRequest(str(exc)) from None
    return Response(
        data,
        media_type="application/octet-stream",
        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
    )


def _country_context(session: Session, country: Country) -> dict[str, Any]:
    counts = service.status_counts(session, country.id)
    return {"counts": counts, "total": sum(counts.values())}


add_country_section(
    CountrySection(
        "intake", "Civil-society submissions", "intake/_country.html", _country_context, order=70
    )
)
