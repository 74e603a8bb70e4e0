"""Notifications reach real local servers: e-mail through an SMTP server (aiosmtpd) and
webhooks through an HTTP server, filtered by country and severity; the weekly digest."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from datetime import date
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from tests.web.conftest import token_for
from tocsin.alerts import notify
from tocsin.alerts.engine import record_candidate, transition
from tocsin.alerts.signals import AlertCandidate, EvidenceRef
from tocsin.cli.main import app as cli
from tocsin.config import Settings, load_settings
from tocsin.reference.countries import UnknownCountryError
from tocsin.reports import digest as digests
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.store.models import AuditEntry, Delivery
from tocsin.web.app import create_app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Inbox:
    """aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd API
        message = message_from_bytes(envelope.content)
        message["X-Rcpt"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[_Inbox, int]]:
    """A real SMTP server on loopback."""
    inbox, port = _Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def webhook() -> Iterator[tuple[list[dict], str]]:
    """A real HTTP server on loopback that records the JSON posted to it."""
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server API
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield received, f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()


@pytest.fixture
def alerts_db(database: Database) -> Database:
    load_ewp(database, [])  # the country table
    return database


def _settings(tmp_path, port: int) -> Settings:  # noqa: ANN001
    return load_settings(
        data_dir=tmp_path / "data",
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_sender="alerts@tocsin.test",
        public_url="https://tocsin.example.org/",
    )


def _alert(db: Database, key: str, severity: str, code: str | None) -> int:
    candidate = AlertCandidate(
        "test-signal",
        key,
        f"Surge in {code}",
        "Civilian deaths far above the baseline.",
        severity,
        code,
        place="North",
        since=date(2024, 5, 1),
        observed=120.0,
        baseline=4.5,
        evidence=[EvidenceRef("event", "ged:1", "12 killed in a village")],
    )
    with db.session() as s:
        return record_candidate(s, candidate, actor="test")[0].id


def test_email_and_webhook_reach_matching_subscribers_only(
    alerts_db: Database, smtp: tuple[_Inbox, int], webhook: tuple[list[dict], str], tmp_path
) -> None:
    inbox, port = smtp
    posted, hook_url = webhook
    settings = _settings(tmp_path, port)
    with alerts_db.session() as s:
        notify.subscribe(s, "email", "sudan-desk@example.org", "alice", ["Sudan"], "high")
        notify.subscribe(s, "email", "everything@example.org", "alice", [], "low")
        notify.subscribe(s, "webhook", hook_url, "alice", ["MMR"], "medium")
        gone = notify.subscribe(s, "email", "gone@example.org", "alice", [], "low")
        notify.unsubscribe(s, gone.id, "alice")
    sudan_high = _alert(alerts_db, "a", "high", "SDN")
    sudan_low = _alert(alerts_db, "b", "low", "SDN")
    myanmar = _alert(alerts_db, "c", "critical", "MMR")
    with alerts_db.session() as s:
        deliveries = notify.notify_alerts(s, settings, [sudan_high, sudan_low, myanmar])
    assert all(d.status == "sent" for d in deliveries)
    got = sorted((m["X-Rcpt"], m["Subject"]) for m in inbox.messages)
    assert got == [
        ("everything@example.org", "[Tocsin critical] Surge in MMR"),
        ("everything@example.org", "[Tocsin high] Surge in SDN"),
        ("everything@example.org", "[Tocsin low] Surge in SDN"),
        ("sudan-desk@example.org", "[Tocsin high] Surge in SDN"),
    ]
    body = inbox.messages[0].get_payload()
    assert "Observed 120 against a baseline of 4.5" in body
    assert "https://tocsin.example.org/alerts/" in body and "12 killed in a village" in body
    assert [p["id"] for p in posted] == [myanmar]
    assert posted[0]["country"] == "MMR" and posted[0]["evidence"][0]["ref"] == "ged:1"
    with alerts_db.session() as s:
        actions = set(s.scalars(select(AuditEntry.action)))
    assert {"subscription.create", "subscription.cancel"} <= actions


def test_failed_delivery_is_recorded_and_does_not_stop_others(
    alerts_db: Database, smtp: tuple[_Inbox, int], tmp_path
) -> None:
    inbox, port = smtp
    settings = _settings(tmp_path, port)
    dead = f"http://127.0.0.1:{_free_port()}/nobody-listens"
    with alerts_db.session() as s:
        notify.subscribe(s, "webhook", dead, "alice")
        notify.subscribe(s, "email", "desk@example.org", "alice")
    alert_id = _alert(alerts_db, "a", "medium", "NGA")
    with alerts_db.session() as s:
        notify.notify_alerts(s, settings, [alert_id])
    with alerts_db.session() as s:
        outcome = {d.status: d for d in s.scalars(select(Delivery))}
    assert set(outcome) == {"sent", "failed"}
    assert (
        outcome["failed"].attempts == notify.ATTEMPTS and "ConnectError" in outcome["failed"].error
    )
    assert len(inbox.messages) == 1


def test_subscription_input_is_checked(alerts_db: Database) -> None:
    with alerts_db.session() as s:
        with pytest.raises(notify.SubscriptionError, match="not an e-mail address"):
            notify.subscribe(s, "email", "nobody", "alice")
        with pytest.raises(notify.SubscriptionError, match="http"):
            notify.subscribe(s, "webhook", "ftp://x", "alice")
        with pytest.raises(UnknownCountryError, match="Narnia"):
            notify.subscribe(s, "email", "a@b.org", "alice", ["Narnia"])
        with pytest.raises(notify.SubscriptionError, match="severity"):
            notify.subscribe(s, "email", "a@b.org", "alice", min_severity="apocalyptic")


def test_weekly_digest_lists_new_and_escalated_and_is_mailed(
    alerts_db: Database, smtp: tuple[_Inbox, int], tmp_path
) -> None:
    inbox, port = smtp
    settings = _settings(tmp_path, port)
    first = _alert(alerts_db, "a", "high", "SDN")
    _alert(alerts_db, "b", "medium", "ETH")
    with alerts_db.session() as s:
        transition(s, first, "escalate", "bob", "briefed the desk")
        notify.subscribe(s, "email", "weekly@example.org", "alice", digest=True)
        notify.subscribe(s, "email", "alerts-only@example.org", "alice", digest=False)
    with alerts_db.session() as s:
        report = digests.build_digest(s, date.today(), 7, settings.base_url)
        assert [a.title for a in report.new] == ["Surge in ETH", "Surge in SDN"]  # newest first
        assert [a.id for a in report.escalated] == [first]
        text, html = digests.render_text(report), digests.render_html(report)
        assert "NEW ALERTS (2)" in text and "ESCALATED (1)" in text
        assert f'href="https://tocsin.example.org/alerts/{first}"' in html
        digests.send_digest(s, settings, report)
    assert [m["X-Rcpt"] for m in inbox.messages] == ["weekly@example.org"]
    mail = inbox.messages[0]
    assert mail["Subject"].endswith("2 new, 1 escalated alerts")
    kinds = [part.get_content_type() for part in mail.walk()]
    assert "text/plain" in kinds and "text/html" in kinds
    with alerts_db.session() as s:
        last_week = digests.build_digest(s, date.today().replace(year=2000), 7)
    assert not last_week.new and not last_week.escalated


def test_subscriptions_api_escalation_notice_and_digest_page(
    settings: Settings, alerts_db: Database, webhook: tuple[list[dict], str]
) -> None:
    from tests.web.conftest import fill_dashboard

    posted, hook_url = webhook
    fill_dashboard(alerts_db)
    alert_id = _alert(alerts_db, "a", "high", "SDN")
    mail = settings.model_copy(update={"smtp_host": "127.0.0.1"})  # e-mail needs SMTP
    with TestClient(create_app(mail, alerts_db)) as client:
        analyst = token_for(alerts_db, "analyst")
        hook = {"channel": "webhook", "target": hook_url, "min_severity": "high"}
        assert client.post("/api/v1/subscriptions", json=hook, headers=analyst).status_code == 201
        escalated = client.post(
            f"/api/v1/alerts/{alert_id}/actions", json={"action": "escalate"}, headers=analyst
        )
        assert escalated.json()["status"] == "escalated"
        assert [(p["id"], p["reason"], p["status"]) for p in posted] == [
            (alert_id, "escalated", "escalated")
        ]
        made = client.post(
            "/api/v1/subscriptions",
            json={"channel": "email", "target": "d@example.org", "countries": ["Sudan"]},
            headers=analyst,
        )
        assert made.status_code == 201 and made.json()["countries"] == ["SDN"]
        bad = client.post(
            "/api/v1/subscriptions",
            json={"channel": "email", "target": "d@example.org", "countries": ["Narnia"]},
            headers=analyst,
        )
        assert bad.status_code == 422 and "Narnia" in bad.json()["detail"]
        listed = client.get("/api/v1/subscriptions", headers=analyst).json()
        assert [s["target"] for s in listed] == [hook_url, "d@example.org"]
        assert client.get("/api/v1/subscriptions").status_code == 401
        gone = client.delete(f"/api/v1/subscriptions/{made.json()['id']}", headers=analyst)
        assert gone.json()["active"] is False
        page = client.get("/digest")
        assert page.status_code == 200 and "Surge in SDN" in page.text
        text = client.get("/api/v1/digest", params={"days": 7}).text
        assert "NEW ALERTS (1)" in text


def test_cli_subscribe_and_digest(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("TOCSIN_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    made = runner.invoke(
        cli,
        [
            "alerts",
            "subscribe",
            "--email",
            "d@example.org",
            "--country",
            "Myanmar",
            "--min-severity",
            "high",
        ],
    )
    assert made.exit_code == 0, made.output
    unknown = runner.invoke(
        cli, ["alerts", "subscribe", "--email", "d@example.org", "--country", "Narnia"]
    )
    assert unknown.exit_code == 1 and "Narnia" in unknown.output
    listed = runner.invoke(cli, ["alerts", "subscriptions"])
    assert "d@example.org" in listed.output and "MMR" in listed.output
    html = tmp_path / "digest.html"
    shown = runner.invoke(cli, ["alerts", "digest", "--html", str(html)])
    assert shown.exit_code == 0 and "TOCSIN WEEKLY DIGEST" in shown.output
    assert "<h1>Tocsin weekly digest" in html.read_text()


def test_digest_lists_newly_published_assessments(alerts_db: Database, tmp_path) -> None:
    from tocsin.analysis.framework import assessments, taxonomy
    from tocsin.analysis.framework.ingest import ingest_items
    from tocsin.store.models import Excerpt

    report = tmp_path / "report.txt"
    report.write_text(
        "Militia leaders in Darfur called for the expulsion of Masalit families.\n\n"
        "Aid convoys were blocked at checkpoints for a third week.\n"
    )
    ingest_items(alerts_db, [str(report)], "alice")
    with alerts_db.session() as s:
        excerpt = s.scalars(select(Excerpt.id)).first()
        factors = [f.code for f in taxonomy.active(s).factors]
        assessments.save(
            s, "Sudan", factors[0], "moderate", "medium", "first", [excerpt], "alice", publish=True
        )
        assessments.save(
            s, "Sudan", factors[0], "high", "high", "worse", [excerpt], "bob", publish=True
        )
        assessments.save(s, "Chad", factors[0], "low", "low", "draft only", [excerpt], "bob")
    with alerts_db.session() as s:
        digest = digests.build_digest(s, date.today(), 7)
    assert [(a.code, a.level, a.previous, a.by) for a in digest.assessments] == [
        ("SDN", "moderate", None, "alice"),
        ("SDN", "high", "moderate", "bob"),
    ]
    assert "Sudan" in digests.render_text(digest) and "(was moderate)" in digests.render_html(
        digest
    )
