"""Readers for the Early Warning Project files, validating layout before use.

A file with missing columns or values of the wrong type is refused with an error
naming the file, column and row (1-based data row, header excluded), never loaded.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tocsin.reference.countries import UnknownCountryError, lookup

PREDICTORS: tuple[str, ...] = (
    "widetargeting",
    "narrowtargeting",
    "v2csgender_binary",
    "v2mecenefm_binary",
    "partyban.new.0",
    "partyban.new.1",
    "partyban.new.2",
    "minorityrule",
    "judicialreform",
    "religiousfreedom",
    "pol_killing_approved",
    "freediscussion",
    "social_inequality",
    "even_civilrights",
    "repress_civilsoc",
    "social_power_dist",
    "ses_power_dist",
    "popsize.log2",
    "gdppcgrowth",
    "un_imr_sqrt",
    "efindex",
    "discrimpop",
    "reg.na",
    "reg.eap",
    "reg.sca",
    "reg.mna",
    "reg.eur",
    "ios.iccpr1",
    "battledeaths.log2",
    "coup.try.5yr",
    "mk_ongoing_count_log2",
    "mean_mk_onset_interaction",
    "mk_onset_prev_year",
    "newcountry",
    "mk_ever",
    "year_sq",
    "countryage.new.log2",
    "includesnonstate",
)
OUTCOMES: tuple[str, ...] = ("mk_onset", "mk_onset_1", "mk_onset_2", "mk_onset_1or2")
ID_COLUMNS: tuple[str, ...] = ("ewp_name", "year", "ccode")


class PanelFormatError(ValueError):
    """The panel file's layout or contents are not what the model expects."""


def read_predictors(path: Path) -> pd.DataFrame:
    """Read and validate the EWP modelling panel (``prepared2024predictors-*.csv``).

    Returns one row per country-year with ``ewp_name``, ``year``, ``ccode``, every
    predictor (float, may be missing) and the outcomes (0/1, may be missing).
    """
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise PanelFormatError(f"{path}: cannot be read as CSV: {exc}") from exc
    required = ID_COLUMNS + PREDICTORS + OUTCOMES
    missing = [c for c in required if c not in raw.columns]
    if missing:
        raise PanelFormatError(f"{path}: missing column(s): {', '.join(missing)}")
    frame = pd.DataFrame({"ewp_name": raw["ewp_name"].str.strip()})
    blank = frame.index[frame["ewp_name"] == ""]
    if len(blank):
        raise PanelFormatError(f"{path}: row {blank[0] + 1}: empty ewp_name")
    for column in required[1:]:
        text = raw[column].str.strip().replace({"NA": "", "NaN": "", "nan": ""})
        values = pd.to_numeric(text, errors="coerce")
        bad = values.isna() & (text != "")
        if bad.any():
            row = int(bad.idxmax())
            raise PanelFormatError(
                f"{path}: column {column!r}, row {row + 1}: {raw.at[row, column]!r} is not a number"
            )
        frame[column] = values
    for column in ("year", "ccode"):
        if frame[column].isna().any():
            row = int(frame[column].isna().idxmax())
            raise PanelFormatError(f"{path}: column {column!r}, row {row + 1}: missing value")
        frame[column] = frame[column].astype(int)
    for column in OUTCOMES:
        bad = frame[column].notna() & ~frame[column].isin([0, 1])
        if bad.any():
            row = int(bad.idxmax())
            raise PanelFormatError(
                f"{path}: column {column!r}, row {row + 1}: outcome must be 0 or 1, "
                f"got {raw.at[row, column]!r}"
            )
    for name, first_row in frame.groupby("ewp_name", sort=False).groups.items():
        try:
            lookup(str(name))
        except UnknownCountryError as exc:
            raise PanelFormatError(f"{path}: row {first_row[0] + 1}: {exc}") from exc
    duplicated = frame.duplicated(["ewp_name", "year"])
    if duplicated.any():
        row = int(duplicated.idxmax())
        raise PanelFormatError(
            f"{path}: row {row + 1}: duplicate country-year "
            f"{frame.at[row, 'ewp_name']!r} {frame.at[row, 'year']}"
        )
    return frame


INDICATOR_LABELS: dict[str, tuple[str, str]] = {
    # name: (label, source)
    "widetargeting": ("Ongoing mass killing targeting a wide group", "EWP"),
    "narrowtargeting": ("Ongoing mass killing targeting a narrow group", "EWP"),
    "v2csgender_binary": ("Women's civil liberties restricted", "V-Dem"),
    "v2mecenefm_binary": ("Government censorship of the media", "V-Dem"),
    "partyban.new.0": ("All parties banned", "V-Dem"),
    "partyban.new.1": ("Some parties banned", "V-Dem"),
    "partyban.new.2": ("No party bans", "V-Dem"),
    "minorityrule": ("Ruling elite from an ethnic minority", "V-Dem"),
    "judicialreform": ("Judicial reform attacking court independence", "V-Dem"),
    "religiousfreedom": ("Freedom of religion", "V-Dem"),
    "pol_killing_approved": ("Political killings practised or approved", "V-Dem"),
    "freediscussion": ("Freedom of discussion", "V-Dem"),
    "social_inequality": ("Social-group equality in respect for civil liberties", "V-Dem"),
    "even_civilrights": ("Civil liberties evenly respected", "V-Dem"),
    "repress_civilsoc": ("Civil society repression", "V-Dem"),
    "social_power_dist": ("Power distributed by social group", "V-Dem"),
    "ses_power_dist": ("Power distributed by socio-economic position", "V-Dem"),
    "popsize.log2": ("Population (log2)", "World Bank WDI"),
    "gdppcgrowth": ("GDP per capita growth (%)", "World Bank WDI"),
    "un_imr_sqrt": ("Infant mortality rate (square root)", "UN IGME"),
    "efindex": ("Ethnic fractionalisation index", "EWP"),
    "discrimpop": ("Share of population politically discriminated", "EPR"),
    "reg.na": ("Region: North America", "EWP"),
    "reg.eap": ("Region: East Asia and Pacific", "EWP"),
    "reg.sca": ("Region: South and Central Asia", "EWP"),
    "reg.mna": ("Region: Middle East and North Africa", "EWP"),
    "reg.eur": ("Region: Europe", "EWP"),
    "ios.iccpr1": ("Party to the ICCPR first optional protocol", "UN treaties"),
    "battledeaths.log2": ("Battle-related deaths (log2)", "UCDP"),
    "coup.try.5yr": ("Coup attempt in the last five years", "Powell & Thyne"),
    "mk_ongoing_count_log2": ("Ongoing mass killings (log2 count)", "EWP"),
    "mean_mk_onset_interaction": ("Regional mass-killing onsets (interaction)", "EWP"),
    "mk_onset_prev_year": ("Mass-killing onset in the previous year", "EWP"),
    "newcountry": ("Country independent within the last two years", "EWP"),
    "mk_ever": ("Any mass killing ever", "EWP"),
    "year_sq": ("Year squared", "EWP"),
    "countryage.new.log2": ("Country age (log2 years)", "EWP"),
    "includesnonstate": ("Outcome includes non-state-led episodes", "EWP"),
    "mk_onset": ("Mass-killing onset this year", "EWP"),
    "mk_onset_1": ("Mass-killing onset next year", "EWP"),
    "mk_onset_2": ("Mass-killing onset in two years", "EWP"),
    "mk_onset_1or2": ("Mass-killing onset in either of the next two years", "EWP"),
}
