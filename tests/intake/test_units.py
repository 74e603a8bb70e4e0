"""Receipt codes, message catalogues, metadata stripping of PDF and Word files, and the
content-based upload checks."""

from __future__ import annotations

import io
import math
import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from tocsin.intake import crypto, i18n, metadata, uploads

TEMPLATES = Path(__file__).resolve().parents[2] / "tocsin" / "web" / "templates" / "intake"
ROUTES = Path(__file__).resolve().parents[2] / "tocsin" / "web" / "intake" / "public.py"


def test_receipt_codes_have_enough_entropy_and_tolerate_typing() -> None:
    codes = {crypto.new_receipt_code() for _ in range(200)}
    assert len(codes) == 200
    assert crypto.RECEIPT_WORDS * math.log2(len(crypto.wordlist())) >= 88
    code = next(iter(codes))
    keys = crypto.derive_receipt(code)
    sloppy = "  " + "-".join(w[:4].upper() for w in code.split()) + " "
    assert crypto.derive_receipt(sloppy).lookup == keys.lookup
    assert crypto.derive_receipt(crypto.new_receipt_code()).lookup != keys.lookup
    with pytest.raises(crypto.ReceiptError, match="8 words"):
        crypto.normalise_receipt("only three words")
    with pytest.raises(crypto.ReceiptError, match="not a word"):
        crypto.normalise_receipt(" ".join(["zzzzq"] * 8))


def test_replies_sealed_to_the_receipt_key_open_only_with_it() -> None:
    keys = crypto.derive_receipt(crypto.new_receipt_code())
    from nacl.public import PublicKey

    sealed = crypto.seal(PublicKey(bytes.fromhex(keys.public_hex)), b"meet at noon")
    assert crypto.unseal(keys.private_key, sealed) == b"meet at noon"
    other = crypto.derive_receipt(crypto.new_receipt_code())
    with pytest.raises(crypto.IntakeKeyError):
        crypto.unseal(other.private_key, sealed)


def test_private_key_must_live_outside_the_data_dir(tmp_path: Path) -> None:
    with pytest.raises(crypto.IntakeKeyError, match="inside the server's data dir"):
        crypto.init_keys(tmp_path, tmp_path / "keys" / "private.key")
    public, private = crypto.init_keys(tmp_path / "data", tmp_path / "offline" / "k")
    assert oct(private.stat().st_mode)[-3:] == "600"
    with pytest.raises(crypto.IntakeKeyError, match="already exists"):
        crypto.init_keys(tmp_path / "data", tmp_path / "offline" / "k2")
    assert crypto.load_public_key(tmp_path / "data") == crypto.load_private_key(private).public_key


def _template_messages() -> set[str]:
    found = set()
    for path in [*TEMPLATES.glob("*.html"), ROUTES]:
        found |= set(re.findall(r'_\("([^"]+)"\)', path.read_text()))
    return found


@pytest.mark.parametrize("lang", [code for code in i18n.LANGUAGES if code != "en"])
def test_every_public_message_is_translated(lang: str) -> None:
    from babel.messages.pofile import read_po

    po = Path(i18n.__file__).parent / "locale" / lang / "LC_MESSAGES" / "intake.po"
    with open(po, "rb") as fh:
        catalog = read_po(fh)
    translated = {m.id for m in catalog if m.id and m.string}
    routes_messages = set(re.findall(r'"([^"]+)"', ROUTES.read_text())) & {m.id for m in catalog}
    missing = (_template_messages() | routes_messages) - translated
    assert not missing, missing
    _ = i18n.gettext_for(lang)
    assert _("What happened?") != "What happened?"


def test_pdf_author_and_xmp_removed() -> None:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": "Jane Reporter", "/Creator": "Phone Scanner 3"})
    out = io.BytesIO()
    writer.write(out)
    result = metadata.strip(out.getvalue(), "application/pdf")
    assert {"Author", "Creator"} <= set(result.removed)
    assert b"Jane Reporter" not in result.data
    assert len(PdfReader(io.BytesIO(result.data)).pages) == 1


def test_docx_author_removed() -> None:
    document = docx.Document()
    document.add_paragraph("Statement of what happened.")
    document.core_properties.author = "Jane Reporter"
    document.core_properties.last_modified_by = "JANE-LAPTOP"
    out = io.BytesIO()
    document.save(out)
    checked = uploads.check_upload(out.getvalue(), "statement.docx", "", 1)
    assert checked.kind == "document"
    result = metadata.strip(checked.data, checked.media_type)
    assert {"author", "last_modified_by"} <= set(result.removed)
    assert b"Jane Reporter" not in result.data and b"JANE-LAPTOP" not in result.data
    assert (
        docx.Document(io.BytesIO(result.data)).paragraphs[0].text == "Statement of what happened."
    )


def test_uploads_are_judged_by_content() -> None:
    png = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (4, 4)).save(png, "PNG")
    named_oddly = uploads.check_upload(
        png.getvalue(), "no-extension", "application/octet-stream", 1
    )
    assert named_oddly.media_type == "image/png"
    with pytest.raises(uploads.UploadRejected, match="name says"):
        uploads.check_upload(png.getvalue(), "song.mp3", "", 1)
    with pytest.raises(uploads.UploadRejected, match="empty"):
        uploads.check_upload(b"", "a.jpg", "", 2)
    with pytest.raises(uploads.UploadRejected, match="larger than"):
        uploads.check_upload(png.getvalue() + b"\0" * uploads.MAX_FILE_BYTES, "a.png", "", 3)
    exe = b"MZ" + b"\0" * 200
    with pytest.raises(uploads.UploadRejected, match="not accepted|not a recognised"):
        uploads.check_upload(exe, "a.jpg", "image/jpeg", 4)


def test_a_pixel_bomb_is_refused_as_unparseable() -> None:
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (8000, 8000)).save(out, "PNG")  # 64 Mpx, over the 60 Mpx limit
    with pytest.raises(metadata.MetadataError):
        metadata.strip(out.getvalue(), "image/png")
    with pytest.raises(uploads.UploadRejected, match="decompression bomb"):
        uploads.check_upload(out.getvalue(), "big.png", "image/png", 1)
