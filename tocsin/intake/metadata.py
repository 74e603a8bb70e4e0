"""Working copies without identifying metadata.

Photos are re-encoded from their pixels alone (dropping EXIF, GPS, maker notes with
device serials, XMP, IPTC, comments); PDFs are rewritten without their document
information and XMP, every image re-encoded from its pixels; Word documents lose their
core, app and custom properties, comments, the people list and custom XML parts, the
authors and dates of tracked changes, and every embedded image is re-encoded. Audio and
video are not rewritten here (that needs a media toolkit): their working copy is
withheld and the attachment is labelled "not stripped" (:data:`NOT_STRIPPED`); analysts
open the sealed original knowing it carries its metadata.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from datetime import datetime

from lxml import etree
from PIL import ExifTags, Image, ImageOps

NOT_STRIPPED = "not stripped"
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
    names.extend(str(k) for k in image.info if k not in harmless and not str(k).startswith("jfif"))
    return sorted(set(names))


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image holding only the pixels (and palette) of ``image``: no info, no EXIF."""
    pixels = Image.frombytes(image.mode, image.size, image.tobytes())
    palette = image.getpalette()
    if image.mode == "P" and palette:
        pixels.putpalette(palette)
    return pixels


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
            pixels = _pixels_only(ImageOps.exif_transpose(image))
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
        removed = sorted(str(key).lstrip("/") for key in reader.metadata or ())
        if reader.xmp_metadata is not None:
            removed.append("XMP")
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        images = 0
        for page in writer.pages:
            for image in page.images:
                if image.image is None or image.indirect_reference is None:
                    raise MetadataError("an embedded image cannot be re-encoded")
                image.replace(_pixels_only(image.image), quality=90)
                images += 1
        if images:
            removed.append(f"metadata of {images} embedded image(s)")
        writer._info = None  # noqa: SLF001 - drop /Info entirely
        if "/Metadata" in writer._root_object:  # noqa: SLF001
            del writer._root_object["/Metadata"]  # noqa: SLF001
        out = io.BytesIO()
        writer.write(out)
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise MetadataError(f"cannot read the PDF: {exc}") from None
    return Stripped(out.getvalue(), removed)


_EPOCH = datetime(2000, 1, 1)
_DOCX_DROPPED = (
    "docProps/custom.xml",
    "docProps/app.xml",
    "docProps/thumbnail",
    "word/comments",
    "word/people.xml",
    "customXml/",
)
_TRACKED_BY = re.compile(rb'\s(w:author|w:initials|w:date|w15:userId|w15:providerId)="[^"]*"')
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
    return Stripped(_clean_parts(out.getvalue(), removed), removed)


def _clean_parts(data: bytes, removed: list[str]) -> bytes:
    """Drop identifying parts (and their references), blank tracked-change authors and
    dates, and re-encode embedded images; names what went into ``removed``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    dropped = [e.filename for e in source.infolist() if e.filename.startswith(_DOCX_DROPPED)]
    removed.extend(dropped)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            if entry.filename in dropped:
                continue
            content = source.read(entry)
            if entry.filename == "[Content_Types].xml" or entry.filename.endswith(".rels"):
                for name in dropped:
                    content = _drop_reference(content, name)
            elif entry.filename.endswith(".xml"):
                content, count = _TRACKED_BY.subn(b"", content)
                if count:
                    removed.append(f"{entry.filename}: {count} author/date attribute(s)")
            elif entry.filename.startswith("word/media/"):
                content = _reencode_embedded(content, entry.filename, removed)
            target.writestr(entry, content)
    return out.getvalue()


def _reencode_embedded(content: bytes, name: str, removed: list[str]) -> bytes:
    """An embedded picture re-encoded without metadata (refused if it cannot be read)."""
    try:
        clean = strip_image(content)
    except MetadataError as exc:
        raise MetadataError(f"embedded picture {name}: {exc}") from None
    removed.extend(f"{name}: {field}" for field in clean.removed)
    return clean.data or b""


def _drop_reference(xml: bytes, part: str) -> bytes:
    """Remove the Override/Relationship naming ``part`` (by full or relative path)."""
    relative = part.split("/", 1)[1] if part.startswith("word/") else part
    names = {part, relative}
    for name in names:
        pattern = rb"<(Override|Relationship)[^>]*" + re.escape(name.encode()) + rb'"[^>]*/>'
        xml = re.sub(pattern, b"", xml)
    return xml


def strip(data: bytes, media_type: str) -> Stripped:
    """A working copy of ``data`` without identifying metadata, by detected type."""
    if media_type.startswith("image/"):
        return strip_image(data)
    if media_type == "application/pdf":
        return strip_pdf(data)
    if media_type.endswith("wordprocessingml.document"):
        return strip_docx(data)
    return Stripped(None, [f"{NOT_STRIPPED}: {media_type} is kept only as the sealed original"])
