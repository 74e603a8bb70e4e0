"""In real headless Chromium: an analyst loads the organisation's private key file into
the submission page and reads the sealed narrative, contact details, messages and a
photo there, while the server, whose every request is recorded here, never receives the
key. A wrong key is a clear message. The form that took a pasted key is gone."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from nacl.public import PrivateKey
from sqlalchemy import select

from tests.browser import serving, sign_in, wait_for_js
from tests.intake.conftest import (  # noqa: F401 - fixtures shared with tests/intake
    PASSWORDS,
    jpeg_with_gps,
    keyed_settings,
    sqlite_client,
    sqlite_intake_db,
)
from tocsin.intake import crypto
from tocsin.store.db import Database
from tocsin.store.models import AuditEntry
from tocsin.store.models.evidence import CustodyEntry
from tocsin.web.app import create_app
from tocsin.web.intake import reader

pytestmark = pytest.mark.browser
NARRATIVE = "Soldiers burned the market of El Geneina at dawn."
CONTACT = "Amira, via the camp clinic"


class RecordingApp:
    """Wraps the app and keeps every request the server receives: path, query, headers
    and body bytes."""

    def __init__(self, app: object) -> None:
        self.app = app
        self.seen: list[bytes] = []

    async def __call__(self, scope, receive, send):  # noqa: ANN001, ANN204
        if scope["type"] != "http":
            return await self.app(scope, receive, send)  # type: ignore[operator]
        record = [scope["path"].encode(), scope.get("query_string", b"")]
        record += [name + b": " + value for name, value in scope["headers"]]

        async def recording_receive():  # noqa: ANN202
            message = await receive()
            if message["type"] == "http.request":
                record.append(message.get("body", b""))
            return message

        self.seen.append(b"")
        index = len(self.seen) - 1
        try:
            return await self.app(scope, recording_receive, send)  # type: ignore[operator]
        finally:
            self.seen[index] = b"\n".join(record)


@pytest.fixture
def recorded(
    keyed_settings,  # noqa: ANN001, F811
    sqlite_intake_db: Database,  # noqa: F811
) -> Iterator[tuple[str, RecordingApp]]:
    """The app on loopback behind the request recorder."""
    if not reader.available():
        pytest.fail("libsodium.js is not installed: run scripts/setup.sh")
    settings, _key, _path = keyed_settings
    app = RecordingApp(create_app(settings, sqlite_intake_db))
    with serving(app) as url:  # type: ignore[arg-type]
        yield url, app


def _report(url: str, browser, photo: Path) -> None:  # noqa: ANN001
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(f"{url}/report?lang=en")
    page.fill("textarea[name=what]", NARRATIVE)
    page.fill("input[name=country]", "Sudan")
    page.fill("input[name=place]", "El Geneina")
    page.check("input[name=how_known][value=saw]")
    page.set_input_files("input[name=files]", str(photo))
    page.fill("textarea[name=contact]", CONTACT)
    page.click("button[type=submit]")
    assert len(page.locator("#receipt").text_content().split()) == 8


def _analyst(url: str, browser):  # noqa: ANN001, ANN202
    page = browser.new_context(accept_downloads=True).new_page()
    sign_in(page, url, "analyst", PASSWORDS["analyst"])
    page.goto(f"{url}/intake/1")
    return page


def test_the_key_opens_the_report_in_the_page_and_never_reaches_the_server(
    recorded,
    keyed_settings,  # noqa: F811
    sqlite_intake_db: Database,  # noqa: F811
    browser,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    url, app = recorded
    _settings, private, private_path = keyed_settings
    photo = tmp_path / "IMG_0001.jpg"
    photo.write_bytes(jpeg_with_gps())
    _report(url, browser, photo)
    page = _analyst(url, browser)
    assert NARRATIVE not in page.content()
    assert page.locator("form[action$='/open']").count() == 0
    wait_for_js(page, "document.getElementById('reader').hidden === false")

    page.set_input_files("#key-file", str(private_path))
    wait_for_js(page, f"document.getElementById('what').textContent.includes({NARRATIVE!r})")
    assert page.locator("#contact").text_content() == CONTACT
    assert page.locator("[data-attachment] .filename").text_content() == "IMG_0001.jpg"
    assert "never sent to the server" in page.locator("#reader-status").text_content()

    page.click("[data-attachment] button[data-original='0']")
    page.wait_for_selector("[data-attachment] .opened img")
    width = page.evaluate("document.querySelector('[data-attachment] .opened img').naturalWidth")
    assert width == 80  # the decrypted JPEG rendered

    # a reply is sealed to the organisation too: the key opens it on the next load
    page.fill("#reply-form textarea[name=body]", "Thank you. When did it start?")
    page.click("#reply-form button")
    page.set_input_files("#key-file", str(private_path))
    wait_for_js(
        page,
        "document.querySelector('[data-message=\"0\"] .text').textContent.includes('When did')",
    )

    # copying a passage is explicit and audited
    page.evaluate(
        "(() => { const r = document.createRange();"
        " r.selectNodeContents(document.querySelector('[data-field=what]'));"
        " getSelection().removeAllRanges(); getSelection().addRange(r); })()"
    )
    page.click("#copy-selection")
    assert page.locator("#passage").input_value() == NARRATIVE
    page.click("#copy-form button:has-text('Copy to workbench')")
    page.wait_for_load_state()

    key_text = private_path.read_text().strip()
    secret_forms = [
        key_text.encode(),
        key_text.split(":", 1)[1].encode(),
        bytes(private),
        base64.urlsafe_b64encode(bytes(private)).rstrip(b"="),
        bytes(private).hex().encode(),
    ]
    assert len(app.seen) > 10
    assert any(NARRATIVE.encode() in request for request in app.seen)  # bodies are recorded
    for request in app.seen:
        for secret in secret_forms:
            assert secret not in request
    with sqlite_intake_db.session() as s:
        events = [e.event for e in s.scalars(select(CustodyEntry))]
        actions = [a.action for a in s.scalars(select(AuditEntry))]
    assert "accessed" in events
    assert "intake.copy_to_workbench" in actions and "intake.reply" in actions


def test_a_wrong_key_says_so_and_opens_nothing(recorded, browser, tmp_path: Path) -> None:  # noqa: ANN001
    url, _app = recorded
    photo = tmp_path / "p.jpg"
    photo.write_bytes(jpeg_with_gps())
    _report(url, browser, photo)
    page = _analyst(url, browser)
    wait_for_js(page, "document.getElementById('reader').hidden === false")
    other = tmp_path / "other.key"
    other.write_text(crypto.encode_private(PrivateKey.generate()) + "\n")
    page.set_input_files("#key-file", str(other))
    wait_for_js(
        page, "document.getElementById('reader-status').textContent.includes('does not open')"
    )
    assert "sealed" in page.locator("#what").text_content()
    not_a_key = tmp_path / "notes.txt"
    not_a_key.write_text("hello")
    page.set_input_files("#key-file", str(not_a_key))
    wait_for_js(
        page,
        "document.getElementById('reader-status').textContent"
        ".includes('not a Tocsin intake private key')",
    )


def test_the_server_side_key_form_is_gone(sqlite_client: TestClient) -> None:  # noqa: F811
    from tests.intake.conftest import csrf_from, login
    from tests.intake.test_public import submit

    submit(sqlite_client)
    login(sqlite_client, "analyst")
    page = sqlite_client.get("/intake/1")
    assert 'name="private_key"' not in page.text
    response = sqlite_client.post(
        "/intake/1/open", data={"csrf_token": csrf_from(page.text), "target": "contact"}
    )
    assert response.status_code in (404, 405)
