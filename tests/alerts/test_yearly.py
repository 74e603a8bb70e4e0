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
from tocsin.analysis.events.yearly import (
    agreement,
    country_yearly,
    export_yearly,
    load_yearly,
    store_yearly,
    yearly_series,
)
from tocsin.config import Settings, load_settings
from tocsin.sources.ucdp_yearly import YearlyDeaths, YearlyFormatError, read_country_year
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.store.models import Alert, Country, Provenance, YearlyDeath
from tocsin.web.app import create_app

CY_COLUMNS = [
    "country_id_cy",
    "country_cy",
    "year_cy",
    *[f"{s}_{b}_cy" for s in ("sb_total_deaths", "ns_total_deaths", "os_total_deaths")
      for b in ("best", "high", "low")],
]  # fmt: skip


ZERO6 = [0] * 6


def _cy_file(tmp_path: Path, rows: list[list[object]]) -> Path:
    path = tmp_path / "organizedviolencecy.csv"
    pd.DataFrame(rows, columns=CY_COLUMNS).to_csv(path, index=False)
    return path


def test_country_year_deaths_follow_ucdp_attribution(tmp_path: Path) -> None:
    path = _cy_file(
        tmp_path,
        [
            ["290", "Poland", "2022", 2, 2, 2, 0, 0, 0, 0, 0, 0],
            ["678.0", "Yemen", "1989", 7, 7, 7, 1, 1, 1, 3, 4, 2],  # North Yemen before 1990
            ["678", "Yemen", "2024", 9, 9, 9, 0, 0, 0, 5, 6, 4],
        ],
    )
    data = read_country_year(path)
    got = {
        (r["code"], r["gwno"], r["year"], r["kind"]): r["best"]
        for r in data.frame.to_dict("records")
    }
    assert got[("POL", 290, 2022, "state-based")] == 2  # no share of the war next door
    assert got[("YAR", 678, 1989, "one-sided")] == 3 and got[("YEM", 678, 2024, "one-sided")] == 5
    assert len(got) == 9 and not data.unmapped


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["999", "Narnia", "2020", 1, 1, 1, *ZERO6], "'country_id_cy', row 1: unknown country"),
        (["290", "Poland", "2020", -4, 0, 0, *ZERO6], "'sb_total_deaths_best_cy', row 1: '-4'"),
        (["290", "Poland", "20x0", 4, 0, 0, *ZERO6], "column 'year_cy', row 1: '20x0'"),
        (["290", "Poland", "1066", 4, 0, 0, *ZERO6], "'year_cy', row 1: 1066 is not a possible"),
        (["290", "Poland", "2020", "n/a", 0, 0, *ZERO6], "row 1: 'n/a' is not"),
    ],
)  # fmt: skip
def test_malformed_yearly_files_are_refused_with_where(
    tmp_path: Path, row: list[object], message: str
) -> None:
    path = _cy_file(tmp_path, [row])
    with pytest.raises(YearlyFormatError, match=message.replace("(", r"\(")):
        read_country_year(path)
    path.write_text("country_id_cy,year_cy\n290,2020\n")
    with pytest.raises(YearlyFormatError, match="missing column.*sb_total_deaths_best_cy"):
        read_country_year(path)


@pytest.mark.shared_data
def test_real_country_year_file_reads_whole(shared_data: Path) -> None:
    path = shared_data / "events" / "ucdp" / "organizedviolencecy_v25_1.csv"
    data = read_country_year(path)
    raw = pd.read_csv(path)
    assert len(data.frame) == 3 * len(raw)
    one_sided = data.frame[data.frame["kind"] == "one-sided"]
    assert one_sided["best"].sum() == raw["os_total_deaths_best_cy"].sum()
    rwanda_1994 = one_sided.query("code == 'RWA' and year == 1994")
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
    assert first.rows == {"ucdp-organizedviolence-cy-25.1": 3 * 6936}
    with countries_db.session() as s:
        again = load_yearly(s, settings)
        assert not again.rows and set(again.skipped) == set(first.rows)
        assert s.scalar(select(func.count()).select_from(YearlyDeath)) == sum(first.rows.values())
        assert s.scalar(select(func.count()).select_from(Provenance)) == 1
        poland = s.scalar(select(Country.id).where(Country.code == "POL"))
        state_based = dict(country_yearly(s, poland)["state-based"])
        export = export_yearly(s)
    assert state_based[2022] == 2  # not 30,501: the war in Ukraine is not split into Poland
    assert min(state_based) == 1989 and max(state_based) == 2024
    assert list(export.columns) == ["iso3", "gwno", "year", "measure", "deaths"]
    check = agreement(
        export, read_country_year(settings.mirror / "events/ucdp/organizedviolencecy_v25_1.csv")
    )
    assert check.compared == 3 * 6936 and check.share >= 0.99, check.differences.head()
    broken = export.copy()
    broken.loc[broken["measure"] == "one-sided", "deaths"] += 1  # a third of values wrong
    assert (
        agreement(
            broken, read_country_year(settings.mirror / "events/ucdp/organizedviolencecy_v25_1.csv")
        ).share
        < 0.99
    )


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
        run_signals(s, date(2021, 3, 1), ["yearly-surge"])  # latest year before: 2020
        alerts = s.scalars(select(Alert)).all()
        assert [a.title for a in alerts] == [
            "Nigeria: surge in deaths in one-sided violence against civilians in 2020"
        ]
        alert = alerts[0]
        assert alert.observed == 900 and alert.baseline == pytest.approx(2.4)
        # 900 civilians killed in a year: high; a mass killing (1,000 or more) is critical
        assert alert.unusualness < 1e-6 and alert.severity == "high"
        assert alert.category == "atrocity" and alert.since == date(2020, 1, 1)
        assert alert.evidence[0].ref == "NGA:one-sided:2020"
        again = run_signals(s, date(2021, 6, 1), ["yearly-surge"])
        assert not again.created and not again.merged  # the same year: nothing changes
        assert [h.action for h in alert.history] == ["created"]
        later = run_signals(s, date(2022, 6, 1), ["yearly-surge"])  # 2021: DR Congo's surge
        congo = s.scalar(select(Country.id).where(Country.code == "COD"))
        assert [s.get(Alert, i).country_id for i in later.created] == [congo]
        assert s.get(Alert, later.created[0]).severity == "critical"  # 2,100 killed
        assert later.resolved == [alert.id]  # a quiet year in Nigeria resolves its alert
        assert alert.status == "closed" and alert.history[-1].action == "resolved"


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


def test_data_check_flags_implausible_jumps_and_signals_skip_them(
    countries_db: Database,
) -> None:
    from tocsin.analysis.events.ingest import upsert_events
    from tocsin.analysis.events.quality import check_yearly

    zeros = [0.0] * 10
    data = _synthetic({"POL": [*zeros, 30_500], "NGA": [*zeros, 3_000], "ETH": [*zeros, 40]})
    with countries_db.session() as s:
        store_yearly(s, "test", data, actor="test")
        located = {
            "source": "ucdp-ged", "source_id": "1", "event_date": date(2020, 5, 1),
            "date_precision": 1, "country_code": "NGA", "admin1": "Borno", "latitude": None,
            "longitude": None, "category": "one-sided", "sub_type": None,
            "against_civilians": True, "actor1": "A", "actor2": "Civilians",
            "fatalities_best": 40.0, "fatalities_low": 40.0, "fatalities_high": 40.0, "notes": "",
        }  # fmt: skip
        quiet_poland = {
            **located,
            "source_id": "2",
            "country_code": "POL",
            "event_date": date(2019, 5, 1),
            "fatalities_best": 0.0,
        }
        later_poland = {**quiet_poland, "source_id": "3", "event_date": date(2021, 5, 1)}
        upsert_events(s, pd.DataFrame([located, quiet_poland, later_poland]))
    with countries_db.session() as s:
        flags = check_yearly(s)
        # Poland's event record covers 2020 with no deaths; Nigeria's jump is corroborated;
        # Ethiopia's is small
        assert [(f.country_code, f.year, f.blocking) for f in flags] == [("POL", 2020, True)]
        report = run_signals(s, date(2021, 3, 1), ["yearly-surge"])
        titles = [s.get(Alert, i).title for i in report.created]
        assert any(t.startswith("Nigeria") for t in titles)
        assert not any(t.startswith("Poland") for t in titles)
        assert any("skipped Poland 2020 one-sided" in note for note in report.notes)
