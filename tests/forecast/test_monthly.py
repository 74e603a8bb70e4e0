"""The monthly update counts one-sided violence to the month given and moves only the
countries that had it."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tocsin.analysis.forecast.monthly import monthly_update, one_sided_so_far, update_risks


def _events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "country_code": ["SDN", "SDN", "SDN", "NGA", "NGA"],
            "event_date": [
                date(2024, 1, 10),
                date(2024, 3, 2),
                date(2024, 5, 1),  # after the month counted
                date(2024, 2, 1),  # battle, not one-sided
                date(2023, 12, 30),  # last year
            ],
            "category": ["one-sided", "one-sided", "one-sided", "state-based", "one-sided"],
            "fatalities_best": [40.0, 60.0, 500.0, 300.0, 90.0],
        }
    )


def test_counts_one_sided_deaths_of_the_year_to_the_month() -> None:
    deaths = one_sided_so_far(_events(), 2024, 3)
    assert deaths.to_dict() == {"SDN": 100.0}


def test_update_moves_only_countries_with_one_sided_violence() -> None:
    yearly = pd.DataFrame({"code": ["NGA", "SDN", "NOR"], "risk_2yr": [0.05, 0.04, 0.001]})
    update = monthly_update(yearly, _events(), 2024, 3)
    table = update.table.set_index("code")
    assert update.label == "updated with events to 2024-03"
    assert table.loc["SDN", "risk_updated"] > 0.04 and table.loc["SDN", "rank_updated"] == 1
    assert table.loc["NGA", "risk_updated"] == pytest.approx(0.05)
    assert table.loc["NOR", "risk_updated"] == pytest.approx(0.001)
    # the same deaths over fewer months are a faster rate: a bigger move
    faster = update_risks(pd.Series([0.04], index=["SDN"]), pd.Series({"SDN": 100.0}), 1)
    assert faster.iloc[0] > table.loc["SDN", "risk_updated"]
    with pytest.raises(ValueError, match="months must be 1-12"):
        update_risks(pd.Series([0.04], index=["SDN"]), pd.Series(dtype=float), 13)
