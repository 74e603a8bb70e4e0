"""How good are the indicator suggestions, per risk factor, and do they improve as
analysts label?

    .venv/bin/python bench/suggest.py --mirror ../shared/data

Two labelled sets, both kept apart from the taggers' defaults (nothing in the taxonomy
or in ``tocsin/analysis/framework/data/indicator_vocabulary.json`` was derived from them):

1. ``bench/data/framework_eval.csv``: 308 excerpts over the 14 risk factors, written by
   the project from the Framework's definitions, each with the public report it
   paraphrases (how it was made: the file's header). The taggers are scored at cold
   start, as a new installation meets them: their defaults, no training. Per risk
   factor F: precision@3 = of the top-3 suggestions that fall in F, the share that are
   among the excerpt's indicators; recall@3 = of the excerpts' indicators in F, the
   share found in the top 3 (both pooled over the set). The ablation rows switch the
   Framework vocabulary and the character n-grams off (the taxonomy's own words only,
   as the tagger was before).
2. ``bench/data/framework_labels.csv``: the project's labels of the 58 excerpts of the
   five real public documents in ``documents/`` (only ids are stored; the texts are
   re-created from the mirror). Learning curve: for each of ``--splits`` random splits a
   third of the excerpts with an indicator is held out; the taggers that learn are
   trained on the first n of the rest and scored (mean precision@3 and recall@3 per
   excerpt). Settings are the defaults, fixed before this benchmark was run.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from tocsin.analysis.framework import dedup, excerpts
from tocsin.analysis.framework.extract import extract_file
from tocsin.analysis.framework.suggest import TAGGERS, Example, Tagger
from tocsin.analysis.framework.taxonomy import default_taxonomy
from tocsin.config import load_settings
from tocsin.sources import fetch
from tocsin.sources.catalog.documents import DOCUMENTS

DATA = Path(__file__).parent / "data"
EVAL = DATA / "framework_eval.csv"
LABELS = DATA / "framework_labels.csv"
K = 3
# (row label, tagger, settings): the default first, then the ablations
VARIANTS: list[tuple[str, str, dict[str, object]]] = [
    ("prototypes (default)", "prototypes", {}),
    ("keywords", "keywords", {}),
    ("prototypes, no Framework vocabulary", "prototypes", {"vocabulary": False}),
    ("prototypes, no character n-grams", "prototypes", {"char_ngrams": False}),
    (
        "prototypes, taxonomy words only (before)",
        "prototypes",
        {"vocabulary": False, "char_ngrams": False},
    ),
]


@dataclass(frozen=True)
class Labelled:
    """An excerpt's text and its indicators."""

    key: str
    text: str
    indicators: frozenset[str]


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [r for r in path.read_text(encoding="utf-8").splitlines() if not r.startswith("#")]
    return list(csv.DictReader(lines))


def load_eval() -> list[Labelled]:
    """The written evaluation set."""
    return [Labelled(r["id"], r["text"], frozenset(r["indicators"].split())) for r in _rows(EVAL)]


def load_documents(mirror: Path | None) -> list[Labelled]:
    """The labelled excerpts of the real documents, re-created by their stable ids."""
    settings = load_settings(mirror=mirror)
    texts: dict[str, str] = {}
    for ds in DOCUMENTS:
        item = extract_file(fetch.pull_one(settings, ds, mirror).path)
        digest = dedup.content_hash(item.text)
        for para in excerpts.split_paragraphs(item.text, digest):
            texts[para.key] = para.text
    out = []
    for row in _rows(LABELS):
        if row["excerpt_key"] not in texts:
            raise SystemExit(
                f"{LABELS}: excerpt {row['excerpt_key']} ({row['file']} #{row['position']}) is "
                "not produced by the current splitter; relabel after changing excerpts.py"
            )
        codes = frozenset(row["indicators"].split())
        out.append(Labelled(row["excerpt_key"], texts[row["excerpt_key"]], codes))
    return out


def factor(code: str) -> str:
    """RF10.2 -> RF10."""
    return code.split(".")[0]


def per_factor(tagger: Tagger, items: list[Labelled]) -> dict[str, tuple[float, float, int]]:
    """Pooled precision@3 and recall@3 of each risk factor, and its number of labels."""
    top = tagger.suggest([x.text for x in items], k=K)
    suggested: dict[str, int] = defaultdict(int)
    right: dict[str, int] = defaultdict(int)
    labels: dict[str, int] = defaultdict(int)
    found: dict[str, int] = defaultdict(int)
    for item, suggestions in zip(items, top, strict=True):
        codes = {code for code, _ in suggestions}
        for code in codes:
            suggested[factor(code)] += 1
            right[factor(code)] += code in item.indicators
        for code in item.indicators:
            labels[factor(code)] += 1
            found[factor(code)] += code in codes
    return {
        f: (right[f] / suggested[f] if suggested[f] else 0.0, found[f] / labels[f], labels[f])
        for f in labels
    }


def mean_scores(tagger: Tagger, items: list[Labelled]) -> tuple[float, float]:
    """Mean precision@3 and recall@3 per excerpt (excerpts with at least one indicator)."""
    items = [x for x in items if x.indicators]
    top = tagger.suggest([x.text for x in items], k=K)
    precision, recall = [], []
    for item, suggestions in zip(items, top, strict=True):
        hits = len({code for code, _ in suggestions} & item.indicators)
        precision.append(hits / K)
        recall.append(hits / len(item.indicators))
    return float(np.mean(precision)), float(np.mean(recall))


def cold_start(name: str, **settings: object) -> Tagger:
    """A tagger with its defaults (or the given settings), trained on nothing."""
    return TAGGERS.create(name, **settings).fit(default_taxonomy(), [])


def evaluation_tables(console: Console) -> None:
    """Per risk factor table for the default, and the ablation summary."""
    items = load_eval()
    taxonomy = default_taxonomy()
    default = cold_start("prototypes")
    scores = per_factor(default, items)
    table = Table(
        title=(
            f"Suggestions at cold start on the evaluation set ({len(items)} excerpts, "
            f"bench/data/framework_eval.csv): default tagger, pooled per risk factor"
        )
    )
    for column in ("risk factor", "labels", "precision@3", "recall@3"):
        table.add_column(column, justify="left" if column == "risk factor" else "right")
    for f in taxonomy.factors:
        p, r, n = scores.get(f.code, (0.0, 0.0, 0))
        table.add_row(f"{f.code} {f.name[:48]}", str(n), f"{p:.2f}", f"{r:.2f}")
    console.print(table)
    summary = Table(title="Tagger variants, cold start, evaluation set (mean per excerpt)")
    for column in ("tagger", "precision@3", "recall@3", "risk factor hit@3"):
        summary.add_column(column, justify="left" if column == "tagger" else "right")
    for label, name, settings in VARIANTS:
        tagger = cold_start(name, **settings)
        p, r = mean_scores(tagger, items)
        top = tagger.suggest([x.text for x in items], k=K)
        hit = np.mean(
            [
                bool({factor(c) for c, _ in s} & {factor(c) for c in x.indicators})
                for x, s in zip(items, top, strict=True)
            ]
        )
        summary.add_row(label, f"{p:.3f}", f"{r:.3f}", f"{hit:.3f}")
    console.print(summary)


def learning_curve(console: Console, mirror: Path | None, splits: int, seed: int) -> None:
    """Precision@3 and recall@3 on held-out document excerpts as labels accumulate."""
    labelled = load_documents(mirror)
    positives = [x for x in labelled if x.indicators]
    nones = [x for x in labelled if not x.indicators]
    rng = random.Random(seed)
    n_test = len(positives) // 3
    pool_size = len(labelled) - n_test
    sizes = [n for n in (0, 5, 10, 20, 30) if n < pool_size] + [pool_size]
    taggers = ("prototypes", "learned")
    results: dict[tuple[str, int], list[tuple[float, float]]] = {
        (t, n): [] for t in taggers for n in sizes
    }
    for _ in range(splits):
        shuffled = positives[:]
        rng.shuffle(shuffled)
        test, pool = shuffled[:n_test], shuffled[n_test:] + nones
        rng.shuffle(pool)
        for n in sizes:
            for name in taggers:
                examples = [Example(x.text, x.indicators) for x in pool[:n]]
                tagger = TAGGERS.create(name).fit(default_taxonomy(), examples)
                results[name, n].append(mean_scores(tagger, test))
    table = Table(
        title=(
            f"Learning curve on the real documents: {len(labelled)} labelled excerpts "
            f"({len(positives)} with indicators), {n_test} held out per split, {splits} "
            "splits, mean ± sd"
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


def main() -> None:
    """Print the tables."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=None)
    parser.add_argument("--splits", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--eval-only", action="store_true", help="Skip the learning curve on the documents."
    )
    args = parser.parse_args()
    console = Console(width=120)
    evaluation_tables(console)
    if not args.eval_only:
        learning_curve(console, args.mirror, args.splits, args.seed)


if __name__ == "__main__":
    main()
