"""The evidence locker: content addressing, read-only atomic files, and a custody chain
whose edits, deletions and reorderings are detected and located (both backends)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from tests.security.tamper import disable_append_only
from tocsin.store import locker
from tocsin.store.db import Database
from tocsin.store.models.evidence import CustodyEntry, EvidenceItem


def _deposit_three(db: Database, root: Path) -> list[str]:
    with db.session() as session:
        items = [
            locker.deposit(
                session,
                root,
                f"file number {i}".encode(),
                actor="tester",
                source="test",
                filename=f"f{i}.txt",
                media_type="text/plain",
                case="CASE-1",
            )
            for i in range(3)
        ]
        locker.record_custody(session, items[0], "accessed", actor="analyst", note="looked")
        return [item.sha256 for item in items]


def test_deposit_is_content_addressed_read_only_and_deduplicated(
    database: Database, tmp_path: Path
) -> None:
    root = tmp_path / "evidence"
    with database.session() as session:
        item = locker.deposit(session, root, b"hello", actor="a", source="test")
        again = locker.deposit(session, root, b"hello", actor="b", source="test", case="C2")
        assert again.id == item.id
    path = locker.file_path(root, item.sha256)
    assert path.read_bytes() == b"hello"
    assert item.sha256 == locker.sha256_bytes(b"hello")
    assert not os.stat(path).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temp files
    with database.session() as session:
        events = [e.event for e in locker.custody_entries(session)]
        assert events == ["received", "received"]
        assert [i.id for i in locker.case_items(session, "C2")] == [item.id]
        assert locker.verify(session, root) == []
        seq, head_hash = locker.head(session)
        assert seq == 2 and head_hash == locker.custody_entries(session)[-1].entry_hash


def test_bad_case_names_and_events_are_refused(sqlite_database: Database, tmp_path: Path) -> None:
    with sqlite_database.session() as session:
        with pytest.raises(locker.LockerError, match="invalid case name"):
            locker.deposit(session, tmp_path, b"x", actor="a", source="t", case="../etc")
        item = locker.deposit(session, tmp_path, b"x", actor="a", source="t")
        with pytest.raises(locker.LockerError, match="unknown custody event"):
            locker.record_custody(session, item, "deleted", actor="a")


def test_one_changed_byte_in_a_stored_file_is_located(database: Database, tmp_path: Path) -> None:
    root = tmp_path / "evidence"
    hashes = _deposit_three(database, root)
    path = locker.file_path(root, hashes[1])
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[3] ^= 0x01
    path.write_bytes(bytes(data))
    with database.session() as session:
        problems = locker.verify(session, root)
    assert [p.kind for p in problems] == ["file-changed"]
    assert hashes[1] in problems[0].where and "f1.txt" in problems[0].where


def test_missing_and_unregistered_files_are_reported(
    sqlite_database: Database, tmp_path: Path
) -> None:
    root = tmp_path / "evidence"
    hashes = _deposit_three(sqlite_database, root)
    locker.file_path(root, hashes[0]).unlink()
    stray = root / "ab" / ("ab" + "0" * 62)
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"?")
    with sqlite_database.session() as session:
        kinds = sorted(p.kind for p in locker.verify(session, root))
    assert kinds == ["missing-file", "unregistered-file"]


def test_an_edited_log_entry_is_located(database: Database, tmp_path: Path) -> None:
    root = tmp_path / "evidence"
    _deposit_three(database, root)
    with database.session() as session:
        disable_append_only(session)
        target = session.scalars(select(CustodyEntry).where(CustodyEntry.seq == 2)).one()
        session.execute(
            update(CustodyEntry).where(CustodyEntry.id == target.id).values(actor="someone else")
        )
    with database.session() as session:
        problems = locker.verify(session, root)
    assert [p.kind for p in problems] == ["entry-edited"]
    assert f"id {target.id} " in problems[0].where


def test_an_edited_entry_with_a_recomputed_hash_breaks_the_next_link(
    database: Database, tmp_path: Path
) -> None:
    root = tmp_path / "evidence"
    _deposit_three(database, root)
    with database.session() as session:
        disable_append_only(session)
        target = session.scalars(select(CustodyEntry).where(CustodyEntry.seq == 2)).one()
        target.note = "rewritten"
        target.entry_hash = locker.entry_digest(target)
    with database.session() as session:
        problems = locker.verify(session, root)
        following = session.scalars(select(CustodyEntry).where(CustodyEntry.seq == 3)).one()
    assert [p.kind for p in problems] == ["entry-missing"]
    assert f"id {following.id} " in problems[0].where


def test_a_deleted_entry_is_located(database: Database, tmp_path: Path) -> None:
    root = tmp_path / "evidence"
    _deposit_three(database, root)
    with database.session() as session:
        disable_append_only(session)
        session.execute(text("DELETE FROM custody_log WHERE seq = 2"))
    with database.session() as session:
        problems = locker.verify(session, root)
    assert [p.kind for p in problems] == ["entry-missing", "receipt-missing"]
    assert "position 3" in problems[0].where


def test_a_deleted_last_entry_is_detected_by_the_head(database: Database, tmp_path: Path) -> None:
    root = tmp_path / "evidence"
    _deposit_three(database, root)
    with database.session() as session:
        disable_append_only(session)
        session.execute(text("DELETE FROM custody_log WHERE seq = 4"))
    with database.session() as session:
        problems = locker.verify(session, root)
    assert [p.kind for p in problems] == ["chain-truncated"]


def test_two_swapped_entries_are_located(database: Database, tmp_path: Path) -> None:
    root = tmp_path / "evidence"
    _deposit_three(database, root)
    with database.session() as session:
        ids = {e.seq: e.id for e in locker.custody_entries(session)}
        disable_append_only(session)
        session.execute(update(CustodyEntry).where(CustodyEntry.seq == 2).values(seq=-2))
        session.execute(update(CustodyEntry).where(CustodyEntry.seq == 3).values(seq=2))
        session.execute(update(CustodyEntry).where(CustodyEntry.seq == -2).values(seq=3))
    with database.session() as session:
        problems = locker.verify(session, root)
    assert {p.kind for p in problems} == {"entry-out-of-order", "head-mismatch"}
    located = " ".join(p.where for p in problems)
    assert f"id {ids[2]} " in located and f"id {ids[3]} " in located
    assert not [p for p in problems if p.kind == "entry-edited"]


def test_an_entry_pointing_at_another_file_is_reported(
    sqlite_database: Database, tmp_path: Path
) -> None:
    root = tmp_path / "evidence"
    _deposit_three(sqlite_database, root)
    with sqlite_database.session() as session:
        first, second = session.scalars(select(EvidenceItem).order_by(EvidenceItem.id)).all()[:2]
        disable_append_only(session)
        session.execute(update(CustodyEntry).where(CustodyEntry.seq == 1).values(item_id=second.id))
    with sqlite_database.session() as session:
        kinds = [p.kind for p in locker.verify(session, root)]
    assert kinds == ["entry-wrong-file", "receipt-missing"]


def test_read_checks_the_hash_and_records_access(sqlite_database: Database, tmp_path: Path) -> None:
    root = tmp_path / "evidence"
    with sqlite_database.session() as session:
        item = locker.deposit(session, root, b"abc", actor="a", source="t")
        assert locker.read(session, root, item, actor="reader") == b"abc"
        assert locker.custody_entries(session)[-1].event == "accessed"
        assert locker.get_item(session, item.sha256[:10]).id == item.id
    path = locker.file_path(root, item.sha256)
    os.chmod(path, 0o644)
    path.write_bytes(b"abd")
    with (
        sqlite_database.session() as session,
        pytest.raises(locker.LockerError, match="does not match"),
    ):
        locker.read(session, root, item, actor="reader")


def test_concurrent_deposits_keep_one_unbroken_chain(database: Database, tmp_path: Path) -> None:
    import threading

    root = tmp_path / "evidence"
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(5):
                with database.session() as session:
                    locker.deposit(session, root, f"{n}-{i}".encode(), actor=f"w{n}", source="t")
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    with database.session() as session:
        assert locker.verify(session, root) == []
        assert locker.head(session)[0] == 20
