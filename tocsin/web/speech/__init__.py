"""Speech monitor pages and API: flagged posts with why, trends per group in a country,
the lexicon, Rabat worksheets, and a country-page section."""

from fastapi import APIRouter

from tocsin.web.speech import api, pages

router = APIRouter()
router.include_router(api.router)
router.include_router(pages.router)
