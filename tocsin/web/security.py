"""Security headers on every response, and the per-request nonce inline scripts need.

- ``Content-Security-Policy``: scripts only from this server or inline with the
  request's nonce (``<script nonce="{{ request.state.csp_nonce }}">``), no plug-ins, no
  framing by other sites (``frame-ancestors 'none'``), forms post only here. Styles may be
  inline (``style`` attributes). ``'wasm-unsafe-eval'`` lets analysts' browsers run
  libsodium's WebAssembly to open sealed reports.
- ``Referrer-Policy: no-referrer``: a link followed from a page does not tell the next
  site which page (or report) it came from.
- ``Cache-Control: no-store`` on everything but ``/static/``: analyst pages and the
  report form stay out of browser and proxy caches (a shared computer keeps nothing).
- ``X-Content-Type-Options: nosniff`` and ``X-Frame-Options: DENY`` for older browsers.

A route that sets one of these headers itself keeps its own value. The API docs
(``/docs``, ``/redoc``) run Swagger UI and ReDoc from the installed fastapi-offline
package with inline scripts, so their policy allows inline code but keeps images, fonts
and fetches on this server: ReDoc's "by Redocly" badge, an image on the vendor's site,
is never requested (the page hides it) and nothing leaves the machine.
"""

from __future__ import annotations

import secrets

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
DOCS_CSP = (
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"
)
DOCS_PATHS = ("/docs", "/redoc")
CACHEABLE_PREFIX = "/static/"


def _headers_for(path: str, nonce: str) -> dict[bytes, bytes]:
    docs = path.startswith(DOCS_PATHS)
    headers = {
        b"content-security-policy": (DOCS_CSP if docs else CSP.format(nonce=nonce)).encode(),
        b"referrer-policy": b"no-referrer",
        b"x-content-type-options": b"nosniff",
        b"x-frame-options": b"DENY",
    }
    if not path.startswith(CACHEABLE_PREFIX):
        headers[b"cache-control"] = b"no-store"
    return headers


class SecurityHeaders:
    """ASGI middleware adding the headers above; it never reads or holds the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Give the request a nonce; add the headers to the response's start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["csp_nonce"] = nonce
        extra = _headers_for(scope.get("path", ""), nonce)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (name, value) for name, value in extra.items() if name not in present
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)
