"""`tocsin report`: country risk assessments and the yearly statistical risk report, as
PDF or HTML; listing and comparing the stored versions."""

from __future__ import annotations

from pathlib import Path

import typer

from tocsin.cli.common import (
    cli_actor,
    console,
    friendly_errors,
    migrated_database,
    print_rows,
    settings_with,
)

app = typer.Typer(help="Country and annual reports (PDF, HTML), versioned.", no_args_is_help=True)

FormatOption = typer.Option("pdf", "--format", "-f", help="pdf or html.")
LangOption = typer.Option("en", "--lang", "-l", help="Report language: en or fr.")


def _expected() -> tuple[type[Exception], ...]:
    from tocsin.analysis.forecast.service import NoDataForBaseYearError
    from tocsin.reports.charts import ChartError
    from tocsin.reports.country import ReportError
    from tocsin.reports.library import ReportNotFoundError
    from tocsin.reports.render import RenderError

    return (ChartError, ReportError, RenderError, ReportNotFoundError, NoDataForBaseYearError)


def _run(kind: str, subject: str | int, fmt: str, lang: str, out: Path | None) -> None:
    from tocsin.reports import service

    settings = settings_with()
    try:
        with friendly_errors(), console.status(f"building the {kind} report"):
            db = migrated_database(settings)
            if kind == "country":
                made = service.country_report(
                    db, settings.data_dir, str(subject), fmt, lang, cli_actor(), out
                )
            else:
                made = service.annual_report(
                    db, settings.data_dir, int(subject), fmt, lang, cli_actor(), out
                )
    except _expected() as exc:
        console.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from None
    where = out or made.path
    console.print(
        f"[green]{kind} report[/] {made.subject} version {made.version} ({made.fmt}, "
        f"{made.size:,} bytes): {where}"
    )
    if not made.first:
        console.print(f"{len(made.changes)} statements changed since version {made.version - 1}")
        for key, before, after in made.changes[:20]:
            console.print(f"  {key}: {before} -> {after}", highlight=False)


@app.command("country")
def country(
    code: str = typer.Argument(..., help="Country name or code, e.g. SDN."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Also write the report here."),
    fmt: str = FormatOption,
    lang: str = LangOption,
) -> None:
    """A country risk assessment: forecast, 14 risk factors, violence, alerts, speech, sources."""
    _run("country", code, fmt, lang, out)


@app.command("annual")
def annual(
    year: int = typer.Option(..., "--year", help="Report year: forecasts from base year - 1."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Also write the report here."),
    fmt: str = FormatOption,
    lang: str = LangOption,
) -> None:
    """The yearly statistical risk report: map, ranking, movers, drivers, model, methods."""
    _run("annual", year, fmt, lang, out)


@app.command("list")
def list_command(
    kind: str | None = typer.Option(None, help="country or annual."),
    subject: str | None = typer.Option(None, help="Country code or year."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv."),
) -> None:
    """Stored report versions, newest first."""
    from tocsin.reports import library

    columns = ["id", "kind", "subject", "version", "lang", "fmt", "created_at", "size", "path"]
    with friendly_errors(), migrated_database().session() as session:
        rows = [
            [
                r.id,
                r.kind,
                r.subject,
                r.version,
                r.lang,
                r.fmt,
                r.created_at.isoformat(),
                r.size,
                r.path,
            ]
            for r in library.list_reports(session, kind, subject)
        ]
    print_rows(columns, rows, fmt)


@app.command("diff")
def diff(
    report_id: int = typer.Argument(..., help="Stored report id (see `report list`)."),
) -> None:
    """What a stored report version states differently from the version before it."""
    from tocsin.reports import library

    try:
        with friendly_errors(), migrated_database().session() as session:
            before, changes = library.diff(session, report_id)
    except library.ReportNotFoundError as exc:
        console.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from None
    if before is None:
        console.print("first version: nothing to compare with")
    for key, old, new in changes:
        console.print(f"{key}: {old} -> {new}", highlight=False)


@app.command("drafts")
def drafts_command(
    code: str = typer.Argument(..., help="Country name or code."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv."),
) -> None:
    """The 14 risk factors of a country drafted from data, with their evidence."""
    from tocsin.analysis.framework import drafts

    with friendly_errors(), migrated_database().session() as session:
        rows = [
            {
                "factor": d.factor.code,
                "level": d.level or "",
                "score": None if d.score is None else round(d.score, 3),
                "status": d.status,
                "evidence": "; ".join(
                    f"{e.line.label}={e.value:g} ({e.year}, p{e.percentile:.0%})"
                    for e in d.evidence
                ),
            }
            for d in drafts.country_drafts(session, code)
        ]
    columns = ("factor", "level", "score", "status", "evidence")
    print_rows(columns, [[row[c] for c in columns] for row in rows], fmt)


@app.command("confirm")
def confirm(
    code: str = typer.Argument(..., help="Country name or code."),
    factor: str = typer.Argument(..., help="Risk factor code, e.g. RF1."),
    note: str = typer.Option("", help="Optional note kept with the confirmation."),
) -> None:
    """Confirm a drafted rating: saved as a new assessment version (audited)."""
    from tocsin.analysis.framework import drafts

    with friendly_errors(), migrated_database().session() as session:
        row = drafts.confirm(session, code, factor, cli_actor(), note)
        console.print(
            f"confirmed {row.country_code} {row.factor}: {row.level} (version {row.version})"
        )


@app.command("override")
def override(
    code: str = typer.Argument(..., help="Country name or code."),
    factor: str = typer.Argument(..., help="Risk factor code, e.g. RF1."),
    level: str = typer.Option(..., help="none, low, moderate, high or very high."),
    reason: str = typer.Option(..., help="Why the analyst's rating differs from the draft."),
) -> None:
    """Replace a drafted rating with the analyst's, giving a reason (audited)."""
    from tocsin.analysis.framework import drafts

    with friendly_errors(), migrated_database().session() as session:
        row = drafts.override(session, code, factor, level, reason, cli_actor())
        console.print(
            f"overridden {row.country_code} {row.factor}: {row.level} (version {row.version})"
        )
