"""Taxonomy, tagging (audited), suggestions that learn, assessments with versions and
diffs, the assessment-raised alert, and full-text search on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tocsin.alerts.assessment_raised import AssessmentRaised
from tocsin.analysis.framework import assessments, suggest, tagging
from tocsin.analysis.framework import taxonomy as tax
from tocsin.analysis.framework.extract import Extracted
from tocsin.analysis.framework.ingest import store_extracted
from tocsin.analysis.framework.search import Filters, search
from tocsin.store.db import Database
from tocsin.store.models import AuditEntry, Excerpt, Suggestion, Tag

TEXTS = {
    "sudan": (
        "Sudan field report",
        "Militias burned villages near El Geneina and killed civilians fleeing the attacks, "
        "witnesses in Sudan said.\n\nAid convoys to the camps in Chad were blocked at "
        "checkpoints and humanitarian workers were detained.",
        date(2024, 3, 5),
        "relief-wire",
    ),
    "myanmar": (
        "Myanmar statement",
        "Officials in Naypyidaw called the Rohingya a threat to the nation and promised to "
        "remove them from Rakhine.\n\nNew citizenship rules stripped Rohingya of their papers.",
        date(2017, 9, 1),
        "ngo-statements",
    ),
}


def _add(session, key: str) -> list[Excerpt]:  # noqa: ANN001
    title, text, published, source = TEXTS[key]
    item = Extracted(f"test:{key}", title, text, "text", text.encode())
    report = store_extracted(session, item, source, "tester", published)
    return list(session.scalars(select(Excerpt).where(Excerpt.document_id == report.document_id)))


def test_default_taxonomy_has_the_fourteen_factors_and_round_trips(tmp_path: Path) -> None:
    taxonomy = tax.default_taxonomy()
    kinds = [f.kind for f in taxonomy.factors]
    assert len(taxonomy.factors) == 14 and kinds.count("common") == 8
    assert all(len(f.indicators) >= 3 for f in taxonomy.factors)
    assert tax.parse(json.loads(tax.to_json(taxonomy))) == taxonomy
    assert tax.from_csv(tax.to_csv(taxonomy)) == taxonomy
    broken = json.loads(tax.to_json(taxonomy))
    broken["factors"][2]["indicators"][0]["code"] = "RF1.1"
    with pytest.raises(tax.TaxonomyError, match="RF1.1.*twice"):
        tax.parse(broken, "mine.json")
    broken = json.loads(tax.to_json(taxonomy))
    broken["factors"][0]["kind"] = "general"
    with pytest.raises(tax.TaxonomyError, match=r"mine.json: factors.0.kind"):
        tax.parse(broken, "mine.json")
    bad_csv = tmp_path / "t.csv"
    bad_csv.write_text("factor_code,factor_kind\nRF1,common\n", encoding="utf-8")
    with pytest.raises(tax.TaxonomyError, match="missing columns"):
        tax.load_file(bad_csv)


def test_an_imported_taxonomy_version_becomes_active(sqlite_database: Database) -> None:
    data = json.loads(tax.to_json(tax.default_taxonomy()))
    data["version"] = "1.1-local"
    data["factors"][0]["indicators"].append(
        {
            "code": "RF1.9",
            "label": "Cross-border raids",
            "description": "Raids from abroad.",
            "keywords": ["raid"],
        }
    )
    local = tax.parse(data)
    with sqlite_database.session() as s:
        tax.install(s, local, "admin")
    with sqlite_database.session() as s:
        assert tax.active(s).version == "1.1-local"
        assert tax.active(s).indicator("RF1.9").label == "Cross-border raids"
        data["factors"][0]["name"] = "Changed without a new version"
        with pytest.raises(tax.TaxonomyError, match="new version"):
            tax.install(s, tax.parse(data), "admin")


def test_tags_are_attributed_and_audited(database: Database) -> None:
    with database.session() as s:
        first, second = _add(s, "sudan")
        tag = tagging.set_tag(
            s, first, tagging.TagInput("RF11.1", confidence="high", note="burned villages"), "ana"
        )
        assert tag.country_code == "SDN"  # the only country the excerpt names
        tagging.set_tag(s, first, tagging.TagInput("RF11.1", confidence="low"), "bob")
        tagging.set_tag(s, second, tagging.TagInput("RF14.3", country="Chad"), "ana")
        with pytest.raises(tagging.TaggingError, match="unknown indicator"):
            tagging.set_tag(s, second, tagging.TagInput("RF99.1"), "ana")
        tagging.remove_tag(s, tag.id, "carol")
    with database.session() as s:
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.entity_type == "tag").order_by(AuditEntry.id)
        ).all()
        assert [(e.actor, e.action) for e in entries] == [
            ("ana", "tag"),
            ("bob", "retag"),
            ("ana", "tag"),
            ("carol", "untag"),
        ]
        assert entries[1].before["confidence"] == "high"
        assert entries[1].after["confidence"] == "low"
        assert entries[3].before["indicator"] == "RF11.1"
        remaining = s.scalars(select(Tag)).all()
        assert [(t.indicator, t.country_code) for t in remaining] == [("RF14.3", "TCD")]


def test_suggestions_improve_after_accepting_labels(sqlite_database: Database) -> None:
    """An indicator the cold start does not rank first for a kind of passage comes first
    once analysts have tagged a few such passages with it."""
    training = [
        "The government abolished the death penalty for all crimes last year.",
        "Courts imposed more death sentences and executions rose sharply.",
        "Parliament debated whether to restore capital punishment for treason.",
        "Human rights groups called for a moratorium on executions of prisoners.",
    ]
    unseen = "A new law extends capital punishment to drug offences."
    other = "Farmers reported a good harvest and markets reopened in the provinces."
    with sqlite_database.session() as s:
        ids = []
        for i, text in enumerate([*training, unseen, other]):
            item = Extracted(f"test:{i}", f"t{i}", text, "text", text.encode())
            ids.append(store_extracted(s, item, "test", "tester").document_id)
        cold_tagger = suggest.trained_tagger(s)
        cold = cold_tagger.suggest([unseen])[0]
        assert cold[0][0] != "RF2.2"
        column = cold_tagger.indicator_codes.index("RF2.2")
        cold_score = cold_tagger.score([unseen])[0, column]
        excerpts = list(s.scalars(select(Excerpt).order_by(Excerpt.id)))
        for excerpt in excerpts[: len(training)]:
            tagging.set_tag(s, excerpt, tagging.TagInput("RF2.2"), "ana")
        tagging.set_tag(s, excerpts[-1], tagging.TagInput("RF2.2", status="rejected"), "ana")
        learned = suggest.trained_tagger(s)
        top = learned.suggest([unseen, other])
        assert top[0][0][0] == "RF2.2" and top[0][0][1] > cold_score
        scores = learned.score([unseen, other])[:, column]
        assert scores[0] > 2 * scores[1]  # the rejected, unrelated passage stays low
        suggest.refresh_suggestions(s, tagger=learned)
        stored = s.scalars(
            select(Suggestion).where(Suggestion.excerpt_id == excerpts[len(training)].id)
        ).all()
        assert min(stored, key=lambda x: x.rank).indicator == "RF2.2"
        unsure = suggest.least_certain(s, 5)
        assert unsure and {i for i, _ in unsure} <= {excerpts[len(training)].id}


def test_assessments_are_versioned_with_a_diff_and_raise_an_alert(database: Database) -> None:
    with database.session() as s:
        first, second = _add(s, "sudan")
        with pytest.raises(assessments.AssessmentError, match="evidence"):
            assessments.save(s, "Sudan", "RF11", "high", "medium", "x", [], "ana", publish=True)
        with pytest.raises(assessments.AssessmentError, match="not found"):
            assessments.save(s, "Sudan", "RF11", "high", "medium", "x", [99999], "ana")
        with pytest.raises(assessments.AssessmentError, match="unknown risk factor"):
            assessments.save(s, "Sudan", "RF99", "high", "medium", "x", [first.id], "ana")
        v1 = assessments.save(
            s,
            "Sudan",
            "RF11",
            "moderate",
            "low",
            "Attacks on villages.",
            [first.id],
            "ana",
            publish=True,
        )
        v2 = assessments.save(
            s,
            "SDN",
            "RF11",
            "very high",
            "medium",
            "Widespread attacks.",
            [first.id, second.id],
            "bob",
        )
        assert (v1.version, v2.version, v2.status) == (1, 2, "draft")
        assert assessments.diff(v1, v2) == {
            "level": ("moderate", "very high"),
            "confidence": ("low", "medium"),
            "summary": ("Attacks on villages.", "Widespread attacks."),
            "evidence": ([first.id], sorted([first.id, second.id])),
            "status": ("published", "draft"),
        }
        rows = {r.factor.code: r for r in assessments.rollup(s, "Sudan")}
        assert len(rows) == 14 and rows["RF11"].published.version == 1
        assert rows["RF11"].draft.version == 2 and rows["RF1"].published is None
        assert assessments.overall(list(rows.values())) == "moderate"
        today = date.today()
        signal = AssessmentRaised()
        alerts = signal.detect(s, today)
        assert [a.title for a in alerts] == ["Sudan: RF11 raised to moderate"]
        assessments.publish_version(s, v2.id, "carol")
        alerts = signal.detect(s, today)
        assert {a.title for a in alerts} == {
            "Sudan: RF11 raised to moderate",
            "Sudan: RF11 raised to very high",
        }
        top = next(a for a in alerts if "very high" in a.title)
        assert top.severity == "critical" and top.baseline == 2.0
        assert {e.kind for e in top.evidence} == {"assessment", "excerpt"}
        assessments.save(s, "Sudan", "RF11", "low", "high", "Calmer.", [first.id], "ana", True)
        assert len(signal.detect(s, today)) == 2  # a lowered level raises nothing
        assert signal.detect(s, date(2000, 1, 1)) == []
        actions = s.scalars(
            select(AuditEntry.action).where(AuditEntry.entity_type == "assessment")
        ).all()
        assert actions.count("publish") == 3 and actions.count("assess") == 3


def test_search_with_filters(database: Database) -> None:
    with database.session() as s:
        sudan = _add(s, "sudan")
        _add(s, "myanmar")
        tagging.set_tag(s, sudan[1], tagging.TagInput("RF14.3", country="Sudan"), "ana")
    with database.session() as s:
        total, hits = search(s, "villages burned")
        assert total == 1 and hits[0].title == "Sudan field report"
        total, hits = search(s, "village")  # stemmed
        assert total == 1
        total, _ = search(s, "Rohingya")
        assert total == 2
        assert search(s, "Rohingya", Filters(country="Myanmar"))[0] == 2
        assert search(s, "Rohingya", Filters(country="Sudan"))[0] == 0
        assert search(s, "", Filters(indicator="RF14.3"))[1][0].excerpt_id == sudan[1].id
        assert search(s, "convoys", Filters(indicator="RF11.1"))[0] == 0
        assert search(s, "", Filters(source="ngo-statements"))[0] == 2
        assert search(s, "", Filters(since=date(2020, 1, 1)))[0] == 2
        assert search(s, "", Filters(until=date(2020, 1, 1)))[0] == 2
        assert search(s, 'Rohingya" OR "x* NEAR(')[0] == 0  # no query-syntax injection
        assert search(s, "rohingya citizenship")[0] == 1
