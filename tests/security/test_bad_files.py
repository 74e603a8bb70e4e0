"""Item 9: one archive and XML check for every importer. A bomb or hostile XML is
refused the same way by intake and by the workbench; each bad file is its own error and
the batch goes on; a report whose file cannot be stripped is kept, without a working
copy, its attachment labelled "not stripped"."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.intake.conftest import zip_bomb_docx
from tests.security.conftest import Keys
from tocsin.analysis.framework.extract import ExtractError, extract_bytes
from tocsin.analysis.framework.ingest import ingest_items
from tocsin.intake import service
from tocsin.intake.uploads import CheckedFile, UploadRejected, check_upload
from tocsin.sources.safe_files import UnsafeFile, check_archive
from tocsin.store.db import Database

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
)
BROKEN = b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p>unclosed'


def _docx_with(document_xml: bytes) -> bytes:
    """A .docx package whose main part is ``document_xml``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
            "</Types>",
        )
        archive.writestr("word/document.xml", document_xml)
    return out.getvalue()


def _small_bomb() -> bytes:
    """About 60 KB that inflates to 60 MB: under intake's total cap, far over the ratio."""
    return zip_bomb_docx(60 * 1024 * 1024)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_small_bomb, "zip bomb"),
        (lambda: _docx_with(LAUGHS), "document type declaration"),
        (lambda: _docx_with(BROKEN), "malformed XML"),
        (lambda: b"PK\x03\x04 not really a zip", "damaged document archive"),
    ],
)
def test_intake_and_workbench_refuse_the_same_files(make, reason: str) -> None:  # noqa: ANN001
    data = make()
    with pytest.raises(UnsafeFile, match=reason):
        check_archive(data, "x.docx")
    with pytest.raises(ExtractError, match=reason):
        extract_bytes(data, "docx", "upload/x.docx")
    if data.startswith(b"PK\x03\x04 not"):
        return  # not recognised as a document by intake at all
    with pytest.raises(UploadRejected, match=reason):
        check_upload(data, "x.docx", DOCX, 1)


def test_a_bad_file_is_one_error_in_a_workbench_batch(
    sqlite_database: Database, tmp_path: Path
) -> None:
    (tmp_path / "broken.docx").write_bytes(_docx_with(BROKEN))
    (tmp_path / "bomb.docx").write_bytes(_small_bomb())
    (tmp_path / "good.txt").write_text("A perfectly ordinary field report about the market.")
    items = [str(tmp_path / name) for name in ("broken.docx", "bomb.docx", "good.txt")]
    reports = ingest_items(sqlite_database, items, "analyst")
    assert [r.status for r in reports] == ["refused", "refused", "new"]
    assert "malformed XML" in reports[0].message and "zip bomb" in reports[1].message


def test_a_report_is_kept_when_its_file_cannot_be_stripped(database: Database, keys: Keys) -> None:
    """A file that got past the upload check but breaks the stripper (here, XML the
    Word library cannot read) still leaves the report and its sealed original."""
    hostile = CheckedFile(_docx_with(BROKEN), "statement.docx", DOCX, "document")
    report = service.Report(what="they took my brother", how_known="saw")
    with database.session() as session:
        submission, _code = service.submit(session, keys.root, keys.public, report, [hostile])
        ref = submission.ref
    with database.session() as session:
        submission = service.get_submission(session, ref)
        (attachment,) = service.attachments(session, submission)
        assert service.open_report(submission, keys.private)["what"] == "they took my brother"
        assert attachment.working_item_id is None and attachment.original_item_id
        assert attachment.stripped[0].startswith("not stripped")
