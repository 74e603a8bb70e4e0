"""Intake: the public report form and follow-up (no JavaScript needed, four languages,
nothing identifying logged), the analysts' review queue and JSON API, and a country-page
section with counts only.

Privacy of the public routes (``/report...``):
- uvicorn's access log gets ``-`` instead of the client address for them (a filter on
  the ``uvicorn.access`` logger, installed when this module is imported);
- the client address is used only, in memory, to pick a rate-limit bucket through a
  keyed hash whose key rotates hourly (:mod:`tocsin.intake.ratelimit`);
- bodies are limited by Content-Length and by counting the streamed bytes, and parsed in
  memory, so attachments never touch the disk unencrypted;
- responses are ``no-store`` and send no referrer."""

from fastapi import APIRouter

from tocsin.web.intake import api, pages, public

router = APIRouter()
router.include_router(api.router)
router.include_router(public.router)
router.include_router(pages.router)
