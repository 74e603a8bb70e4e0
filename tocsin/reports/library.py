"""Generated reports kept as versions: stored as a file and a database row, listed for
the /reports page and the API, and compared with the previous version."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tocsin.reports.render import write_atomic
from tocsin.store import audit
from tocsin.store.models import Report


class ReportNotFoundError(LookupError):
    """No stored report with that id."""


@dataclass(frozen=True)
class Produced:
    """A rendered report before it is stored."""

    kind: str
    subject: str
    lang: str
    fmt: str
    title: str
    model_version: str
    checksums: dict[str, str]
    facts: dict[str, Any]
    content: bytes


def reports_dir(data_dir: Path) -> Path:
    """Where stored report files live."""
    return data_dir / "reports"


def previous(session: Session, kind: str, subject: str, lang: str, fmt: str) -> Report | None:
    """The latest stored version of this report (same kind, subject, language, format)."""
    return session.scalars(
        select(Report)
        .where(
            Report.kind == kind, Report.subject == subject, Report.lang == lang, Report.fmt == fmt
        )
        .order_by(Report.version.desc())
        .limit(1)
    ).first()


def next_version(session: Session, kind: str, subject: str, lang: str, fmt: str) -> int:
    """The version number the next report of this kind, subject, language and format gets."""
    latest = session.scalar(
        select(func.max(Report.version)).where(
            Report.kind == kind, Report.subject == subject, Report.lang == lang, Report.fmt == fmt
        )
    )
    return (latest or 0) + 1


def file_path(data_dir: Path, produced: Produced, version: int) -> Path:
    """Where a report version's file is kept."""
    name = f"{produced.kind}-{produced.subject}-{produced.lang}-v{version}.{produced.fmt}"
    return reports_dir(data_dir) / name


def store(session: Session, path: Path, produced: Produced, version: int, actor: str) -> Report:
    """Keep a rendered report: the file at ``path`` (written atomically) and its row
    (audited). The caller removes the file if the transaction does not commit."""
    write_atomic(path, produced.content)
    row = Report(
        kind=produced.kind,
        subject=produced.subject,
        lang=produced.lang,
        fmt=produced.fmt,
        version=version,
        title=produced.title,
        created_by=actor,
        model_version=produced.model_version,
        data_checksums=produced.checksums,
        facts=produced.facts,
        path=str(path),
        sha256=hashlib.sha256(produced.content).hexdigest(),
        size=len(produced.content),
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "generate",
        "report",
        row.id,
        after={"kind": row.kind, "subject": row.subject, "version": version, "sha256": row.sha256},
    )
    return row


def list_reports(
    session: Session,
    kind: str | None = None,
    subject: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[Report]:
    """Stored reports, newest first (for the /reports page, the list API and the digest),
    optionally only those created in ``[since, until)``."""
    query = select(Report).order_by(Report.created_at.desc(), Report.id.desc())
    if since is not None:
        query = query.where(Report.created_at >= since)
    if until is not None:
        query = query.where(Report.created_at < until)
    if kind:
        query = query.where(Report.kind == kind)
    if subject:
        query = query.where(Report.subject == subject.upper())
    return list(session.scalars(query))


def get(session: Session, report_id: int) -> Report:
    """One stored report by id (for download)."""
    row = session.get(Report, report_id)
    if row is None:
        raise ReportNotFoundError(f"no stored report {report_id}")
    return row


def read(row: Report) -> bytes:
    """A stored report's file, checked against its recorded checksum."""
    data = Path(row.path).read_bytes()
    if hashlib.sha256(data).hexdigest() != row.sha256:
        raise ValueError(f"report file {row.path} does not match its recorded SHA-256")
    return data


def diff_facts(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """Statements that differ between two versions: (key, before, after), sorted by key."""
    return [
        (key, old.get(key), new.get(key))
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key)
    ]


def diff(session: Session, report_id: int) -> tuple[Report | None, list[tuple[str, Any, Any]]]:
    """A stored report compared with the version before it (None if it is the first)."""
    row = get(session, report_id)
    before = session.scalars(
        select(Report)
        .where(
            Report.kind == row.kind,
            Report.subject == row.subject,
            Report.lang == row.lang,
            Report.fmt == row.fmt,
            Report.version < row.version,
        )
        .order_by(Report.version.desc())
        .limit(1)
    ).first()
    return before, diff_facts(before.facts if before else {}, row.facts)
