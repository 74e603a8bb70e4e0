"""Events into the store (both backends) and the alert engine on known series."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import func, select

from tests.conftest import event_rows
from tocsin.alerts.engine import AlertError, record_candidate, run_signals, transition
from tocsin.alerts.signals import AlertCandidate, EvidenceRef
from tocsin.alerts.surge import CivilianSurge
from tocsin.analysis.baseline import tail_probability
from tocsin.analysis.events.ingest import import_file, upsert_events
from tocsin.analysis.events.series import events_frame, monthly
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.store.models import Alert, AuditEntry, Event


@pytest.fixture
def events_db(database: Database) -> Database:
    load_ewp(database, [])  # the country table
    return database


@pytest.mark.shared_data
def test_real_ged_import_is_idempotent_and_updates_in_place(
    events_db: Database, shared_data: Path, tmp_path: Path
) -> None:
    ged = shared_data / "events" / "ucdp" / "GEDEvent_v23_1_CAR482.csv"
    with events_db.session() as s:
        first = import_file(s, ged, "ucdp-ged", actor="alice")
    assert (first.inserted, first.updated, len(first.rejected)) == (1848, 0, 0)
    with events_db.session() as s:
        again = import_file(s, ged, "ucdp-ged", actor="alice")
        assert (again.inserted, again.updated, again.unchanged) == (0, 0, 1848)
        assert s.scalar(select(func.count()).select_from(Event)) == 1848
        one_sided = s.scalar(select(func.count()).where(Event.against_civilians.is_(True)))
        assert one_sided == 1076  # as SOURCES.md says
    # a newer version revises one event's deaths: updated in place, nothing duplicated
    newer = tmp_path / "ged_newer.csv"
    frame = pd.read_csv(ged, dtype=str, keep_default_na=False)
    frame.loc[0, "best"] = str(int(float(frame.loc[0, "best"])) + 7)
    frame.to_csv(newer, index=False)
    with events_db.session() as s:
        revised = import_file(s, newer, "ucdp-ged", actor="alice")
        assert (revised.inserted, revised.updated) == (0, 1)
        assert s.scalar(select(func.count()).select_from(Event)) == 1848
        assert s.scalar(select(func.count()).where(AuditEntry.action == "events.import")) == 3


@pytest.mark.shared_data
def test_acled_sample_import(events_db: Database, shared_data: Path, tmp_path: Path) -> None:
    sample = tmp_path / "acled.csv"  # a local test fixture only; never stored in the repo
    shutil.copy(shared_data / "events" / "acled" / "acled_sample_2022H1.csv", sample)
    with events_db.session() as s:
        report = import_file(s, sample, "acled", actor="alice")
        civilians = s.scalar(
            select(func.count()).where(Event.category == "Violence against civilians")
        )
    assert report.inserted == 9000 and civilians == 979


def _calm_then_surge(surge: int) -> dict[str, int]:
    rng = np.random.default_rng(3)
    months = pd.period_range("2021-01", "2022-12", freq="M")
    counts = {str(m): int(c) for m, c in zip(months, rng.poisson(4, len(months)), strict=True)}
    counts["2023-01"] = surge
    return counts


def test_surge_is_raised_merged_and_walked_through_its_lifecycle(events_db: Database) -> None:
    with events_db.session() as s:
        upsert_events(s, event_rows("SDN", _calm_then_surge(60)))
        upsert_events(s, event_rows("TCD", _calm_then_surge(6)))  # an ordinary month
    with events_db.session() as s:
        report = run_signals(s, date(2023, 2, 3), ["civilian-surge"])
        assert report.by_signal == {"civilian-surge": 1}
        alert = s.get(Alert, report.created[0])
        assert alert.country_id == s.scalar(
            select(Event.country_id).where(Event.source_id.like("SDN-%"))
        )
        assert alert.observed == 60 and 2 < alert.baseline < 7 and alert.unusualness < 1e-6
        assert alert.since == date(2023, 1, 1) and "January 2023" in alert.title
        assert alert.evidence and alert.evidence[0].kind == "event"
    with events_db.session() as s:  # the same month again: already recorded, nothing changes
        again = run_signals(s, date(2023, 2, 20), ["civilian-surge"])
        assert again.created == [] and again.merged == [] and again.escalated == []
        assert s.scalar(select(func.count()).select_from(Alert)) == 1
        assert [h.action for h in s.get(Alert, report.created[0]).history] == ["created"]
    with events_db.session() as s:
        transition(s, report.created[0], "acknowledge", "alice", "looking")
        transition(s, report.created[0], "escalate", "alice", "briefing tomorrow")
        with pytest.raises(AlertError, match="is escalated; it cannot be acknowledged"):
            transition(s, report.created[0], "acknowledge", "alice")
        transition(s, report.created[0], "close", "bob")
        assert s.scalar(select(func.count()).where(AuditEntry.action.like("alert.%"))) == 3
    with events_db.session() as s:  # closed: new activity opens a new alert, linked
        upsert_events(s, event_rows("SDN", {"2023-02": 90}))
        later = run_signals(s, date(2023, 3, 2), ["civilian-surge"])
        assert len(later.created) == 1
        assert s.get(Alert, later.created[0]).previous_id == report.created[0]


def _episode_history() -> dict[str, int]:
    """Two years of calm, a surge (Jan-Feb 2023) that escalates (Mar 2023), six quiet
    months, then a far larger surge (Oct 2023)."""
    counts = _calm_then_surge(40)
    counts.update({"2023-02": 45, "2023-03": 200})
    counts.update({str(m): 3 for m in pd.period_range("2023-04", "2023-09", freq="M")})
    counts["2023-10"] = 900
    return counts


def test_episodes_resolve_escalate_reopen_and_replay_idempotently(events_db: Database) -> None:
    from tocsin.alerts.engine import replay
    from tocsin.store.models import AlertEvent

    with events_db.session() as s:
        upsert_events(s, event_rows("SDN", _episode_history()))

    def snapshot(s) -> list[tuple]:  # noqa: ANN001
        alerts = [
            (a.id, a.status, a.severity, a.since, a.last_active, a.previous_id, a.peak)
            for a in s.scalars(select(Alert).order_by(Alert.id))
        ]
        steps = [(e.alert_id, e.action, e.month) for e in s.scalars(select(AlertEvent))]
        return alerts + sorted(steps, key=str)

    with events_db.session() as s:
        report = replay(s, date(2023, 2, 1), date(2023, 12, 1), ["civilian-surge"])
        first, second = (s.get(Alert, i) for i in report.created)
        # the first episode: January to March, escalated in March, resolved after 3 quiet months
        assert first.since == date(2023, 1, 1) and first.last_active == date(2023, 3, 1)
        assert first.title == "Sudan: surge in civilian deaths, January 2023 to March 2023"
        actions = [(h.action, h.month) for h in first.history]
        assert actions[:3] == [
            ("created", date(2023, 1, 1)),
            ("activity", date(2023, 2, 1)),
            ("escalation", date(2023, 3, 1)),
        ]
        assert actions[3][0] == "resolved" and first.status == "closed"
        assert report.escalated == [first.id] and first.peak == 200
        # new activity in October opens a new alert linked to the first
        assert second.previous_id == first.id and second.since == date(2023, 10, 1)
        assert second.title == "Sudan: surge in civilian deaths in October 2023"
        assert first.replayed and second.replayed  # history, not news
        resolved = s.scalar(select(func.count()).where(AuditEntry.action == "alert.resolve"))
        assert resolved == 1
        before = snapshot(s)
    with events_db.session() as s:  # replaying the same history again changes nothing
        again = replay(s, date(2023, 2, 1), date(2023, 12, 1), ["civilian-surge"])
        assert again.created == [] and again.escalated == [] and again.resolved == []
        assert snapshot(s) == before


def test_new_area_after_long_quiet(events_db: Database) -> None:
    history = {str(m): 5 for m in pd.period_range("2020-01", "2022-12", freq="M")}
    with events_db.session() as s:
        upsert_events(s, event_rows("NGA", history, admin1="Borno"))
        upsert_events(s, event_rows("NGA", {"2023-01": 12}, admin1="Plateau"))
        upsert_events(s, event_rows("NGA", {"2023-01": 3}, admin1="Borno"))
    with events_db.session() as s:
        report = run_signals(s, date(2023, 2, 1), ["new-area"])
        alerts = [s.get(Alert, i) for i in report.created]
        assert [(a.place, a.observed) for a in alerts] == [("Plateau", 1.0)]


def test_candidates_merge_evidence_and_never_lower_severity(events_db: Database) -> None:
    def candidate(severity: str, ref: str) -> AlertCandidate:
        return AlertCandidate(
            "test", "key", "T", "S", severity, "SDN", evidence=[EvidenceRef("post", ref)]
        )

    with events_db.session() as s:
        first, created = record_candidate(s, candidate("high", "1"), "system")
        second, again = record_candidate(s, candidate("low", "2"), "system")
        assert created and not again and first.id == second.id
        assert second.severity == "high" and {e.ref for e in second.evidence} == {"1", "2"}
        with pytest.raises(AlertError, match="severity"):
            record_candidate(s, candidate("apocalyptic", "3"), "system")


def test_false_alarm_rate_is_about_alpha_on_pure_noise() -> None:
    """On over-dispersed counts with no surge, the share of alerts is close to alpha."""
    rng = np.random.default_rng(11)
    signal = CivilianSurge(CivilianSurge.Settings(alpha=0.05, min_count=0))
    months = pd.period_range("2020-01", "2022-01", freq="M")
    rows = []
    for country in range(400):
        mean = rng.uniform(1, 30)
        counts = rng.negative_binomial(2, 2 / (2 + mean), len(months))
        rows += [
            {"country_id": country, "month": m, "civilian_fatalities": c}
            for m, c in zip(months, counts, strict=True)
        ]
    series = pd.DataFrame(rows)
    alerts = signal.detect_in(None, series, months[-1])
    assert len(alerts) / 400 < 0.05 * 2.5  # honest: estimated baselines add some noise
    mean, tail = tail_probability(np.array([0, 0, 1, 0, 2, 0]), 0)
    assert tail == 1.0 and mean == 0.5


def test_monthly_series_fill_quiet_months(events_db: Database) -> None:
    with events_db.session() as s:
        upsert_events(s, event_rows("SDN", {"2023-01": 5, "2023-04": 2}))
        series = monthly(events_frame(s))
    assert list(series["civilian_fatalities"]) == [5.0, 0.0, 0.0, 2.0]


def test_alert_evidence_links_to_event_pages_and_api(events_db: Database, settings) -> None:  # noqa: ANN001
    from fastapi.testclient import TestClient

    from tocsin.web.app import create_app

    with events_db.session() as s:
        upsert_events(s, event_rows("SDN", _calm_then_surge(60)))
        alert_id = run_signals(s, date(2023, 2, 3), ["civilian-surge"]).created[0]
    with TestClient(create_app(settings, events_db)) as client:
        detail = client.get(f"/api/v1/alerts/{alert_id}").json()
        first = detail["evidence"][0]
        assert first["url"] == f"/events/{first['ref']}"
        page = client.get(f"/alerts/{alert_id}").text
        assert f'<a href="/events/{first["ref"]}">' in page
        event = client.get(first["url"])
        assert event.status_code == 200 and "60" in event.text and "Sudan" in event.text
        api = client.get(f"/api/v1/events/{first['ref']}").json()
        assert api["fatalities_best"] == 60 and api["against_civilians"] is True
        listed = client.get("/api/v1/events", params={"country": "Sudan", "start": "2023-01-01"})
        assert (
            listed.json()["total"] == 1 and listed.json()["items"][0]["event_date"] == "2023-01-10"
        )
        assert client.get("/api/v1/events", params={"country": "Narnia"}).status_code == 404
        assert client.get("/api/v1/events/999999").status_code == 404
        by_unit = client.get("/api/v1/countries/SDN/violence/admin1").json()["items"]
        assert {row["admin1"] for row in by_unit} == {"North"}
        assert len(by_unit) == 25 and by_unit[-1] == {  # Jan 2021 - Jan 2023, quiet months filled
            "month": "2023-01",
            "admin1": "North",
            "events": 1,
            "fatalities": 60.0,
            "civilian_events": 1,
            "civilian_fatalities": 60.0,
        }


def test_replay_builds_the_alert_history_month_by_month(events_db: Database) -> None:
    from tocsin.alerts.engine import replay

    with events_db.session() as s:
        upsert_events(s, event_rows("SDN", _calm_then_surge(60)))
    with events_db.session() as s:
        report = replay(s, date(2022, 11, 1), date(2023, 3, 15), ["civilian-surge"])
        assert len(report.created) == 1 and report.merged == []
        alert = s.get(Alert, report.created[0])
        assert alert.observed == 60 and "January 2023" in alert.title
        assert "tocsin.events_frame" not in s.info  # the frozen frame is dropped afterwards
        upsert_events(s, event_rows("SDN", {"2023-03": 500}))  # new data is seen again
        later = run_signals(s, date(2023, 4, 2), ["civilian-surge"])
        assert later.escalated == report.created  # same open alert: 500 is far above its peak


def test_no_data_is_not_quiet(events_db: Database) -> None:
    """Running long after the event record ends does not resolve its alerts."""
    with events_db.session() as s:
        upsert_events(s, event_rows("SDN", _calm_then_surge(60)))
    with events_db.session() as s:
        created = run_signals(s, date(2023, 2, 3), ["civilian-surge"]).created
        later = run_signals(s, date(2026, 11, 1), ["civilian-surge"])
        assert later.resolved == [] and s.get(Alert, created[0]).status == "new"


def test_new_perpetrator_and_ranking_of_conflict_context(events_db: Database) -> None:
    from tocsin.alerts.queries import query_alerts

    history = {str(m): 5 for m in pd.period_range("2020-01", "2022-12", freq="M")}
    newcomer = event_rows("SDN", {"2023-01": 30}, admin1="Kassala").assign(actor1="B")
    battles = event_rows("SDN", {"2023-01": 400}, admin1="Khartoum").assign(
        against_civilians=False, category="state-based", actor1="C"
    )
    with events_db.session() as s:
        upsert_events(s, event_rows("SDN", history))
        upsert_events(s, pd.concat([newcomer, battles]))
    with events_db.session() as s:
        report = run_signals(s, date(2023, 2, 1), ["new-perpetrator", "conflict-surge"])
        assert report.by_signal == {"new-perpetrator": 1, "conflict-surge": 1}
        _total, rows = query_alerts(s)
        assert [r["signal"] for r in rows] == ["new-perpetrator", "conflict-surge"]
        perpetrator, context = rows
        assert perpetrator["title"] == "Sudan: B kills civilians in January 2023"
        assert perpetrator["severity"] == "medium"  # 30 civilians killed
        assert context["category"] == "conflict-context" and context["severity"] == "medium"
        assert "(conflict context)" in context["title"]
