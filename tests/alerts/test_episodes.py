"""Episodes as analysts and subscribers see them: replayed history is not news,
escalations are told again, lists filter and export the API's alert objects, numbers read
as numbers, and every alert records who was told and who responded."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from tests.alerts.test_notifications import _settings, smtp, webhook  # noqa: F401 - fixtures
from tocsin.alerts import notify
from tocsin.alerts.engine import record_candidate, transition
from tocsin.alerts.queries import alert_record, query_alerts
from tocsin.alerts.severity import fmt_count, fmt_probability, scale_severity
from tocsin.alerts.signals import AlertCandidate
from tocsin.cli.main import app as cli
from tocsin.reports import digest as digests
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp


@pytest.fixture
def alerts_db(database: Database) -> Database:
    load_ewp(database, [])
    return database


def _candidate(
    code: str, month: date, observed: float, severity: str, **kw: object
) -> AlertCandidate:
    end = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return AlertCandidate(
        "civilian-surge",
        f"{code}:civilian_fatalities",
        f"{code}: surge in civilian deaths in {month:%B %Y}",
        f"{fmt_count(observed)} civilian deaths",
        severity,
        code,
        since=month,
        period_end=end,
        observed=observed,
        headline=f"{code}: surge in civilian deaths",
        **kw,  # type: ignore[arg-type]
    )


def test_number_formatting() -> None:
    assert fmt_count(30500.666666666664) == "30,501"
    assert fmt_count(1, "event") == "1 event" and fmt_count(2, "event") == "2 events"
    assert fmt_probability(0.0) == "< 1e-12" and fmt_probability(0.0123) == "0.012"
    assert scale_severity(30_000, "conflict-context", "year") == "medium"  # context ranks below
    assert scale_severity(300) == "critical" and scale_severity(12) == "medium"


def test_replayed_alerts_are_history_escalations_are_told_again(
    alerts_db: Database,
    smtp,  # noqa: ANN001, F811 - fixture from test_notifications
    webhook,  # noqa: ANN001, F811
    tmp_path,  # noqa: ANN001
) -> None:
    inbox, port = smtp
    posted, hook = webhook
    settings = _settings(tmp_path, port)
    with alerts_db.session() as s:
        notify.subscribe(s, "webhook", hook, "alice", ["Sudan"], "medium")
        old, _ = record_candidate(
            s, _candidate("SDN", date(2020, 1, 1), 40, "medium"), replaying=True
        )
        assert notify.notify_alerts(s, settings, [old.id]) == []  # history: not announced
        first = record_candidate(s, _candidate("SDN", date(2020, 2, 1), 120, "high"))
        assert first.action == "escalation" and first.alert.id == old.id  # 3x the peak, higher
        sent = notify.notify_alerts(s, settings, [old.id], "escalated")
        assert [d.status for d in sent] == ["sent"] and posted[-1]["reason"] == "escalated"
        assert posted[-1]["url"] == f"https://tocsin.example.org/alerts/{old.id}"
        same = record_candidate(s, _candidate("SDN", date(2020, 2, 1), 120, "high"))
        assert same.action == "recorded"  # one history entry per month
        transition(s, old.id, "acknowledge", "bob", "briefing the desk")
        record = alert_record(s, old.id)
        assert record is not None
        assert [(n["channel"], n["reason"], n["status"]) for n in record["notified"]] == [
            ("webhook", "escalated", "sent")
        ]
        assert [(r["actor"], r["action"], r["note"]) for r in record["responses"]] == [
            ("bob", "acknowledge", "briefing the desk")
        ]
        assert [(t["action"], t["month"]) for t in record["timeline"]][:2] == [
            ("created", "2020-01-01"),
            ("escalation", "2020-02-01"),
        ]
        assert record["title"] == "SDN: surge in civilian deaths, January 2020 to February 2020"
        assert record["since"] == "2020-01-01"
        live = record_candidate(s, _candidate("NGA", date(2020, 3, 1), 30, "medium")).alert
        digest = digests.build_digest(s, date.today(), 7, settings.base_url)
        assert [a.id for a in digest.new] == [live.id]  # the replayed alert is not news
        assert [a.id for a in digest.escalated] == [old.id]


def test_queries_and_cli_list_filter_by_country_and_severity(
    alerts_db: Database,
    tmp_path,
    monkeypatch,  # noqa: ANN001
) -> None:
    with alerts_db.session() as s:
        record_candidate(s, _candidate("SDN", date(2021, 1, 1), 400, "critical"))
        record_candidate(s, _candidate("NGA", date(2021, 1, 1), 30, "medium"))
        record_candidate(
            s,
            _candidate("POL", date(2021, 1, 1), 900, "critical", category="conflict-context"),
        )
    with alerts_db.session() as s:
        total, rows = query_alerts(s)
        # violence against civilians first; conflict context below even when as severe
        assert [r["country_code"] for r in rows] == ["SDN", "NGA", "POL"] and total == 3
        assert [r["country_code"] for r in query_alerts(s, country="Nigeria")[1]] == ["NGA"]
        assert [r["country_code"] for r in query_alerts(s, country="SDN")[1]] == ["SDN"]
        critical = query_alerts(s, severity="critical")[1]
        assert {r["country_code"] for r in critical} == {"SDN", "POL"}
        with pytest.raises(ValueError, match="severity must be one of"):
            query_alerts(s, severity="apocalyptic")
    monkeypatch.setenv("TOCSIN_DATABASE_URL", alerts_db.url)
    monkeypatch.setenv("TOCSIN_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    out = runner.invoke(cli, ["alerts", "list", "--format", "json", "--country", "Sudan"])
    assert out.exit_code == 0, out.output
    items = json.loads(out.output)
    assert [i["country_code"] for i in items] == ["SDN"]
    assert {"id", "signal", "status", "severity", "title", "since", "period_end"} <= set(items[0])
    csv_out = runner.invoke(cli, ["alerts", "list", "--format", "csv", "--severity", "medium"])
    lines = csv_out.output.strip().splitlines()
    assert lines[0].startswith("id,signal,status,severity") and len(lines) == 2
    bad = runner.invoke(cli, ["alerts", "list", "--country", "Narnia"])
    assert bad.exit_code == 1 and "Narnia" in bad.output
