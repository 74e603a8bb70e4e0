"""Read services over the country-year panel and episodes, for the web layer and CLI."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tocsin.reference.countries import UnknownCountryError, lookup
from tocsin.store.models import Country, Episode, Indicator, PanelValue


@dataclass(frozen=True)
class LatestPanelRow:
    """A country's most recent panel year and its values there."""

    code: str
    name: str
    region: str | None
    year: int
    values: dict[str, float]


def find_country(session: Session, key: str | int) -> Country:
    """The stored country for any name or code; UnknownCountryError if none."""
    ref = lookup(key)
    country = session.scalars(select(Country).where(Country.code == ref.code)).one_or_none()
    if country is None:
        raise UnknownCountryError(key, [])
    return country


def indicators(session: Session, kind: str | None = None) -> list[Indicator]:
    """Panel variables, optionally only predictors or outcomes."""
    query = select(Indicator).order_by(Indicator.kind.desc(), Indicator.name)
    if kind is not None:
        query = query.where(Indicator.kind == kind)
    return list(session.scalars(query))


def latest_values(session: Session, country: Country) -> LatestPanelRow | None:
    """One country's most recent panel year and its values there."""
    year = session.scalar(
        select(func.max(PanelValue.year)).where(PanelValue.country_id == country.id)
    )
    if year is None:
        return None
    query = select(PanelValue.indicator, PanelValue.value).where(
        PanelValue.country_id == country.id, PanelValue.year == year
    )
    values = {name: value for name, value in session.execute(query) if value is not None}
    return LatestPanelRow(country.code, country.name, country.region, year, values)


def latest_panel(
    session: Session, indicator_names: list[str] | None = None
) -> list[LatestPanelRow]:
    """For each country with panel data, the values of its most recent year."""
    last = (
        select(PanelValue.country_id, func.max(PanelValue.year).label("year"))
        .group_by(PanelValue.country_id)
        .subquery()
    )
    query = (
        select(
            Country.code,
            Country.name,
            Country.region,
            PanelValue.year,
            PanelValue.indicator,
            PanelValue.value,
        )
        .join(last, (PanelValue.country_id == last.c.country_id) & (PanelValue.year == last.c.year))
        .join(Country, Country.id == PanelValue.country_id)
    )
    if indicator_names:
        query = query.where(PanelValue.indicator.in_(indicator_names))
    rows: dict[str, LatestPanelRow] = {}
    for code, name, region, year, indicator, value in session.execute(query):
        row = rows.setdefault(code, LatestPanelRow(code, name, region, year, {}))
        if value is not None:  # like latest_values: a missing value is left out
            row.values[indicator] = value
    return sorted(rows.values(), key=lambda r: r.name)


def indicator_series(session: Session, country: Country, indicator: str) -> list[tuple[int, float]]:
    """(year, value) pairs of one indicator for one country, oldest first."""
    query = (
        select(PanelValue.year, PanelValue.value)
        .where(
            PanelValue.country_id == country.id,
            PanelValue.indicator == indicator,
        )
        .order_by(PanelValue.year)
    )
    return [(int(y), float(v)) for y, v in session.execute(query) if v is not None]


def episodes_for(session: Session, country: Country) -> list[Episode]:
    """Mass-killing episodes located in a country, most recent first."""
    query = (
        select(Episode)
        .where(Episode.country_id == country.id)
        .order_by(Episode.start_year.desc(), Episode.name)
    )
    return list(session.scalars(query))
