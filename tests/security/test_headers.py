"""Item 12: analyst pages, the public form and the API send ``Cache-Control: no-store``,
a CSP with ``frame-ancestors 'none'`` and ``Referrer-Policy: no-referrer``; the CSP allows
the pages' own scripts (each inline script carries the request's nonce) and nothing else,
checked in real Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from playwright.sync_api import expect

from tests.browser import serving, sign_in
from tests.security.webclient import PASSWORDS, add_users, log_in
from tocsin.analysis.framework.ingest import ingest_items
from tocsin.config import Settings
from tocsin.intake import crypto
from tocsin.store.db import Database
from tocsin.web.app import create_app

PUBLIC_PAGES = ["/report", "/report?lang=ar", "/report/follow-up", "/login", "/"]
ANALYST_PAGES = ["/intake", "/framework", "/alerts", "/admin/users", "/api/v1/alerts"]


@pytest.fixture
def app(settings: Settings, sqlite_database: Database, tmp_path: Path) -> Iterator[FastAPI]:
    """The app with users, an intake key and one workbench document."""
    add_users(sqlite_database)
    crypto.init_keys(settings.data_dir, tmp_path / "offline" / "key")
    text = tmp_path / "reports" / "briefing.txt"
    text.parent.mkdir()
    text.write_text("Militia checkpoints stopped aid convoys.\n\nCivilians were detained.\n")
    [report] = ingest_items(sqlite_database, [str(text)], actor="admin")
    application = create_app(settings, sqlite_database)
    application.state.document_id = report.document_id
    yield application


def _check(response) -> str:  # noqa: ANN001
    """Assert the security headers; returns the CSP nonce."""
    where = response.request.url
    assert response.status_code == 200, (where, response.status_code)
    assert response.headers["cache-control"] == "no-store", where
    assert response.headers["referrer-policy"] == "no-referrer", where
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp.split("style-src")[0]
    match = re.search(r"'nonce-([^']+)'", csp)
    assert match, csp
    return match.group(1)


def test_pages_and_api_send_the_headers(app: FastAPI) -> None:
    with TestClient(app) as client:
        nonces = {_check(client.get(path)) for path in PUBLIC_PAGES}
        assert len(nonces) == len(PUBLIC_PAGES)  # a fresh nonce per response
        log_in(client, "admin")
        pages = [*ANALYST_PAGES, f"/framework/documents/{app.state.document_id}"]
        for path in pages:
            response = client.get(path)
            nonce = _check(response)
            scripts = re.findall(r"<script([^>]*)>", response.text)
            assert all(f'nonce="{nonce}"' in attrs for attrs in scripts), (path, scripts)
        asset = client.get("/static/tocsin.css")
        assert asset.status_code == 200 and "no-store" not in asset.headers.get("cache-control", "")
        assert "frame-ancestors 'none'" in asset.headers["content-security-policy"]


@pytest.mark.browser
def test_the_pages_scripts_run_under_the_policy(app: FastAPI, browser: object) -> None:
    with serving(app) as base:
        page = browser.new_context().new_page()
        problems: list[str] = []
        page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
        page.goto(f"{base}/report")
        # The report form's inline script adds the location button (needs JavaScript).
        assert page.locator("#pin button").count() == 1
        sign_in(page, base, "analyst", PASSWORDS["analyst"])
        page.goto(f"{base}/framework/documents/{app.state.document_id}")
        page.locator("body").press("j")  # keyboard navigation, an inline script
        expect(page.locator("article.excerpt.current")).to_have_count(1)
        for path in ("/", "/framework", "/intake", "/alerts"):
            page.goto(base + path)
        # An inline script without the nonce is refused, so injected markup cannot run.
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.injected = 1'; document.body.appendChild(s); }"
        )
        assert page.evaluate("() => window.injected === undefined")
        csp = [p for p in problems if "Content Security Policy" in p]
        assert len(csp) == 1 and "inline script" in csp[0], problems
