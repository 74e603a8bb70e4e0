"""The public report form and follow-up for civil-society reporters (no account, no
client address kept; see :mod:`tocsin.web.intake.logfilter`)."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from nacl.public import PublicKey
from starlette.datastructures import FormData, UploadFile

from tocsin.config import Settings
from tocsin.intake import countries, crypto, i18n, service
from tocsin.intake.ratelimit import HashedBuckets
from tocsin.intake.receipts import ReceiptPool
from tocsin.intake.uploads import CheckedFile, UploadRejected, check_upload
from tocsin.store import locker
from tocsin.web.auth import CSRF_FIELD
from tocsin.web.errors import (
    BadRequest,
    Forbidden,
    NotFound,
    RequestTimeout,
    TooLarge,
    TooManyRequests,
    Unavailable,
    WebError,
)
from tocsin.web.intake.bodies import (
    BodyTooLarge,
    FormUnreadable,
    ReadForm,
    ServerBusy,
    app_state,
    declared_too_large,
    read_limited_form,
)
from tocsin.web.intake.logfilter import PUBLIC_PREFIX
from tocsin.web.limits import MIB, BodyStalled, intake_body_bytes
from tocsin.web.templating import templates

router = APIRouter()
REPORT_WORKERS = 2  # reports checked and sealed at once (CPU: images, archives, crypto)
WORKER_WAIT_SECONDS = 20.0
STATUS_LABELS = {
    "new": "Received",
    "in_review": "Being reviewed",
    "corroborated": "Corroborated",
    "verified": "Verified",
    "rejected": "Closed",
    "duplicate": "Merged with another report",
}


def _csrf_ok(request: Request, form: FormData) -> bool:
    expected = request.session.get(CSRF_FIELD)
    sent = form.get(CSRF_FIELD)
    return (
        isinstance(expected, str)
        and bool(expected)
        and isinstance(sent, str)
        and secrets.compare_digest(expected, sent)
    )


def _limiter(request: Request, name: str) -> HashedBuckets:
    """The app's rate limiter ``submit`` or ``lookup`` (limits from the settings)."""
    settings = request.app.state.settings
    return app_state(
        request,
        f"intake_limiter_{name}",
        lambda: HashedBuckets(
            limit=getattr(settings, f"intake_{name}_limit"),
            global_limit=settings.intake_global_limit,
        ),
    )


def _client(request: Request) -> str | None:
    return request.client.host if request.client else None


def _lang(request: Request, requested: str | None = None) -> str:
    return i18n.choose(
        requested or request.query_params.get("lang"), request.headers.get("accept-language")
    )


def _context(request: Request, lang: str, **context: Any) -> dict[str, Any]:
    """What every reporter's page needs: the language, its direction, the country names."""
    base = request.url.path if request.url.path != "/report/follow-up" else "/report/follow-up"
    return {
        "_": i18n.gettext_for(lang),
        "lang": lang,
        "text_dir": i18n.direction(lang),
        "here": base,
        "languages": list(i18n.LANGUAGES.items()),
        "country_names": countries.names(lang),
        **context,
    }


def _public(request: Request, lang: str, template: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(
        request, template, _context(request, lang, **context)
    )  # no-store, no-referrer, CSP: tocsin.web.security


def _refused(
    request: Request,
    lang: str,
    refusal: type[WebError],
    message: str,
    headers: dict[str, str] | None = None,
) -> WebError:
    """A refusal answered with the reporter's page in the reporter's language."""
    context = _context(request, lang, message=message)
    return refusal(message, headers=headers, template="intake/refused.html", context=context)


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


def _megabytes(size: int) -> str:
    return f"{size / MIB:g}"


def file_too_large(_: Any, name: str, settings: Settings) -> str:  # noqa: ANN401
    """The message for a file over the per-file limit, in the reporter's language."""
    limit = _megabytes(settings.intake_max_file_bytes)
    return _("The file “%(name)s” is too large: each file can be at most %(limit)s MB.") % {
        "name": name,
        "limit": limit,
    }


def report_too_large(_: Any, settings: Settings) -> str:  # noqa: ANN401
    """The message for a report body over the total limit, in the reporter's language."""
    limit = _megabytes(intake_body_bytes(settings))
    return _("The upload is too large: a report can be at most %(limit)s MB in total.") % {
        "limit": limit
    }


async def _checked_files(
    request: Request, read: ReadForm, _: Any
) -> tuple[list[CheckedFile], list[str]]:
    """Check the attached files (in a worker thread: archives and images cost CPU).
    A file that passed the per-file limit while streaming is named in an error."""
    settings = request.app.state.settings
    uploads = [f for f in read.form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if len(uploads) > settings.intake_max_files:
        return [], [_("At most 5 files at once.")]
    checked, errors = [], []
    for position, upload in enumerate(uploads, start=1):
        if upload in read.oversized:
            await upload.close()
            errors.append(file_too_large(_, upload.filename or "", settings))
            continue
        data = await upload.read()
        await upload.close()
        try:
            checked.append(
                await run_in_threadpool(
                    check_upload,
                    data,
                    upload.filename or "",
                    upload.content_type or "",
                    position,
                    settings.intake_max_file_bytes,
                )
            )
        except UploadRejected as exc:
            errors.append(f"{_('A file was not accepted:')} {exc}")
    return checked, errors


async def _worker_slot(request: Request) -> asyncio.Semaphore | None:
    """One of :data:`REPORT_WORKERS` slots for checking and sealing a report, or None
    when none frees up within :data:`WORKER_WAIT_SECONDS`."""
    slots = app_state(request, "intake_workers", lambda: asyncio.Semaphore(REPORT_WORKERS))
    try:
        await asyncio.wait_for(slots.acquire(), WORKER_WAIT_SECONDS)
    except TimeoutError:
        return None
    return slots


def _busy(request: Request, lang: str) -> WebError:
    _ = i18n.gettext_for(lang)
    message = _("Too many reports are being sent right now. Please try again in a minute.")
    return _refused(request, lang, Unavailable, message, {"Retry-After": "60"})


async def _guarded_form(request: Request, limiter: str) -> tuple[ReadForm, str]:
    """Apply the declared size, the session check and the rate limit, then read the
    form (size limits) and check its CSRF token; (form, lang), or a refusal raised.
    Nothing is read from a body any of the first three would refuse anyway."""
    lang = _lang(request)
    _ = i18n.gettext_for(lang)
    settings = request.app.state.settings
    limit = intake_body_bytes(settings)
    if declared_too_large(request, limit):
        raise _refused(request, lang, TooLarge, report_too_large(_, settings))
    if not request.session.get(CSRF_FIELD):
        msg = _("The form has expired. Please reload the page and try again.")
        raise _refused(request, lang, Forbidden, msg)
    if not _limiter(request, limiter).allow(_client(request)):
        msg = _("Too many reports from this connection in the last hour. Please try again later.")
        raise _refused(request, lang, TooManyRequests, msg)
    try:
        read = await read_limited_form(request, limit, settings.intake_max_file_bytes)
    except ServerBusy:
        raise _busy(request, lang) from None
    except BodyTooLarge:
        raise _refused(request, lang, TooLarge, report_too_large(_, settings)) from None
    except FormUnreadable:
        raise _refused(request, lang, BadRequest, _("The form could not be read.")) from None
    except BodyStalled:
        msg = _("The connection was too slow and the report did not arrive. Please try again.")
        raise _refused(request, lang, RequestTimeout, msg) from None
    lang = _lang(request, _text(read.form, "lang"))
    _ = i18n.gettext_for(lang)
    if not _csrf_ok(request, read.form):
        msg = _("The form has expired. Please reload the page and try again.")
        raise _refused(request, lang, Forbidden, msg)
    return read, lang


def _public_key(request: Request) -> PublicKey:
    try:
        return crypto.load_public_key(request.app.state.settings.data_dir)
    except crypto.IntakeKeyError:
        raise Unavailable("reporting is not set up yet (no intake key)") from None


async def _in_slot(
    request: Request,
    kind: str,
    handle: Callable[[Request, ReadForm, str], Awaitable[HTMLResponse]],
) -> HTMLResponse:
    """Check the form (session, rate limit, size), then handle it in one of the few
    processing slots; a refusal or "busy" page when either says no."""
    read, lang = await _guarded_form(request, kind)
    slots = await _worker_slot(request)
    if slots is None:
        raise _busy(request, lang)
    try:
        return await handle(request, read, lang)
    finally:
        slots.release()


@router.post(PUBLIC_PREFIX, response_class=HTMLResponse, include_in_schema=False)
async def report_submit(request: Request) -> HTMLResponse:
    """Receive a report: check it, seal what must be sealed, show the receipt code once."""
    return await _in_slot(request, "submit", _submit)


async def _submit(request: Request, read: ReadForm, lang: str) -> HTMLResponse:
    _ = i18n.gettext_for(lang)
    form = read.form
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
    files, errors = await _checked_files(request, read, _)
    errors = [_(_PROBLEM_MESSAGES[p]) for p in report.check()] + errors
    if errors:
        context = _context(request, lang, form=values, errors=errors)
        raise BadRequest("; ".join(errors), template="intake/report.html", context=context)
    root = locker.default_root(request.app.state.settings.data_dir)

    pool: ReceiptPool = app_state(request, "receipt_pool", ReceiptPool)

    def store() -> str:
        receipt = pool.take(lang)
        with request.app.state.db.session() as session:
            _submission, code = service.submit(session, root, public_key, report, files, receipt)
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
    return await _in_slot(request, "lookup", _follow_up)


async def _follow_up(request: Request, read: ReadForm, lang: str) -> HTMLResponse:
    _ = i18n.gettext_for(lang)
    form = read.form
    code = _text(form, "code")
    adding = _text(form, "action") == "add"
    files, errors = await _checked_files(request, read, _) if adding else ([], [])
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
        context = _context(request, lang, thread=None, errors=[result["error"]])
        refusal = NotFound if code else BadRequest
        raise refusal(result["error"], template="intake/follow_up.html", context=context)
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
