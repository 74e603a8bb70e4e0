"""Train the speech classifier on the registered corpora, evaluate it on held-out data,
and keep versioned model files with their metrics in ``<data_dir>/models/speech/``.

Held-out rows (the ``test`` split of every corpus and HateXplain's ``validation``
split) are never used for fitting or for choosing settings.

Two models are fitted with the same settings (decision 0509). The **measured** model
never sees any held-out row: every held-out figure is its own, and settings are chosen on
them. The **released** model, the one scoring users' texts, also learns the held-out
template frames, so that what the split measures is not withheld from users; held-out
corpus texts, analysts' held-out corrections and the template frames kept only to measure
(split ``measure``, ``augment.MEASURE_ONLY``) stay out of both. The measured model is
saved beside the released one (``...-measured.joblib``) for audits and benchmarks.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import balanced_accuracy_score, f1_score, roc_auc_score

from tocsin.analysis.speech import augment, corpora
from tocsin.analysis.speech.classifier import (
    CLASSIFIERS,
    THRESHOLD,
    ModelFileError,
    Predictions,
    SpeechClassifier,
    load_model,
)
from tocsin.analysis.speech.language import UNSUPPORTED
from tocsin.config import Settings
from tocsin.plugins import load_builtin_plugins
from tocsin.sources import fetch
from tocsin.sources.catalog.speech import NON_COMMERCIAL_SPEECH_DATASETS, SPEECH_DATASETS

DEFAULT_MODEL = "tocsin-ngram"


def models_dir(settings: Settings) -> Path:
    """Where speech model files live."""
    return settings.data_dir / "models" / "speech"


def corpus_paths(
    settings: Settings, mirror: Path | None = None, non_commercial: bool = False
) -> dict[str, Path]:
    """Verified local copies of every speech dataset (pulled from the mirror if needed);
    the non-commercial ones (myHateSpeech) only when ``non_commercial`` is set."""
    names = SPEECH_DATASETS + (NON_COMMERCIAL_SPEECH_DATASETS if non_commercial else [])
    return {name: fetch.ensure(settings, name, mirror) for name in names}


NON_COMMERCIAL_NOTE = (
    "NON-COMMERCIAL: trained on {names} (CC BY-NC-SA 4.0); research and non-commercial use "
    "only. The default model (`tocsin speech train` without --non-commercial) leaves them out."
)


def held_out_texts(
    settings: Settings, mirror: Path | None = None, seed: int = 0, with_lists: bool = False
) -> pd.DataFrame:
    """The texts :func:`train` measures on: the corpora's held-out texts, then the texts of
    the held-out template frames (drawn with ``seed``), never fitted by the measured
    model; with ``with_lists``, each template text's frame and list of frames (``frame``,
    ``frame_list``; empty for corpus texts)."""
    frame = corpora.load_all(corpus_paths(settings, mirror))
    if with_lists:
        frame["frame"] = frame["frame_list"] = ""
    templates = augment.augmentation(seed=seed, with_lists=with_lists)
    return pd.concat(
        [frame[frame["split"] != "train"], templates[templates["split"] != "train"]],
        ignore_index=True,
    )


def evaluate(model: SpeechClassifier, held_out: pd.DataFrame) -> dict[str, object]:
    """Held-out metrics per dataset and language, plus threat and target accuracy."""
    return metrics_of(held_out, model.predict(list(held_out["text"])))


def metrics_of(held_out: pd.DataFrame, pred: Predictions) -> dict[str, object]:
    """The metrics of :func:`evaluate` for predictions already made on ``held_out``."""
    frame = held_out.assign(
        score=pred.score,
        category_pred=pred.category,
        target_pred=pred.target,
        unsupported=[label == UNSUPPORTED for label in pred.label],
    )
    frame["pred"] = (frame["score"] >= THRESHOLD).astype(int)
    per: dict[str, dict[str, float | int]] = {}
    for (dataset, lang), part in frame.groupby(["dataset", "lang"]):
        row: dict[str, float | int] = {
            "n": len(part),
            "hateful": int(part["hateful"].sum()),
            "unsupported": round(float(part["unsupported"].mean()), 3),
        }
        if part["hateful"].nunique() == 2:
            row["balanced_accuracy"] = round(
                balanced_accuracy_score(part["hateful"], part["pred"]), 3
            )
            row["f1_hateful"] = round(f1_score(part["hateful"], part["pred"]), 3)
            row["auc"] = round(roc_auc_score(part["hateful"], part["score"]), 3)
        else:  # only non-hateful rows (OLID): the share correctly left unflagged
            row["specificity"] = round(float((part["pred"] == part["hateful"]).mean()), 3)
        per[f"{dataset}-{lang}"] = row
    per_language: dict[str, dict[str, float | int]] = {}
    for lang, part in frame.groupby("lang"):
        row = {"n": len(part), "hateful": int(part["hateful"].sum())}
        if part["hateful"].nunique() == 2:
            row["balanced_accuracy"] = round(
                balanced_accuracy_score(part["hateful"], part["pred"]), 3
            )
        else:
            row["specificity"] = round(float((part["pred"] == part["hateful"]).mean()), 3)
        per_language[str(lang) or "?"] = row
    threats = frame[(frame["category"] == "threat")]
    targeted = frame[(frame["hateful"] == 1) & frame["target"].astype(bool) & (frame["pred"] == 1)]
    balanced = [r["balanced_accuracy"] for r in per.values() if "balanced_accuracy" in r]
    return {
        "per_dataset": per,
        "per_language": per_language,
        # None, not NaN, when no held-out set has both classes (NaN is not JSON)
        "macro_balanced_accuracy": round(float(np.mean(balanced)), 3) if balanced else None,
        "threat_recall": round(float((threats["category_pred"] == "threat").mean()), 3)
        if len(threats)
        else None,
        "threats": len(threats),
        "target_accuracy": round(float((targeted["target"] == targeted["target_pred"]).mean()), 3)
        if len(targeted)
        else None,
        "targets": len(targeted),
    }


@dataclass(frozen=True)
class TrainResult:
    """A trained model file and what was measured."""

    path: Path
    metrics: dict[str, object]


def data_fingerprint(paths: dict[str, Path]) -> str:
    """A short hash of the training files' checksums (names the model version)."""
    digest = hashlib.sha256()
    for name in sorted(paths):
        digest.update(f"{name}:{fetch.sha256_of(paths[name])}".encode())
    return digest.hexdigest()[:10]


def measured_path(path: Path) -> Path:
    """The file of the measured model beside the released model file ``path``."""
    return path.with_name(f"{path.stem}-measured{path.suffix}")


def train(
    settings: Settings,
    mirror: Path | None = None,
    model_name: str = DEFAULT_MODEL,
    corpus: pd.DataFrame | None = None,
    progress: object = None,
    augment_per_class: int = 1500,
    corrections: pd.DataFrame | None = None,
    non_commercial: bool = False,
) -> TrainResult:
    """Fit ``model_name`` on the training splits, evaluate on held-out splits, save.

    When there are held-out template frames, the released model is fitted again with
    them added, and the measured one is saved beside it (see the module doc).
    ``non_commercial`` adds the non-commercial corpora (Burmese: myHateSpeech); a model
    trained on any of them says so in its metrics (``licence``) and file name (``-nc``)."""
    load_builtin_plugins()  # classifiers that live in modules of their own
    model = CLASSIFIERS.create(model_name)  # an unknown name fails before any data is read
    assert isinstance(model, SpeechClassifier)
    paths = corpus_paths(settings, mirror, non_commercial) if corpus is None else {}
    frame = corpus if corpus is not None else corpora.load_all(paths)
    if corpus is None and augment_per_class:
        frame = pd.concat([frame, augment.augmentation(augment_per_class)], ignore_index=True)
    if corrections is not None and len(corrections):
        frame = pd.concat([frame, corrections[list(corpora.COLUMNS)]], ignore_index=True)
    train_rows = frame[frame["split"] == "train"]
    held_out = frame[frame["split"] != "train"]
    started = time.perf_counter()
    model.fit(train_rows)
    fit_seconds = time.perf_counter() - started
    metrics = evaluate(model, held_out) if len(held_out) else {}
    frames = held_out[(held_out["dataset"] == augment.DATASET) & (held_out["split"] == "test")]
    released = model
    if len(frames):
        released = CLASSIFIERS.create(model_name)
        assert isinstance(released, SpeechClassifier)
        started = time.perf_counter()
        released.fit(pd.concat([train_rows, frames]))
        fit_seconds += time.perf_counter() - started
    fingerprint = data_fingerprint(paths) if paths else "custom"
    metrics |= {
        "model": model_name,
        "version": model.version,
        "data": fingerprint,
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "train_rows": len(train_rows),
        "rows_per_dataset": {
            str(k): int(v) for k, v in train_rows["dataset"].value_counts().items()
        },
        "corrections": 0 if corrections is None else len(corrections),
        "languages": list(getattr(model, "languages", ())),
        "held_out_rows": len(held_out),
        "released_also_fitted_on": len(frames),
        "fit_seconds": round(fit_seconds, 1),
        "datasets": {n: fetch.sha256_of(p) for n, p in paths.items()},
    }
    restricted = sorted(set(train_rows["dataset"]) & set(NON_COMMERCIAL_SPEECH_DATASETS))
    metrics["licence"] = (
        NON_COMMERCIAL_NOTE.format(names=", ".join(restricted))
        if restricted
        else "no non-commercial corpus (each corpus's licence: docs/speech.md)"
    )
    model.metrics = released.metrics = metrics
    directory = models_dir(settings)
    suffix = "-nc" if restricted else ""
    path = directory / f"{model_name}-{model.version}-{fingerprint}{suffix}.joblib"
    released.save(path)
    if released is not model:
        model.save(measured_path(path))
    path.with_suffix(".metrics.json").write_text(json.dumps(metrics, indent=2))
    pointer = directory / "current.json"
    tmp = pointer.with_suffix(".tmp")
    tmp.write_text(json.dumps({"file": path.name, "model": model_name}))
    os.replace(tmp, pointer)
    return TrainResult(path, metrics)


def current_model_path(settings: Settings) -> Path | None:
    """The model file in use (the last trained), or None."""
    pointer = models_dir(settings) / "current.json"
    if not pointer.exists():
        return None
    path = models_dir(settings) / json.loads(pointer.read_text())["file"]
    return path if path.exists() else None


_LOADED: dict[Path, tuple[float, SpeechClassifier]] = {}


def current_model(settings: Settings) -> SpeechClassifier:
    """The model in use, loaded once per process (reloaded when the file changes)."""
    path = current_model_path(settings)
    if path is None:
        raise ModelFileError(
            f"no speech model in {models_dir(settings)}: run `tocsin speech train` first"
        )
    mtime = path.stat().st_mtime
    cached = _LOADED.get(path)
    if cached is None or cached[0] != mtime:
        _LOADED[path] = (mtime, load_model(path))
    return _LOADED[path][1]
