"""In real headless Chromium: an analyst opens the alerts list, reads an alert's timeline,
follows the episode chain to the next alert and back, and opens the track record with its
chart."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.alerts.test_web import fill_alerts
from tests.alerts.test_web_record import fill_events
from tests.browser import serving, wait_for_js
from tocsin.config import Settings
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.web.app import create_app

pytestmark = pytest.mark.browser


@pytest.fixture
def server(settings: Settings, sqlite_database: Database) -> Iterator[str]:
    """The dashboard with alerts, events and outcomes, served on loopback."""
    load_ewp(sqlite_database, [])
    fill_alerts(sqlite_database)
    fill_events(sqlite_database)
    with serving(create_app(settings, sqlite_database)) as url:
        yield url


def test_alert_timeline_and_episode_chain(server: str, browser: object) -> None:
    page = browser.new_page()
    page.goto(f"{server}/alerts?country=Sudan&severity=high")
    rows = page.locator("#alerts tbody tr")
    assert rows.count() == 1 and "atrocity" in rows.first.text_content()
    rows.first.locator("td:nth-child(3) a").first.click()
    page.wait_for_selector("#timeline")
    first_url = page.url
    steps = page.locator("#timeline tbody tr")
    whens = [steps.nth(i).locator("td").first.text_content() for i in range(steps.count())]
    assert whens[:2] == ["2020-01", "2020-02"]
    assert page.locator("#timeline tr.step-escalation").count() == 1
    assert page.locator("#timeline tr.step-resolved").is_visible()
    assert "briefing the desk" in page.locator("#responses").text_content()
    assert "Data: events up to 2022-12-10" in page.locator("#freshness").text_content()

    page.locator('#episodes a[rel="next"]').click()
    page.wait_for_selector('#episodes a[rel="prev"]')
    assert page.url != first_url and "2020-09" in page.locator("#timeline").text_content()
    page.locator('#episodes a[rel="prev"]').click()
    page.wait_for_url(first_url)


def test_record_page_table_and_chart(server: str, browser: object) -> None:
    page = browser.new_page()
    page.goto(f"{server}/alerts")
    page.click("text=Track record")
    page.wait_for_selector("#record")
    outcomes = page.locator("#record tbody td:nth-child(2)").all_text_contents()
    assert sorted(outcomes) == ["EWP onset", "one-sided spike"]
    chart = page.locator("#record-chart")
    wait_for_js(page, "document.getElementById('record-chart').complete")
    assert chart.evaluate("img => img.naturalWidth") > 0  # the SVG loaded and rendered
    page.fill("input[name=spike_deaths]", "1000")
    page.click("text=Score")
    page.wait_for_url("**spike_deaths=1000**")
    spike = page.locator("#record tbody tr", has_text="one-sided spike").first
    assert spike.locator("td:nth-child(3)").text_content() == "0"  # no month reaches 1,000
