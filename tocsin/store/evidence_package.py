"""Evidence packages for accountability mechanisms: export a case, verify on receipt.

A package directory holds::

    files/<sha256>          every file of the case, byte for byte as stored
    custody.jsonl           the custody log excerpt for those files (chain order)
    manifest.json           case, items with hashes, sizes and metadata, the chain head,
                            the SHA-256 of custody.jsonl
    manifest.json.sha256    the package digest (SHA-256 of manifest.json)

The package digest printed by the export should travel separately (read it over the
phone, put it in the covering letter): :func:`verify_package` then proves the package
is the one sent. Without the digest it still proves the package is self-consistent.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from tocsin.store import accounts, locker
from tocsin.store.locker import LockerError, Problem

FORMAT = "tocsin-evidence-package/1"


@dataclass(frozen=True)
class Record:
    """A text exported with a case that lives in the database, not the locker (a
    submission's sealed report, its messages): name, bytes, whether sealed."""

    name: str
    data: bytes
    sealed: bool
    media_type: str = "application/octet-stream"


@dataclass(frozen=True)
class ExportResult:
    """What was exported: how many files, where, and the package digest."""

    case: str
    files: int
    out: Path
    digest: str


def export_case(
    session: Session,
    root: Path,
    case: str,
    out: Path,
    *,
    actor: str,
    actor_role: str = "admin",
    open_sealed: Callable[[bytes], bytes] | None = None,
    records: list[Record] | None = None,
) -> ExportResult:
    """Write the package for ``case`` to ``out`` (new or empty directory), recording an
    ``exported`` custody event for each file; the caller commits.

    With ``open_sealed`` (a function that opens a sealed box, e.g. with the intake
    private key), sealed items are also exported decrypted, each listed with the hash of
    its plaintext and ``derived_from`` naming the sealed file, written readable by the
    owner only (0600). ``records`` are texts kept in the database rather than the locker
    (a submission's report and messages), listed with ``record: true``. Releasing a package is a
    reviewer's act: ``actor_role`` below reviewer is refused (the CLI runs as an
    operator, the web layer passes the logged-in user's role)."""
    accounts.require_role(actor_role, "reviewer", "releasing an evidence package")
    items = locker.case_items(session, case)
    if not items:
        raise LockerError(f"case {case!r} has no evidence items")
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise LockerError(f"{out} is not empty; export into a new directory")
    (out / "files").mkdir(parents=True, exist_ok=True)
    described = []
    for item in items:
        source = locker.file_path(root, item.sha256)
        data = source.read_bytes()
        if locker.sha256_bytes(data) != item.sha256:
            raise LockerError(
                f"evidence file {source} does not match its hash; run `tocsin custody verify`"
            )
        (out / "files" / item.sha256).write_bytes(data)
        locker.record_custody(
            session,
            item,
            "exported",
            actor=actor,
            case=case,
            note=f"exported in a package to {out.name}",
            root=root,
        )
        described.append(
            {
                "sha256": item.sha256,
                "size": item.size,
                "path": f"files/{item.sha256}",
                "filename": item.filename,
                "media_type": item.media_type,
                "source": item.source,
                "sealed": item.sealed,
                "details": item.details,
                "received_at": locker._at_text(item.received_at),  # noqa: SLF001
                "received_by": item.received_by,
            }
        )
        if item.sealed and open_sealed is not None:
            plain = open_sealed(data)
            plain_sha = locker.sha256_bytes(plain)
            _write_private(out / "files" / plain_sha, plain)
            described.append(
                {
                    "sha256": plain_sha,
                    "size": len(plain),
                    "path": f"files/{plain_sha}",
                    "filename": item.filename.removesuffix(".sealed"),
                    "media_type": (item.details or {}).get("media_type", ""),
                    "source": item.source,
                    "sealed": False,
                    "details": item.details,
                    "derived_from": item.sha256,
                    "decrypted_by": actor,
                }
            )
    for record in records or []:
        sha = locker.sha256_bytes(record.data)
        if record.sealed:
            (out / "files" / sha).write_bytes(record.data)
        else:
            _write_private(out / "files" / sha, record.data)
        described.append(
            {
                "sha256": sha,
                "size": len(record.data),
                "path": f"files/{sha}",
                "filename": record.name,
                "media_type": record.media_type,
                "sealed": record.sealed,
                "record": True,
                "exported_by": actor,
            }
        )
    entries = locker.custody_entries(session, [item.id for item in items])
    lines = [
        json.dumps(
            {"seq": e.seq, **locker.entry_fields(e), "entry_hash": e.entry_hash},
            sort_keys=True,
            ensure_ascii=False,
        )
        for e in entries
    ]
    custody_bytes = ("\n".join(lines) + "\n").encode("utf-8")
    (out / "custody.jsonl").write_bytes(custody_bytes)
    seq, head_hash = locker.head(session)
    manifest = {
        "format": FORMAT,
        "case": case,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "exported_by": actor,
        "chain_head": {"seq": seq, "entry_hash": head_hash},
        "custody_log": {
            "path": "custody.jsonl",
            "sha256": locker.sha256_bytes(custody_bytes),
            "entries": len(entries),
        },
        "items": described,
    }
    manifest_bytes = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False).encode()
    (out / "manifest.json").write_bytes(manifest_bytes)
    digest = locker.sha256_bytes(manifest_bytes)
    (out / "manifest.json.sha256").write_text(f"{digest}  manifest.json\n")
    return ExportResult(case=case, files=len(items), out=out, digest=digest)


def _write_private(path: Path, data: bytes) -> None:
    """Write decrypted data readable by the owner only (0600)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _listed_path(sha: object, entry: dict) -> Path | None:
    """``files/<sha>`` if the manifest entry names exactly that path, else None."""
    if not isinstance(sha, str) or not re.fullmatch(r"[0-9a-f]{64}", sha):
        return None
    return Path("files", sha) if entry.get("path", f"files/{sha}") == f"files/{sha}" else None


def _inside(directory: Path, path: Path | None) -> bool:
    """True if ``path`` (relative to ``directory``, symlinks resolved) stays inside it."""
    if path is None:
        return False
    base = directory.resolve()
    target = (directory / path).resolve()
    return target == base or base in target.parents


def verify_package(directory: Path, expected_digest: str | None = None) -> list[Problem]:
    """Check a received package: its digest (if given), every file against the manifest,
    the custody excerpt's hashes and links. Returns the problems found (empty if intact)."""
    directory = Path(directory)
    manifest_path = directory / "manifest.json"
    if not manifest_path.is_file():
        return [Problem("missing-file", str(manifest_path), "no manifest.json: not a package")]
    manifest_bytes = manifest_path.read_bytes()
    problems: list[Problem] = []
    digest = locker.sha256_bytes(manifest_bytes)
    if expected_digest and digest != expected_digest.strip().lower():
        problems.append(
            Problem(
                "package-digest",
                str(manifest_path),
                f"digest is {digest}, expected {expected_digest}",
            )
        )
    try:
        manifest = json.loads(manifest_bytes)
        items = {entry["sha256"]: entry for entry in manifest["items"]}
        log_info = manifest["custody_log"]
    except (ValueError, KeyError, TypeError) as exc:
        return [*problems, Problem("manifest", str(manifest_path), f"malformed manifest: {exc}")]
    for sha in [sha for sha in items if not _inside(directory, _listed_path(sha, items[sha]))]:
        problems.append(
            Problem(
                "path-outside",
                str(manifest_path),
                f"item {str(sha)[:80]!r} names path {str(items[sha].get('path'))[:200]!r}: "
                "every file must be files/<its SHA-256> inside the package; refused",
            )
        )
        del items[sha]
    for sha, entry in items.items():
        path = directory / "files" / sha
        where = f"file {path} ({entry.get('filename') or 'unnamed'})"
        if not path.is_file():
            problems.append(Problem("missing-file", where, "listed in the manifest but missing"))
            continue
        actual = locker.sha256_file(path)
        if actual != sha:
            problems.append(Problem("file-changed", where, f"SHA-256 is {actual}, expected {sha}"))
    files_dir = directory / "files"
    if files_dir.is_dir():
        for path in sorted(files_dir.iterdir()):
            if path.name not in items:
                problems.append(Problem("unlisted-file", f"file {path}", "not in the manifest"))
    log_path = directory / str(log_info.get("path", "custody.jsonl"))
    if not _inside(directory, log_path):
        return [
            *problems,
            Problem(
                "path-outside",
                str(manifest_path),
                f"custody log path {str(log_info.get('path'))[:200]!r} lies outside the package",
            ),
        ]
    if not log_path.is_file():
        return [*problems, Problem("missing-file", str(log_path), "custody log excerpt missing")]
    log_bytes = log_path.read_bytes()
    if locker.sha256_bytes(log_bytes) != log_info.get("sha256"):
        problems.append(
            Problem(
                "custody-changed",
                str(log_path),
                "the custody excerpt does not match the manifest's hash",
            )
        )
    previous: dict | None = None
    received: set[str] = set()
    for number, line in enumerate(log_bytes.decode("utf-8").splitlines(), start=1):
        where = f"{log_path.name} line {number}"
        try:
            entry = json.loads(line)
        except ValueError:
            problems.append(Problem("entry-malformed", where, "not JSON"))
            continue
        if locker.entry_digest(entry) != entry.get("entry_hash"):
            problems.append(Problem("entry-edited", where, "its contents do not match its hash"))
        if entry.get("sha256") not in items:
            problems.append(Problem("entry-wrong-file", where, "names a file not in the package"))
        if entry.get("event") == "received":
            received.add(entry.get("sha256"))
        if previous is not None:
            if entry.get("seq", 0) <= previous.get("seq", 0):
                problems.append(
                    Problem("entry-out-of-order", where, "chain positions go backwards")
                )
            elif entry.get("seq") == previous.get("seq", 0) + 1 and entry.get(
                "prev_hash"
            ) != previous.get("entry_hash"):
                problems.append(
                    Problem("entry-out-of-order", where, "does not link to the entry before it")
                )
        previous = entry
    for sha in sorted(set(items) - received):
        origin = items[sha].get("derived_from")
        if items[sha].get("record") is True:
            continue  # a database record (report text, messages), not a locker file
        if origin is None:
            problems.append(Problem("no-receipt", f"file {sha}", "no 'received' custody entry"))
        elif origin not in items:
            problems.append(
                Problem("no-receipt", f"file {sha}", f"derived from {origin}, not in the package")
            )
    return problems
