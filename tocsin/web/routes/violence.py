"""Organised violence per country: UCDP deaths per year (every kind) and, where event
files are loaded, monthly events and fatalities with violence against civilians apart.
A country-page section with charts, and the same series in the API."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy.orm import Session

from tocsin.alerts.yearly import KIND_LABELS
from tocsin.analysis.events.series import events_frame, monthly
from tocsin.analysis.events.yearly import country_yearly
from tocsin.store.models import Country
from tocsin.store.models.accounts import User
from tocsin.web import charts
from tocsin.web.auth import reader
from tocsin.web.deps import get_session
from tocsin.web.extensions import CountrySection, add_country_section
from tocsin.web.routes.dashboard import country_or_404

router = APIRouter()
MONTHS_SHOWN = 24


class YearPoint(BaseModel):
    """Deaths in one year."""

    year: int
    deaths: float


class MonthPoint(BaseModel):
    """Events and fatalities in one month."""

    month: str
    events: int
    fatalities: float
    civilian_events: int
    civilian_fatalities: float


class Violence(BaseModel):
    """A country's yearly deaths by kind and its monthly event series."""

    country_code: str
    yearly: dict[str, list[YearPoint]]
    monthly: list[MonthPoint]


def _violence(session: Session, country: Country) -> Violence:
    series = monthly(events_frame(session, country))
    return Violence(
        country_code=country.code,
        yearly={
            kind: [YearPoint(year=y, deaths=d) for y, d in points]
            for kind, points in country_yearly(session, country.id).items()
        },
        monthly=[
            MonthPoint(
                month=str(r["month"]),
                events=int(r["events"]),
                fatalities=r["fatalities"],
                civilian_events=int(r["civilian_events"]),
                civilian_fatalities=r["civilian_fatalities"],
            )  # fmt: skip
            for r in series.to_dict("records")
        ],
    )


@router.get("/api/v1/countries/{code}/violence", response_model=Violence, tags=["countries"])
def violence_api(
    code: str, session: Session = Depends(get_session), _u: User | None = Depends(reader)
) -> Violence:
    """UCDP deaths per year by kind, and monthly events (all and against civilians)."""
    return _violence(session, country_or_404(session, code))


def _section(session: Session, country: Country) -> dict[str, object]:
    data = _violence(session, country)
    yearly = [
        (
            KIND_LABELS.get(kind, kind),
            charts.line_chart([(p.year, p.deaths) for p in points], y_format="{:,.0f}"),
        )  # fmt: skip
        for kind, points in sorted(data.yearly.items())
        if any(p.deaths for p in points)
    ]
    return {"yearly": yearly, "months": data.monthly[-MONTHS_SHOWN:]}


add_country_section(
    CountrySection("violence", "Organised violence", "alerts/_violence.html", _section, order=25)
)
