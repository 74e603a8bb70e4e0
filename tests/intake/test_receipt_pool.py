"""Receipt codes stretched ahead of time (so a report does not wait for Argon2): each is
handed out once, spelled in the reporter's language, and opens the same keys as the
code typed back in that language."""

from __future__ import annotations

import time

from tocsin.intake import crypto
from tocsin.intake.receipts import ReceiptPool


def test_pooled_codes_are_fresh_and_open_the_same_keys_in_every_language() -> None:
    pool = ReceiptPool(size=2)
    deadline = time.monotonic() + 120
    while pool.ready() < 2:
        assert time.monotonic() < deadline, "the pool did not fill"
        time.sleep(0.1)
    french, keys = pool.take("fr")
    arabic, other = pool.take("ar")
    assert french != arabic and keys.lookup != other.lookup
    assert set(french.split()) <= set(crypto.wordlist("fr"))
    assert set(arabic.split()) <= set(crypto.wordlist("ar"))
    assert crypto.derive_receipt(french).lookup == keys.lookup
    assert crypto.derive_receipt(arabic).public_hex == other.public_hex
    empty = ReceiptPool(size=0)  # nothing ready: stretched in the caller's thread
    code, made = empty.take("es")
    assert crypto.derive_receipt(code).lookup == made.lookup
