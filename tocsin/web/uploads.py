"""Files uploaded in one request (documents, posts, event files): the count capped, each
file read within its byte limit, and one result per file, so a refused file never hides
what happened to the others."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from starlette.datastructures import FormData, UploadFile

MAX_NAME = 200


@dataclass(frozen=True)
class Received:
    """One uploaded file: its base name and bytes, or why it was refused unread."""

    name: str
    data: bytes = b""
    refusal: str | None = None


def chosen(form: FormData, field: str = "files") -> list[UploadFile]:
    """The files chosen in a form's ``field`` (a browser sends an empty, nameless part
    when none is chosen)."""
    return [f for f in form.getlist(field) if isinstance(f, UploadFile) and f.filename]


async def receive(
    files: Sequence[UploadFile], max_files: int, max_bytes: int, default_name: str = "upload"
) -> list[Received]:
    """Each file's base name (at most :data:`MAX_NAME` characters, never a path) and
    bytes. A file over ``max_bytes`` is refused (only one byte past the limit is read),
    and so is each file past the first ``max_files``, each with the reason."""
    received = []
    for position, upload in enumerate(files):
        name = PurePath(upload.filename or "").name[:MAX_NAME] or default_name
        if position >= max_files:
            refusal = f"more than {max_files} files in one upload"
            received.append(Received(name, refusal=refusal))
            continue
        data = await upload.read(max_bytes + 1)
        if len(data) > max_bytes:
            refusal = f"too large (the limit is {max_bytes:,} bytes a file)"
            received.append(Received(name, refusal=refusal))
            continue
        received.append(Received(name, data))
    return received
