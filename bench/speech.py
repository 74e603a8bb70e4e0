"""Speech classifier: model load time, throughput and peak memory of batch scoring,
accuracy on held-out data per dataset and language, on held-out frames with one word
misspelt by swapped letters, false positives on held-out texts that name a group, and per
language and phenomenon on the project's functional test suite.

    .venv/bin/python bench/speech.py --mirror ../shared/data

Uses the current model of the data dir (``tocsin speech train`` makes one; ``--train``
trains first): the released model for speed and the suite, the measured model saved
beside it, which never saw a held-out text, for the held-out tables (decision 0509).
The functional suite ``bench/speech_functional.csv`` was written by the Tocsin project
from the definitions of the phenomena (115 hand-written cases, then sentence frames in
twelve languages and Hindi in Latin letters, ``bench/speech_suite.py``), before the
multilingual model was tuned, and is kept apart from training: nothing is trained or
tuned on it.
A case labelled ``unsupported-language`` counts as not flagged.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import resource
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd
from rich.console import Console
from rich.table import Table
from sklearn.metrics import balanced_accuracy_score

from tocsin.analysis.speech import augment, cues
from tocsin.analysis.speech.batch import score_file
from tocsin.analysis.speech.classifier import (
    THRESHOLD,
    SpeechClassifier,
    analyse,
    load_model,
    named_groups,
)
from tocsin.analysis.speech.language import DEVANAGARI, ROMANISED_HINDI_CODE, UNSUPPORTED
from tocsin.analysis.speech.lexicon import LexiconMatcher, seed_terms
from tocsin.analysis.speech.normalise import normalise
from tocsin.analysis.speech.training import (
    current_model_path,
    held_out_texts,
    measured_path,
    metrics_of,
    train,
)
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
    suite["unsupported"] = [label == UNSUPPORTED for label in pred.label]
    return suite


TEN = ("ar", "de", "es", "fr", "hi", "it", "nl", "pl", "pt", "zh")


def suite_tables(suite: pd.DataFrame) -> None:
    """Accuracy per language and phenomenon, and the goals' summary figures."""
    suite = suite.assign(right=(suite["pred"] == suite["hateful"]).astype(float))
    grid = suite.pivot_table(index="phenomenon", columns="lang", values="right", aggfunc="mean")
    langs = list(grid.columns)
    table = Table("phenomenon", *langs, title="Functional suite: accuracy per phenomenon")
    for name, row in grid.iterrows():
        table.add_row(str(name), *("" if pd.isna(v) else f"{v:.2f}" for v in row))
    accuracy = suite.groupby("lang")["right"].mean()
    table.add_row("[b]all[/]", *(f"[b]{accuracy[c]:.2f}[/]" for c in langs))
    console.print(table)
    ten = [accuracy[c] for c in TEN if c in accuracy]
    worst = grid.min()
    console.print(
        f"accuracy: en {accuracy.get('en', float('nan')):.2f} (lowest phenomenon "
        f"{worst.get('en', float('nan')):.2f}); mean over the ten languages "
        f"{sum(ten) / max(len(ten), 1):.2f} (lowest {min(ten, default=float('nan')):.2f}); "
        f"n = {len(suite):,}"
    )
    unread = suite.groupby("lang")["unsupported"].mean()
    if unread.any():
        console.print(
            "labelled unsupported-language (not read, counted as not flagged): "
            + ", ".join(f"{lang} {share:.2f}" for lang, share in unread[unread > 0].items())
        )
    named = suite[(suite["hateful"] == 1) & (suite["pred"] == 1) & (suite["target"] != "")]
    right = named["target_pred"] == named["target"]
    slur = (named["phenomenon"] == "slur").to_numpy()
    console.print(
        f"target right on {right.mean():.2f} of the {len(named):,} flagged hateful cases "
        f"whose target the suite gives (slur cases {right[slur].mean():.2f} of {slur.sum()})"
    )


LATIN_SCRIPT = ("de", "en", "es", "fr", "it", "nl", "pl", "pt", "sw")


def languages_named(held: pd.DataFrame, langs: list[str]) -> None:
    """Which languages the held-out texts are routed to: TRAC-1's Hindi comments in Latin
    letters should be named ``hi-Latn`` (unsupported), no other text should."""
    frame = held.assign(routed=langs)
    latin = ~frame["text"].str.contains(DEVANAGARI.pattern)
    trac = frame[(frame["dataset"] == "trac1") & latin]
    others = frame[frame["lang"].isin(LATIN_SCRIPT)]
    named = trac["routed"].value_counts(normalize=True).head(5)
    console.print(
        f"Hindi in Latin letters: of TRAC-1's {len(trac):,} held-out comments without "
        f"Devanagari, routed to {', '.join(f'{k} {v:.3f}' for k, v in named.items())}; of "
        f"the {len(others):,} held-out texts of the Latin-script languages, "
        f"{(others['routed'] == ROMANISED_HINDI_CODE).mean():.4f} named {ROMANISED_HINDI_CODE}"
    )


def swap_letters(text: str) -> str | None:
    """``text`` with one listed word (a group name or cue of five letters or more, as
    spelled) misspelt by swapping two neighbouring letters, never the first; the word and
    the place are chosen by the text's hash. None when no word qualifies."""
    words = [w for w in re.findall(r"[A-Za-z]{5,}", text) if cues.INDEX.spelled(normalise(w))]
    if not words:
        return None
    digest = int(hashlib.sha256(text.encode()).hexdigest(), 16)
    word = words[digest % len(words)]
    i = 1 + (digest // 7) % (len(word) - 2)
    if word[i] == word[i + 1]:
        i = 1 if word[1] != word[2] else 2
    return text.replace(word, word[:i] + word[i + 1] + word[i] + word[i + 2 :], 1)


def swapped_frames(model: SpeechClassifier, templates: pd.DataFrame) -> None:
    """Balanced accuracy on held-out template texts of the Latin-script languages with one
    listed word misspelt by a swap (a probe of spelling tricks built from held-out frames,
    not from any test suite)."""
    held = templates[(templates["split"] != "train") & templates["lang"].isin(LATIN_SCRIPT)]
    texts = [swap_letters(t) for t in held["text"]]
    frame = held.assign(text=texts).dropna(subset=["text"])
    pred = model.predict(list(frame["text"])).score >= 0.5
    frame = frame.assign(pred=pred.astype(int))
    table = Table(
        "language", "n", "hateful", "balanced acc.", title="Held-out frames, one word misspelt"
    )
    for lang, part in [*frame.groupby("lang"), ("all", frame)]:
        table.add_row(
            str(lang),
            str(len(part)),
            str(int(part["hateful"].sum())),
            f"{balanced_accuracy_score(part['hateful'], part['pred']):.3f}",
        )
    console.print(table)


def group_mentions(held_out: pd.DataFrame, flagged: np.ndarray) -> None:
    """False-positive rate and recall on held-out corpus texts that name a target group
    (a group feature fires) and on those that name none: how much naming a group, a
    neutral fact, raises the score. ``flagged``: the model's verdicts on ``held_out``."""
    named = [bool(named_groups(analyse(t))) for t in held_out["text"]]
    frame = held_out.assign(named=named, pred=flagged)
    table = Table(
        "held-out corpus texts",
        "non-hateful",
        "false-positive rate",
        "hateful",
        "recall",
        title="Texts that name a group and texts that name none",
    )
    for label, part in (
        ("name a group", frame[frame["named"]]),
        ("name none", frame[~frame["named"]]),
    ):
        negative, positive = part[part["hateful"] == 0], part[part["hateful"] == 1]
        table.add_row(
            label,
            str(len(negative)),
            f"{negative['pred'].mean():.3f}",
            str(len(positive)),
            f"{positive['pred'].mean():.3f}",
        )
    console.print(table)


def lexicon_hits(held_out: pd.DataFrame, flagged: np.ndarray) -> None:
    """What the seed lexicon adds on held-out corpus texts, read with no country (so every
    term applies, the widest reading): texts with a hit, texts a high-severity term outside
    quotation marks flags, and how many of those the model had not flagged."""
    matcher = LexiconMatcher(seed_terms())
    matches = [matcher.match(t) for t in held_out["text"]]
    hit = np.array([bool(m) for m in matches])
    forced = np.array(
        [any(not m.quoted and m.term.severity == "high" for m in ms) for ms in matches]
    )
    hateful = held_out["hateful"].to_numpy() == 1
    table = Table(
        "held-out corpus texts",
        "n",
        "with a lexicon hit",
        "flagged by a term",
        "of those, not by the model",
        title=f"Seed lexicon ({len(matcher.terms)} terms) on held-out corpus texts, no country",
    )
    for label, mask in (("non-hateful", ~hateful), ("hateful", hateful)):
        table.add_row(
            label,
            f"{mask.sum():,}",
            f"{hit[mask].mean():.4f}",
            f"{forced[mask].mean():.4f}",
            str(int((forced & ~flagged & mask).sum())),
        )
    console.print(table)
    noisy = Counter(
        m.term.term for ms, h in zip(matches, hateful, strict=True) if not h for m in ms
    )
    console.print(
        "terms found most in non-hateful texts: "
        + (", ".join(f"{t} {n}" for t, n in noisy.most_common(8)) or "none")
    )


def main() -> None:
    """Run the benchmark and print tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mirror", type=Path, default=None)
    parser.add_argument("--n", type=int, default=20000, help="texts to score for throughput")
    parser.add_argument("--train", action="store_true", help="train a model first")
    parser.add_argument("--speed-only", action="store_true", help="skip the accuracy tables")
    parser.add_argument(
        "--suite-only", action="store_true", help="only the functional suite tables"
    )
    args = parser.parse_args()
    settings = load_settings(mirror=args.mirror)
    path = current_model_path(settings)
    if args.train or path is None:  # a fresh machine: train once (a few minutes)
        started = time.perf_counter()
        train(settings, args.mirror)
        console.print(f"trained in {time.perf_counter() - started:.0f} s")
        path = current_model_path(settings)
    assert path is not None
    started = time.perf_counter()
    model = load_model(path)
    console.print(
        f"model {path.name}: loaded in {time.perf_counter() - started:.2f} s, "
        f"{path.stat().st_size / 1e6:.1f} MB on disk; languages "
        f"{', '.join(getattr(model, 'languages', ()))}"
    )
    if args.suite_only:
        suite_tables(functional(model))
        return
    with_templates = held_out_texts(settings, args.mirror)  # corpus texts first, then frames
    held_out = with_templates[with_templates["dataset"] != augment.DATASET]

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

    # held-out tables: the measured model, which never saw a held-out text (the released
    # model also learnt the held-out frames; decision 0509)
    measured_file = measured_path(path)
    measured = load_model(measured_file) if measured_file.exists() else model
    console.print(f"held-out tables: {'measured' if measured is not model else 'released'} model")
    pred = measured.predict(list(with_templates["text"]))  # scored once for the tables below
    metrics = metrics_of(with_templates, pred)
    table = Table(
        "held-out set",
        "n",
        "hateful",
        "balanced acc.",
        "F1 hateful",
        "AUC",
        "unsupported",
        title="Held-out accuracy per dataset (never used for fitting; templates: held-out frames)",
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
            str(row.get("unsupported", "")),
        )
    console.print(table)
    console.print(
        f"macro balanced accuracy {metrics['macro_balanced_accuracy']}; threat recall "
        f"{metrics['threat_recall']} (ETHOS violence, n={metrics['threats']}); target accuracy "
        f"{metrics['target_accuracy']} (n={metrics['targets']})"
    )

    table = Table("language", "n", "hateful", "balanced acc.", title="Held-out, per language")
    per_language = cast(dict[str, dict[str, Any]], metrics["per_language"])
    for lang, row in per_language.items():
        table.add_row(
            lang,
            str(row["n"]),
            str(row["hateful"]),
            str(row.get("balanced_accuracy", f"specificity {row.get('specificity')}")),
        )
    console.print(table)
    languages_named(with_templates, pred.lang)
    swapped_frames(measured, with_templates[with_templates["dataset"] == augment.DATASET])
    # held-out corpus texts come first in with_templates
    group_mentions(held_out, pred.score[: len(held_out)] >= THRESHOLD)
    lexicon_hits(held_out, pred.score[: len(held_out)] >= THRESHOLD)
    suite_tables(functional(model))


if __name__ == "__main__":
    main()
