"""`tocsin speech`, `tocsin lexicon` and `tocsin rabat`: train and run the hate-speech
classifier, ingest posts, watch trends, curate coded terms, and assess flagged items
against the Rabat threshold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import typer
from rich.table import Table

from tocsin.analysis.speech import lexicon, rabat
from tocsin.cli.common import (
    MirrorOption,
    cli_actor,
    console,
    database,
    err_console,
    friendly_errors,
    migrated_database,
    settings_with,
)
from tocsin.cli.plugins import plugin_names
from tocsin.cli.up import STEPS, Step

# Services are imported inside the commands that use them: listing the lexicon must not
# pay for the classifiers' scikit-learn.
if TYPE_CHECKING:
    from tocsin.config import Settings
    from tocsin.store.db import Database

if TYPE_CHECKING:
    import pandas as pd

speech_app = typer.Typer(
    help="Hate speech monitor: train, score, ingest, trends, flagged.", no_args_is_help=True
)
lexicon_app = typer.Typer(help="Lexicon of coded terms: import, list, add.", no_args_is_help=True)
rabat_app = typer.Typer(help="Rabat six-part threshold worksheets.", no_args_is_help=True)


@speech_app.command("train")
def train_cmd(
    mirror: Path | None = MirrorOption,
    model: str | None = typer.Option(
        None,
        help=f"Classifier ({', '.join(plugin_names('speech classifier'))}); "
        "default: the recommended one.",
    ),
    non_commercial: bool = typer.Option(
        False, help="Also train on non-commercial corpora (Burmese); the model is marked so."
    ),
) -> None:
    """Train on the registered corpora (held-out splits never used for fitting); save a
    versioned model file with its metrics in the data dir."""
    from tocsin.analysis.speech.training import DEFAULT_MODEL, train

    model = model or DEFAULT_MODEL

    settings = settings_with(mirror)
    with friendly_errors():
        fixes = _corrections(settings)
        with console.status("training the speech classifier (a few minutes)..."):
            result = train(
                settings, mirror, model, corrections=fixes, non_commercial=non_commercial
            )
    m = result.metrics
    table = Table("held-out set", "n", "hateful", "balanced acc.", "F1 hateful", "AUC")
    per_dataset = cast(dict[str, dict[str, Any]], m["per_dataset"])
    for name, row in per_dataset.items():
        table.add_row(
            name,
            str(row["n"]),
            str(row["hateful"]),
            str(row.get("balanced_accuracy", f"spec. {row.get('specificity')}")),
            str(row.get("f1_hateful", "")),
            str(row.get("auc", "")),
        )
    console.print(table)
    table = Table("language", "n", "hateful", "balanced acc.", title="Held-out, per language")
    per_language = cast(dict[str, dict[str, Any]], m.get("per_language", {}))
    for code, row in per_language.items():
        table.add_row(
            code,
            str(row["n"]),
            str(row["hateful"]),
            str(row.get("balanced_accuracy", f"spec. {row.get('specificity')}")),
        )
    console.print(table)
    console.print(
        f"trained on {m['train_rows']:,} rows including {m.get('corrections', 0)} analyst "
        f"corrections; languages: {', '.join(cast(list[str], m.get('languages', [])))}"
    )
    if m.get("released_also_fitted_on"):
        console.print(
            f"the figures above are the measured model's; the saved model also learnt the "
            f"{m['released_also_fitted_on']:,} texts of the held-out frames"
        )
    console.print(
        f"threat recall {m['threat_recall']} (n={m['threats']}), target accuracy "
        f"{m['target_accuracy']} (n={m['targets']}); fit {m['fit_seconds']} s"
    )
    console.print(f"licence: {m['licence']}")
    console.print(f"[green]saved[/] {result.path}")


def _corrections(settings: Settings) -> pd.DataFrame | None:
    """Analysts' corrections from the database, or None when there is no database."""
    from tocsin.analysis.speech import corrections
    from tocsin.store import migrate

    try:
        db = database(settings)
        migrate.upgrade(db)
        with db.session() as session:
            return corrections.training_rows(session)
    except Exception as exc:  # noqa: BLE001 - no database: train on the corpora only
        err_console.print(f"[yellow]corrections:[/] database unavailable ({exc})")
        return None


def _matcher(settings: Settings) -> lexicon.LexiconMatcher:
    from tocsin.store import migrate

    try:
        db = database(settings)
        migrate.upgrade(db)
        with db.session() as session:
            terms = lexicon.stored_terms(session)
    except Exception as exc:  # noqa: BLE001 - no database: score with the seed lexicon
        err_console.print(f"[yellow]lexicon:[/] database unavailable ({exc}); using the seed")
        terms = []
    return lexicon.LexiconMatcher(terms or lexicon.seed_terms())


@speech_app.command("score")
def score_cmd(
    input_file: Path = typer.Argument(..., help="CSV or JSON Lines file.", dir_okay=False),
    text_column: str = typer.Option(..., "--text-column", help="Column or field with the text."),
    out: Path = typer.Option(..., "--out", help="Output CSV."),
    lang: str | None = typer.Option(None, "--lang", help="Language hint (en, fr, ar, ...)."),
    fmt: str | None = typer.Option(None, "--format", help="csv or jsonl (default: by suffix)."),
    workers: int | None = typer.Option(
        None,
        "--workers",
        min=1,
        max=16,
        help="Processes (default: CPUs, max 2).",
    ),
) -> None:
    """Score every row, keeping all input columns and adding score, label, category,
    target, lexicon_terms, cues, lang, status and line. Bad rows are not scored: they are
    listed with their line numbers and kept in the output with the reason as status."""
    from tocsin.analysis.speech import batch
    from tocsin.analysis.speech.classifier import ModelFileError
    from tocsin.analysis.speech.training import current_model

    settings = settings_with()
    with friendly_errors():
        try:
            model = current_model(settings)
        except ModelFileError as exc:
            raise ValueError(str(exc)) from None
        if not input_file.is_file():
            raise ValueError(f"{input_file}: no such file")
        matcher = _matcher(settings)
        total = batch.count_lines(input_file)
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=console) as progress:
            task = progress.add_task(f"scoring {input_file.name}", total=max(total, 1))
            try:
                report = batch.score_file(
                    input_file,
                    out,
                    model,
                    text_column,
                    lang,
                    matcher,
                    fmt,
                    progress=lambda line: progress.update(task, completed=line),
                    workers=workers or batch.default_workers(),
                )
            except batch.BatchInputError as exc:
                raise ValueError(str(exc)) from None
            progress.update(task, completed=max(total, 1))
    for bad in report.bad[:50]:
        console.print(f"  [yellow]not scored[/] {input_file.name} {bad}", highlight=False)
    if len(report.bad) > 50:
        console.print(f"  ... and {len(report.bad) - 50} more rows not scored")
    table = Table("language", "scored", "unsupported", title="Rows per language")
    for code, count in sorted(report.languages.items(), key=lambda kv: -kv[1]):
        missing = report.unsupported.get(code, 0)
        table.add_row(code, str(count), f"[yellow]{missing}[/]" if missing else "0")
    if report.languages:
        console.print(table)
    unsupported = sum(report.unsupported.values())
    console.print(
        f"[green]{report.scored} scored[/] ({report.hateful} hateful, "
        f"[yellow]{unsupported} in unsupported languages[/]), "
        f"[yellow]{len(report.bad)} not scored[/] (the reason is in their status) -> {out}"
    )


@speech_app.command("ingest")
def ingest_cmd(
    files: list[Path] = typer.Argument(..., exists=True, dir_okay=False, help="Export files."),
    fmt: str = typer.Option("csv", "--format", "-f", help="csv, jsonl or telegram."),
    country: str | None = typer.Option(None, help="Country of posts that name none."),
    keep_evidence: bool = typer.Option(
        True, "--locker/--no-locker", help="Deposit each file in the evidence locker."
    ),
) -> None:
    """Import posts, score them with the current model and lexicon, keep the files."""
    from tocsin.analysis.speech import posts
    from tocsin.analysis.speech.classifier import ModelFileError
    from tocsin.analysis.speech.training import current_model
    from tocsin.store import locker

    settings = settings_with()
    with friendly_errors():
        posts.POST_IMPORTERS.get(fmt)
        db = migrated_database()
        try:
            model = current_model(settings)
        except ModelFileError as exc:
            raise ValueError(str(exc)) from None
        with db.session() as session:
            matcher = lexicon.LexiconMatcher(lexicon.stored_terms(session))
        root = locker.default_root(settings.data_dir) if keep_evidence else None
        for path in files:
            try:
                with db.session() as session:
                    report = posts.ingest(
                        session, path, fmt, cli_actor(), model, matcher, country, root
                    )
            except posts.PostFormatError as exc:
                raise ValueError(str(exc)) from None
            console.print(
                f"{path.name}: [green]{report.inserted} new[/], {report.updated} updated, "
                f"[red]{report.flagged} flagged[/], [yellow]{len(report.rejected)} rejected[/]"
                + (f"; evidence {report.locker_ref[:12]}" if report.locker_ref else "")
            )
            for bad in report.rejected[:20]:
                console.print(f"  [yellow]skipped[/] {path.name} {bad}", highlight=False)


@speech_app.command("trends")
def trends_cmd(
    country: str = typer.Option(..., help="Country name or code."),
    by: str = typer.Option("target", help="target, category or lang."),
    weeks: int = typer.Option(12, help="Weeks to show."),
) -> None:
    """Flagged posts per week by target group (or category, or language) in a country."""
    from tocsin.analysis.speech import trends
    from tocsin.store.panel import find_country

    with friendly_errors(), migrated_database().session() as session:
        if by not in {"target", "category", "lang"}:
            raise ValueError("--by must be target, category or lang")
        place = find_country(session, country)
        frame = trends.country_trend(session, place, weeks, by)
        if frame.empty:
            console.print(f"no posts for {place.name}")
            return
        pivot = frame.pivot_table(index="week", columns=by, values="flagged", fill_value=0)
        table = Table("week", *map(str, pivot.columns), "all posts")
        totals = frame.groupby("week")["posts"].first()
        for week, row in pivot.iterrows():
            table.add_row(str(week), *(str(int(v)) for v in row), str(int(totals[week])))
        console.print(f"[bold]{place.name}[/]: flagged posts per week by {by}")
        console.print(table)


@speech_app.command("correct")
def correct_cmd(
    post_id: int = typer.Argument(..., help="Post id (see `tocsin speech flagged`)."),
    label: str = typer.Option(..., help="hateful or non-hateful."),
    category: str = typer.Option("", help="dehumanisation, threat, derogation or slur."),
    target: str = typer.Option("", help="Target group (ethnicity, religion, ...)."),
    note: str = typer.Option("", help="Why (kept with the correction)."),
) -> None:
    """Correct the model on one post (audited); the next `tocsin speech train` learns
    from it."""
    from tocsin.analysis.speech import corrections

    with friendly_errors(), migrated_database().session() as session:
        try:
            row = corrections.correct(session, post_id, cli_actor(), label, category, target, note)
        except corrections.CorrectionError as exc:
            raise ValueError(str(exc)) from None
        console.print(
            f"post {post_id}: [green]{row.label}[/] {row.category} {row.target} "
            f"(was {row.previous.get('label')} {row.previous.get('category')})"
        )


@speech_app.command("flagged")
def flagged_cmd(
    country: str | None = typer.Option(None, help="Country name or code."),
    limit: int = typer.Option(30, help="How many."),
) -> None:
    """Flagged posts, newest first, with why (score, category, target, lexicon terms)."""
    from sqlalchemy import select

    from tocsin.store.models import SpeechPost
    from tocsin.store.panel import find_country

    with friendly_errors(), migrated_database().session() as session:
        query = select(SpeechPost).where(SpeechPost.label == "hateful")
        if country:
            query = query.where(SpeechPost.country_id == find_country(session, country).id)
        table = Table("id", "time", "author", "score", "category", "target", "lexicon", "text")
        for p in session.scalars(query.order_by(SpeechPost.posted_at.desc()).limit(limit)):
            table.add_row(
                str(p.id),
                f"{p.posted_at:%Y-%m-%d %H:%M}",
                p.author,
                f"{p.score:.2f}" if p.score is not None else "",
                p.category,
                p.target,
                ", ".join(p.lexicon_terms or []),
                p.text[:80],
            )
    console.print(table)


@lexicon_app.command("import")
def lexicon_import(
    file: Path | None = typer.Argument(None, exists=True, dir_okay=False, help="Lexicon CSV."),
    seed: bool = typer.Option(False, "--seed", help="Import the seed lexicon shipped with Tocsin."),
) -> None:
    """Add or update terms from a CSV (term, lang, country, meaning, target, severity,
    category, source); bad rows are listed with their line numbers."""

    with friendly_errors():
        if file is None and not seed:
            raise ValueError("give a lexicon CSV file or --seed")
        if file is not None:
            terms, errors = lexicon.read_lexicon_csv(file)
        else:
            terms, errors = lexicon.seed_terms(), []
        with migrated_database().session() as session:
            added, updated = lexicon.save_terms(session, terms, cli_actor())
    for error in errors:
        console.print(f"  [yellow]skipped[/] {error}", highlight=False)
    console.print(f"[green]{added} added[/], {updated} updated, {len(errors)} rejected")


@lexicon_app.command("list")
def lexicon_list(country: str | None = typer.Option(None, help="Country name or code.")) -> None:
    """Terms (for a country: its own and those for no country)."""
    from tocsin.store.panel import find_country

    with friendly_errors(), migrated_database().session() as session:
        code = find_country(session, country).code if country else None
        table = Table("term", "lang", "country", "target", "severity", "category", "meaning")
        for t in lexicon.stored_terms(session, code):
            table.add_row(
                t.term, t.lang, t.country, t.target, t.severity, t.category, t.meaning[:60]
            )
    console.print(table)


@lexicon_app.command("add")
def lexicon_add(
    term: str = typer.Argument(..., help="The term as it appears in posts."),
    meaning: str = typer.Option(..., help="What it means and how it is used."),
    target: str = typer.Option("other", help="Target group."),
    severity: str = typer.Option("medium", help="low, medium or high."),
    category: str = typer.Option("derogation", help="dehumanisation, threat, derogation, slur."),
    country: str = typer.Option("", help="Country where it carries this meaning."),
    lang: str = typer.Option("", help="Language code."),
    source: str = typer.Option("", help="Where this is documented."),
) -> None:
    """Add (or update) one term."""

    with friendly_errors():
        item = lexicon.validate_term(
            dict(
                term=term,
                meaning=meaning,
                target=target,
                severity=severity,
                category=category,
                country=country,
                lang=lang,
                source=source,
            )
        )
        with migrated_database().session() as session:
            added, _ = lexicon.save_terms(session, [item], cli_actor())
    console.print(f"[green]{'added' if added else 'updated'}[/] {item.term!r}")


@rabat_app.command("prefill")
def rabat_prefill(post_id: int) -> None:
    """What the data shows for each factor of a post's worksheet (JSON)."""
    from tocsin.store.models import SpeechPost

    with friendly_errors(), migrated_database().session() as session:
        post = session.get(SpeechPost, post_id)
        if post is None:
            raise ValueError(f"no post {post_id}")
        console.print_json(json.dumps(rabat.prefill(session, post), default=str))


def _pairs(values: list[str], what: str) -> dict[str, str]:
    out = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep:
            raise ValueError(f"{what} {value!r} must look like factor=value")
        out[key.strip()] = rest
    return out


@rabat_app.command("save")
def rabat_save(
    post_id: int,
    rating: list[str] = typer.Option([], "--rating", help="factor=0..3, e.g. context=2."),
    note: list[str] = typer.Option([], "--note", help="factor=text."),
    conclusion: str = typer.Option("", help="; ".join(rabat.CONCLUSIONS)),
    summary: str = typer.Option("", help="Overall assessment."),
    complete: bool = typer.Option(False, "--complete", help="Mark the worksheet complete."),
    worksheet: int | None = typer.Option(None, help="Update this worksheet instead."),
) -> None:
    """Save a worksheet for a post (audited)."""

    with friendly_errors():
        ratings, notes = _pairs(rating, "--rating"), _pairs(note, "--note")
        factors = {
            k: {"rating": ratings.get(k), "notes": notes.get(k, "")}
            for k in set(ratings) | set(notes)
        }
        try:
            with migrated_database().session() as session:
                sheet = rabat.save_worksheet(
                    session,
                    post_id,
                    cli_actor(),
                    factors,
                    conclusion,
                    summary,
                    "complete" if complete else "draft",
                    worksheet,
                )
                console.print(f"[green]saved[/] worksheet {sheet.id} ({sheet.status})")
        except rabat.WorksheetError as exc:
            raise ValueError(str(exc)) from None


@rabat_app.command("list")
def rabat_list(country: str | None = typer.Option(None, help="Country name or code.")) -> None:
    """Saved worksheets, newest first."""
    from sqlalchemy import select

    from tocsin.store.models import RabatWorksheet
    from tocsin.store.panel import find_country

    with friendly_errors(), migrated_database().session() as session:
        query = select(RabatWorksheet).order_by(RabatWorksheet.updated_at.desc())
        if country:
            query = query.where(RabatWorksheet.country_id == find_country(session, country).id)
        table = Table("id", "post", "analyst", "status", "conclusion", "updated")
        for s in session.scalars(query.limit(200)):
            table.add_row(
                str(s.id),
                str(s.post_id),
                s.analyst,
                s.status,
                s.conclusion,
                f"{s.updated_at:%Y-%m-%d %H:%M}",
            )
    console.print(table)


def _up_step(settings: Settings, db: Database) -> str:
    """Seed the lexicon if it is empty; train the classifier if no model exists or the
    current one cannot be read by this version."""
    from tocsin.analysis.speech.classifier import ModelFileError
    from tocsin.analysis.speech.training import current_model, current_model_path, train

    with db.session() as session:
        seeded = 0
        if not lexicon.stored_terms(session):
            seeded, _ = lexicon.save_terms(session, lexicon.seed_terms(), "system:up")
    path = current_model_path(settings)
    if path is not None:
        try:
            current_model(settings)
        except ModelFileError:  # unreadable, or trained by a version that reads text otherwise
            path = None
    if path is None:
        result = train(settings, settings.mirror)
        path = result.path
        accuracy = result.metrics["macro_balanced_accuracy"]
        summary = f"trained {path.name} (macro balanced accuracy {accuracy})"
    else:
        summary = f"model {path.name}"
    return summary + (f"; lexicon seeded with {seeded} terms" if seeded else "")


STEPS.append(Step("speech classifier and lexicon", _up_step))


def register(app: typer.Typer) -> None:
    """Add the `speech`, `lexicon` and `rabat` command groups."""
    app.add_typer(speech_app, name="speech")
    app.add_typer(lexicon_app, name="lexicon")
    app.add_typer(rabat_app, name="rabat")
