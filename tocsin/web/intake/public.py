"""The public report form and follow-up for civil-society reporters (no account, no
client address kept; see :mod:`tocsin.web.intake.logfilter`)."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from nacl.public import PublicKey
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser

from tocsin.intake import countries, crypto, i18n, service
from tocsin.intake.ratelimit import HashedBuckets
from tocsin.intake.uploads import (
    MAX_FILE_BYTES,
    MAX_FILES,
    CheckedFile,
    UploadRejected,
    check_upload,
)
from tocsin.store import locker
from tocsin.web.auth import CSRF_FIELD
from tocsin.web.intake.logfilter import PUBLIC_PREFIX
from tocsin.web.templating import templates

router = APIRouter()
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
    return (
        isinstance(expected, str)
        and bool(expected)
        and isinstance(sent, str)
        and secrets.compare_digest(expected, sent)
    )


def _limiter(request: Request, name: str, limit: int) -> HashedBuckets:
    state = request.app.state
    attr = f"intake_limiter_{name}"
    if not hasattr(state, attr):
        setattr(state, attr, HashedBuckets(limit=getattr(state, f"intake_{name}_limit", limit)))
    return getattr(state, attr)


def _client(request: Request) -> str | None:
    return request.client.host if request.client else None


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
            "country_names": countries.names(lang),
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


def _public_key(request: Request) -> PublicKey:
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
            if public_key is not None and not errors and (message.strip() or files):
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
