"""Report services: produce, store and export the country and annual reports. The CLI
and the web layer call these; nothing here knows about either."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def _keep(
    db: Database,
    data_dir: Path,
    produced: library.Produced,
    version: int,
    actor: str,
    out: Path | None,
    changes: list[tuple[str, Any, Any]],
    first: bool,
) -> Generated:
    path = library.file_path(data_dir, produced, version)
    try:
        with db.session() as session:
            row: Report = library.store(session, path, produced, version, actor)
            result = Generated(
                row.id,
                row.kind,
                row.subject,
                version,
                row.fmt,
                row.lang,
                path,
                row.size,
                changes,
                first,
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

    with db.session() as session:
        report = builder.build(session, country, lang)
        before = library.previous(session, "country", report.code, lang, fmt)
        changes = library.diff_facts(before.facts, report.facts) if before else []
        version = library.next_version(session, "country", report.code, lang, fmt)
    html = render_html("reports/country.html", lang, r=report, version=version, changes=changes)
    produced = library.Produced(
        "country",
        report.code,
        lang,
        fmt,
        f"{report.name}: country risk assessment",
        f"{report.model} {report.model_version}",
        report.checksums,
        report.facts,
        _content(html, fmt),
    )
    return _keep(db, data_dir, produced, version, actor, out, changes, before is None)


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

    with db.session() as session:
        report = builder.build(session, year, lang)
        subject = str(year)
        before = library.previous(session, "annual", subject, lang, fmt)
        changes = library.diff_facts(before.facts, report.facts) if before else []
        version = library.next_version(session, "annual", subject, lang, fmt)
    html = render_html("reports/annual.html", lang, r=report, version=version, changes=changes)
    produced = library.Produced(
        "annual",
        subject,
        lang,
        fmt,
        f"Statistical risk assessment {year}",
        f"{report.model} {report.model_version}",
        report.checksums,
        report.facts,
        _content(html, fmt),
    )
    return _keep(db, data_dir, produced, version, actor, out, changes, before is None)
