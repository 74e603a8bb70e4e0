"""Readers for the Early Warning Project files, validating layout before use.

A file with missing columns or values of the wrong type is refused with an error
naming the file, column and row (1-based data row, header excluded), never loaded.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

PREDICTORS: tuple[str, ...] = (
    "widetargeting", "narrowtargeting", "v2csgender_binary", "v2mecenefm_binary",
    "partyban.new.0", "partyban.new.1", "partyban.new.2", "minorityrule", "judicialreform",
    "religiousfreedom", "pol_killing_approved", "freediscussion", "social_inequality",
    "even_civilrights", "repress_civilsoc", "social_power_dist", "ses_power_dist",
    "popsize.log2", "gdppcgrowth", "un_imr_sqrt", "efindex", "discrimpop", "reg.na",
    "reg.eap", "reg.sca", "reg.mna", "reg.eur", "ios.iccpr1", "battledeaths.log2",
    "coup.try.5yr", "mk_ongoing_count_log2", "mean_mk_onset_interaction",
    "mk_onset_prev_year", "newcountry", "mk_ever", "year_sq", "countryage.new.log2",
    "includesnonstate",
)  # fmt: skip
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
    duplicated = frame.duplicated(["ewp_name", "year"])
    if duplicated.any():
        row = int(duplicated.idxmax())
        raise PanelFormatError(
            f"{path}: row {row + 1}: duplicate country-year "
            f"{frame.at[row, 'ewp_name']!r} {frame.at[row, 'year']}"
        )
    return frame
