"""Caches of serialised responses for the hottest read endpoints.

Entries are keyed by the request and a data stamp (the newest forecast run, loaded dataset
and event). :func:`cached_json` reads the stamp on every request, so a new load or
forecast is seen at once; :class:`HotReadCache`, in front of the whole app for anonymous
GETs, re-reads it at most once a second.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from fastapi.responses import Response
from pydantic import TypeAdapter
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tocsin.analysis.forecast.queries import Stamp, data_stamp
from tocsin.config import Settings
from tocsin.store.db import Database

MAX_ENTRIES = 1024
_cache: dict[tuple[Hashable, ...], bytes] = {}


def cached_json(session: Session, key: Hashable, build: Callable[[], Any], kind: Any) -> Response:
    """The JSON of ``build()`` (as ``kind``), from the cache while the data is unchanged."""
    full_key = (str(session.get_bind().engine.url), key, data_stamp(session))
    body = _cache.get(full_key)
    if body is None:
        body = TypeAdapter(kind).dump_json(build())
        if len(_cache) >= MAX_ENTRIES:
            _cache.clear()
        _cache[full_key] = body
    return Response(body, media_type="application/json")


class HotReadCache:
    """ASGI middleware that answers repeated anonymous GETs of the hottest read endpoints
    (rankings, country detail) from memory, without entering the framework.

    The data stamp is read from the database at most once per ``ttl`` seconds per
    process, so after a new forecast or dataset load a cached answer may be served for
    up to ``ttl`` seconds more. Requests with credentials, and every request when
    anonymous reading is off, go through the app (and its authorisation) as usual.
    """

    def __init__(
        self, app: ASGIApp, database: Database, settings: Settings, paths: str, ttl: float = 1.0
    ) -> None:
        self.app, self.database, self.settings = app, database, settings
        self.paths = re.compile(paths)
        self.ttl = ttl
        self._stamp: tuple[float, Stamp] | None = None
        self._entries: dict[tuple[str, bytes, Stamp], _Cached] = {}

    def stamp(self) -> Stamp:
        """The data stamp, re-read when older than ``ttl``."""
        now = time.monotonic()
        if self._stamp is None or now - self._stamp[0] >= self.ttl:
            with self.database.engine.connect() as connection:
                self._stamp = (now, data_stamp(connection))
        return self._stamp[1]

    def _cacheable(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET" or not self.settings.anonymous_read:
            return False
        if not self.paths.fullmatch(scope["path"]):
            return False
        return not any(name in (b"authorization", b"cookie") for name, _ in scope["headers"])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        accept = next((v for k, v in scope["headers"] if k == b"accept"), b"")  # JSON or CSV
        key = (scope["path"], scope["query_string"] + b"|" + accept, self.stamp())
        hit = self._entries.get(key)
        if hit is not None:
            await send({"type": "http.response.start", "status": 200, "headers": hit.headers})
            await send({"type": "http.response.body", "body": hit.body})
            return
        started: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and started.get("status") == 200:
                    headers = list(started.get("headers", []))
                    if not any(name == b"set-cookie" for name, _ in headers):
                        if len(self._entries) >= MAX_ENTRIES:
                            self._entries.clear()
                        self._entries[key] = _Cached(headers, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)


@dataclass(frozen=True)
class _Cached:
    headers: list[tuple[bytes, bytes]]
    body: bytes
