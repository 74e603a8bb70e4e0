"""Data sources: the registered datasets with version, licence, citation, checksum and
freshness (page and API), and the import of conflict event files from the browser."""

from fastapi import APIRouter

from tocsin.web.sources import api, events, pages

router = APIRouter()
router.include_router(api.router)
router.include_router(pages.router)
router.include_router(events.router)
