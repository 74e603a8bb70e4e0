"""In real headless Chromium: an analyst opens a flagged post from the monitor, sees why
it was flagged, completes the Rabat worksheet and saves it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser import serving
from tests.speech.test_web import add_posts
from tests.web.conftest import PASSWORDS, fill_dashboard
from tocsin.analysis.speech.rabat import CONCLUSIONS, FACTOR_KEYS
from tocsin.config import Settings
from tocsin.store.db import Database
from tocsin.web.app import create_app

pytestmark = pytest.mark.browser


@pytest.fixture
def server(speech_settings: Settings, sqlite_database: Database) -> Iterator[str]:
    """The app with posts, served by uvicorn on a free loopback port."""
    fill_dashboard(sqlite_database)
    add_posts(sqlite_database)
    with serving(create_app(speech_settings, sqlite_database)) as url:
        yield url


@pytest.fixture
def page(browser: object) -> object:
    return browser.new_page()


def test_monitor_opens_a_flagged_item_and_saves_a_rabat_worksheet(server: str, page) -> None:  # noqa: ANN001
    page.goto(f"{server}/login")
    page.fill("input[name=username]", "analyst")
    page.fill("input[name=password]", PASSWORDS["analyst"])
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}/")

    page.click("nav >> text=Speech")
    page.wait_for_url(f"{server}/speech")
    page.click("a.post-link >> text=burn them out tonight")
    assert "threat" in page.locator("table.facts").text_content()
    assert "zurga" in page.locator("table.facts").text_content()

    page.click("#open-rabat")
    assert "tonight" in page.locator("#factor-likelihood .prefill").text_content()
    assert "120000" in page.locator("#factor-speaker .prefill").text_content()
    for n, key in enumerate(FACTOR_KEYS):
        page.select_option(f"select[name={key}_rating]", str(3 - n % 2))
        page.fill(f"textarea[name={key}_notes]", f"{key}: assessed in the browser")
    page.select_option("select[name=conclusion]", CONCLUSIONS[2])
    page.fill("textarea[name=summary]", "Calls for violence against the Masalit during attacks.")
    page.click("#save-complete")
    page.wait_for_url(f"{server}/speech/posts/*")
    listed = page.locator("#worksheets").text_content()
    assert "complete" in listed and CONCLUSIONS[2] in listed and "analyst" in listed

    page.goto(f"{server}/countries/SDN")
    assert CONCLUSIONS[2] in page.locator("#speech-section").text_content()
