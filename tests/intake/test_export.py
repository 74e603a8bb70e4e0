"""A submission's files exported for an accountability mechanism with the private key:
sealed originals and their decrypted copies, verified on the receiving side; custody
events recorded by hand."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from tests.intake.conftest import GPS, jpeg_with_gps
from tocsin.cli.main import app
from tocsin.config import load_settings
from tocsin.intake import crypto, service, uploads
from tocsin.store import locker
from tocsin.store.db import Database
from tocsin.store.migrate import upgrade


def test_export_with_the_key_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = tmp_path / "data"
    monkeypatch.setenv("TOCSIN_DATA_DIR", str(data_dir))
    monkeypatch.delenv("TOCSIN_DATABASE_URL", raising=False)
    key_path = tmp_path / "offline" / "private.key"
    runner = CliRunner()
    created = runner.invoke(app, ["keys", "init", "--private-out", str(key_path)])
    assert created.exit_code == 0 and "OFF this server" in created.output
    settings = load_settings(data_dir=data_dir)
    db = Database(settings.resolved_database_url)
    upgrade(db)
    photo = jpeg_with_gps()
    with db.session() as s:
        sub, _code = service.submit(
            s,
            locker.default_root(data_dir),
            crypto.load_public_key(data_dir),
            service.Report(what="Convoy fired on the camp", how_known="saw", country="Sudan"),
            [uploads.check_upload(photo, "IMG_7.jpg", "image/jpeg", 1)],
        )
        case = service.case_name(sub)
    db.dispose()
    out = tmp_path / "package"
    exported = runner.invoke(
        app, ["evidence", "export", case, "--out", str(out), "--key", str(key_path)]
    )
    assert exported.exit_code == 0, exported.output
    digest = exported.output.split("package digest: ")[1].split()[0]
    manifest = json.loads((out / "manifest.json").read_text())
    plain = [i for i in manifest["items"] if i.get("derived_from")]
    assert len(plain) == 2 and {i["media_type"] for i in plain} == {"image/jpeg"}
    original = next(i for i in plain if i["details"]["role"] == "original")
    assert (out / original["path"]).read_bytes() == photo
    assert (
        Image.open(io.BytesIO((out / original["path"]).read_bytes())).getexif().get_ifd(0x8825)
        == GPS
    )
    verified = runner.invoke(app, ["evidence", "verify", str(out), "--digest", digest])
    assert verified.exit_code == 0, verified.output
    sealed_original = original["derived_from"][:12]
    record = [
        "custody",
        "record",
        sealed_original,
        "--event",
        "transferred",
        "--case",
        case,
        "--note",
        "package handed to the mechanism",
    ]
    handed = runner.invoke(app, record)
    assert handed.exit_code == 0, handed.output
    assert runner.invoke(app, ["custody", "verify"]).exit_code == 0
    decrypted = runner.invoke(
        app, ["intake", "decrypt", sub.ref, "--key", str(key_path), "--out", str(tmp_path / "open")]
    )
    assert decrypted.exit_code == 0, decrypted.output
    working = next((tmp_path / "open").glob("1-working-IMG_7.jpg")).read_bytes()
    assert not Image.open(io.BytesIO(working)).getexif().get_ifd(0x8825)
