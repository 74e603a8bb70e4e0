"""Intake: the public report form and follow-up (no JavaScript needed, four languages,
nothing identifying logged), the analysts' review queue and JSON API, and a country-page
section with counts only.

Privacy of the public routes (``/report...``):
- uvicorn's access log gets ``-`` instead of the client address for them (a filter on
  the ``uvicorn.access`` logger, installed when this module is imported);
- the client address is used only, in memory, to pick a rate-limit bucket through a
  keyed hash whose key rotates hourly (:mod:`tocsin.intake.ratelimit`);
- bodies are limited by Content-Length and by counting the streamed bytes, and parsed in
  memory, so attachments never touch the disk unencrypted;
- responses are ``no-store`` and send no referrer.
"""

from __future__ import annotations

import logging
import secrets
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser

from tocsin.intake import crypto, i18n, service
from tocsin.intake.ratelimit import HashedBuckets
from tocsin.intake.uploads import (
    MAX_FILE_BYTES,
    MAX_FILES,
    CheckedFile,
    UploadRejected,
    check_upload,
)
from tocsin.store import locker
from tocsin.store.models import Country
from tocsin.store.models.accounts import User
from tocsin.store.models.intake import SUBMISSION_STATUSES, IntakeAttachment, Submission
from tocsin.web.auth import CSRF_FIELD, require_role
from tocsin.web.deps import get_session, templates
from tocsin.web.extensions import (
    CountrySection,
    NavLink,
    add_country_section,
    add_evidence_link,
    add_nav_link,
)

router = APIRouter()

PUBLIC_PREFIX = "/report"
MAX_BODY_BYTES = MAX_FILES * MAX_FILE_BYTES + 5 * 1024 * 1024
STATUS_LABELS = {
    "new": "Received",
    "in_review": "Being reviewed",
    "corroborated": "Corroborated",
    "verified": "Verified",
    "rejected": "Closed",
    "duplicate": "Merged with another report",
}
PUBLIC_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}
Status = Literal["new", "in_review", "corroborated", "verified", "rejected", "duplicate"]
analyst = require_role("analyst")


# --- privacy of the logs -----------------------------------------------------------


def is_public_intake_path(path: str) -> bool:
    """True for the reporter-facing routes whose clients must not be logged."""
    return path == PUBLIC_PREFIX or path.startswith((PUBLIC_PREFIX + "/", PUBLIC_PREFIX + "?"))


class DropIntakeClients(logging.Filter):
    """Replace the client address with ``-`` in uvicorn access-log records of the
    public intake routes (args: client, method, path, http version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Scrub the record in place; never drop it."""
        args = record.args
        if (
            isinstance(args, tuple)
            and len(args) >= 3
            and isinstance(args[2], str)
            and is_public_intake_path(args[2])
        ):
            record.args = ("-", *args[1:])
        return True


def install_log_filter() -> None:
    """Attach :class:`DropIntakeClients` to uvicorn's access logger (once)."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, DropIntakeClients) for f in access.filters):
        access.addFilter(DropIntakeClients())


install_log_filter()


# --- reading hostile bodies --------------------------------------------------------


class BodyTooLarge(Exception):
    """The request body is over :data:`MAX_BODY_BYTES`."""


class FormUnreadable(Exception):
    """The body is not a form we accept."""


async def read_limited_form(request: Request, limit: int = MAX_BODY_BYTES) -> FormData:
    """Parse a form without ever holding more than ``limit`` bytes or spooling to disk:
    refuse by Content-Length first, then count the streamed bytes."""
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > limit):
        raise BodyTooLarge
    received = 0

    async def counted():  # noqa: ANN202
        nonlocal received
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit:
                raise BodyTooLarge
            yield chunk

    ctype = request.headers.get("content-type", "")
    try:
        if ctype.startswith("multipart/form-data"):
            parser = MultiPartParser(
                request.headers,
                counted(),
                max_files=MAX_FILES + 1,
                max_fields=40,
                max_part_size=64 * 1024,
            )
            parser.spool_max_size = limit + 1  # uploads stay in memory, never on disk
            return await parser.parse()
        if ctype.startswith("application/x-www-form-urlencoded"):
            return await FormParser(
                request.headers, counted(), max_fields=40, max_part_size=64 * 1024
            ).parse()
    except MultiPartException as exc:
        raise FormUnreadable(str(exc)) from None
    raise FormUnreadable("not a form")


def _csrf_ok(request: Request, form: FormData) -> bool:
    expected = request.session.get(CSRF_FIELD)
    sent = form.get(CSRF_FIELD)
    return bool(expected) and isinstance(sent, str) and secrets.compare_digest(expected, sent)


def _limiter(request: Request, name: str, limit: int) -> HashedBuckets:
    state = request.app.state
    attr = f"intake_limiter_{name}"
    if not hasattr(state, attr):
        setattr(state, attr, HashedBuckets(limit=getattr(state, f"intake_{name}_limit", limit)))
    return getattr(state, attr)


def _client(request: Request) -> str | None:
    return request.client.host if request.client else None


# --- public pages ------------------------------------------------------------------


def _lang(request: Request, requested: str | None = None) -> str:
    return i18n.choose(
        requested or request.query_params.get("lang"), request.headers.get("accept-language")
    )


def _public(
    request: Request, lang: str, template: str, status: int = 200, **context: Any
) -> HTMLResponse:
    _ = i18n.gettext_for(lang)
    base = request.url.path if request.url.path != "/report/follow-up" else "/report/follow-up"
    response = templates.TemplateResponse(
        request,
        template,
        {
            "_": _,
            "lang": lang,
            "text_dir": i18n.direction(lang),
            "here": base,
            "languages": list(i18n.LANGUAGES.items()),
            **context,
        },
        status_code=status,
    )
    response.headers.update(PUBLIC_HEADERS)
    return response


def _refused(request: Request, lang: str, message: str, status: int) -> HTMLResponse:
    return _public(request, lang, "intake/refused.html", status, message=message)


_EMPTY_FORM = {
    "what": "",
    "country": "",
    "place": "",
    "latitude": "",
    "longitude": "",
    "when": "",
    "affected": "",
    "responsible": "",
    "how_known": "",
}


@router.get(PUBLIC_PREFIX, response_class=HTMLResponse, include_in_schema=False)
def report_form(request: Request) -> HTMLResponse:
    """The public report form."""
    return _public(request, _lang(request), "intake/report.html", form=_EMPTY_FORM, errors=[])


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _float(text: str) -> float | None:
    try:
        return float(text) if text.strip() else None
    except ValueError:
        return float("nan")


_PROBLEM_MESSAGES = {
    "what": "Please describe what happened.",
    "how_known": "Please say how you know.",
    "affected": "A text is too long.",
    "responsible": "A text is too long.",
    "contact": "A text is too long.",
    "pin": "The coordinates are not valid (give both, in degrees).",
}


async def _checked_files(form: FormData, _: Any) -> tuple[list[CheckedFile], list[str]]:
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if len(uploads) > MAX_FILES:
        return [], [_("At most 5 files at once.")]
    checked, errors = [], []
    for position, upload in enumerate(uploads, start=1):
        data = await upload.read()
        await upload.close()
        try:
            checked.append(
                check_upload(data, upload.filename or "", upload.content_type or "", position)
            )
        except UploadRejected as exc:
            errors.append(f"{_('A file was not accepted:')} {exc}")
    return checked, errors


async def _guarded_form(request: Request, limiter: str, limit: int):  # noqa: ANN202
    """Read the form and apply size, CSRF and rate limits; (form, lang, refusal)."""
    lang = _lang(request)
    _ = i18n.gettext_for(lang)
    try:
        form = await read_limited_form(request)
    except BodyTooLarge:
        return (
            None,
            lang,
            _refused(request, lang, _("The upload is too large (at most 130 MB in total)."), 413),
        )
    except FormUnreadable:
        return None, lang, _refused(request, lang, _("The form could not be read."), 400)
    lang = _lang(request, _text(form, "lang"))
    _ = i18n.gettext_for(lang)
    if not _csrf_ok(request, form):
        msg = _("The form has expired. Please reload the page and try again.")
        return None, lang, _refused(request, lang, msg, 403)
    if not _limiter(request, limiter, limit).allow(_client(request)):
        msg = _("Too many reports from this connection in the last hour. Please try again later.")
        return None, lang, _refused(request, lang, msg, 429)
    return form, lang, None


def _public_key(request: Request):  # noqa: ANN202
    try:
        return crypto.load_public_key(request.app.state.settings.data_dir)
    except crypto.IntakeKeyError:
        raise HTTPException(503, "reporting is not set up yet (no intake key)") from None


@router.post(PUBLIC_PREFIX, response_class=HTMLResponse, include_in_schema=False)
async def report_submit(request: Request) -> HTMLResponse:
    """Receive a report: check it, seal what must be sealed, show the receipt code once."""
    form, lang, refusal = await _guarded_form(request, "submit", 20)
    if refusal is not None:
        return refusal
    _ = i18n.gettext_for(lang)
    public_key = _public_key(request)
    values = {name: _text(form, name) for name in _EMPTY_FORM}
    report = service.Report(
        what=values["what"],
        how_known=values["how_known"],
        country=values["country"],
        place=values["place"],
        latitude=_float(values["latitude"]),
        longitude=_float(values["longitude"]),
        when_text=values["when"],
        affected=values["affected"],
        responsible=values["responsible"],
        contact=_text(form, "contact"),
        language=lang,
    )
    files, errors = await _checked_files(form, _)
    errors = [_(_PROBLEM_MESSAGES[p]) for p in report.check()] + errors
    if errors:
        return _public(request, lang, "intake/report.html", 400, form=values, errors=errors)
    root = locker.default_root(request.app.state.settings.data_dir)

    def store() -> str:
        with request.app.state.db.session() as session:
            _submission, code = service.submit(session, root, public_key, report, files)
        return code

    code = await run_in_threadpool(store)
    return _public(request, lang, "intake/receipt.html", code=code, files=len(files))


@router.get(PUBLIC_PREFIX + "/follow-up", response_class=HTMLResponse, include_in_schema=False)
def follow_up_form(request: Request) -> HTMLResponse:
    """Where a reporter enters the receipt code."""
    return _public(request, _lang(request), "intake/follow_up.html", thread=None, errors=[])


@router.post(PUBLIC_PREFIX + "/follow-up", response_class=HTMLResponse, include_in_schema=False)
async def follow_up(request: Request) -> HTMLResponse:
    """Open a report with its receipt code: read replies, add text or files."""
    form, lang, refusal = await _guarded_form(request, "lookup", 60)
    if refusal is not None:
        return refusal
    _ = i18n.gettext_for(lang)
    code = _text(form, "code")
    adding = _text(form, "action") == "add"
    files, errors = await _checked_files(form, _) if adding else ([], [])
    message = _text(form, "message")
    root = locker.default_root(request.app.state.settings.data_dir)
    public_key = _public_key(request) if adding else None

    def work() -> dict[str, Any]:
        with request.app.state.db.session() as session:
            try:
                found = service.find_by_receipt(session, code)
            except crypto.ReceiptError:
                return {"error": _("This is not a valid receipt code.")}
            if found is None:
                return {"error": _("No report has this receipt code.")}
            submission, keys = found
            notice = []
            if adding and not errors and (message.strip() or files):
                service.add_information(session, root, public_key, submission, message, files)
                notice.append(_("Added. Thank you."))
            thread = service.reporter_thread(session, submission, keys)
            return {"thread": thread, "status": submission.status, "notice": notice}

    result = await run_in_threadpool(work)
    if "error" in result:
        return _public(
            request,
            lang,
            "intake/follow_up.html",
            404 if code else 400,
            thread=None,
            errors=[result["error"]],
        )
    return _public(
        request,
        lang,
        "intake/follow_up.html",
        thread=result["thread"],
        code=code,
        status_label=_(STATUS_LABELS[result["status"]]),
        errors=errors,
        notices=result["notice"],
    )


# --- review side: pages ------------------------------------------------------------

add_nav_link(NavLink("Intake", "/intake", order=40))
add_evidence_link("submission", "/intake/{ref}")


def _submission_or_404(session: Session, key: int | str) -> Submission:
    try:
        return service.get_submission(session, key)
    except service.IntakeError as exc:
        raise HTTPException(404, str(exc)) from None


def _country_names(session: Session, ids: set[int]) -> dict[int, Country]:
    if not ids:
        return {}
    return {c.id: c for c in session.scalars(select(Country).where(Country.id.in_(ids)))}


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
    countries = _country_names(session, {s.country_id for s in rows if s.country_id})
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
    items = {}
    atts = service.attachments(session, submission)
    from tocsin.store.models.evidence import EvidenceItem

    ids = {a.original_item_id for a in atts} | {
        a.working_item_id for a in atts if a.working_item_id
    }
    if ids:
        items = {
            i.id: i for i in session.scalars(select(EvidenceItem).where(EvidenceItem.id.in_(ids)))
        }
    country = session.get(Country, submission.country_id) if submission.country_id else None
    users = session.scalars(select(User.username).where(User.active.is_(True))).all()
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
    return templates.TemplateResponse(request, "intake/detail.html", {**context, "error": None})


def _apply(
    session: Session, submission: Submission, op: str, form: dict[str, str], actor: str
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
        service.reply(session, submission, form.get("body", ""), actor)
    else:
        raise service.IntakeError(f"unknown action {op!r}")


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
        _apply(session, submission, form.get("op", ""), form, user.username)
    except service.IntakeError as exc:
        session.rollback()
        submission = _submission_or_404(session, key)
        context = _detail_context(session, submission, user)
        return templates.TemplateResponse(
            request, "intake/detail.html", {**context, "error": str(exc)}, status_code=400
        )
    return RedirectResponse(f"/intake/{submission.id}", 303)


@router.post("/intake/{key}/open", include_in_schema=False)
async def open_sealed(
    request: Request,
    key: Annotated[str, PathParam(max_length=20)],
    session: Session = Depends(get_session),
    user: User = Depends(analyst),
) -> Response:
    """Open the contact details or an attachment with the private key pasted into the
    form (used for this request only, never stored); records custody access."""
    raw = await request.form()
    target = str(raw.get("target", ""))
    try:
        private = crypto.parse_private(str(raw.get("private_key", "")))
    except crypto.IntakeKeyError as exc:
        raise HTTPException(400, str(exc)) from None
    submission = _submission_or_404(session, key)
    headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
    try:
        if target == "contact":
            contact = service.open_contact(submission, private)
            return Response(
                contact or "(no contact details given)", media_type="text/plain", headers=headers
            )
        att_id, _sep, role = target.removeprefix("a").partition("-")
        attachment = session.get(IntakeAttachment, int(att_id)) if att_id.isdigit() else None
        if attachment is None or attachment.submission_id != submission.id:
            raise HTTPException(404, "no such attachment")
        root = locker.default_root(request.app.state.settings.data_dir)
        name, media_type, data = service.open_attachment(
            session, root, attachment, private, user.username, original=role == "original"
        )
    except (crypto.IntakeKeyError, service.IntakeError, locker.LockerError) as exc:
        raise HTTPException(400, str(exc)) from None
    safe = "".join(ch for ch in name if ch.isalnum() or ch in "._-")[:80] or "attachment"
    headers["Content-Disposition"] = f'attachment; filename="{safe}"'
    return Response(data, media_type=media_type, headers=headers)


# --- review side: JSON API ---------------------------------------------------------


class SubmissionOut(BaseModel):
    """A submission as the queue lists it (no sealed data)."""

    id: int
    ref: str
    received_hour: str
    status: str
    assigned_to: str | None
    country_code: str
    place: str
    when: str
    how_known: str
    attachments: int


class SubmissionPage(BaseModel):
    """A page of the queue."""

    total: int
    limit: int
    offset: int
    items: list[SubmissionOut]


class SubmissionDetail(SubmissionOut):
    """A submission with its texts and review state."""

    language: str
    what: str
    affected: str
    responsible: str
    latitude: float | None
    longitude: float | None
    duplicate_of: int | None
    has_contact: bool
    checklist: dict[str, Any]
    notes: list[dict[str, Any]]
    links: list[dict[str, Any]]
    messages: list[dict[str, Any]]
    files: list[dict[str, Any]]


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


class ReviewIn(BaseModel):
    """A review action on a submission."""

    op: Literal["status", "assign", "note", "link", "check", "reply"]
    status: Status | None = None
    duplicate_of: str | None = Field(None, max_length=20)
    assignee: str | None = Field(None, max_length=80)
    body: str | None = Field(None, max_length=20000)
    kind: str | None = Field(None, max_length=30)
    ref: str | None = Field(None, max_length=120)
    label: str | None = Field(None, max_length=300)
    item: str | None = Field(None, max_length=60)
    done: bool = False
    note: str | None = Field(None, max_length=2000)


@router.post(
    "/api/v1/intake/submissions/{key}/actions", response_model=SubmissionDetail, tags=["intake"]
)
def action_api(
    key: Annotated[str, PathParam(max_length=20)],
    body: ReviewIn,
    session: Session = Depends(get_session),
    user: User = Depends(analyst),
) -> SubmissionDetail:
    """Change status, assign, add a note or link, tick a checklist item, or reply to
    the reporter (sealed to their receipt key). Audited."""
    submission = _submission_or_404(session, key)
    form = {
        k: ("1" if v is True else "" if v is False else str(v))
        for k, v in body.model_dump().items()
        if v is not None
    }
    try:
        _apply(session, submission, body.op, form, user.username)
    except service.IntakeError as exc:
        raise HTTPException(422, str(exc)) from None
    session.flush()
    return _detail(session, submission)


# --- country page ------------------------------------------------------------------


def _country_context(session: Session, country: Country) -> dict[str, Any]:
    counts = service.status_counts(session, country.id)
    return {"counts": counts, "total": sum(counts.values())}


add_country_section(
    CountrySection(
        "intake", "Civil-society submissions", "intake/_country.html", _country_context, order=70
    )
)
