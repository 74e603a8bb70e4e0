"""`tocsin keys`, `tocsin intake`, `tocsin custody`, `tocsin evidence`: the intake key
pair, opening sealed submissions, checking the custody chain, and evidence packages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from tocsin.cli.common import (
    cli_actor,
    console,
    err_console,
    friendly_errors,
    migrated_database,
    print_rows,
    settings_with,
)
from tocsin.cli.up import STEPS, Step

# Services are imported inside the commands that use them, so that a list stays quick.
if TYPE_CHECKING:
    from tocsin.config import Settings
    from tocsin.store.db import Database

keys_app = typer.Typer(help="The organisation's intake key pair.", no_args_is_help=True)
intake_app = typer.Typer(help="Civil-society submissions: list, open.", no_args_is_help=True)
custody_app = typer.Typer(help="The evidence custody chain.", no_args_is_help=True)
evidence_app = typer.Typer(help="Evidence locker: list, export, verify.", no_args_is_help=True)


def _setup() -> tuple[Settings, Database, Path]:
    from tocsin.store import locker

    settings = settings_with()
    return settings, migrated_database(settings), locker.default_root(settings.data_dir)


@keys_app.command("init")
def keys_init(
    private_out: Path = typer.Option(
        ..., "--private-out", help="Where to write the PRIVATE key (outside the data dir)."
    ),
    force: bool = typer.Option(False, help="Replace an existing key pair."),
) -> None:
    """Create the intake key pair: public key into the data dir, private key elsewhere."""
    from tocsin.intake import crypto

    with friendly_errors():
        settings = settings_with()
        public, private = crypto.init_keys(settings.data_dir, private_out, force=force)
    console.print(f"public key (stays on the server): {public}")
    console.print(f"[bold]private key: {private}[/] (mode 0600)")
    console.print(
        "Move the private key OFF this server now: copy it to an encrypted USB drive or an "
        "analyst's offline machine, check the copy opens a test submission "
        "(`tocsin intake decrypt`), then delete it here (`shred -u`). The server only needs "
        "the public key; anyone holding the private key can read every contact and attachment."
    )


@intake_app.command("list")
def intake_list(status: str | None = typer.Option(None, help="Only this status.")) -> None:
    """The review queue."""
    from tocsin.intake import service

    with friendly_errors():
        _s, db, _r = _setup()
        with db.session() as session:
            total, rows = service.list_submissions(session, status=status, limit=200)
            table = Table("ref", "received", "country", "admin-1", "status", "assigned", "files")
            for sub in rows:
                files = len(service.attachments(session, sub))
                table.add_row(
                    sub.ref,
                    sub.received_hour.strftime("%Y-%m-%d %H:00"),
                    sub.country_text,
                    sub.admin1 or "",
                    sub.status,
                    sub.assigned_to or "",
                    str(files),
                )
    console.print(table)
    console.print(f"{total} submissions")


def _write_private(path: Path, data: bytes) -> None:
    """Write decrypted data readable by the owner only (0600), even over an old file."""
    import os

    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _json_bytes(value: object) -> bytes:
    import json

    return json.dumps(value, indent=2, ensure_ascii=False).encode("utf-8")


@intake_app.command("decrypt")
def intake_decrypt(
    ref: str = typer.Argument(..., help="Submission reference (R-XXXXXX) or id."),
    key: Path = typer.Option(..., "--key", exists=True, dir_okay=False, help="Private key."),
    out: Path = typer.Option(..., "--out", file_okay=False, help="Directory to write into."),
    original: bool = typer.Option(False, help="Also write the originals (with metadata)."),
) -> None:
    """Open a submission offline with the private key: what the reporter wrote
    (report.json), the message thread (messages.json), contact details and attachments,
    each written readable by the owner only (0600)."""
    from tocsin.intake import crypto, service

    with friendly_errors():
        _s, db, root = _setup()
        private = crypto.load_private_key(key)
        out.mkdir(mode=0o700, parents=True, exist_ok=True)
        with db.session() as session:
            sub = service.get_submission(session, ref)
            report = {
                "ref": sub.ref,
                "received_hour": sub.received_hour.isoformat(),
                "country_code": sub.country_text,
                "how_known": sub.how_known,
                **service.open_report(sub, private),
            }
            _write_private(out / "report.json", _json_bytes(report))
            thread = [
                {
                    "direction": m.direction,
                    "author": m.author,
                    "at_hour": m.at_hour.isoformat(),
                    "text": service.open_message(m, private),
                }
                for m in service.messages(session, sub)
            ]
            _write_private(out / "messages.json", _json_bytes(thread))
            contact = (
                crypto.unseal(private, sub.contact_sealed).decode("utf-8")
                if sub.contact_sealed is not None
                else ""
            )
            _write_private(out / "contact.txt", (contact + "\n").encode("utf-8"))
            for number, att in enumerate(service.attachments(session, sub), start=1):
                roles = ([False] if att.working_item_id else []) + ([True] if original else [])
                for is_original in roles:
                    sealed = service.sealed_attachment(
                        session, root, att, cli_actor(), original=is_original
                    )
                    data = crypto.unseal(private, sealed)
                    name = crypto.unseal(private, att.filename_sealed).decode("utf-8")
                    label = "original" if is_original else "working"
                    safe = Path(name).name or f"attachment-{number}"
                    target = out / f"{number}-{label}-{safe}"
                    _write_private(target, data)
                    console.print(f"wrote {target} ({att.kind}, {len(data)} bytes)")
                if not att.working_item_id and not original:
                    console.print(f"attachment {number}: no working copy; use --original")
    console.print(f"report in {out / 'report.json'}, contact details in {out / 'contact.txt'}")


def _parse_head(text: str) -> tuple[int, str]:
    seq, _, entry_hash = text.strip().partition(" ")
    if not seq.isdigit() or len(entry_hash.strip()) != 64:
        raise typer.BadParameter("give the head as printed by `tocsin custody anchor`: SEQ HASH")
    return int(seq), entry_hash.strip().lower()


@custody_app.command("verify")
def custody_verify(
    head: str | None = typer.Option(
        None, "--head", help="A head published earlier ('SEQ HASH' from `custody anchor`)."
    ),
) -> None:
    """Check every evidence file against its hash, the whole custody chain, and that the
    log still reaches the signed head file (and --head)."""
    from rich.progress import Progress

    from tocsin.store import locker

    published = _parse_head(head) if head else None
    with friendly_errors():
        _s, db, root = _setup()
        with db.session() as session:
            with Progress(console=console, transient=True) as progress:
                task = progress.add_task("verifying files and custody chain", total=None)
                problems = locker.verify(session, root, published)
                progress.update(task, completed=1)
            seq, head = locker.head(session)
    if not problems:
        console.print(f"[green]intact[/]: custody chain of {seq} entries, head {head}")
        return
    for problem in problems:
        err_console.print(
            f"[red]{problem.kind}[/] {problem.where}: {problem.what}", highlight=False
        )
    err_console.print(f"[bold red]{len(problems)} problem(s) found[/]")
    raise typer.Exit(1)


@custody_app.command("record")
def custody_record(
    sha256: str = typer.Argument(..., help="Evidence hash (or a unique prefix of 8+)."),
    event: str = typer.Option(..., help="annotated, transferred, accessed or exported."),
    note: str = typer.Option(..., help="What happened: to whom, why."),
    case: str | None = typer.Option(None, help="Case it concerns (added to it)."),
) -> None:
    """Record a custody event done outside Tocsin (a hand-over, an annotation...)."""
    from tocsin.store import locker

    with friendly_errors():
        _s, db, _r = _setup()
        with db.session() as session:
            item = locker.get_item(session, sha256)
            if case:
                locker.add_to_case(session, item, case, actor=cli_actor())
            entry = locker.record_custody(
                session, item, event, actor=cli_actor(), case=case, note=note
            )
    console.print(f"recorded {event} at position {entry.seq}: {entry.entry_hash}")


@custody_app.command("head")
def custody_head() -> None:
    """Print the chain head (position and hash): note it elsewhere to anchor the chain."""
    from tocsin.store import locker

    with friendly_errors():
        _s, db, _r = _setup()
        with db.session() as session:
            seq, head = locker.head(session)
    console.print(f"{seq} {head}")


@custody_app.command("anchor")
def custody_anchor() -> None:
    """Check the chain, sign its head into the head file and print it to publish (a
    dated post, a letter, another organisation): `custody verify --head` then proves no
    entry up to it was removed or changed."""
    from tocsin.store import locker

    with friendly_errors():
        _s, db, root = _setup()
        with db.session() as session:
            signed = locker.anchor(session, root)
    print(f"{signed.seq} {signed.entry_hash}")
    err_console.print(
        f"signed by head key {signed.verify_key}; signature {signed.signature}", highlight=False
    )


@evidence_app.command("list")
def evidence_list(
    case: str | None = typer.Option(None, help="Only this case."),
    fmt: str = typer.Option("table", "--format", help="table, json or csv."),
) -> None:
    """Evidence items with the cases they belong to (optionally of one case)."""
    from sqlalchemy import select

    from tocsin.store import locker
    from tocsin.store.models.evidence import EvidenceCaseItem, EvidenceItem

    if fmt not in ("table", "json", "csv"):
        raise typer.BadParameter("use table, json or csv", param_hint="--format")
    with friendly_errors():
        _s, db, _r = _setup()
        with db.session() as session:
            items = (
                locker.case_items(session, _existing_case(session, case))
                if case
                else list(session.scalars(select(EvidenceItem).order_by(EvidenceItem.id)))
            )
            cases: dict[int, list[str]] = {}
            for item_id, name in session.execute(
                select(EvidenceCaseItem.item_id, EvidenceCaseItem.case).order_by(
                    EvidenceCaseItem.case
                )
            ):
                cases.setdefault(item_id, []).append(name)
            rows: list[dict[str, object]] = [
                {
                    "sha256": item.sha256,
                    "case": ", ".join(cases.get(item.id, [])),
                    "size": item.size,
                    "source": item.source,
                    "filename": item.filename,
                    "sealed": item.sealed,
                    "received": str(item.received_at)[:16],
                }
                for item in items
            ]
    if fmt == "table":
        table = Table("sha256", "case", "size", "source", "filename", "sealed", "received")
        for row in rows:
            table.add_row(
                str(row["sha256"])[:16],
                str(row["case"]),
                str(row["size"]),
                str(row["source"]),
                str(row["filename"]),
                "yes" if row["sealed"] else "",
                str(row["received"]),
            )
        console.print(table)
    else:
        columns = ("sha256", "case", "size", "source", "filename", "sealed", "received")
        print_rows(columns, [[row[c] for c in columns] for row in rows], fmt)


def _existing_case(session, case: str) -> str:  # noqa: ANN001 - a SQLAlchemy Session
    """``case`` if it has items; else a clear error that suggests the intended name
    (``R-FVJD7U`` -> ``intake-R-FVJD7U``)."""
    from sqlalchemy import select

    from tocsin.intake import service
    from tocsin.store import locker
    from tocsin.store.models.evidence import EvidenceCaseItem

    if locker.case_items(session, case):
        return case
    names = list(session.scalars(select(EvidenceCaseItem.case).distinct()))
    wanted = case.strip().upper()
    close = [n for n in names if n.upper() in (service.CASE_PREFIX.upper() + wanted,)] or [
        n for n in names if wanted and wanted in n.upper()
    ]
    hint = f"; did you mean {' or '.join(repr(n) for n in close[:3])}?" if close else ""
    known = "" if close else f" (cases: {', '.join(sorted(names)[:10]) or 'none yet'})"
    raise locker.LockerError(f"case {case!r} has no evidence items{hint}{known}")


@evidence_app.command("deposit")
def evidence_deposit(
    file: Path = typer.Argument(..., exists=True, dir_okay=False),
    source: str = typer.Option("manual", help="Where it came from."),
    case: str | None = typer.Option(None, help="Case to add it to."),
    note: str = typer.Option("", help="Custody note."),
) -> None:
    """Put a file into the evidence locker."""
    import mimetypes

    from tocsin.store import locker

    with friendly_errors():
        _s, db, root = _setup()
        with db.session() as session:
            item = locker.deposit(
                session,
                root,
                file.read_bytes(),
                actor=cli_actor(),
                source=source,
                filename=file.name,
                case=case,
                note=note,
                media_type=mimetypes.guess_type(file.name)[0] or "application/octet-stream",
            )
    console.print(f"deposited {file.name}: {item.sha256}")


@evidence_app.command("export")
def evidence_export(
    case: str = typer.Argument(..., help="Case name."),
    out: Path = typer.Option(..., "--out", file_okay=False, help="New directory."),
    key: Path | None = typer.Option(
        None,
        "--key",
        exists=True,
        dir_okay=False,
        help="Intake private key: also export sealed files decrypted.",
    ),
) -> None:
    """Export a case as a package: files, manifest with hashes, custody excerpt; for a
    submission's case also its report and messages (sealed, and opened with --key).
    Decrypted files are written readable by the owner only (0600)."""
    from tocsin.intake import crypto, service
    from tocsin.store import evidence_package

    with friendly_errors():
        _s, db, root = _setup()
        opener = None
        private = None
        if key is not None:
            private = crypto.load_private_key(key)
            opener = lambda data: crypto.unseal(private, data)  # noqa: E731
        with db.session() as session:
            case = _existing_case(session, case)
            records = None
            if case.startswith(service.CASE_PREFIX):
                submission = service.get_submission(session, case.removeprefix(service.CASE_PREFIX))
                records = service.package_records(session, submission, private)
            result = evidence_package.export_case(
                session,
                root,
                case,
                out,
                actor=cli_actor(),
                actor_role="admin",  # the operator of the command line
                open_sealed=opener,
                records=records,
            )
    console.print(f"exported {result.files} file(s) of case {case} to {out}")
    console.print(f"[bold]package digest: {result.digest}[/]")
    console.print(
        "Send the digest separately from the package; the receiver checks with "
        f"`tocsin evidence verify {out} --digest {result.digest}`."
    )


@evidence_app.command("verify")
def evidence_verify(
    directory: Path = typer.Argument(..., exists=True, file_okay=False),
    digest: str | None = typer.Option(None, help="The package digest sent separately."),
) -> None:
    """Verify a received evidence package (no database needed)."""
    from tocsin.store import evidence_package

    problems = evidence_package.verify_package(directory, digest)
    if not problems:
        note = " and its digest matches" if digest else " (give --digest to prove its origin)"
        console.print(f"[green]intact[/]: every file and custody entry checks out{note}")
        return
    for problem in problems:
        err_console.print(
            f"[red]{problem.kind}[/] {problem.where}: {problem.what}", highlight=False
        )
    err_console.print(f"[bold red]{len(problems)} problem(s) found[/]")
    raise typer.Exit(1)


def _up_step(settings, db) -> str:  # noqa: ANN001 - (Settings, Database), see tocsin.cli.up
    """`tocsin up`: check the custody chain (not every file: `tocsin custody verify` does)."""
    from sqlalchemy import func, select

    from tocsin.intake import crypto
    from tocsin.store import locker
    from tocsin.store.models.evidence import EvidenceItem
    from tocsin.store.models.intake import Submission

    with db.session() as session:
        problems = [p for p in locker.verify_chain(session)]
        items = session.scalar(select(func.count()).select_from(EvidenceItem)) or 0
        new = session.scalar(
            select(func.count()).select_from(Submission).where(Submission.status == "new")
        )
    key = (
        "intake key present"
        if crypto.public_key_path(settings.data_dir).is_file()
        else ("no intake key: run `tocsin keys init` to open /report")
    )
    chain = "custody chain intact" if not problems else f"{len(problems)} custody problem(s)!"
    return f"{items} evidence items, {chain}; {new or 0} new submissions; {key}"


STEPS.append(Step("check evidence locker and intake", _up_step))


def register(app: typer.Typer) -> None:
    """Add the keys, intake, custody and evidence command groups."""
    app.add_typer(keys_app, name="keys")
    app.add_typer(intake_app, name="intake")
    app.add_typer(custody_app, name="custody")
    app.add_typer(evidence_app, name="evidence")
