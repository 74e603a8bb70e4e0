"""Report services: produce, store and export the country and annual reports. The CLI
and the web layer call these; nothing here knows about either."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from tocsin.reports import library
from tocsin.reports.render import FORMATS, RenderError, html_to_pdf, render_html, write_atomic
from tocsin.store.db import Database
from tocsin.store.models import Report


@dataclass(frozen=True)
class Generated:
    """A stored report version and what changed since the previous one."""

    id: int
    kind: str
    subject: str
    version: int
    fmt: str
    lang: str
    path: Path
    size: int
    changes: list[tuple[str, Any, Any]]
    first: bool


def _content(html: str, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise RenderError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    return html_to_pdf(html) if fmt == "pdf" else html.encode("utf-8")


def _produce(
    db: Database,
    data_dir: Path,
    kind: str,
    build: Callable[[Session], Any],
    subject_of: Callable[[Any], str],
    title_of: Callable[[Any], str],
    fmt: str,
    lang: str,
    actor: str,
    out: Path | None,
) -> Generated:
    """Build a report's content, compare it with the previous version, render, store the
    file and row (the file is removed if the row does not commit) and export a copy."""
    with db.session() as session:
        report = build(session)
        subject = subject_of(report)
        before = library.previous(session, kind, subject, lang, fmt)
        changes = library.diff_facts(before.facts, report.facts) if before else []
        version = library.next_version(session, kind, subject, lang, fmt)
    html = render_html(f"reports/{kind}.html", lang, r=report, version=version, changes=changes)
    produced = library.Produced(
        kind,
        subject,
        lang,
        fmt,
        title_of(report),
        f"{report.model} {report.model_version}",
        report.checksums,
        report.facts,
        _content(html, fmt),
    )
    path = library.file_path(data_dir, produced, version)
    try:
        with db.session() as session:
            row: Report = library.store(session, path, produced, version, actor)
            result = Generated(
                row.id, kind, subject, version, fmt, lang, path, row.size, changes, before is None
            )
    except BaseException:
        path.unlink(missing_ok=True)  # the row was not committed: no orphan file
        raise
    if out is not None:
        write_atomic(out, produced.content)
    return result


def country_report(
    db: Database,
    data_dir: Path,
    country: str,
    fmt: str = "pdf",
    lang: str = "en",
    actor: str = "system",
    out: Path | None = None,
) -> Generated:
    """Build, render, store (file + row) and optionally export a country report."""
    from tocsin.reports import country as builder

    return _produce(
        db,
        data_dir,
        "country",
        lambda session: builder.build(session, country, lang),
        lambda r: r.code,
        lambda r: f"{r.name}: country risk assessment",
        fmt,
        lang,
        actor,
        out,
    )


def annual_report(
    db: Database,
    data_dir: Path,
    year: int,
    fmt: str = "pdf",
    lang: str = "en",
    actor: str = "system",
    out: Path | None = None,
) -> Generated:
    """Build, render, store and optionally export the yearly statistical risk report."""
    from tocsin.reports import annual as builder

    return _produce(
        db,
        data_dir,
        "annual",
        lambda session: builder.build(session, year, lang),
        lambda r: str(r.year),
        lambda r: f"Statistical risk assessment {r.year}",
        fmt,
        lang,
        actor,
        out,
    )
