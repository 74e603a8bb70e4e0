"""The country reference: every EWP country resolves; lookups by any key; suggestions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tocsin.reference import countries
from tocsin.reference.countries import UnknownCountryError, lookup


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("Burma/Myanmar", "MMR"),
        ("myanmar (burma)", "MMR"),
        ("Côte d'Ivoire", "CIV"),
        ("cote d ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("COD", "COD"),
        (490, "COD"),
        ("490", "COD"),
        (260, "DEU"),  # Gleditsch-Ward code of Germany
        (255, "DEU"),  # its COW code, used in the EWP files
        ("East Germany", "DDR"),
        ("People's Republic of Yemen", "YMD"),
        ("Republic of Vietnam", "RVN"),
        ("Kyrgystan", "KGZ"),  # EWP spelling
        ("Palestine", "PSE"),  # not in the EWP panel, still a country
    ],
)
def test_lookup_by_any_key(key: str | int, code: str) -> None:
    assert lookup(key).code == code


def test_unknown_name_suggests_closest() -> None:
    with pytest.raises(UnknownCountryError) as info:
        lookup("Untied States")
    assert "United States" in info.value.suggestions
    assert "Did you mean: United States" in str(info.value)
    with pytest.raises(UnknownCountryError):
        lookup(99999)


def test_codes_are_unique() -> None:
    refs = countries.all_countries()
    assert len({r.code for r in refs}) == len(refs)
    ewp = countries.ewp_countries()
    assert len({r.ewp_name for r in ewp}) == len(ewp) >= 173
    assert all(r.region for r in ewp)


@pytest.mark.shared_data
def test_every_ewp_country_resolves(shared_data: Path) -> None:
    ewp = shared_data / "ewp"
    keys: set[object] = set()
    panel = pd.read_csv(ewp / "prepared2024predictors-2025-09-03.csv")
    keys |= set(panel["ewp_name"]) | set(panel["ccode"])
    base = pd.read_csv(ewp / "basedata2025_4august2025.csv")
    keys |= set(base["country"]) | set(base["ewp_name"].dropna()) | set(base["ccode"])
    names = pd.read_csv(ewp / "countrynamesheet_complete.csv")
    keys |= set(names["country"]) | set(names["ewp_name"]) | set(names["ccode"])
    forecasts = pd.read_csv(ewp / "final_forecasts_data_3Sep2025.csv")
    keys |= set(forecasts["ewp_name"])
    sheets = pd.read_excel(ewp / "EWP mass killing events master list_2025.xlsx", sheet_name=None)
    keys |= set(sheets["mk_events"]["country"].dropna())
    keys |= set(sheets["mk_events"]["mk_location_cow"].dropna().astype(int))
    keys |= set(sheets["Ongoing"]["Country"].dropna()) | set(sheets["Ended"]["Country"].dropna())
    for name in ("wdi.csv", "un_imr_clean.csv"):
        frame = pd.read_csv(ewp / name).dropna(subset=["ccode"])  # rows without ccode: aggregates
        keys |= set(frame["iso3c"]) | set(frame["ccode"].astype(int))
    coups = pd.read_csv(ewp / "all-coups.csv")
    keys |= set(coups["country"]) | set(coups["ccode"])
    epr = pd.read_csv(ewp / "epr-data.csv")
    keys |= set(epr["countryname"]) | set(epr["countries_gwid"])
    unresolved = []
    for key in keys:
        try:
            lookup(int(key) if isinstance(key, float) else key)
        except UnknownCountryError as exc:
            unresolved.append(str(exc))
    assert not unresolved, "\n".join(sorted(unresolved))
    # each EWP name maps to the country carrying that EWP name
    for name, code in set(zip(panel["ewp_name"], panel["ccode"], strict=True)):
        assert lookup(name).ewp_name == name and lookup(name).cowcode == code
