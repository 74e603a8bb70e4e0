"""The workbench API and pages over both databases: reads, analyst-only audited writes,
CSRF on forms, the country-page section."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.web.conftest import token_for
from tocsin.config import Settings
from tocsin.store.db import Database
from tocsin.store.models import AuditEntry, Excerpt
from tocsin.web.app import create_app

REPORT = (
    "Sudan: attacks on camps\n\n"
    "Militias attacked camps for displaced people near El Geneina in Sudan, burning shelters "
    "and killing civilians who tried to flee.\n\n"
    "Humanitarian convoys were blocked at checkpoints and aid workers were detained."
)


@pytest.fixture
def app_client(settings: Settings, dashboard_db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(settings, dashboard_db)) as client:
        yield client


@pytest.fixture
def sqlite_client(settings: Settings, sqlite_dashboard: Database) -> Iterator[TestClient]:
    with TestClient(create_app(settings, sqlite_dashboard)) as client:
        yield client


def _post_report(client: TestClient, db: Database) -> dict:
    body = {
        "title": "Camps attacked",
        "text": REPORT,
        "source": "field-team",
        "published": "2024-03-05",
    }
    response = client.post("/api/v1/documents", json=body, headers=token_for(db, "analyst"))
    assert response.status_code == 200, response.text
    return response.json()


def test_documents_tags_and_search_through_the_api(
    app_client: TestClient, dashboard_db: Database
) -> None:
    created = _post_report(app_client, dashboard_db)
    assert created["status"] == "new" and created["excerpts"] == 2
    again = _post_report(app_client, dashboard_db)
    assert again["status"] == "exact" and again["document_id"] == created["document_id"]
    taxonomy = app_client.get("/api/v1/framework/taxonomy").json()
    assert len(taxonomy["factors"]) == 14
    doc = app_client.get(f"/api/v1/documents/{created['document_id']}").json()
    first, second = doc["items"]
    assert first["countries"] == ["SDN"] and len(first["suggestions"]) == 3
    assert first["key"].startswith("ex-")
    url = f"/api/v1/excerpts/{first['id']}/tags"
    tag = {"indicator": "RF11.1", "confidence": "high", "note": "shelters burned"}
    assert app_client.post(url, json=tag).status_code == 401
    viewer = app_client.post(url, json=tag, headers=token_for(dashboard_db, "viewer"))
    assert viewer.status_code == 403
    analyst = token_for(dashboard_db, "analyst")
    made = app_client.post(url, json=tag, headers=analyst)
    assert made.status_code == 200 and made.json()["country"] == "SDN"
    bad = app_client.post(url, json={"indicator": "RF77.1"}, headers=analyst)
    assert bad.status_code == 422 and "unknown indicator" in bad.text
    excerpt = app_client.get(f"/api/v1/excerpts/{first['id']}").json()
    assert [t["indicator"] for t in excerpt["tags"]] == ["RF11.1"]
    hits = app_client.get(
        "/api/v1/framework/search", params={"q": "convoys", "country": "Sudan"}
    ).json()
    assert hits["total"] == 0  # the convoy paragraph names no country
    hits = app_client.get("/api/v1/framework/search", params={"indicator": "RF11.1"}).json()
    assert [h["excerpt_id"] for h in hits["items"]] == [first["id"]]
    assert (
        app_client.get("/api/v1/framework/search", params={"country": "Sudna"}).status_code == 404
    )
    removed = app_client.delete(f"/api/v1/tags/{made.json()['id']}", headers=analyst)
    assert removed.status_code == 204
    retrain = app_client.post("/api/v1/suggestions/retrain", headers=analyst).json()
    assert retrain["refreshed"] == 2
    unsure = app_client.get("/api/v1/suggestions/uncertain").json()
    assert {u["excerpt_id"] for u in unsure} == {first["id"], second["id"]}
    with dashboard_db.session() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.actor == "analyst")).all()
    assert {"ingest", "tag", "untag", "retrain"} <= set(actions)


def test_assessments_through_the_api_and_the_country_page(
    app_client: TestClient, dashboard_db: Database
) -> None:
    created = _post_report(app_client, dashboard_db)
    with dashboard_db.session() as s:
        ids = list(
            s.scalars(select(Excerpt.id).where(Excerpt.document_id == created["document_id"]))
        )
    analyst = token_for(dashboard_db, "analyst")
    reviewer = token_for(dashboard_db, "reviewer")  # publishing is a reviewer's act
    body = {
        "country": "Sudan",
        "factor": "RF11",
        "level": "high",
        "confidence": "medium",
        "summary": "Camps attacked.",
        "evidence": [ids[0]],
        "publish": True,
    }
    assert app_client.post("/api/v1/assessments", json=body).status_code == 401
    v1 = app_client.post("/api/v1/assessments", json=body, headers=reviewer)
    assert v1.status_code == 200 and v1.json()["status"] == "published"
    draft = app_client.post(
        "/api/v1/assessments",
        json={**body, "level": "very high", "evidence": ids, "publish": False},
        headers=analyst,
    ).json()
    missing = app_client.post(
        "/api/v1/assessments", json={**body, "evidence": [10**6]}, headers=reviewer
    )
    assert missing.status_code == 422
    history = app_client.get("/api/v1/assessments/SDN/RF11").json()
    assert [v["version"] for v in history] == [2, 1]
    assert history[0]["changes"]["level"] == ["high", "very high"]
    rollup = app_client.get("/api/v1/assessments/Sudan").json()
    assert rollup["overall"] == "high" and len(rollup["factors"]) == 14
    published = app_client.post(
        f"/api/v1/assessments/versions/{draft['id']}/publish", headers=reviewer
    )
    assert published.json()["status"] == "published"
    assert app_client.get("/api/v1/assessments/SDN").json()["overall"] == "very high"
    page = app_client.get("/countries/SDN").text
    assert "Framework of Analysis assessment" in page and "very high" in page
    assert f'href="/framework/excerpts/{ids[0]}"' in page
    view = app_client.get("/framework/countries/SDN").text
    assert "Camps attacked." in view and "Militias attacked camps" in view
    jump = app_client.get(f"/framework/excerpts/{ids[0]}", follow_redirects=False)
    assert jump.headers["location"] == f"/framework/documents/{created['document_id']}#ex-{ids[0]}"


def test_pages_render_and_forms_need_login_and_csrf(
    sqlite_client: TestClient, sqlite_dashboard: Database
) -> None:
    """Pages and forms are the same code on both databases: SQLite only, for speed."""
    app_client, database = sqlite_client, sqlite_dashboard
    created = _post_report(app_client, database)
    for path in (
        "/framework",
        "/framework/taxonomy",
        "/framework/search?q=camps",
        f"/framework/documents/{created['document_id']}",
        "/framework/countries/SDN",
        "/framework/countries/SDN/RF11",
    ):
        response = app_client.get(path)
        assert response.status_code == 200, path
    assert "Workbench" in app_client.get("/").text
    assert app_client.get("/framework/countries/SDN/RF99").status_code == 404
    with database.session() as s:
        excerpt_id = s.scalars(select(Excerpt.id)).first()
    form = {"indicator": "RF11.1", "status": "accepted"}
    assert app_client.post(f"/framework/excerpts/{excerpt_id}/tags", data=form).status_code == 401
    login = app_client.get("/login").text
    token = login.split('name="csrf_token" value="')[1].split('"')[0]
    app_client.post(
        "/login",
        data={"username": "analyst", "password": "analyst-password-123", "csrf_token": token},
    )
    refused = app_client.post(f"/framework/excerpts/{excerpt_id}/tags", data=form)
    assert refused.status_code == 403 and "CSRF" in refused.text
    page = app_client.get(f"/framework/documents/{created['document_id']}").text
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    done = app_client.post(
        f"/framework/excerpts/{excerpt_id}/tags",
        data={**form, "csrf_token": token},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"].endswith(f"#ex-{excerpt_id}")
    assert 'data-indicator="RF11.1"' in app_client.get(done.headers["location"]).text


def test_the_server_polls_due_feeds_in_the_background(
    settings: Settings,
    sqlite_database: Database,
    web_server: tuple[str, dict[str, tuple[int, str, bytes]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    from tocsin.analysis.framework.feeds import add_feed
    from tocsin.store.models import Document, Feed
    from tocsin.web.framework import feeds as routes

    base, pages = web_server
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item>'
        "<title>Camps</title><description>Militias attacked camps for displaced people near "
        "El Geneina and aid convoys were blocked.</description></item></channel></rss>"
    )
    pages["/feed.xml"] = (200, "application/rss+xml", rss.encode())
    with sqlite_database.session() as s:
        add_feed(s, f"{base}/feed.xml", "tester", interval_minutes=60)
    monkeypatch.setattr(routes, "FEED_CHECK_SECONDS", 0.2)
    with TestClient(create_app(settings, sqlite_database)):
        deadline = time.monotonic() + 30
        while True:
            with sqlite_database.session() as s:
                feed = s.scalars(select(Feed)).one()
                if feed.last_status == "ok":
                    break
            assert time.monotonic() < deadline, "the feed was not polled"
            time.sleep(0.2)
    with sqlite_database.session() as s:
        assert s.scalars(select(Document.source)).all() == ["Wire"]


def test_analyst_uploads_reports_each_reported(
    sqlite_client: TestClient, sqlite_dashboard: Database
) -> None:
    from tests.framework.conftest import docx_bytes, encrypted_pdf, minimal_pdf
    from tocsin.store.models.evidence import EvidenceItem

    files = [
        ("files", ("report.pdf", minimal_pdf(["Soldiers burned villages in Rakhine."]), "x")),
        ("files", ("locked.pdf", encrypted_pdf(), "application/pdf")),
        ("files", ("notes.docx", docx_bytes(["Militias drew up lists of names in Bangui."]), "x")),
        ("files", ("tool.exe", b"MZ", "application/octet-stream")),
    ]
    assert sqlite_client.post("/framework/documents", files=files).status_code == 401
    login = sqlite_client.get("/login").text
    token = login.split('name="csrf_token" value="')[1].split('"')[0]
    sqlite_client.post(
        "/login",
        data={"username": "analyst", "password": "analyst-password-123", "csrf_token": token},
    )
    page = sqlite_client.get("/framework").text
    assert 'enctype="multipart/form-data"' in page
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    response = sqlite_client.post(
        "/framework/documents", files=files, data={"source": "field", "csrf_token": token}
    )
    assert response.status_code == 200
    body = response.text
    assert body.count('class="upload-new"') == 2 and body.count('class="upload-refused"') == 2
    assert "encrypted" in body and "unsupported type" in body
    with sqlite_dashboard.session() as s:
        from tocsin.store.models import Document

        assert sorted(s.scalars(select(Document.media_type))) == ["docx", "pdf"]
        assert len(s.scalars(select(EvidenceItem)).all()) == 2
