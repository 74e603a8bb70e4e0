"""Item 8: feeds and URL ingestion cannot be pointed at the server's own network.
Addresses are checked after DNS resolution and again on every redirect; bodies are
capped in bytes and the fetch in time. Against real local servers."""

from __future__ import annotations

import http.server
import ipaddress
import threading
import time
from collections.abc import Iterator

import pytest

from tocsin.analysis.framework.extract import ExtractError, fetch_url
from tocsin.analysis.framework.feeds import add_feed, poll_feed
from tocsin.sources import safe_http
from tocsin.store.db import Database
from tocsin.store.models import Document

SECRET = b"internal digest: MARKER-SSRF-5150 " * 10


class _Handler(http.server.BaseHTTPRequestHandler):
    redirect_to = ""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", self.redirect_to)
            self.end_headers()
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"x" * 65536)
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"drip " * 10)
                self.wfile.flush()
                time.sleep(0.1)
        else:
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(SECRET)))
            self.end_headers()
            self.wfile.write(SECRET)

    def log_message(self, *_args: object) -> None:
        return


@pytest.fixture
def local_server() -> Iterator[str]:
    """A server on loopback holding an 'internal' page."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.5",
        "192.168.1.1",
        "169.254.169.254",
        "100.100.100.200",
        "100.64.0.1",
        "224.0.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
    ],
)
def test_internal_addresses_are_refused(address: str) -> None:
    assert safe_http.refusal(ipaddress.ip_address(address)) is not None
    assert safe_http.refusal(ipaddress.ip_address("93.184.216.34")) is None


def test_loopback_is_refused_after_name_resolution(local_server: str) -> None:
    port = local_server.rsplit(":", 1)[1]
    for url in (local_server + "/digest", f"http://localhost:{port}/digest"):
        with pytest.raises(ExtractError, match="loopback"):
            fetch_url(url)


def test_a_redirect_to_an_internal_address_is_refused(local_server: str) -> None:
    """Loopback is allowed for the first hop only to stand in for a public site; the
    redirect target, a cloud metadata address, is checked again and refused."""
    _Handler.redirect_to = "http://169.254.169.254/latest/meta-data/"
    with safe_http.allowing_loopback(), pytest.raises(safe_http.FetchRefused, match="metadata"):
        safe_http.fetch(local_server + "/redirect", max_bytes=1 << 20)
    _Handler.redirect_to = "http://10.0.0.7/admin"
    with safe_http.allowing_loopback(), pytest.raises(safe_http.FetchRefused, match="private"):
        safe_http.fetch(local_server + "/redirect", max_bytes=1 << 20)


def test_bodies_are_capped_and_fetches_timed(local_server: str) -> None:
    with safe_http.allowing_loopback():
        with pytest.raises(safe_http.FetchRefused, match="byte limit"):
            safe_http.fetch(local_server + "/huge", max_bytes=1 << 20)
        started = time.monotonic()
        with pytest.raises(safe_http.FetchRefused, match="time limit"):
            safe_http.fetch(local_server + "/slow", max_bytes=1 << 20, timeout=1.0)
        assert time.monotonic() - started < 3
        ok = safe_http.fetch(local_server + "/page", max_bytes=1 << 20)
    assert ok.status == 200 and ok.content == SECRET


def test_a_feed_pointing_inside_publishes_nothing(database: Database, local_server: str) -> None:
    with database.session() as session:
        feed_id = add_feed(session, local_server + "/digest", "analyst").id
    report = poll_feed(database, feed_id, "system:feeds")
    assert report.status == "failed" and "loopback" in report.message
    with database.session() as session:
        assert session.query(Document).count() == 0
