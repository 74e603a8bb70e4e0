"""The evidence locker: content-addressed files and a hash-chained custody log.

Every file that enters Tocsin as evidence (intake attachments, ingested documents,
exported posts) is deposited here:

- The bytes are stored once, under ``<root>/<aa>/<sha256>`` where ``sha256`` is the
  SHA-256 of the stored bytes. Files are written atomically (temporary file, fsync,
  rename), made read-only, and never modified in place; depositing the same bytes
  again reuses the stored file and only adds a custody event.
- Every event (received, accessed, exported, annotated, transferred) is a row of the
  custody log with who, when, the file's hash, the case and a note. Each entry's hash
  covers its fields and the hash of the entry before it, so editing, deleting or
  reordering entries is detectable; :func:`verify` checks the whole chain and every
  file and says exactly what is wrong where.

Typical use from another capability (``root`` is :func:`default_root` of the data dir)::

    item = locker.deposit(session, root, data, actor="system:speech", source="speech-export",
                          filename="posts.jsonl", media_type="application/x-ndjson",
                          case="SDN-2026-01", note="posts flagged for incitement")

The caller commits the session; a rolled-back deposit leaves at most an unregistered
file behind, which :func:`verify` reports and which holds nothing not already known.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from tocsin.store.models.evidence import (
    CUSTODY_EVENTS,
    CustodyEntry,
    CustodyHead,
    EvidenceCaseItem,
    EvidenceItem,
)
from tocsin.store.models.types import utcnow

GENESIS = "0" * 64
"""The ``prev_hash`` of the first custody entry."""

CASE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")
_CHUNK = 1 << 20


class LockerError(ValueError):
    """A locker operation was refused (unknown item, bad case name, unknown event...)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the locker: ``where`` it is and ``what`` is wrong.

    ``kind`` is a stable key: missing-file, file-changed, unregistered-file,
    entry-edited, entry-out-of-order, entry-missing, entry-wrong-file, chain-truncated,
    head-missing.
    """

    kind: str
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def default_root(data_dir: Path) -> Path:
    """The locker directory inside a data dir."""
    return Path(data_dir) / "evidence"


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def file_path(root: Path, sha256: str) -> Path:
    """Where the file with this hash lives in the locker."""
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise LockerError(f"not a SHA-256 hex digest: {sha256!r}")
    return Path(root) / sha256[:2] / sha256


def check_case(case: str) -> str:
    """Return ``case`` if it is a valid case name (letters, digits, . _ -), else raise."""
    if not CASE_PATTERN.match(case):
        raise LockerError(
            f"invalid case name {case!r}: use 1-120 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return case


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o444)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _at_text(at: datetime) -> str:
    """The timestamp as hashed: UTC, no offset, microseconds (same on every backend)."""
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def entry_fields(entry: CustodyEntry | dict[str, Any]) -> dict[str, str]:
    """The fields an entry's hash covers, as strings (also the export format)."""
    get: Callable[[str], Any] = (
        entry.get if isinstance(entry, dict) else lambda key: getattr(entry, key)
    )
    at = get("at")
    return {
        "sha256": str(get("sha256")),
        "event": str(get("event")),
        "actor": str(get("actor")),
        "at": at if isinstance(at, str) else _at_text(at),
        "case": get("case") or "",
        "note": get("note") or "",
        "prev_hash": str(get("prev_hash")),
    }


def entry_digest(entry: CustodyEntry | dict[str, Any]) -> str:
    """The hash of a custody entry: SHA-256 of its canonical JSON fields."""
    canonical = json.dumps(entry_fields(entry), sort_keys=True, separators=(",", ":"))
    return sha256_bytes(canonical.encode("utf-8"))


def _lock_head(session: Session) -> CustodyHead:
    """Take the chain's write lock (an UPDATE on the head row) and return the head."""
    bump = update(CustodyHead).where(CustodyHead.id == 1).values(seq=CustodyHead.seq + 1)
    # an UPDATE statement gives a CursorResult, which has the row count
    result = cast(
        CursorResult[Any], session.execute(bump.execution_options(synchronize_session=False))
    )
    if result.rowcount == 0:
        session.add(CustodyHead(id=1, seq=0, entry_hash=GENESIS))
        session.flush()
        session.execute(bump.execution_options(synchronize_session=False))
    query = select(CustodyHead).where(CustodyHead.id == 1)
    return session.execute(query.execution_options(populate_existing=True)).scalar_one()


def record_custody(
    session: Session,
    item: EvidenceItem,
    event: str,
    *,
    actor: str,
    case: str | None = None,
    note: str = "",
) -> CustodyEntry:
    """Append a custody event for ``item`` to the chain (in the caller's transaction).

    ``event`` is one of received, accessed, exported, annotated, transferred.
    """
    if event not in CUSTODY_EVENTS:
        allowed = ", ".join(CUSTODY_EVENTS)
        raise LockerError(f"unknown custody event {event!r}; use one of {allowed}")
    if case is not None:
        check_case(case)
    if item.id is None:
        session.flush()
    head = _lock_head(session)
    entry = CustodyEntry(
        seq=head.seq,
        item_id=item.id,
        sha256=item.sha256,
        event=event,
        actor=actor,
        at=utcnow(),
        case=case,
        note=note,
        prev_hash=head.entry_hash,
    )
    entry.entry_hash = entry_digest(entry)
    head.entry_hash = entry.entry_hash
    session.add(entry)
    session.flush()
    return entry


def add_to_case(session: Session, item: EvidenceItem, case: str, *, actor: str) -> bool:
    """Put ``item`` in ``case`` (no-op if it is already there); True if it was added."""
    check_case(case)
    exists = session.scalar(
        select(EvidenceCaseItem.id).where(
            EvidenceCaseItem.case == case, EvidenceCaseItem.item_id == item.id
        )
    )
    if exists is not None:
        return False
    session.add(EvidenceCaseItem(case=case, item_id=item.id, added_by=actor))
    session.flush()
    return True


def deposit(
    session: Session,
    root: Path,
    data: bytes,
    *,
    actor: str,
    source: str,
    filename: str = "",
    media_type: str = "application/octet-stream",
    case: str | None = None,
    note: str = "",
    sealed: bool = False,
    details: dict[str, Any] | None = None,
) -> EvidenceItem:
    """Store ``data`` in the locker and record a ``received`` custody event.

    The file is named by its SHA-256 and written atomically and read-only; if the same
    bytes are already stored, the existing item is reused (and gains this event, and
    the case). ``source`` says where it came from (``intake``, ``framework-document``,
    ``speech-export``...); ``sealed`` marks ciphertext sealed to the organisation's key.
    Returns the :class:`EvidenceItem`; the caller commits.
    """
    if case is not None:
        check_case(case)
    digest = sha256_bytes(data)
    item = session.scalar(select(EvidenceItem).where(EvidenceItem.sha256 == digest))
    if item is None:
        path = file_path(root, digest)
        if not path.exists():
            _write_atomically(path, data)
        item = EvidenceItem(
            sha256=digest,
            size=len(data),
            media_type=media_type[:120],
            filename=filename[:300],
            source=source,
            sealed=sealed,
            details=details or {},
            received_by=actor,
        )
        session.add(item)
        session.flush()
    if case is not None:
        add_to_case(session, item, case, actor=actor)
    record_custody(session, item, "received", actor=actor, case=case, note=note or source)
    return item


def get_item(session: Session, sha256: str) -> EvidenceItem:
    """The item with this hash (a unique prefix of at least 8 characters also works)."""
    sha256 = sha256.lower()
    if len(sha256) == 64:
        item = session.scalar(select(EvidenceItem).where(EvidenceItem.sha256 == sha256))
    elif len(sha256) >= 8:
        found = session.scalars(
            select(EvidenceItem).where(EvidenceItem.sha256.startswith(sha256)).limit(2)
        ).all()
        if len(found) > 1:
            raise LockerError(f"evidence prefix {sha256} is ambiguous; give more characters")
        item = found[0] if found else None
    else:
        raise LockerError("give at least 8 characters of the evidence hash")
    if item is None:
        raise LockerError(f"no evidence item with hash {sha256}")
    return item


def read(session: Session, root: Path, item: EvidenceItem, *, actor: str, note: str = "") -> bytes:
    """Read an item's bytes, check them against its hash, and record ``accessed``."""
    data = file_path(root, item.sha256).read_bytes()
    if sha256_bytes(data) != item.sha256:
        raise LockerError(
            f"evidence file {file_path(root, item.sha256)} does not match its hash; "
            "run `tocsin custody verify`"
        )
    record_custody(session, item, "accessed", actor=actor, note=note)
    return data


def case_items(session: Session, case: str) -> list[EvidenceItem]:
    """The items of a case, oldest first."""
    check_case(case)
    query = (
        select(EvidenceItem)
        .join(EvidenceCaseItem, EvidenceCaseItem.item_id == EvidenceItem.id)
        .where(EvidenceCaseItem.case == case)
        .order_by(EvidenceItem.id)
    )
    return list(session.scalars(query))


def custody_entries(session: Session, item_ids: list[int] | None = None) -> list[CustodyEntry]:
    """Custody entries in chain order, optionally only those about some items."""
    query = select(CustodyEntry).order_by(CustodyEntry.seq)
    if item_ids is not None:
        query = query.where(CustodyEntry.item_id.in_(item_ids))
    return list(session.scalars(query))


def head(session: Session) -> tuple[int, str]:
    """The chain's newest position and hash: publish or note it to anchor the chain."""
    row = session.get(CustodyHead, 1)
    return (0, GENESIS) if row is None else (row.seq, row.entry_hash)


def _describe(entry: CustodyEntry) -> str:
    return f"custody entry id {entry.id} (position {entry.seq}, {entry.event} by {entry.actor})"


def _verify_files(session: Session, root: Path) -> Iterator[Problem]:
    known: set[str] = set()
    for item in session.scalars(select(EvidenceItem).order_by(EvidenceItem.id)):
        known.add(item.sha256)
        path = file_path(root, item.sha256)
        where = f"file {path} (evidence item {item.id}, {item.filename or 'unnamed'})"
        if not path.is_file():
            yield Problem("missing-file", where, "the file is missing")
            continue
        actual = sha256_file(path)
        if actual != item.sha256:
            size = path.stat().st_size
            yield Problem(
                "file-changed",
                where,
                f"content changed: SHA-256 is now {actual} ({size} bytes), "
                f"expected {item.sha256} ({item.size} bytes)",
            )
    if Path(root).is_dir():
        for path in sorted(Path(root).glob("*/*")):
            if path.is_file() and path.name not in known and not path.name.startswith("."):
                yield Problem(
                    "unregistered-file", f"file {path}", "stored file not registered as evidence"
                )


def _verify_chain(session: Session) -> Iterator[Problem]:
    entries = custody_entries(session)
    items = {item.id: item.sha256 for item in session.scalars(select(EvidenceItem))}
    by_hash = {entry.entry_hash: entry for entry in entries}
    previous: CustodyEntry | None = None
    for entry in entries:
        where = _describe(entry)
        if entry_digest(entry) != entry.entry_hash:
            yield Problem(
                "entry-edited",
                where,
                "its contents were changed after it was written (they no longer match its hash)",
            )
        expected_prev = previous.entry_hash if previous else GENESIS
        if entry.prev_hash != expected_prev:
            true_prev = by_hash.get(entry.prev_hash)
            if entry.prev_hash == GENESIS:
                yield Problem(
                    "entry-out-of-order",
                    where,
                    "it was written first in the chain but now comes after "
                    f"{_describe(previous) if previous else 'nothing'}",
                )
            elif true_prev is not None and true_prev is not previous:
                yield Problem(
                    "entry-out-of-order",
                    where,
                    f"it was written after custody entry id {true_prev.id} "
                    f"but now follows {_describe(previous) if previous else 'nothing'}",
                )
            else:
                after = _describe(previous) if previous else "the start of the chain"
                yield Problem(
                    "entry-missing",
                    where,
                    f"the entry written before it is gone: between {after} and this one "
                    "an entry was deleted, or the previous entry was rewritten",
                )
        elif previous is not None and entry.seq != previous.seq + 1:
            yield Problem(
                "entry-missing",
                where,
                f"positions {previous.seq + 1}-{entry.seq - 1} are missing before it",
            )
        if items.get(entry.item_id) != entry.sha256:
            yield Problem(
                "entry-wrong-file",
                where,
                f"it names file {entry.sha256} but evidence item {entry.item_id} "
                f"has hash {items.get(entry.item_id)}",
            )
        previous = entry
    head_row = session.get(CustodyHead, 1)
    if head_row is None:
        if entries:
            yield Problem("head-missing", "custody head", "the chain's head record is missing")
        return
    last_hash = previous.entry_hash if previous else GENESIS
    last_seq = previous.seq if previous else 0
    if head_row.entry_hash != last_hash or head_row.seq != last_seq:
        known = by_hash.get(head_row.entry_hash)
        yield Problem(
            "chain-truncated",
            "end of the custody chain",
            f"the head records position {head_row.seq} ({head_row.entry_hash[:12]}...) but the "
            f"chain ends at position {last_seq}"
            + ("" if known is None else f"; the recorded head is entry id {known.id}")
            + ": entries at the end were removed or the head was altered",
        )


def verify_chain(session: Session) -> list[Problem]:
    """Check only the custody chain (fast: no file is read)."""
    return list(_verify_chain(session))


def verify(session: Session, root: Path) -> list[Problem]:
    """Check every stored file against its hash and the whole custody chain.

    Returns the problems found (empty when all is intact), each saying where and what.
    """
    return [*_verify_files(session, root), *_verify_chain(session)]
