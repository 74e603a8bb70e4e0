"""The public report form and follow-up for civil-society reporters (no account, no
client address kept; see :mod:`tocsin.web.intake.logfilter`)."""

from __future__ import annotations

import asyncio
import secrets
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from nacl.public import PublicKey
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser

from tocsin.config import Settings
from tocsin.intake import countries, crypto, i18n, service
from tocsin.intake.ratelimit import HashedBuckets
from tocsin.intake.uploads import CheckedFile, UploadRejected, check_upload
from tocsin.store import locker
from tocsin.web.auth import CSRF_FIELD
from tocsin.web.errors import (
    BadRequest,
    Forbidden,
    NotFound,
    TooLarge,
    TooManyRequests,
    Unavailable,
    WebError,
)
from tocsin.web.intake.logfilter import PUBLIC_PREFIX
from tocsin.web.limits import MIB, intake_body_bytes
from tocsin.web.templating import templates

router = APIRouter()
MAX_BODY_BYTES = intake_body_bytes(Settings())  # with the default settings
SMALL_BODY_BYTES = MIB  # never refused for lack of memory
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


class BodyTooLarge(Exception):
    """The request body is over :data:`MAX_BODY_BYTES`."""


class FormUnreadable(Exception):
    """The body is not a form we accept."""


class ServerBusy(Exception):
    """Too many report bodies are held in memory right now."""


class MemoryBudget:
    """Bytes of report bodies held in memory by all requests together, at most
    ``total``. A body that would pass it is refused once it is over
    :data:`SMALL_BODY_BYTES` (small reports always get through), so a crowd of large
    uploads cannot exhaust the server's memory."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.used = 0
        self._lock = threading.Lock()

    def take(self, size: int, so_far: int) -> None:
        """Reserve ``size`` more bytes for a body that has ``so_far``, or raise ServerBusy."""
        with self._lock:
            if self.used + size > self.total and so_far + size > SMALL_BODY_BYTES:
                raise ServerBusy
            self.used += size

    def give_back(self, size: int) -> None:
        """Release bytes reserved by :meth:`take`."""
        with self._lock:
            self.used -= size


class _FileCappedParser(MultiPartParser):
    """Starlette's multipart parser, stopping a file part as soon as it passes the
    per-file limit instead of reading the whole body first."""

    def __init__(self, *args: Any, max_file_bytes: int, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        self.max_file_bytes = max_file_bytes
        self._file_bytes = 0

    def on_part_begin(self) -> None:
        """A new part: its byte count starts again."""
        self._file_bytes = 0
        super().on_part_begin()

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        """Count a file part's bytes; raise :class:`BodyTooLarge` past the limit."""
        if self._current_part.file is not None:
            self._file_bytes += end - start
            if self._file_bytes > self.max_file_bytes:
                raise BodyTooLarge
        super().on_part_data(data, start, end)


def _state(request: Request, name: str, make: Any) -> Any:  # noqa: ANN401
    """A per-app object (budget, worker slots), created on first use."""
    if not hasattr(request.app.state, name):
        setattr(request.app.state, name, make())
    return getattr(request.app.state, name)


async def read_limited_form(request: Request, limit: int = MAX_BODY_BYTES) -> FormData:
    """Parse a form without ever holding more than ``limit`` bytes or spooling to disk:
    refuse by Content-Length first, then count the streamed bytes (against this body's
    limit and the memory budget of all report bodies)."""
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > limit):
        raise BodyTooLarge
    received = 0
    budget: MemoryBudget = _state(request, "intake_budget", lambda: MemoryBudget(2 * limit))

    async def counted():  # noqa: ANN202
        nonlocal received
        async for chunk in request.stream():
            budget.take(len(chunk), received)
            received += len(chunk)
            if received > limit:
                raise BodyTooLarge
            yield chunk

    ctype = request.headers.get("content-type", "")
    try:
        if ctype.startswith("multipart/form-data"):
            settings = request.app.state.settings
            parser = _FileCappedParser(
                request.headers,
                counted(),
                max_file_bytes=settings.intake_max_file_bytes,
                max_files=settings.intake_max_files + 1,
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
    finally:
        budget.give_back(received)
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


def _limiter(request: Request, name: str) -> HashedBuckets:
    """The app's rate limiter ``submit`` or ``lookup`` (limits from the settings)."""
    settings = request.app.state.settings
    return _state(
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


async def _checked_files(
    request: Request, form: FormData, _: Any
) -> tuple[list[CheckedFile], list[str]]:
    """Check the attached files (in a worker thread: archives and images cost CPU)."""
    settings = request.app.state.settings
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if len(uploads) > settings.intake_max_files:
        return [], [_("At most 5 files at once.")]
    checked, errors = [], []
    for position, upload in enumerate(uploads, start=1):
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
    slots = _state(request, "intake_workers", lambda: asyncio.Semaphore(REPORT_WORKERS))
    try:
        await asyncio.wait_for(slots.acquire(), WORKER_WAIT_SECONDS)
    except TimeoutError:
        return None
    return slots


def _busy(request: Request, lang: str) -> WebError:
    _ = i18n.gettext_for(lang)
    message = _("Too many reports are being sent right now. Please try again in a minute.")
    return _refused(request, lang, Unavailable, message, {"Retry-After": "60"})


async def _guarded_form(request: Request, limiter: str) -> tuple[FormData, str]:
    """Apply the rate limit and the session check, then read the form (size limits)
    and check its CSRF token; (form, lang), or a refusal raised. Nothing is read from a
    body the rate limit or a missing session would refuse anyway."""
    lang = _lang(request)
    _ = i18n.gettext_for(lang)
    if not request.session.get(CSRF_FIELD):
        msg = _("The form has expired. Please reload the page and try again.")
        raise _refused(request, lang, Forbidden, msg)
    if not _limiter(request, limiter).allow(_client(request)):
        msg = _("Too many reports from this connection in the last hour. Please try again later.")
        raise _refused(request, lang, TooManyRequests, msg)
    try:
        form = await read_limited_form(request, intake_body_bytes(request.app.state.settings))
    except ServerBusy:
        raise _busy(request, lang) from None
    except BodyTooLarge:
        msg = _("The upload is too large (at most 130 MB in total).")
        raise _refused(request, lang, TooLarge, msg) from None
    except FormUnreadable:
        raise _refused(request, lang, BadRequest, _("The form could not be read.")) from None
    lang = _lang(request, _text(form, "lang"))
    _ = i18n.gettext_for(lang)
    if not _csrf_ok(request, form):
        msg = _("The form has expired. Please reload the page and try again.")
        raise _refused(request, lang, Forbidden, msg)
    return form, lang


def _public_key(request: Request) -> PublicKey:
    try:
        return crypto.load_public_key(request.app.state.settings.data_dir)
    except crypto.IntakeKeyError:
        raise Unavailable("reporting is not set up yet (no intake key)") from None


async def _in_slot(
    request: Request,
    kind: str,
    handle: Callable[[Request, FormData, str], Awaitable[HTMLResponse]],
) -> HTMLResponse:
    """Check the form (session, rate limit, size), then handle it in one of the few
    processing slots; a refusal or "busy" page when either says no."""
    form, lang = await _guarded_form(request, kind)
    slots = await _worker_slot(request)
    if slots is None:
        raise _busy(request, lang)
    try:
        return await handle(request, form, lang)
    finally:
        slots.release()


@router.post(PUBLIC_PREFIX, response_class=HTMLResponse, include_in_schema=False)
async def report_submit(request: Request) -> HTMLResponse:
    """Receive a report: check it, seal what must be sealed, show the receipt code once."""
    return await _in_slot(request, "submit", _submit)


async def _submit(request: Request, form: FormData, lang: str) -> HTMLResponse:
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
    files, errors = await _checked_files(request, form, _)
    errors = [_(_PROBLEM_MESSAGES[p]) for p in report.check()] + errors
    if errors:
        context = _context(request, lang, form=values, errors=errors)
        raise BadRequest("; ".join(errors), template="intake/report.html", context=context)
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
    return await _in_slot(request, "lookup", _follow_up)


async def _follow_up(request: Request, form: FormData, lang: str) -> HTMLResponse:
    _ = i18n.gettext_for(lang)
    code = _text(form, "code")
    adding = _text(form, "action") == "add"
    files, errors = await _checked_files(request, form, _) if adding else ([], [])
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
