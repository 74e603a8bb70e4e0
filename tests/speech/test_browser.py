"""In real headless Chromium: an analyst opens a flagged post from the monitor, sees why
it was flagged, completes the Rabat worksheet and saves it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser import serving, sign_in
from tests.speech.test_web import add_posts
from tests.web.conftest import PASSWORDS
from tocsin.analysis.speech.rabat import CONCLUSIONS, FACTOR_KEYS
from tocsin.config import Settings
from tocsin.store.db import Database
from tocsin.web.app import create_app

pytestmark = pytest.mark.browser


@pytest.fixture
def server(speech_settings: Settings, sqlite_dashboard: Database) -> Iterator[str]:
    """The app with posts, served by uvicorn on a free loopback port."""
    add_posts(sqlite_dashboard)
    with serving(create_app(speech_settings, sqlite_dashboard)) as url:
        yield url


@pytest.fixture
def page(browser: object) -> object:
    return browser.new_page()


def test_monitor_opens_a_flagged_item_and_saves_a_rabat_worksheet(server: str, page) -> None:  # noqa: ANN001
    sign_in(page, server, "analyst", PASSWORDS["analyst"])

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


def test_an_analyst_corrects_a_flagged_post(server: str, page) -> None:  # noqa: ANN001
    sign_in(page, server, "analyst", PASSWORDS["analyst"])
    page.goto(f"{server}/speech")
    page.click("a.post-link >> text=cockroaches")
    assert "dehumanisation" in page.locator("table.facts").text_content()
    page.select_option("#correct-form select[name=label]", "hateful")
    page.select_option("#correct-form select[name=category]", "threat")
    page.select_option("#correct-form select[name=target]", "religion")
    page.fill("#correct-form input[name=note]", "a call to violence in context")
    page.click("#save-correction")
    page.wait_for_url("**/speech/posts/*?corrected=*")
    saved = page.locator("#correction-saved").text_content()
    assert "threat against religion" in saved and "was hateful, dehumanisation" in saved
    facts = page.locator("table.facts").text_content()
    assert "threat" in facts and "religion" in facts
    assert "a call to violence in context" in page.locator("#corrections").text_content()


def test_an_analyst_imports_posts_from_the_browser(server: str, page, tmp_path) -> None:  # noqa: ANN001
    upload = tmp_path / "channel.csv"
    upload.write_text(
        "id,author,time,country,text,views\n"
        "b1,ann,2024-04-20T10:00:00Z,Sudan,Water is back in the camp today,40\n"
        "b2,bob,2024-04-21T10:00:00Z,Sudan,,40\n"
    )
    sign_in(page, server, "analyst", PASSWORDS["analyst"])
    page.goto(f"{server}/speech")
    page.click("#import-link")
    page.set_input_files("#import-form input[name=files]", str(upload))
    page.click("#import-submit")
    page.wait_for_selector("#import-report")
    row = page.locator("#import-report tr.import-imported").text_content()
    assert "channel.csv" in row and "imported (csv)" in row
    assert "line 3: empty or non-text message" in page.locator("#import-report").text_content()
    page.goto(f"{server}/speech?country=SDN")
    assert "Sudan" in page.locator("#languages").text_content()
    page.goto(f"{server}/api/v1/speech/posts?label=all&country=SDN")
    assert "Water is back in the camp today" in page.content()
