"""Request-body limits, and authentication before a body is read.

:class:`RequestLimits` is ASGI middleware (inside the session middleware, so it sees the
cookie's session). For every request with a body it:

1. finds the route's rule (:func:`rules`): the most bytes it takes, and for the
   authenticated multipart routes the role it needs;
2. for those routes, checks who is asking (bearer token or session cookie, with the
   session version) and answers 401/403 before a single body byte is read;
3. answers 413 at once when the declared ``Content-Length`` is over the limit, and
   otherwise counts bytes as they stream in, answering 413 as soon as the count passes
   the limit: nothing is buffered here;
4. answers 408 when a body stalls (no byte for :data:`BODY_IDLE_SECONDS`) or crawls:
   after :data:`BODY_GRACE_SECONDS` it must have averaged :data:`MIN_BODY_RATE` bytes a
   second, so a client trickling a byte at a time cannot hold a connection for long.

The public report routes enforce their own limit in :mod:`tocsin.web.intake.public`
(its refusals, for a declared length as for a stalled body, speak the reporter's
language); here they only get a backstop on the streamed count. Anonymous callers of
``POST /api/v1/speech/classify`` get a small limit; signed-in ones the full one.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

from fastapi.concurrency import run_in_threadpool
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tocsin.config import Settings
from tocsin.store import accounts
from tocsin.store.db import Database
from tocsin.store.models.accounts import User
from tocsin.web.errors import (
    BodyRefused,
    Forbidden,
    NotAuthenticated,
    RequestTimeout,
    TooLarge,
)

KIB, MIB = 1024, 1024 * 1024
GLOBAL_BODY_BYTES = 2 * MIB
ANONYMOUS_CLASSIFY_BYTES = 64 * KIB
BODY_IDLE_SECONDS = 60.0
BODY_GRACE_SECONDS = 20.0
MIN_BODY_RATE = 1024  # bytes a second on average after the grace (8 kbit/s)
_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass(frozen=True)
class Rule:
    """The body limit of the routes matching ``path`` and, if set, the role they need
    (checked before the body is read)."""

    path: re.Pattern[str]
    max_bytes: int
    role: str | None = None
    anonymous_max_bytes: int | None = None
    refuses_own_length: bool = False  # the route answers a declared length itself


def intake_body_bytes(settings: Settings) -> int:
    """The largest report body: every file at its largest, plus the text fields."""
    return settings.intake_max_files * settings.intake_max_file_bytes + 5 * MIB


def rules(settings: Settings) -> list[Rule]:
    """Per-route limits from the settings; the first matching rule applies."""
    documents = settings.document_max_uploads * settings.document_max_bytes + MIB
    return [
        Rule(
            re.compile(r"/report(/follow-up)?"),
            intake_body_bytes(settings) + MIB,
            refuses_own_length=True,
        ),
        Rule(re.compile(r"/login"), 16 * KIB),
        Rule(re.compile(r"/logout"), 16 * KIB),
        Rule(re.compile(r"/admin/users"), 64 * KIB, role="admin"),
        Rule(re.compile(r"/framework/documents"), documents, role="analyst"),
        Rule(re.compile(r"/api/v1/documents"), settings.document_max_bytes + MIB),
        Rule(
            re.compile(r"/api/v1/speech/classify"),
            32 * MIB,
            anonymous_max_bytes=ANONYMOUS_CLASSIFY_BYTES,
        ),
    ]


class BodyTooLarge(BodyRefused):
    """The body is over the route's limit."""

    def __init__(self, limit: int) -> None:
        message = f"the request body is over this route's limit of {limit:,} bytes"
        super().__init__(TooLarge, message)


class BodyStalled(BodyRefused):
    """The body stopped, or arrives slower than :data:`MIN_BODY_RATE`."""

    def __init__(self) -> None:
        message = f"the request body stalled or arrived slower than {MIN_BODY_RATE} bytes a second"
        super().__init__(RequestTimeout, message)


def _bearer(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
    return None


def _credentials(scope: Scope) -> bool:
    """True if the request carries a bearer token or a signed-in session."""
    return _bearer(scope) is not None or "uid" in (scope.get("session") or {})


class RequestLimits:
    """ASGI middleware enforcing :func:`rules` (see the module docstring)."""

    def __init__(self, app: ASGIApp, settings: Settings, database: Database) -> None:
        self.app = app
        self.db = database
        self.rules = rules(settings)

    def _user(self, scope: Scope) -> User | None:
        """Who sends the request (bearer token first, else the session), or None."""
        token = _bearer(scope)
        session_data = scope.get("session") or {}
        with self.db.session() as session:
            if token is not None:
                user = accounts.user_for_token(session, token)
            else:
                uid, version = session_data.get("uid"), session_data.get("sv")
                if not isinstance(uid, int) or not isinstance(version, int):
                    return None
                user = accounts.session_user(session, uid, version)
            if user is not None:
                session.expunge(user)
            return user

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the rule, then pass the request on with a counting ``receive``."""
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        rule = next((r for r in self.rules if r.path.fullmatch(path)), None)
        limit = rule.max_bytes if rule else GLOBAL_BODY_BYTES
        if rule is not None and (rule.role or rule.anonymous_max_bytes is not None):
            # No credentials at all: nobody to look up (no worker thread, no database).
            user = await run_in_threadpool(self._user, scope) if _credentials(scope) else None
            refusal = None
            if rule.role and user is None:
                refusal = BodyRefused(NotAuthenticated, "log in first")
            elif rule.role and user and not accounts.role_at_least(user.role, rule.role):
                message = f"this needs the {rule.role} role; you are {user.role}"
                refusal = BodyRefused(Forbidden, message)
            if refusal is not None:
                await self._refuse(refusal, scope, receive, send)
                return
            if user is None and rule.anonymous_max_bytes is not None:
                limit = rule.anonymous_max_bytes
        declared = dict(scope.get("headers", [])).get(b"content-length")
        too_long = declared is not None and (not declared.isdigit() or int(declared) > limit)
        if too_long and not (rule and rule.refuses_own_length):
            await self._refuse(BodyTooLarge(limit), scope, receive, send)
            return
        received = 0
        started = complete = False
        loop = asyncio.get_running_loop()
        begun = loop.time()

        async def counted() -> Message:
            nonlocal received, complete
            if complete:  # the body is in: later calls wait for a disconnect, untimed
                return await receive()
            due = begun + BODY_GRACE_SECONDS + received / MIN_BODY_RATE
            wait = min(BODY_IDLE_SECONDS, due - loop.time())
            try:
                if wait <= 0:
                    raise TimeoutError
                async with asyncio.timeout(wait):  # no task per chunk
                    message = await receive()
            except TimeoutError:
                raise BodyStalled from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                complete = not message.get("more_body", False)
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except (BodyTooLarge, BodyStalled) as exc:
            if started:
                raise
            await self._refuse(exc, scope, receive, send)

    @staticmethod
    async def _refuse(exc: BodyRefused, scope: Scope, receive: Receive, send: Send) -> None:
        headers = {"Connection": "close"}
        await JSONResponse({"detail": exc.detail}, exc.status_code, headers)(scope, receive, send)
