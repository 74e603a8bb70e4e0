"""Batch scoring: every column kept, bad rows reported by line and kept in the output
with the reason as their status, never scored; the CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from tocsin.analysis.speech.batch import (
    LEXICON_ONLY,
    QUOTED,
    BatchInputError,
    combine,
    score_file,
    score_texts,
)
from tocsin.analysis.speech.classifier import NgramClassifier, Predictions
from tocsin.analysis.speech.language import UNSUPPORTED
from tocsin.analysis.speech.lexicon import LexiconMatcher, Term
from tocsin.config import Settings

MATCHER = LexiconMatcher(
    [Term("madoadoa", country="KEN", target="ethnicity", severity="high", category="threat")]
)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_csv_keeps_columns_and_marks_bad_rows(tmp_path: Path, small_model: NgramClassifier) -> None:
    source = tmp_path / "posts.csv"
    source.write_bytes(
        b"id,author,text\n"
        b"1,ann,Refugees are welcome here\n"  # line 2
        b"2,bob,\n"  # line 3: empty
        b"3,cy,12345 !!!\n"  # line 4: no letters
        b"4,dee,caf\xe9 latin-1 bytes\n"  # line 5: not UTF-8
        b"5,eve,too,many,fields\n"  # line 6
        b'6,fay,"a quoted\nmulti-line text"\n'  # lines 7-8
        b"7,gus,get the m4d0ad0a out of here\n"  # line 9
    )
    out = tmp_path / "out.csv"
    report = score_file(source, out, small_model, "text", matcher=MATCHER)
    assert [(b.line, b.reason.split(" (")[0].split(",")[0]) for b in report.bad] == [
        (3, "empty text"),
        (4, "no letters in the text"),
        (5, "text is not valid UTF-8"),
        (6, "expected 3 fields"),
    ]
    rows = _read(out)
    # every input row is in the output, in order; unreadable rows keep no input field
    assert [r["line"] for r in rows] == ["2", "3", "4", "5", "6", "7", "9"]
    assert [r["id"] for r in rows] == ["1", "2", "3", "", "", "6", "7"] and report.scored == 3
    assert [r["status"].split(" (")[0].split(",")[0] for r in rows[1:5]] == [
        "not scored: empty text",
        "not scored: no letters in the text",
        "not scored: text is not valid UTF-8",
        "not scored: expected 3 fields",
    ]
    assert all(r["score"] == r["label"] == "" for r in rows[1:5])
    assert rows[2]["text"] == "12345 !!!"
    rows = [rows[0], rows[5], rows[6]]
    assert list(rows[0]) == [
        "id",
        "author",
        "text",
        "score",
        "label",
        "category",
        "target",
        "lexicon_terms",
        "cues",
        "lang",
        "status",
        "line",
    ]
    assert rows[1]["text"] == "a quoted\nmulti-line text"
    assert all(0 <= float(r["score"]) <= 1 for r in rows)
    # the lexicon term is found through leetspeak and, being high severity, flags the row
    assert rows[2]["lexicon_terms"] == "madoadoa" and rows[2]["label"] == "hateful"
    assert rows[2]["category"] == "threat" and rows[2]["target"] == "ethnicity"


def test_jsonl_reports_malformed_and_non_text_lines(
    tmp_path: Path, small_model: NgramClassifier
) -> None:
    source = tmp_path / "posts.jsonl"
    lines = [
        json.dumps({"id": 1, "body": "I love my neighbours", "meta": {"views": 3}}).encode(),
        b'{"id": 2, "body": "broken',
        json.dumps({"id": 3, "body": 42}).encode(),
        b"",
        json.dumps({"id": 5, "body": None}).encode(),
        b"[1, 2]",
        '{"id": 7, "body": "caf\u00e9"}'.encode("latin-1"),
        json.dumps({"id": 8, "body": "They are vermin", "extra": "x"}).encode(),
        json.dumps({"id": 9, "text": "no body field"}).encode(),
        b'{"id": 10, "body": "fine words", "author": "\\ud800"}',  # a lone surrogate
    ]
    source.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "out.csv"
    report = score_file(source, out, small_model, "body")
    assert [b.line for b in report.bad] == [2, 3, 5, 6, 7, 9, 10]
    assert "malformed JSON" in report.bad[0].reason
    assert "not a string but int" in report.bad[1].reason
    assert "UTF-8" in report.bad[4].reason
    rows = _read(out)
    assert [r["id"] for r in rows] == ["1", "", "3", "5", "", "", "8", "9", ""]
    assert [r["status"] == "scored" for r in rows] == [1, 0, 0, 0, 0, 0, 1, 0, 0]
    assert rows[8]["status"] == "not scored: text is not valid UTF-8 (wrong encoding?)"
    assert rows[2]["body"] == "42" and rows[7]["text"] == "no body field"
    assert rows[7]["status"] == "not scored: no field 'body'"
    assert set(rows[0]) >= {"id", "body", "meta", "extra", "score", "label"}
    assert json.loads(rows[0]["meta"]) == {"views": 3}


def test_missing_text_column_names_the_columns(
    tmp_path: Path, small_model: NgramClassifier
) -> None:
    source = tmp_path / "x.csv"
    source.write_text("id,message\n1,hello\n")
    with pytest.raises(BatchInputError, match="no column 'text'; columns are: id, message"):
        score_file(source, tmp_path / "out.csv", small_model, "text")


def test_cli_score(
    tmp_path: Path, speech_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tocsin.cli.main import app

    monkeypatch.setenv("TOCSIN_DATA_DIR", str(speech_settings.data_dir))
    source = tmp_path / "in.csv"
    source.write_text(
        "n,message\n1,We will burn their houses tonight\n2,\n3,Lovely weather today\n"
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(
        app,
        [
            "speech",
            "score",
            str(source),
            "--text-column",
            "message",
            "--out",
            str(out),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "line 3: empty text" in result.output and "2 scored" in result.output
    assert "1 not scored" in result.output
    written = _read(out)
    assert [r["n"] for r in written] == ["1", "2", "3"]
    assert written[1]["status"] == "not scored: empty text"
    bad = CliRunner().invoke(
        app, ["speech", "score", str(source), "--text-column", "nope", "--out", str(out)]
    )
    assert bad.exit_code == 1 and "no column 'nope'" in bad.output


def test_two_processes_give_the_same_output(tmp_path: Path, small_model: NgramClassifier) -> None:
    source = tmp_path / "many.csv"
    texts = ["Refugees are welcome", "They are vermin", "", "Nice day", "k1ll them all"] * 50
    with source.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text"])
        writer.writerows(enumerate(texts))
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    first = score_file(source, one, small_model, "text", matcher=MATCHER, chunk=7)
    second = score_file(source, two, small_model, "text", matcher=MATCHER, chunk=7, workers=2)
    assert one.read_text() == two.read_text()
    assert first.scored == second.scored == 200 and len(second.bad) == 50
    assert second.bad[0].line == 4  # the first empty text (the header is line 1)


def test_lexicon_terms_raise_category_and_supply_the_target(small_model: NgramClassifier) -> None:
    matcher = LexiconMatcher(
        [
            Term(
                "inyenzi",
                country="RWA",
                target="ethnicity",
                severity="high",
                category="dehumanisation",
            ),
            Term("bengali", country="MMR", target="ethnicity", severity="medium"),
        ]
    )
    texts = ["Exterminate the 1nyenzi now", "the bengali came to the market"]
    threat, mild = score_texts(small_model, texts, matcher)
    # the cue (exterminate) outranks the term's own category; the term names the target
    assert threat["label"] == "hateful" and threat["category"] == "threat"
    assert threat["target"] == "ethnicity" and threat["lexicon_terms"] == "inyenzi"
    # a medium-severity term is reported but does not flag a text on its own
    assert mild["lexicon_terms"] == "bengali"
    assert mild["label"] == "non-hateful" and mild["category"] == "none"


def test_a_term_only_quoted_is_reported_but_flags_nothing() -> None:
    texts = [
        'They called us "madoadoa" on the radio before the attacks.',
        "No madoadoa should be left in this valley.",
    ]
    pred = Predictions(score=np.array([0.1, 0.1]), category=["none"] * 2, target=[""] * 2)
    quoted, said = combine(pred, [MATCHER.match(t) for t in texts])
    assert quoted["lexicon_terms"] == "madoadoa" + QUOTED
    assert quoted["label"] == "non-hateful" and quoted["category"] == "none"
    assert said["lexicon_terms"] == "madoadoa"
    assert said["label"] == "hateful" and said["category"] == "threat"


def test_a_high_severity_term_flags_a_language_the_model_does_not_read(
    small_model: NgramClassifier,
) -> None:
    matcher = LexiconMatcher(
        [
            Term("ሻንቅላ", lang="am", target="ethnicity", severity="high", category="slur"),
            Term("ነፍጠኛ", lang="am", target="ethnicity", severity="medium"),
        ]
    )
    texts = ["እነዚህ ሻንቅላ ከዚህ ይውጡ", "ነፍጠኛ ብለው ጠሩት", "ዛሬ ገበያ ሄድን"]  # Amharic
    slur, medium, plain = score_texts(small_model, texts, matcher)
    assert slur["label"] == "hateful" and slur["status"] == UNSUPPORTED
    assert slur["category"] == "slur" and slur["target"] == "ethnicity"
    assert slur["cues"] == LEXICON_ONLY
    # a medium term is reported; without a high term the text stays unread, never non-hateful
    for row in (medium, plain):
        assert row["label"] == row["status"] == UNSUPPORTED
    assert medium["lexicon_terms"] == "ነፍጠኛ" and plain["lexicon_terms"] == ""
