"""The workbench gives a head start: excerpts are paragraphs (not headings, agenda lines or
fragments, and a PDF is not one excerpt), they inherit the document's country and date,
"label these next" offers excerpts worth labelling, and an answered suggestion leaves the
list."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from tocsin.analysis.framework import suggest, tagging
from tocsin.analysis.framework.excerpts import is_prose, split_paragraphs
from tocsin.analysis.framework.extract import extract_bytes
from tocsin.analysis.framework.ingest import ingest_items
from tocsin.cli.main import app
from tocsin.reference.countries import UnknownCountryError
from tocsin.store.db import Database
from tocsin.store.models import Document, Excerpt, Suggestion

PARAGRAPHS = [
    "Militia leaders in the region issued statements calling for the removal of the "
    "minority community, and local radio repeated the incitement every evening for weeks "
    "before the attacks began in the villages along the river.",
    "Witnesses described armed men marking the houses of families belonging to the "
    "minority with paint, and officials compiling lists of names at the district office, "
    "which residents understood as preparation for something worse.",
    "Aid agencies reported that convoys carrying food had been turned back at checkpoints "
    "for the third week running, while displaced families gathered in schools and churches "
    "without clean water or medical care.",
]

UN_REPORT_HEAD = "\n".join(
    [
        "Advancing prevention: work of the Office – Report of the Secretary-General",
        "",
        "General Assembly",
        "Seventy-fifth session",
        "Agenda items 14 and 122",
        "Integrated and coordinated implementation and follow-up",
        "to the results of major United Nations conferences",
        "and summits in the economic, social and related fields",
        "The responsibility to protect and prevention of genocide",
        "Introduction",
        "1. The prevention of genocide, war crimes, ethnic cleansing and crimes against "
        "humanity remains an ongoing global challenge and an obligation of every State, which "
        "the report sets out in the paragraphs that follow.",
        "2. During the first months of the pandemic, the Secretary-General called for a global "
        "ceasefire to silence the guns and help create the conditions for the delivery of aid "
        "to the most vulnerable populations.",
    ]
)


def test_headings_agenda_lines_and_fragments_are_not_excerpts() -> None:
    texts = [p.text for p in split_paragraphs(UN_REPORT_HEAD, "h")]
    assert len(texts) == 2
    assert texts[0].startswith("1. The prevention") and texts[1].startswith("2. During")
    assert not any("summits in the economic" in t or "Introduction" in t for t in texts)
    assert not is_prose("and summits in the economic, social and related fields")
    assert not is_prose("## Combat impunity and ensure accountability for past crimes.")
    assert is_prose(PARAGRAPHS[0])
    # scripts other than Latin: Arabic ends with its own stops, Chinese has no spaces
    assert is_prose("أعلنت الحكومة حالة الطوارئ في ثلاث مقاطعات وعلقت الحق في التجمع؟")
    assert is_prose("联合国秘书长呼吁各方立即停止对平民的袭击，并允许人道主义援助进入该地区。")
    assert not is_prose("第一章 导言")


def test_markdown_headings_are_left_out_and_hard_wrapped_lines_joined() -> None:
    wrapped = "\n".join(
        [
            "## 3 Seek to prevent and end mass atrocity crimes",
            "",
            "Conflict is proliferating, and states and armed groups have deliberately",
            "attacked civilians and communities with impunity across several regions",
            "in recent years.",
        ]
    )
    texts = [p.text for p in split_paragraphs(wrapped, "h")]
    assert texts == [
        "Conflict is proliferating, and states and armed groups have deliberately attacked "
        "civilians and communities with impunity across several regions in recent years."
    ]


def test_a_pdf_is_cut_into_its_paragraphs() -> None:
    from weasyprint import HTML

    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    pdf = HTML(
        string=f"<html><body style='width: 12cm'><h1>Situation report</h1>{body}</body></html>"
    ).write_pdf()
    item = extract_bytes(pdf, "pdf", "report.pdf")
    texts = [p.text for p in split_paragraphs(item.text, "h")]
    assert texts == PARAGRAPHS  # one excerpt per paragraph, no heading, lines re-joined


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(
        "Weekly brief\n\n" + PARAGRAPHS[0] + "\n\nIn Khartoum, " + PARAGRAPHS[1] + "\n",
        encoding="utf-8",
    )
    return path


def test_excerpts_inherit_country_and_date(database: Database, report: Path) -> None:
    [result] = ingest_items(
        database, [str(report)], "tester", "field office", None, None, "Mali", date(2024, 5, 2)
    )
    assert result.status == "new" and result.excerpts == 2
    with database.session() as session:
        doc = session.get_one(Document, result.document_id)
        assert doc.source == "field office" and doc.published == date(2024, 5, 2)
        first, second = doc.excerpts
        assert first.countries == ["MLI"]  # names no country: the document's
        assert second.countries == ["SDN"]  # names Khartoum: its own
        tag = tagging.set_tag(session, first, tagging.TagInput("RF7.3"), "tester")
        assert tag.country_code == "MLI" and tag.observed_on == date(2024, 5, 2)


def test_an_unknown_country_stores_nothing(database: Database, report: Path) -> None:
    with pytest.raises(UnknownCountryError):
        ingest_items(database, [str(report)], "tester", country="Narnia")
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_label_next_skips_headings_and_blank_excerpts(database: Database, report: Path) -> None:
    [result] = ingest_items(database, [str(report)], "tester")
    with database.session() as session:
        # a heading and a line without any indicator word, stored by an older splitter
        for position, text in ((10, "Introduction"), (11, "Lorem ipsum dolor sit amet.")):
            session.add(
                Excerpt(
                    key=f"ex-old{position}",
                    document_id=result.document_id,
                    position=position,
                    text=text,
                    countries=[],
                )
            )
        session.flush()
        ranked = suggest.least_certain(session, 10)
        texts = [session.get_one(Excerpt, i).text for i, _m in ranked]
    assert len(texts) == 2 and all(is_prose(t) for t in texts)
    assert all(0 <= margin <= 1 for _i, margin in ranked)


def test_an_answered_suggestion_leaves_the_list(database: Database, report: Path) -> None:
    [result] = ingest_items(database, [str(report)], "tester")
    with database.session() as session:
        excerpt = session.get_one(Document, result.document_id).excerpts[0]
        first = suggest.suggestion_at(session, excerpt.id, 1)
        code = first.indicator
        tagging.set_tag(session, excerpt, tagging.TagInput(code), "tester")
        stored = session.scalars(
            select(Suggestion.indicator).where(Suggestion.excerpt_id == excerpt.id)
        ).all()
        assert code not in stored
        suggest.refresh_suggestions(session, [excerpt.id])  # not suggested again either
        assert code not in [
            s.indicator for s in suggest.open_suggestions(session, [excerpt.id])[excerpt.id]
        ]
        with pytest.raises(ValueError, match="no suggestion 9"):
            suggest.suggestion_at(session, excerpt.id, 9)


def test_burned_villages_are_not_attacks_on_peacekeepers() -> None:
    from tocsin.analysis.framework.taxonomy import default_taxonomy

    tagger = suggest.TAGGERS.create("prototypes").fit(default_taxonomy(), [])  # type: ignore[attr-defined]
    villages, peacekeepers = tagger.suggest(
        [
            "Soldiers burned Rohingya villages and shot villagers as they fled.",
            "Two blue helmets were killed when their patrol was ambushed near the base.",
        ]
    )
    assert "RF14.2" not in [c for c, _s in villages]
    assert peacekeepers[0][0] == "RF14.2"


def test_cli_ingest_with_country_date_source_and_json_list(
    report: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in ("TOCSIN_DATABASE_URL", "TOCSIN_MIRROR", "TOCSIN_CONFIG"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("TOCSIN_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    bad = runner.invoke(app, ["docs", "ingest", str(report), "--date", "2024-13-01"])
    assert bad.exit_code == 1 and "--date" in bad.output
    done = runner.invoke(
        app,
        ["docs", "ingest", str(report), "--country", "Mali", "--date", "2024-05-02"]
        + ["--source", "field office", "--no-locker"],
    )
    assert done.exit_code == 0, done.output
    listed = runner.invoke(app, ["docs", "list", "--format", "json"])
    [row] = json.loads(listed.output)
    assert row["source"] == "field office" and row["published"] == "2024-05-02"
    assert row["excerpts"] == 2
    found = runner.invoke(app, ["search", "militia leaders", "--format", "csv"])
    [hit] = list(csv.DictReader(io.StringIO(found.output)))
    assert hit["text"] == PARAGRAPHS[0] and hit["document"] == str(row["id"])
