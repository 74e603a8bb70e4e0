"""Import conflict event files (UCDP GED or ACLED CSV) from the browser, each file
reported on its own like a document upload: new, updated, unchanged and rejected rows, or
why the file was refused. A refused file changes nothing; the others are kept."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path as FilePath

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from tocsin.analysis.events.freshness import events_freshness
from tocsin.analysis.events.ingest import import_file
from tocsin.sources.importers import IMPORTERS
from tocsin.sources.importers.base import EventFormatError
from tocsin.store.models.accounts import User
from tocsin.web.auth import require_role
from tocsin.web.deps import get_session
from tocsin.web.errors import FormError
from tocsin.web.templating import templates
from tocsin.web.uploads import Received, chosen, receive

router = APIRouter(include_in_schema=False)

MAX_FILES = 20
MAX_BYTES = 200 * 1024 * 1024
TEMPLATE = "sources/events.html"


@dataclass
class FileReport:
    """What happened to one uploaded file."""

    name: str
    status: str  # imported | refused
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[str] = field(default_factory=list)
    message: str = ""


def _form_context(session: Session, fmt: str) -> dict[str, object]:
    return {
        "formats": sorted(IMPORTERS.names()),
        "form": {"format": fmt},
        "errors": {},
        "freshness": events_freshness(session).text,
    }


@router.get("/sources/events", response_class=HTMLResponse)
def events_form(
    request: Request,
    _u: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> HTMLResponse:
    """The import form, with how fresh the stored events are."""
    return templates.TemplateResponse(request, TEMPLATE, _form_context(session, "ucdp-ged"))


def _import_one(session: Session, upload: Received, fmt: str, actor: str) -> FileReport:
    name, raw = upload.name, upload.data
    if upload.refusal is not None:
        return FileReport(name, "refused", message=upload.refusal)
    with tempfile.TemporaryDirectory() as folder:
        path = FilePath(folder) / name
        path.write_bytes(raw)
        try:
            with session.begin_nested():  # a refused file leaves the others' rows in place
                report = import_file(session, path, fmt, actor)
        except (EventFormatError, ValueError, LookupError) as exc:
            return FileReport(name, "refused", message=str(exc).replace(str(path), name))
    return FileReport(
        name,
        "imported",
        report.inserted,
        report.updated,
        report.unchanged,
        [str(error) for error in report.rejected],
    )


@router.post("/sources/events", response_class=HTMLResponse)
async def import_events_form(
    request: Request,
    format: str = Form("ucdp-ged", max_length=40),
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> HTMLResponse:
    """Import the chosen files with the chosen format; each file is reported on its own."""
    uploads = chosen(await request.form())
    errors: dict[str, str] = {}
    if format not in IMPORTERS.names():
        errors["format"] = f"unknown format {format!r}; use one of {', '.join(IMPORTERS.names())}"
    if not uploads:
        errors["files"] = "choose at least one CSV file"
    if errors:
        raise FormError(TEMPLATE, _form_context(session, format), errors)
    received = await receive(uploads, MAX_FILES, MAX_BYTES, default_name="events.csv")
    reports = [_import_one(session, upload, format, user.username) for upload in received]
    context = _form_context(session, format) | {"reports": reports}
    return templates.TemplateResponse(request, TEMPLATE, context)
