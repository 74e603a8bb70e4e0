"""In real headless Chromium: an analyst tags an excerpt with the keyboard, then a
reviewer publishes an assessment whose rating links to its evidence."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from tests.browser import serving, sign_in
from tests.web.conftest import PASSWORDS
from tocsin.analysis.framework.extract import Extracted
from tocsin.analysis.framework.ingest import store_extracted
from tocsin.config import Settings
from tocsin.store.db import Database
from tocsin.store.models import Excerpt, Suggestion, Tag
from tocsin.web.app import create_app

TEXT = (
    "Report from Darfur\n\n"
    "Militias attacked camps for displaced people near El Geneina in Sudan, burning shelters "
    "and killing civilians who tried to flee.\n\n"
    "Aid convoys to the camps were blocked at checkpoints and relief workers were detained."
)

pytestmark = pytest.mark.browser


@pytest.fixture
def workbench(settings: Settings, sqlite_dashboard: Database) -> Iterator[tuple[str, Database]]:
    with sqlite_dashboard.session() as s:
        store_extracted(
            s,
            Extracted("test:darfur", "Report from Darfur", TEXT, "text", TEXT.encode()),
            "field-team",
            "tester",
        )
    with serving(create_app(settings, sqlite_dashboard)) as url:
        yield url, sqlite_dashboard


@pytest.fixture
def page(browser: object) -> object:
    return browser.new_page()


def test_analyst_tags_with_the_keyboard_and_publishes_an_assessment(
    workbench: tuple[str, Database], page: object
) -> None:
    base, db = workbench
    with db.session() as s:
        first = s.scalars(select(Excerpt).order_by(Excerpt.position)).first()
        top = s.scalars(
            select(Suggestion).where(Suggestion.excerpt_id == first.id, Suggestion.rank == 1)
        ).one()
        first_id, suggested = first.id, top.indicator
    sign_in(page, base, "analyst", PASSWORDS["analyst"])
    page.click("nav >> text=Workbench")
    page.click("text=Report from Darfur")
    page.wait_for_url(f"{base}/framework/documents/*")  # waits for "load": the keys are bound
    page.keyboard.press("j")  # first excerpt
    assert page.evaluate("document.activeElement.id") == f"ex-{first_id}"
    page.keyboard.press("1")  # accept the first suggestion
    page.wait_for_selector(f"#ex-{first_id} .tag[data-indicator='{suggested}']")
    page.wait_for_load_state()  # the new page's keys are bound only once it has loaded
    assert (
        page.locator(".flash").text_content()
        == f"Saved: {suggested} accepted on excerpt #{first_id}."
    )
    still = page.locator(f"#ex-{first_id} [data-accept]").all_text_contents()
    assert still and not any(f" {suggested} " in s for s in still)  # it left "Suggested"
    page.keyboard.press("9")  # there is no ninth suggestion: the page says so
    error = page.wait_for_selector(f"#ex-{first_id} #suggestion-error")
    assert "there is no suggestion 9" in error.text_content()
    page.wait_for_load_state()
    page.keyboard.press("j")  # the hash brought focus back; move to the second excerpt
    page.keyboard.press("t")
    page.keyboard.type("RF14.3")
    page.keyboard.press("Enter")
    page.wait_for_selector(".tag[data-indicator='RF14.3']")
    with db.session() as s:
        tags = {(t.excerpt_id, t.indicator, t.created_by) for t in s.scalars(select(Tag))}
    assert (first_id, suggested, "analyst") in tags and len(tags) == 2

    page.context.clear_cookies()  # publishing is a reviewer's act
    sign_in(page, base, "reviewer", PASSWORDS["reviewer"])
    page.goto(f"{base}/framework/countries/SDN/RF11")
    page.select_option("#level", "high")
    page.fill("textarea[name=summary]", "Camps attacked near El Geneina.")
    page.check(f"input[name=evidence][value='{first_id}']")
    page.check("input[name=publish]")
    page.click("button:has-text('Save new version')")
    page.wait_for_url(f"{base}/framework/countries/SDN")
    assert page.locator("#overall").text_content() == "high"
    page.click("#factor-RF11 a.level")
    evidence = page.locator("#evidence-RF11 a").first
    assert evidence.text_content() == f"#{first_id}"
    evidence.click()
    page.wait_for_url(f"{base}/framework/documents/*#ex-{first_id}")
    assert "Militias attacked camps" in page.locator(f"#ex-{first_id}").text_content()
    page.goto(f"{base}/countries/SDN")
    assert page.locator(f"a[href='/framework/excerpts/{first_id}']").count() == 1
