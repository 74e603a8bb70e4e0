"""Against a real uvicorn server started the way `tocsin up` starts it (uvicorn.run with
its default logging), in a subprocess whose log output is captured:

- after a submission, a follow-up and hostile uploads the log names no client address
  (for no route: see tests/security/test_public_traces.py);
- a 2 GB body is refused by its Content-Length, and a 2 GB chunked body (no length) is
  refused after the limit without being stored; the server keeps serving.
"""

from __future__ import annotations

import re
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.intake.conftest import jpeg_with_gps, zip_bomb_docx
from tocsin.config import load_settings
from tocsin.intake import crypto
from tocsin.intake.uploads import MAX_FILE_BYTES

SERVE = """
import sys, uvicorn
from tocsin.config import load_settings
from tocsin.store.db import Database
from tocsin.store.migrate import upgrade
from tocsin.web.app import create_app
settings = load_settings(data_dir=sys.argv[1])
db = Database(settings.resolved_database_url)
upgrade(db)
uvicorn.run(create_app(settings, db), host="127.0.0.1", port=int(sys.argv[2]), log_level="info")
"""
TWO_GB = 2 * 1024**3


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """(base URL, log file, data dir) of a uvicorn subprocess."""
    base = tmp_path_factory.mktemp("live")
    data_dir = base / "data"
    crypto.init_keys(load_settings(data_dir=data_dir).data_dir, base / "offline" / "key")
    log = base / "server.log"
    port = _free_port()
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", SERVE, str(data_dir), str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180  # starting is slow on a loaded machine
    while True:
        try:
            httpx.get(url + "/report", timeout=1)
            break
        except httpx.TransportError:
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
    yield url, log, data_dir
    proc.terminate()
    proc.wait(timeout=10)


def _form_token(client: httpx.Client, url: str) -> str:
    page = client.get(url + "/report")
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def test_the_log_has_no_client_address_for_intake(live: tuple[str, Path, Path]) -> None:
    url, log, data_dir = live
    with httpx.Client(timeout=60) as client:  # a first report stretches its own receipt
        token = _form_token(client, url)
        form = {
            "csrf_token": token,
            "what": "Shelling of the camp",
            "how_known": "heard",
            "country": "Sudan",
            "contact": "call me",
        }
        sent = client.post(
            url + "/report?lang=fr",
            data=form,
            files=[("files", ("a.jpg", jpeg_with_gps(), "image/jpeg"))],
        )
        assert sent.status_code == 200, sent.text
        code = re.search(r'id="receipt"[^>]*>([^<]+)<', sent.text).group(1)
        follow = client.post(url + "/report/follow-up", data={"csrf_token": token, "code": code})
        assert follow.status_code == 200
        bomb = client.post(
            url + "/report",
            data=form,
            files=[("files", ("b.docx", zip_bomb_docx(), "application/octet-stream"))],
        )
        assert bomb.status_code == 400
        client.get(url + "/login")  # not an intake route: no client logged either
    time.sleep(0.5)
    lines = log.read_text().splitlines()
    intake_lines = [line for line in lines if "/report" in line]
    assert len(intake_lines) >= 5, lines
    assert not [line for line in intake_lines if "127.0.0.1" in line], intake_lines
    login_lines = [line for line in lines if "/login" in line]
    assert login_lines and not [line for line in login_lines if "127.0.0.1" in line], lines
    stored = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
    assert b"127.0.0.1" not in stored and b"python-httpx" not in stored


def _raw_post(url: str, headers: str, body_chunks: Iterator[bytes]) -> tuple[str, int]:
    """Send a request on a raw socket until the server answers; (response, bytes sent)."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=30)
    sock.sendall(headers.encode())
    sent = 0
    try:
        for chunk in body_chunks:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            sock.sendall(chunk)
            sent += len(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass
    sock.settimeout(30)
    response = b""
    try:
        while part := sock.recv(65536):
            response += part
            if b"\r\n\r\n" in response and len(response) > 200:
                break
    except (ConnectionResetError, TimeoutError):
        pass
    sock.close()
    return response.decode("latin-1"), sent


def test_a_2gb_body_is_refused_and_the_server_keeps_serving(live: tuple[str, Path, Path]) -> None:
    url, _log, data_dir = live
    boundary = "x" * 16
    declared = (
        f"POST /report HTTP/1.1\r\nHost: test\r\nContent-Length: {TWO_GB}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n\r\n"
    )
    response, _sent = _raw_post(url, declared, iter([b"-" * 1024]))
    assert response.startswith("HTTP/1.1 413"), response[:200]

    def chunked_body() -> Iterator[bytes]:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
            'filename="v.mp4"\r\nContent-Type: video/mp4\r\n\r\n'
        ).encode()
        yield f"{len(head):x}\r\n".encode() + head + b"\r\n"
        piece = b"\0" * (1 << 20)
        frame = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
        for _ in range(TWO_GB >> 20):
            yield frame

    with httpx.Client() as browser:  # a session: without one the body is not even read
        browser.get(url + "/report")
        cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
    streamed = (
        "POST /report HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n"
        f"Cookie: {cookie}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n\r\n"
    )
    response, sent = _raw_post(url, streamed, chunked_body())
    assert response.startswith("HTTP/1.1 413"), response[:200]
    assert MAX_FILE_BYTES < sent < TWO_GB // 4  # cut off at the per-file limit
    assert httpx.get(url + "/report").status_code == 200
    stored = sum(p.stat().st_size for p in data_dir.rglob("*") if p.is_file())
    assert stored < 20 * 1024 * 1024
