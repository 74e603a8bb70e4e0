"""Early Warning Project 2025 Statistical Risk Assessment replication files."""

from tocsin.sources.datasets import Dataset, register

_COMMIT = "548cad77147d54cb59e529e7d390a6a7bdfe83b5"
_BASE = (
    "https://raw.githubusercontent.com/EarlyWarningProject/2025-Statistical-Risk-Assessment/"
    f"{_COMMIT}/"
)
_EWP_CITATION = (
    "Early Warning Project, Statistical Risk Assessment 2025, "
    "United States Holocaust Memorial Museum (Simon-Skjodt Center) with Dartmouth College."
)
_EWP_LICENCE = "EWP replication files; cite"


def _ewp(name: str, path: str, sha256: str, description: str, **kw: str) -> Dataset:
    return Dataset(
        name=name,
        group="ewp",
        filename=path.rsplit("/", 1)[-1],
        url=_BASE + path.replace(" ", "%20"),
        sha256=sha256,
        licence=kw.get("licence", _EWP_LICENCE),
        citation=kw.get("citation", _EWP_CITATION),
        description=description,
        version=f"EWP 2025 @ {_COMMIT[:7]}",
    )


register(
    _ewp(
        "ewp-predictors",
        "3.Modeling/prepared2024predictors-2025-09-03.csv",
        "92ade125d6e2d41742d373169c81a14bd623f48b4d865c72433f5f0296bf1780",
        "Modelling panel 1960-2024: 39 predictors and mass-killing onset outcomes.",
    ),
    _ewp(
        "ewp-basedata",
        "1.Buildcountryyears_and_mk_data/basedata2025_4august2025.csv",
        "917721d5c44e3956ddccba2266c51279fadf817b57bd0ced4f34aa343ba3097d",
        "Country-years 1934-2024 with mass-killing episode counts, onsets, offsets.",
    ),
    _ewp(
        "ewp-episodes",
        "1.Buildcountryyears_and_mk_data/EWP mass killing events master list_2025.xlsx",
        "308133ad1d049dfa861d36ee3c92e68eda58d61fd28b17c73a841d51984b67e4",
        "Mass-killing episodes since 1945 (sheets mk_events, Ongoing, Ended, state lists).",
    ),
    _ewp(
        "ewp-country-names",
        "1.Buildcountryyears_and_mk_data/countrynamesheet_complete.csv",
        "f76adca3885183e7d3ba0ec517ff16f6c35e22d927902cedcac07704c8d20816",
        "EWP country names with their codes.",
    ),
    _ewp(
        "ewp-forecasts-2025",
        "3.Modeling/final_forecasts_data_3Sep2025.csv",
        "1f6bb285e934aff927eb9cb414882e92d22fb8ffb041e3a70fb3da53efc5cb5d",
        "EWP's published forecasts from base year 2024 (risk of onset in 2025 or 2026).",
    ),
    _ewp(
        "ucdp-battledeaths",
        "2.Make-new-base-data/input/BattleDeaths_v25_1.csv",
        "656b3d5290ea12a61c1d80a8ed7f9805e3776952cc31dd3af93e4fbcbf7be87c",
        "UCDP Battle-Related Deaths dataset v25.1 (dyad-year).",
        licence="CC BY 4.0",
        citation="Davies et al. (2025), Journal of Peace Research 62(4); via EWP 2025.",
    ),
    _ewp(
        "epr",
        "2.Make-new-base-data/input/epr-data.csv",
        "ff296a8b61335ddc53b80ebef910e51c7c0a5d5a9527a877a21bf59bf82b4b09",
        "Ethnic Power Relations country-year aggregates: excluded/discriminated shares.",
        citation="Vogt et al. (2015), Journal of Conflict Resolution; ETH Zurich. Via EWP 2025.",
    ),
    _ewp(
        "coups",
        "2.Make-new-base-data/input/all-coups.csv",
        "4322398931ed79ce663cce4c98b8b2a149bb5bcfe38609771a1ffdd46b342d17",
        "Coup attempts by country-year (Powell & Thyne style).",
    ),
    _ewp(
        "wdi",
        "2.Make-new-base-data/input/wdi.csv",
        "8d1d45fef7b86caab5dfc5c27e54228f0f3a06ed7ef6011cb3feb46e487e101c",
        "World Bank World Development Indicators extract.",
        licence="CC BY 4.0",
        citation="World Bank, World Development Indicators; via EWP 2025.",
    ),
    _ewp(
        "un-imr",
        "2.Make-new-base-data/input/un_imr_clean.csv",
        "e0c57d8ab198ba73e0b64c6d9560a1d3bfb7d14c68da072c8328dfd874924eda",
        "UN infant mortality rates by country-year.",
        citation="UN Inter-agency Group for Child Mortality Estimation; via EWP 2025.",
    ),
)
