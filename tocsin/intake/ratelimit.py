"""Rate limits that store no IP address.

A client's address is turned into a bucket key with a keyed BLAKE2b hash whose key is
random, held only in memory, and replaced every window (an hour by default); buckets of
past windows are dropped. Nothing is written to disk or logs, and after a window ends
even this process can no longer tell which bucket an address fell in.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time


class HashedBuckets:
    """At most ``limit`` events per client per ``window`` seconds, plus a global cap."""

    def __init__(self, limit: int = 20, window: float = 3600.0, global_limit: int = 600) -> None:
        self.limit = limit
        self.window = window
        self.global_limit = global_limit
        self._lock = threading.Lock()
        self._period = -1
        self._salt = b""
        self._counts: dict[bytes, int] = {}
        self._total = 0

    def _rotate(self, now: float) -> None:
        period = int(now // self.window)
        if period != self._period:
            self._period = period
            self._salt = secrets.token_bytes(32)
            self._counts = {}
            self._total = 0

    def allow(self, client: str | None, now: float | None = None) -> bool:
        """Count one event for ``client`` (an address, used only transiently); False if
        over the limit."""
        with self._lock:
            self._rotate(time.time() if now is None else now)
            key = hashlib.blake2b((client or "").encode(), key=self._salt, digest_size=16).digest()
            count = self._counts.get(key, 0)
            if count >= self.limit or self._total >= self.global_limit:
                return False
            self._counts[key] = count + 1
            self._total += 1
            return True
