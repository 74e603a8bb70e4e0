"""Subscriptions to alert notifications (API) and the weekly digest (page and API)."""

from fastapi import APIRouter

from tocsin.web.notifications import api, pages, subscriptions

router = APIRouter()
router.include_router(api.router)
router.include_router(pages.router)
router.include_router(subscriptions.router)
