"""Item 1: no request of the public flow (the form, its stylesheet, the favicon, a
language switch, the receipt and follow-up pages) leaves a client address or User-Agent
in any log line, database row or file.

A real uvicorn server is started in a subprocess by each entry point (the function
`tocsin up` serves with, and `uvicorn tocsin.web.asgi:app`) with its output captured;
the whole flow is driven by Chromium and by plain HTTP with a marker User-Agent; then
the captured output, the data directory and the database (SQLite file or every
PostgreSQL row) are searched for the address and the marker. The access log must still
show the requests, so the search would find an address that was written.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect

from tests.security.conftest import files_under, seized_bytes
from tocsin.intake import crypto
from tocsin.store.db import Database

MARKER_AGENT = "Marker-Agent/7f3a9c (reporter phone)"
CLIENT = "127.0.0.1"
SERVE = """
import sys
from tocsin.config import load_settings
from tocsin.store.db import Database
from tocsin.web.app import create_app
from tocsin.web.server import run
settings = load_settings()
run(create_app(settings, Database(settings.resolved_database_url)), "127.0.0.1", int(sys.argv[1]))
"""


@dataclass(frozen=True)
class Live:
    """A running server: its address, captured output, data dir and database."""

    url: str
    log: Path
    data_dir: Path
    db: Database


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((CLIENT, 0))
        return sock.getsockname()[1]


@pytest.fixture(params=["tocsin-up", "asgi"])
def live(request: pytest.FixtureRequest, database: Database, tmp_path: Path) -> Iterator[Live]:
    """The app served by uvicorn in a subprocess, started by one of the entry points."""
    data_dir = tmp_path / "data"
    crypto.init_keys(data_dir, tmp_path / "offline" / "intake.key")
    log = tmp_path / "server.log"
    port = _free_port()
    env = {
        **os.environ,
        "TOCSIN_DATA_DIR": str(data_dir),
        "TOCSIN_DATABASE_URL": database.engine.url.render_as_string(hide_password=False),
    }
    command = (
        [sys.executable, "-c", SERVE, str(port)]
        if request.param == "tocsin-up"
        else [sys.executable, "-m", "uvicorn", "tocsin.web.asgi:app", "--port", str(port)]
    )
    with open(log, "wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://{CLIENT}:{port}"
    deadline = time.monotonic() + 180  # starting is slow on a loaded machine
    while True:
        try:
            httpx.get(url + "/static/tocsin.css", timeout=1)
            break
        except httpx.TransportError:
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
    try:
        yield Live(url, log, data_dir, database)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _browser_flow(url: str, browser: object) -> None:
    context = browser.new_context(user_agent=MARKER_AGENT)
    page = context.new_page()
    page.goto(url + "/report")
    page.click("a[hreflang=fr]")  # language switch
    page.wait_for_url("**/report?lang=fr")
    page.fill("textarea[name=what]", "Burning of the market")
    page.fill("input[name=country]", "Sudan")
    page.check("input[name=how_known][value=saw]")
    page.click("form.report button[type=submit]")
    code = page.locator("#receipt").text_content().strip()
    page.goto(url + "/report/follow-up?lang=fr")
    page.fill("input[name=code]", code)
    page.click("form.report button[type=submit]")
    page.fill("textarea[name=message]", "More people were taken")
    page.click("form.report button[type=submit]")
    expect(page.locator(".notice")).to_have_count(1)  # waits for the answer page
    page.goto(url + "/favicon.ico")
    context.close()


def _http_flow(url: str) -> None:
    with httpx.Client(headers={"User-Agent": MARKER_AGENT}) as client:
        page = client.get(url + "/report?lang=es")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        for asset in ("/static/tocsin.css", "/favicon.ico"):
            client.get(url + asset)
        sent = client.post(
            url + "/report",
            data={"csrf_token": token, "what": "Shots at the well", "how_known": "heard"},
            files=[("files", ("note.txt", b"not an accepted type", "text/plain"))],
        )
        assert sent.status_code == 400  # refused file: the form is shown again
        sent = client.post(
            url + "/report",
            data={"csrf_token": token, "what": "Shots at the well", "how_known": "heard"},
        )
        code = re.search(r'id="receipt"[^>]*>([^<]+)<', sent.text).group(1)
        follow = {"csrf_token": token, "code": code, "action": "add", "message": "Two more"}
        assert client.post(url + "/report/follow-up", data=follow).status_code == 200
        wrong = client.post(url + "/report/follow-up", data={**follow, "code": "x"})
        assert wrong.status_code == 404


def test_the_public_flow_leaves_no_address_or_user_agent(live: Live, browser: object) -> None:
    _browser_flow(live.url, browser)
    _http_flow(live.url)
    time.sleep(0.5)  # let the server flush its log
    lines = live.log.read_text().splitlines()
    requests = [line for line in lines if '"GET ' in line or '"POST ' in line]
    for path in ("/report?lang=fr", "/static/tocsin.css", "/favicon.ico", "/report/follow-up"):
        assert any(path in line for line in requests), (path, lines)  # the log is on
    leaks = [line for line in lines if CLIENT in line and "Uvicorn running on" not in line]
    assert not leaks, leaks
    assert not [line for line in lines if "Marker-Agent" in line]
    stored = files_under(live.data_dir) + seized_bytes(live.db)
    assert CLIENT.encode() not in stored
    assert b"Marker-Agent" not in stored
