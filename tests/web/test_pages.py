"""The site's pages over both databases: errors as pages in the layout (JSON under /api/),
the login round trip, who is signed in, links by role, forms that keep what was typed,
confirmations after a save, and the /sources page."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORDS, token_for
from tocsin.store.db import Database

REPORT = (
    "Militias attacked camps for displaced people near El Geneina in Sudan, burning shelters "
    "and killing civilians who tried to flee.\n\n"
    "Humanitarian convoys were blocked at checkpoints and aid workers were detained."
)


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def log_in(client: TestClient, role: str, next_path: str = "/") -> str:
    """Log in through the form; returns the page landed on."""
    token = _csrf(client.get("/login").text)
    response = client.post(
        "/login",
        data={
            "username": role,
            "password": PASSWORDS[role],
            "csrf_token": token,
            "next": next_path,
        },
    )
    assert response.status_code == 200, response.text
    return response.text


def test_errors_are_pages_in_the_layout_and_json_under_api(client: TestClient) -> None:
    page = client.get("/countries/Soudan")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert '<header class="site">' in page.text and "unknown country" in page.text
    assert '<a class="suggestion" href="/countries/Sudan">Sudan</a>' in page.text
    workbench = client.get("/framework/countries/Soudan/RF1")
    assert '<a class="suggestion" href="/framework/countries/Sudan/RF1">Sudan</a>' in workbench.text
    api = client.get("/api/v1/countries/Soudan")
    assert api.status_code == 404 and "Sudan" in api.json()["detail"]
    invalid = client.get("/rankings?sort=sideways")
    assert invalid.status_code == 422 and "sort" in invalid.text and "<main>" in invalid.text
    assert (
        client.get("/api/v1/rankings?limit=-1")
        .headers["content-type"]
        .startswith("application/json")
    )
    assert "<main>" in client.get("/no/such/page").text


def test_visitor_is_sent_to_log_in_and_back(client: TestClient) -> None:
    refused = client.get("/intake?status=new", follow_redirects=False)
    assert refused.status_code == 303
    assert refused.headers["location"] == "/login?next=/intake%3Fstatus%3Dnew"
    login = client.get(refused.headers["location"])
    assert 'name="next" value="/intake?status=new"' in login.text
    token = _csrf(login.text)
    landed = client.post(
        "/login",
        data={
            "username": "analyst",
            "password": PASSWORDS["analyst"],
            "csrf_token": token,
            "next": "/intake?status=new",
        },
        follow_redirects=False,
    )
    assert landed.status_code == 303 and landed.headers["location"] == "/intake?status=new"
    assert client.get("/api/v1/me").json()["role"] == "analyst"


def test_login_never_sends_the_browser_to_another_site(client: TestClient) -> None:
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"):
        token = _csrf(client.get(f"/login?next={target}").text)
        landed = client.post(
            "/login",
            data={
                "username": "viewer",
                "password": PASSWORDS["viewer"],
                "csrf_token": token,
                "next": target,
            },
            follow_redirects=False,
        )
        assert landed.headers["location"] == "/", target
        client.cookies.clear()


def test_signed_in_user_logout_and_links_by_role(client: TestClient) -> None:
    visitor = client.get("/rankings").text
    assert 'id="login"' in visitor and "signed in as" not in visitor
    assert 'href="/intake"' not in visitor and 'href="/admin/users"' not in visitor
    home = log_in(client, "analyst")
    assert "Signed in as analyst (analyst)." in home  # the confirmation after the redirect
    page = client.get("/rankings").text
    assert re.search(r"signed in as <strong>analyst</strong> \(analyst\)", page)
    assert 'id="logout"' in page and 'href="/intake"' in page
    assert 'href="/admin/users"' not in page
    assert "Signed in as analyst" not in page  # a confirmation is shown once
    out = client.post("/logout", data={"csrf_token": _csrf(page)})
    assert "Signed out." in out.text and 'id="login"' in out.text
    assert client.get("/api/v1/me").json()["username"] is None
    log_in(client, "admin")
    assert 'href="/admin/users"' in client.get("/rankings").text


def _document(client: TestClient, db: Database) -> dict:
    body = {"title": "Camps", "text": REPORT, "source": "field", "published": "2024-03-05"}
    response = client.post("/api/v1/documents", json=body, headers=token_for(db, "analyst"))
    assert response.status_code == 200, response.text
    return client.get(f"/api/v1/documents/{response.json()['document_id']}").json()


def test_a_wrong_indicator_keeps_the_form_and_a_tag_confirms(
    client: TestClient, dashboard_db: Database
) -> None:
    doc = _document(client, dashboard_db)
    excerpt = doc["items"][0]
    log_in(client, "analyst")
    page = client.get(f"/framework/documents/{excerpt['document_id']}").text
    form = {
        "indicator": "RF99.9",
        "note": "shelters burned",
        "country": "Sudan",
        "csrf_token": _csrf(page),
    }
    refused = client.post(f"/framework/excerpts/{excerpt['id']}/tags", data=form)
    assert refused.status_code == 422 and "<main>" in refused.text
    assert 'id="indicator-error"' in refused.text and "RF99.9" in refused.text
    assert 'value="shelters burned"' in refused.text and 'value="RF99.9"' in refused.text
    saved = client.post(
        f"/framework/excerpts/{excerpt['id']}/tags", data={**form, "indicator": "RF11.1"}
    )
    assert (
        saved.status_code == 200
        and f"Saved: RF11.1 accepted on excerpt #{excerpt['id']}" in saved.text
    )


def test_suggested_list_and_keys_without_a_suggestion(
    client: TestClient, dashboard_db: Database
) -> None:
    doc = _document(client, dashboard_db)
    excerpt = doc["items"][0]
    first = excerpt["suggestions"][0]["indicator"]
    log_in(client, "analyst")
    page = client.get(f"/framework/documents/{excerpt['document_id']}").text
    url = f"/framework/excerpts/{excerpt['id']}/suggestions"
    accepted = client.post(f"{url}/1", data={"csrf_token": _csrf(page)})
    assert f"Saved: {first} accepted" in accepted.text
    after = client.get(f"/api/v1/documents/{excerpt['document_id']}").json()["items"][0]
    assert first not in [s["indicator"] for s in after["suggestions"]]
    assert [t["indicator"] for t in after["tags"]] == [first]
    missing = client.post(f"{url}/9", data={"csrf_token": _csrf(page)})
    assert missing.status_code == 422 and 'id="suggestion-error"' in missing.text
    assert "there is no suggestion 9" in missing.text


def test_publishing_without_evidence_keeps_the_editor_filled(
    client: TestClient, dashboard_db: Database
) -> None:
    log_in(client, "reviewer")  # publishing is a reviewer's act
    page = client.get("/framework/countries/SDN/RF1").text
    form = {
        "level": "high",
        "confidence": "low",
        "summary": "Arms flowing to militias.",
        "publish": "true",
        "csrf_token": _csrf(page),
    }
    refused = client.post("/framework/countries/SDN/RF1", data=form)
    assert refused.status_code == 422 and 'id="evidence-error"' in refused.text
    assert "Arms flowing to militias.</textarea>" in refused.text
    assert "<option selected>high</option>" in refused.text
    assert "<option selected>low</option>" in refused.text
    draft = client.post("/framework/countries/SDN/RF1", data={**form, "publish": ""})
    assert "Saved SDN RF1: high (draft)." in draft.text


def test_an_empty_upload_keeps_country_date_and_source(client: TestClient) -> None:
    log_in(client, "analyst")
    page = client.get("/framework").text
    form = {
        "country": "Sudan",
        "published": "2024-02-01",
        "source": "field team",
        "csrf_token": _csrf(page),
    }
    refused = client.post(
        "/framework/documents", data=form, files={"files": ("", b"", "application/octet-stream")}
    )
    assert refused.status_code == 422 and 'id="files-error"' in refused.text
    assert 'value="field team"' in refused.text and 'value="2024-02-01"' in refused.text
    unknown = client.post(
        "/framework/documents",
        data={**form, "country": "Atlantis"},
        files={"files": ("a.txt", REPORT.encode(), "text/plain")},
    )
    assert unknown.status_code == 422 and 'id="country-error"' in unknown.text


def test_upload_takes_country_date_and_source(client: TestClient) -> None:
    log_in(client, "analyst")
    page = client.get("/framework").text
    text = "Shelters were burned and civilians who fled were shot at the river crossing."
    response = client.post(
        "/framework/documents",
        data={
            "country": "Myanmar",
            "published": "2024-02-01",
            "source": "field team",
            "csrf_token": _csrf(page),
        },
        files={"files": ("note.txt", text.encode(), "text/plain")},
    )
    assert response.status_code == 200, response.text
    docs = client.get("/api/v1/documents").json()["items"]
    stored = next(d for d in docs if d["source"] == "field team")
    assert stored["published"] == "2024-02-01"
    items = client.get(f"/api/v1/documents/{stored['id']}").json()["items"]
    assert items and all(i["countries"] == ["MMR"] for i in items)


def test_sources_page_lists_every_dataset_with_its_freshness(client: TestClient) -> None:
    from tocsin.sources.datasets import all_datasets

    page = client.get("/sources")
    assert page.status_code == 200 and '<a href="/sources">sources</a>' in page.text
    for ds in all_datasets():
        assert f'id="ds-{ds.name}"' in page.text
    rows = {r["name"]: r for r in client.get("/api/v1/sources").json()}
    assert set(rows) == {ds.name for ds in all_datasets()}
    ewp = rows["ewp-predictors"]
    assert ewp["licence"] and ewp["citation"] and len(ewp["sha256"]) == 64
    assert ewp["pulled_at"] is None  # nothing pulled in this data directory
    assert ewp["newest_record"] == "year 2024"  # the generated panel ends in 2024


def test_subscriptions_from_the_page(client: TestClient) -> None:
    assert client.get("/subscriptions", follow_redirects=False).status_code == 303
    log_in(client, "viewer")
    assert client.get("/subscriptions").status_code == 403
    assert 'href="/subscriptions"' not in client.get("/rankings").text
    client.cookies.clear()
    log_in(client, "analyst")
    page = client.get("/subscriptions").text
    assert 'id="smtp-notice"' in page  # the test settings name no SMTP server
    form = {
        "channel": "email",
        "target": "desk@example.org",
        "countries": "Sudan",
        "min_severity": "high",
        "csrf_token": _csrf(page),
    }
    refused = client.post("/subscriptions", data=form)
    assert refused.status_code == 422 and 'id="channel-error"' in refused.text
    assert "no SMTP server" in refused.text and 'value="desk@example.org"' in refused.text
    hook = {
        **form,
        "channel": "webhook",
        "target": "https://hooks.example.org/t",
        "countries": "Sudan, Narnia",
    }
    unknown = client.post("/subscriptions", data=hook)
    assert 'id="countries-error"' in unknown.text and "Narnia" in unknown.text
    made = client.post("/subscriptions", data={**hook, "countries": "Sudan, Myanmar"})
    assert "Subscribed https://hooks.example.org/t to high+ alerts." in made.text
    listed = client.get("/api/v1/subscriptions").json()
    assert [(s["target"], s["countries"], s["min_severity"]) for s in listed] == [
        ("https://hooks.example.org/t", ["MMR", "SDN"], "high")
    ]
    api = client.post(
        "/api/v1/subscriptions",
        json={"channel": "email", "target": "d@example.org"},
        headers={"X-CSRF-Token": _csrf(made.text)},
    )
    assert api.status_code == 422 and "no SMTP server" in api.json()["detail"]
    cancel = client.post(
        f"/subscriptions/{listed[0]['id']}/cancel", data={"csrf_token": _csrf(made.text)}
    )
    assert "Cancelled the subscription" in cancel.text
    assert client.get("/api/v1/subscriptions").json() == []
