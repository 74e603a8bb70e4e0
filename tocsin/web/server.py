"""Serve the app with uvicorn the way ``tocsin up`` does: no client address in any log
line (:mod:`tocsin.web.intake.logfilter`)."""

from __future__ import annotations

from fastapi import FastAPI

from tocsin.web.intake.logfilter import uvicorn_log_config


def run(app: FastAPI, host: str, port: int) -> None:
    """Serve ``app`` on ``host:port`` until interrupted."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="info", log_config=uvicorn_log_config())
