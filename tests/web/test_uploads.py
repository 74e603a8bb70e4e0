"""The one upload helper: names without paths, the byte and count caps, one result per file."""

from __future__ import annotations

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor

from starlette.datastructures import FormData, UploadFile

from tocsin.web.uploads import chosen, receive


def _file(name: str, data: bytes) -> UploadFile:
    return UploadFile(io.BytesIO(data), filename=name)


def test_each_file_is_read_within_its_limit_and_answered_on_its_own() -> None:
    files = [
        _file("../../etc/report.txt", b"fine"),
        _file("big.pdf", b"x" * 11),
        _file("", b"nameless"),
        _file("late.txt", b"never read"),
    ]
    # a thread of its own: the session's headless browser keeps an event loop in this one
    coroutine = receive(files, max_files=3, max_bytes=10, default_name="upload")
    with ThreadPoolExecutor(1) as pool:
        got = pool.submit(asyncio.run, coroutine).result()
    assert [(r.name, r.data) for r in got] == [
        ("report.txt", b"fine"),
        ("big.pdf", b""),
        ("upload", b"nameless"),
        ("late.txt", b""),
    ]
    assert got[0].refusal is None and got[2].refusal is None
    assert got[1].refusal == "too large (the limit is 10 bytes a file)"
    assert got[3].refusal == "more than 3 files in one upload"


def test_a_browsers_empty_file_field_is_not_a_chosen_file() -> None:
    picked = _file("notes.txt", b"a")
    form = FormData([("files", _file("", b"")), ("files", picked), ("files", "text")])
    assert chosen(form) == [picked]
