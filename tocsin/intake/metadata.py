"""Working copies without identifying metadata.

Photos are re-encoded from their pixels alone (dropping EXIF, GPS, maker notes with
device serials, XMP, IPTC, comments); PDFs are rewritten without their document
information and XMP; Word documents lose their core properties (author, last modified
by, ...) and custom properties. Audio and video are not rewritten here (that needs a
media toolkit): they get no working copy, and analysts open the sealed original.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass
from datetime import datetime

from lxml import etree
from PIL import ExifTags, Image, ImageOps

MAX_PIXELS = 60_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # larger images are refused as decompression bombs


class MetadataError(ValueError):
    """A file could not be parsed to strip its metadata (damaged or hostile)."""


@dataclass(frozen=True)
class Stripped:
    """A working copy (``None`` when the kind is not supported) and the names of the
    metadata fields that were present and removed (names only, never values)."""

    data: bytes | None
    removed: list[str]


def _exif_names(image: Image.Image) -> list[str]:
    exif = image.getexif()
    names = [ExifTags.TAGS.get(tag, str(tag)) for tag in exif]
    for ifd in (ExifTags.IFD.Exif, ExifTags.IFD.GPSInfo, ExifTags.IFD.Interop):
        try:
            sub = exif.get_ifd(ifd)
        except KeyError:
            continue
        if sub and ifd == ExifTags.IFD.GPSInfo:
            names.extend(str(ExifTags.GPSTAGS.get(t, f"GPS{t}")) for t in sub)
        elif sub:
            names.extend(ExifTags.TAGS.get(t, str(t)) for t in sub)
    harmless = {"dpi", "transparency", "duration", "loop", "background", "exif"}
    names.extend(k for k in image.info if k not in harmless and not k.startswith("jfif"))
    return sorted(set(names))


def strip_image(data: bytes) -> Stripped:
    """Re-encode an image from its pixels (orientation applied), without metadata."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        with image:
            image.load()
            removed = _exif_names(image)
            fmt = image.format or "PNG"
            clean = ImageOps.exif_transpose(image)
            pixels = Image.frombytes(clean.mode, clean.size, clean.tobytes())
            if clean.mode == "P" and clean.getpalette():
                pixels.putpalette(clean.getpalette())
            out = io.BytesIO()
            if fmt == "JPEG":
                pixels.convert("RGB").save(out, "JPEG", quality=90)
            elif fmt in {"PNG", "GIF", "WEBP"}:
                pixels.save(out, fmt)
            else:
                pixels.save(out, "PNG")
    except (
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise MetadataError(f"cannot read the image: {exc}") from None
    return Stripped(out.getvalue(), removed)


def strip_pdf(data: bytes) -> Stripped:
    """Rewrite a PDF's pages without document information or XMP metadata."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) > 2000:
            raise MetadataError("the PDF has more than 2000 pages")
        info = reader.metadata or {}
        removed = sorted(str(key).lstrip("/") for key in info)
        if reader.xmp_metadata is not None:
            removed.append("XMP")
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        writer._info = None  # noqa: SLF001 - drop /Info entirely
        if "/Metadata" in writer._root_object:  # noqa: SLF001
            del writer._root_object["/Metadata"]  # noqa: SLF001
        out = io.BytesIO()
        writer.write(out)
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise MetadataError(f"cannot read the PDF: {exc}") from None
    return Stripped(out.getvalue(), removed)


_EPOCH = datetime(2000, 1, 1)
_DOCX_DROPPED = {"docProps/custom.xml", "docProps/app.xml", "docProps/thumbnail.jpeg"}
_DOCX_PROPS = (
    "author",
    "last_modified_by",
    "comments",
    "keywords",
    "subject",
    "title",
    "category",
    "content_status",
    "identifier",
    "version",
)


def strip_docx(data: bytes) -> Stripped:
    """Clear a Word document's core properties and drop its custom properties."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        props = document.core_properties
        removed = [name for name in _DOCX_PROPS if getattr(props, name)]
        for name in _DOCX_PROPS:
            setattr(props, name, "")
        props.revision = 1
        props.created = props.modified = props.last_printed = _EPOCH
        out = io.BytesIO()
        document.save(out)
    except (ValueError, KeyError, OSError, zipfile.BadZipFile, etree.LxmlError) as exc:
        raise MetadataError(f"cannot read the Word document: {exc}") from None
    return Stripped(_drop_parts(out.getvalue(), _DOCX_DROPPED), removed)


def _drop_parts(data: bytes, names: set[str]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            if entry.filename in names:
                continue
            content = source.read(entry)
            if entry.filename == "[Content_Types].xml" or entry.filename.endswith(".rels"):
                for name in names:
                    content = _drop_reference(content, name)
            target.writestr(entry, content)
    return out.getvalue()


def _drop_reference(xml: bytes, part: str) -> bytes:
    import re

    pattern = rb"<(Override|Relationship)[^>]*" + re.escape(part.encode()) + rb'"[^>]*/>'
    return re.sub(pattern, b"", xml)


def strip(data: bytes, media_type: str) -> Stripped:
    """A working copy of ``data`` without identifying metadata, by detected type."""
    if media_type.startswith("image/"):
        return strip_image(data)
    if media_type == "application/pdf":
        return strip_pdf(data)
    if media_type.endswith("wordprocessingml.document"):
        return strip_docx(data)
    return Stripped(None, [])
