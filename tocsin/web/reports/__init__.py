"""Generated reports: the /reports list with versions, downloads checked against their
SHA-256, what changed since the previous version, generating country and annual reports
(analysts), the list, metadata and download API, and the confirm / override actions
of the Framework drafts from data that the country report shows."""

from fastapi import APIRouter

from tocsin.web.reports import api, drafts, pages

router = APIRouter()
router.include_router(api.router)
router.include_router(pages.router)
router.include_router(drafts.router)
