"""The public side: submit with files, receipt code, follow-up, replies, languages,
sealed data unreadable at rest, hostile input refused."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select

from tests.intake.conftest import GPS, csrf_from, jpeg_with_gps, zip_bomb_docx
from tocsin.intake import crypto, service
from tocsin.store import locker
from tocsin.store.db import Database
from tocsin.store.models.intake import IntakeAttachment, Submission

CONTACT = "Signal +249 912 345 678, ask for Amira"
SERIAL = "SN-4471-XYZ"


def submit(client: TestClient, files=None, **fields: str):  # noqa: ANN001, ANN201
    """Post the report form (after loading it for the CSRF token)."""
    page = client.get("/report")
    data = {
        "csrf_token": csrf_from(page.text),
        "lang": "en",
        "what": "Soldiers burned the market.",
        "country": "Sudan",
        "place": "El Geneina",
        "when": "2026-11-20",
        "how_known": "saw",
        "affected": "traders",
        "responsible": "armed men in uniform",
        "contact": CONTACT,
        **fields,
    }
    return client.post("/report", data=data, files=files or [])


def receipt_code(html: str) -> str:
    match = re.search(r'id="receipt"[^>]*>([^<]+)<', html)
    assert match, html[:2000]
    return match.group(1).strip()


def test_submit_then_follow_up_with_a_reply(app_client: TestClient, intake_db: Database) -> None:
    photo = jpeg_with_gps()
    response = submit(app_client, files=[("files", ("IMG_0001.jpg", photo, "image/jpeg"))])
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    code = receipt_code(response.text)
    assert len(code.split()) == 8
    with intake_db.session() as s:
        sub = s.scalars(select(Submission)).one()
        assert sub.country_text == "SDN" and sub.country_id is not None
        assert sub.contact_sealed and CONTACT.encode() not in sub.contact_sealed
        service.reply(s, sub, "Thank you, can you tell us the time?", "analyst")
    page = app_client.get("/report/follow-up")
    thread = app_client.post(
        "/report/follow-up",
        data={"csrf_token": csrf_from(page.text), "code": code.upper(), "action": "read"},
    )
    assert thread.status_code == 200
    assert "Thank you, can you tell us the time?" in thread.text
    added = app_client.post(
        "/report/follow-up",
        data={
            "csrf_token": csrf_from(page.text),
            "code": code,
            "action": "add",
            "message": "It was around noon.",
        },
    )
    assert "It was around noon." in added.text
    wrong = app_client.post(
        "/report/follow-up",
        data={"csrf_token": csrf_from(page.text), "code": crypto.new_receipt_code()},
    )
    assert wrong.status_code == 404 and "No report has this receipt code" in wrong.text


def test_sealed_fields_are_unreadable_in_the_database_file_and_on_disk(
    sqlite_client: TestClient,
    sqlite_intake_db: Database,
    keyed_settings,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    settings, private, _path = keyed_settings
    photo = jpeg_with_gps(serial=SERIAL)
    response = submit(sqlite_client, files=[("files", ("IMG_0001.jpg", photo, "image/jpeg"))])
    code = receipt_code(response.text)
    with sqlite_intake_db.session() as s:
        sub = s.scalars(select(Submission)).one()
        service.reply(s, sub, "Reply with a secret meeting place: the blue mosque", "analyst")
    sqlite_intake_db.dispose()  # checkpoint the WAL into the file
    raw = b"".join(
        p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and "offline" not in p.parts
    )
    for secret in (
        CONTACT.encode(),
        b"Amira",
        b"blue mosque",
        SERIAL.encode(),
        b"PhoneMaker",
        b"IMG_0001",
        code.encode(),
        photo[200:260],
    ):
        assert secret not in raw, secret
    # ... while the private key opens them
    with sqlite_intake_db.session() as s:
        sub = s.scalars(select(Submission)).one()
        assert crypto.unseal(private, sub.contact_sealed).decode() == CONTACT
        att = s.scalars(select(IntakeAttachment)).one()
        root = locker.default_root(settings.data_dir)
        original = crypto.unseal(
            private, service.sealed_attachment(s, root, att, "analyst", original=True)
        )
        working = crypto.unseal(
            private, service.sealed_attachment(s, root, att, "analyst", original=False)
        )
        name = crypto.unseal(private, att.filename_sealed).decode()
    assert name == "IMG_0001.jpg" and original == photo
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825) == GPS
    cleaned = Image.open(io.BytesIO(working))
    assert not cleaned.getexif().get_ifd(0x8825) and SERIAL.encode() not in working
    assert cleaned.size == (80, 60)


@pytest.mark.parametrize(
    "lang,expected,direction",
    [
        ("fr", "Que s'est-il passé ?", "ltr"),
        ("ar", "ماذا حدث؟", "rtl"),
        ("es", "¿Qué ocurrió?", "ltr"),
        ("en", "What happened?", "ltr"),
    ],
)
def test_languages(sqlite_client: TestClient, lang: str, expected: str, direction: str) -> None:
    page = sqlite_client.get(f"/report?lang={lang}")
    assert expected in page.text.replace("&#39;", "'")
    assert f'dir="{direction}"' in page.text and f'lang="{lang}"' in page.text


def test_accept_language_chooses_the_language(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/report", headers={"Accept-Language": "ar-SD,ar;q=0.9,en;q=0.5"})
    assert 'dir="rtl"' in page.text


def test_the_form_works_without_javascript_and_loads_nothing_from_elsewhere(
    sqlite_client: TestClient,
) -> None:
    page = sqlite_client.get("/report").text
    assert 'enctype="multipart/form-data"' in page and 'method="post"' in page
    assert not re.search(r'(src|href)="https?://', page)
    assert len(page.encode()) < 20_000


def test_csrf_and_missing_fields(sqlite_client: TestClient) -> None:
    refused = sqlite_client.post("/report", data={"what": "x", "how_known": "saw"})
    assert refused.status_code == 403
    incomplete = submit(sqlite_client, what="", how_known="guess")
    assert incomplete.status_code == 400
    assert "Please describe what happened." in incomplete.text
    assert "Please say how you know." in incomplete.text


def test_a_file_lying_about_its_type_is_refused(sqlite_client: TestClient) -> None:
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = submit(sqlite_client, files=[("files", ("holiday.jpg", pdf, "image/jpeg"))])
    assert response.status_code == 400
    assert "claims to be image/jpeg but its content is application/pdf" in response.text
    script = b"#!/bin/sh\nrm -rf /\n"
    response = submit(sqlite_client, files=[("files", ("photo.jpg", script, "image/jpeg"))])
    assert response.status_code == 400 and "not a recognised" in response.text


def test_a_zip_bomb_is_refused_and_the_server_keeps_serving(sqlite_client: TestClient) -> None:
    bomb = zip_bomb_docx()
    assert len(bomb) < 1_000_000
    response = submit(
        sqlite_client, files=[("files", ("report.docx", bomb, "application/octet-stream"))]
    )
    assert response.status_code == 400 and "zip bomb" in response.text
    assert sqlite_client.get("/report").status_code == 200


def test_rate_limit_without_storing_addresses(keyed_settings, sqlite_intake_db: Database) -> None:  # noqa: ANN001
    from tocsin.web.app import create_app

    settings, _k, _p = keyed_settings
    app = create_app(settings.model_copy(update={"intake_submit_limit": 2}), sqlite_intake_db)
    with TestClient(app) as client:
        assert submit(client).status_code == 200
        assert submit(client).status_code == 200
        third = submit(client)
    assert third.status_code == 429 and "Too many reports" in third.text


def test_follow_up_adds_files_and_refuses_hostile_ones(
    sqlite_client: TestClient, sqlite_intake_db: Database
) -> None:
    code = receipt_code(submit(sqlite_client).text)
    token = csrf_from(sqlite_client.get("/report/follow-up").text)
    added = sqlite_client.post(
        "/report/follow-up",
        data={"csrf_token": token, "code": code, "action": "add", "message": "a second photo"},
        files=[("files", ("IMG_2.jpg", jpeg_with_gps(), "image/jpeg"))],
    )
    assert added.status_code == 200 and "Added. Thank you." in added.text
    lying = sqlite_client.post(
        "/report/follow-up",
        data={"csrf_token": token, "code": code, "action": "add"},
        files=[("files", ("x.png", b"%PDF-1.4\n%%EOF\n", "image/png"))],
    )
    assert "its content is application/pdf" in lying.text
    with sqlite_intake_db.session() as s:
        sub = s.scalars(select(Submission)).one()
        assert len(service.attachments(s, sub)) == 1
        code_keys = service.crypto.derive_receipt(code)  # sealed at rest; the code opens it
        assert [m.text for m in service.reporter_thread(s, sub, code_keys)] == ["a second photo"]
