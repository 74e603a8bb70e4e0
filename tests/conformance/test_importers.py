"""Every event importer: normalised columns, bad rows rejected by line, wrong files refused."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from tocsin.sources.importers import IMPORTERS
from tocsin.sources.importers.base import EVENT_COLUMNS, EventFormatError

GOOD_AND_BAD = {
    # importer: (rows as dicts; the 2nd has an unknown country, the 3rd a future date,
    #            the 4th negative fatalities)
    "ucdp-ged": [
        {
            "id": "1",
            "type_of_violence": "3",
            "side_a": "Government of Sudan",
            "side_b": "Civilians",
            "country": "Sudan",
            "country_id": "625",
            "adm_1": "West Darfur state",
            "latitude": "13.4",
            "longitude": "22.4",
            "date_prec": "1",
            "date_start": "2023-06-15 00:00:00.000",
            "best": "40",
            "high": "55",
            "low": "30",
        },
        {
            "id": "2",
            "type_of_violence": "1",
            "side_a": "A",
            "side_b": "B",
            "country": "Atlantis",
            "country_id": "9999",
            "adm_1": "",
            "latitude": "0",
            "longitude": "0",
            "date_prec": "1",
            "date_start": "2023-06-15",
            "best": "1",
            "high": "1",
            "low": "1",
        },
        {
            "id": "3",
            "type_of_violence": "2",
            "side_a": "A",
            "side_b": "B",
            "country": "Sudan",
            "country_id": "625",
            "adm_1": "",
            "latitude": "0",
            "longitude": "0",
            "date_prec": "1",
            "date_start": "2099-01-01",
            "best": "1",
            "high": "1",
            "low": "1",
        },
        {
            "id": "4",
            "type_of_violence": "2",
            "side_a": "A",
            "side_b": "B",
            "country": "Sudan",
            "country_id": "625",
            "adm_1": "",
            "latitude": "0",
            "longitude": "0",
            "date_prec": "1",
            "date_start": "2023-01-01",
            "best": "-5",
            "high": "1",
            "low": "1",
        },
    ],
    "acled": [
        {
            "event_id_cnty": "SDN1",
            "event_date": "2023-06-15",
            "time_precision": "1",
            "event_type": "Violence against civilians",
            "sub_event_type": "Attack",
            "actor1": "RSF",
            "actor2": "Civilians (Sudan)",
            "country": "Sudan",
            "admin1": "West Darfur",
            "latitude": "13.4",
            "longitude": "22.4",
            "fatalities": "40",
            "notes": "An attack.",
        },
        {
            "event_id_cnty": "ATL1",
            "event_date": "2023-06-15",
            "time_precision": "1",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "A",
            "actor2": "B",
            "country": "Atlantis",
            "admin1": "",
            "latitude": "0",
            "longitude": "0",
            "fatalities": "1",
            "notes": "",
        },
        {
            "event_id_cnty": "SDN2",
            "event_date": "2099-06-15",
            "time_precision": "1",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "A",
            "actor2": "B",
            "country": "Sudan",
            "admin1": "",
            "latitude": "0",
            "longitude": "0",
            "fatalities": "1",
            "notes": "",
        },
        {
            "event_id_cnty": "SDN3",
            "event_date": "2023-06-15",
            "time_precision": "1",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "A",
            "actor2": "B",
            "country": "Sudan",
            "admin1": "",
            "latitude": "0",
            "longitude": "0",
            "fatalities": "-2",
            "notes": "",
        },
    ],
}


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_every_importer_has_a_sample() -> None:
    assert set(IMPORTERS.names()) == set(GOOD_AND_BAD)


@pytest.mark.parametrize("name", IMPORTERS.names())
def test_normalises_and_rejects_by_line(name: str, tmp_path: Path) -> None:
    path = _write(tmp_path / "events.csv", GOOD_AND_BAD[name])
    result = IMPORTERS.create(name).read(path, today=date(2024, 1, 1))
    assert list(result.events.columns) == list(EVENT_COLUMNS)
    assert len(result.events) == 1
    event = result.events.iloc[0]
    assert event["country_code"] == "SDN" and event["event_date"] == date(2023, 6, 15)
    assert bool(event["against_civilians"]) and event["fatalities_best"] == 40
    assert [(e.line, e.reason.split(" '")[0]) for e in result.rejected] == [
        (3, "unknown country"),
        (4, "date in the future"),
        (5, "negative fatalities"),
    ]
    assert "Atlantis" in str(result.rejected[0])


@pytest.mark.parametrize("name", IMPORTERS.names())
def test_refuses_a_file_of_another_format(name: str, tmp_path: Path) -> None:
    path = _write(tmp_path / "other.csv", [{"a": "1", "b": "2"}])
    with pytest.raises(EventFormatError, match="missing column"):
        IMPORTERS.create(name).read(path)
    with pytest.raises(ValidationError):
        IMPORTERS.create(name, surprise=True)
