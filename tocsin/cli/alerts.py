"""`tocsin events` and `tocsin alerts`: import conflict events, run the alert signals,
and work through alerts."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from tocsin.cli.common import (
    cli_actor,
    console,
    friendly_errors,
    migrated_database,
    settings_with,
)
from tocsin.cli.up import STEPS, Step, step_bar

# Services are imported inside the commands that use them: `tocsin alerts list` must not
# pay for the signals' statistics (SciPy) or the event importers (pandas).
if TYPE_CHECKING:
    from tocsin.analysis.events.yearly import YearlyLoadReport
    from tocsin.config import Settings
    from tocsin.store.db import Database
    from tocsin.store.models import Delivery

events_app = typer.Typer(
    help="Conflict events: import UCDP GED or ACLED files; load UCDP yearly deaths.",
    no_args_is_help=True,
)
alerts_app = typer.Typer(
    help="Alerts: run the signals, work through alerts, subscriptions, weekly digest.",
    no_args_is_help=True,
)


@events_app.command("import")
def import_events(
    files: list[Path] = typer.Argument(..., exists=True, dir_okay=False, help="CSV files."),
    fmt: str = typer.Option("ucdp-ged", "--format", "-f", help="ucdp-ged or acled."),
    skip_bad_rows: bool = typer.Option(
        False, "--skip-bad-rows", help="Import the good rows of a file with bad ones."
    ),
) -> None:
    """Import event files (CSV or .csv.gz); re-importing a newer version updates events in
    place. A file with bad rows is refused whole unless --skip-bad-rows."""
    from tocsin.analysis.events.ingest import import_file
    from tocsin.sources.importers import IMPORTERS
    from tocsin.sources.importers.base import EventFormatError

    with friendly_errors():
        IMPORTERS.get(fmt)
        db = migrated_database()
        for path in files:
            try:
                with db.session() as session:
                    report = import_file(
                        session, path, fmt, actor=cli_actor(), skip_bad_rows=skip_bad_rows
                    )
            except EventFormatError as exc:
                raise ValueError(str(exc)) from None
            console.print(
                f"{path.name}: [green]{report.inserted} new[/], {report.updated} updated, "
                f"{report.unchanged} unchanged, [yellow]{len(report.rejected)} rejected[/]"
            )
            for error in report.rejected[:20]:
                console.print(f"  [yellow]skipped[/] {path.name} {error}", highlight=False)
            if len(report.rejected) > 20:
                console.print(f"  ... and {len(report.rejected) - 20} more rejected rows")


@events_app.command("import-acled")
def import_acled_command(
    country: str | None = typer.Option(None, help="Only this country (ACLED's name)."),
    since: str | None = typer.Option(None, help="Only events on or after (YYYY-MM-DD)."),
) -> None:
    """Import events from ACLED's API with your own key (TOCSIN_ACLED_KEY and
    TOCSIN_ACLED_EMAIL), all pages; the key is never shown or stored."""
    from tocsin.analysis.events.ingest import import_acled_api
    from tocsin.sources.acled_api import AcledError
    from tocsin.sources.importers.base import EventFormatError

    with friendly_errors():
        settings = settings_with()
        try:
            with migrated_database(settings).session() as session:
                report = import_acled_api(session, settings, cli_actor(), country, since)
        except (AcledError, EventFormatError) as exc:
            raise ValueError(str(exc)) from None
        console.print(
            f"ACLED: [green]{report.inserted} new[/], {report.updated} updated, "
            f"{report.unchanged} unchanged"
        )


@events_app.command("import-datasets")
def import_datasets_command(
    names: list[str] = typer.Argument(None, help="Registered GED-layout datasets."),
) -> None:
    """Import registered event datasets (default: the 15 per-country GED files), mirror
    aware; a file already imported (same checksum) is skipped."""
    from tocsin.analysis.events.ingest import import_datasets
    from tocsin.sources.catalog.events import GED_COUNTRY_DATASETS

    with friendly_errors():
        settings = settings_with()
        db = migrated_database(settings)
        reports = import_datasets(db, settings, names or GED_COUNTRY_DATASETS, cli_actor())
        for name, report in reports.items():
            done = "already imported" if report is None else f"{report.inserted:,} new"
            console.print(f"{name}: {done}")


@events_app.command("load-yearly")
def load_yearly_command() -> None:
    """Load UCDP's yearly deaths per country, as UCDP attributes them (state-based,
    non-state, one-sided)."""
    from tocsin.analysis.events import yearly

    with friendly_errors():
        settings = settings_with()
        db = migrated_database(settings)
        with db.session() as session:
            report = yearly.load_yearly(session, settings, actor=cli_actor())
        console.print(_yearly_summary(report))


@events_app.command("yearly")
def export_yearly_command(
    out: Path = typer.Option(..., "--out", help="CSV file to write."),
) -> None:
    """Export the stored yearly deaths: iso3, gwno, year, measure, deaths (UCDP's own
    country attribution: state-based, non-state, one-sided)."""
    from tocsin.analysis.events import yearly

    with friendly_errors():
        with migrated_database().session() as session:
            frame = yearly.export_yearly(session)
        if frame.empty:
            raise ValueError("no yearly deaths are stored; run `tocsin events load-yearly` first")
        frame.to_csv(out, index=False)
        console.print(f"{len(frame):,} country-year-measures written to {out}")


data_app = typer.Typer(help="Data quality: check stored series before signals run.")


@data_app.command("check")
def data_check(
    fmt: str = typer.Option("table", "--format", help="table, json or csv."),
) -> None:
    """Flag implausible yearly series (the signals skip flagged values, with a note)."""
    from tocsin.analysis.events.quality import check_yearly, stored_values

    with friendly_errors(), migrated_database().session() as session:
        flags = check_yearly(session)
        rows = [
            {"country": f.country_code, "year": f.year, "measure": f.kind, "deaths": f.deaths,
             "skipped by signals": "yes" if f.blocking else "no", "reason": f.reason}
            for f in flags
        ]  # fmt: skip
        total = stored_values(session)
    columns = ["country", "year", "measure", "deaths", "skipped by signals", "reason"]
    emit_rows(rows, fmt, columns)
    if fmt == "table":
        blocking = sum(f.blocking for f in flags)
        console.print(
            f"{blocking} implausible value(s) skipped by the signals and "
            f"{len(flags) - blocking} to review, among {total:,} stored yearly values"
        )


def emit_rows(rows: list[dict], fmt: str, columns: list[str]) -> None:
    """Print rows as a Rich table, JSON or CSV."""
    import csv
    import io
    import json

    if fmt == "json":
        print(json.dumps(rows, indent=2, default=str))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        print(buffer.getvalue(), end="")
    elif fmt == "table":
        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
        console.print(table)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose table, json or csv")


def _yearly_summary(report: YearlyLoadReport) -> str:
    parts = [f"{name}: {rows:,} rows" for name, rows in report.rows.items()]
    parts += [f"{name}: already loaded" for name in report.skipped]
    return "; ".join(parts)


@alerts_app.command("run")
def run(
    as_of: str | None = typer.Option(None, "--as-of", help="Date (YYYY-MM-DD); default today."),
    signal: list[str] = typer.Option(None, "--signal", help="Only these signals."),
    replay_from: str | None = typer.Option(
        None, "--from", help="Replay monthly from this date (YYYY-MM-DD) up to --as-of."
    ),
    send: bool = typer.Option(True, "--notify/--no-notify", help="Tell subscribers of new alerts."),
) -> None:
    """Run every alert signal: new activity opens or extends alerts, a far larger month
    escalates one, quiet ones resolve. Alerts raised by --from (replay) are history and
    are not announced."""
    from tocsin.alerts import notify
    from tocsin.alerts.engine import load_signal_plugins, replay, run_signals
    from tocsin.alerts.signals import SIGNALS

    with friendly_errors():
        load_signal_plugins()
        for name in signal or []:
            SIGNALS.get(name)
        day = date.fromisoformat(as_of) if as_of else date.today()
        settings = settings_with()
        db = migrated_database(settings)
        with db.session() as session:
            if replay_from:
                start = date.fromisoformat(replay_from)
                report = replay(session, start, day, signal or None, config=settings.signals)
            else:
                report = run_signals(session, day, signal or None, config=settings.signals)
        for name, count in report.by_signal.items():
            console.print(f"{name}: {count} candidate(s)")
        console.print(
            f"[bold]{len(report.created)} new alert(s), {len(report.merged)} with more "
            f"activity, {len(report.escalated)} escalated, {len(report.resolved)} resolved[/]"
        )
        for note in report.notes:
            console.print(f"  [yellow]note[/] {note}", highlight=False)
        if send and (report.created or report.escalated):
            with db.session() as session:
                deliveries = notify.notify_alerts(session, settings, report.created)
                deliveries += notify.notify_alerts(session, settings, report.escalated, "escalated")
            _print_deliveries(deliveries)


def _print_deliveries(deliveries: list[Delivery]) -> None:
    sent = sum(d.status == "sent" for d in deliveries)
    console.print(f"notifications: {sent} sent, {len(deliveries) - sent} failed")
    for failed in (d for d in deliveries if d.status == "failed"):
        console.print(f"  [yellow]failed[/] subscription {failed.subscription_id}: {failed.error}")


@alerts_app.command("list")
def list_alerts(
    status: str | None = typer.Option(None, help="new, acknowledged, escalated or closed."),
    country: str | None = typer.Option(None, help="Country name or ISO3 code."),
    severity: str | None = typer.Option(None, help="low, medium, high or critical."),
    signal: str | None = typer.Option(None, help="Only this signal."),
    limit: int = typer.Option(200, min=1, max=100_000, help="At most this many."),
    fmt: str = typer.Option("table", "--format", help="table, json or csv."),
) -> None:
    """Show alerts: violence against civilians first, then by severity, newest first.
    JSON and CSV give the API's alert objects."""
    from tocsin.alerts.queries import ALERT_FIELDS, query_alerts

    with friendly_errors(), migrated_database().session() as session:
        _total, rows = query_alerts(session, status, country, severity, signal, limit=limit)
        if fmt == "table":
            table = Table("id", "status", "severity", "signal", "country", "since", "title")
            for row in rows:
                table.add_row(
                    str(row["id"]),
                    row["status"],
                    row["severity"],
                    row["signal"],
                    row["country"] or "",
                    row["since"] or "",
                    row["title"],
                )
            console.print(table)
        else:
            emit_rows(rows, fmt, list(ALERT_FIELDS))


@alerts_app.command("show")
def show(alert_id: int) -> None:
    """Everything about one alert: what, where, since when, how unusual, evidence, its
    timeline, who was notified and who responded."""
    from tocsin.alerts.queries import alert_record
    from tocsin.alerts.severity import fmt_count, fmt_probability

    with friendly_errors(), migrated_database().session() as session:
        record = alert_record(session, alert_id)
        if record is None:
            raise ValueError(f"no alert {alert_id}")
    console.print(f"[bold]{record['title']}[/] ({record['severity']}, {record['status']})")
    console.print(record["summary"], highlight=False)
    console.print(
        f"since {record['since']} to {record['period_end']}; observed "
        f"{fmt_count(record['observed'])}, baseline {record['baseline'] or 0:,.1f}, "
        f"peak {fmt_count(record['peak'])}, chance under the baseline "
        f"{fmt_probability(record['unusualness'])}",
        highlight=False,
    )
    if record["episodes"]:
        console.print(f"follows earlier alert(s) {', '.join(map(str, record['episodes']))}")
    for ev in record["evidence"]:
        console.print(f"  evidence {ev['kind']} {ev['ref']}: {ev['label']}", highlight=False)
    for step in record["timeline"]:
        month = f" [{step['month'][:7]}]" if step["month"] else ""
        console.print(
            f"  {step['at'][:16]} {step['actor']} {step['action']}{month} "
            f"-> {step['status']} {step['note'][:80]}",
            highlight=False,
        )
    for sent in record["notified"]:
        console.print(
            f"  notified subscription {sent['subscription_id']} ({sent['channel']}) "
            f"{sent['at'][:16]} {sent['reason']}: {sent['status']}",
            highlight=False,
        )


def _transition(alert_id: int, action: str, note: str) -> None:
    from tocsin.alerts import notify
    from tocsin.alerts.engine import AlertError, transition

    with friendly_errors():
        try:
            with migrated_database().session() as session:
                alert = transition(session, alert_id, action, cli_actor(), note)
                console.print(f"alert {alert_id} is now {alert.status}")
        except AlertError as exc:
            raise ValueError(str(exc)) from None
        if action == "escalate":
            settings = settings_with()
            with migrated_database().session() as session:
                _print_deliveries(notify.notify_alerts(session, settings, [alert_id], "escalated"))


@alerts_app.command("ack")
def ack(alert_id: int, note: str = typer.Option("", help="Why.")) -> None:
    """Acknowledge an alert."""
    _transition(alert_id, "acknowledge", note)


@alerts_app.command("escalate")
def escalate(alert_id: int, note: str = typer.Option("", help="Why.")) -> None:
    """Escalate an alert."""
    _transition(alert_id, "escalate", note)


@alerts_app.command("close")
def close(alert_id: int, note: str = typer.Option("", help="Why.")) -> None:
    """Close an alert."""
    _transition(alert_id, "close", note)


@alerts_app.command("subscribe")
def subscribe(
    email: str | None = typer.Option(None, "--email", help="E-mail address to notify."),
    webhook: str | None = typer.Option(None, "--webhook", help="URL to POST alerts to as JSON."),
    country: list[str] = typer.Option(None, "--country", help="Only these countries (repeat)."),
    min_severity: str = typer.Option("medium", help="low, medium, high or critical."),
    digest: bool = typer.Option(True, "--digest/--no-digest", help="Also send the weekly digest."),
) -> None:
    """Notify an e-mail address or a webhook of alerts, filtered by country and severity."""
    from tocsin.alerts import notify

    with friendly_errors():
        if (email is None) == (webhook is None):
            raise ValueError("give exactly one of --email or --webhook")
        channel, target = ("email", email) if email else ("webhook", webhook)
        with migrated_database().session() as session:
            sub = notify.subscribe(
                session, channel, target or "", cli_actor(), country or [], min_severity, digest
            )
            console.print(f"subscription {sub.id}: {channel} {target}")


@alerts_app.command("subscriptions")
def subscriptions(
    all_: bool = typer.Option(False, "--all", help="Include cancelled subscriptions."),
) -> None:
    """List who is notified of what."""
    from tocsin.alerts import notify

    with friendly_errors(), migrated_database().session() as session:
        table = Table("id", "channel", "target", "countries", "min severity", "digest", "active")
        for sub in notify.list_subscriptions(session, include_inactive=all_):
            table.add_row(
                str(sub.id),
                sub.channel,
                sub.target,
                ", ".join(sub.countries) or "all",
                sub.min_severity,
                "yes" if sub.digest else "no",
                "yes" if sub.active else "no",
            )
    console.print(table)


@alerts_app.command("unsubscribe")
def unsubscribe(subscription_id: int) -> None:
    """Stop a subscription."""
    from tocsin.alerts import notify

    with friendly_errors(), migrated_database().session() as session:
        notify.unsubscribe(session, subscription_id, cli_actor())
        console.print(f"subscription {subscription_id} cancelled")


@alerts_app.command("digest")
def digest_command(
    end: str | None = typer.Option(None, help="Last day (YYYY-MM-DD) of the week; default today."),
    days: int = typer.Option(7, min=1, max=366, help="Length of the period in days."),
    send: bool = typer.Option(False, "--send", help="E-mail it to the digest subscribers."),
    html: Path | None = typer.Option(None, "--html", help="Also write the HTML version here."),
) -> None:
    """The weekly digest: new and escalated alerts, biggest risk changes, new assessments."""
    from tocsin.reports import digest as digests

    with friendly_errors():
        settings = settings_with()
        db = migrated_database(settings)
        day = date.fromisoformat(end) if end else date.today()
        with db.session() as session:
            report = digests.build_digest(session, day, days, settings.base_url)
            console.print(digests.render_text(report), highlight=False, markup=False)
            if html:
                html.write_text(digests.render_html(report), encoding="utf-8")
                console.print(f"HTML written to {html}")
            if send:
                _print_deliveries(digests.send_digest(session, settings, report))


def _up_yearly(settings: Settings, db: Database) -> str:
    from tocsin.analysis.events import yearly

    with db.session() as session:
        return _yearly_summary(yearly.load_yearly(session, settings))


def _up_events(settings: Settings, db: Database) -> str:
    """The registered GED-layout releases and the 15 per-country files (unless
    ``--no-country-events``), with a progress bar; files already imported (same checksum)
    are skipped."""
    from tocsin.analysis.events.ingest import import_datasets
    from tocsin.sources.catalog.events import GED_COUNTRY_DATASETS, GED_EVENT_DATASETS

    names = GED_EVENT_DATASETS
    if settings.up_country_events:
        names = (*GED_EVENT_DATASETS, *GED_COUNTRY_DATASETS)
    advance = step_bar("event files", len(names))
    reports = import_datasets(db, settings, names, actor="system:up", on_file=advance)
    done = [r for r in reports.values() if r is not None]
    added, updated = sum(r.inserted for r in done), sum(r.updated for r in done)
    return f"{len(done)} new file(s): {added:,} events added, {updated:,} updated"


REPLAY_MONTHS = 12  # months of alert history `tocsin up` replays from the latest events


def _up_alerts(settings: Settings, db: Database) -> str:
    """Replay the signals over the last year of event data, then run them as of today."""
    from sqlalchemy import func, select

    from tocsin.alerts.engine import RunReport, replay, run_signals
    from tocsin.store.models import Alert, Event

    with db.session() as session:
        latest = session.scalar(select(func.max(Event.event_date)))
        report = RunReport()
        if latest is not None:
            end = (latest.replace(day=1) + timedelta(days=32)).replace(day=1)
            start = (end - timedelta(days=31 * REPLAY_MONTHS)).replace(day=1)
            report = replay(session, start, end, config=settings.signals)
        now = run_signals(session, date.today(), config=settings.signals)
        created = set(report.created) | set(now.created)
        open_count = session.scalar(select(func.count()).where(Alert.status != "closed"))
    return f"{len(created)} new alert(s); {open_count} open"


STEPS.extend(
    [
        Step("load yearly UCDP deaths", _up_yearly),
        Step("import conflict events", _up_events),
        Step("run alert signals", _up_alerts),
    ]
)


def register(app: typer.Typer) -> None:
    """Add the `events`, `alerts` and `data` groups."""
    app.add_typer(events_app, name="events")
    app.add_typer(data_app, name="data")
    app.add_typer(alerts_app, name="alerts")
