"""The workbench commands as an analyst meets them (Typer runner, SQLite in tmp_path)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.framework.conftest import encrypted_pdf
from tocsin.cli.main import app


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    for key in ("TOCSIN_DATABASE_URL", "TOCSIN_MIRROR", "TOCSIN_CONFIG"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("TOCSIN_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()

    def invoke(*args: str) -> tuple[int, str]:
        result = runner.invoke(app, list(args))
        return result.exit_code, " ".join(result.output.split())  # undo terminal wrapping

    return invoke


def test_ingest_tag_assess_search_from_the_command_line(
    run,
    formats_dir: Path,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    (formats_dir / "locked.pdf").write_bytes(encrypted_pdf())
    code, out = run("docs", "ingest", str(formats_dir))
    assert code == 0, out
    assert "5 new, 0 duplicates linked, 1 refused" in out and "encrypted" in out
    code, out = run("docs", "ingest", str(formats_dir / "note.txt"))
    assert "0 new, 1 duplicates linked" in out
    code, out = run("search", "Rohingya")
    assert code == 0 and "1 excerpts" in out
    code, out = run("tag", "1", "RF1.1", "--confidence", "high", "--note", "clashes")
    assert code == 0 and "RF1.1 accepted" in out
    code, out = run("tag", "1", "RF42.1")
    assert code == 1 and "unknown indicator 'RF42.1'" in out
    code, out = run("assess", "set", "Myanmar", "RF11", "high", "--evidence", "1", "--publish")
    assert code == 0 and "MMR RF11 v1: high (published)" in out
    code, out = run("assess", "set", "Narnia", "RF11", "high")
    assert code == 1 and "unknown country" in out
    code, out = run("assess", "show", "MMR")
    assert "highest published level: high" in out
    code, out = run("suggest", "--retrain", "--uncertain", "2")
    assert code == 0 and "retrained on 1 tagged excerpts" in out


def test_taxonomy_export_and_import(run, tmp_path: Path) -> None:  # noqa: ANN001
    target = tmp_path / "taxonomy.json"
    code, out = run("framework", "export", "-f", "json", "-o", str(target))
    assert code == 0, out
    data = json.loads(target.read_text(encoding="utf-8"))
    data["version"] = "2.0-ngo"
    data["factors"][0]["indicators"][0]["label"] = "War"
    target.write_text(json.dumps(data), encoding="utf-8")
    code, out = run("framework", "import", str(target))
    assert code == 0 and "taxonomy tocsin-framework 2.0-ngo is active" in out
    code, out = run("framework", "show", "RF1")
    assert "RF1.1 War:" in out
    csv_file = tmp_path / "t.csv"
    run("framework", "export", "-f", "csv", "-o", str(csv_file))
    assert "2.0-ngo" in csv_file.read_text(encoding="utf-8").splitlines()[0]
    target.write_text("{not json", encoding="utf-8")
    code, out = run("framework", "import", str(target))
    assert code == 1 and "not valid JSON" in out
