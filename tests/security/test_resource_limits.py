"""Item 10: bodies are limited per route and counted as they stream (413 without
buffering), authenticated multipart routes check who is asking before reading a byte,
a stalled body is cut off, anonymous speech classification takes only a few short
texts, and report bodies share a memory budget. Against a real uvicorn server on
loopback with raw sockets, so "before reading the body" is observable: the server
answers while the client has sent only the headers."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.browser import serving
from tests.security.webclient import add_users, csrf_of, log_in
from tocsin.config import Settings
from tocsin.store import accounts
from tocsin.store.db import Database
from tocsin.web import limits
from tocsin.web.app import create_app
from tocsin.web.intake.bodies import SMALL_BODY_BYTES, BodyPace, MemoryBudget, ServerBusy
from tocsin.web.speech.api import ANONYMOUS_TEXTS

BIG = 50 * 1024 * 1024


@pytest.fixture
def app_url(settings: Settings, database: Database) -> Iterator[tuple[str, TestClient]]:
    """(base URL of a live server, a test client of the same app)."""
    add_users(database)
    app = create_app(settings, database)
    with serving(app) as url, TestClient(app) as client:
        yield url, client


def _send(url: str, head: str, body: bytes = b"", wait: float = 5.0) -> str:
    """Send ``head`` (and ``body``), never the rest; the status line answered within
    ``wait`` seconds ('' if none)."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        sock.sendall(head.encode() + body)
        try:
            return sock.recv(4096).decode("latin-1").split("\r\n")[0]
        except TimeoutError:
            return ""


def _head(path: str, length: int, ctype: str, cookie: str = "", extra: str = "") -> str:
    cookie_line = f"Cookie: {cookie}\r\n" if cookie else ""
    return (
        f"POST {path} HTTP/1.1\r\nHost: t\r\nContent-Length: {length}\r\n"
        f"Content-Type: {ctype}\r\n{cookie_line}{extra}\r\n"
    )


MULTIPART = "multipart/form-data; boundary=xyz"


def test_authenticated_uploads_check_the_user_before_the_body(
    app_url: tuple[str, TestClient],
) -> None:
    url, client = app_url
    assert _send(url, _head("/framework/documents", BIG, MULTIPART)).endswith("401 Unauthorized")
    assert _send(url, _head("/admin/users", BIG, MULTIPART)).endswith("401 Unauthorized")
    log_in(client, "viewer")
    cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    refused = _send(url, _head("/framework/documents", 10_000, MULTIPART, cookie))
    assert refused.endswith("403 Forbidden")
    assert _send(url, _head("/admin/users", 10_000, MULTIPART, cookie)).endswith("403 Forbidden")
    token = _token(client)
    bearer = f"Authorization: Bearer {token}\r\n"
    forbidden = _send(url, _head("/admin/users", 10_000, MULTIPART, extra=bearer))
    assert forbidden.endswith("403 Forbidden")


def _token(client: TestClient) -> str:
    made = client.post(
        "/api/v1/tokens", json={"name": "t"}, headers={"X-CSRF-Token": csrf_of(client)}
    )
    assert made.status_code == 201, made.text
    return made.json()["token"]


def test_declared_and_streamed_bodies_over_the_limit_get_413(
    app_url: tuple[str, TestClient],
) -> None:
    url, client = app_url
    over = limits.GLOBAL_BODY_BYTES + 1
    assert _send(url, _head("/api/v1/alerts/1/actions", over, "application/json")).endswith(
        "413 Request Entity Too Large"
    )
    assert _send(url, _head("/login", 100_000, "application/x-www-form-urlencoded")).endswith(
        "413 Request Entity Too Large"
    )
    classify = _head("/api/v1/speech/classify", 200_000, "application/json")
    assert _send(url, classify).endswith("413 Request Entity Too Large")  # anonymous: small
    chunked = (
        "POST /api/v1/speech/classify HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
        "Content-Type: application/json\r\n\r\n"
    )
    piece = b"x" * 65536
    frames = (f"{len(piece):x}\r\n".encode() + piece + b"\r\n") * 3  # 192 KiB, no length
    assert _send(url, chunked, frames).endswith("413 Request Entity Too Large")
    assert client.get("/login").status_code == 200  # the server keeps serving


def test_a_stalled_body_is_cut_off(
    app_url: tuple[str, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, _client = app_url
    monkeypatch.setattr(limits, "BODY_IDLE_SECONDS", 0.5)
    head = _head("/api/v1/speech/classify", 1000, "application/json")
    assert _send(url, head, b'{"texts": [', wait=20).endswith("408 Request Timeout")


def test_anonymous_classify_takes_a_few_short_texts(
    app_url: tuple[str, TestClient], database: Database
) -> None:
    _url, client = app_url
    many = {"texts": ["a text"] * (ANONYMOUS_TEXTS + 1)}
    refused = client.post("/api/v1/speech/classify", json=many)
    assert refused.status_code == 422 and "signing in" in refused.text
    long = {"texts": ["word " * 1000]}
    assert client.post("/api/v1/speech/classify", json=long).status_code == 422
    with database.session() as session:
        token = accounts.create_token(session, "analyst", "script", actor="analyst")
    signed = client.post(
        "/api/v1/speech/classify", json=many, headers={"Authorization": f"Bearer {token}"}
    )
    assert signed.status_code != 422, signed.text  # 200, or 409 when no model is trained


def test_report_bodies_share_a_memory_budget() -> None:
    budget = MemoryBudget(total=10 * SMALL_BODY_BYTES)
    budget.take(9 * SMALL_BODY_BYTES, so_far=SMALL_BODY_BYTES * 2)  # a large body
    with pytest.raises(ServerBusy):
        budget.take(2 * SMALL_BODY_BYTES, so_far=SMALL_BODY_BYTES * 2)  # another one
    budget.take(SMALL_BODY_BYTES // 2, so_far=0)  # a small report still gets through
    budget.give_back(9 * SMALL_BODY_BYTES)
    budget.take(2 * SMALL_BODY_BYTES, so_far=SMALL_BODY_BYTES * 2)


def test_large_bodies_are_paced_in_turn() -> None:
    pace = BodyPace(rate=1000, burst=1000)
    assert pace.delay(1000, now=100.0) == 0  # within the burst
    # Chunks of several large bodies book the shared rate one after another: each
    # waits behind those booked before it, whoever sent them.
    delays = [pace.delay(500, now=100.0) for _ in range(4)]
    assert delays == pytest.approx([0.0, 0.5, 1.0, 1.5])
    assert pace.delay(500, now=200.0) == 0  # an idle pace has forgotten the crowd
