"""Trends by week and group, the speech-surge alert with its posts as evidence, and the
Rabat worksheet: pre-filled from the data, saved by an analyst, audited. Both databases."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from tocsin.alerts.engine import run_signals
from tocsin.analysis.speech import rabat, trends
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.store.models import (
    Alert,
    AuditEntry,
    Country,
    Forecast,
    ForecastRun,
    RabatWorksheet,
    SpeechPost,
)

MONDAY = date(2024, 5, 6)  # the surge week


def _post(
    n: int, country_id: int, when: datetime, target: str, flagged: bool, **kw: object
) -> SpeechPost:
    return SpeechPost(
        source="csv",
        source_id=f"p{n}",
        channel=str(kw.get("channel", "@ch")),
        author=str(kw.get("author", f"user{n % 7}")),
        posted_at=when,
        country_id=country_id,
        text=str(kw.get("text", f"post {n}")),
        score=0.9 if flagged else 0.1,
        label="hateful" if flagged else "non-hateful",
        category=str(kw.get("category", "derogation" if flagged else "none")),
        target=target if flagged else "",
        lexicon_terms=[],
        views=kw.get("views", 10),
        shares=kw.get("shares", 1),
        followers=kw.get("followers", 100),
        model="test",
    )


@pytest.fixture
def speech_db(database: Database) -> Database:
    """Twelve quiet weeks of posts in Kenya, then a surge against migrants."""
    load_ewp(database, [])
    with database.session() as s:
        ken = s.scalar(select(Country.id).where(Country.code == "KEN"))
        n = 0
        for week in range(12, 0, -1):
            start = datetime.combine(MONDAY - timedelta(weeks=week), datetime.min.time(), UTC)
            for i in range(5):  # five posts a week, one flagged against migrants every other week
                n += 1
                s.add(
                    _post(
                        n,
                        ken,
                        start + timedelta(hours=i),
                        "migrants",
                        flagged=(i == 0 and week % 2 == 0),
                    )
                )
        start = datetime.combine(MONDAY, datetime.min.time(), UTC)
        for i in range(14):
            n += 1
            text = f"They are vermin {i}" if i else "Drive them out tonight"
            s.add(
                _post(
                    n,
                    ken,
                    start + timedelta(hours=i),
                    "migrants",
                    flagged=True,
                    category="threat" if i < 3 else "dehumanisation",
                    author="big_voice",
                    views=1000 * (i + 1),
                    text=text,
                )
            )
        s.add(_post(999, ken, start + timedelta(hours=2), "religion", flagged=True))
        run = ForecastRun(model="tocsin-enet", model_version="1", base_year=2024, data_checksums={})
        s.add(run)
        s.flush()
        s.add(
            Forecast(
                run_id=run.id,
                country_id=ken,
                risk_2yr=0.031,
                rank_2yr=12,
                risk_1yr=0.015,
                rank_1yr=14,
            )
        )
    return database


def test_weekly_trend_per_group(speech_db: Database) -> None:
    with speech_db.session() as s:
        kenya = s.scalars(select(Country).where(Country.code == "KEN")).one()
        frame = trends.country_trend(s, kenya, weeks=26)
    assert len(frame["week"].unique()) == 13 and set(frame["target"]) == {"migrants", "religion"}
    last = frame[frame["week"] == MONDAY].set_index("target")["flagged"].to_dict()
    assert last == {"migrants": 14, "religion": 1}
    quiet = frame[(frame["week"] < MONDAY) & (frame["target"] == "migrants")]["flagged"]
    assert quiet.sum() == 6 and (frame[frame["week"] == MONDAY]["posts"] == 15).all()


def test_surge_alert_with_posts_as_evidence(speech_db: Database) -> None:
    as_of = MONDAY + timedelta(days=8)  # the week after: the surge week is the last full week
    with speech_db.session() as s:
        report = run_signals(s, as_of, ["speech-surge"])
    assert report.by_signal == {"speech-surge": 1} and len(report.created) == 1
    with speech_db.session() as s:
        alert = s.get(Alert, report.created[0])
        assert alert.dedup_key == "KEN:migrants" and alert.observed == 14
        assert alert.baseline == pytest.approx(0.5) and alert.unusualness < 1e-6
        assert alert.severity == "high"  # threats among the posts
        assert len(alert.evidence) == 14 and {e.kind for e in alert.evidence} == {"post"}
        top = s.get(SpeechPost, int(alert.evidence[0].ref))
        assert top.views == 14000  # evidence ordered by reach
    with speech_db.session() as s:  # the quiet week before raises nothing
        assert run_signals(s, MONDAY + timedelta(days=1), ["speech-surge"]).created == []


def test_rabat_prefill_and_audited_save(speech_db: Database) -> None:
    with speech_db.session() as s:
        post = s.scalars(
            select(SpeechPost).where(SpeechPost.text == "Drive them out tonight")
        ).one()
        later = s.scalars(
            select(SpeechPost)
            .where(SpeechPost.author == "big_voice")
            .order_by(SpeechPost.posted_at.desc())
        ).first()
        data = rabat.prefill(s, later)
        assert data["speaker"]["past_flagged"] == 13  # the speaker's earlier flagged posts
        assert data["context"]["forecast_risk"]["rank_2yr"] == 12
        assert data["context"]["country"] == "Kenya"
        assert data["extent"]["views"] == 14000
        assert rabat.prefill(s, post)["likelihood"]["imminence_words"] == ["tonight"]
        post_id = post.id
    factors = {k: {"rating": 2, "notes": f"{k} notes"} for k in rabat.FACTOR_KEYS}
    with speech_db.session() as s, pytest.raises(rabat.WorksheetError, match="missing ratings"):
        partial = {k: v for k, v in factors.items() if k != "likelihood"}
        rabat.save_worksheet(
            s, post_id, "analyst1", partial, rabat.CONCLUSIONS[2], status="complete"
        )
    with speech_db.session() as s:
        with pytest.raises(rabat.WorksheetError, match="must be 0-3"):
            rabat.save_worksheet(s, post_id, "analyst1", {"intent": {"rating": 7}})
        with pytest.raises(rabat.WorksheetError, match="unknown factor"):
            rabat.save_worksheet(s, post_id, "analyst1", {"mood": {"rating": 1}})
    with speech_db.session() as s:
        draft = rabat.save_worksheet(s, post_id, "analyst1", {"context": {"rating": 3}})
        sheet_id = draft.id
    with speech_db.session() as s:
        rabat.save_worksheet(
            s,
            post_id,
            "analyst2",
            factors,
            rabat.CONCLUSIONS[2],
            "Meets the threshold",
            "complete",
            sheet_id,
        )
    with speech_db.session() as s:
        sheet = s.get(RabatWorksheet, sheet_id)
        assert sheet.status == "complete" and sheet.factors["intent"] == {
            "rating": 2,
            "notes": "intent notes",
        }
        assert sheet.prefill["speaker"]["author"] == "big_voice" and sheet.country_id is not None
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "rabat.save").order_by(AuditEntry.id)
        ).all()
        assert [e.actor for e in entries] == ["analyst1", "analyst2"]
        assert entries[0].before is None and entries[1].before["status"] == "draft"
        assert entries[1].after["conclusion"] == rabat.CONCLUSIONS[2]
