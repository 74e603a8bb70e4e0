"""Generated reports: the /reports list with versions, downloads checked against their
SHA-256, what changed since the previous version, generating country and annual reports
(analysts), and the list, metadata and download API."""

from fastapi import APIRouter

from tocsin.web.reports import api, pages

router = APIRouter()
router.include_router(api.router)
router.include_router(pages.router)
