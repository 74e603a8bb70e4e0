"""Text out of files and web pages: plain text, Markdown, HTML, PDF (pypdf), Word .docx
(python-docx) and URLs (fetched with httpx, main text by trafilatura).

Every refusal is an :class:`ExtractError` whose message names the item and the reason
(unsupported type, too large, empty, encrypted, unreadable), so a batch can report it
and carry on.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
from lxml import etree

from tocsin.sources import safe_files, safe_http

MAX_BYTES = 20 * 1024 * 1024  # 20 MiB per file or page
MIN_CHARS = 20  # less than this is not a document
SUFFIX_TYPES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
SUPPORTED = ", ".join(sorted(SUFFIX_TYPES))


class ExtractError(ValueError):
    """An item that cannot be turned into text; the message says which and why."""


@dataclass(frozen=True)
class Extracted:
    """The text of one item and what we know about it."""

    location: str
    title: str
    text: str
    media_type: str
    raw: bytes
    published: date | None = None


def _first_line_title(text: str, fallback: str) -> str:
    for line in text.splitlines():
        clean = re.sub(r"^[#>*\s]+|[*_\s]+$", "", line).strip()
        if len(clean) >= 3:
            return clean[:500]
    return fallback


def _decode(raw: bytes, where: str) -> str:
    if b"\x00" in raw[:4096]:
        raise ExtractError(f"{where}: binary content in a text file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExtractError(f"{where}: not valid UTF-8 or Windows-1252 text")


def _html(raw: bytes, where: str) -> tuple[str, str | None, date | None]:
    import trafilatura

    html = _decode(raw, where)
    text = trafilatura.extract(html, include_comments=False, favor_recall=True) or ""
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta is not None and meta.title else None
    published = None
    if meta is not None and meta.date:
        try:
            published = date.fromisoformat(meta.date[:10])
        except ValueError:
            published = None
    return text, title, published


def _pdf(raw: bytes, where: str) -> tuple[str, str | None]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from tocsin.analysis.framework.excerpts import pdf_page_lines, reflow_pdf_lines

    if not raw.startswith(b"%PDF"):
        raise ExtractError(f"{where}: not a PDF (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise ExtractError(f"{where}: the PDF is encrypted; save an unprotected copy")
        pages = [pdf_page_lines(page) for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except ExtractError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ExtractError(f"{where}: unreadable PDF ({exc})") from None
    return reflow_pdf_lines(pages), title


def _docx(raw: bytes, where: str) -> tuple[str, str | None]:
    import zipfile

    from docx import Document as WordDocument

    if not raw.startswith(b"PK"):
        if raw.startswith(b"\xd0\xcf\x11\xe0"):
            raise ExtractError(
                f"{where}: an encrypted or legacy (.doc) Word file; save it as plain .docx"
            )
        raise ExtractError(f"{where}: not a .docx file (not a ZIP package)")
    try:
        safe_files.check_archive(raw, where)
    except safe_files.UnsafeFile as exc:
        raise ExtractError(str(exc)) from None
    try:
        doc = WordDocument(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError) as exc:
        raise ExtractError(f"{where}: unreadable Word file ({exc})") from None
    paragraphs = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            paragraphs.append(" | ".join(cell.text for cell in row.cells))
    return "\n\n".join(paragraphs), doc.core_properties.title or None


def extract_bytes(raw: bytes, media_type: str, where: str, max_bytes: int = MAX_BYTES) -> Extracted:
    """Text of ``raw`` content of ``media_type`` (text, markdown, html, pdf, docx); content
    over ``max_bytes`` (the setting ``document_max_bytes``) is refused."""
    if len(raw) > max_bytes:
        raise ExtractError(f"{where}: too large ({len(raw):,} bytes; the limit is {max_bytes:,})")
    if not raw.strip():
        raise ExtractError(f"{where}: empty")
    title: str | None = None
    published = None
    try:
        if media_type in ("text", "markdown"):
            text = _decode(raw, where)
        elif media_type == "html":
            text, title, published = _html(raw, where)
        elif media_type == "pdf":
            text, title = _pdf(raw, where)
        elif media_type == "docx":
            text, title = _docx(raw, where)
        else:
            raise ExtractError(f"{where}: unsupported type {media_type!r} (supported: {SUPPORTED})")
    except (etree.LxmlError, RecursionError) as exc:  # one bad file, not the whole batch
        raise ExtractError(f"{where}: unreadable {media_type} ({type(exc).__name__})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) < MIN_CHARS:
        raise ExtractError(f"{where}: no text found (empty, scanned or image-only?)")
    name = Path(where).name or where
    return Extracted(
        location=where,
        title=(title or _first_line_title(text, name)).strip()[:500],
        text=text,
        media_type=media_type,
        raw=raw,
        published=published,
    )


def extract_file(path: Path) -> Extracted:
    """Text of a local file, chosen by its suffix; refuses other types and huge files."""
    media_type = SUFFIX_TYPES.get(path.suffix.lower())
    if media_type is None:
        raise ExtractError(f"{path}: unsupported type {path.suffix or '(none)'!r} ({SUPPORTED})")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ExtractError(f"{path}: too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        raw = path.read_bytes()
    except OSError as exc:
        raise ExtractError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return extract_bytes(raw, media_type, str(path))


def _type_of_response(content_type: str, url: str) -> str:
    ctype = content_type.split(";")[0].strip().lower()
    by_ctype = {
        "text/html": "html",
        "application/xhtml+xml": "html",
        "text/plain": "text",
        "text/markdown": "markdown",
        "application/pdf": "pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    }
    if ctype in by_ctype:
        return by_ctype[ctype]
    suffix = Path(httpx.URL(url).path).suffix.lower()
    return SUFFIX_TYPES.get(suffix, ctype or "unknown")


def fetch_url(url: str, timeout: float = 30.0) -> Extracted:
    """Download ``url`` with the safe fetcher (public addresses only, at most
    :data:`MAX_BYTES`, ``timeout`` seconds in all) and extract its main text."""
    if not url.startswith(("http://", "https://")):
        raise ExtractError(f"{url}: only http and https URLs can be fetched")
    try:
        response = safe_http.fetch(url, max_bytes=MAX_BYTES, timeout=timeout)
    except safe_http.FetchRefused as exc:
        raise ExtractError(str(exc)) from None
    if response.status >= 400:
        raise ExtractError(f"{url}: the server answered HTTP {response.status}")
    media_type = _type_of_response(response.headers.get("content-type", ""), response.url)
    return extract_bytes(response.content, media_type, url)
