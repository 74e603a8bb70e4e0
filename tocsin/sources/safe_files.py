"""One safety check for ZIP-based documents (.docx and the like) shared by every
importer: intake uploads and the Framework workbench run the same check before any
parser sees the file.

Refused: damaged archives; more than :data:`MAX_ENTRIES` parts; parts that declare or
actually inflate to more than :data:`MAX_UNZIPPED_BYTES` in all, or more than
:data:`MAX_RATIO` times the archive; XML parts that are malformed or carry a document
type declaration (entity expansion "billion laughs", external entities). XML is parsed
by lxml with entity resolution, DTD loading and network access off.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

MAX_ENTRIES = 2000
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100
_XML_SUFFIXES = (".xml", ".rels")


class UnsafeFile(ValueError):
    """A file refused by the safety check; the message names it and says why."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def check_xml(data: bytes, label: str) -> None:
    """Refuse malformed XML and any XML with a document type declaration."""
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise UnsafeFile(f"{label}: XML with a document type declaration or entities is refused")
    try:
        etree.fromstring(data, _parser())
    except etree.LxmlError as exc:
        raise UnsafeFile(f"{label}: malformed XML ({exc})") from None


def check_archive(data: bytes, label: str) -> None:
    """Refuse archives whose declared or actual inflated size, part count or compression
    ratio is out of bounds, or whose XML parts are malformed or declare entities."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsafeFile(f"{label}: damaged document archive ({exc})") from None
    if len(entries) > MAX_ENTRIES:
        raise UnsafeFile(f"{label}: too many parts in the document ({len(entries)})")
    declared = sum(entry.file_size for entry in entries)
    limit = min(MAX_UNZIPPED_BYTES, MAX_RATIO * max(len(data), 1 << 16))
    if declared > limit:
        raise UnsafeFile(
            f"{label}: refused as a zip bomb: it would expand to {declared:,} bytes "
            f"(limit {limit:,} for a file of {len(data):,} bytes)"
        )
    inflated = 0
    for entry in entries:
        part = f"{label}, part {entry.filename!r}"
        chunks: list[bytes] = []
        try:
            with archive.open(entry) as member:
                while chunk := member.read(1 << 16):
                    inflated += len(chunk)
                    if inflated > limit:
                        raise UnsafeFile(
                            f"{part}: refused as a zip bomb: it inflates beyond its declared size"
                        )
                    if entry.filename.endswith(_XML_SUFFIXES):
                        chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            if isinstance(exc, UnsafeFile):
                raise
            raise UnsafeFile(f"{label}: damaged document archive ({exc})") from None
        if entry.filename.endswith(_XML_SUFFIXES):
            check_xml(b"".join(chunks), part)
