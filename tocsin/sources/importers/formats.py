"""Importers for UCDP GED (and UCDP Candidate events, same columns) and ACLED exports,
following their published codebooks."""

from __future__ import annotations

from datetime import date

import pandas as pd

from tocsin.sources.importers.base import (
    IMPORTERS,
    EventImporter,
    ImportResult,
    resolve_countries,
    row_lines,
    validate,
)

GED_TYPES = {"1": "state-based", "2": "non-state", "3": "one-sided"}


def _numbers(column: pd.Series) -> pd.Series:
    return pd.to_numeric(column.str.strip(), errors="coerce")


def _int_text(column: pd.Series) -> pd.Series:
    """Whole numbers written as floats by some converters ("70.0") back to "70"."""
    numbers = pd.to_numeric(column.str.strip(), errors="coerce")
    whole = numbers.notna() & (numbers == numbers.round())
    return column.str.strip().where(~whole, numbers.where(whole).astype("Int64").astype(str))


def _dates(column: pd.Series) -> pd.Series:
    """ISO dates ("2020-05-01", "2020-05-01 00:00:00.000"), or GED Explorer's
    "05/01/2020 00:00:00"; an impossible date (2020-02-30) is missing."""
    text = column.str.strip().str.slice(0, 10)
    parsed = pd.to_datetime(text, errors="coerce", format="%Y-%m-%d")
    us = parsed.isna() & text.str.match(r"\d{2}/\d{2}/\d{4}")
    if us.any():
        parsed[us] = pd.to_datetime(text[us], errors="coerce", format="%m/%d/%Y")
    return parsed.map(lambda d: None if pd.isna(d) else d.date())


@IMPORTERS.register
class UcdpGedImporter(EventImporter):
    """UCDP Georeferenced Event Dataset (GED) and Candidate events CSV."""

    name = "ucdp-ged"
    summary = "UCDP GED / Candidate events (type_of_violence 1, 2, 3; GW country codes)"
    required_columns = (
        "id",
        "type_of_violence",
        "side_a",
        "side_b",
        "country",
        "country_id",
        "adm_1",
        "latitude",
        "longitude",
        "date_prec",
        "date_start",
        "best",
        "high",
        "low",
    )
    column_aliases = {"best_est": "best", "high_est": "high", "low_est": "low"}

    def normalise(self, raw: pd.DataFrame, today: date) -> ImportResult:
        """GED's country_id is a Gleditsch-Ward code; type 3 is one-sided violence."""
        country_id = _int_text(raw["country_id"])
        country_raw = country_id.where(country_id != "", raw["country"])
        kind = _int_text(raw["type_of_violence"]).map(GED_TYPES)
        frame = pd.DataFrame(
            {
                "source": self.name,
                "source_id": _int_text(raw["id"]),
                "event_date": _dates(raw["date_start"]),
                "date_precision": _numbers(raw["date_prec"]),
                "country_code": resolve_countries(country_raw),
                "_country_raw": raw["country"],
                "_deaths_raw": raw["best"],
                "admin1": raw["adm_1"].str.strip().replace("", None),
                "latitude": _numbers(raw["latitude"]),
                "longitude": _numbers(raw["longitude"]),
                "category": kind,
                "sub_type": None,
                "against_civilians": kind == "one-sided",
                "actor1": raw["side_a"],
                "actor2": raw["side_b"],
                "fatalities_best": _numbers(raw["best"]),
                "fatalities_low": _numbers(raw["low"]),
                "fatalities_high": _numbers(raw["high"]),
                "notes": raw.get("source_headline", pd.Series("", index=raw.index)).str.slice(
                    0, 500
                ),
            }
        )
        columns = {
            "country": "country_id",
            "date": "date_start",
            "deaths": "best",
            "id": "id",
            "category": "type_of_violence",
        }
        return validate(frame, row_lines(raw), today, columns)


@IMPORTERS.register
class AcledImporter(EventImporter):
    """ACLED export CSV (event and sub-event types; violence against civilians kept apart)."""

    name = "acled"
    summary = "ACLED export (31 columns); fatalities are a single best estimate"
    required_columns = (
        "event_id_cnty",
        "event_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "country",
        "admin1",
        "latitude",
        "longitude",
        "fatalities",
        "notes",
    )

    def normalise(self, raw: pd.DataFrame, today: date) -> ImportResult:
        """ACLED's single fatality figure fills best, low and high; civilian targeting
        marks attacks on civilians as well as the 'Violence against civilians' type."""
        fatalities = _numbers(raw["fatalities"])
        targeting = raw.get("civilian_targeting", pd.Series("", index=raw.index)).str.strip()
        frame = pd.DataFrame(
            {
                "source": self.name,
                "source_id": raw["event_id_cnty"].str.strip(),
                "event_date": _dates(raw["event_date"]),
                "date_precision": _numbers(raw["time_precision"]),
                "country_code": resolve_countries(raw["country"].str.strip()),
                "_country_raw": raw["country"],
                "_deaths_raw": raw["fatalities"],
                "admin1": raw["admin1"].str.strip().replace("", None),
                "latitude": _numbers(raw["latitude"]),
                "longitude": _numbers(raw["longitude"]),
                "category": raw["event_type"].str.strip(),
                "sub_type": raw["sub_event_type"].str.strip(),
                "against_civilians": (raw["event_type"].str.strip() == "Violence against civilians")
                | (targeting == "Civilian targeting"),
                "actor1": raw["actor1"],
                "actor2": raw["actor2"],
                "fatalities_best": fatalities,
                "fatalities_low": fatalities,
                "fatalities_high": fatalities,
                "notes": raw["notes"].str.slice(0, 500),
            }
        )
        columns = {
            "country": "country",
            "date": "event_date",
            "deaths": "fatalities",
            "id": "event_id_cnty",
            "category": "event_type",
        }
        return validate(frame, row_lines(raw), today, columns)
