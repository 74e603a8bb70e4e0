"""Framework of Analysis workbench commands: `framework`, `docs`, `feeds`, `tag`,
`suggest`, `assess` and `search`; and the `tocsin up` step that ingests the shared
documents."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from sqlalchemy import func, select

from tocsin.analysis.framework import assessments, suggest, tagging
from tocsin.analysis.framework import taxonomy as tax
from tocsin.analysis.framework.feeds import FeedError, add_feed, poll_due
from tocsin.analysis.framework.ingest import (
    ItemReport,
    expand_paths,
    ingest_items,
    locker_depositor,
    store_extracted,
)
from tocsin.analysis.framework.search import Filters, search
from tocsin.cli.common import (
    EXPECTED_ERRORS,
    cli_actor,
    console,
    friendly_errors,
    migrated_database,
    settings_with,
)
from tocsin.cli.up import STEPS, Step
from tocsin.config import Settings
from tocsin.sources import fetch
from tocsin.sources.catalog.documents import DOCUMENTS, PUBLISHED
from tocsin.store import locker
from tocsin.store.db import Database
from tocsin.store.models import Document, Excerpt, Feed, Suggestion, Tag

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

_ERRORS: tuple[type[Exception], ...] = (
    *EXPECTED_ERRORS,
    tax.TaxonomyError,
    tagging.TaggingError,
    assessments.AssessmentError,
    FeedError,
)
STATUS_STYLE = {"new": "green", "exact": "cyan", "near": "cyan", "refused": "yellow"}


@contextmanager
def _guard() -> Iterator[None]:
    """friendly_errors, for the workbench's own error types too."""
    with friendly_errors():
        try:
            yield
        except _ERRORS as exc:
            raise ValueError(str(exc)) from None


@framework_app.command("show")
def show(factor: str | None = typer.Argument(None, help="Only this factor (e.g. RF9).")) -> None:
    """The active taxonomy: risk factors and their indicators."""
    with _guard(), migrated_database().session() as session:
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
    with _guard(), migrated_database().session() as session:
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
    with _guard():
        taxonomy = tax.load_file(path)
        with migrated_database().session() as session:
            tax.install(session, taxonomy, cli_actor())
        console.print(
            f"taxonomy {taxonomy.name} {taxonomy.version} is active: "
            f"{len(taxonomy.factors)} factors, {len(taxonomy.indicators())} indicators"
        )


def _locker_root(settings: Settings) -> Path:
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
    keep: bool = typer.Option(
        True, "--locker/--no-locker", help="Keep the original bytes in the evidence locker."
    ),
) -> None:
    """Ingest documents; each item is reported (new, duplicate, refused with the reason)."""
    with _guard():
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

            reports = ingest_items(db, paths, cli_actor(), source, on_item, depositor)
        counts = {s: sum(1 for r in reports if r.status == s) for s in STATUS_STYLE}
        console.print(
            f"{counts['new']} new, {counts['exact'] + counts['near']} duplicates linked, "
            f"{counts['refused']} refused"
        )
        if counts["refused"] and not counts["new"] and counts["refused"] == len(reports):
            raise typer.Exit(1)


@docs_app.command("list")
def list_documents(limit: int = typer.Option(50, help="How many, newest first.")) -> None:
    """Documents, newest first, with their excerpt counts and duplicate links."""
    with _guard(), migrated_database().session() as session:
        counts = dict(
            session.execute(
                select(Excerpt.document_id, func.count()).group_by(Excerpt.document_id)
            ).all()
        )
        table = Table("id", "title", "source", "published", "lang", "excerpts", "copies")
        for doc in session.scalars(
            select(Document).order_by(Document.ingested_at.desc()).limit(limit)
        ):
            table.add_row(
                str(doc.id),
                doc.title[:60],
                doc.source[:24],
                str(doc.published or ""),
                doc.language or "",
                str(counts.get(doc.id, 0)),
                str(len(doc.sources)),
            )
        console.print(table)


@docs_app.command("show")
def show_document(document_id: int) -> None:
    """One document's excerpts with their tags and suggestions."""
    with _guard(), migrated_database().session() as session:
        doc = session.get(Document, document_id)
        if doc is None:
            raise ValueError(f"no document {document_id}; see `tocsin docs list`")
        console.print(f"[bold]{doc.title}[/] ({doc.source}, {doc.published or 'undated'})")
        ids = [e.id for e in doc.excerpts]
        tags = tagging.tags_for(session, ids)
        for e in doc.excerpts:
            sugg = session.scalars(
                select(Suggestion).where(Suggestion.excerpt_id == e.id).order_by(Suggestion.rank)
            ).all()
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
    settings = settings_with()
    minutes = every if every is not None else settings.feed_interval_minutes
    with _guard(), migrated_database(settings).session() as session:
        feed = add_feed(session, url, cli_actor(), minutes)
        console.print(f"feed {feed.id}: {url}, every {minutes} minutes")


@feeds_app.command("list")
def feeds_list() -> None:
    """Feeds with their last poll."""
    with _guard(), migrated_database().session() as session:
        table = Table("id", "url", "every", "last poll", "status", "message")
        for f in session.scalars(select(Feed).order_by(Feed.id)):
            table.add_row(
                str(f.id),
                f.url,
                f"{f.interval_minutes} min",
                f.last_polled_at.isoformat()[:16] if f.last_polled_at else "never",
                f.last_status,
                f.last_message[:60],
            )
        console.print(table)


@feeds_app.command("poll")
def feeds_poll(
    force: bool = typer.Option(False, "--all", help="Poll every feed, due or not."),
) -> None:
    """Poll the feeds that are due (by their interval); a failing feed does not stop the rest."""
    with _guard():
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

    with _guard():
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
        with _guard(), migrated_database().session() as session:
            row = tagging.set_tag(
                session,
                tagging.excerpt_by_ref(session, excerpt),
                tagging.TagInput(
                    indicator,
                    "rejected" if reject else "accepted",
                    country,
                    date.fromisoformat(on) if on else None,
                    confidence,
                    note,
                ),
                cli_actor(),
            )
            console.print(f"tag {row.id}: excerpt {row.excerpt_id} {row.indicator} {row.status}")

    @app.command("suggest")
    def suggest_cmd(
        retrain: bool = typer.Option(False, "--retrain", help="Retrain and refresh all."),
        uncertain: int = typer.Option(0, "--uncertain", help="List the N least certain."),
    ) -> None:
        """Retrain the learned tagger on the stored tags, or list where it is least sure."""
        with _guard(), migrated_database().session() as session:
            if retrain:
                tagger = suggest.trained_tagger(session, retrain=True)
                count = suggest.refresh_suggestions(session, tagger=tagger)
                labels = len(suggest.examples_from_store(session))
                console.print(f"retrained on {labels} tagged excerpts; {count} excerpts refreshed")
            if uncertain:
                table = Table("excerpt", "margin", "text")
                for excerpt_id, margin in suggest.least_certain(session, uncertain):
                    text = session.get_one(Excerpt, excerpt_id).text
                    table.add_row(str(excerpt_id), f"{margin:.3f}", text[:90])
                console.print(table)
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
    ) -> None:
        """Full-text search over excerpts, with filters."""
        with _guard(), migrated_database().session() as session:
            filters = Filters(
                country,
                indicator,
                source,
                date.fromisoformat(since) if since else None,
                date.fromisoformat(until) if until else None,
            )
            total, hits = search(session, query, filters, limit)
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
    with _guard(), migrated_database().session() as session:
        ids = [int(x) for x in evidence.split(",") if x.strip()]
        row = assessments.save(
            session, country, factor, level, confidence, summary, ids, cli_actor(), publish
        )
        console.print(f"{row.country_code} {row.factor} v{row.version}: {row.level} ({row.status})")


@assess_app.command("publish")
def assess_publish(assessment_id: int) -> None:
    """Publish a draft version."""
    with _guard(), migrated_database().session() as session:
        row = assessments.publish_version(session, assessment_id, cli_actor())
        console.print(f"{row.country_code} {row.factor} v{row.version} published")


@assess_app.command("show")
def assess_show(country: str) -> None:
    """A country's roll-up across the risk factors."""
    with _guard(), migrated_database().session() as session:
        rows = assessments.rollup(session, country)
        table = Table("factor", "name", "level", "confidence", "version", "evidence")
        for r in rows:
            p = r.published
            table.add_row(
                r.factor.code,
                r.factor.name[:50],
                p.level if p else "-",
                p.confidence if p else "",
                f"v{p.version}" if p else "",
                ",".join(map(str, p.evidence)) if p else "",
            )
        console.print(table)
        console.print(f"highest published level: {assessments.overall(rows) or 'none yet'}")


@assess_app.command("history")
def assess_history(country: str, factor: str) -> None:
    """Every version of a rating, with what changed."""
    with _guard(), migrated_database().session() as session:
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
    from tocsin.analysis.framework.extract import ExtractError, extract_file

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
