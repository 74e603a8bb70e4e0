"""The track record of past alerts (/alerts/record and /api/v1/alerts/record): per signal,
alerts, hits, misses, lead times and false alarms against EWP mass-killing onsets and
one-sided-violence spikes; a table and a chart.

Registered before the alert pages so that ``/alerts/record`` is not read as an alert id."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from tocsin.alerts.record import SPIKE_DEATHS, WINDOW_MONTHS, record_chart, track_record
from tocsin.analysis.events.freshness import events_freshness
from tocsin.store.models.accounts import User
from tocsin.web.alerts.schemas import SignalRecordOut, TrackRecord
from tocsin.web.auth import reader
from tocsin.web.deps import get_session
from tocsin.web.templating import templates

router = APIRouter()

SpikeDeaths = Query(
    SPIKE_DEATHS, ge=1, le=1_000_000, description="Civilian deaths in a month that make a spike."
)
Window = Query(WINDOW_MONTHS, ge=1, le=60, description="Months an alert may precede an outcome.")


def _record(session: Session, spike_deaths: float, window: int) -> TrackRecord:
    records = track_record(session, spike_deaths, window)
    return TrackRecord(
        spike_deaths=spike_deaths,
        window_months=window,
        freshness=events_freshness(session).text,
        signals=[SignalRecordOut.model_validate(r.as_dict()) for r in records],
    )


@router.get("/api/v1/alerts/record", response_model=TrackRecord, tags=["alerts"])
def record_api(
    spike_deaths: float = SpikeDeaths,
    window: int = Window,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> TrackRecord:
    """Per signal: alerts, hits, misses, median lead (months), false alarms and alerts per
    country-year, scored against EWP onsets and one-sided-violence spikes."""
    return _record(session, spike_deaths, window)


@router.get("/alerts/record", response_class=HTMLResponse, include_in_schema=False)
def record_page(
    request: Request,
    spike_deaths: float = SpikeDeaths,
    window: int = Window,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> HTMLResponse:
    """The track record as a table and a chart."""
    record = _record(session, spike_deaths, window)
    return templates.TemplateResponse(request, "alerts/record.html", {"record": record})


@router.get("/alerts/record.svg", include_in_schema=False)
def record_chart_svg(
    spike_deaths: float = SpikeDeaths,
    window: int = Window,
    session: Session = Depends(get_session),
    _u: User | None = Depends(reader),
) -> Response:
    """The track record chart: share of outcomes warned and alerts per country-year."""
    svg = record_chart(track_record(session, spike_deaths, window))
    return Response(svg, media_type="image/svg+xml")
