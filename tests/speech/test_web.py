"""Speech pages and API on both databases: flagged posts with why, trends, the country
section, classification, and analyst-only, audited writes (lexicon, worksheets)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.web.conftest import token_for
from tocsin.config import Settings
from tocsin.store.db import Database
from tocsin.store.models import AuditEntry, Country, SpeechPost
from tocsin.web.app import create_app


def add_posts(db: Database) -> int:
    """A few posts in Sudan (two flagged); returns the id of the flagged one with most views."""
    with db.session() as s:
        sdn = s.scalar(select(Country.id).where(Country.code == "SDN"))
        start = datetime(2024, 4, 1, 9, tzinfo=UTC)
        rows = [
            (
                "Masalit are slaves, burn them out tonight",
                "hateful",
                0.97,
                "threat",
                "ethnicity",
                ["zurga"],
                48000,
            ),
            (
                "They are cockroaches, all of them",
                "hateful",
                0.88,
                "dehumanisation",
                "ethnicity",
                [],
                900,
            ),
            ("Market prices rose again in El Fasher", "non-hateful", 0.04, "none", "", [], 30),
        ]
        for n, (text, label, score, category, target, terms, views) in enumerate(rows):
            s.add(
                SpeechPost(
                    source="telegram",
                    source_id=str(n),
                    channel="RSF voice",
                    author="RSF voice",
                    posted_at=start + timedelta(days=7 * n),
                    country_id=sdn,
                    text=text,
                    score=score,
                    label=label,
                    category=category,
                    target=target,
                    lexicon_terms=terms,
                    views=views,
                    shares=views // 100,
                    followers=120000,
                    model="test",
                )
            )
        s.flush()
        return s.scalar(select(SpeechPost.id).where(SpeechPost.views == 48000))


@pytest.fixture
def speech_client(speech_settings: Settings, dashboard_db: Database) -> Iterator[TestClient]:
    add_posts(dashboard_db)
    with TestClient(create_app(speech_settings, dashboard_db)) as client:
        yield client


def test_pages_show_flagged_posts_with_why(
    speech_client: TestClient, dashboard_db: Database
) -> None:
    page = speech_client.get("/speech")
    assert page.status_code == 200 and 'href="/speech"' in page.text  # nav link
    assert "burn them out tonight" in page.text and "Market prices" not in page.text
    assert "threat" in page.text and "against ethnicity" in page.text and "zurga" in page.text
    post_id = int(
        page.text.split("burn them out")[0].rsplit('href="/speech/posts/', 1)[1].split('"')[0]
    )
    detail = speech_client.get(f"/speech/posts/{post_id}")
    assert "views 48000" in detail.text and "Open the Rabat worksheet" in detail.text
    trends = speech_client.get("/speech/trends/SDN")
    assert trends.status_code == 200 and "<svg" in trends.text and "ethnicity" in trends.text
    country = speech_client.get("/countries/SDN")
    assert "Hate speech and incitement" in country.text and 'id="speech-section"' in country.text
    assert speech_client.get("/speech/trends/Atlantis").status_code == 404
    rabat = speech_client.get(f"/speech/posts/{post_id}/rabat")
    assert "Likelihood, including imminence" in rabat.text and "tonight" in rabat.text
    assert "Log in as an analyst" in rabat.text  # anonymous: read-only


def test_api_reads(speech_client: TestClient) -> None:
    page = speech_client.get("/api/v1/speech/posts", params={"country": "Sudan"}).json()
    assert page["total"] == 2 and page["items"][0]["category"] == "dehumanisation"
    everything = speech_client.get("/api/v1/speech/posts", params={"label": "all"}).json()
    assert everything["total"] == 3
    points = speech_client.get("/api/v1/speech/trends", params={"country": "SDN"}).json()
    assert sum(p["flagged"] for p in points) == 2 and {p["key"] for p in points} == {"ethnicity"}
    post_id = page["items"][1]["id"]
    prefill = speech_client.get(f"/api/v1/speech/posts/{post_id}/prefill").json()
    assert prefill["extent"]["views"] == 48000 and prefill["speaker"]["followers"] == 120000


def test_classify(speech_client: TestClient, dashboard_db: Database) -> None:
    body = {"texts": ["What a lovely morning", "get the m a d o a d o a out"], "country": "KEN"}
    viewer = token_for(dashboard_db, "viewer")
    analyst = token_for(dashboard_db, "analyst")
    added = speech_client.post(
        "/api/v1/speech/lexicon",
        headers=analyst,
        json={
            "term": "madoadoa",
            "meaning": "coded call to expel",
            "target": "ethnicity",
            "severity": "high",
            "category": "threat",
            "country": "Kenya",
            "lang": "sw",
        },
    )
    assert added.status_code == 201 and added.json()["country"] == "KEN"
    results = speech_client.post("/api/v1/speech/classify", json=body, headers=viewer).json()
    assert [r["lexicon_terms"] for r in results] == [[], ["madoadoa"]]
    assert results[1]["label"] == "hateful" and results[1]["category"] == "threat"
    assert all(0 <= r["score"] <= 1 for r in results)
    assert speech_client.post("/api/v1/speech/classify", json={"texts": []}).status_code == 422


def test_writes_need_an_analyst_and_are_audited(
    speech_client: TestClient, dashboard_db: Database
) -> None:
    post_id = speech_client.get("/api/v1/speech/posts").json()["items"][1]["id"]
    sheet = {
        "factors": {
            "context": {"rating": 3, "notes": "armed conflict, ethnic targeting"},
            "intent": {"rating": 2},
        },
        "summary": "draft",
    }
    url = f"/api/v1/speech/posts/{post_id}/worksheets"
    assert speech_client.post(url, json=sheet).status_code == 401
    assert (
        speech_client.post(url, json=sheet, headers=token_for(dashboard_db, "viewer")).status_code
        == 403
    )
    analyst = token_for(dashboard_db, "analyst")
    saved = speech_client.post(url, json=sheet, headers=analyst)
    assert saved.status_code == 201, saved.text
    assert saved.json()["prefill"]["content"]["lexicon_terms"] == ["zurga"]
    bad = dict(sheet, status="complete", conclusion="incitement: meets the threshold")
    refused = speech_client.post(url, json=bad, headers=analyst)
    assert refused.status_code == 422 and "missing ratings" in refused.text
    wrong = speech_client.post(url, json={"factors": {"intent": {"rating": 9}}}, headers=analyst)
    assert wrong.status_code == 422
    listed = speech_client.get("/api/v1/speech/worksheets", params={"country": "SDN"}).json()
    assert [w["post_id"] for w in listed] == [post_id]
    assert "Rabat worksheets" in speech_client.get("/countries/SDN").text
    # a form post with a session cookie but no CSRF token is refused
    form = speech_client.post(
        f"/speech/posts/{post_id}/rabat",
        data={"context_rating": "1"},
        headers=analyst | {"Authorization": ""},
    )
    assert form.status_code == 401
    with dashboard_db.session() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "rabat.save")).all()
        assert [e.actor for e in entries] == ["analyst"]
        assert s.scalar(select(SpeechPost).where(SpeechPost.id == post_id)) is not None
