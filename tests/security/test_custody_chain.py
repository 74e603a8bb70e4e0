"""Item 6: the custody chain survives an attacker with database access. The log refuses
edits and deletions; with the triggers switched off, a wipe, a truncated tail with a
moved head, a reordering or a rewritten entry is still found, through the items' own
receipts, the signed head file outside the database, and a published anchor (both
backends)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from tests.security.tamper import disable_append_only
from tocsin.cli.main import app
from tocsin.store import locker
from tocsin.store.db import Database
from tocsin.store.models.evidence import CustodyEntry, CustodyHead


def _fill(db: Database, root: Path, count: int = 4) -> None:
    with db.session() as session:
        for i in range(count):
            item = locker.deposit(
                session, root, f"exhibit {i}".encode(), actor="clerk", source="test", case="C-1"
            )
        locker.read(session, root, item, actor="analyst", note="looked")


def _kinds(db: Database, root: Path, published: tuple[int, str] | None = None) -> set[str]:
    with db.session() as session:
        return {p.kind for p in locker.verify(session, root, published)}


@pytest.mark.parametrize(
    "statement", ["UPDATE custody_log SET note = 'x'", "DELETE FROM custody_log"]
)
def test_the_database_refuses_to_change_the_log(
    database: Database, tmp_path: Path, statement: str
) -> None:
    _fill(database, tmp_path / "ev")
    with pytest.raises(DBAPIError, match="append-only"), database.session() as session:
        session.execute(text(statement))
    assert _kinds(database, tmp_path / "ev") == set()


def test_a_wiped_log_is_detected(database: Database, tmp_path: Path) -> None:
    root = tmp_path / "ev"
    _fill(database, root)
    with database.session() as session:
        disable_append_only(session)
        session.execute(delete(CustodyEntry))
        session.execute(delete(CustodyHead))
    kinds = _kinds(database, root)
    assert {"receipt-missing", "chain-truncated"} <= kinds


def test_a_truncated_tail_with_a_moved_head_is_detected(database: Database, tmp_path: Path) -> None:
    root = tmp_path / "ev"
    _fill(database, root)
    with database.session() as session:
        disable_append_only(session)
        session.execute(delete(CustodyEntry).where(CustodyEntry.seq >= 4))
        last = session.scalars(select(CustodyEntry).where(CustodyEntry.seq == 3)).one()
        session.execute(update(CustodyHead).values(seq=3, entry_hash=last.entry_hash))
    with database.session() as session:
        assert [p.kind for p in locker.verify_chain(session)] == ["receipt-missing"]
    assert "chain-truncated" in _kinds(database, root)


def test_a_reordered_log_is_detected(database: Database, tmp_path: Path) -> None:
    root = tmp_path / "ev"
    _fill(database, root)
    with database.session() as session:
        disable_append_only(session)
        session.execute(update(CustodyEntry).where(CustodyEntry.seq == 2).values(seq=-2))
        session.execute(update(CustodyEntry).where(CustodyEntry.seq == 3).values(seq=2))
        session.execute(update(CustodyEntry).where(CustodyEntry.seq == -2).values(seq=3))
    assert "entry-out-of-order" in _kinds(database, root)


def test_a_rewritten_tail_with_recomputed_hashes_is_detected(
    database: Database, tmp_path: Path
) -> None:
    """The attacker edits the last entry, recomputes its hash and moves the head: the
    chain is self-consistent, only the head outside the database shows it."""
    root = tmp_path / "ev"
    _fill(database, root)
    with database.session() as session:
        disable_append_only(session)
        last = session.scalars(select(CustodyEntry).order_by(CustodyEntry.seq.desc())).first()
        last.note = "nobody looked"
        last.entry_hash = locker.entry_digest(last)
        session.execute(update(CustodyHead).values(entry_hash=last.entry_hash))
    with database.session() as session:
        assert locker.verify_chain(session) == []
    assert "head-mismatch" in _kinds(database, root)


def test_a_published_anchor_catches_what_the_head_file_cannot(
    database: Database, tmp_path: Path
) -> None:
    root = tmp_path / "ev"
    _fill(database, root)
    with database.session() as session:
        published = (locker.anchor(session, root).seq, locker.head(session)[1])
        disable_append_only(session)
        session.execute(delete(CustodyEntry).where(CustodyEntry.seq == 5))
        session.execute(update(CustodyHead).values(seq=4, entry_hash=published[1]))
    (root / locker.HEAD_FILE).unlink()  # the attacker also controls the files
    (root / locker.HEAD_KEY_FILE).unlink()
    assert "chain-truncated" in _kinds(database, root, published)


def test_a_forged_head_file_is_reported(sqlite_database: Database, tmp_path: Path) -> None:
    root = tmp_path / "ev"
    _fill(sqlite_database, root)
    fields = json.loads((root / locker.HEAD_FILE).read_text())
    assert fields["seq"] == 5  # written on commit, outside the database
    (root / locker.HEAD_FILE).write_text(json.dumps({**fields, "seq": 2}))
    assert "head-file-forged" in _kinds(sqlite_database, root)


def test_anchor_and_verify_from_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOCSIN_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    sample = tmp_path / "exhibit.txt"
    sample.write_text("exhibit")
    assert runner.invoke(app, ["evidence", "deposit", str(sample)]).exit_code == 0
    anchored = runner.invoke(app, ["custody", "anchor"])
    assert anchored.exit_code == 0, anchored.output
    head = anchored.stdout.strip().splitlines()[0]
    assert head.startswith("1 ") and len(head.split()[1]) == 64
    ok = runner.invoke(app, ["custody", "verify", "--head", head])
    assert ok.exit_code == 0, ok.output
    db = Database(f"sqlite:///{tmp_path / 'data' / 'tocsin.sqlite'}")
    with db.session() as session:
        disable_append_only(session)
        session.execute(delete(CustodyEntry))
    db.dispose()
    broken = runner.invoke(app, ["custody", "verify", "--head", head])
    assert broken.exit_code == 1 and "receipt-missing" in broken.output
    assert "chain-truncated" in broken.output
