"""End to end in real headless Chromium (Debian's), driven by Playwright.

Open the map, click a country, reach its page and see its risk chart; log in as an
analyst; a viewer is refused a write.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser import require, serving, sign_in
from tests.web.conftest import PASSWORDS
from tocsin.config import Settings
from tocsin.store.db import Database
from tocsin.web import geometry
from tocsin.web.app import create_app

pytestmark = pytest.mark.browser


@pytest.fixture
def server(settings: Settings, sqlite_dashboard: Database) -> Iterator[str]:
    """The dashboard served on loopback."""
    with serving(create_app(settings, sqlite_dashboard)) as url:
        yield url


def _log_in(page: object, base: str, role: str) -> None:
    sign_in(page, base, role, PASSWORDS[role])


def test_map_click_opens_country_with_risk_chart(server: str, browser: object) -> None:
    require(bool(geometry.world_shapes()), "map geometry not installed (bash scripts/setup.sh)")
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
    token = viewer.locator("main input[name=csrf_token]").get_attribute("value")
    refused = viewer.request.post(
        f"{server}/admin/users",
        form={"username": "viewer", "role": "admin", "csrf_token": token},
    )
    assert refused.status == 403 and "admin role" in refused.text()
    viewer.goto(f"{server}/admin/users")
    assert "this needs the admin role" in viewer.content()
