"""Checks on uploaded files, made on their content, never on their names.

A file is accepted only if ``filetype`` recognises its content as one of the allowed
kinds, the name's extension and the browser's declared type (when given) agree with
that content, it is not larger than :data:`MAX_FILE_BYTES`, and containers (.docx) pass
the archive and XML check every importer shares (:mod:`tocsin.sources.safe_files`:
zip bombs, entity expansion, malformed XML).
"""

from __future__ import annotations

import io
import mimetypes
import zipfile
from dataclasses import dataclass

import filetype

from tocsin.sources import safe_files

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_FILES = 5

ALLOWED: dict[str, str] = {
    "image/jpeg": "image",
    "image/png": "image",
    "image/gif": "image",
    "image/webp": "image",
    "video/mp4": "video",
    "video/webm": "video",
    "video/quicktime": "video",
    "video/3gpp": "video",
    "audio/mpeg": "audio",
    "audio/ogg": "audio",
    "audio/x-wav": "audio",
    "audio/wav": "audio",
    "audio/mp4": "audio",
    "audio/amr": "audio",
    "application/pdf": "document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "document",
}
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_GENERIC_DECLARED = {"", "application/octet-stream", "binary/octet-stream"}
_EXTRA_EXTENSIONS = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".m4a": "audio/mp4",
    ".wav": "audio/x-wav",
    ".mov": "video/quicktime",
    ".3gp": "video/3gpp",
    ".amr": "audio/amr",
    ".ogg": "audio/ogg",
    ".opus": "audio/ogg",
    ".docx": _DOCX,
}


class UploadRejected(ValueError):
    """An uploaded file was refused; the message says which file and why."""


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks: its detected type and kind."""

    data: bytes
    filename: str
    media_type: str
    kind: str


def _family(media_type: str) -> str:
    return media_type.split("/", 1)[0]


def _extension_type(filename: str) -> str | None:
    dot = filename.rfind(".")
    if dot < 0:
        return None
    ext = filename[dot:].lower()
    return _EXTRA_EXTENSIONS.get(ext) or mimetypes.types_map.get(ext)


def _check_zip(data: bytes, label: str) -> None:
    """The shared archive and XML safety check (:mod:`tocsin.sources.safe_files`)."""
    try:
        safe_files.check_archive(data, label)
    except safe_files.UnsafeFile as exc:
        raise UploadRejected(str(exc)) from None


def check_upload(
    data: bytes,
    filename: str,
    declared_type: str,
    position: int,
    max_bytes: int = MAX_FILE_BYTES,
) -> CheckedFile:
    """Check one uploaded file; return it with its detected type, or raise
    :class:`UploadRejected` naming the file (by position, and name) and the reason.
    ``max_bytes`` is the setting ``intake_max_file_bytes``."""
    label = f"attachment {position} ({filename or 'unnamed'})"
    if not data:
        raise UploadRejected(f"{label}: the file is empty")
    if len(data) > max_bytes:
        raise UploadRejected(f"{label}: larger than {max_bytes // (1024 * 1024)} MB")
    guess = filetype.guess(data)
    if guess is None:
        raise UploadRejected(
            f"{label}: the content is not a recognised photo, video, audio or document file"
        )
    detected = guess.mime
    if detected == "application/zip" and _looks_like_docx(data):
        detected = _DOCX
    if detected not in ALLOWED:
        raise UploadRejected(f"{label}: files of type {detected} are not accepted")
    declared = (declared_type or "").split(";")[0].strip().lower()
    if declared not in _GENERIC_DECLARED and _family(declared) != _family(detected):
        raise UploadRejected(f"{label}: it claims to be {declared} but its content is {detected}")
    by_name = _extension_type(filename)
    if by_name is not None and _family(by_name) != _family(detected):
        raise UploadRejected(f"{label}: its name says {by_name} but its content is {detected}")
    if detected == _DOCX:
        _check_zip(data, label)
    if ALLOWED[detected] == "image":
        _check_image(data, label)
    return CheckedFile(data=data, filename=filename, media_type=detected, kind=ALLOWED[detected])


def _check_image(data: bytes, label: str) -> None:
    """Refuse decompression (pixel) bombs and images Pillow cannot even open; only the
    header is read."""
    import warnings

    from PIL import Image

    from tocsin.intake.metadata import MAX_PIXELS

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRejected(
            f"{label}: refused as a decompression bomb (too many pixels)"
        ) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise UploadRejected(f"{label}: damaged image ({exc})") from None
    if width * height > MAX_PIXELS:
        raise UploadRejected(f"{label}: refused as a decompression bomb (too many pixels)")


def _looks_like_docx(data: bytes) -> bool:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "word/document.xml" in names
