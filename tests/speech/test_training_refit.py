"""The measured and the released model (decision 0509): every held-out figure is the
measured model's, which never saw a held-out text; the released model also learns the
held-out template frames, never the held-out corpus texts nor the template frames kept
only to measure (split ``measure``, decision 0543)."""

from __future__ import annotations

import json

import pandas as pd

from tocsin.analysis.speech.classifier import SpeechClassifier, load_model
from tocsin.analysis.speech.training import evaluate, measured_path, train
from tocsin.config import Settings


def _rows(word: str, dataset: str, split: str) -> pd.DataFrame:
    """Sixty hateful texts that share one made-up word."""
    return pd.DataFrame(
        {
            "text": [f"{word} {word} number {i}" for i in range(60)],
            "lang": "en",
            "hateful": 1,
            "category": "",
            "target": "",
            "dataset": dataset,
            "split": split,
        }
    )


def test_the_released_model_learns_held_out_frames_only(
    settings: Settings, small_corpus: pd.DataFrame
) -> None:
    fitted = small_corpus[small_corpus["split"] == "train"].sample(3000, random_state=0)
    frames = _rows("zorblax", "templates", "test")  # held-out frames: hateful
    posts = _rows("quibbit", "ethos", "test")  # held-out corpus texts: hateful too
    probes = _rows("vlemmik", "templates", "measure")  # frames kept only to measure
    corpus = pd.concat([fitted, frames, posts, probes], ignore_index=True)
    result = train(settings, corpus=corpus)
    released = load_model(result.path)
    measured = load_model(measured_path(result.path))
    assert result.metrics["released_also_fitted_on"] == len(frames)

    def score(model: SpeechClassifier, word: str) -> float:
        return float(model.predict([f"{word} {word}"], lang="en").score[0])

    # the released model learnt the held-out frames' word; the measured one never saw it
    assert score(released, "zorblax") > score(released, "flimzop") + 0.2
    assert abs(score(measured, "zorblax") - score(measured, "flimzop")) < 0.1
    # neither learnt the held-out corpus texts' word, nor the measuring frames' word
    for word in ("quibbit", "vlemmik"):
        assert abs(score(released, word) - score(released, "flimzop")) < 0.1, word
    # every held-out figure is the measured model's, the measuring frames' too
    held_out = pd.concat([frames, posts, probes])
    again = evaluate(measured, held_out)
    assert again["per_dataset"] == {
        k: v for k, v in result.metrics["per_dataset"].items() if k in again["per_dataset"]
    }


def test_without_held_out_frames_one_model_is_fitted(
    settings: Settings, small_corpus: pd.DataFrame
) -> None:
    fitted = small_corpus[small_corpus["split"] == "train"].sample(2000, random_state=0)
    posts = _rows("quibbit", "ethos", "test")
    result = train(settings, corpus=pd.concat([fitted, posts], ignore_index=True))
    assert result.metrics["released_also_fitted_on"] == 0
    assert not measured_path(result.path).exists()
    # no held-out set has both classes: no macro figure, and the metrics file stays JSON
    written = result.path.with_suffix(".metrics.json").read_text()
    assert json.loads(written, parse_constant=_refuse)["macro_balanced_accuracy"] is None


def _refuse(name: str) -> None:
    raise AssertionError(f"{name} is not JSON")
