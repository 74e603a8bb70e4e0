"""Subscriptions to alert notifications (API) and the weekly digest (page and API)."""

from fastapi import APIRouter

from tocsin.web.notifications import api, pages

router = APIRouter()
router.include_router(api.router)
router.include_router(pages.router)
