"""The speech, lexicon and rabat commands end to end on SQLite, and the `tocsin up` step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

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
