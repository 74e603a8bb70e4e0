"""The track record scores alerts against outcomes defined from the phenomenon."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import select

from tocsin.alerts.record import (
    episode_starts,
    record_chart,
    score,
    spike_onsets,
    track_record,
)
from tocsin.analysis.events.ingest import upsert_events
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.store.models import Alert, Country, PanelValue

M = lambda s: pd.Period(s, freq="M")  # noqa: E731


def test_score_counts_hits_misses_leads_and_false_alarms() -> None:
    alerts = pd.DataFrame(
        {"code": ["SDN", "SDN", "NGA"], "month": [M("2020-03"), M("2022-06"), M("2020-01")]}
    )
    outcomes = pd.DataFrame(
        {"code": ["SDN", "NGA", "MLI"], "month": [M("2021-01"), M("2019-06"), M("2021-01")]}
    )
    r = score("s", alerts, outcomes, "EWP onset", country_years=10)
    assert (r.outcomes, r.warned, r.missed) == (3, 1, 2)  # NGA's alert came after its onset
    assert r.median_lead == 10 and (r.hits, r.false_alarms) == (1, 2)
    assert r.precision == 1 / 3 and r.alerts_per_country_year == 0.3
    assert b"<svg" in record_chart([r])


def test_episode_starts_and_spikes() -> None:
    firings = pd.DataFrame(
        {"key": ["a"] * 4, "month": [M("2020-01"), M("2020-02"), M("2020-06"), M("2020-07")]}
    )
    assert list(episode_starts(firings, 3)["month"]) == [M("2020-01"), M("2020-06")]
    months = pd.period_range("2019-01", "2021-12", freq="M")
    deaths = [0.0] * len(months)
    deaths[14], deaths[15], deaths[30] = 150, 300, 120  # Mar 2020, Apr 2020, Jul 2021
    series = pd.DataFrame({"code": "SDN", "month": months, "civilian_fatalities": deaths})
    assert list(spike_onsets(series, 100)["month"]) == [M("2020-03"), M("2021-07")]


def test_track_record_service(database: Database) -> None:
    load_ewp(database, [])
    with database.session() as s:
        sudan = s.scalar(select(Country).where(Country.code == "SDN"))
        s.add(PanelValue(country_id=sudan.id, year=2022, indicator="mk_onset", value=1.0))
        rows = [
            {
                "source": "test", "source_id": str(i),
                "event_date": date(2020 + i // 12, i % 12 + 1, 5),
                "date_precision": 1, "country_code": "SDN", "admin1": "Darfur", "latitude": None,
                "longitude": None, "category": "one-sided", "sub_type": None,
                "against_civilians": True, "actor1": "A", "actor2": "Civilians",
                "fatalities_best": 200.0 if i == 18 else 2.0, "fatalities_low": None,
                "fatalities_high": None, "notes": "",
            }
            for i in range(36)
        ]  # fmt: skip
        upsert_events(s, pd.DataFrame(rows))
        s.add(
            Alert(
                signal="civilian-surge",
                dedup_key="k",
                country_id=sudan.id,
                title="t",
                since=date(2021, 5, 1),
            )
        )
    with database.session() as s:
        records = {r.outcome: r for r in track_record(s)}
    onset, spike = records["EWP onset"], records["one-sided spike"]
    assert (onset.outcomes, onset.warned, onset.median_lead) == (1, 1, 8)  # May 2021 -> 2022
    assert (spike.outcomes, spike.warned, spike.median_lead) == (1, 1, 2)  # -> July 2021
    assert onset.country_years == 3
