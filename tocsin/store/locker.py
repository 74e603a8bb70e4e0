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
  file and says exactly what is wrong where. The database refuses to change or delete
  custody entries (triggers, migration 0010).
- After each committed append, the chain's head (position and hash) is written outside
  the database to ``<root>/custody-head.json``, signed with an Ed25519 key kept beside
  it. Deleting or truncating entries in the database then no longer matches the head
  file; for protection against someone who also controls the files, publish the head
  (``tocsin custody anchor``) and verify against it (``--head``).
- Times: a deposit may pass ``at`` (anonymous reporters pass a time cut to the hour);
  the item's ``received_at``, the custody entry and the stored file's modification time
  all carry that time, never a finer one.

Typical use from another capability (``root`` is :func:`default_root` of the data dir)::

    item = locker.deposit(session, root, data, actor="system:speech", source="speech-export",
                          filename="posts.jsonl", media_type="application/x-ndjson",
                          case="SDN-2026-01", note="posts flagged for incitement")

The caller commits the session; a rolled-back deposit leaves at most an unregistered
file behind, which :func:`verify` reports and which holds nothing not already known.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey
from sqlalchemy import CursorResult, event, func, select, update
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
HEAD_FILE = "custody-head.json"
HEAD_KEY_FILE = "custody-head.key"
_PENDING_HEAD = "tocsin.custody_head"
log = logging.getLogger(__name__)


class LockerError(ValueError):
    """A locker operation was refused (unknown item, bad case name, unknown event...)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the locker: ``where`` it is and ``what`` is wrong.

    ``kind`` is a stable key: missing-file, file-changed, unregistered-file,
    entry-edited, entry-out-of-order, entry-missing, entry-wrong-file, chain-truncated,
    head-missing, receipt-missing, head-file-missing, head-file-forged, head-mismatch.
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


def _write_atomically(
    path: Path, data: bytes, at: datetime | None = None, mode: int = 0o444
) -> None:
    """Write ``data`` to ``path`` via a temporary file, fsync and rename. With ``at``,
    the file's and its folder's access and modification times are set to it (the
    inode change time is the kernel's and cannot be set)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if at is not None:
            os.utime(tmp, (at.timestamp(), at.timestamp()))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if at is not None:
        os.utime(path.parent, (at.timestamp(), at.timestamp()))
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def hour_of(at: datetime) -> datetime:
    """``at`` cut to the hour."""
    return at.replace(minute=0, second=0, microsecond=0)


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
    at: datetime | None = None,
    root: Path | None = None,
) -> CustodyEntry:
    """Append a custody event for ``item`` to the chain (in the caller's transaction).

    ``event`` is one of received, accessed, exported, annotated, transferred. ``at``
    replaces the current time (a reporter's deposit passes the hour). With the locker
    ``root``, the new head is written to the signed head file once the transaction
    commits.
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
        at=at or utcnow(),
        case=case,
        note=note,
        prev_hash=head.entry_hash,
    )
    entry.entry_hash = entry_digest(entry)
    head.entry_hash = entry.entry_hash
    session.add(entry)
    session.flush()
    if root is not None:
        session.info[_PENDING_HEAD] = (Path(root), entry.seq, entry.entry_hash)
    return entry


@event.listens_for(Session, "after_commit")
def _write_committed_head(session: Session) -> None:
    pending = session.info.pop(_PENDING_HEAD, None)
    if pending is not None:
        try:
            write_head_file(*pending)
        except OSError as exc:  # the entries are committed; verify reports the lag
            log.error("could not write the custody head file: %s", exc)


@event.listens_for(Session, "after_rollback")
def _forget_head(session: Session) -> None:
    session.info.pop(_PENDING_HEAD, None)


@dataclass(frozen=True)
class SignedHead:
    """The chain head as written outside the database: position, entry hash, and an
    Ed25519 signature by the locker's head key (``verify_key`` hex)."""

    seq: int
    entry_hash: str
    verify_key: str
    signature: str

    def message(self) -> bytes:
        """The signed bytes."""
        return f"tocsin-custody-head:{self.seq}:{self.entry_hash}".encode()

    def valid(self) -> bool:
        """True if the signature matches the position and hash."""
        try:
            VerifyKey(bytes.fromhex(self.verify_key)).verify(
                self.message(), bytes.fromhex(self.signature)
            )
        except (BadSignatureError, ValueError):
            return False
        return True


def _read_quietly(path: Path) -> bytes:
    """Read a file without updating its access time (which would date the last append)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOATIME", 0))
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


def _head_key(root: Path) -> SigningKey:
    path = Path(root) / HEAD_KEY_FILE
    if not path.exists():
        _write_atomically(path, bytes(SigningKey.generate()), at=hour_of(utcnow()), mode=0o400)
    return SigningKey(_read_quietly(path))


def write_head_file(root: Path, seq: int, entry_hash: str) -> SignedHead:
    """Sign and write the head to ``<root>/custody-head.json`` unless the file already
    records a later position (appends from several processes); returns what is there."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    lock_path = root / ".custody-head.lock"
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        hour = hour_of(utcnow()).timestamp()
        os.utime(lock_path, (hour, hour))
        current = read_head_file(root)
        if current is not None and current.seq >= seq:
            return current
        key = _head_key(root)
        unsigned = SignedHead(seq, entry_hash, bytes(key.verify_key).hex(), "")
        signature = key.sign(unsigned.message()).signature.hex()
        signed = SignedHead(seq, entry_hash, unsigned.verify_key, signature)
        body = json.dumps(signed.__dict__, indent=1).encode()
        _write_atomically(root / HEAD_FILE, body, at=datetime.fromtimestamp(hour, UTC))
        return signed


def read_head_file(root: Path) -> SignedHead | None:
    """The signed head file, or None if there is none (a damaged file raises)."""
    path = Path(root) / HEAD_FILE
    if not path.is_file():
        return None
    try:
        fields = json.loads(_read_quietly(path))
        return SignedHead(
            int(fields["seq"]),
            str(fields["entry_hash"]),
            str(fields["verify_key"]),
            str(fields["signature"]),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise LockerError(f"the custody head file {path} is damaged: {exc}") from exc


def add_to_case(
    session: Session, item: EvidenceItem, case: str, *, actor: str, at: datetime | None = None
) -> bool:
    """Put ``item`` in ``case`` (no-op if it is already there); True if it was added."""
    check_case(case)
    exists = session.scalar(
        select(EvidenceCaseItem.id).where(
            EvidenceCaseItem.case == case, EvidenceCaseItem.item_id == item.id
        )
    )
    if exists is not None:
        return False
    session.add(
        EvidenceCaseItem(case=case, item_id=item.id, added_by=actor, added_at=at or utcnow())
    )
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
    at: datetime | None = None,
) -> EvidenceItem:
    """Store ``data`` in the locker and record a ``received`` custody event.

    The file is named by its SHA-256 and written atomically and read-only; if the same
    bytes are already stored, the existing item is reused (and gains this event, and
    the case). ``source`` says where it came from (``intake``, ``framework-document``,
    ``speech-export``...); ``sealed`` marks ciphertext sealed to the organisation's key.
    ``at`` is the time recorded everywhere (row, custody entry, file times); anonymous
    reporters' deposits pass the hour. Returns the :class:`EvidenceItem`; the caller
    commits.
    """
    at = at or utcnow()
    if case is not None:
        check_case(case)
    digest = sha256_bytes(data)
    item = session.scalar(select(EvidenceItem).where(EvidenceItem.sha256 == digest))
    if item is None:
        path = file_path(root, digest)
        if not path.exists():
            _write_atomically(path, data, at=at)
            os.utime(Path(root), (at.timestamp(), at.timestamp()))
        item = EvidenceItem(
            sha256=digest,
            size=len(data),
            media_type=media_type[:120],
            filename=filename[:300],
            source=source,
            sealed=sealed,
            details=details or {},
            received_at=at,
            received_by=actor,
        )
        session.add(item)
        session.flush()
    if case is not None:
        add_to_case(session, item, case, actor=actor, at=at)
    record_custody(
        session, item, "received", actor=actor, case=case, note=note or source, at=at, root=root
    )
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
    record_custody(session, item, "accessed", actor=actor, note=note, root=root)
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


def _verify_receipts(session: Session) -> Iterator[Problem]:
    """Every evidence item has the ``received`` entry written when it was deposited."""
    received = select(CustodyEntry.item_id).where(CustodyEntry.event == "received")
    orphans = select(EvidenceItem).where(EvidenceItem.id.not_in(received))
    for item in session.scalars(orphans.order_by(EvidenceItem.id)):
        yield Problem(
            "receipt-missing",
            f"evidence item {item.id} ({item.filename or item.sha256[:16]})",
            "its 'received' custody entry is gone: custody entries were deleted",
        )


def _verify_against_head(session: Session, head: tuple[int, str], source: str) -> Iterator[Problem]:
    """The chain still reaches ``head`` (position, hash) recorded outside the database."""
    seq, entry_hash = head
    if seq == 0:
        return
    last = session.scalar(select(func.max(CustodyEntry.seq))) or 0
    at_seq = session.scalar(select(CustodyEntry.entry_hash).where(CustodyEntry.seq == seq))
    if last < seq:
        yield Problem(
            "chain-truncated",
            source,
            f"it records position {seq} ({entry_hash[:12]}...) but the custody log ends at "
            f"position {last}: entries were deleted",
        )
    elif at_seq != entry_hash:
        yield Problem(
            "head-mismatch",
            source,
            f"it records entry {entry_hash[:12]}... at position {seq}, the log holds "
            f"{(at_seq or 'nothing')[:12]}... there: the chain was rewritten",
        )


def _verify_head_file(session: Session, root: Path) -> Iterator[Problem]:
    where = f"head file {Path(root) / HEAD_FILE}"
    try:
        signed = read_head_file(root)
    except LockerError as exc:
        yield Problem("head-file-forged", where, str(exc))
        return
    if signed is None:
        if session.scalar(select(func.count()).select_from(CustodyEntry)):
            yield Problem(
                "head-file-missing",
                where,
                "the signed head file is missing although the log has entries (run "
                "`tocsin custody anchor` once after upgrading, if verify finds nothing else)",
            )
        return
    key = Path(root) / HEAD_KEY_FILE
    own_key = key.is_file() and bytes(SigningKey(_read_quietly(key)).verify_key).hex()
    if not signed.valid() or signed.verify_key != own_key:
        yield Problem("head-file-forged", where, "its signature does not match this locker")
        return
    yield from _verify_against_head(session, (signed.seq, signed.entry_hash), where)


def verify_chain(session: Session) -> list[Problem]:
    """Check only the custody chain (fast: no file is read)."""
    return [*_verify_chain(session), *_verify_receipts(session)]


def verify(
    session: Session, root: Path, published_head: tuple[int, str] | None = None
) -> list[Problem]:
    """Check every stored file against its hash, the whole custody chain, that every item
    kept its ``received`` entry, and that the log still reaches the signed head file and
    ``published_head`` (a head printed earlier by ``tocsin custody anchor``).

    Returns the problems found (empty when all is intact), each saying where and what.
    """
    problems = [*_verify_files(session, root), *verify_chain(session)]
    problems += _verify_head_file(session, root)
    if published_head is not None:
        problems += _verify_against_head(session, published_head, "published head")
    return problems


def anchor(session: Session, root: Path) -> SignedHead:
    """Sign the current head, write it to the head file, and return it for publishing.
    Refuses while :func:`verify_chain` finds problems (it would bless a damaged chain)."""
    problems = verify_chain(session) + [
        p for p in _verify_head_file(session, root) if p.kind != "head-file-missing"
    ]
    if problems:
        raise LockerError(f"the custody chain has {len(problems)} problem(s); first: {problems[0]}")
    seq, entry_hash = head(session)
    return write_head_file(root, seq, entry_hash)
