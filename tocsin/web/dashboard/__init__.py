"""Dashboard pages: world map, rankings, country page, model page, and ReDoc."""

from fastapi import APIRouter

from tocsin.web.dashboard import apidocs, pages

router = APIRouter()
router.include_router(pages.router)
router.include_router(apidocs.router)
