"""Receipt codes stretched ahead of time, so that sending a report does not wait for
Argon2.

Stretching a receipt code (:func:`tocsin.intake.crypto.derive_receipt`) costs tens to
hundreds of milliseconds of CPU and 64 MiB on purpose. A :class:`ReceiptPool` keeps a
few codes already stretched, made by one background thread at low CPU priority
between reports; a report takes one (or stretches its own when the pool is empty).
A code is only word positions until it is handed out, then spelled in the reporter's
language (the same positions give the same keys in every language). Each code is
handed out once and forgotten; codes not yet handed out live only in this process's
memory, never in a file or row.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
from collections import deque

from tocsin.intake import crypto

LOW_PRIORITY = 10  # niceness added to the filling thread (Linux: per thread)


def spell(positions: list[int], lang: str) -> str:
    """The receipt code with these word positions, in ``lang``'s word list."""
    words = crypto.wordlist(lang)
    return " ".join(words[i] for i in positions)


def fresh() -> tuple[list[int], crypto.ReceiptKeys]:
    """New random word positions and their stretched keys."""
    positions = [secrets.randbelow(len(crypto.wordlist())) for _ in range(crypto.RECEIPT_WORDS)]
    return positions, crypto.derive_receipt(spell(positions, "en"))


class ReceiptPool:
    """Up to ``size`` stretched receipt codes, refilled in the background."""

    def __init__(self, size: int = 4) -> None:
        self.size = size
        self._ready: deque[tuple[list[int], crypto.ReceiptKeys]] = deque()
        self._wanted = threading.Condition()
        self._thread = threading.Thread(target=self._fill, name="receipt-pool", daemon=True)
        self._thread.start()

    def take(self, lang: str) -> tuple[str, crypto.ReceiptKeys]:
        """A receipt code in ``lang``'s words and its keys, never handed out before;
        stretched now (in the caller's thread) when none is ready."""
        with self._wanted:
            made = self._ready.popleft() if self._ready else None
            self._wanted.notify()
        positions, keys = made if made is not None else fresh()
        return spell(positions, lang), keys

    def ready(self) -> int:
        """How many codes are stretched and waiting."""
        with self._wanted:
            return len(self._ready)

    def _fill(self) -> None:
        with contextlib.suppress(AttributeError, OSError):  # not Linux: normal priority
            me = threading.get_native_id()
            niceness = os.getpriority(os.PRIO_PROCESS, me) + LOW_PRIORITY
            os.setpriority(os.PRIO_PROCESS, me, min(19, niceness))
        while True:
            with self._wanted:
                while len(self._ready) >= self.size:
                    self._wanted.wait()
            made = fresh()
            with self._wanted:
                self._ready.append(made)
