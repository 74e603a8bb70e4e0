"""The submission-cluster alert signal on both backends: a burst about one admin-1 unit
raises an alert with submission references only; rejected or old submissions do not
count."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from tocsin.alerts.engine import run_signals
from tocsin.alerts.signals import SIGNALS
from tocsin.alerts.submission_cluster import SubmissionCluster
from tocsin.store.db import Database
from tocsin.store.models import Alert, AlertEvidence, Country
from tocsin.store.models.intake import Submission


def _add(session, n: int, day: date, place: str = "West Darfur", status: str = "new") -> None:  # noqa: ANN001
    country_id = session.scalar(select(Country.id).where(Country.code == "SDN"))
    for i in range(n):
        session.add(
            Submission(
                ref=f"R-{place[:2].upper()}{day.day:02d}{status[:1].upper()}{i}",
                what="secret text",
                received_hour=datetime(day.year, day.month, day.day, 10, tzinfo=UTC),
                country_text="SDN",
                country_id=country_id,
                admin1=place,
                how_known="saw",
                receipt_lookup=f"{place}{day}{status}{i}".ljust(64, "x")[:64],
                reporter_key="0" * 64,
                status=status,
                checklist={},
                updated_at=datetime.now(UTC),
            )
        )


def test_a_burst_about_one_place_raises_an_alert(intake_db: Database) -> None:
    with intake_db.session() as s:
        _add(s, 3, date(2026, 11, 18))
        _add(s, 4, date(2026, 11, 19), status="rejected")
        _add(s, 1, date(2026, 8, 30))  # before the window: part of the baseline
        _add(s, 2, date(2026, 11, 19), place="South Darfur")
    with intake_db.session() as s:
        found = SubmissionCluster().detect(s, date(2026, 11, 20))
    by_key = {c.dedup_key: c for c in found}
    assert set(by_key) == {"SDN:west darfur", "SDN:"}
    place = by_key["SDN:west darfur"]
    assert place.observed == 3 and 0 < place.baseline < 1 and place.unusualness < 0.01
    assert place.country_code == "SDN"
    assert {e.kind for e in place.evidence} == {"submission"}
    assert "secret text" not in place.summary + place.title
    assert by_key["SDN:"].observed == 5
    with intake_db.session() as s:
        assert SubmissionCluster().detect(s, date(2026, 12, 20)) == []
        run_signals(s, date(2026, 11, 20), ["submission-cluster"])
    with intake_db.session() as s:
        assert s.query(Alert).filter(Alert.signal == "submission-cluster").count() == 2
        assert s.query(AlertEvidence).filter(AlertEvidence.kind == "submission").count() == 8


def test_thresholds_are_settings() -> None:
    signal = SIGNALS.create("submission-cluster", min_place=10)
    assert signal.settings.min_place == 10
