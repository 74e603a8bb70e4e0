"""End to end in real headless Chromium (Debian's), driven by Playwright.

Open the map, click a country, reach its page and see its risk chart; log in as an
analyst; a viewer is refused a write.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from tests.web.conftest import PASSWORDS
from tocsin.config import Settings
from tocsin.store.db import Database
from tocsin.web import geometry
from tocsin.web.app import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip

pytestmark = pytest.mark.browser


def _require(condition: bool, reason: str) -> None:
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run browser tests: {reason}")
        pytest.skip(reason)


@pytest.fixture
def server(settings: Settings, sqlite_dashboard: Database) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(settings, sqlite_dashboard), host="127.0.0.1", port=port, log_level="warning"
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser() -> Iterator[object]:
    _require(
        os.path.exists(CHROMIUM), f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


def _log_in(page: object, base: str, role: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", role)
    page.fill("input[name=password]", PASSWORDS[role])
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_map_click_opens_country_with_risk_chart(server: str, browser: object) -> None:
    _require(bool(geometry.world_shapes()), "map geometry not installed (bash scripts/setup.sh)")
    page = browser.new_page()
    page.goto(f"{server}/")
    sudan = page.locator('a.country[data-code="SDN"] path')
    assert "Sudan" in sudan.locator("title").text_content()
    sudan.click()
    page.wait_for_url(f"{server}/countries/SDN")
    assert page.locator("h1").text_content() == "Sudan"
    chart = page.locator("#risk-chart")
    assert chart.is_visible()
    assert chart.locator("circle").count() == 2  # base years 2023 and 2024
    assert page.locator("#current-risk").text_content() == "10.0%"


def test_analyst_logs_in_and_viewer_is_refused_a_write(server: str, browser: object) -> None:
    analyst = browser.new_context().new_page()
    _log_in(analyst, server, "analyst")
    analyst.goto(f"{server}/api/v1/me")
    assert '"role":"analyst"' in analyst.content()

    viewer = browser.new_context().new_page()
    _log_in(viewer, server, "viewer")
    viewer.goto(f"{server}/login")
    token = viewer.locator("input[name=csrf_token]").get_attribute("value")
    refused = viewer.request.post(
        f"{server}/admin/users",
        form={"username": "viewer", "role": "admin", "csrf_token": token},
    )
    assert refused.status == 403 and "admin role" in refused.text()
    viewer.goto(f"{server}/admin/users")
    assert "this needs the admin role" in viewer.content()
