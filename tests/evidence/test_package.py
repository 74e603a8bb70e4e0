"""Evidence packages: export a case, verify it on the receiving side, detect tampering
in transit; the `tocsin custody verify` and `tocsin evidence` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from tests.security.tamper import disable_append_only
from tocsin.cli.main import app
from tocsin.store import evidence_package, locker
from tocsin.store.db import Database
from tocsin.store.models.evidence import CustodyEntry


def _case(db: Database, root: Path) -> None:
    with db.session() as s:
        for i in range(3):
            locker.deposit(
                s,
                root,
                f"witness statement {i}".encode(),
                actor="analyst",
                source="test",
                filename=f"s{i}.txt",
                case="ICC-2026-7",
            )
        locker.deposit(s, root, b"other case", actor="analyst", source="test", case="OTHER")


def test_export_and_verify_round_trip(database: Database, tmp_path: Path) -> None:
    root = tmp_path / "evidence"
    _case(database, root)
    out = tmp_path / "package"
    with database.session() as s:
        result = evidence_package.export_case(s, root, "ICC-2026-7", out, actor="analyst")
    assert result.files == 3
    assert evidence_package.verify_package(out, result.digest) == []
    manifest = json.loads((out / "manifest.json").read_text())
    assert {i["filename"] for i in manifest["items"]} == {"s0.txt", "s1.txt", "s2.txt"}
    entries = [json.loads(x) for x in (out / "custody.jsonl").read_text().splitlines()]
    assert [e["event"] for e in entries] == ["received"] * 3 + ["exported"] * 3
    with database.session() as s:
        assert locker.verify(s, root) == []
        exported = [e for e in locker.custody_entries(s) if e.event == "exported"]
        assert len(exported) == 3 and all(e.case == "ICC-2026-7" for e in exported)
    with database.session() as s, pytest.raises(locker.LockerError, match="not empty"):
        evidence_package.export_case(s, root, "ICC-2026-7", out, actor="analyst")


def test_tampering_in_transit_is_located(sqlite_database: Database, tmp_path: Path) -> None:
    root = tmp_path / "evidence"
    _case(sqlite_database, root)
    out = tmp_path / "package"
    with sqlite_database.session() as s:
        result = evidence_package.export_case(s, root, "ICC-2026-7", out, actor="analyst")
    target = next((out / "files").iterdir())
    data = bytearray(target.read_bytes())
    data[0] ^= 0xFF
    target.write_bytes(bytes(data))
    lines = (out / "custody.jsonl").read_text().splitlines()
    entry = json.loads(lines[1])
    entry["actor"] = "someone else"
    lines[1] = json.dumps(entry)
    (out / "custody.jsonl").write_text("\n".join(lines) + "\n")
    problems = evidence_package.verify_package(out, result.digest)
    kinds = {p.kind: p for p in problems}
    assert target.name in kinds["file-changed"].where
    assert "line 2" in kinds["entry-edited"].where
    assert "custody-changed" in kinds
    forged = evidence_package.verify_package(out, "0" * 64)
    assert "package-digest" in {p.kind for p in forged}


def test_cli_custody_verify_and_evidence_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOCSIN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TOCSIN_DATABASE_URL", raising=False)
    runner = CliRunner()
    statement = tmp_path / "statement.txt"
    statement.write_text("I saw the convoy.")
    assert (
        runner.invoke(app, ["evidence", "deposit", str(statement), "--case", "C-1"]).exit_code == 0
    )
    ok = runner.invoke(app, ["custody", "verify"])
    assert ok.exit_code == 0 and "intact" in ok.output
    exported = runner.invoke(app, ["evidence", "export", "C-1", "--out", str(tmp_path / "pkg")])
    assert exported.exit_code == 0, exported.output
    digest = exported.output.split("package digest: ")[1].split()[0]
    verified = runner.invoke(app, ["evidence", "verify", str(tmp_path / "pkg"), "--digest", digest])
    assert verified.exit_code == 0 and "digest matches" in verified.output
    db = Database(f"sqlite:///{tmp_path / 'data' / 'tocsin.sqlite'}")
    with db.session() as s:
        disable_append_only(s)
        s.execute(update(CustodyEntry).where(CustodyEntry.seq == 1).values(note="changed"))
    db.dispose()
    broken = runner.invoke(app, ["custody", "verify"])
    assert (
        broken.exit_code == 1 and "entry-edited" in broken.output and "position 1" in broken.output
    )
    unknown = runner.invoke(app, ["evidence", "export", "NOPE", "--out", str(tmp_path / "x")])
    assert unknown.exit_code == 1 and "has no evidence items" in unknown.output
