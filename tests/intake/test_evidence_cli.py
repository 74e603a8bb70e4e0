"""`tocsin evidence` for a submission's case: the list shows the case, a name without
the `intake-` prefix gets a suggestion, a package carries the report and messages
(sealed, and opened with the key), and every decrypted file is written 0600."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.intake.conftest import jpeg_with_gps
from tocsin.cli.main import app
from tocsin.config import load_settings
from tocsin.intake import crypto, service, uploads
from tocsin.store import locker
from tocsin.store.db import Database
from tocsin.store.migrate import upgrade

WHAT = "Convoy fired on the camp"


@pytest.fixture
def case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Path]:
    """A submission with a photo, a reporter's message and a reply; (ref, key path)."""
    data_dir = tmp_path / "data"
    monkeypatch.setenv("TOCSIN_DATA_DIR", str(data_dir))
    monkeypatch.delenv("TOCSIN_DATABASE_URL", raising=False)
    key_path = tmp_path / "offline" / "private.key"
    assert CliRunner().invoke(app, ["keys", "init", "--private-out", str(key_path)]).exit_code == 0
    settings = load_settings(data_dir=data_dir)
    db = Database(settings.resolved_database_url)
    upgrade(db)
    public = crypto.load_public_key(data_dir)
    root = locker.default_root(data_dir)
    with db.session() as s:
        sub, _code = service.submit(
            s,
            root,
            public,
            service.Report(what=WHAT, how_known="saw", country="Sudan", contact="via Amira"),
            [uploads.check_upload(jpeg_with_gps(), "IMG_7.jpg", "image/jpeg", 1)],
        )
        service.add_information(s, root, public, sub, "They came back at night", [])
        service.reply(s, sub, "Are you safe?", "ana", public_key=public)
        ref = sub.ref
    db.dispose()
    return ref, key_path


def test_list_shows_the_case(case: tuple[str, Path]) -> None:
    ref, _key = case
    listed = CliRunner().invoke(app, ["evidence", "list", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert len(rows) == 2 and {r["case"] for r in rows} == {f"intake-{ref}"}
    table = CliRunner().invoke(app, ["evidence", "list"], env={"COLUMNS": "200"})
    assert f"intake-{ref}" in table.output


def test_export_suggests_the_intake_case(case: tuple[str, Path], tmp_path: Path) -> None:
    ref, _key = case
    result = CliRunner().invoke(app, ["evidence", "export", ref, "--out", str(tmp_path / "p")])
    assert result.exit_code != 0
    assert f"intake-{ref}" in result.output and "did you mean" in result.output


def test_package_carries_report_and_messages_and_decrypted_files_are_private(
    case: tuple[str, Path], tmp_path: Path
) -> None:
    ref, key = case
    runner = CliRunner()
    sealed_out = tmp_path / "sealed"
    exported = runner.invoke(app, ["evidence", "export", f"intake-{ref}", "--out", str(sealed_out)])
    assert exported.exit_code == 0, exported.output
    manifest = json.loads((sealed_out / "manifest.json").read_text())
    records = {i["filename"]: i for i in manifest["items"] if i.get("record")}
    assert set(records) == {"report.sealed", "contact.sealed", "messages.json"}
    raw = b"".join(p.read_bytes() for p in (sealed_out / "files").iterdir())
    assert WHAT.encode() not in raw and b"came back" not in raw and b"Amira" not in raw
    digest = exported.output.split("package digest: ")[1].split()[0]
    assert (
        runner.invoke(app, ["evidence", "verify", str(sealed_out), "--digest", digest]).exit_code
        == 0
    )

    opened_out = tmp_path / "opened"
    exported = runner.invoke(
        app, ["evidence", "export", f"intake-{ref}", "--out", str(opened_out), "--key", str(key)]
    )
    assert exported.exit_code == 0, exported.output
    manifest = json.loads((opened_out / "manifest.json").read_text())
    plain = [i for i in manifest["items"] if not i["sealed"]]
    assert plain and all(
        stat.S_IMODE((opened_out / i["path"]).stat().st_mode) == 0o600 for i in plain
    )
    by_name = {i["filename"]: opened_out / i["path"] for i in plain}
    report = json.loads(by_name["report.json"].read_text())
    assert report["what"] == WHAT and report["contact"] == "via Amira"
    texts = [m["text"] for m in json.loads(by_name["messages-opened.json"].read_text())]
    assert texts == ["They came back at night", "Are you safe?"]

    decrypted = tmp_path / "open"
    assert (
        runner.invoke(
            app,
            ["intake", "decrypt", ref, "--key", str(key), "--out", str(decrypted), "--original"],
        ).exit_code
        == 0
    )
    written = list(decrypted.iterdir())
    assert len(written) >= 5
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in written)
    assert stat.S_IMODE(decrypted.stat().st_mode) == 0o700
