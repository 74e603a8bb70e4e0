"""The review API of civil-society submissions under /api/v1/intake (analysts)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from nacl.public import PublicKey
from sqlalchemy.orm import Session

from tocsin.intake import crypto, service
from tocsin.store.models.accounts import User
from tocsin.store.models.intake import Submission
from tocsin.web.auth import require_role
from tocsin.web.deps import get_session
from tocsin.web.errors import Invalid, NotFound
from tocsin.web.intake.schemas import (
    ReviewIn,
    Status,
    SubmissionDetail,
    SubmissionOut,
    SubmissionPage,
)

router = APIRouter()
analyst = require_role("analyst")


def _submission_or_404(session: Session, key: int | str) -> Submission:
    try:
        return service.get_submission(session, key)
    except service.IntakeError as exc:
        raise NotFound(str(exc)) from None


def org_key(request: Request) -> PublicKey | None:
    """The organisation's public key (replies are sealed to it too), None if not set up."""
    try:
        return crypto.load_public_key(request.app.state.settings.data_dir)
    except crypto.IntakeKeyError:
        return None


def _apply(
    session: Session,
    submission: Submission,
    op: str,
    form: dict[str, str],
    actor: str,
    public_key: PublicKey | None,
) -> None:
    if op == "status":
        service.set_status(
            session,
            submission,
            form.get("status", ""),
            actor,
            duplicate_of=form.get("duplicate_of") or None,
        )
    elif op == "assign":
        service.assign(session, submission, form.get("assignee") or None, actor)
    elif op == "note":
        service.add_note(session, submission, form.get("body", ""), actor)
    elif op == "link":
        service.add_link(
            session,
            submission,
            form.get("kind", ""),
            form.get("ref", ""),
            form.get("label", ""),
            actor,
        )
    elif op == "check":
        service.check_item(
            session,
            submission,
            form.get("item", ""),
            form.get("done") == "1",
            form.get("note", ""),
            actor,
        )
    elif op == "reply":
        service.reply(session, submission, form.get("body", ""), actor, public_key=public_key)
    elif op == "copy":
        service.copy_to_workbench(
            session, submission, form.get("passage", ""), actor, form.get("title", "")
        )
    else:
        raise service.IntakeError(f"unknown action {op!r}")


def _out(session: Session, s: Submission) -> SubmissionOut:
    return SubmissionOut(
        id=s.id,
        ref=s.ref,
        received_hour=s.received_hour.isoformat(),
        status=s.status,
        assigned_to=s.assigned_to,
        country_code=s.country_text,
        place=s.place,
        when=s.when_text,
        how_known=s.how_known,
        attachments=len(service.attachments(session, s)),
    )


def _detail(session: Session, s: Submission) -> SubmissionDetail:
    return SubmissionDetail(
        **_out(session, s).model_dump(),
        language=s.language,
        what=s.what,
        affected=s.affected,
        responsible=s.responsible,
        latitude=s.latitude,
        longitude=s.longitude,
        duplicate_of=s.duplicate_of,
        has_contact=s.contact_sealed is not None,
        checklist=s.checklist or {},
        notes=[
            {"id": n.id, "author": n.author, "at": n.at.isoformat(), "body": n.body}
            for n in service.notes(session, s)
        ],
        links=[
            {"kind": lk.kind, "ref": lk.ref, "label": lk.label, "author": lk.author}
            for lk in service.links(session, s)
        ],
        messages=[
            {
                "direction": m.direction,
                "author": m.author,
                "at": m.at_hour.isoformat(),
                "body": m.body if m.direction == "from_reporter" else None,
                "sealed": m.body_sealed is not None,
            }
            for m in service.messages(session, s)
        ],
        files=[
            {
                "id": a.id,
                "kind": a.kind,
                "media_type": a.media_type,
                "size": a.size,
                "stripped": a.stripped,
                "has_working_copy": a.working_item_id is not None,
            }
            for a in service.attachments(session, s)
        ],
    )


@router.get("/api/v1/intake/submissions", response_model=SubmissionPage, tags=["intake"])
def list_api(
    status: Status | None = None,
    assigned_to: str | None = Query(None, max_length=80),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
    session: Session = Depends(get_session),
    _u: User = Depends(analyst),
) -> SubmissionPage:
    """The review queue (analysts and up)."""
    total, rows = service.list_submissions(session, status, None, assigned_to, limit, offset)
    return SubmissionPage(
        total=total, limit=limit, offset=offset, items=[_out(session, s) for s in rows]
    )


@router.get("/api/v1/intake/submissions/{key}", response_model=SubmissionDetail, tags=["intake"])
def detail_api(
    key: Annotated[str, PathParam(max_length=20)],
    session: Session = Depends(get_session),
    _u: User = Depends(analyst),
) -> SubmissionDetail:
    """One submission with notes, links, checklist, messages (replies stay sealed)."""
    return _detail(session, _submission_or_404(session, key))


@router.get("/api/v1/intake/submissions/{key}/sealed", tags=["intake"])
def sealed_api(
    key: Annotated[str, PathParam(max_length=20)],
    session: Session = Depends(get_session),
    _u: User = Depends(analyst),
) -> dict[str, object]:
    """Everything the reporter wrote, as base64 libsodium sealed boxes for the client to
    open with the organisation's private key (the server cannot open them)."""
    return service.sealed_bundle(session, _submission_or_404(session, key))


@router.post(
    "/api/v1/intake/submissions/{key}/actions", response_model=SubmissionDetail, tags=["intake"]
)
def action_api(
    request: Request,
    key: Annotated[str, PathParam(max_length=20)],
    body: ReviewIn,
    session: Session = Depends(get_session),
    user: User = Depends(analyst),
) -> SubmissionDetail:
    """Change status, assign, add a note or link, tick a checklist item, reply to the
    reporter (sealed to their receipt key and the organisation's key), or copy a passage
    the analyst decrypted into the workbench. Audited."""
    submission = _submission_or_404(session, key)
    form = {
        k: ("1" if v is True else "" if v is False else str(v))
        for k, v in body.model_dump().items()
        if v is not None
    }
    try:
        _apply(session, submission, body.op, form, user.username, org_key(request))
    except service.IntakeError as exc:
        raise Invalid(str(exc)) from None
    session.flush()
    return _detail(session, submission)
