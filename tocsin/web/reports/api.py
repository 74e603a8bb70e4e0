"""Stored reports under /api/v1: list with filters, one version's metadata and what
changed, and the file itself (checked against its recorded SHA-256)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from sqlalchemy.orm import Session

from tocsin.reports import library
from tocsin.store.models import Report
from tocsin.store.models.accounts import User
from tocsin.web.auth import reader
from tocsin.web.deps import get_session
from tocsin.web.errors import Conflict, NotFound
from tocsin.web.reports.schemas import (
    MEDIA_TYPES,
    Change,
    Kind,
    ReportDetail,
    ReportId,
    ReportOut,
)

router = APIRouter()


def report_or_404(session: Session, report_id: int) -> Report:
    """The stored report ``report_id``; NotFound (404) when there is none."""
    try:
        return library.get(session, report_id)
    except library.ReportNotFoundError as exc:
        raise NotFound(str(exc)) from None


def report_detail(session: Session, report_id: int) -> ReportDetail:
    """A report's metadata and its differences from the previous version."""
    row = report_or_404(session, report_id)
    before, changes = library.diff(session, report_id)
    return ReportDetail(
        **ReportOut.of(row).model_dump(),
        previous_id=before.id if before else None,
        changes=[Change(key=k, before=b, after=a) for k, b, a in changes],
    )


def report_file(row: Report) -> Response:
    """The stored file as a download; a file that no longer matches its SHA-256 is
    refused (409) rather than served."""
    try:
        data = library.read(row)
    except FileNotFoundError:
        raise NotFound(f"the file of report {row.id} is missing") from None
    except ValueError as exc:
        raise Conflict(str(exc)) from None
    name = f"{row.kind}-{row.subject}-{row.lang}-v{row.version}.{row.fmt}"
    return Response(
        data,
        media_type=MEDIA_TYPES[row.fmt],
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Content-SHA256": row.sha256,
        },
    )


@router.get("/api/v1/reports", response_model=list[ReportOut], tags=["reports"])
def list_reports_api(
    kind: Kind | None = Query(None, description="country or annual."),
    subject: str | None = Query(
        None, max_length=20, description="Country code (country reports) or year (annual)."
    ),
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> list[ReportOut]:
    """Stored report versions, newest first."""
    return [ReportOut.of(r) for r in library.list_reports(session, kind, subject)]


@router.get("/api/v1/reports/{report_id}", response_model=ReportDetail, tags=["reports"])
def report_api(
    report_id: ReportId,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> ReportDetail:
    """One report version's metadata (model version, data checksums, SHA-256) and what
    changed since the previous version."""
    return report_detail(session, report_id)


@router.get(
    "/api/v1/reports/{report_id}/file",
    response_class=Response,
    tags=["reports"],
    responses={200: {"content": {"application/pdf": {}, "text/html": {}}}},
)
def report_file_api(
    report_id: ReportId,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> Response:
    """The report file (PDF or HTML), checked against its recorded SHA-256."""
    return report_file(report_or_404(session, report_id))
