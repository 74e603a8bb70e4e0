"""Deliverable "every refusal is a clear message in the reporter's language" and item 10
on the public form: a file over the per-file limit comes back as a message naming the
file and the limit, with everything the reporter typed still in the form (the rest of
the body is read, the big file's bytes dropped); a body declared over the report limit
is refused before it is read, with the limit; a body that crawls is cut off with a
message, not held open. In Chromium (JavaScript off), over plain HTTP and against a
live server with raw sockets."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import expect

from tests.browser import serving
from tests.intake.conftest import jpeg_with_gps
from tocsin.config import Settings, load_settings
from tocsin.intake import crypto
from tocsin.store.db import Database
from tocsin.store.models import Submission
from tocsin.web import limits
from tocsin.web.app import create_app

FILE_LIMIT = 1024 * 1024  # small, so the browser test uploads little
MARKER = "Les miliciens ont brûlé le marché de Tawila"


@pytest.fixture
def small_files(tmp_path: Path) -> Settings:
    """Settings with an intake key and a 1 MiB per-file limit."""
    settings = load_settings(data_dir=tmp_path / "data", intake_max_file_bytes=FILE_LIMIT)
    crypto.init_keys(settings.data_dir, tmp_path / "offline" / "key")
    return settings


@pytest.fixture
def client(small_files: Settings, database: Database) -> Iterator[TestClient]:
    """A test client of the full app (both backends)."""
    with TestClient(create_app(small_files, database)) as test_client:
        yield test_client


def _token(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "no CSRF token on the form"
    return found.group(1)


def _stored(database: Database) -> int:
    with database.session() as session:
        return session.query(Submission).count()


def test_an_oversized_file_comes_back_named_with_the_limit_and_the_text_kept(
    client: TestClient, database: Database
) -> None:
    token = _token(client.get("/report?lang=fr").text)
    fields = {"csrf_token": token, "lang": "fr", "what": MARKER, "how_known": "saw"}
    files = [
        ("files", ("video-marche.mp4", b"\0" * (FILE_LIMIT + 4096), "video/mp4")),
        ("files", ("photo.jpg", jpeg_with_gps(), "image/jpeg")),
    ]
    response = client.post("/report?lang=fr", data=fields, files=files)
    assert response.status_code == 400, response.text
    page = response.text
    assert "Le fichier « video-marche.mp4 » est trop volumineux" in page
    assert "au plus 1 Mo" in page
    assert MARKER in page  # what the reporter wrote is still in the form
    assert re.search(r'value="saw"[^>]*checked|checked[^>]*value="saw"', page)
    assert "Trop de signalements" not in page  # not a "busy" page
    assert _stored(database) == 0  # nothing half-stored; the reporter sends it again
    again = client.post("/report?lang=fr", data=fields, files=files[1:])
    assert again.status_code == 200 and _stored(database) == 1


def test_a_file_just_under_the_limit_is_accepted(client: TestClient, database: Database) -> None:
    token = _token(client.get("/report").text)
    fields = {"csrf_token": token, "what": MARKER, "how_known": "saw"}
    photo = jpeg_with_gps()
    exact = [("files", ("photo.jpg", photo + b"\0" * (FILE_LIMIT - len(photo)), "image/jpeg"))]
    assert client.post("/report", data=fields, files=exact).status_code == 200
    assert _stored(database) == 1


@pytest.fixture
def live(small_files: Settings, sqlite_database: Database) -> Iterator[str]:
    """The app served by uvicorn on loopback."""
    with serving(create_app(small_files, sqlite_database)) as url:
        yield url


def _raw(url: str, head: str, trickle: float = 0.0, wait: float = 30.0) -> tuple[str, str]:
    """Send ``head``; then, if ``trickle``, one body byte every ``trickle`` seconds until
    the server answers. (status line, body of the answer)."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        sock.sendall(head.encode())
        answer = b""
        sock.settimeout(trickle or wait)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                part = sock.recv(65536)
            except TimeoutError:
                sock.sendall(b"x")
                continue
            if not part:
                break
            answer += part
            if b"</html>" in answer:
                break
    text = answer.decode("utf-8", "replace")
    return text.split("\r\n")[0], text.partition("\r\n\r\n")[2]


def _session_cookie(url: str) -> str:
    page = httpx.get(url + "/report")
    return "; ".join(f"{k}={v}" for k, v in page.cookies.items())


def test_a_body_declared_too_large_is_refused_unread_in_the_reporters_language(
    live: str,
) -> None:
    head = (
        "POST /report?lang=es HTTP/1.1\r\nHost: t\r\nContent-Length: 2147483648\r\n"
        "Content-Type: multipart/form-data; boundary=b\r\n\r\n"
    )
    status, body = _raw(live, head)
    assert status.startswith("HTTP/1.1 413"), status
    assert "El envío es demasiado grande" in body and "130 MB" not in body
    assert "como máximo 10 MB en total" in body  # 5 files of 1 MiB + 5 MiB of text


def test_a_crawling_body_is_cut_off_with_a_message(
    live: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "BODY_GRACE_SECONDS", 1.0)
    head = (
        "POST /report?lang=ar HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n"
        f"Cookie: {_session_cookie(live)}\r\n"
        "Content-Type: multipart/form-data; boundary=b\r\n\r\n"
        '--b\r\nContent-Disposition: form-data; name="what"\r\n\r\n'
    )
    started = time.monotonic()
    status, body = _raw(live, head, trickle=0.3)
    assert status.startswith("HTTP/1.1 408"), status
    assert "كان الاتصال بطيئاً جداً" in body
    assert time.monotonic() - started < 10  # not held open for the idle timeout (60 s)


@pytest.mark.browser
def test_in_chromium_an_oversized_file_keeps_the_report(
    live: str,
    browser,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    video = tmp_path / "video-marche.mp4"
    video.write_bytes(b"\0" * (FILE_LIMIT + 4096))
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(f"{live}/report?lang=fr")
    page.fill("textarea[name=what]", MARKER)
    page.check("input[name=how_known][value=saw]")
    page.set_input_files("input[name=files]", str(video))
    page.click("button[type=submit]")
    refusal = "Le fichier « video-marche.mp4 » est trop volumineux"
    expect(page.locator("body")).to_contain_text(refusal)
    assert page.input_value("textarea[name=what]") == MARKER
    page.click("button[type=submit]")  # sent again without the file: received
    assert len(page.locator("#receipt").text_content().split()) == 8
