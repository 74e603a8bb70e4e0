"""Speech classifier: throughput and peak memory of batch scoring, accuracy on held-out
data per dataset, and balanced accuracy per phenomenon on a functional test suite.

    .venv/bin/python bench/speech.py --mirror ../shared/data

Uses the current model of the data dir (``tocsin speech train`` makes one; ``--train``
trains first). The functional suite ``bench/speech_functional.csv`` (HateCheck-style
hand-written cases: negation, counter-speech, neutral and positive group mentions, abuse
of individuals and objects, profanity, reclaimed terms, spelling tricks, implicit
derogation, threats without slurs; English plus French, Spanish and Arabic) was written
before any model existed and is a diagnostic: nothing is tuned on it.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any, cast

import pandas as pd
from rich.console import Console
from rich.table import Table
from sklearn.metrics import balanced_accuracy_score

from tocsin.analysis.speech import corpora
from tocsin.analysis.speech.batch import score_file
from tocsin.analysis.speech.classifier import ModelFileError, SpeechClassifier
from tocsin.analysis.speech.lexicon import LexiconMatcher, seed_terms
from tocsin.analysis.speech.training import corpus_paths, current_model, evaluate, train
from tocsin.config import load_settings

SUITE = Path(__file__).with_name("speech_functional.csv")
console = Console()


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def throughput(
    model: SpeechClassifier, texts: list[str], n: int, workers: int = 1
) -> tuple[float, float, float]:
    """(texts per second, seconds, peak RSS MB) of scoring ``n`` texts from a CSV file."""
    rows = (texts * (n // len(texts) + 1))[:n]
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "in.csv", Path(tmp) / "out.csv"
        with source.open("w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["id", "text"])
            writer.writerows(enumerate(rows))
        matcher = LexiconMatcher(seed_terms())
        started = time.perf_counter()
        report = score_file(
            source,
            out,
            model,
            "text",
            matcher=matcher,
            workers=workers,
        )
        seconds = time.perf_counter() - started
    return report.scored / seconds, seconds, peak_rss_mb()


def functional(model: SpeechClassifier) -> pd.DataFrame:
    """Per-case predictions on the functional suite."""
    suite = pd.read_csv(SUITE, keep_default_na=False)
    pred = model.predict(list(suite["text"]))
    suite["pred"] = (pred.score >= 0.5).astype(int)
    suite["category_pred"] = pred.category
    suite["target_pred"] = pred.target
    return suite


def main() -> None:
    """Run the benchmark and print tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mirror", type=Path, default=None)
    parser.add_argument("--n", type=int, default=20000, help="texts to score for throughput")
    parser.add_argument("--train", action="store_true", help="train a model first")
    parser.add_argument("--speed-only", action="store_true", help="skip the accuracy tables")
    args = parser.parse_args()
    settings = load_settings(mirror=args.mirror)
    try:
        if args.train:
            raise ModelFileError("asked to train")
        model = current_model(settings)
    except ModelFileError:  # a fresh machine: train once (about a minute), then measure
        train(settings, args.mirror)
        model = current_model(settings)
    frame = corpora.load_all(corpus_paths(settings, args.mirror))
    held_out = frame[frame["split"] != "train"]

    table = Table(
        "processes",
        "texts",
        "seconds",
        "texts per second",
        "peak RSS (MB)",
        title="Batch scoring (CSV in, CSV out, with the seed lexicon)",
    )
    for workers in (1, 2):
        rate, seconds, rss = throughput(model, list(held_out["text"]), args.n, workers)
        table.add_row(str(workers), f"{args.n:,}", f"{seconds:.1f}", f"{rate:,.0f}", f"{rss:,.0f}")
    console.print(table)
    console.print(f"load average while measuring: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    if args.speed_only:
        return

    metrics = evaluate(model, held_out)
    table = Table(
        "held-out set",
        "n",
        "hateful",
        "balanced acc.",
        "F1 hateful",
        "AUC",
        title="Held-out accuracy per dataset (never used for fitting)",
    )
    per_dataset = cast(dict[str, dict[str, Any]], metrics["per_dataset"])
    for name, row in per_dataset.items():
        table.add_row(
            name,
            str(row["n"]),
            str(row["hateful"]),
            str(row.get("balanced_accuracy", f"specificity {row.get('specificity')}")),
            str(row.get("f1_hateful", "")),
            str(row.get("auc", "")),
        )
    console.print(table)
    console.print(
        f"macro balanced accuracy {metrics['macro_balanced_accuracy']}; threat recall "
        f"{metrics['threat_recall']} (ETHOS violence, n={metrics['threats']}); target accuracy "
        f"{metrics['target_accuracy']} (n={metrics['targets']})"
    )

    suite = functional(model)
    table = Table(
        "phenomenon",
        "expected",
        "n",
        "accuracy",
        "languages",
        title="Functional suite (diagnostic, not tuned on)",
    )
    for name, part in suite.groupby("phenomenon", sort=False):
        expected = "hateful" if part["hateful"].iloc[0] else "non-hateful"
        table.add_row(
            name,
            expected,
            str(len(part)),
            f"{(part['pred'] == part['hateful']).mean():.2f}",
            ", ".join(sorted(part["lang"].unique())),
        )
    console.print(table)
    table = Table("language", "n", "balanced accuracy", title="Functional suite by language")
    for lang, part in suite.groupby("lang"):
        table.add_row(
            lang, str(len(part)), f"{balanced_accuracy_score(part['hateful'], part['pred']):.2f}"
        )
    table.add_row(
        "all", str(len(suite)), f"{balanced_accuracy_score(suite['hateful'], suite['pred']):.2f}"
    )
    console.print(table)
    hateful = suite[(suite["hateful"] == 1) & (suite["pred"] == 1)]
    per_phenomenon = (suite["pred"] == suite["hateful"]).groupby(suite["phenomenon"]).mean()
    console.print(
        f"macro accuracy over phenomena {per_phenomenon.mean():.2f}; target correct on "
        f"{(hateful['target'] == hateful['target_pred']).mean():.2f} of detected hateful cases"
    )


if __name__ == "__main__":
    main()
