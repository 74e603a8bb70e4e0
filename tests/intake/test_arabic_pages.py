"""The Arabic public pages are Arabic throughout: every visible word (footer included)
except the project's name, the names of the other languages, "IP" and the receipt code;
laid out right to left; Arabic punctuation in the catalogue."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from tests.intake.test_public import receipt_code, submit
from tocsin.intake import i18n

ALLOWED = {"Tocsin", "English", "Français", "Español", "IP"}


def _visible_latin_words(html: str) -> set[str]:
    html = re.sub(r"<(script|style|datalist)\b.*?</\1>", " ", html, flags=re.S)
    # BIP-39 has no Arabic list: an Arabic reporter's receipt words are English
    html = re.sub(r'id="receipt"[^>]*>[^<]*<', ">", html)
    text = re.sub(r"<[^>]+>", " ", html)
    return set(re.findall(r"[A-Za-zÀ-ÿ]{2,}", text)) - ALLOWED


def test_arabic_pages_have_no_english_words(sqlite_client: TestClient) -> None:
    form = sqlite_client.get("/report?lang=ar").text
    follow_up = sqlite_client.get("/report/follow-up?lang=ar").text
    receipt = submit(sqlite_client, lang="ar", country="السودان")
    assert receipt_code(receipt.text)
    refused = sqlite_client.post("/report/follow-up", data={"lang": "ar", "code": "x"}).text
    for page in (form, follow_up, receipt.text, refused):
        assert '<html lang="ar" dir="rtl">' in page
        assert not _visible_latin_words(page)
    assert "توكسين: إنذار مبكر بالفظائع." in form  # the footer


def test_arabic_catalogue_uses_arabic_punctuation() -> None:
    po = Path(i18n.__file__).parent / "locale" / "ar" / "LC_MESSAGES" / "intake.po"
    translations = re.findall(r'^msgstr "(.*)"$', po.read_text("utf-8"), flags=re.M)
    assert translations
    for text in translations:
        assert "?" not in text and "," not in text and ";" not in text, text
