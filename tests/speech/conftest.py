"""Speech fixtures: the real corpora, a small model trained on a subset of them, and
a data dir in which that model is the current one."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import missing_shared_data
from tocsin.analysis.speech import augment, corpora
from tocsin.analysis.speech.classifier import NgramClassifier, NgramSettings
from tocsin.analysis.speech.training import models_dir
from tocsin.config import Settings
from tocsin.sources.catalog.speech import SPEECH_DATASETS
from tocsin.sources.datasets import get


@pytest.fixture(scope="session")
def speech_paths(shared_data: Path) -> dict[str, Path]:
    """The registered speech files in the shared mirror."""
    paths = {name: shared_data / get(name).relative_path for name in SPEECH_DATASETS}
    missing = [str(p) for p in paths.values() if not p.exists()]
    if missing:
        missing_shared_data(f"speech corpora missing: {', '.join(missing)}")
    return paths


@pytest.fixture(scope="session")
def corpus(speech_paths: dict[str, Path]) -> pd.DataFrame:
    """All corpora harmonised."""
    return corpora.load_all(speech_paths)


@pytest.fixture(scope="session")
def small_corpus(corpus: pd.DataFrame) -> pd.DataFrame:
    """A stratified training subset (up to 300 rows per dataset, language and label) plus
    a few template texts per language, as the default model is trained."""
    train = corpus[corpus["split"] == "train"]
    parts = [
        group.sample(min(len(group), 300), random_state=0)
        for _, group in train.groupby(["dataset", "lang", "hateful"])
    ]
    return pd.concat([*parts, augment.augmentation(150)], ignore_index=True)


@pytest.fixture(scope="session")
def small_model(small_corpus: pd.DataFrame) -> NgramClassifier:
    """The default model fitted on the small subset, with small hash spaces."""
    model = NgramClassifier(NgramSettings(word_features=2**16, char_features=2**16))
    model.fit(small_corpus)
    return model


@pytest.fixture
def speech_settings(settings: Settings, small_model: NgramClassifier) -> Settings:
    """Settings whose data dir holds ``small_model`` as the current model."""
    directory = models_dir(settings)
    path = directory / "tocsin-ngram-test.joblib"
    small_model.save(path)
    (directory / "current.json").write_text(json.dumps({"file": path.name}))
    return settings
