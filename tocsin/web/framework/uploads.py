"""The workbench's upload form: reports with the country, date and source they come with,
each file reported on its own."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from tocsin.analysis.framework.extract import SUFFIX_TYPES, ExtractError, extract_bytes
from tocsin.analysis.framework.ingest import ItemReport, locker_depositor, store_extracted
from tocsin.reference.countries import UnknownCountryError, lookup
from tocsin.store import locker
from tocsin.store.models.accounts import User
from tocsin.web.auth import require_role
from tocsin.web.deps import get_session
from tocsin.web.errors import FormError
from tocsin.web.framework.api import _documents
from tocsin.web.templating import snapshot, templates
from tocsin.web.uploads import chosen, receive

router = APIRouter()


@router.post("/framework/documents", response_class=HTMLResponse, include_in_schema=False)
async def upload_form(
    request: Request,
    source: str = Form("upload", max_length=200),
    country: str = Form("", max_length=100),
    published: str = Form("", max_length=10),
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> HTMLResponse:
    """Upload reports (text, Markdown, HTML, PDF, Word) with the country and date they are
    about and their source; each file is reported on its own. A form that cannot be used
    (no file, an unknown country, a malformed date) comes back with what was typed."""
    form = {"source": source, "country": country, "published": published}
    errors: dict[str, str] = {}
    files = chosen(await request.form())
    if not files:
        errors["files"] = "choose at least one file to upload"
    try:
        code = lookup(country).code if country.strip() else None
    except UnknownCountryError as exc:
        errors["country"] = str(exc)
    try:
        day = date.fromisoformat(published) if published else None
    except ValueError:
        errors["published"] = f"{published!r} is not a date (YYYY-MM-DD)"
    if errors:
        total, docs = _documents(session, 200, 0)
        context = {"docs": docs, "total": total, "uncertain": [], "tags": 0, "user": snapshot(user)}
        raise FormError("framework/index.html", {**context, "form": form}, errors)
    settings = request.app.state.settings
    reports: list[ItemReport] = []
    depositor = locker_depositor(locker.default_root(settings.data_dir), user.username)
    for upload in await receive(files, settings.document_max_uploads, settings.document_max_bytes):
        if upload.refusal is not None:
            reports.append(ItemReport(upload.name, "refused", message=upload.refusal))
            continue
        media_type = SUFFIX_TYPES.get(PurePath(upload.name).suffix.lower(), "unsupported")
        try:
            item = extract_bytes(upload.data, media_type, upload.name)
        except ExtractError as exc:
            reports.append(ItemReport(upload.name, "refused", message=str(exc)))
            continue
        reports.append(
            store_extracted(session, item, source or "upload", user.username, day, depositor, code)
        )
    return templates.TemplateResponse(
        request, "framework/uploaded.html", {"reports": reports, "user": user}
    )
