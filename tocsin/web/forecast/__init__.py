"""The read API, version 1: countries, indicators, forecasts, drivers, rankings,
backtests, episodes. JSON by default; tables also as CSV (``?format=csv``)."""

from fastapi import APIRouter

from tocsin.web.forecast import api

router = APIRouter()
router.include_router(api.router)
