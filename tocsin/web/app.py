"""The FastAPI application factory used by ``tocsin up`` and the tests.

Each capability is a package ``tocsin.web.<capability>`` exposing ``router`` (its JSON API
and its pages); :data:`CAPABILITIES` lists them in the order their routes are matched.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.middleware.sessions import SessionMiddleware

from tocsin import __version__
from tocsin.config import Settings, get_settings
from tocsin.store import accounts
from tocsin.store.db import Database
from tocsin.web.auth import SESSION_COOKIE
from tocsin.web.cache import HotReadCache
from tocsin.web.errors import add_error_handlers
from tocsin.web.framework.feeds import feed_scheduler
from tocsin.web.intake.logfilter import install_log_filter
from tocsin.web.limits import RequestLimits
from tocsin.web.security import SecurityHeaders

STATIC_DIR = Path(__file__).parent / "static"
# Read endpoints whose answers depend only on the data stamp (see tocsin.web.cache).
HOT_READ_PATHS = r"/api/v1/(rankings|countries/[^/]+)"
CAPABILITIES: list[str] = [
    "dashboard",
    "panel",
    "forecast",
    "accounts",
    "alerts",
    "framework",
    "notifications",
    "violence",
    "intake",
    "speech",
    "reports",
    "sources",
]


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """While the server runs: reporters' addresses kept out of the access log, and due
    feeds polled in the background."""
    install_log_filter()
    async with feed_scheduler(app):
        yield


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    """Build the app: settings and database on ``app.state``, every capability's router."""
    settings = settings or get_settings()
    # /docs (Swagger UI) loads its scripts from the installed fastapi-offline package, not
    # a CDN: it works on a machine with no internet; /redoc is the dashboard's (its badge).
    app = FastAPIOffline(
        title="Tocsin API",
        version=__version__,
        description="Atrocity early warning: forecasts, alerts, evidence. JSON under /api/v1.",
        docs_url="/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = database or Database(settings.resolved_database_url)
    add_error_handlers(app)
    for name in CAPABILITIES:
        app.include_router(importlib.import_module(f"tocsin.web.{name}").router)
    app.add_middleware(RequestLimits, settings=settings, database=app.state.db)
    secret = settings.session_secret()
    app.state.login_name_key = accounts.name_key(secret)  # see accounts.login
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie=SESSION_COOKIE,
        max_age=8 * 3600,
        same_site="lax",
        https_only=settings.https,
    )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(HotReadCache, database=app.state.db, settings=settings, paths=HOT_READ_PATHS)
    app.add_middleware(SecurityHeaders)
    return app
