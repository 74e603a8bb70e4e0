"""The drafts from data on a country's assessment page (real data): every factor shown
with its evidence; an analyst confirms one and overrides another with a reason, both
saved as audited assessment versions; a viewer cannot, and an override needs a reason."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tocsin.config import Settings
from tocsin.store import accounts
from tocsin.store.db import Database
from tocsin.store.models import Assessment, AuditEntry
from tocsin.web.app import create_app


@pytest.fixture
def client(report_settings: Settings, report_db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(report_settings, report_db)) as test_client:
        yield test_client


def _token(db: Database, role: str) -> dict[str, str]:
    name = f"drafts-{role}"
    with db.session() as session:
        try:
            accounts.get_user(session, name)
        except accounts.AccountError:
            accounts.create_user(session, name, f"{name}-password", role, actor="test")
        return {"Authorization": f"Bearer {accounts.create_token(session, name, 't', actor=name)}"}


def test_confirm_and_override_drafts(client: TestClient, report_db: Database) -> None:
    page = client.get("/framework/countries/MLI").text
    assert page.count('id="draft-RF') == 14
    assert "percentile" in page and "draft from data" in page
    assert "/confirm" not in page  # anonymous readers see drafts, not the buttons
    viewer = _token(report_db, "viewer")
    assert client.post("/framework/countries/MLI/RF1/confirm", headers=viewer).status_code == 403
    analyst = _token(report_db, "analyst")
    assert (
        'action="/framework/countries/MLI/RF1/confirm"'
        in client.get("/framework/countries/MLI", headers=analyst).text
    )
    no_reason = client.post(
        "/framework/countries/MLI/RF2/override",
        data={"level": "high", "reason": "  "},
        headers=analyst,
    )
    assert no_reason.status_code == 422 and "needs a reason" in no_reason.text  # an HTML page
    confirmed = client.post(
        "/framework/countries/MLI/RF1/confirm", headers=analyst, follow_redirects=False
    )
    assert confirmed.status_code == 303
    overridden = client.post(
        "/framework/countries/MLI/RF2/override",
        data={"level": "very high", "reason": "Field reports of militia recruitment"},
        headers=analyst,
        follow_redirects=False,
    )
    assert overridden.status_code == 303
    with report_db.session() as session:
        saved = {
            a.factor: a
            for a in session.scalars(select(Assessment).where(Assessment.country_code == "MLI"))
        }
        assert saved["RF1"].summary.startswith("Confirmed draft from data")
        assert saved["RF2"].level == "very high"
        assert "Field reports of militia recruitment" in saved["RF2"].summary
        actors = {a.actor for a in session.scalars(select(AuditEntry))}
        assert "drafts-analyst" in actors
    page = client.get("/framework/countries/MLI").text
    rf1 = page.split('id="draft-RF1"')[1].split("</tr>")[0]
    rf2 = page.split('id="draft-RF2"')[1].split("</tr>")[0]
    assert "confirmed" in rf1 and "overridden" in rf2
