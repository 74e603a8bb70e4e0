"""Analysts correct the model and import posts from the web, on both databases: the
correction API and form (analysts only, audited, shown on the post page), imports with a
report per file (files kept in the evidence locker, audited), language, status and cues
in the API, and flagged speech by country and language on /speech."""

from __future__ import annotations

import hashlib
import json

from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.speech.test_posts import TELEGRAM
from tests.speech.test_web import speech_client  # noqa: F401 (fixture)
from tests.web.conftest import token_for
from tocsin.store import locker
from tocsin.store.db import Database
from tocsin.store.models import AuditEntry, EvidenceItem, SpeechCorrection, SpeechPost


def _flagged_id(client: TestClient, words: str) -> int:
    items = client.get("/api/v1/speech/posts", params={"label": "all"}).json()["items"]
    return next(p["id"] for p in items if words in p["text"])


def test_an_analyst_corrects_a_post_through_the_api(
    speech_client: TestClient,  # noqa: F811
    dashboard_db: Database,
) -> None:
    post_id = _flagged_id(speech_client, "cockroaches")
    url = f"/api/v1/speech/posts/{post_id}/corrections"
    body = {"label": "hateful", "category": "threat", "target": "religion", "note": "context"}
    assert speech_client.post(url, json=body).status_code == 401
    viewer = token_for(dashboard_db, "viewer")
    assert speech_client.post(url, json=body, headers=viewer).status_code == 403
    analyst = token_for(dashboard_db, "analyst")
    saved = speech_client.post(url, json=body, headers=analyst)
    assert saved.status_code == 201, saved.text
    out = saved.json()
    assert (out["label"], out["category"], out["target"]) == ("hateful", "threat", "religion")
    assert out["previous"]["category"] == "dehumanisation" and out["actor"] == "analyst"
    post = speech_client.get(f"/api/v1/speech/posts/{post_id}").json()
    assert (post["category"], post["target"]) == ("threat", "religion")
    # a non-hateful label clears category and target
    cleared = speech_client.post(url, json={"label": "non-hateful"}, headers=analyst).json()
    assert (cleared["category"], cleared["target"]) == ("none", "")
    listed = speech_client.get(url, headers=viewer).json()
    assert [c["label"] for c in listed] == ["non-hateful", "hateful"]
    flagged = speech_client.get("/api/v1/speech/posts").json()["items"]
    assert post_id not in [p["id"] for p in flagged]
    # bad values and unknown posts are refused; nothing is stored for them
    wrong = speech_client.post(url, json={"label": "hateful", "category": "none"}, headers=analyst)
    assert wrong.status_code == 422
    assert speech_client.post(url, json={"label": "maybe"}, headers=analyst).status_code == 422
    missing = "/api/v1/speech/posts/999999/corrections"
    assert speech_client.post(missing, json=body, headers=analyst).status_code == 404
    with dashboard_db.session() as s:
        rows = s.scalars(select(SpeechCorrection).where(SpeechCorrection.post_id == post_id))
        assert len(rows.all()) == 2
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "speech.correct")).all()
        assert [(e.actor, e.after["label"]) for e in entries] == [
            ("analyst", "hateful"),
            ("analyst", "non-hateful"),
        ]


def test_the_correction_form_shows_a_confirmation(
    speech_client: TestClient,  # noqa: F811
    dashboard_db: Database,
) -> None:
    post_id = _flagged_id(speech_client, "Market prices")
    page = speech_client.get(f"/speech/posts/{post_id}")
    assert "Log in as an analyst to correct" in page.text and "correct-form" not in page.text
    analyst = token_for(dashboard_db, "analyst")
    form = {"label": "hateful", "category": "slur", "target": "ethnicity", "note": "coded"}
    done = speech_client.post(
        f"/speech/posts/{post_id}/corrections", data=form, headers=analyst, follow_redirects=False
    )
    assert done.status_code == 303 and "corrected=" in done.headers["location"]
    shown = speech_client.get(done.headers["location"], headers=analyst)
    assert 'id="correction-saved"' in shown.text and "was non-hateful" in shown.text
    assert 'id="correct-form"' in shown.text
    assert "analyst: hateful, slur against ethnicity" in shown.text
    refused = speech_client.post(
        f"/speech/posts/{post_id}/corrections",
        data={"label": "hateful", "category": "genocide"},
        headers=analyst,
    )
    assert refused.status_code == 422 and 'id="error"' in refused.text
    viewer = token_for(dashboard_db, "viewer")
    assert (
        speech_client.post(
            f"/speech/posts/{post_id}/corrections", data=form, headers=viewer
        ).status_code
        == 403
    )


def test_lang_status_and_cues_in_the_api_and_pages(
    speech_client: TestClient,  # noqa: F811
    dashboard_db: Database,
) -> None:
    texts = ["Kill every Zaghawa you find", "Bugün hava çok güzel ve deniz sakin"]
    results = speech_client.post("/api/v1/speech/classify", json={"texts": texts}).json()
    assert results[0]["lang"] == "en" and results[0]["status"] == "scored"
    assert results[0]["label"] == "hateful" and results[0]["cues"]
    assert results[1]["status"] == "unsupported-language" and results[1]["cues"] == []
    with dashboard_db.session() as s:
        post = s.scalars(select(SpeechPost).where(SpeechPost.text.like("Masalit%"))).one()
        post.lang, post.cues = "en", ["threat: burn", "listed group: Masalit"]
        post_id = post.id
    out = speech_client.get(f"/api/v1/speech/posts/{post_id}").json()
    assert (out["lang"], out["status"]) == ("en", "scored") and "threat: burn" in out["cues"]
    page = speech_client.get(f"/speech/posts/{post_id}").text
    assert "listed group: Masalit" in page and '<td id="post-status">scored</td>' in page


def test_speech_shows_flagged_posts_by_country_and_language(
    speech_client: TestClient,  # noqa: F811
    dashboard_db: Database,
) -> None:
    with dashboard_db.session() as s:
        for post in s.scalars(select(SpeechPost)):
            post.lang = "ar" if "cockroaches" in post.text else "en"
    page = speech_client.get("/speech").text
    table = page.split('id="languages"')[1].split("</table>")[0]
    assert "Sudan</a></td><td>ar</td><td>1</td><td>1</td>" in table
    assert "Sudan</a></td><td>en</td><td>1</td><td>2</td>" in table
    assert page.count('class="rabat-link"') == 2
    one = speech_client.get("/speech", params={"country": "SDN"}).text
    assert 'id="lang-chart"' in one and "<svg" in one
    points = speech_client.get(
        "/api/v1/speech/trends", params={"country": "SDN", "by": "lang"}
    ).json()
    assert {p["key"]: 0 for p in points} == {"ar": 0, "en": 0}
    assert sum(p["flagged"] for p in points) == 2
    assert "language" in speech_client.get("/speech/trends/SDN?by=lang").text


def _uploads() -> list[tuple[str, tuple[str, bytes, str]]]:
    csv_bytes = (
        b"id,author,channel,time,country,text,views\n"
        b"w1,ann,@ann,2024-03-04T10:00:00Z,Kenya,Lovely market day in Nakuru,50\n"
        b"w2,bob,@bob,2024-03-05 12:00,KEN,Get the madoadoa out before the vote,9000\n"
        b"w3,cy,@cy,2024-03-05,Atlantis,Nowhere,1\n"
    )
    return [
        ("files", ("posts.csv", csv_bytes, "text/csv")),
        ("files", ("result.json", json.dumps(TELEGRAM).encode(), "application/json")),
        ("files", ("notes.txt", b"just some notes", "text/plain")),
        ("files", ("broken.jsonl", b"{not json\n", "application/json")),
    ]


def test_posts_are_imported_from_uploaded_files_with_a_report_per_file(
    speech_client: TestClient,  # noqa: F811
    dashboard_db: Database,
) -> None:
    analyst = token_for(dashboard_db, "analyst")
    speech_client.post(
        "/api/v1/speech/lexicon",
        headers=analyst,
        json={"term": "madoadoa", "target": "ethnicity", "severity": "high", "category": "threat"},
    )
    url = "/api/v1/speech/imports"
    form = {"country": "Kenya"}
    assert speech_client.post(url, files=_uploads(), data=form).status_code == 401
    viewer = token_for(dashboard_db, "viewer")
    assert speech_client.post(url, files=_uploads(), data=form, headers=viewer).status_code == 403
    unknown = speech_client.post(
        url, files=_uploads(), data={"country": "Atlantis"}, headers=analyst
    )
    assert unknown.status_code == 404
    done = speech_client.post(url, files=_uploads(), data=form, headers=analyst)
    assert done.status_code == 201, done.text
    reports = {r["file"]: r for r in done.json()}
    csv_report, telegram = reports["posts.csv"], reports["result.json"]
    assert (csv_report["status"], csv_report["importer"]) == ("imported", "csv")
    assert (csv_report["inserted"], csv_report["rejected"]) == (2, 1)
    assert csv_report["flagged"] >= 1  # the high-severity lexicon term flags one
    assert csv_report["rejected_rows"][0]["line"] == 4
    assert "unknown country" in csv_report["rejected_rows"][0]["reason"]
    assert (telegram["importer"], telegram["inserted"], telegram["rejected"]) == ("telegram", 2, 2)
    assert reports["notes.txt"]["status"] == "refused" and ".txt" in reports["notes.txt"]["message"]
    broken = reports["broken.jsonl"]
    assert broken["status"] == "refused" and "broken.jsonl" in broken["message"]
    assert "/tmp" not in broken["message"]
    flagged = speech_client.get("/api/v1/speech/posts", params={"country": "KEN"}).json()
    assert {p["text"] for p in flagged["items"]} >= {
        "Get the madoadoa out before the vote",
        "Time to clean out the madoadoa from our town",
    }
    with dashboard_db.session() as s:
        items = {i.filename: i for i in s.scalars(select(EvidenceItem))}
        assert set(items) == {"posts.csv", "result.json"}
        assert csv_report["evidence"] == hashlib.sha256(_uploads()[0][1][1]).hexdigest()
        assert items["posts.csv"].sha256 == csv_report["evidence"]
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "speech.import")).all()
        assert sorted(e.after["file"] for e in entries) == ["posts.csv", "result.json"]
        assert {e.actor for e in entries} == {"analyst"}
    root = locker.default_root(speech_client.app.state.settings.data_dir)
    assert locker.file_path(root, csv_report["evidence"]).read_bytes() == _uploads()[0][1][1]
    # importing again updates in place
    again = speech_client.post(url, files=_uploads()[:1], data=form, headers=analyst).json()
    assert (again[0]["inserted"], again[0]["updated"]) == (0, 2)


def test_the_import_page_reports_each_file(
    speech_client: TestClient,  # noqa: F811
    dashboard_db: Database,
) -> None:
    assert "Log in as an analyst to import" in speech_client.get("/speech/import").text
    analyst = token_for(dashboard_db, "analyst")
    assert 'id="import-form"' in speech_client.get("/speech/import", headers=analyst).text
    page = speech_client.post(
        "/speech/import", files=_uploads(), data={"country": "KEN"}, headers=analyst
    )
    assert page.status_code == 200
    report = page.text.split('id="import-report"')[1].split("</table>")[0]
    assert report.count('class="import-imported"') == 2
    assert report.count('class="import-refused"') == 2
    assert "line 4: unknown country" in report
    bad = speech_client.post(
        "/speech/import", files=_uploads(), data={"country": "Atlantis"}, headers=analyst
    )
    assert bad.status_code == 422 and 'id="error"' in bad.text
