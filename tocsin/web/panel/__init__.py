"""Countries with their latest panel values: a page and a JSON endpoint."""

from fastapi import APIRouter

from tocsin.web.panel import api, pages

router = APIRouter()
router.include_router(api.router)
router.include_router(pages.router)
