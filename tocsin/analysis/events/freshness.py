"""How fresh the event data behind a page is, and the country page's monthly table.

Every page that uses events states its freshness ("events up to 2022-02-28, UCDP
Candidate 22.0.2"); the monthly table says when a country's record is stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tocsin.analysis.events.series import events_frame, monthly
from tocsin.sources.datasets import all_datasets
from tocsin.store.models import Country, Event, Provenance

STALE_AFTER = timedelta(days=62)  # about two monthly Candidate releases


@dataclass(frozen=True)
class Freshness:
    """The newest stored event and the newest event release loaded."""

    events_up_to: date | None
    release: str | None
    stale: bool

    @property
    def text(self) -> str:
        """E.g. "events up to 2022-02-28, UCDP Candidate 22.0.2"."""
        if self.events_up_to is None:
            return "no events loaded"
        release = f", {self.release}" if self.release else ""
        return f"events up to {self.events_up_to.isoformat()}{release}"


def _release_names() -> dict[str, str]:
    return {
        ds.name: f"UCDP {ds.version}" if ds.name.startswith("ucdp") else ds.version
        for ds in all_datasets()
        if ds.group.startswith("events")
    }


def events_freshness(
    session: Session, country: Country | None = None, today: date | None = None
) -> Freshness:
    """Freshness of the stored events (all, or one country's) on ``today``."""
    query = select(func.max(Event.event_date))
    if country is not None:
        query = query.where(Event.country_id == country.id)
    newest = session.scalar(query)
    names = _release_names()
    loaded = session.execute(
        select(Provenance.dataset, Provenance.version)
        .where(Provenance.dataset.in_(list(names)))
        .order_by(Provenance.loaded_at.desc(), Provenance.id.desc())
    ).all()
    release = None
    if loaded:
        # the release holding the newest events: Candidate files are newer than GED ones
        candidates = [d for d, _ in loaded if "candidate" in d]
        release = names[candidates[0] if candidates else loaded[0][0]]
    stale = newest is None or (today or date.today()) - newest > STALE_AFTER
    return Freshness(newest, release, stale)


def monthly_table(
    session: Session, country: Country, months: int = 24, today: date | None = None
) -> dict[str, Any]:
    """The country page's monthly table: the last ``months`` months of events, deaths and
    civilian deaths, with the record's freshness and whether it is stale."""
    frame = events_frame(session, country)
    fresh = events_freshness(session, country, today)
    rows = []
    if not frame.empty:
        series = monthly(frame).tail(months)
        rows = [
            {
                "month": str(r["month"]),
                "events": int(r["events"]),
                "deaths": float(r["fatalities"]),
                "civilian_events": int(r["civilian_events"]),
                "civilian_deaths": float(r["civilian_fatalities"]),
            }
            for r in series.to_dict("records")
        ][::-1]
    return {"rows": rows, "freshness": fresh.text, "stale": fresh.stale}
