"""Keep client addresses out of the server's log: never log them at all.

Reporters load more than ``/report`` (the stylesheet, the favicon, the receipt and
follow-up pages, a language switch), and a log line for any of them next to a report's
hour would point at the reporter. So no request's client address is logged, whatever the
path: :class:`DropClientAddresses` replaces it with ``-`` in uvicorn's access-log records
(``'%s - "%s %s HTTP/%s" %d'``, client first) and in any other uvicorn record of the same
shape (WebSocket lines). uvicorn logs no User-Agent.

Where it is installed: the serve entry points configure uvicorn with
:func:`uvicorn_log_config` (the filter on every handler, from the first request), and
:func:`install_log_filter` attaches it to uvicorn's loggers for servers started some
other way (``uvicorn tocsin.web.asgi:app``; the app's lifespan calls it too).
"""

from __future__ import annotations

import copy
import logging
from typing import Any

PUBLIC_PREFIX = "/report"
_CLIENT_FIRST = '%s - "'
_LOGGERS = ("uvicorn.access", "uvicorn.error")


class DropClientAddresses(logging.Filter):
    """Replace the client address with ``-`` in uvicorn records that start with it."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Scrub the record in place; never drop it."""
        args = record.args
        if (
            isinstance(args, tuple)
            and args
            and isinstance(record.msg, str)
            and record.msg.startswith(_CLIENT_FIRST)
        ):
            record.args = ("-", *args[1:])
        return True


def install_log_filter() -> None:
    """Attach :class:`DropClientAddresses` to uvicorn's loggers (once each)."""
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, DropClientAddresses) for f in logger.filters):
            logger.addFilter(DropClientAddresses())


def uvicorn_log_config() -> dict[str, Any]:
    """uvicorn's default logging configuration with :class:`DropClientAddresses` on
    every handler, for ``uvicorn.run(..., log_config=...)``."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"no_client_addresses": {"()": DropClientAddresses}}
    for handler in config["handlers"].values():
        handler["filters"] = ["no_client_addresses"]
    return config
