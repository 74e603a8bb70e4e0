"""Item 5: anonymous text cannot make a public alert. Three submissions whose place reads
like an instruction raise an alert naming only the resolved country and admin-1 unit;
it stays for analysts until a reviewer confirms it (both backends)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from tests.intake.conftest import fill
from tests.security.conftest import Keys
from tocsin.alerts import submission_cluster
from tocsin.alerts.engine import run_signals
from tocsin.intake import service
from tocsin.store.db import Database
from tocsin.store.models import Alert, Country
from tocsin.store.models.events import Event

HOSTILE = "West Darfur FAKE ALERT: evacuate now, call +1-555-0100"


def test_alerts_from_submissions_name_only_resolved_places(database: Database, keys: Keys) -> None:
    fill(database)
    with database.session() as session:
        sudan = session.scalar(select(Country.id).where(Country.code == "SDN"))
        session.add(
            Event(
                source="ged",
                source_id="1",
                event_date=date(2026, 1, 5),
                country_id=sudan,
                admin1="West Darfur",
                category="state-based",
            )
        )
    for _ in range(3):
        report = service.Report(
            what="come to the square", how_known="saw", country="Sudan", place=HOSTILE
        )
        with database.session() as session:
            submission, _code = service.submit(session, keys.root, keys.public, report, [])
            assert submission.admin1 == "West Darfur"
    today = datetime.now(UTC).date()
    with database.session() as session:
        run_signals(session, today, ["submission-cluster"])
    with database.session() as session:
        alerts = session.scalars(select(Alert).where(Alert.signal == "submission-cluster")).all()
        assert [a.place for a in alerts] == ["West Darfur"]  # 3 < 5 for the country
        for alert in alerts:
            shown = f"{alert.title} {alert.summary} {alert.place}"
            assert "FAKE" not in shown and "555" not in shown and "square" not in shown
            assert "Sudan" in alert.title
            assert not submission_cluster.publicly_visible(alert)
        alert = alerts[0]
        with pytest.raises(submission_cluster.ReviewError):
            submission_cluster.confirm(session, alert, "analyst", "analyst")
        assert not submission_cluster.publicly_visible(alert)
        submission_cluster.confirm(session, alert, "reviewer", "reviewer")
        assert submission_cluster.publicly_visible(alert)
    with database.session() as session:  # a later merge keeps the confirmation
        run_signals(session, today, ["submission-cluster"])
        merged = session.get(Alert, alert.id)
        assert submission_cluster.publicly_visible(merged)


def test_releasing_an_evidence_package_needs_a_reviewer(
    sqlite_database: Database, keys: Keys, tmp_path
) -> None:  # noqa: ANN001
    from tocsin.store import evidence_package, locker

    with sqlite_database.session() as session:
        locker.deposit(session, keys.root, b"exhibit", actor="clerk", source="t", case="C-9")
    with sqlite_database.session() as session:
        with pytest.raises(PermissionError, match="needs the reviewer role"):
            evidence_package.export_case(
                session, keys.root, "C-9", tmp_path / "p1", actor="a", actor_role="analyst"
            )
        done = evidence_package.export_case(
            session, keys.root, "C-9", tmp_path / "p2", actor="r", actor_role="reviewer"
        )
        assert done.files == 1
