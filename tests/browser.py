"""What the browser tests share: the app served by a real uvicorn on loopback, and
Debian's headless Chromium driven by Playwright (CI must run them; elsewhere they skip
and say why when Chromium is missing)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn
from fastapi import FastAPI

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def require(condition: bool, reason: str) -> None:
    """Skip (fail in CI) unless ``condition`` holds."""
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run browser tests: {reason}")
        pytest.skip(reason)


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium, headless, through Playwright."""
    require(os.path.exists(CHROMIUM), f"Chromium not found at {CHROMIUM} (apt install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


def wait_for_js(page: object, expression: str, timeout: float = 30.0) -> None:
    """Wait until ``expression`` is truthy in ``page``. Evaluated through the DevTools
    protocol, which the pages' Content-Security-Policy (no 'unsafe-eval') does not block,
    unlike Playwright's ``wait_for_function``."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):  # type: ignore[attr-defined]
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout:.0f} s: {expression}")
        time.sleep(0.1)


def sign_in(page: object, base: str, username: str, password: str) -> None:
    """Sign in through the login form and wait for the home page, so the session cookie
    is set before the test asks for the next page (a click only starts the navigation)."""
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
