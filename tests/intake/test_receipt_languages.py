"""Receipt codes in the reporter's language where BIP-0039 has a list (French, Spanish;
English elsewhere), typed with or without accents; English codes keep working."""

from __future__ import annotations

import unicodedata

import pytest
from fastapi.testclient import TestClient
from mnemonic import Mnemonic

from tests.intake.conftest import csrf_from
from tests.intake.test_public import receipt_code, submit
from tocsin.intake import crypto


def _plain(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


@pytest.mark.parametrize(("lang", "listed"), [("fr", "french"), ("es", "spanish")])
def test_codes_use_the_official_list_of_the_language(lang: str, listed: str) -> None:
    official = {unicodedata.normalize("NFC", w) for w in Mnemonic(listed).wordlist}
    code = crypto.new_receipt_code(lang)
    assert all(word in official for word in code.split())
    canonical = crypto.normalise_receipt(code)
    english = crypto.wordlist("en")
    assert canonical.split() == [english[crypto.wordlist(lang).index(w)] for w in code.split()]
    typed = "-".join(_plain(w)[:4].upper() for w in code.split())
    assert crypto.derive_receipt(typed).lookup == crypto.derive_receipt(code).lookup


def test_english_codes_mean_what_they_always_meant() -> None:
    code = crypto.new_receipt_code("en")
    assert crypto.normalise_receipt(code) == code
    assert crypto.wordlist("ar") == crypto.wordlist("en")  # BIP-0039 has no Arabic list
    with pytest.raises(crypto.ReceiptError, match="not a word"):
        crypto.normalise_receipt("abaisser " * 7 + "qqqq")


def test_a_french_reporter_gets_french_words_and_follows_up_without_accents(
    sqlite_client: TestClient,
) -> None:
    response = submit(sqlite_client, lang="fr", country="Soudan")
    code = receipt_code(response.text)
    french = set(crypto.wordlist("fr"))
    assert all(word in french for word in code.split())
    page = sqlite_client.get("/report/follow-up?lang=fr")
    found = sqlite_client.post(
        "/report/follow-up",
        data={"csrf_token": csrf_from(page.text), "lang": "fr", "code": _plain(code).upper()},
    )
    assert found.status_code == 200, found.text
    assert 'id="thread"' in found.text
