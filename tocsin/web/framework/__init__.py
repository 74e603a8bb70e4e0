"""Framework of Analysis workbench: documents with their excerpts, tagging with a few
keystrokes, search, taxonomy, country assessments (editor, view, history), the
confirm / override actions on the drafts from data, a country-page section, and the JSON
API under /api/v1."""

from fastapi import APIRouter

from tocsin.web.framework import api, drafts, pages, uploads

router = APIRouter()
router.include_router(api.router)
router.include_router(pages.router)
router.include_router(uploads.router)
router.include_router(drafts.router)
