"""Item 3: what a reporter writes is sealed at rest. A seized database, backup or data
dir shows none of it; the organisation's private key opens it offline or in the
analyst's browser (libsodium sealed boxes); copying a passage to the workbench is an
explicit, audited act (both backends)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from nacl.public import SealedBox
from sqlalchemy import select
from typer.testing import CliRunner

from tests.intake.conftest import jpeg_with_gps
from tests.security.conftest import Keys, files_under, seized_bytes
from tocsin.cli.main import app
from tocsin.intake import service, workbench
from tocsin.intake.uploads import CheckedFile
from tocsin.store.db import Database
from tocsin.store.models.accounts import AuditEntry
from tocsin.store.models.framework import Document

MARKERS = {
    "what": "MARKER-WHAT-5521 soldiers burned the market",
    "place": "MARKER-PLACE-8812 near the river",
    "when_text": "MARKER-WHEN-3307 last night",
    "affected": "MARKER-AFFECTED-1290",
    "responsible": "MARKER-RESPONSIBLE-4471",
    "contact": "MARKER-CONTACT-6604 +1-555-0100",
    "country": "MARKER-COUNTRY-9981",
}
MORE = "MARKER-MORE-2203 they came back"
REPLY = "MARKER-REPLY-7719 please stay safe"


def _submit(db: Database, keys: Keys) -> tuple[str, str]:
    photo = CheckedFile(jpeg_with_gps(), "MARKER-FILENAME-4242.jpg", "image/jpeg", "image")
    report = service.Report(how_known="saw", latitude=12.5, longitude=30.25, **MARKERS)
    with db.session() as session:
        submission, code = service.submit(session, keys.root, keys.public, report, [photo])
        ref = submission.ref
    with db.session() as session:
        submission = service.get_submission(session, ref)
        service.add_information(session, keys.root, keys.public, submission, MORE, [])
        service.reply(session, submission, REPLY, "analyst", public_key=keys.public)
    return ref, code


def test_a_seized_database_and_data_dir_show_nothing_the_reporter_wrote(
    database: Database, keys: Keys
) -> None:
    _submit(database, keys)
    seized = seized_bytes(database) + files_under(keys.data_dir)
    for marker in [*MARKERS.values(), MORE, REPLY, "MARKER-FILENAME"]:
        assert marker.split()[0].encode() not in seized, marker
    assert b"12.5" not in seized_bytes(database)  # the pin is sealed too


def test_the_private_key_opens_everything_offline(database: Database, keys: Keys) -> None:
    ref, code = _submit(database, keys)
    with database.session() as session:
        submission = service.get_submission(session, ref)
        report = service.open_report(submission, keys.private)
        thread = [
            service.open_message(m, keys.private) for m in service.messages(session, submission)
        ]
        reporter_view = service.reporter_thread(
            session, submission, service.crypto.derive_receipt(code)
        )
        assert submission.country_text == ""  # unresolved: only sealed
    assert report["what"] == MARKERS["what"] and report["country"] == MARKERS["country"]
    assert report["latitude"] == 12.5 and report["when"] == MARKERS["when_text"]
    assert thread == [MORE, REPLY]  # colleagues read the analyst's reply too
    assert [item.text for item in reporter_view] == [MORE, REPLY]


def test_browser_bundle_is_libsodium_sealed_boxes(database: Database, keys: Keys) -> None:
    ref, _code = _submit(database, keys)
    with database.session() as session:
        bundle = service.sealed_bundle(session, service.get_submission(session, ref))
    box = SealedBox(keys.private)  # crypto_box_seal_open, as libsodium.js does
    report = json.loads(box.decrypt(base64.b64decode(bundle["report"])))
    assert report["responsible"] == MARKERS["responsible"]
    texts = [box.decrypt(base64.b64decode(m["sealed"])).decode() for m in bundle["messages"]]
    assert texts == [MORE, REPLY]
    name = box.decrypt(base64.b64decode(bundle["attachments"][0]["filename"]))
    assert name == b"MARKER-FILENAME-4242.jpg"
    assert MARKERS["what"] not in json.dumps(bundle)


def test_intake_decrypt_cli_writes_the_report(
    database: Database, keys: Keys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref, _code = _submit(database, keys)
    monkeypatch.setenv("TOCSIN_DATA_DIR", str(keys.data_dir))
    monkeypatch.setenv("TOCSIN_DATABASE_URL", database.url)
    out = tmp_path / "opened"
    result = CliRunner().invoke(
        app, ["intake", "decrypt", ref, "--key", str(keys.private_path), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    assert report["what"] == MARKERS["what"] and report["place"] == MARKERS["place"]
    assert [m["text"] for m in json.loads((out / "messages.json").read_text())] == [MORE, REPLY]
    assert MARKERS["contact"] in (out / "contact.txt").read_text()


def test_copying_a_passage_to_the_workbench_is_explicit_and_audited(
    database: Database, keys: Keys
) -> None:
    ref, _code = _submit(database, keys)
    passage = "Witness says the market at the crossing was burned on Tuesday."
    with database.session() as session:
        submission = service.get_submission(session, ref)
        document_id = service.copy_to_workbench(session, submission, passage, "analyst")
    with database.session() as session:
        document = session.get(Document, document_id)
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "intake.copy_to_workbench")
        ).one()
        links = service.links(session, service.get_submission(session, ref))
        assert document is not None and passage in document.text
        assert entry.actor == "analyst" and entry.after["length"] == len(passage)
        assert passage not in json.dumps(entry.after)
        assert [(link.kind, link.ref) for link in links] == [("document", str(document_id))]
        with pytest.raises(service.IntakeError, match="no Framework document"):
            service.add_link(session, submission, "document", "99999", "", "analyst")


def test_the_workbench_is_reached_through_its_extension_point(
    sqlite_database: Database, keys: Keys
) -> None:
    class Recorder:
        kinds = ("document",)
        passages: list[str] = []

        def title(self, session, kind, ref):  # noqa: ANN001, ANN201
            raise workbench.WorkbenchError(f"recorder has no {kind} {ref}")

        def add_passage(self, session, text, title, actor):  # noqa: ANN001, ANN201
            self.passages.append(text)
            return 7

    ref, _code = _submit(sqlite_database, keys)
    previous = workbench.register(Recorder())
    try:
        with sqlite_database.session() as session:
            submission = service.get_submission(session, ref)
            assert service.copy_to_workbench(session, submission, "a passage", "analyst") == 7
            with pytest.raises(service.IntakeError, match="recorder has no document 3"):
                service.add_link(session, submission, "document", "3", "", "analyst")
    finally:
        workbench.register(previous)
    assert Recorder.passages == ["a passage"]
