"""Alerts: list and detail pages with lifecycle actions, the track record, the API, a
country-page section."""

from fastapi import APIRouter

from tocsin.web.alerts import api, pages, record

router = APIRouter()
router.include_router(record.router)  # before /alerts/{alert_id}
router.include_router(api.router)
router.include_router(pages.router)
