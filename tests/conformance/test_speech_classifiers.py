"""Every speech classifier: fits, scores in [0, 1], names known categories and targets,
round-trips through its model file, handles empty input, refuses unknown settings."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError

from tocsin.analysis.speech.classifier import CLASSIFIERS, ModelFileError, load_model
from tocsin.analysis.speech.cues import CATEGORIES, TARGETS
from tocsin.plugins import load_builtin_plugins

load_builtin_plugins()  # the optional encoder classifier registers in a module of its own

HATEFUL = [
    "Muslims are vermin and should be exterminated",
    "Immigrants are filthy parasites, send them all back",
    "Women are too stupid to vote",
    "Gay people are disgusting perverts",
    "Kill every one of those refugees",
    "Black people are animals",
]
NEUTRAL = [
    "I had a lovely walk in the park today",
    "The train was late again this morning",
    "Our football team won the match",
    "The recipe needs two eggs and some flour",
    "Muslims celebrate Eid this week",
    "My neighbours are immigrants from Syria and very kind",
]
CORPUS = pd.DataFrame(
    {
        "text": (HATEFUL + NEUTRAL) * 5,
        "lang": "en",
        "hateful": ([1] * len(HATEFUL) + [0] * len(NEUTRAL)) * 5,
        "target": (
            ["religion", "migrants", "gender", "sexual orientation", "migrants", "ethnicity"]
            + [""] * len(NEUTRAL)
        )
        * 5,
    }
)


@pytest.fixture(params=CLASSIFIERS.names())
def fitted(request: pytest.FixtureRequest):  # noqa: ANN201
    model = CLASSIFIERS.create(request.param)
    model.fit(CORPUS)
    return model


def test_scores_categories_and_targets(fitted) -> None:  # noqa: ANN001
    texts = ["They are vermin, exterminate them", "What a nice day", "N0 one l1kes Mondays"]
    pred = fitted.predict(texts, "en")
    assert len(pred.score) == len(pred.category) == len(pred.target) == len(pred.label) == 3
    assert np.all((pred.score >= 0) & (pred.score <= 1))
    assert set(pred.category) <= set(CATEGORIES)
    assert set(pred.target) <= set(TARGETS) | {""}
    for score, label, category in zip(pred.score, pred.label, pred.category, strict=True):
        assert (label == "hateful") == (score >= 0.5) and (category == "none") == (score < 0.5)
    # it learned something from the training texts
    train = fitted.predict(list(CORPUS["text"]))
    assert train.score[CORPUS["hateful"] == 1].mean() > train.score[CORPUS["hateful"] == 0].mean()


def test_round_trips_through_its_file(fitted, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "m.joblib"
    fitted.save(path)
    again = load_model(path)
    texts = ["refugees go home", "hello"]
    assert np.allclose(again.predict(texts).score, fitted.predict(texts).score)


def test_empty_input(fitted) -> None:  # noqa: ANN001
    pred = fitted.predict([])
    assert len(pred.score) == 0 and pred.category == [] and pred.target == []


@pytest.mark.parametrize("name", CLASSIFIERS.names())
def test_refuses_unknown_settings_and_one_class_data(name: str) -> None:
    with pytest.raises(ValidationError):
        CLASSIFIERS.create(name, surprise=True)
    with pytest.raises(ValueError, match="both hateful and non-hateful"):
        CLASSIFIERS.create(name).fit(CORPUS[CORPUS["hateful"] == 0])
    with pytest.raises(ModelFileError):
        CLASSIFIERS.create(name).predict(["not fitted"])


def test_a_bad_model_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="no speech model"):
        load_model(tmp_path / "missing.joblib")
    junk = tmp_path / "junk.joblib"
    junk.write_bytes(b"not a model")
    with pytest.raises(ModelFileError, match="not a readable speech model"):
        load_model(junk)
