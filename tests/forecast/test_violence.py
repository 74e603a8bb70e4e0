"""Violence-by-type predictors: the reader refuses bad files, missing years and countries
are named, uncovered country-years are flagged rather than read as peace, and the
features mean what their names say."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tocsin.analysis.forecast.neighbours import DATA_FILE, derive_pairs, neighbour_pairs
from tocsin.analysis.forecast.violence import (
    MISSING,
    TYPES,
    ViolenceDataError,
    check_coverage,
    join_violence,
    read_country_year,
    violence_columns,
    violence_features,
    violence_labels,
)

HEADER = ["country_id_cy", "country_cy", "year_cy", *TYPES.values(), "sb_dyad_names_cy"]


def _write(path: Path, rows: list[list[object]]) -> Path:
    pd.DataFrame(rows, columns=HEADER).to_csv(path, index=False)
    return path


def _panel(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["ewp_name", "ccode", "year"])


def test_reader_names_the_bad_cell(tmp_path: Path) -> None:
    path = _write(tmp_path / "cy.csv", [[500, "Uganda", 1990, 5, 0, 0, "n/a"]])
    assert read_country_year(path)["os"].tolist() == [5.0]  # literal "n/a" text is fine
    bad = tmp_path / "bad.csv"
    lines = [",".join(HEADER), "500,Uganda,1990,5,0,0,", "500,Uganda,1991,5,many,0,"]
    bad.write_text("\n".join(lines) + "\n")
    with pytest.raises(
        ViolenceDataError, match=r"bad.csv, column ns_total_deaths_best_cy, .*row 2"
    ):
        read_country_year(bad)
    pd.DataFrame({"country_id_cy": [500]}).to_csv(tmp_path / "cols.csv", index=False)
    with pytest.raises(ViolenceDataError, match="missing column.*year_cy"):
        read_country_year(tmp_path / "cols.csv")


def test_missing_year_or_country_is_named() -> None:
    violence = pd.DataFrame({"gwcode": [500, 500], "year": [1990, 1991]})
    panel = _panel([("Uganda", 500, 1990), ("Uganda", 500, 1991), ("Uganda", 500, 1992)])
    with pytest.raises(ViolenceDataError, match=r"no rows for year\(s\) 1992"):
        check_coverage(violence, panel, "cy.csv")
    panel = _panel([("Uganda", 500, 1990), ("Kenya", 501, 1990), ("Kenya", 501, 1985)])
    with pytest.raises(ViolenceDataError, match=r"no rows for countries: Kenya \(GW 501\)"):
        check_coverage(violence, panel, "cy.csv")
    # years before UCDP's coverage are not asked for
    check_coverage(violence, _panel([("Uganda", 500, 1980), ("Uganda", 500, 1990)]), "cy.csv")


def test_features_and_filling_rule() -> None:
    violence = pd.DataFrame(
        {
            "gwcode": [500] * 4 + [501] * 4,
            "year": [1989, 1990, 1991, 1992] * 2,
            "os": [0.0, 150.0, 0.0, 0.0, 3.0, 7.0, 0.0, 0.0],
            "ns": [0.0] * 8,
            "sb": [0.0] * 8,
        }
    )
    neighbours = pd.DataFrame({"country": [500, 501], "neighbour": [501, 500]})
    features = violence_features(violence, neighbours)
    panel = _panel([("Uganda", 500, y) for y in (1988, 1989, 1990, 1991, 1992)])
    frame = join_violence(panel, features).set_index("year")
    # before 1989: flagged missing, features NaN (never a silent 0 meaning peace)
    assert frame.loc[1988, MISSING] == 1 and np.isnan(frame.loc[1988, "os.log2"])
    assert (frame.loc[1989:, MISSING] == 0).all()
    assert frame.loc[1990, "os.log2"] == pytest.approx(np.log2(151))
    assert np.isnan(frame.loc[1989, "os.d1"])  # no previous covered year
    assert frame.loc[1991, "os.d1"] == pytest.approx(-np.log2(151))
    # spike of 150 in 1990: 0 years since in 1990, 2 in 1992; none yet in 1989 (censored)
    assert frame.loc[1990, "os.since_spike"] == 0
    assert frame.loc[1992, "os.since_spike"] == pytest.approx(np.log2(3))
    assert frame.loc[1989, "os.since_spike"] == pytest.approx(1.0)  # counted from 1988
    # the neighbour's (Kenya's) deaths, not Uganda's own
    assert frame.loc[1990, "nb_os.log2"] == pytest.approx(np.log2(8))
    assert frame.loc[1990, "nb_os.d1"] == pytest.approx(np.log2(8) - np.log2(4))
    assert set(violence_columns()) <= set(frame.columns)


def test_deaths_enter_per_million_inhabitants() -> None:
    """The level feature is deaths per million inhabitants (ensemble 2.1), so the same
    deaths weigh more in a small country; no deaths is 0 even without a population."""
    violence = pd.DataFrame(
        {
            "gwcode": [500, 501, 502],
            "year": [1990] * 3,
            "os": [999.0, 999.0, 0.0],
            "ns": [0.0] * 3,
            "sb": [0.0] * 3,
        }
    )
    neighbours = pd.DataFrame({"country": [], "neighbour": []}, dtype=int)
    panel = _panel([("Uganda", 500, 1990), ("Kenya", 501, 1990), ("Rwanda", 502, 1990)])
    panel["popsize.log2"] = [np.log2(10e6), np.log2(1e6), np.nan]
    frame = join_violence(panel, violence_features(violence, neighbours)).set_index("ewp_name")
    assert frame.loc["Uganda", "os.pc"] == pytest.approx(np.log2(1 + 99.9))
    assert frame.loc["Kenya", "os.pc"] == pytest.approx(np.log2(1 + 999))
    assert frame.loc["Rwanda", "os.pc"] == 0.0  # no deaths: 0 per capita, population unknown
    assert frame.loc["Uganda", "os.log2"] == frame.loc["Kenya", "os.log2"]  # raw level kept
    own = [c for c in violence_columns() if not c.startswith("nb_")]
    assert {"os.pc", "ns.pc", "sb.pc"} <= set(own)
    assert not {"os.log2", "ns.log2", "sb.log2"} & set(own)  # raw deaths no longer a feature
    labels = violence_labels()
    assert (
        labels["os.pc"]
        == "Deaths in one-sided violence against civilians per million inhabitants (log2)"
    )
    missing = join_violence(
        _panel([("Uganda", 500, 1988)]), violence_features(violence, neighbours)
    )
    assert np.isnan(missing["os.pc"].iloc[0])  # uncovered year: missing, not peace
    no_population = join_violence(
        _panel([("Uganda", 500, 1990)]), violence_features(violence, neighbours)
    )
    assert np.isnan(no_population["os.pc"].iloc[0])  # deaths without a population: unknown


def test_stored_neighbours_match_the_installed_geometry() -> None:
    geometry = Path(__file__).parents[2] / ".build/npm/node_modules/world-atlas/countries-110m.json"
    if not geometry.is_file():
        pytest.skip("map geometry not installed (scripts/setup.sh)")
    stored = neighbour_pairs()
    pd.testing.assert_frame_equal(derive_pairs(geometry), stored)
    pairs = set(map(tuple, stored.to_numpy()))
    assert (625, 626) in pairs and (626, 625) in pairs  # Sudan - South Sudan
    assert (475, 471) in pairs  # Nigeria - Cameroon
    assert {b for a, b in pairs if a == 200} == {205}  # the United Kingdom: Ireland only
    assert DATA_FILE.is_file()
