"""Loading the real EWP data: idempotent, atomic, and bad input refused clearly."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from tocsin.sources.ewp import PanelFormatError, read_predictors
from tocsin.store.db import Database
from tocsin.store.load_ewp import EpisodeFormatError, SourceFile, load_ewp
from tocsin.store.models import Country, Episode, PanelValue, Provenance
from tocsin.store.panel import episodes_for, find_country, indicator_series

PANEL = "prepared2024predictors-2025-09-03.csv"
EPISODES = "EWP mass killing events master list_2025.xlsx"


def _source(dataset: str, path: Path) -> SourceFile:
    return SourceFile(dataset, path, hashlib.sha256(path.read_bytes()).hexdigest(), "test")


def _sources(ewp: Path) -> list[SourceFile]:
    return [_source("ewp-predictors", ewp / PANEL), _source("ewp-episodes", ewp / EPISODES)]


_PANEL_KEY = (PanelValue.country_id, PanelValue.year, PanelValue.indicator)


def _snapshot(db: Database) -> tuple:
    with db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(Country)),
            s.scalar(select(func.count()).select_from(PanelValue)),
            # every stored value, in a fixed order (a SQL SUM of floats is not deterministic
            # on PostgreSQL, whose parallel workers add in varying order)
            hash(tuple(s.execute(select(*_PANEL_KEY, PanelValue.value).order_by(*_PANEL_KEY)))),
            s.scalar(select(func.count()).select_from(Episode)),
            tuple(s.scalars(select(Provenance.sha256).order_by(Provenance.id))),
        )


@pytest.mark.shared_data
def test_load_is_complete_and_idempotent(database: Database, shared_data: Path) -> None:
    report = load_ewp(database, _sources(shared_data / "ewp"))
    assert report.loaded["ewp-episodes"] == 157
    first = _snapshot(database)
    assert first[3] == 157 and len(first[4]) == 2
    again = load_ewp(database, _sources(shared_data / "ewp"))
    assert again.loaded == {} and set(again.unchanged) == {"ewp-predictors", "ewp-episodes"}
    assert again.countries_added == 0
    assert _snapshot(database) == first
    with database.session() as s:
        sudan = find_country(s, "Sudan")
        series = dict(indicator_series(s, sudan, "mk_onset"))
        assert series[2023] == 1.0  # the RSF campaign in Darfur began in 2023
        episodes = episodes_for(s, sudan)
        assert any(e.start_year == 2023 and e.ongoing for e in episodes)
        myanmar = episodes_for(s, find_country(s, "Myanmar"))
        assert any(e.perpetrator and e.target for e in myanmar)  # matched from sheet Ongoing


@pytest.mark.shared_data
def test_failure_half_way_leaves_database_unchanged(
    database: Database, shared_data: Path, tmp_path: Path
) -> None:
    # The stored version: the real panel's first 1,500 country-years (an extract made
    # here, so the two loads below take seconds, not a minute) with the real episodes.
    lines = (shared_data / "ewp" / PANEL).read_text().splitlines()
    current = tmp_path / "current" / PANEL
    current.parent.mkdir()
    current.write_text("\n".join(lines[:1501]) + "\n")
    load_ewp(
        database,
        [
            _source("ewp-predictors", current),
            _source("ewp-episodes", shared_data / "ewp" / EPISODES),
        ],
    )
    before = _snapshot(database)
    assert before[1] > 10_000  # the extract stored values the failed load would replace
    # A new panel version (loaded first, in the same transaction) ...
    panel = tmp_path / PANEL
    panel.write_text("\n".join(lines[:1451]) + "\n")
    # ... and an episode workbook with a corrupt start year, which fails after it.
    workbook = tmp_path / EPISODES
    shutil.copy(shared_data / "ewp" / EPISODES, workbook)
    book = openpyxl.load_workbook(workbook)
    sheet = book["mk_events"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=40, column=header.index("startyear") + 1, value="nineteen-ninety")
    book.save(workbook)
    with pytest.raises(EpisodeFormatError, match=r"sheet 'mk_events', row 40: 'nineteen-ninety'"):
        load_ewp(database, [_source("ewp-predictors", panel), _source("ewp-episodes", workbook)])
    assert _snapshot(database) == before


def _write_panel(tmp_path: Path, shared_data: Path, edit: callable) -> Path:
    import pandas as pd

    frame = pd.read_csv(shared_data / "ewp" / PANEL, dtype=str, keep_default_na=False)
    frame = edit(frame)
    path = tmp_path / "panel.csv"
    frame.to_csv(path, index=False)
    return path


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda f: f.drop(columns=["discrimpop"]), r"missing column\(s\): discrimpop"),
        (
            lambda f: f.assign(**{"gdppcgrowth": f["gdppcgrowth"].where(f.index != 11, "fast")}),
            r"column 'gdppcgrowth', row 12: 'fast' is not a number",
        ),
        (
            lambda f: f.assign(ewp_name=f["ewp_name"].where(f.index != 5, "Atlantis")),
            r"row 6: unknown country 'Atlantis'",
        ),
        (
            lambda f: f.assign(mk_onset=f["mk_onset"].where(f.index != 3, "2")),
            r"column 'mk_onset', row 4: outcome must be 0 or 1",
        ),
    ],
)
def test_bad_panel_is_refused_with_location(
    tmp_path: Path, shared_data: Path, edit: callable, message: str
) -> None:
    with pytest.raises(PanelFormatError, match=message):
        read_predictors(_write_panel(tmp_path, shared_data, edit))
