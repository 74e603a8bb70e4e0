"""Log in and out, API tokens, user administration, and the audit log (read, export)."""

from fastapi import APIRouter

from tocsin.web.accounts import api, pages

router = APIRouter()
router.include_router(api.router)
router.include_router(pages.router)
