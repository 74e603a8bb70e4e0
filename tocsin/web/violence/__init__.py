"""Organised violence per country: UCDP deaths per year (every kind) and, where event
files are loaded, monthly events and fatalities with violence against civilians apart.
A country-page section with charts, and the same series in the API."""

from fastapi import APIRouter

from tocsin.web.violence import api, pages

router = APIRouter()
router.include_router(api.router)
router.include_router(pages.router)
