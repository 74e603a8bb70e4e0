"""Keep reporters' addresses out of the server's access log.

:func:`install_log_filter` is called by the app's lifespan (:func:`tocsin.web.app.create_app`).
"""

from __future__ import annotations

import logging

PUBLIC_PREFIX = "/report"


def is_public_intake_path(path: str) -> bool:
    """True for the reporter-facing routes whose clients must not be logged."""
    return path == PUBLIC_PREFIX or path.startswith((PUBLIC_PREFIX + "/", PUBLIC_PREFIX + "?"))


class DropIntakeClients(logging.Filter):
    """Replace the client address with ``-`` in uvicorn access-log records of the
    public intake routes (args: client, method, path, http version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Scrub the record in place; never drop it."""
        args = record.args
        if (
            isinstance(args, tuple)
            and len(args) >= 3
            and isinstance(args[2], str)
            and is_public_intake_path(args[2])
        ):
            record.args = ("-", *args[1:])
        return True


def install_log_filter() -> None:
    """Attach :class:`DropIntakeClients` to uvicorn's access logger (once)."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, DropIntakeClients) for f in access.filters):
        access.addFilter(DropIntakeClients())
