"""The speech, lexicon and rabat commands end to end on SQLite, and the `tocsin up` step."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from tocsin.analysis.speech import corpora, corrections
from tocsin.analysis.speech.training import train
from tocsin.cli.main import app
from tocsin.cli.speech import _up_step
from tocsin.config import Settings
from tocsin.store.db import Database
from tocsin.store.load_ewp import load_ewp
from tocsin.store.migrate import upgrade


@pytest.fixture
def cli_env(speech_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("TOCSIN_DATA_DIR", str(speech_settings.data_dir))
    db = Database(speech_settings.resolved_database_url)
    upgrade(db)
    load_ewp(db, [])
    db.dispose()
    return speech_settings


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_lexicon_ingest_flagged_trends_and_rabat(cli_env: Settings, tmp_path: Path) -> None:
    assert "added" in _run("lexicon", "import", "--seed")
    _run(
        "lexicon",
        "add",
        "kwekwe",
        "--meaning",
        "weeds: coded call to uproot a community",
        "--target",
        "ethnicity",
        "--severity",
        "high",
        "--country",
        "Kenya",
    )
    assert "kwekwe" in _run("lexicon", "list", "--country", "KEN")
    export = tmp_path / "result.json"
    export.write_text(
        json.dumps(
            {
                "name": "Voice",
                "messages": [
                    {
                        "id": i,
                        "type": "message",
                        "date": f"2024-05-{i + 1:02d}T10:00:00",
                        "from": "Voice",
                        "text": "Uproot the kw3kw3 from our land"
                        if i % 2
                        else "Good rains this year",
                        "views": 100 * i,
                    }
                    for i in range(6)
                ],
            }
        )
    )
    out = _run("speech", "ingest", str(export), "--format", "telegram", "--country", "Kenya")
    assert "6 new" in out and "3 flagged" in out and "evidence" in out
    flagged = _run("speech", "flagged", "--country", "Kenya")
    assert "kwekwe" in flagged and "Good rains" not in flagged
    assert "ethnicity" in _run("speech", "trends", "--country", "KEN", "--weeks", "4")
    prefill = json.loads(_run("rabat", "prefill", "2"))
    assert prefill["content"]["lexicon_terms"] == ["kwekwe"]
    refused = CliRunner().invoke(app, ["rabat", "save", "2", "--rating", "context=9"])
    assert refused.exit_code == 1 and "must be 0-3" in refused.output
    ratings = [
        arg
        for key in ("context", "speaker", "intent", "content", "extent", "likelihood")
        for arg in ("--rating", f"{key}=2")
    ]
    conclusion = "hate speech, below incitement threshold"
    saved = _run(
        "rabat",
        "save",
        "2",
        *ratings,
        "--note",
        "intent=calls to uproot",
        "--conclusion",
        conclusion,
        "--complete",
    )
    assert "(complete)" in saved
    listing = _run("rabat", "list", "--country", "Kenya")
    assert "complete" in listing and "below" in listing
    bad = CliRunner().invoke(app, ["speech", "ingest", str(export), "--format", "myspace"])
    assert bad.exit_code == 1 and "unknown post importer" in bad.output


def test_up_step_seeds_the_lexicon_once_and_keeps_the_model(cli_env: Settings) -> None:
    db = Database(cli_env.resolved_database_url)
    first = _up_step(cli_env, db)
    assert "model tocsin-ngram-test.joblib" in first and "seeded with" in first
    assert "seeded" not in _up_step(cli_env, db)
    db.dispose()


def test_score_counts_languages_and_correct_is_stored(cli_env: Settings, tmp_path: Path) -> None:
    source = tmp_path / "posts.csv"
    source.write_text(
        "id,text,time,country\n"
        "1,Les immigrés sont des rats et des parasites,2024-05-01T10:00:00,Sudan\n"
        "2,Bütün göçmenler pislik ve hain,2024-05-01T10:00:00,Sudan\n"
        "3,Lovely weather in Khartoum today,2024-05-02T10:00:00,Sudan\n",
        encoding="utf-8",
    )
    out = _run(
        "speech", "score", str(source), "--text-column", "text", "--out", str(tmp_path / "o.csv")
    )
    assert "Rows per language" in out and "1 in unsupported languages" in out
    assert "tr" in out and "fr" in out
    _run("speech", "ingest", str(source), "--format", "csv", "--no-locker")
    fixed = _run(
        "speech", "correct", "3", "--label", "hateful", "--category", "threat",
        "--target", "ethnicity", "--note", "coded call",
    )  # fmt: skip
    assert "post 3: hateful threat ethnicity" in fixed
    by_lang = _run("speech", "trends", "--country", "Sudan", "--by", "lang")
    assert "flagged posts per week by lang" in by_lang and "en" in by_lang
    bad = CliRunner().invoke(app, ["speech", "correct", "3", "--label", "perhaps"])
    assert bad.exit_code != 0 and "label 'perhaps'" in bad.output
    db = Database(cli_env.resolved_database_url)
    with db.session() as session:
        rows = corrections.training_rows(session)
    db.dispose()
    assert list(rows["hateful"]) == [1] and list(rows["target"]) == ["ethnicity"]


def test_train_uses_corrections_and_reports_languages(
    settings: Settings, small_corpus: pd.DataFrame, corpus: pd.DataFrame
) -> None:
    held_out = corpus[corpus["split"] == "test"].groupby("dataset").head(40)
    fixes = pd.DataFrame(
        {
            "text": [f"Les Peuls du village {i} sont des cafards" for i in range(30)],
            "lang": "fr",
            "hateful": 1,
            "category": "dehumanisation",
            "target": "ethnicity",
            "dataset": "corrections",
        }
    )
    fixes["split"] = corpora.hash_split(fixes["text"])
    frame = pd.concat([small_corpus.sample(3000, random_state=0), held_out], ignore_index=True)
    result = train(settings, corpus=frame, corrections=fixes)
    metrics = result.metrics
    assert metrics["corrections"] == 30
    assert metrics["rows_per_dataset"]["corrections"] == int((fixes["split"] == "train").sum())
    assert "fr" in metrics["per_language"] and "zh" in metrics["per_language"]
    assert "corrections-fr" in metrics["per_dataset"]
    assert set(metrics["languages"]) >= {"en", "fr", "de", "zh"}
