"""Intake services: receive a submission, let the reporter follow up with the receipt
code, and the analysts' review work (status, assignment, notes, links, checklist,
replies). Every analyst write is audited in the same transaction.

What a reporter writes is sealed to the organisation's public key before it is stored
(:func:`submit`, :func:`add_information`); the server cannot read it back. Analysts read
it in their browser (:func:`sealed_bundle`, :func:`sealed_attachment` hand out the sealed
boxes; the private key never reaches the server) or offline (:func:`open_report`,
:func:`open_message`, ``tocsin intake decrypt``). Every time a
reporter causes to be stored is cut to the hour (:func:`coarse_hour`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, get_args

from nacl.public import PrivateKey, PublicKey
from sqlalchemy import event, func, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from tocsin.intake import countries, crypto, metadata, workbench
from tocsin.intake.uploads import CheckedFile
from tocsin.store import audit, locker
from tocsin.store.evidence_package import Record
from tocsin.store.models import Country
from tocsin.store.models.evidence import EvidenceItem
from tocsin.store.models.intake import (
    HOW_KNOWN,
    SUBMISSION_STATUSES,
    IntakeAttachment,
    IntakeLink,
    IntakeMessage,
    IntakeNote,
    Submission,
)
from tocsin.store.pagination import paginate

REPORTER = "reporter"
SEALED_MEDIA_TYPE = "application/x-tocsin-sealed"
LinkKind = Literal["submission", "country", "document", "indicator", "alert", "excerpt", "other"]
LINK_KINDS: tuple[LinkKind, ...] = get_args(LinkKind)
MAX_TEXT = 20_000

CHECKLIST: dict[str, list[tuple[str, str]]] = {
    "source": [
        ("source_relation", "How the reporter knows (saw, heard, was told) is plausible"),
        ("source_access", "The reporter could have been where they say, when they say"),
        ("source_history", "Earlier reports from this channel or source were checked"),
    ],
    "content": [
        ("content_geolocated", "Place confirmed (landmarks, terrain, maps, imagery)"),
        ("content_chronolocated", "Time confirmed (shadows, weather, events, metadata)"),
        ("content_integrity", "Files examined for editing, re-use or staging"),
        ("content_original", "Earliest version found; not copied from elsewhere"),
    ],
    "corroboration": [
        ("corroboration_independent", "At least one independent source agrees"),
        ("corroboration_events", "Consistent with event data and other submissions"),
        ("corroboration_contradictions", "Contradicting information looked for and noted"),
    ],
}
CHECKLIST_KEYS = {key for items in CHECKLIST.values() for key, _ in items}


class IntakeError(ValueError):
    """A submission or review action was refused; the message says what and why."""


@dataclass
class Report:
    """What a reporter filled in (validated by :meth:`check`)."""

    what: str
    how_known: str
    country: str = ""
    place: str = ""
    latitude: float | None = None
    longitude: float | None = None
    when_text: str = ""
    affected: str = ""
    responsible: str = ""
    contact: str = ""
    language: str = "en"

    def check(self) -> list[str]:
        """Problems with the report, as field names (empty when it can be stored)."""
        problems = []
        if not self.what.strip():
            problems.append("what")
        if self.how_known not in HOW_KNOWN:
            problems.append("how_known")
        for name in ("what", "affected", "responsible", "contact"):
            if len(getattr(self, name)) > MAX_TEXT:
                problems.append(name)
        latitude, longitude = self.latitude, self.longitude
        if (latitude is None) != (longitude is None) or (
            latitude is not None
            and longitude is not None
            and not (-90 <= latitude <= 90 and -180 <= longitude <= 180)
        ):
            problems.append("pin")
        return problems


def coarse_hour() -> datetime:
    """The current time cut to the hour (UTC): the only time a reporter's act leaves."""
    return datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


_hour = coarse_hour


def _now() -> datetime:
    return datetime.now(UTC)


def _new_ref(session: Session) -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        ref = "R-" + "".join(secrets.choice(alphabet) for _ in range(6))
        if session.scalar(select(Submission.id).where(Submission.ref == ref)) is None:
            return ref


def resolve_country(session: Session, text: str) -> tuple[int | None, str]:
    """(country id if stored, canonical code or the text as typed) for a country field,
    typed in any of the form's languages ("السودان", "Soudan", "Sudán", "Sudan")."""
    text = text.strip()[:120]
    ref = countries.match(text)
    if ref is None:
        return None, text
    country_id = session.scalar(select(Country.id).where(Country.code == ref.code))
    return country_id, ref.code


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", text.casefold())) + " "


def resolve_admin1(session: Session, country_id: int | None, place: str) -> str | None:
    """The first-level unit of ``country_id`` that the reporter's place names, from the
    units in the event data (reference names only; None if none or several match)."""
    from tocsin.store.models.events import Event

    if country_id is None or not place.strip():
        return None
    units = session.scalars(
        select(Event.admin1)
        .where(Event.country_id == country_id, Event.admin1.is_not(None))
        .distinct()
    )
    text = _words(place)
    found = {unit for unit in units if unit and _words(unit).strip() and _words(unit) in text}
    return found.pop() if len(found) == 1 else None


def case_name(submission: Submission) -> str:
    """The evidence-locker case holding a submission's files."""
    return f"intake-{submission.ref}"


CASE_PREFIX = "intake-"


def package_records(
    session: Session, submission: Submission, private_key: PrivateKey | None = None
) -> list[Record]:
    """What an evidence package of a submission's case carries besides its files: the
    report, contact details and messages as sealed at rest (base64 sealed boxes in
    ``messages.json``); with the organisation's ``private_key`` also opened (for offline
    use only: ``tocsin evidence export --key``)."""
    thread = [
        {
            "direction": m.direction,
            "author": m.author,
            "at_hour": m.at_hour.isoformat(),
            "sealed": _b64(m.org_sealed),
        }
        for m in messages(session, submission)
    ]
    header = {"ref": submission.ref, "country_code": submission.country_text}
    records = [
        Record("messages.json", _json({**header, "messages": thread}), True, "application/json")
    ]
    if submission.report_sealed is not None:
        records.append(Record("report.sealed", submission.report_sealed, True))
    if submission.contact_sealed is not None:
        records.append(Record("contact.sealed", submission.contact_sealed, True))
    if private_key is not None:
        opened = {**header, **open_report(submission, private_key)}
        if submission.contact_sealed is not None:
            opened["contact"] = crypto.unseal(private_key, submission.contact_sealed).decode()
        records.append(Record("report.json", _json(opened), False, "application/json"))
        texts = [
            {
                **{k: v for k, v in m.items() if k != "sealed"},
                "text": open_message(msg, private_key),
            }
            for m, msg in zip(thread, messages(session, submission), strict=True)
        ]
        records.append(Record("messages-opened.json", _json(texts), False, "application/json"))
    return records


def _json(value: object) -> bytes:
    return json.dumps(value, indent=2, ensure_ascii=False).encode("utf-8")


def _store_files(
    session: Session,
    root: Path,
    public_key: PublicKey,
    submission: Submission,
    files: list[CheckedFile],
) -> list[IntakeAttachment]:
    stored = []
    received = coarse_hour()
    start = (
        session.scalar(select(func.count()).where(IntakeAttachment.submission_id == submission.id))
        or 0
    )
    for number, upload in enumerate(files, start=start + 1):
        original = locker.deposit(
            session,
            root,
            crypto.seal(public_key, upload.data),
            actor=REPORTER,
            source="intake",
            filename=f"{submission.ref}-{number}.original.sealed",
            media_type=SEALED_MEDIA_TYPE,
            case=case_name(submission),
            sealed=True,
            at=received,
            note=f"intake {submission.ref} attachment {number}: original, sealed on arrival",
            details={
                "submission": submission.ref,
                "role": "original",
                "kind": upload.kind,
                "media_type": upload.media_type,
            },
        )
        try:
            clean = metadata.strip(upload.data, upload.media_type)
        except metadata.MetadataError as exc:
            clean = metadata.Stripped(None, [f"not stripped: {exc}"[:200]])
        except Exception as exc:  # noqa: BLE001 - a hostile file must never lose the report
            clean = metadata.Stripped(None, [f"not stripped: unreadable ({type(exc).__name__})"])
        working: EvidenceItem | None = None
        if clean.data is not None:
            working = locker.deposit(
                session,
                root,
                crypto.seal(public_key, clean.data),
                actor=REPORTER,
                source="intake",
                filename=f"{submission.ref}-{number}.working.sealed",
                media_type=SEALED_MEDIA_TYPE,
                case=case_name(submission),
                sealed=True,
                at=received,
                note=f"intake {submission.ref} attachment {number}: working copy, "
                f"metadata stripped from {original.sha256}",
                details={
                    "submission": submission.ref,
                    "role": "working-copy",
                    "kind": upload.kind,
                    "media_type": upload.media_type,
                    "derived_from": original.sha256,
                },
            )
        attachment = IntakeAttachment(
            submission_id=submission.id,
            kind=upload.kind,
            media_type=upload.media_type,
            size=len(upload.data),
            original_item_id=original.id,
            working_item_id=working.id if working else None,
            filename_sealed=crypto.seal(public_key, (upload.filename or "")[:300].encode()),
            stripped=clean.removed,
        )
        session.add(attachment)
        stored.append(attachment)
    session.flush()
    return stored


def submit(
    session: Session,
    root: Path,
    public_key: PublicKey,
    report: Report,
    files: list[CheckedFile],
    receipt: tuple[str, crypto.ReceiptKeys] | None = None,
) -> tuple[Submission, str]:
    """Store a report and its files (sealed); return it and its receipt code.

    The receipt code is returned once and never stored; only its Argon2id-derived lookup
    and public key are. ``receipt``: a code and its keys stretched ahead of time (see
    :mod:`tocsin.intake.receipts`); by default one is made now.
    """
    problems = report.check()
    if problems:
        raise IntakeError("please check: " + ", ".join(problems))
    if receipt is None:
        code = crypto.new_receipt_code(report.language)
        receipt = code, crypto.derive_receipt(code)
    code, keys = receipt
    country_id, country_code = resolve_country(session, report.country)
    submission = Submission(
        ref=_new_ref(session),
        received_hour=_hour(),
        language=report.language[:8],
        what="",
        country_id=country_id,
        country_text=country_code if country_id is not None else "",
        how_known=report.how_known,
        admin1=resolve_admin1(session, country_id, report.place),
        report_sealed=crypto.seal_json(public_key, _sealed_fields(report)),
        contact_sealed=crypto.seal(public_key, report.contact.strip().encode())
        if report.contact.strip()
        else None,
        receipt_lookup=keys.lookup,
        reporter_key=keys.public_hex,
        status="new",
        checklist={},
        updated_at=_hour(),
    )
    session.add(submission)
    session.flush()
    _store_files(session, root, public_key, submission, files)
    audit.record(
        session,
        REPORTER,
        "intake.submit",
        "submission",
        submission.id,
        after={
            "ref": submission.ref,
            "country": submission.country_text,
            "attachments": len(files),
        },
        at=submission.received_hour,
    )
    return submission, code


def _sealed_fields(report: Report) -> dict[str, object]:
    """Everything the reporter wrote, as sealed in ``report_sealed``."""
    return {
        "what": report.what.strip(),
        "country": report.country.strip()[:120],
        "place": report.place.strip()[:200],
        "latitude": report.latitude,
        "longitude": report.longitude,
        "when": report.when_text.strip()[:120],
        "affected": report.affected.strip(),
        "responsible": report.responsible.strip(),
    }


REPORT_FIELDS = (
    "what",
    "country",
    "place",
    "latitude",
    "longitude",
    "when",
    "affected",
    "responsible",
)


def open_report(submission: Submission, private_key: PrivateKey) -> dict[str, object]:
    """What the reporter wrote, opened with the organisation's private key (offline use:
    ``tocsin intake decrypt``). Rows stored before sealing existed are read from their
    clear columns."""
    if submission.report_sealed is not None:
        fields = crypto.unseal_json(private_key, submission.report_sealed)
    else:
        fields = {
            "what": submission.what,
            "country": submission.country_text,
            "place": submission.place,
            "latitude": submission.latitude,
            "longitude": submission.longitude,
            "when": submission.when_text,
            "affected": submission.affected,
            "responsible": submission.responsible,
        }
    return {name: fields.get(name) for name in REPORT_FIELDS}


def find_by_receipt(session: Session, code: str) -> tuple[Submission, crypto.ReceiptKeys] | None:
    """The submission a receipt code belongs to (None if none; a malformed code raises
    :class:`~tocsin.intake.crypto.ReceiptError`)."""
    keys = crypto.derive_receipt(code)
    submission = session.scalar(select(Submission).where(Submission.receipt_lookup == keys.lookup))
    return None if submission is None else (submission, keys)


@dataclass(frozen=True)
class ThreadItem:
    """One message as the reporter sees it."""

    direction: str
    text: str
    at: datetime


def reporter_thread(
    session: Session, submission: Submission, keys: crypto.ReceiptKeys
) -> list[ThreadItem]:
    """The messages of a submission, replies opened with the reporter's receipt key."""
    items = []
    for message in messages(session, submission):
        if message.body_sealed is not None:
            text = crypto.unseal(keys.private_key, message.body_sealed).decode("utf-8")
        else:
            text = message.body
        items.append(ThreadItem(message.direction, text, message.at_hour))
    return items


def add_information(
    session: Session,
    root: Path,
    public_key: PublicKey,
    submission: Submission,
    text: str,
    files: list[CheckedFile],
) -> IntakeMessage | None:
    """The reporter adds text and/or files to their submission."""
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise IntakeError("the message is too long")
    if not text and not files:
        raise IntakeError("nothing to add")
    message = None
    if text:
        message = _sealed_message(submission, public_key, "from_reporter", REPORTER, text)
        session.add(message)
    _store_files(session, root, public_key, submission, files)
    submission.updated_at = _hour()
    audit.record(
        session,
        REPORTER,
        "intake.add_information",
        "submission",
        submission.id,
        after={"text": bool(text), "attachments": len(files)},
        at=submission.updated_at,
    )
    return message


def _sealed_message(
    submission: Submission, public_key: PublicKey | None, direction: str, author: str, text: str
) -> IntakeMessage:
    """A thread message sealed to the reporter's receipt key and the organisation's key."""
    data = text.encode("utf-8")
    return IntakeMessage(
        submission_id=submission.id,
        direction=direction,
        author=author,
        body="",
        body_sealed=crypto.seal(PublicKey(bytes.fromhex(submission.reporter_key)), data),
        org_sealed=None if public_key is None else crypto.seal(public_key, data),
        at_hour=_hour(),
    )


def open_message(message: IntakeMessage, private_key: PrivateKey) -> str:
    """A thread message opened with the organisation's private key (offline use)."""
    if message.org_sealed is not None:
        return crypto.unseal(private_key, message.org_sealed).decode("utf-8")
    if message.direction == "from_reporter":
        return message.body
    raise IntakeError(
        f"message {message.id} was sealed only to the reporter (written before replies "
        "were also sealed to the organisation)"
    )


def messages(session: Session, submission: Submission) -> list[IntakeMessage]:
    """A submission's messages, oldest first."""
    query = (
        select(IntakeMessage)
        .where(IntakeMessage.submission_id == submission.id)
        .order_by(IntakeMessage.id)
    )
    return list(session.scalars(query))


# --- review side -------------------------------------------------------------------


def get_submission(session: Session, key: int | str) -> Submission:
    """A submission by id or reference (R-XXXXXX)."""
    text = str(key).strip()
    if isinstance(key, int) or (text.isascii() and text.isdigit()):
        number = int(key)
        submission = session.get(Submission, number) if 0 < number < 2**31 else None
    else:
        submission = session.scalar(select(Submission).where(Submission.ref == text.upper()))
    if submission is None:
        raise IntakeError(f"no submission {key}")
    return submission


def list_submissions(
    session: Session,
    status: str | None = None,
    country_id: int | None = None,
    assigned_to: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[Submission]]:
    """The review queue, newest first, with the total count."""
    query = select(Submission)
    if status:
        query = query.where(Submission.status == status)
    if country_id is not None:
        query = query.where(Submission.country_id == country_id)
    if assigned_to:
        query = query.where(Submission.assigned_to == assigned_to)
    total, rows = paginate(session, query.order_by(Submission.id.desc()), limit, offset)
    return total, [submission for (submission,) in rows]


def _touch(submission: Submission) -> None:
    submission.updated_at = _now()


def set_status(
    session: Session,
    submission: Submission,
    status: str,
    actor: str,
    duplicate_of: str | None = None,
) -> None:
    """Move a submission to ``status`` (``duplicate`` needs the original's id or ref)."""
    if status not in SUBMISSION_STATUSES:
        raise IntakeError(f"unknown status {status!r}; use one of {', '.join(SUBMISSION_STATUSES)}")
    before = {"status": submission.status, "duplicate_of": submission.duplicate_of}
    original_id = None
    if status == "duplicate":
        if not duplicate_of:
            raise IntakeError("say which submission this one duplicates")
        original = get_submission(session, duplicate_of)
        if original.id == submission.id:
            raise IntakeError("a submission cannot duplicate itself")
        original_id = original.id
    submission.status = status
    submission.duplicate_of = original_id
    _touch(submission)
    audit.record(
        session,
        actor,
        "intake.status",
        "submission",
        submission.id,
        before,
        {"status": status, "duplicate_of": original_id},
    )


def assign(session: Session, submission: Submission, assignee: str | None, actor: str) -> None:
    """Assign a submission to an analyst (or unassign with ``None``)."""
    from tocsin.store.models.accounts import User

    if assignee and session.scalar(select(User.id).where(User.username == assignee)) is None:
        raise IntakeError(f"no user {assignee!r}")
    before = {"assigned_to": submission.assigned_to}
    submission.assigned_to = assignee or None
    _touch(submission)
    audit.record(
        session,
        actor,
        "intake.assign",
        "submission",
        submission.id,
        before,
        {"assigned_to": submission.assigned_to},
    )


def add_note(session: Session, submission: Submission, body: str, actor: str) -> IntakeNote:
    """An analyst's note on a submission."""
    body = body.strip()
    if not body or len(body) > MAX_TEXT:
        raise IntakeError("a note needs between 1 and 20000 characters")
    note = IntakeNote(submission_id=submission.id, author=actor, body=body, at=_now())
    session.add(note)
    session.flush()
    _touch(submission)
    audit.record(
        session,
        actor,
        "intake.note",
        "submission",
        submission.id,
        after={"note_id": note.id, "sha256": _text_digest(body), "length": len(body)},
    )
    return note


def _text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_SCRUB = "tocsin.scrub_notes"


@event.listens_for(Session, "after_commit")
def _scrub_after_purge(session: Session) -> None:
    """After a purge commits, rewrite the storage that still holds the old text: the
    SQLite write-ahead log (checkpoint and truncate) or PostgreSQL's dead row versions
    (VACUUM of the notes table)."""
    if not session.info.pop(_SCRUB, False):
        return
    engine = session.get_bind().engine
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        elif engine.dialect.name == "postgresql":
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM intake_notes"
            )


def purge_note(session: Session, note: IntakeNote, reason: str, actor: str) -> None:
    """Erase a note's text on request (its author, time and hash stay in the audit log)."""
    if not reason.strip():
        raise IntakeError("say why the note is purged")
    if note.purged_at is not None:
        raise IntakeError(f"note {note.id} is already purged")
    digest = _text_digest(note.body)
    if session.get_bind().dialect.name == "sqlite":
        session.execute(sql_text("PRAGMA secure_delete = ON"))  # freed space is zeroed
    note.body = ""
    note.purged_at = _now()
    session.info[_SCRUB] = True
    audit.record(
        session,
        actor,
        "intake.note_purge",
        "submission",
        note.submission_id,
        before={"note_id": note.id, "sha256": digest},
        after={"note_id": note.id, "reason": reason.strip()[:500]},
    )


def add_link(
    session: Session, submission: Submission, kind: str, ref: str, label: str, actor: str
) -> IntakeLink:
    """Link a submission to another submission, a country, a Framework document or
    indicator, an alert... Submissions and countries are checked; other kinds are kept as
    generic references (the workbench's tables may live in another capability)."""
    ref = ref.strip()
    if kind not in LINK_KINDS:
        raise IntakeError(f"unknown link kind {kind!r}; use one of {', '.join(LINK_KINDS)}")
    if not ref or len(ref) > 120:
        raise IntakeError("a link needs a reference (1-120 characters)")
    if kind == "submission":
        other = get_submission(session, ref)
        if other.id == submission.id:
            raise IntakeError("a submission cannot link to itself")
        ref = other.ref
    elif kind == "country":
        country_id, code = resolve_country(session, ref)
        if country_id is None and code == ref:
            raise IntakeError(f"unknown country {ref!r}")
        ref = code
    elif kind in workbench.current().kinds:
        try:
            title = workbench.current().title(session, kind, ref)
        except workbench.WorkbenchError as exc:
            raise IntakeError(str(exc)) from exc
        label = label.strip() or title
    link = IntakeLink(
        submission_id=submission.id,
        kind=kind,
        ref=ref,
        label=label.strip()[:300],
        author=actor,
        at=_now(),
    )
    session.add(link)
    session.flush()
    _touch(submission)
    audit.record(
        session,
        actor,
        "intake.link",
        "submission",
        submission.id,
        after={"kind": kind, "ref": ref, "label": link.label},
    )
    return link


def links(session: Session, submission: Submission) -> list[IntakeLink]:
    """A submission's links, oldest first (both directions for submission links)."""
    query = select(IntakeLink).where(
        (IntakeLink.submission_id == submission.id)
        | ((IntakeLink.kind == "submission") & (IntakeLink.ref == submission.ref))
    )
    return list(session.scalars(query.order_by(IntakeLink.id)))


def notes(session: Session, submission: Submission) -> list[IntakeNote]:
    """A submission's notes, oldest first."""
    query = select(IntakeNote).where(IntakeNote.submission_id == submission.id)
    return list(session.scalars(query.order_by(IntakeNote.id)))


def attachments(session: Session, submission: Submission) -> list[IntakeAttachment]:
    """A submission's attachments, in order."""
    query = select(IntakeAttachment).where(IntakeAttachment.submission_id == submission.id)
    return list(session.scalars(query.order_by(IntakeAttachment.id)))


def check_item(
    session: Session, submission: Submission, key: str, done: bool, note: str, actor: str
) -> None:
    """Tick (or untick) one item of the verification checklist, with a note."""
    if key not in CHECKLIST_KEYS:
        raise IntakeError(f"unknown checklist item {key!r}")
    checklist = dict(submission.checklist or {})
    before = checklist.get(key)
    checklist[key] = {
        "done": bool(done),
        "note": note.strip()[:2000],
        "by": actor,
        "at": _now().isoformat(timespec="seconds"),
    }
    submission.checklist = json.loads(json.dumps(checklist))  # new object: change detected
    _touch(submission)
    audit.record(
        session,
        actor,
        "intake.checklist",
        "submission",
        submission.id,
        {key: before},
        {key: checklist[key]},
    )


def reply(
    session: Session,
    submission: Submission,
    text: str,
    actor: str,
    public_key: PublicKey | None = None,
) -> IntakeMessage:
    """Reply to the reporter: sealed to their receipt key and, given the organisation's
    ``public_key``, to it too so that colleagues holding the private key can read it."""
    text = text.strip()
    if not text or len(text) > MAX_TEXT:
        raise IntakeError("a reply needs between 1 and 20000 characters")
    message = _sealed_message(submission, public_key, "to_reporter", actor, text)
    session.add(message)
    session.flush()
    _touch(submission)
    audit.record(
        session,
        actor,
        "intake.reply",
        "submission",
        submission.id,
        after={"message_id": message.id, "length": len(text)},
    )
    return message


def status_counts(session: Session, country_id: int) -> dict[str, int]:
    """Number of submissions per status for one country (no other detail)."""
    query = (
        select(Submission.status, func.count())
        .where(Submission.country_id == country_id)
        .group_by(Submission.status)
    )
    return {status: count for status, count in session.execute(query)}


# --- reading sealed text: in the analyst's browser, or offline ----------------------


def _b64(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode("ascii")


def sealed_bundle(session: Session, submission: Submission) -> dict[str, object]:
    """Everything sealed about a submission, as base64 sealed boxes for the analyst's
    browser to open (libsodium ``crypto_box_seal_open`` with the organisation's key pair):
    ``report`` (a JSON object with :data:`REPORT_FIELDS`), ``contact``, each message's
    ``sealed`` text and each attachment's ``filename``. ``legacy`` holds the clear fields
    of a row stored before sealing existed (None otherwise). The server opens nothing."""
    legacy = None
    if submission.report_sealed is None:
        legacy = {
            "what": submission.what,
            "place": submission.place,
            "when": submission.when_text,
            "affected": submission.affected,
            "responsible": submission.responsible,
        }
    return {
        "ref": submission.ref,
        "report": _b64(submission.report_sealed),
        "legacy": legacy,
        "contact": _b64(submission.contact_sealed),
        "messages": [
            {
                "id": m.id,
                "direction": m.direction,
                "author": m.author,
                "at_hour": m.at_hour.isoformat(),
                "sealed": _b64(m.org_sealed),
                "legacy": m.body if m.org_sealed is None and m.body else None,
            }
            for m in messages(session, submission)
        ],
        "attachments": [
            {
                "id": a.id,
                "kind": a.kind,
                "media_type": a.media_type,
                "size": a.size,
                "filename": _b64(a.filename_sealed),
                "working_copy": a.working_item_id is not None,
                "stripped": a.stripped,
            }
            for a in attachments(session, submission)
        ],
    }


def sealed_attachment(
    session: Session, root: Path, attachment: IntakeAttachment, actor: str, *, original: bool
) -> bytes:
    """The sealed bytes of an attachment's working copy (or original) for the analyst's
    browser to open; records an ``accessed`` custody event."""
    item_id = attachment.original_item_id if original else attachment.working_item_id
    if item_id is None:
        raise IntakeError(
            f"attachment {attachment.id} has no working copy (it could not be stripped of "
            "metadata); only its original, marked not stripped, can be opened"
        )
    item = session.get(EvidenceItem, item_id)
    if item is None:
        raise IntakeError(f"attachment {attachment.id}: its evidence item {item_id} is missing")
    role = "original" if original else "working copy"
    return locker.read(session, root, item, actor=actor, note=f"sent sealed {role} to reader")


def copy_to_workbench(
    session: Session, submission: Submission, passage: str, actor: str, title: str = ""
) -> int:
    """Copy a passage an analyst decrypted into the Framework workbench: an explicit act,
    audited with the passage's hash and length. Returns the workbench document id."""
    passage = passage.strip()
    if not passage or len(passage) > MAX_TEXT:
        raise IntakeError(f"a passage to copy needs between 1 and {MAX_TEXT} characters")
    title = (title.strip() or f"Civil-society submission {submission.ref}")[:300]
    try:
        document_id = workbench.current().add_passage(session, passage, title, actor)
    except workbench.WorkbenchError as exc:
        raise IntakeError(str(exc)) from exc
    audit.record(
        session,
        actor,
        "intake.copy_to_workbench",
        "submission",
        submission.id,
        after={
            "document": document_id,
            "sha256": _text_digest(passage),
            "length": len(passage),
        },
    )
    session.add(
        IntakeLink(
            submission_id=submission.id,
            kind="document",
            ref=str(document_id),
            label=f"passage copied by {actor}"[:300],
            author=actor,
            at=_now(),
        )
    )
    session.flush()
    return document_id
