"""Alerts: list and detail pages with lifecycle actions, the API, a country-page section."""

from fastapi import APIRouter

from tocsin.web.alerts import api, pages

router = APIRouter()
router.include_router(api.router)
router.include_router(pages.router)
