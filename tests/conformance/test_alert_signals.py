"""Every alert signal: names itself, refuses unknown settings, raises nothing on an empty
store, and on seeded data fires where it must and stays quiet on a near miss.

Each signal has a pair of seeds below: ``fire`` stores data the signal must alert on
and ``quiet`` stores similar data that falls short of its rule. A new signal must add
its pair (``test_every_signal_has_seeds`` fails until it does).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import event_rows
from tocsin.alerts.signals import SIGNALS, AlertCandidate
from tocsin.analysis.events.ingest import upsert_events
from tocsin.analysis.events.yearly import store_yearly
from tocsin.analysis.framework import assessments
from tocsin.analysis.framework.extract import Extracted
from tocsin.analysis.framework.ingest import store_extracted
from tocsin.plugins import load_builtin_plugins
from tocsin.sources.ucdp_yearly import YearlyDeaths
from tocsin.store.db import Database
from tocsin.store.models import Country, Excerpt, Forecast, ForecastRun, SpeechPost
from tocsin.store.models.intake import Submission

load_builtin_plugins()

Seed = Callable[[Session, bool], date]  # (session, fire) -> the as_of date to detect on


def _country(session: Session, code: str) -> int:
    return session.scalars(select(Country.id).where(Country.code == code)).one()


def civilian_surge(session: Session, fire: bool) -> date:
    """Two calm years of about 4 civilian deaths a month, then 60 (fire) or 6 (quiet)."""
    months = pd.period_range("2021-01", "2022-12", freq="M")
    calm = np.random.default_rng(3).poisson(4, len(months))
    counts = {str(m): int(c) for m, c in zip(months, calm, strict=True)}
    counts["2023-01"] = 60 if fire else 6
    upsert_events(session, event_rows("SDN", counts, "North Darfur"))
    return date(2023, 2, 3)


def new_area(session: Session, fire: bool) -> date:
    """Three years of events in Borno; then events in Plateau (fire) or Borno again."""
    history = {str(m): 5 for m in pd.period_range("2020-01", "2022-12", freq="M")}
    upsert_events(session, event_rows("NGA", history, "Borno"))
    upsert_events(session, event_rows("NGA", {"2023-01": 12}, "Plateau" if fire else "Borno"))
    return date(2023, 2, 1)


def new_perpetrator(session: Session, fire: bool) -> date:
    """Three years of killings by one actor; then killings by another actor (fire) or by
    the same one again (quiet)."""
    history = {str(m): 5 for m in pd.period_range("2020-01", "2022-12", freq="M")}
    upsert_events(session, event_rows("NGA", history, "Borno"))
    latest = event_rows("NGA", {"2023-01": 12}, "Borno")
    latest["actor1"] = "B" if fire else "A"
    upsert_events(session, latest)
    return date(2023, 2, 1)


def yearly_surge(session: Session, fire: bool) -> date:
    """Ten calm years of one-sided deaths, then 900 (fire) or 6 (quiet)."""
    deaths = [3, 0, 5, 2, 4, 1, 0, 3, 2, 4, 900 if fire else 6]
    rows = [
        {"code": "NGA", "year": 2010 + i, "kind": "one-sided", "best": d, "low": d, "high": d}
        for i, d in enumerate(deaths)
    ]
    store_yearly(session, "test", YearlyDeaths(pd.DataFrame(rows)), actor="test")
    return date(2021, 3, 1)


def rank_jump(session: Session, fire: bool) -> date:
    """Two forecast runs; Kenya rises from rank 40 to 5 (fire) or to 35 (quiet)."""
    codes = ["KEN", *[c for c in ("SDN", "NGA", "ETH", "COD", "SOM") if c != "KEN"]]
    ids = [_country(session, c) for c in codes]
    for base_year, kenya_rank in ((2022, 40), (2023, 5 if fire else 35)):
        run = ForecastRun(
            model="tocsin-enet", model_version="1", base_year=base_year, data_checksums={}
        )
        session.add(run)
        session.flush()
        ranks = [kenya_rank, *[r for r in range(1, 50) if r != kenya_rank][: len(ids) - 1]]
        for country_id, rank in zip(ids, ranks, strict=True):
            risk = 0.5 / rank
            session.add(
                Forecast(
                    run_id=run.id,
                    country_id=country_id,
                    risk_2yr=risk,
                    rank_2yr=rank,
                    risk_1yr=risk / 2,
                    rank_1yr=rank,
                )
            )
    session.flush()
    return date(2024, 6, 1)


def assessment_raised(session: Session, fire: bool) -> date:
    """A published assessment of Sudan: 'high' (fire) or 'low', below the signal's floor."""
    text = "Militias burned villages near El Geneina and killed civilians, witnesses in Sudan said."
    report = store_extracted(
        session, Extracted("test:sudan", "Report", text, "text", text.encode()), "wire", "t", None
    )
    excerpt = session.scalars(
        select(Excerpt.id).where(Excerpt.document_id == report.document_id)
    ).first()
    assert excerpt is not None
    level = "high" if fire else "low"
    assessments.save(session, "SDN", "RF11", level, "medium", "Seen.", [excerpt], "ana", True)
    return date.today()


def speech_surge(session: Session, fire: bool) -> date:
    """Twelve weeks with a flagged post every other week, then 14 flagged (fire) or 1."""
    kenya = _country(session, "KEN")
    monday = date(2024, 5, 6)
    posts: list[tuple[datetime, bool]] = []
    for week in range(12, 0, -1):
        start = datetime.combine(monday - timedelta(weeks=week), datetime.min.time(), UTC)
        posts += [(start + timedelta(hours=i), i == 0 and week % 2 == 0) for i in range(5)]
    start = datetime.combine(monday, datetime.min.time(), UTC)
    posts += [(start + timedelta(hours=i), True) for i in range(14 if fire else 1)]
    for n, (when, flagged) in enumerate(posts):
        session.add(
            SpeechPost(
                source="csv",
                source_id=f"p{n}",
                channel="@ch",
                author=f"user{n % 7}",
                posted_at=when,
                country_id=kenya,
                text=f"post {n}",
                score=0.9 if flagged else 0.1,
                label="hateful" if flagged else "non-hateful",
                category="dehumanisation" if flagged else "none",
                target="migrants" if flagged else "",
                lexicon_terms=[],
                views=10,
                shares=1,
                followers=100,
                model="test",
            )
        )
    session.flush()
    return monday + timedelta(days=8)


def submission_cluster(session: Session, fire: bool) -> date:
    """Three submissions about West Darfur (a resolved admin-1 unit) in two days (fire) or
    two (quiet)."""
    sudan = _country(session, "SDN")
    for i in range(3 if fire else 2):
        session.add(
            Submission(
                ref=f"R-TEST{i:02d}",
                what="",
                received_hour=datetime(2026, 11, 18 + i % 2, 10, tzinfo=UTC),
                country_text="SDN",
                country_id=sudan,
                admin1="West Darfur",
                how_known="saw",
                receipt_lookup=f"lookup{i}".ljust(64, "x"),
                reporter_key="0" * 64,
                status="new",
                checklist={},
                updated_at=datetime.now(UTC),
            )
        )
    session.flush()
    return date(2026, 11, 20)


SEEDS: dict[str, Seed] = {
    "assessment-raised": assessment_raised,
    "civilian-surge": civilian_surge,
    "civilian-surge-admin1": civilian_surge,  # the seeded events all lie in one admin-1 unit
    "conflict-surge": civilian_surge,  # all deaths count, civilians' included
    "new-perpetrator": new_perpetrator,
    "new-area": new_area,
    "rank-jump": rank_jump,
    "speech-surge": speech_surge,
    "submission-cluster": submission_cluster,
    "yearly-surge": yearly_surge,
}


def test_every_signal_has_seeds() -> None:
    assert set(SEEDS) == set(SIGNALS.names())


@pytest.mark.parametrize("name", SIGNALS.names())
def test_signal_contract(name: str, sqlite_database: Database) -> None:
    cls = SIGNALS.get(name)
    assert cls.name == name and cls.summary
    with pytest.raises(ValidationError):
        SIGNALS.create(name, not_a_setting=1)
    with sqlite_database.session() as session:
        assert SIGNALS.create(name).detect(session, date(2024, 1, 1)) == []


def _detect_on_seed(db: Database, name: str, fire: bool) -> list[AlertCandidate]:
    with db.session() as session:
        as_of = SEEDS[name](session, fire)
    with db.session() as session:
        return SIGNALS.create(name).detect(session, as_of)


@pytest.mark.parametrize("name", SIGNALS.names())
def test_signal_fires_on_its_seed(name: str, sqlite_country_database: Database) -> None:
    found = _detect_on_seed(sqlite_country_database, name, fire=True)
    assert len(found) >= 1 and all(c.signal == name for c in found)
    assert all(c.title and c.summary and c.dedup_key for c in found)


@pytest.mark.parametrize("name", SIGNALS.names())
def test_signal_stays_quiet_on_a_near_miss(name: str, sqlite_country_database: Database) -> None:
    found = _detect_on_seed(sqlite_country_database, name, fire=False)
    assert found == [], [c.title for c in found]
