"""Journeys of issue 18 in real headless Chromium: sent to log in and back, log out, a
refused form that keeps what was typed, subscribing to alerts, search with the terms
marked, and the API docs working with every request outside this machine blocked."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.browser import serving
from tests.web.conftest import PASSWORDS, token_for
from tests.web.test_browser import _log_in
from tocsin.config import Settings
from tocsin.store.db import Database
from tocsin.web.app import create_app

pytestmark = pytest.mark.browser

REPORT = (
    "Militias attacked camps for displaced people near El Geneina in Sudan, burning shelters "
    "and killing civilians who tried to flee.\n\n"
    "Humanitarian convoys were blocked at checkpoints and aid workers were detained."
)


@pytest.fixture
def server(settings: Settings, sqlite_dashboard: Database) -> Iterator[str]:
    """The dashboard served on loopback."""
    with serving(create_app(settings, sqlite_dashboard)) as url:
        yield url


def test_sent_to_log_in_and_back_then_log_out(server: str, browser: object) -> None:
    page = browser.new_page()
    page.goto(f"{server}/subscriptions?from=nav")
    assert urlsplit(page.url).path == "/login"
    page.fill("input[name=username]", "analyst")
    page.fill("input[name=password]", PASSWORDS["analyst"])
    page.click("main button[type=submit]")
    page.wait_for_url(f"{server}/subscriptions?from=nav")
    assert page.locator("h1").text_content() == "Alert subscriptions"
    assert page.locator("#signed-in").text_content() == "signed in as analyst (analyst)"
    assert page.locator("nav a", has_text="Intake").count() == 1
    assert page.locator("nav a", has_text="Admin").count() == 0
    page.click("#logout")
    page.wait_for_url(f"{server}/")
    assert page.locator(".flash").text_content() == "Signed out."
    assert page.locator("#login").is_visible() and page.locator("#signed-in").count() == 0
    assert page.locator("nav a", has_text="Intake").count() == 0
    page.goto(f"{server}/subscriptions")
    assert urlsplit(page.url).path == "/login"


def test_subscribe_from_the_page_and_a_refusal_keeps_the_input(
    server: str, browser: object
) -> None:
    page = browser.new_page()
    _log_in(page, server, "analyst")
    page.goto(f"{server}/subscriptions")
    page.select_option("select[name=channel]", "email")
    page.fill("input[name=target]", "desk@example.org")
    page.fill("input[name=countries]", "Sudan")
    page.select_option("select[name=min_severity]", "high")
    page.click("#subscribe button[type=submit]")
    assert "no SMTP server" in page.locator("#channel-error").text_content()
    assert page.input_value("input[name=target]") == "desk@example.org"
    assert page.input_value("input[name=countries]") == "Sudan"
    assert page.input_value("select[name=min_severity]") == "high"
    assert page.locator("header.site").is_visible()  # a page in the layout, not JSON
    page.select_option("select[name=channel]", "webhook")
    page.fill("input[name=target]", "https://hooks.example.org/tocsin")
    page.click("#subscribe button[type=submit]")
    page.wait_for_url(f"{server}/subscriptions")
    assert "Subscribed https://hooks.example.org/tocsin" in page.locator(".flash").text_content()
    row = page.locator("#subscriptions tbody tr").first
    assert "https://hooks.example.org/tocsin" in row.text_content() and "SDN" in row.text_content()
    assert "high" in row.text_content()


def test_search_marks_the_terms_in_the_passage(
    server: str, browser: object, sqlite_dashboard: Database
) -> None:
    import httpx

    body = {"title": "Camps", "text": REPORT, "source": "field", "published": "2024-03-05"}
    headers = token_for(sqlite_dashboard, "analyst")
    assert (
        httpx.post(
            f"{server}/api/v1/documents", json=body, headers=headers, timeout=120
        ).status_code
        == 200
    )
    page = browser.new_page()
    page.goto(f"{server}/framework/search?q=shelters+civilians")
    marks = page.locator("#hits mark")
    assert sorted({m.lower() for m in marks.all_text_contents()}) == ["civilians", "shelters"]
    assert page.locator("#hits li").count() == 1


@pytest.mark.parametrize(
    ("path", "rendered"), [("/docs", ".opblock"), ("/redoc", "[data-section-id]")]
)
def test_api_docs_render_with_external_requests_blocked(
    server: str, browser: object, path: str, rendered: str
) -> None:
    context = browser.new_context()
    outside: list[str] = []

    def only_this_machine(route: object) -> None:
        url = route.request.url
        if urlsplit(url).hostname in ("127.0.0.1", "localhost") or url.startswith(
            ("data:", "blob:")
        ):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", only_this_machine)
    page = context.new_page()
    page.goto(f"{server}{path}")
    page.wait_for_selector(rendered, timeout=90_000)  # a busy machine takes a while
    page.wait_for_load_state("networkidle")
    assert outside == [], f"{path} asked for {outside}"
    if path == "/docs":
        assert page.locator(".opblock").count() > 50  # every operation is listed
        assert "Tocsin API" in page.locator(".title").first.text_content()
    else:
        assert "Tocsin API" in page.locator("h1").first.text_content()
        assert page.locator("[data-section-id]").count() > 50  # every operation is listed
        assert page.locator("img[src^='http']").count() == 0  # the vendor's badge is hidden
    context.close()
