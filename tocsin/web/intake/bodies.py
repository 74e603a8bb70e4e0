"""Reading a report body without letting a hostile one hurt anyone else.

* A body is parsed as it streams, in memory only, never over the report limit.
* A file part past the per-file limit is not an error for the whole report: its bytes
  are dropped as they arrive and the file is listed in :attr:`ReadForm.oversized`, so
  the form can come back with the reporter's text and a message naming the file.
* Report bodies held in memory share a :class:`MemoryBudget`.
* Bytes past the first :data:`SMALL_BODY_BYTES` of any report body are paced by one
  shared :class:`BodyPace`: large bodies together get at most :data:`LARGE_BODY_RATE`
  bytes a second, served in turn, chunk by chunk. A crowd of clients streaming
  oversized bodies therefore costs the server a bounded share of its event loop (the
  rest waits in their own sockets), each large upload gets an equal share, and a
  normal report, smaller than that, is never paced at all. Nothing about a client is
  recorded: turns are per connection.
"""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser

MIB = 1024 * 1024
SMALL_BODY_BYTES = MIB  # never refused for lack of memory, never paced
LARGE_BODY_RATE = 16 * MIB  # bytes a second, all large report bodies together
LARGE_BODY_BURST = 4 * MIB


class BodyTooLarge(Exception):
    """The request body is over the report limit."""


class FormUnreadable(Exception):
    """The body is not a form we accept."""


class ServerBusy(Exception):
    """Too many report bodies are held in memory right now."""


class MemoryBudget:
    """Bytes of report bodies held in memory by all requests together, at most
    ``total``. A body that would pass it is refused once it is over
    :data:`SMALL_BODY_BYTES` (small reports always get through), so a crowd of large
    uploads cannot exhaust the server's memory."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.used = 0
        self._lock = threading.Lock()

    def take(self, size: int, so_far: int) -> None:
        """Reserve ``size`` more bytes for a body that has ``so_far``, or raise ServerBusy."""
        with self._lock:
            if self.used + size > self.total and so_far + size > SMALL_BODY_BYTES:
                raise ServerBusy
            self.used += size

    def give_back(self, size: int) -> None:
        """Release bytes reserved by :meth:`take`."""
        with self._lock:
            self.used -= size


class BodyPace:
    """A shared byte rate for large bodies, handed out first come, first served (a
    virtual clock: each chunk books the next ``size / rate`` seconds and waits until its
    booking starts, less a burst allowance)."""

    def __init__(self, rate: float = LARGE_BODY_RATE, burst: float = LARGE_BODY_BURST) -> None:
        self.rate = rate
        self.tolerance = burst / rate
        self._booked_until = 0.0

    def delay(self, size: int, now: float | None = None) -> float:
        """Book ``size`` bytes; the seconds to wait before reading on."""
        now = time.monotonic() if now is None else now
        start = max(self._booked_until, now)
        self._booked_until = start + size / self.rate
        return max(0.0, start - now - self.tolerance)

    async def wait(self, size: int) -> None:
        """Book ``size`` bytes and wait for their turn."""
        delay = self.delay(size)
        if delay > 0:
            await asyncio.sleep(delay)


@dataclass
class ReadForm:
    """A parsed report form and the files dropped for passing the per-file limit."""

    form: FormData
    oversized: list[UploadFile] = field(default_factory=list)


class _FileCappedParser(MultiPartParser):
    """Starlette's multipart parser, dropping a file part's bytes once it passes the
    per-file limit (the part stays in the form, empty, and is listed as oversized)."""

    def __init__(self, *args: Any, max_file_bytes: int, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        self.max_file_bytes = max_file_bytes
        self.oversized: list[UploadFile] = []
        self._file_bytes = 0

    def on_part_begin(self) -> None:
        """A new part: its byte count starts again."""
        self._file_bytes = 0
        super().on_part_begin()

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        """Count a file part's bytes; past the limit, drop them."""
        upload = self._current_part.file
        if upload is None:
            super().on_part_data(data, start, end)
            return
        if upload in self.oversized:
            return
        self._file_bytes += end - start
        if self._file_bytes <= self.max_file_bytes:
            super().on_part_data(data, start, end)
            return
        self.oversized.append(upload)
        part = self._current_part
        self._file_parts_to_write = [(p, d) for p, d in self._file_parts_to_write if p is not part]
        upload.file.seek(0)  # in memory (never spooled to disk), so this does not block
        upload.file.truncate()


def app_state(request: Request, name: str, make: Any) -> Any:  # noqa: ANN401
    """A per-app object (budget, pace, worker slots), created on first use."""
    if not hasattr(request.app.state, name):
        setattr(request.app.state, name, make())
    return getattr(request.app.state, name)


def declared_too_large(request: Request, limit: int) -> bool:
    """True if the body's declared length is over ``limit`` (or not a number)."""
    length = request.headers.get("content-length")
    return length is not None and (not length.isdigit() or int(length) > limit)


async def read_limited_form(request: Request, limit: int, max_file_bytes: int) -> ReadForm:
    """Parse a form without ever holding more than ``limit`` bytes or spooling to disk:
    refuse by Content-Length first, then count the streamed bytes (against this body's
    limit and the memory budget of all report bodies), pacing large bodies."""
    if declared_too_large(request, limit):
        raise BodyTooLarge
    received = 0
    budget: MemoryBudget = app_state(request, "intake_budget", lambda: MemoryBudget(2 * limit))
    pace: BodyPace = app_state(request, "intake_pace", BodyPace)

    async def counted():  # noqa: ANN202
        nonlocal received
        async for chunk in request.stream():
            budget.take(len(chunk), received)
            received += len(chunk)
            if received > limit:
                raise BodyTooLarge
            if received > SMALL_BODY_BYTES:
                await pace.wait(len(chunk))
            yield chunk

    ctype = request.headers.get("content-type", "")
    try:
        if ctype.startswith("multipart/form-data"):
            settings = request.app.state.settings
            parser = _FileCappedParser(
                request.headers,
                counted(),
                max_file_bytes=max_file_bytes,
                max_files=settings.intake_max_files + 1,
                max_fields=40,
                max_part_size=64 * 1024,
            )
            parser.spool_max_size = limit + 1  # uploads stay in memory, never on disk
            form = await parser.parse()
            return ReadForm(form, parser.oversized)
        if ctype.startswith("application/x-www-form-urlencoded"):
            parsed = FormParser(request.headers, counted(), max_fields=40, max_part_size=64 * 1024)
            return ReadForm(await parsed.parse())
    except MultiPartException as exc:
        raise FormUnreadable(str(exc)) from None
    finally:
        budget.give_back(received)
    raise FormUnreadable("not a form")
