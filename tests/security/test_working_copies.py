"""Item 4: a working copy carries no EXIF, XMP, GPS, author, comment or people data in
any part. Crafted files carry known markers in every place such metadata hides; the
working copy must contain none of them and still open. Audio and video get no working
copy and are labelled "not stripped"."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from PIL import Image, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, NumberObject, StreamObject

from tests.security.conftest import Keys
from tocsin.intake import metadata, service
from tocsin.intake.uploads import CheckedFile
from tocsin.store.db import Database

MARK = b"MARKER-META"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def jpeg(tag: str = "JPG") -> bytes:
    """A JPEG whose EXIF names the camera, its serial and a GPS position (markers)."""
    exif = Image.Exif()
    exif[0x010F] = f"MARKER-META-{tag}-MAKE"
    exif[0x8825] = {1: "N", 2: (12.0, 30.0, 15.0), 3: "E", 4: (45.0, 10.0, 5.0)}
    exif.get_ifd(0x8769)[0xA431] = f"MARKER-META-{tag}-SERIAL"
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(
        out, "JPEG", exif=exif.tobytes(), comment=b"MARKER-META-COMMENT"
    )
    return out.getvalue()


def png() -> bytes:
    """A PNG with a text chunk, an iTXt XMP packet and eXIf (markers)."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "MARKER-META-PNG-AUTHOR")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>MARKER-META-PNG-XMP</x:xmpmeta>")
    exif = Image.Exif()
    exif[0x010F] = "MARKER-META-PNG-MAKE"
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 90, 0)).save(out, "PNG", pnginfo=info, exif=exif.tobytes())
    return out.getvalue()


def word() -> bytes:
    """A .docx with an author, an embedded EXIF photo, a comment, a people list, a
    custom XML part and a tracked change by a named author (markers)."""
    document = docx.Document()
    document.core_properties.author = "MARKER-META-DOCX-AUTHOR"
    document.add_paragraph("What I saw at the market.")
    document.add_picture(io.BytesIO(jpeg("DOCX")))
    base = io.BytesIO()
    document.save(base)
    source = zipfile.ZipFile(io.BytesIO(base.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "word/document.xml":
                content = content.replace(
                    b"<w:body>",
                    b'<w:body><w:p><w:ins w:id="1" w:author="MARKER-META-TRACKED" '
                    b'w:date="2026-11-01T10:00:00Z"><w:r><w:t>added</w:t></w:r></w:ins></w:p>',
                )
            target.writestr(entry, content)
        ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        target.writestr(
            "word/comments.xml",
            f'<w:comments {ns}><w:comment w:id="0" w:author="MARKER-META-COMMENTER">'
            "<w:p><w:r><w:t>MARKER-META-COMMENT-TEXT</w:t></w:r></w:p></w:comment></w:comments>",
        )
        target.writestr("word/people.xml", f"<w15:people {ns}>MARKER-META-PEOPLE</w15:people>")
        target.writestr("customXml/item9.xml", "<r>MARKER-META-CUSTOM</r>")
    return out.getvalue()


def pdf() -> bytes:
    """A PDF whose Info names an author and whose page shows a JPEG with EXIF (markers)."""
    writer = PdfWriter()
    page = writer.add_blank_page(100, 100)
    photo = jpeg("PDF")
    image = StreamObject()
    image._data = photo  # noqa: SLF001 - the raw DCT stream, EXIF included
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(40),
            NameObject("/Height"): NumberObject(30),
            NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
            NameObject("/BitsPerComponent"): NumberObject(8),
            NameObject("/Filter"): NameObject("/DCTDecode"),
        }
    )
    content = StreamObject()
    content._data = b"q 40 0 0 30 10 10 cm /Im0 Do Q"  # noqa: SLF001
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): writer._add_object(image)})}  # noqa: SLF001
    )
    page[NameObject("/Contents")] = writer._add_object(content)  # noqa: SLF001
    writer.add_metadata({"/Author": "MARKER-META-PDF-AUTHOR"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def mp4(brand: bytes = b"mp42") -> bytes:
    """An MP4/M4A container whose user data names the recording device (marker)."""
    udta = b"MARKER-META-MEDIA-DEVICE"
    box = lambda kind, body: len(body + kind + b"1234").to_bytes(4, "big") + kind + body  # noqa: E731
    return box(b"ftyp", brand + b"\0\0\0\0" + brand + b"isom") + box(b"moov", box(b"udta", udta))


def _everything(data: bytes) -> bytes:
    """The bytes and, for archives, every part inflated."""
    if data.startswith(b"PK"):
        archive = zipfile.ZipFile(io.BytesIO(data))
        return data + b"".join(archive.read(name) for name in archive.namelist())
    return data


@pytest.mark.parametrize(
    ("make", "media_type"),
    [(jpeg, "image/jpeg"), (png, "image/png"), (word, DOCX), (pdf, "application/pdf")],
)
def test_working_copies_carry_no_marker(make, media_type: str) -> None:  # noqa: ANN001
    original = make()
    assert MARK in _everything(original) or MARK in _everything_pdf(original)
    clean = metadata.strip(original, media_type)
    assert clean.data is not None and clean.removed
    assert MARK not in _everything(clean.data) and MARK not in _everything_pdf(clean.data)
    if media_type == DOCX:
        opened = docx.Document(io.BytesIO(clean.data))
        assert "What I saw at the market." in [p.text for p in opened.paragraphs]
        assert len(opened.inline_shapes) == 1
    elif media_type == "application/pdf":
        (image,) = PdfReader(io.BytesIO(clean.data)).pages[0].images
        assert image.image is not None and image.image.size == (40, 30)
    else:
        assert Image.open(io.BytesIO(clean.data)).size in ((40, 30), (20, 20))


def _everything_pdf(data: bytes) -> bytes:
    """A PDF's decoded streams (markers may sit in compressed streams)."""
    if not data.startswith(b"%PDF"):
        return b""
    reader = PdfReader(io.BytesIO(data))
    parts = [str(reader.metadata).encode()]
    for page in reader.pages:
        parts += [image.data for image in page.images]
    return b"".join(parts)


@pytest.mark.parametrize(
    ("brand", "media_type", "kind"),
    [(b"mp42", "video/mp4", "video"), (b"M4A ", "audio/mp4", "audio")],
)
def test_audio_and_video_are_withheld_and_labelled(
    database: Database, keys: Keys, brand: bytes, media_type: str, kind: str
) -> None:
    upload = CheckedFile(mp4(brand), f"clip.{kind}", media_type, kind)
    report = service.Report(what="recorded at the checkpoint", how_known="saw")
    with database.session() as session:
        submission, _code = service.submit(session, keys.root, keys.public, report, [upload])
        (attachment,) = service.attachments(session, submission)
        assert attachment.working_item_id is None
        assert attachment.stripped and attachment.stripped[0].startswith(metadata.NOT_STRIPPED)
        with pytest.raises(service.IntakeError, match="no working copy"):
            service.sealed_attachment(session, keys.root, attachment, "analyst", original=False)
