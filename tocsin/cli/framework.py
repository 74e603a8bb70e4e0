"""Framework of Analysis workbench commands: `framework`, `docs`, `feeds`, `tag`,
`suggest`, `assess` and `search`; and the `tocsin up` step that ingests the shared
documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from tocsin.cli.common import (
    FormatOption,
    OutputFormat,
    cli_actor,
    console,
    friendly_errors,
    migrated_database,
    print_rows,
    settings_with,
)
from tocsin.cli.up import STEPS, Step

if TYPE_CHECKING:
    from tocsin.analysis.framework.ingest import ItemReport
    from tocsin.config import Settings
    from tocsin.store.db import Database

framework_app = typer.Typer(
    help="The risk-factor taxonomy: show, export, import.", no_args_is_help=True
)
docs_app = typer.Typer(
    help="Documents: ingest files, folders and URLs; list; show.", no_args_is_help=True
)
feeds_app = typer.Typer(help="RSS/Atom feeds: add, list, poll the ones due.", no_args_is_help=True)
assess_app = typer.Typer(
    help="Country assessments: set, publish, show, history.", no_args_is_help=True
)

STATUS_STYLE = {"new": "green", "exact": "cyan", "near": "cyan", "refused": "yellow"}


def _date(value: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option value, or a clear error naming the option."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{option} must be a date as YYYY-MM-DD, not {value!r}") from None


@framework_app.command("show")
def show(factor: str | None = typer.Argument(None, help="Only this factor (e.g. RF9).")) -> None:
    """The active taxonomy: risk factors and their indicators."""
    from tocsin.analysis.framework import taxonomy as tax

    with friendly_errors(), migrated_database().session() as session:
        taxonomy = tax.active(session)
        console.print(f"[bold]{taxonomy.name}[/] version {taxonomy.version}: {taxonomy.title}")
        for f in taxonomy.factors:
            if factor and f.code != factor:
                continue
            console.print(f"\n[bold]{f.code}[/] ({f.kind}) {f.name}", highlight=False)
            for ind in f.indicators:
                console.print(f"  {ind.code:8} {ind.label}: {ind.description}", highlight=False)


@framework_app.command("export")
def export(
    fmt: str = typer.Option("json", "--format", "-f", help="json or csv."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File (default stdout)."),
) -> None:
    """Export the active taxonomy as JSON or CSV, to adapt and re-import."""
    from tocsin.analysis.framework import taxonomy as tax

    with friendly_errors(), migrated_database().session() as session:
        if fmt not in ("json", "csv"):
            raise ValueError(f"--format must be json or csv, not {fmt!r}")
        taxonomy = tax.active(session)
        text = tax.to_json(taxonomy) if fmt == "json" else tax.to_csv(taxonomy)
        if output is None:
            typer.echo(text)
        else:
            output.write_text(text, encoding="utf-8")
            console.print(f"wrote {output}")


@framework_app.command("import")
def import_taxonomy(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help=".json or .csv file."),
) -> None:
    """Import a taxonomy file as a new version and make it active (audited)."""
    from tocsin.analysis.framework import taxonomy as tax

    with friendly_errors():
        taxonomy = tax.load_file(path)
        with migrated_database().session() as session:
            tax.install(session, taxonomy, cli_actor())
        console.print(
            f"taxonomy {taxonomy.name} {taxonomy.version} is active: "
            f"{len(taxonomy.factors)} factors, {len(taxonomy.indicators())} indicators"
        )


def _locker_root(settings: Settings) -> Path:
    from tocsin.store import locker

    return locker.default_root(settings.data_dir)


def _print_report(report: ItemReport) -> None:
    style = STATUS_STYLE.get(report.status, "white")
    ref = f" → document {report.document_id}" if report.document_id else ""
    message = report.message.removeprefix(f"{report.location}: ")
    console.print(
        f"[{style}]{report.status:8}[/] {report.location}{ref}: {message}", highlight=False
    )


@docs_app.command("ingest")
def ingest(
    items: list[str] = typer.Argument(..., help="Files, folders or http(s) URLs."),
    source: str | None = typer.Option(None, help="Source name (default: folder or host)."),
    country: str | None = typer.Option(
        None, help="Country the documents are about; excerpts that name none inherit it."
    ),
    published: str | None = typer.Option(
        None, "--date", help="Publication date (YYYY-MM-DD); default: the one the file carries."
    ),
    keep: bool = typer.Option(
        True, "--locker/--no-locker", help="Keep the original bytes in the evidence locker."
    ),
) -> None:
    """Ingest documents; each item is reported (new, duplicate, refused with the reason)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from tocsin.analysis.framework.ingest import expand_paths, ingest_items, locker_depositor
    from tocsin.reference.countries import lookup

    with friendly_errors():
        when = _date(published, "--date")
        if country:
            country = lookup(country).code  # an unknown country stops before any work
        settings = settings_with()
        db = migrated_database()
        paths = expand_paths(items)
        if not paths:
            raise ValueError("nothing to ingest: no supported files found")
        depositor = locker_depositor(_locker_root(settings), cli_actor()) if keep else None
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, console=console) as progress:
            task = progress.add_task("ingesting", total=len(paths))

            def on_item(report: ItemReport) -> None:
                progress.advance(task)
                _print_report(report)

            reports = ingest_items(
                db, paths, cli_actor(), source, on_item, depositor, country, when
            )
        counts = {s: sum(1 for r in reports if r.status == s) for s in STATUS_STYLE}
        console.print(
            f"{counts['new']} new, {counts['exact'] + counts['near']} duplicates linked, "
            f"{counts['refused']} refused"
        )
        if counts["refused"] and not counts["new"] and counts["refused"] == len(reports):
            raise typer.Exit(1)


@docs_app.command("list")
def list_documents(
    limit: int = typer.Option(50, help="How many, newest first."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Documents, newest first, with their excerpt counts and duplicate links."""
    from sqlalchemy import func, select

    from tocsin.store.models import Document, Excerpt

    with friendly_errors(), migrated_database().session() as session:
        counts = dict(
            session.execute(
                select(Excerpt.document_id, func.count()).group_by(Excerpt.document_id)
            ).all()
        )
        rows = [
            (
                doc.id,
                doc.title if fmt != OutputFormat.table else doc.title[:60],
                doc.source if fmt != OutputFormat.table else doc.source[:24],
                doc.published.isoformat() if doc.published else None,
                doc.language,
                counts.get(doc.id, 0),
                len(doc.sources),
            )
            for doc in session.scalars(
                select(Document).order_by(Document.ingested_at.desc()).limit(limit)
            )
        ]
    columns = ("id", "title", "source", "published", "lang", "excerpts", "copies")
    print_rows(columns, rows, fmt)


@docs_app.command("show")
def show_document(document_id: int) -> None:
    """One document's excerpts with their tags and suggestions."""
    from tocsin.analysis.framework import suggest, tagging
    from tocsin.store.models import Document

    with friendly_errors(), migrated_database().session() as session:
        doc = session.get(Document, document_id)
        if doc is None:
            raise ValueError(f"no document {document_id}; see `tocsin docs list`")
        console.print(f"[bold]{doc.title}[/] ({doc.source}, {doc.published or 'undated'})")
        ids = [e.id for e in doc.excerpts]
        tags = tagging.tags_for(session, ids)
        suggestions = suggest.open_suggestions(session, ids)
        for e in doc.excerpts:
            sugg = suggestions[e.id]
            console.print(f"\n[bold]#{e.id}[/] {e.key} {','.join(e.countries)}", highlight=False)
            console.print(e.text, highlight=False)
            for t in tags[e.id]:
                console.print(f"  tag {t.indicator} {t.status} ({t.confidence}) by {t.created_by}")
            console.print("  suggested: " + ", ".join(f"{s.indicator} {s.score:.2f}" for s in sugg))


@feeds_app.command("add")
def feeds_add(
    url: str,
    every: int | None = typer.Option(
        None, "--every", help="Poll interval in minutes (default: setting feed_interval_minutes)."
    ),
) -> None:
    """Register an RSS or Atom feed."""
    from tocsin.analysis.framework.feeds import add_feed

    settings = settings_with()
    minutes = every if every is not None else settings.feed_interval_minutes
    with friendly_errors(), migrated_database(settings).session() as session:
        feed = add_feed(session, url, cli_actor(), minutes)
        console.print(f"feed {feed.id}: {url}, every {minutes} minutes")


@feeds_app.command("list")
def feeds_list(fmt: OutputFormat = FormatOption) -> None:
    """Feeds with their last poll."""
    from sqlalchemy import select

    from tocsin.store.models import Feed

    with friendly_errors(), migrated_database().session() as session:
        rows = [
            (
                f.id,
                f.url,
                f.interval_minutes,
                f.last_polled_at.isoformat()[:16] if f.last_polled_at else None,
                f.last_status,
                f.last_message if fmt != OutputFormat.table else f.last_message[:60],
            )
            for f in session.scalars(select(Feed).order_by(Feed.id))
        ]
    print_rows(("id", "url", "every (min)", "last poll", "status", "message"), rows, fmt)


@feeds_app.command("poll")
def feeds_poll(
    force: bool = typer.Option(False, "--all", help="Poll every feed, due or not."),
) -> None:
    """Poll the feeds that are due (by their interval); a failing feed does not stop the rest."""
    from tocsin.analysis.framework.feeds import poll_due

    with friendly_errors():
        reports = poll_due(migrated_database(), cli_actor(), force)
        for r in reports:
            style = {"ok": "green", "unchanged": "cyan"}.get(r.status, "yellow")
            console.print(f"[{style}]{r.status:9}[/] {r.url}: {r.message}", highlight=False)
        if not reports:
            console.print("no feed is due")


@feeds_app.command("watch")
def feeds_watch(
    check: int = typer.Option(60, "--check-every", help="Seconds between checks for due feeds."),
    rounds: int = typer.Option(0, "--rounds", help="Stop after N checks (0: run until Ctrl+C)."),
) -> None:
    """Keep polling: every --check-every seconds, poll the feeds that are due."""
    import time

    from tocsin.analysis.framework.feeds import poll_due

    with friendly_errors():
        db = migrated_database()
        done = 0
        while rounds == 0 or done < rounds:
            for r in poll_due(db, "system:feeds"):
                console.print(f"{r.status:9} {r.url}: {r.message}", highlight=False)
            done += 1
            if rounds == 0 or done < rounds:
                time.sleep(max(5, check))


def register(app: typer.Typer) -> None:
    """Add the workbench's command groups and commands."""
    app.add_typer(framework_app, name="framework")
    app.add_typer(docs_app, name="docs")
    app.add_typer(feeds_app, name="feeds")
    app.add_typer(assess_app, name="assess")

    @app.command("tag")
    def tag(
        excerpt: str = typer.Argument(..., help="Excerpt id or key (ex-...)."),
        indicator: str = typer.Argument(..., help="Indicator code, e.g. RF9.1."),
        reject: bool = typer.Option(False, "--reject", help="Say it is NOT this indicator."),
        country: str | None = typer.Option(None, help="Country (default: the only one named)."),
        on: str | None = typer.Option(None, "--date", help="Date observed (YYYY-MM-DD)."),
        confidence: str = typer.Option("medium", help="low, medium or high."),
        note: str = typer.Option("", help="Why."),
    ) -> None:
        """Tag an excerpt with an indicator (or reject a suggestion); audited."""
        from tocsin.analysis.framework import tagging

        with friendly_errors(), migrated_database().session() as session:
            row = tagging.set_tag(
                session,
                tagging.excerpt_by_ref(session, excerpt),
                tagging.TagInput(
                    indicator,
                    "rejected" if reject else "accepted",
                    country,
                    _date(on, "--date"),
                    confidence,
                    note,
                ),
                cli_actor(),
            )
            console.print(f"tag {row.id}: excerpt {row.excerpt_id} {row.indicator} {row.status}")

    @app.command("suggest")
    def suggest_cmd(
        retrain: bool = typer.Option(False, "--retrain", help="Retrain and refresh all."),
        uncertain: int = typer.Option(
            0, "--uncertain", help="List the N excerpts worth labelling next (least certain)."
        ),
        fmt: OutputFormat = FormatOption,
    ) -> None:
        """Retrain the learned tagger on the stored tags, or list where it is least sure."""
        from tocsin.analysis.framework import suggest

        with friendly_errors(), migrated_database().session() as session:
            if retrain:
                tagger = suggest.trained_tagger(session, retrain=True)
                count = suggest.refresh_suggestions(session, tagger=tagger)
                labels = len(suggest.examples_from_store(session))
                console.print(f"retrained on {labels} tagged excerpts; {count} excerpts refreshed")
            if uncertain:
                rows = []
                for excerpt, margin in suggest.least_certain_excerpts(session, uncertain):
                    short = excerpt.text[:90] if fmt == OutputFormat.table else excerpt.text
                    rows.append((excerpt.id, round(margin, 3), short))
                print_rows(("excerpt", "margin", "text"), rows, fmt)
            if not retrain and not uncertain:
                console.print("use --retrain and/or --uncertain N")

    @app.command("search")
    def search_cmd(
        query: str = typer.Argument(..., help="Words to find (stemmed, all must match)."),
        country: str | None = typer.Option(None),
        indicator: str | None = typer.Option(None),
        source: str | None = typer.Option(None),
        since: str | None = typer.Option(None, help="Published on or after (YYYY-MM-DD)."),
        until: str | None = typer.Option(None, help="Published on or before (YYYY-MM-DD)."),
        limit: int = typer.Option(20),
        fmt: OutputFormat = FormatOption,
    ) -> None:
        """Full-text search over excerpts, with filters."""
        from tocsin.analysis.framework.search import Filters, search

        with friendly_errors(), migrated_database().session() as session:
            filters = Filters(
                country,
                indicator,
                source,
                _date(since, "--since"),
                _date(until, "--until"),
            )
            total, hits = search(session, query, filters, limit)
            if fmt != OutputFormat.table:
                rows = [(h.excerpt_id, h.document_id, h.title, h.text) for h in hits]
                print_rows(("excerpt", "document", "title", "text"), rows, fmt)
                return
            console.print(f"{total} excerpts")
            for h in hits:
                console.print(
                    f"[bold]#{h.excerpt_id}[/] doc {h.document_id} {h.title[:50]}: {h.text[:140]}",
                    highlight=False,
                )


@assess_app.command("set")
def assess_set(
    country: str,
    factor: str = typer.Argument(..., help="Risk factor code, e.g. RF1."),
    level: str = typer.Argument(..., help="none, low, moderate, high or 'very high'."),
    confidence: str = typer.Option("medium"),
    summary: str = typer.Option("", help="The analyst's summary."),
    evidence: str = typer.Option("", help="Excerpt ids, comma-separated."),
    publish: bool = typer.Option(False, "--publish", help="Publish this version now."),
) -> None:
    """Save a new version of a country's rating on one risk factor."""
    from tocsin.analysis.framework import assessments

    with friendly_errors(), migrated_database().session() as session:
        ids = [int(x) for x in evidence.split(",") if x.strip()]
        row = assessments.save(
            session, country, factor, level, confidence, summary, ids, cli_actor(), publish
        )
        console.print(f"{row.country_code} {row.factor} v{row.version}: {row.level} ({row.status})")


@assess_app.command("publish")
def assess_publish(assessment_id: int) -> None:
    """Publish a draft version."""
    from tocsin.analysis.framework import assessments

    with friendly_errors(), migrated_database().session() as session:
        row = assessments.publish_version(session, assessment_id, cli_actor())
        console.print(f"{row.country_code} {row.factor} v{row.version} published")


@assess_app.command("show")
def assess_show(country: str, fmt: OutputFormat = FormatOption) -> None:
    """A country's roll-up across the risk factors."""
    from tocsin.analysis.framework import assessments

    with friendly_errors(), migrated_database().session() as session:
        rows = assessments.rollup(session, country)
        table = [
            (
                r.factor.code,
                r.factor.name if fmt != OutputFormat.table else r.factor.name[:50],
                r.published.level if r.published else None,
                r.published.confidence if r.published else None,
                r.published.version if r.published else None,
                ",".join(map(str, r.published.evidence)) if r.published else None,
            )
            for r in rows
        ]
        columns = ("factor", "name", "level", "confidence", "version", "evidence")
        print_rows(columns, table, fmt)
        if fmt == OutputFormat.table:
            console.print(f"highest published level: {assessments.overall(rows) or 'none yet'}")


@assess_app.command("history")
def assess_history(country: str, factor: str) -> None:
    """Every version of a rating, with what changed."""
    from tocsin.analysis.framework import assessments

    with friendly_errors(), migrated_database().session() as session:
        versions = assessments.history(session, country, factor)
        for newer, older in zip(versions, [*versions[1:], None], strict=False):
            changes = assessments.diff(older, newer)
            console.print(
                f"v{newer.version} {newer.created_at.isoformat()[:16]} {newer.created_by} "
                f"{newer.status}: "
                + "; ".join(f"{k}: {a!r} → {b!r}" for k, (a, b) in changes.items()),
                highlight=False,
            )


def ingest_shared_documents(settings: Settings, db: Database) -> str:
    """The `tocsin up` step: pull the registered documents and ingest them (idempotent)."""
    from sqlalchemy import func, select

    from tocsin.analysis.framework.extract import ExtractError, extract_file
    from tocsin.analysis.framework.ingest import locker_depositor, store_extracted
    from tocsin.sources import fetch
    from tocsin.sources.catalog.documents import DOCUMENTS, PUBLISHED
    from tocsin.store.models import Document, Tag

    depositor = locker_depositor(_locker_root(settings), "system:up")
    new = linked = 0
    for ds in DOCUMENTS:
        try:
            path = fetch.pull_one(settings, ds, settings.mirror).path
        except fetch.SourceError as exc:
            return f"skipped: {exc}"
        try:
            item = extract_file(path)
        except ExtractError as exc:
            return f"stopped: {exc}"
        with db.session() as session:
            report = store_extracted(
                session,
                item,
                ds.citation.split(",")[0][:200],
                "system:up",
                date.fromisoformat(PUBLISHED[ds.name]),
                depositor,
            )
        new += report.status == "new"
        linked += report.status != "new"
    with db.session() as session:
        total = session.scalar(select(func.count()).select_from(Document)) or 0
        tags = session.scalar(select(func.count()).select_from(Tag)) or 0
    return f"{new} new, {linked} already stored; {total} documents, {tags} tags"


STEPS.append(Step("ingest framework documents", ingest_shared_documents))
