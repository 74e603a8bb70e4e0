"""How good are the indicator suggestions, and do they improve as analysts label?

    .venv/bin/python bench/suggest.py --mirror ../shared/data

Labelled set: ``bench/data/framework_labels.csv``, the project's own labels of the 68
excerpts of the five public documents in ``documents/`` (53 with at least one indicator;
how they were made: docs/framework.md). Only excerpt ids and indicator codes are stored.

Protocol: for each of ``--splits`` random splits, a third of the excerpts that have an
indicator are held out for testing; the rest (plus the excerpts labelled "none") form the
training pool, shuffled. Each tagger that learns (``prototypes``, the default, and
``learned``) is trained on the first n excerpts of the
pool for growing n (n = 0 is the cold start from the taxonomy alone) and scored on the
held-out excerpts: precision@3 (share of the 3 suggestions that are right) and recall@3
(share of an excerpt's indicators among its 3 suggestions), averaged over excerpts and
splits. The tagger's settings are its defaults, fixed before this benchmark was run;
nothing is tuned on the held-out excerpts.
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from tocsin.analysis.framework import dedup, excerpts
from tocsin.analysis.framework.extract import extract_file
from tocsin.analysis.framework.suggest import TAGGERS, Example
from tocsin.analysis.framework.taxonomy import default_taxonomy
from tocsin.config import load_settings
from tocsin.sources import fetch
from tocsin.sources.catalog.documents import DOCUMENTS

LABELS = Path(__file__).parent / "data" / "framework_labels.csv"
K = 3


@dataclass(frozen=True)
class Labelled:
    """An excerpt's text and its indicators."""

    key: str
    text: str
    indicators: frozenset[str]


def load_labelled(mirror: Path | None) -> list[Labelled]:
    """The labelled excerpts, re-created from the documents by their stable ids."""
    settings = load_settings(mirror=mirror)
    texts: dict[str, str] = {}
    for ds in DOCUMENTS:
        item = extract_file(fetch.pull_one(settings, ds, mirror).path)
        digest = dedup.content_hash(item.text)
        for para in excerpts.split_paragraphs(item.text, digest):
            texts[para.key] = para.text
    rows = [r for r in LABELS.read_text(encoding="utf-8").splitlines() if not r.startswith("#")]
    out = []
    for row in csv.DictReader(rows):
        if row["excerpt_key"] not in texts:
            raise SystemExit(
                f"{LABELS}: excerpt {row['excerpt_key']} ({row['file']} #{row['position']}) is "
                "not produced by the current splitter; relabel after changing excerpts.py"
            )
        codes = frozenset(row["indicators"].split())
        out.append(Labelled(row["excerpt_key"], texts[row["excerpt_key"]], codes))
    return out


def evaluate(tagger_name: str, train: list[Labelled], test: list[Labelled]) -> tuple[float, float]:
    """Mean precision@3 and recall@3 of the tagger trained on ``train``."""
    examples = [Example(x.text, x.indicators) for x in train]
    tagger = TAGGERS.create(tagger_name).fit(default_taxonomy(), examples)
    top = tagger.suggest([x.text for x in test], k=K)
    precision, recall = [], []
    for item, suggestions in zip(test, top, strict=True):
        hits = len({code for code, _ in suggestions} & item.indicators)
        precision.append(hits / K)
        recall.append(hits / len(item.indicators))
    return float(np.mean(precision)), float(np.mean(recall))


def main() -> None:
    """Print the learning curve."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=None)
    parser.add_argument("--splits", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    labelled = load_labelled(args.mirror)
    positives = [x for x in labelled if x.indicators]
    nones = [x for x in labelled if not x.indicators]
    rng = random.Random(args.seed)
    n_test = len(positives) // 3
    pool_size = len(labelled) - n_test
    sizes = [n for n in (0, 5, 10, 20, 30) if n < pool_size] + [pool_size]
    taggers = ("prototypes", "learned")
    results = {(t, n): [] for t in taggers for n in sizes}
    for _ in range(args.splits):
        shuffled = positives[:]
        rng.shuffle(shuffled)
        test, pool = shuffled[:n_test], shuffled[n_test:] + nones
        rng.shuffle(pool)
        for n in sizes:
            for name in taggers:
                results[name, n].append(evaluate(name, pool[:n], test))
    console = Console(width=120)
    table = Table(
        title=(
            f"Indicator suggestions: {len(labelled)} labelled excerpts ({len(positives)} with "
            f"indicators), {n_test} held out per split, {args.splits} splits, mean ± sd"
        )
    )
    table.add_column("labels used", justify="right")
    for name in taggers:
        table.add_column(f"{name} P@3", justify="right")
        table.add_column(f"{name} R@3", justify="right")
    for n in sizes:
        cells = []
        for name in taggers:
            p = np.array([r[0] for r in results[name, n]])
            r = np.array([r[1] for r in results[name, n]])
            cells += [f"{p.mean():.3f} ± {p.std():.3f}", f"{r.mean():.3f} ± {r.std():.3f}"]
        table.add_row(f"{n} (cold start)" if n == 0 else str(n), *cells)
    console.print(table)


if __name__ == "__main__":
    main()
