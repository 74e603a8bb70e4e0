"""Dashboard pages: world map, rankings, country page, model page."""

from fastapi import APIRouter

from tocsin.web.dashboard import pages

router = APIRouter()
router.include_router(pages.router)
