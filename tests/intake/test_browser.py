"""In real headless Chromium: a reporter submits a report with a photo (JavaScript off,
as on a basic phone), an analyst replies from the review page, and the reporter reads
the reply with the receipt code; the Arabic form is laid out right to left."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import serving, sign_in
from tests.intake.conftest import PASSWORDS, jpeg_with_gps
from tocsin.store.db import Database
from tocsin.web.app import create_app

pytestmark = pytest.mark.browser


@pytest.fixture
def server(keyed_settings, sqlite_intake_db: Database) -> Iterator[str]:  # noqa: ANN001
    """The app served on loopback."""
    settings, _key, _path = keyed_settings
    with serving(create_app(settings, sqlite_intake_db)) as url:
        yield url


def test_report_with_photo_then_read_the_reply(server: str, browser, tmp_path: Path) -> None:  # noqa: ANN001
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(jpeg_with_gps())
    reporter = browser.new_context(java_script_enabled=False).new_page()
    reporter.goto(f"{server}/report?lang=es")
    assert reporter.locator("h1").text_content() == "Informe de lo que ha visto"
    reporter.fill("textarea[name=what]", "Quemaron el mercado de El Geneina.")
    reporter.fill("input[name=country]", "Sudan")
    reporter.fill("input[name=place]", "El Geneina")
    reporter.check("input[name=how_known][value=saw]")
    reporter.set_input_files("input[name=files]", str(photo))
    reporter.fill("textarea[name=contact]", "via the camp clinic")
    reporter.click("button[type=submit]")
    code = reporter.locator("#receipt").text_content().strip()
    assert len(code.split()) == 8
    assert "Archivos recibidos: 1" in reporter.content()

    analyst = browser.new_context().new_page()
    sign_in(analyst, server, "analyst", PASSWORDS["analyst"])
    analyst.goto(f"{server}/intake")
    analyst.click("#queue a")
    assert "GPSLatitude" in analyst.locator("#files").text_content()
    # sealed at rest: the server cannot show it (the analyst's browser will decrypt it)
    assert "Quemaron el mercado" not in analyst.content()
    analyst.fill("textarea[name=body] >> nth=-1", "Gracias. ¿A qué hora ocurrió?")
    analyst.click("text=Send reply")
    # the page before the reply has #messages too: wait until the reloaded one shows it
    expect(analyst.locator("#messages")).to_contain_text("reply by analyst")

    reporter.goto(f"{server}/report/follow-up?lang=es")
    reporter.fill("input[name=code]", code)
    reporter.click("button[value=read]")
    assert "¿A qué hora ocurrió?" in reporter.locator("#thread").text_content()
    reporter.fill("textarea[name=message]", "Hacia el mediodía.")
    reporter.click("button[value=add]")
    expect(reporter.locator("#thread")).to_contain_text("Hacia el mediodía.")


def test_arabic_form_is_right_to_left(server: str, browser) -> None:  # noqa: ANN001
    page = browser.new_page()
    page.goto(f"{server}/report?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert (
        page.evaluate("getComputedStyle(document.querySelector('form.report')).direction") == "rtl"
    )
