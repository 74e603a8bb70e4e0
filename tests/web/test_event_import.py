"""Conflict event files imported from the browser, each reported on its own: rows
imported, rows rejected with their line, a file that cannot be read refused without
touching what the other files brought."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from tests.web.test_pages import _csrf, log_in


@pytest.mark.shared_data
def test_event_files_from_the_browser_each_reported(
    client: TestClient, shared_data: Path, tmp_path: Path
) -> None:
    ged = pd.read_csv(
        shared_data / "events" / "ucdp" / "GEDEvent_v23_1_CAR482.csv",
        dtype=str,
        keep_default_na=False,
    ).head(40)
    ged.loc[5, "date_start"] = "not a date"  # line 7 of the file
    extract = tmp_path / "ged_extract.csv"  # a local extract of the real file, for this test
    ged.to_csv(extract, index=False)
    assert client.get("/sources/events", follow_redirects=False).status_code == 303
    log_in(client, "analyst")
    page = client.get("/sources/events").text
    files = [
        ("files", ("ged_extract.csv", extract.read_bytes(), "text/csv")),
        ("files", ("notes.csv", b"what,ever\n1,2\n", "text/csv")),
    ]
    report = client.post(
        "/sources/events", data={"format": "ucdp-ged", "csrf_token": _csrf(page)}, files=files
    )
    assert report.status_code == 200, report.text
    rows = pd.read_html(StringIO(report.text), attrs={"id": "import-report"})[0]
    first, second = rows.to_dict("records")
    # one bad row refuses the whole file, naming line and column: nothing is half-imported
    assert first["File"] == "ged_extract.csv" and first["Result"].startswith("refused")
    assert "line 7" in first["Result"] and "date_start" in first["Result"]
    assert second["File"] == "notes.csv" and second["Result"].startswith("refused")
    ged.loc[5, "date_start"] = ged.loc[4, "date_start"]  # the row corrected
    ged.to_csv(extract, index=False)
    corrected = client.post(
        "/sources/events",
        data={"format": "ucdp-ged", "csrf_token": _csrf(page)},
        files=[("files", ("ged_extract.csv", extract.read_bytes(), "text/csv"))],
    )
    (fixed,) = pd.read_html(StringIO(corrected.text), attrs={"id": "import-report"})[0].to_dict(
        "records"
    )
    assert fixed["Result"] == "imported"
    assert (fixed["New"], fixed["Updated"]) == (ged["id"].nunique(), 0), fixed
    assert "/tmp" not in report.text  # the server's temporary path is not shown
    events = client.get("/api/v1/events", params={"country": "CAF", "limit": 100}).json()
    assert events["total"] == ged["id"].nunique()
    again = client.post(
        "/sources/events",
        data={"format": "ucdp-ged", "csrf_token": _csrf(page)},
        files=[("files", ("ged_extract.csv", extract.read_bytes(), "text/csv"))],
    )
    again_row = pd.read_html(StringIO(again.text), attrs={"id": "import-report"})[0].iloc[0]
    assert (again_row["New"], again_row["Unchanged"]) == (0, ged["id"].nunique())
    empty = client.post(
        "/sources/events",
        data={"format": "ucdp-ged", "csrf_token": _csrf(page)},
        files={"files": ("", b"", "application/octet-stream")},
    )
    assert empty.status_code == 422 and 'id="files-error"' in empty.text
