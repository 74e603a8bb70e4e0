"""Response models and parameters of the reports API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import Path as PathParam
from pydantic import BaseModel

from tocsin.store.models import Report

ReportId = Annotated[int, PathParam(ge=1, le=2**31 - 1, description="Report id.")]
Kind = Literal["country", "annual"]
Format = Literal["pdf", "html"]
Language = Literal["en", "fr"]
MEDIA_TYPES = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}


class Change(BaseModel):
    """One checkable statement that differs from the previous version."""

    key: str
    before: Any
    after: Any


class ReportOut(BaseModel):
    """One stored version of a report."""

    id: int
    kind: str
    subject: str
    lang: str
    fmt: str
    version: int
    title: str
    created_at: datetime
    created_by: str
    model_version: str
    data_checksums: dict[str, Any]
    sha256: str
    size: int
    download: str

    @classmethod
    def of(cls, row: Report) -> ReportOut:
        """The API view of a stored report row."""
        return cls(
            id=row.id,
            kind=row.kind,
            subject=row.subject,
            lang=row.lang,
            fmt=row.fmt,
            version=row.version,
            title=row.title,
            created_at=row.created_at,
            created_by=row.created_by,
            model_version=row.model_version,
            data_checksums=row.data_checksums,
            sha256=row.sha256,
            size=row.size,
            download=f"/api/v1/reports/{row.id}/file",
        )


class ReportDetail(ReportOut):
    """A report version with what changed since the version before it."""

    previous_id: int | None
    changes: list[Change]
