"""Item 7: a received evidence package cannot make the verifier read outside it: item
names and the custody log path from the manifest must stay inside the package."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tocsin.store import evidence_package, locker
from tocsin.store.db import Database


@pytest.fixture
def package(sqlite_database: Database, tmp_path: Path) -> Path:
    root = tmp_path / "ev"
    with sqlite_database.session() as session:
        locker.deposit(session, root, b"exhibit A", actor="clerk", source="t", case="C-1")
    with sqlite_database.session() as session:
        evidence_package.export_case(session, root, "C-1", tmp_path / "pkg", actor="r")
    return tmp_path / "pkg"


def _rewrite(package: Path, change) -> None:  # noqa: ANN001
    manifest = json.loads((package / "manifest.json").read_text())
    change(manifest)
    (package / "manifest.json").write_text(json.dumps(manifest))


def test_item_paths_outside_the_package_are_refused(package: Path, tmp_path: Path) -> None:
    secret = tmp_path / "outside.txt"
    secret.write_text("not part of the package")
    sha = locker.sha256_file(secret)
    _rewrite(
        package,
        lambda m: m["items"].extend(
            [
                {"sha256": "../../outside.txt", "path": "../../outside.txt"},
                {"sha256": sha, "path": "../outside.txt"},
            ]
        ),
    )
    problems = evidence_package.verify_package(package)
    assert [p.kind for p in problems if p.kind == "path-outside"] == ["path-outside"] * 2


def test_a_symlink_out_of_the_package_is_refused(package: Path, tmp_path: Path) -> None:
    secret = tmp_path / "outside.txt"
    secret.write_text("not part of the package")
    sha = locker.sha256_file(secret)
    (package / "files" / sha).symlink_to(secret)
    _rewrite(package, lambda m: m["items"].append({"sha256": sha, "path": f"files/{sha}"}))
    assert "path-outside" in {p.kind for p in evidence_package.verify_package(package)}


def test_a_custody_log_outside_the_package_is_refused(package: Path) -> None:
    _rewrite(package, lambda m: m["custody_log"].update(path="../../etc/passwd"))
    assert "path-outside" in {p.kind for p in evidence_package.verify_package(package)}
