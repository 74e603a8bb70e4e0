"""The /reports pages: every stored version with its download and what changed, the
annual-report form, and the country page's "Country report" button (analysts).

Generating a report takes seconds of CPU (charts, WeasyPrint layout), so it runs in a
worker thread, never on the event loop; the service stores, versions and audits it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from tocsin.reports import library, service
from tocsin.reports.charts import ChartError
from tocsin.reports.country import ReportError
from tocsin.reports.i18n import UnknownLanguageError
from tocsin.reports.render import RenderError
from tocsin.store.models import Country
from tocsin.store.models.accounts import User
from tocsin.web.auth import reader, require_role
from tocsin.web.deps import country_or_404, get_session
from tocsin.web.errors import Invalid, respond
from tocsin.web.extensions import CountrySection, NavLink, add_country_section, add_nav_link
from tocsin.web.reports.api import report_detail, report_file, report_or_404
from tocsin.web.reports.schemas import Format, Kind, Language, ReportId
from tocsin.web.templating import templates

router = APIRouter()
# What a report that cannot be built says is wrong (unknown year, no data, a font, a chart).
GENERATION_ERRORS = (ReportError, ChartError, RenderError, UnknownLanguageError)

add_nav_link(NavLink("Reports", "/reports", order=60))


def _list_context(
    session: Session,
    user: User | None,
    kind: str | None = None,
    subject: str | None = None,
    error: str | None = None,
) -> dict[str, object]:
    return {
        "reports": library.list_reports(session, kind, subject),
        "kind": kind or "",
        "subject": subject or "",
        "error": error,
        "user": user,
    }


@router.get("/reports", response_class=HTMLResponse, include_in_schema=False)
def reports_page(
    request: Request,
    kind: Kind | None = None,
    subject: str | None = None,
    session: Session = Depends(get_session),
    user: User | None = Depends(reader),
) -> HTMLResponse:
    """Generated reports with their versions, newest first, and the annual-report form."""
    context = _list_context(session, user, kind, (subject or "")[:20] or None)
    return templates.TemplateResponse(request, "reports/list.html", context)


@router.get("/reports/{report_id}", response_class=HTMLResponse, include_in_schema=False)
def report_page(
    report_id: ReportId,
    request: Request,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> HTMLResponse:
    """One version: metadata, data checksums, download, and what changed."""
    return templates.TemplateResponse(
        request, "reports/detail.html", {"r": report_detail(session, report_id)}
    )


@router.get("/reports/{report_id}/download", include_in_schema=False)
def download(
    report_id: ReportId,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> Response:
    """The report file, checked against its SHA-256."""
    return report_file(report_or_404(session, report_id))


async def _generate(
    request: Request, session: Session, user: User, make: Callable[..., service.Generated]
) -> Response:
    try:
        made = await run_in_threadpool(
            make, request.app.state.db, request.app.state.settings.data_dir
        )
    except GENERATION_ERRORS as exc:
        # Answered here, while the listed reports can still be read from the session.
        context = _list_context(session, user, error=str(exc))
        return respond(request, Invalid(str(exc), template="reports/list.html", context=context))
    return RedirectResponse(f"/reports/{made.id}", 303)


@router.post("/reports/country", include_in_schema=False)
async def country_form(
    request: Request,
    country: str = Form(..., max_length=100),
    fmt: Format = Form("pdf"),
    lang: Language = Form("en"),
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> Response:
    """Generate a country report (the country page's button); shows the stored version."""
    code = country_or_404(session, country).code
    make = partial(service.country_report, country=code, fmt=fmt, lang=lang, actor=user.username)
    return await _generate(request, session, user, make)


@router.post("/reports/annual", include_in_schema=False)
async def annual_form(
    request: Request,
    year: int = Form(..., ge=1950, le=2100),
    fmt: Format = Form("pdf"),
    lang: Language = Form("en"),
    user: User = Depends(require_role("analyst")),
    session: Session = Depends(get_session),
) -> Response:
    """Generate the yearly statistical risk report; shows the stored version."""
    make = partial(service.annual_report, year=year, fmt=fmt, lang=lang, actor=user.username)
    return await _generate(request, session, user, make)


def _country_reports(session: Session, country: Country) -> dict[str, object]:
    return {"code": country.code, "reports": library.list_reports(session, "country", country.code)}


add_country_section(
    CountrySection("reports", "Reports", "reports/_country.html", _country_reports, order=90)
)
