"""The reports pages and API on SQLite and PostgreSQL: listing with filters, metadata and
what changed, downloads checked against their SHA-256, who may generate, and a report
that cannot be built answered with its reason and nothing stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tests.web.conftest import PASSWORDS, token_for
from tocsin.config import Settings
from tocsin.reports import library
from tocsin.store.db import Database
from tocsin.store.models import Report


def _store(
    db: Database, data_dir: Path, kind: str, subject: str, content: bytes, facts: dict[str, object]
) -> int:
    produced = library.Produced(
        kind,
        subject,
        "en",
        "pdf",
        f"{subject} report",
        "tocsin-enet 2.0",
        {"ewp-predictors": "a" * 64},
        facts,
        content,
    )
    with db.session() as session:
        version = library.next_version(session, kind, subject, "en", "pdf")
        path = library.file_path(data_dir, produced, version)
        return library.store(session, path, produced, version, "analyst").id


@pytest.fixture
def stored(settings: Settings, dashboard_db: Database) -> tuple[Database, list[int]]:
    """The dashboard data plus two versions of Sudan's country report and one annual."""
    ids = [
        _store(
            dashboard_db,
            settings.data_dir,
            "country",
            "SDN",
            b"%PDF-one",
            {"rank": 3, "RF1": "high"},
        ),
        _store(
            dashboard_db,
            settings.data_dir,
            "country",
            "SDN",
            b"%PDF-two",
            {"rank": 2, "RF1": "high"},
        ),
        _store(dashboard_db, settings.data_dir, "annual", "2025", b"%PDF-annual", {"top": "SDN"}),
    ]
    return dashboard_db, ids


@pytest.fixture
def client(settings: Settings, stored: tuple[Database, list[int]]) -> Iterator[TestClient]:
    from tocsin.web.app import create_app

    with TestClient(create_app(settings, stored[0])) as test_client:
        yield test_client


def _log_in(client: TestClient, role: str) -> str:
    form = client.get("/login").text
    token = form.split('name="csrf_token" value="')[1].split('"')[0]
    client.post("/login", data={"username": role, "password": PASSWORDS[role], "csrf_token": token})
    page = client.get("/reports").text
    return page.split('name="csrf_token" value="')[1].split('"')[0] if "csrf_token" in page else ""


def test_list_filter_metadata_and_changes(
    client: TestClient, stored: tuple[Database, list[int]]
) -> None:
    first, second, annual = stored[1]
    listed = client.get("/api/v1/reports").json()
    assert [r["id"] for r in listed] == [annual, second, first]
    country = client.get("/api/v1/reports", params={"kind": "country", "subject": "sdn"}).json()
    assert [(r["id"], r["version"]) for r in country] == [(second, 2), (first, 1)]
    assert client.get("/api/v1/reports", params={"kind": "weekly"}).status_code == 422
    meta = client.get(f"/api/v1/reports/{second}").json()
    assert meta["previous_id"] == first
    assert meta["changes"] == [{"key": "rank", "before": 3, "after": 2}]
    assert meta["data_checksums"] == {"ewp-predictors": "a" * 64}
    assert meta["model_version"] == "tocsin-enet 2.0"
    assert client.get(f"/api/v1/reports/{first}").json()["previous_id"] is None
    missing = client.get("/api/v1/reports/99999")
    assert missing.status_code == 404 and "no stored report 99999" in missing.json()["detail"]


def test_download_is_checked_against_its_sha256(
    client: TestClient, stored: tuple[Database, list[int]]
) -> None:
    db, (first, second, _annual) = stored
    got = client.get(f"/api/v1/reports/{second}/file")
    assert got.status_code == 200 and got.content == b"%PDF-two"
    assert got.headers["content-type"] == "application/pdf"
    assert "country-SDN-en-v2.pdf" in got.headers["content-disposition"]
    assert client.get(f"/reports/{second}/download").content == b"%PDF-two"
    with db.session() as session:
        Path(session.get_one(Report, first).path).write_bytes(b"%PDF-tampered")
    refused = client.get(f"/api/v1/reports/{first}/file")
    assert refused.status_code == 409 and "SHA-256" in refused.json()["detail"]


def test_pages_list_versions_and_what_changed(
    client: TestClient, stored: tuple[Database, list[int]]
) -> None:
    first, second, annual = stored[1]
    page = client.get("/reports").text
    assert page.index(f'id="report-{annual}"') < page.index(f'id="report-{second}"')
    assert f'href="/reports/{second}#changes">what changed' in page
    assert f'href="/reports/{second}/download"' in page
    assert "annual-form" not in page  # anonymous readers cannot generate
    only = client.get("/reports", params={"kind": "annual"}).text
    assert f'id="report-{annual}"' in only and f'id="report-{second}"' not in only
    detail = client.get(f"/reports/{second}").text
    assert "<td>rank</td><td>3</td><td>2</td>" in detail
    assert "a" * 64 in detail
    assert "The first version" in client.get(f"/reports/{first}").text
    section = client.get("/countries/SDN").text
    assert f'href="/reports/{second}"' in section and "country-report-form" not in section


def test_only_analysts_generate(client: TestClient, stored: tuple[Database, list[int]]) -> None:
    db = stored[0]
    assert client.post("/reports/annual", data={"year": 2025}).status_code == 401
    viewer = token_for(db, "viewer")
    refused = client.post("/reports/country", data={"country": "SDN"}, headers=viewer)
    assert refused.status_code == 403 and "analyst role" in refused.text  # an HTML page
    csrf = _log_in(client, "analyst")
    assert "annual-form" in client.get("/reports").text
    assert 'id="country-report"' in client.get("/countries/SDN").text
    assert client.post("/reports/annual", data={"year": 2025}).status_code == 403  # no CSRF
    assert csrf


def test_a_report_that_cannot_be_built_says_why_and_stores_nothing(
    client: TestClient, stored: tuple[Database, list[int]]
) -> None:
    db = stored[0]
    analyst = token_for(db, "analyst")
    with db.session() as session:
        before = session.scalar(select(func.count()).select_from(Report))
    # the generated data holds forecasts for base years 2023-2024 only
    answer = client.post("/reports/annual", data={"year": 1990, "fmt": "html"}, headers=analyst)
    assert answer.status_code == 422
    assert "forecast for base year 1989 (report year 1990)" in answer.text
    unknown = client.post("/reports/country", data={"country": "Atlantis"}, headers=analyst)
    assert unknown.status_code == 404 and "Atlantis" in unknown.text  # an HTML page
    bad = client.post("/reports/country", data={"country": "SDN", "lang": "xx"}, headers=analyst)
    assert bad.status_code == 422
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Report)) == before
