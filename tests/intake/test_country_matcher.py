"""The intake country field knows names in the four form languages: a report about
"السودان" counts for Sudan like one about "Sudan" (matcher, form, country page; the form
in real headless Chromium)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.browser import serving, sign_in
from tests.intake.conftest import PASSWORDS, login
from tests.intake.test_public import submit
from tocsin.intake import countries
from tocsin.store.db import Database
from tocsin.store.models.intake import Submission
from tocsin.web.app import create_app


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("السودان", "SDN"),
        ("سودان", "SDN"),
        ("السُّودان", "SDN"),  # with vowel marks
        ("Soudan", "SDN"),
        ("Sudán", "SDN"),
        ("sudan", "SDN"),
        ("تشاد", "TCD"),
        ("Tchad", "TCD"),
        ("ميانمار (بورما)", "MMR"),
        ("Côte d’Ivoire", "CIV"),
        ("Birmania", "MMR"),
    ],
)
def test_names_in_every_form_language(typed: str, code: str) -> None:
    found = countries.match(typed)
    assert found is not None and found.code == code


def test_unknown_names_stay_unresolved() -> None:
    assert countries.match("Atlantis") is None
    assert countries.match("") is None


@pytest.mark.parametrize("lang", ["en", "fr", "ar", "es"])
def test_every_reference_country_has_a_name_in_each_language(lang: str) -> None:
    named = countries.names(lang)
    assert len(named) > 190
    wrong = {}
    for code, name in named:
        found = countries.match(name)
        if found is None or found.code != code:
            wrong[name] = (code, found.code if found else None)
    assert not wrong


def test_the_sudan_page_counts_both_reports(app_client: TestClient, intake_db: Database) -> None:
    submit(app_client, country="Sudan")
    submit(app_client, country="السودان", lang="ar")
    with intake_db.session() as s:
        assert [x.country_text for x in s.scalars(select(Submission))] == ["SDN", "SDN"]
    login(app_client, "viewer")
    page = app_client.get("/countries/SDN").text
    assert "2 submissions from civil society" in page


@pytest.fixture
def server(keyed_settings, sqlite_intake_db: Database) -> Iterator[str]:  # noqa: ANN001
    """The app served on loopback."""
    settings, _key, _path = keyed_settings
    with serving(create_app(settings, sqlite_intake_db)) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("typed", ["السودان", "جمهورية السودان"])  # CLDR, UNTERM formal name
def test_the_arabic_form_matches_the_country(server: str, browser, typed: str) -> None:  # noqa: ANN001
    reporter = browser.new_context(java_script_enabled=False).new_page()
    reporter.goto(f"{server}/report?lang=ar")
    options = reporter.locator("datalist#countries option")
    values = options.evaluate_all("nodes => nodes.map(n => n.value)")
    assert "السودان" in values and "Sudan" not in values
    field = reporter.locator("input[name=country]")
    assert field.get_attribute("list") == "countries"
    reporter.fill("textarea[name=what]", "أحرقوا السوق")
    field.fill(typed)
    reporter.check("input[name=how_known][value=saw]")
    reporter.click("button[type=submit]")
    assert len(reporter.locator("#receipt").text_content().split()) == 8

    analyst = browser.new_context().new_page()
    sign_in(analyst, server, "analyst", PASSWORDS["analyst"])
    analyst.goto(f"{server}/countries/SDN")
    assert "1 submission from civil society" in analyst.locator("#intake-counts").text_content()


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Burma", "MMR"),
        ("Ivory Coast", "CIV"),
        ("DRC", "COD"),
        ("Congo-Kinshasa", "COD"),
        ("RDC", "COD"),
        ("République démocratique du Congo", "COD"),
        ("Soudan du Sud", "SSD"),
        ("Swaziland", "SWZ"),
        ("Suazilandia", "SWZ"),
        ("Costa de Marfil", "CIV"),
        ("جمهورية السودان", "SDN"),
        ("جمهوريّة السّودان", "SDN"),  # with vowel marks
        ("السودان الجنوبي", "SSD"),
        ("جمهورية الكونغو الديمقراطية", "COD"),
        ("سوازيلاند", "SWZ"),
    ],
)
def test_alternative_names_and_spellings(typed: str, code: str) -> None:
    found = countries.match(typed)
    assert found is not None and found.code == code


def test_every_alternative_name_is_sourced_and_names_its_country() -> None:
    rows = countries.alternative_names()
    assert {row["lang"] for row in rows} == {"en", "fr", "ar", "es"}
    for row in rows:
        assert row["source"].strip(), f"{row['name']}: no source"
        found = countries.match(row["name"])
        # a CLDR name that names another country would win: the list must not say otherwise
        assert found is not None and found.code == row["code"], row
