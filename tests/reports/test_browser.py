"""In real headless Chromium: an analyst opens a country page, generates its country
report with the button, downloads it, and finds it on /reports."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import serving
from tocsin.config import Settings
from tocsin.store import accounts
from tocsin.store.db import Database
from tocsin.web.app import create_app

pytestmark = pytest.mark.browser
ANALYST, PASSWORD = "report-analyst", "report-analyst-password-123"


@pytest.fixture
def server(report_settings: Settings, report_db: Database) -> Iterator[str]:
    """The app over the real-data report database, with an analyst account."""
    with report_db.session() as session:
        try:
            accounts.get_user(session, ANALYST)
        except accounts.AccountError:
            accounts.create_user(session, ANALYST, PASSWORD, "analyst", actor="test")
    with serving(create_app(report_settings, report_db)) as url:
        yield url


def test_analyst_generates_and_downloads_a_country_report(server: str, browser: object) -> None:
    page = browser.new_context(accept_downloads=True).new_page()
    page.goto(f"{server}/login")
    page.fill("input[name=username]", ANALYST)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}/")
    page.goto(f"{server}/countries/SDN")
    form = page.locator("#country-report-form")
    form.locator("select[name=fmt]").select_option("html")
    # generating takes a while on a loaded machine: the URL wait below sets the limit
    page.click("#country-report", no_wait_after=True)
    page.wait_for_url(f"{server}/reports/*", timeout=180_000)
    assert "Sudan" in page.locator("h1").text_content()
    recorded = page.locator("table.meta code").first.text_content()
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename.startswith("country-SDN-en-v")
    body = Path(download.path()).read_bytes()
    assert hashlib.sha256(body).hexdigest() == recorded
    assert "Sudan" in body.decode("utf-8") and "<html" in body.decode("utf-8")
    report_id = page.url.rsplit("/", 1)[1]
    page.goto(f"{server}/reports")
    row = page.locator(f"#report-{report_id}")
    assert row.is_visible() and "SDN" in row.text_content()
