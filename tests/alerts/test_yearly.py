"""The yearly view: UCDP yearly deaths read, stored (both backends) and watched for surges."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tocsin.alerts.engine import run_signals
from tocsin.alerts.yearly import YearlySurgeSettings, yearly_surges
from tocsin.analysis.events.yearly import country_yearly, load_yearly, store_yearly, yearly_series
from tocsin.config import Settings, load_settings
from tocsin.sources.ucdp_yearly import (
    YearlyDeaths,
    YearlyFormatError,
    read_battle_deaths,
    read_deaths_by_type,
)
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.store.models import Alert, Country, Provenance, YearlyDeath
from tocsin.web.app import create_app

HEADER = "conflict_id,gwno_battle,year,bd_best,bd_low,bd_high\n"


def test_battle_deaths_split_among_battle_countries(tmp_path: Path) -> None:
    path = tmp_path / "bd.csv"
    path.write_text(
        HEADER + '1,"651, 652",2020,100,80,120\n2,651,2020,10,10,10\n3,999,2020,5,5,5\n'
        "4,678,1989,7,7,7\n5,678,2024,9,9,9\n"  # GW 678: North Yemen, then Yemen from 1990
    )
    data = read_battle_deaths(path)
    got = {(r["code"], r["year"]): r["best"] for r in data.frame.to_dict("records")}
    assert got == {("EGY", 2020): 60.0, ("SYR", 2020): 50.0, ("YAR", 1989): 7.0, ("YEM", 2024): 9.0}
    assert data.unmapped == {"999": 1}  # reported, not silently dropped


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("conflict_id,year,bd_best,bd_low,bd_high\n1,2020,1,1,1\n", "missing column(s): gwno_bat"),
        (HEADER + "1,651,2020,-4,0,0\n", "column 'bd_best', row 1: '-4'"),
        (HEADER + "1,651,20x0,4,0,0\n", "column 'year', row 1: '20x0'"),
    ],
)
def test_malformed_yearly_files_are_refused_with_where(
    tmp_path: Path, body: str, message: str
) -> None:
    path = tmp_path / "bd.csv"
    path.write_text(body)
    with pytest.raises(YearlyFormatError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_battle_deaths(path)


@pytest.mark.shared_data
def test_real_files_keep_their_totals(shared_data: Path) -> None:
    path = shared_data / "ewp" / "BattleDeaths_v25_1.csv"
    data = read_battle_deaths(path)
    assert data.frame["best"].sum() == pytest.approx(pd.read_csv(path)["bd_best"].sum())
    by_type = read_deaths_by_type(
        shared_data / "events" / "ucdp" / "ucdp_country_year_deaths_by_type.csv"
    )
    assert set(by_type.frame["kind"]) == {"state-based", "non-state", "one-sided"}
    assert {"World", "Africa"} <= set(by_type.unmapped)  # aggregates, not countries
    rwanda_1994 = by_type.frame.query("code == 'RWA' and year == 1994 and kind == 'one-sided'")
    assert rwanda_1994["best"].item() > 400_000  # the genocide against the Tutsi


@pytest.fixture
def countries_db(database: Database) -> Database:
    load_ewp(database, [])
    return database


@pytest.mark.shared_data
def test_load_yearly_is_idempotent_and_recorded(
    countries_db: Database, shared_data: Path, tmp_path: Path
) -> None:
    settings = load_settings(data_dir=tmp_path / "data", mirror=shared_data)
    with countries_db.session() as s:
        first = load_yearly(s, settings)
    assert first.rows["ucdp-battledeaths"] > 1000 and first.rows["ucdp-country-year-deaths"] > 10000
    with countries_db.session() as s:
        again = load_yearly(s, settings)
        assert not again.rows and set(again.skipped) == set(first.rows)
        assert s.scalar(select(func.count()).select_from(YearlyDeath)) == sum(first.rows.values())
        assert s.scalar(select(func.count()).select_from(Provenance)) == 2
        syria = s.scalar(select(Country.id).where(Country.code == "SYR"))
        battle = dict(country_yearly(s, syria)["battle"])
    assert battle[2013] > 10_000 and min(battle) == 1989 and max(battle) == 2024


def _synthetic(codes_deaths: dict[str, list[float]], first_year: int = 2010) -> YearlyDeaths:
    rows = [
        {"code": code, "year": first_year + i, "kind": "one-sided", "best": d, "low": d, "high": d}
        for code, deaths in codes_deaths.items()
        for i, d in enumerate(deaths)
    ]
    return YearlyDeaths(pd.DataFrame(rows))


def test_yearly_surge_alerts_on_the_latest_year_only(countries_db: Database) -> None:
    calm = [3, 0, 5, 2, 4, 1, 0, 3, 2, 4]
    data = _synthetic({"NGA": [*calm, 900], "ETH": [*calm, 6], "COD": [*calm, 4, 2100]})
    with countries_db.session() as s:
        store_yearly(s, "test", data, actor="test")
        series = yearly_series(s, "one-sided")
    # zero-filled over the data's span for every country that appears
    assert len(series) == 3 * 12 and series["best"].min() == 0
    with countries_db.session() as s:
        report = run_signals(s, date(2021, 3, 1), ["yearly-surge"])  # latest year before: 2020
        alerts = s.scalars(select(Alert)).all()
        assert [a.title for a in alerts] == [
            "Nigeria: surge in deaths in one-sided violence against civilians in 2020"
        ]
        alert = alerts[0]
        assert alert.observed == 900 and alert.baseline == pytest.approx(2.4)
        assert alert.unusualness < 1e-6 and alert.severity == "critical"
        assert alert.evidence[0].ref == "NGA:one-sided:2020"
        again = run_signals(s, date(2021, 6, 1), ["yearly-surge"])
        assert again.merged == report.created  # the same surge merges into the open alert
        later = run_signals(s, date(2022, 6, 1), ["yearly-surge"])  # 2021: DR Congo's surge
        congo = s.scalar(select(Country.id).where(Country.code == "COD"))
        assert [s.get(Alert, i).country_id for i in later.created] == [congo]


def test_surge_rule_needs_history_and_minimum(countries_db: Database) -> None:
    settings = YearlySurgeSettings(min_deaths=25)
    frame = pd.DataFrame(
        {"country_id": 1, "year": range(2000, 2008), "best": [0, 0, 0, 0, 0, 0, 20, 400]}
    )
    flags = yearly_surges(frame, settings).set_index("year")
    assert 2004 not in flags.index  # fewer than five years of history
    assert not flags.loc[2006, "surge"]  # unusual but below the minimum
    assert flags.loc[2007, "surge"] and flags.loc[2007, "previous_max"] == 20
    with pytest.raises(ValueError, match="unknown kind"):
        YearlySurgeSettings(kinds=("famine",))


def test_country_page_and_api_show_the_yearly_view(
    settings: Settings, countries_db: Database
) -> None:
    with countries_db.session() as s:
        store_yearly(s, "test", _synthetic({"NGA": [3, 0, 5, 2, 4, 1, 0, 3, 2, 4, 900]}), "test")
    with TestClient(create_app(settings, countries_db)) as client:
        api = client.get("/api/v1/countries/Nigeria/violence").json()
        assert api["yearly"]["one-sided"][-1] == {"year": 2020, "deaths": 900.0}
        page = client.get("/countries/NGA").text
        assert "Organised violence" in page and "2020: 900" in page
        assert client.get("/api/v1/countries/Narnia/violence").status_code == 404


def test_signal_settings_come_from_the_config_file(countries_db: Database, tmp_path: Path) -> None:
    from pydantic import ValidationError

    from tocsin.plugins import UnknownPluginError

    config = tmp_path / "tocsin.toml"
    config.write_text('[signals.yearly-surge]\nmin_deaths = 1000\nkinds = ["one-sided"]\n')
    settings = load_settings(config_file=config)
    calm = [3, 0, 5, 2, 4, 1, 0, 3, 2, 4]
    with countries_db.session() as s:
        store_yearly(s, "test", _synthetic({"NGA": [*calm, 900]}), actor="test")
        strict = run_signals(s, date(2021, 3, 1), ["yearly-surge"], config=settings.signals)
        assert strict.by_signal == {"yearly-surge": 0}  # 900 deaths < the configured 1000
        with pytest.raises(UnknownPluginError, match="yearly-surg"):
            run_signals(s, date(2021, 3, 1), config={"yearly-surg": {}})
        with pytest.raises(ValidationError, match="bogus"):
            run_signals(
                s, date(2021, 3, 1), ["yearly-surge"], config={"yearly-surge": {"bogus": 1}}
            )
        assert run_signals(s, date(2021, 3, 1), ["yearly-surge"]).by_signal == {"yearly-surge": 1}
