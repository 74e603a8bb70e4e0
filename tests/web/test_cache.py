"""The hot-read cache answers repeated anonymous GETs from memory and sees new data."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from starlette.types import Receive, Scope, Send

from tocsin.config import load_settings
from tocsin.store.db import Database
from tocsin.store.models import Provenance
from tocsin.web.cache import HotReadCache


class CountingApp:
    """A real ASGI app that answers with a fresh body each time and counts its calls."""

    def __init__(self, status: int = 200, cookie: bool = False) -> None:
        self.calls, self.status, self.cookie = 0, status, cookie

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls += 1
        headers = [(b"content-type", b"application/json")]
        if self.cookie:
            headers.append((b"set-cookie", b"s=1"))
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": f'{{"n": {self.calls}}}'.encode()})


def _get(app: HotReadCache, path: str, headers: list[tuple[bytes, bytes]] | None = None) -> bytes:
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": b"",
        "headers": headers or [],
    }
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request"}

    async def send(message: dict) -> None:
        sent.append(message)

    # a thread of its own: the session's headless browser keeps an event loop in this one
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    return sent[1]["body"]


def _cache(database: Database, inner: CountingApp, anonymous_read: bool = True) -> HotReadCache:
    settings = load_settings(anonymous_read=anonymous_read)
    return HotReadCache(inner, database, settings, r"/api/v1/rankings", ttl=0)


def test_repeats_are_served_from_memory_until_the_data_changes(sqlite_database: Database) -> None:
    inner = CountingApp()
    app = _cache(sqlite_database, inner)
    assert _get(app, "/api/v1/rankings") == _get(app, "/api/v1/rankings") == b'{"n": 1}'
    assert inner.calls == 1
    with sqlite_database.session() as s:  # a new dataset load changes the stamp
        s.add(Provenance(dataset="x", version="1", sha256="0" * 64, rows=1))
    assert _get(app, "/api/v1/rankings") == b'{"n": 2}'
    assert _get(app, "/api/v1/other") == b'{"n": 3}'  # not a hot path
    assert _get(app, "/api/v1/other") == b'{"n": 4}'


def test_credentials_errors_cookies_and_closed_reading_bypass_it(
    sqlite_database: Database,
) -> None:
    inner = CountingApp()
    app = _cache(sqlite_database, inner)
    for _ in range(2):
        _get(app, "/api/v1/rankings", [(b"authorization", b"Bearer t")])
        _get(app, "/api/v1/rankings", [(b"cookie", b"tocsin_session=abc")])
    assert inner.calls == 4
    for inner_app in (CountingApp(status=500), CountingApp(cookie=True)):
        app = _cache(sqlite_database, inner_app)
        _get(app, "/api/v1/rankings")
        _get(app, "/api/v1/rankings")
        assert inner_app.calls == 2
    closed = CountingApp()
    app = _cache(sqlite_database, closed, anonymous_read=False)
    _get(app, "/api/v1/rankings")
    _get(app, "/api/v1/rankings")
    assert closed.calls == 2
