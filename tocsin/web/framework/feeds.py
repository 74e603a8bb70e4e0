"""The feed scheduler: while the server runs, due feeds are polled in the background.

Started and stopped by the app's lifespan (:func:`tocsin.web.app.create_app`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

from fastapi import FastAPI

from tocsin.analysis.framework.feeds import poll_due

logger = logging.getLogger(__name__)
FEED_CHECK_SECONDS = 300  # how often the server looks for feeds that are due


async def _poll_feeds_forever(app: FastAPI) -> None:
    """Every FEED_CHECK_SECONDS, poll the feeds that are due (in a worker thread)."""
    while True:
        await asyncio.sleep(FEED_CHECK_SECONDS)
        try:
            await asyncio.to_thread(poll_due, app.state.db, "system:feeds")
        except Exception:  # noqa: BLE001 - a failing round must not stop the schedule
            logger.exception("feed polling round failed")


@asynccontextmanager
async def feed_scheduler(app: FastAPI) -> AsyncIterator[None]:
    """While the server runs, feeds are polled on their schedule; stopped on shutdown."""
    task = asyncio.create_task(_poll_feeds_forever(app))
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
