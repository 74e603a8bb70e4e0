"""Compare the speech classifier of the working tree with a reference commit on held-out
data, over several augmentation seeds, and check the rules a candidate must pass.

    .venv/bin/python bench/speech_compare.py --mirror ../shared/data --base HEAD --seeds 0 1 2

Any change to a word list re-draws every language's training templates, and the re-draw
alone moves a held-out frame set by as much as 0.07 (decision 0511), so one training run
cannot judge a candidate. For each seed, both models are trained with that seed, the
reference with its own code (checked out in a temporary git worktree), and both measured
models are scored on the working tree's held-out texts of that seed. A template text
whose frame the reference trained on (a candidate that adds frames to a list can move an
old frame into the held-out fifth) is scored by neither side: the reference would be
marked on a sentence shape it learnt (decision 0537). The rules (decisions 0508 and
0511) are applied to the means over the seeds. Each seed trains four models (the
measured and the released one on each side), a few minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import mean
from typing import Any

import pandas as pd
from rich.console import Console
from rich.table import Table

from tocsin.analysis.speech import augment
from tocsin.analysis.speech.classifier import analyse, named_groups
from tocsin.analysis.speech.training import held_out_texts
from tocsin.config import load_settings

ROOT = Path(__file__).resolve().parent.parent
console = Console()

# Run under either side's code (PYTHONPATH): train with one augmentation seed, then score
# the measured model on the given held-out texts. Uses only names every version since 2.8
# has, so a reference commit needs no change.
SIDE = """
import functools, json, sys
from pathlib import Path
import numpy as np, pandas as pd
import tocsin
from tocsin.analysis.speech import augment
from tocsin.analysis.speech.classifier import THRESHOLD, load_model
from tocsin.analysis.speech.training import current_model_path, measured_path, metrics_of, train
from tocsin.config import load_settings

mirror, seed, held_file, out_file = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
augment.augmentation = functools.partial(augment.augmentation, seed=seed)
settings = load_settings(mirror=mirror)
train(settings, mirror)
model = load_model(measured_path(current_model_path(settings)))
frame = pd.read_pickle(held_file)
pred = model.predict(list(frame["text"]))
metrics = metrics_of(frame, pred)
flagged = np.asarray(pred.score) >= THRESHOLD
named = frame["corpus"] & frame["named"] & (frame["hateful"] == 0)
metrics["fp_named"] = float(flagged[named.to_numpy()].mean())
templates = frame.assign(flagged=flagged)[~frame["corpus"]]
metrics["by_list"] = {
    f"{name} {'hateful' if hateful else 'non-hateful'}": [
        float(part["flagged"].mean() if hateful else 1 - part["flagged"].mean()), len(part)
    ]
    for (name, hateful), part in templates.groupby(["frame_list", "hateful"])
}
metrics["version"] = getattr(model, "metrics", {}).get("version")
metrics["code"] = str(Path(tocsin.__file__).resolve().parent.parent)
Path(out_file).write_text(json.dumps(metrics, default=str))
"""


# Run under the reference's code: the frames it trains on (not held out), per language.
REFERENCE_FRAMES = """
import json
from tocsin.analysis.speech import augment
print(json.dumps({
    lang: sorted(
        set(augment.frames_of(lang, "hate") + augment.frames_of(lang, "ok"))
        - augment.held_out_frames(lang)
    )
    for lang in augment.FRAMES
}))
"""


def frames_trained_by(code_dir: Path) -> dict[str, set[str]]:
    """The template frames the code in ``code_dir`` trains on, per language."""
    found = subprocess.run(
        [sys.executable, "-c", REFERENCE_FRAMES],
        env=dict(os.environ, PYTHONPATH=str(code_dir)),
        cwd=code_dir,
        capture_output=True,
        text=True,
        check=True,
    )
    return {lang: set(frames) for lang, frames in json.loads(found.stdout).items()}


def texts_to_score(mirror: Path, seed: int, seen: dict[str, set[str]]) -> pd.DataFrame:
    """The working tree's held-out corpus texts and held-out template texts of ``seed``,
    without the template texts of frames in ``seen`` (per language), with whether each
    names a group (``named``), comes from a corpus (``corpus``) and, for a template text,
    the name of its list of frames (``frame_list``)."""
    both = held_out_texts(load_settings(mirror=mirror), mirror, seed, with_lists=True)
    pairs = zip(both["lang"], both["frame"], strict=True)
    learnt = pd.Series([frame in seen.get(lang, set()) for lang, frame in pairs], index=both.index)
    both = both[~learnt].reset_index(drop=True)
    both["named"] = [bool(named_groups(analyse(t))) for t in both["text"]]
    both["corpus"] = both["dataset"] != augment.DATASET
    return both


def score_sides(
    code: dict[str, Path], mirror: Path, seed: int, held: Path, work: Path
) -> dict[str, dict[str, Any]]:
    """Train and score both sides with ``seed`` at the same time (one process each)."""
    running = {}
    for side, code_dir in code.items():
        env = dict(
            os.environ, PYTHONPATH=str(code_dir), TOCSIN_DATA_DIR=str(work / f"{side}-{seed}")
        )
        out = work / f"{side}-{seed}.json"
        log = (work / f"{side}-{seed}.log").open("w")
        args = [sys.executable, "-c", SIDE, str(mirror), str(seed), str(held), str(out)]
        # cwd too: ``python -c`` puts the working directory first on sys.path
        process = subprocess.Popen(args, env=env, cwd=code_dir, stdout=log, stderr=log)
        running[side] = (process, out, log)
    results = {}
    for side, (process, out, log) in running.items():
        process.wait()
        log.close()
        if process.returncode:
            sys.exit(
                f"{side}, seed {seed}: training failed (its log: {log.name}, kept with --keep)"
            )
        results[side] = json.loads(out.read_text())
        if Path(results[side]["code"]) != code[side].resolve():
            sys.exit(f"{side} ran the code in {results[side]['code']}, not {code[side]}")
    return results


def accuracy(metrics: dict[str, Any], name: str) -> float:
    """Balanced accuracy of one held-out set (specificity for sets of one class)."""
    row = metrics["per_dataset"][name]
    return float(row.get("balanced_accuracy", row.get("specificity")))


def by_list_table(runs: list[dict[str, dict[str, Any]]]) -> Table:
    """Held-out template texts by list of frames and class: recall of the hateful texts,
    specificity of the non-hateful ones (all languages together), means over the seeds."""
    table = Table(
        "list of frames",
        "texts",
        "reference",
        "candidate",
        "difference",
        title="Held-out template texts by list of frames (hateful: recall; "
        "non-hateful: specificity)",
    )
    for name in sorted(runs[0]["candidate"]["by_list"]):
        base = mean(run["base"]["by_list"][name][0] for run in runs)
        cand = mean(run["candidate"]["by_list"][name][0] for run in runs)
        texts = round(mean(run["candidate"]["by_list"][name][1] for run in runs))
        table.add_row(name, str(texts), f"{base:.3f}", f"{cand:.3f}", f"{cand - base:+.3f}")
    return table


def report(runs: list[dict[str, dict[str, Any]]], args: argparse.Namespace) -> bool:
    """Print the per-set table and the rules; True when every rule holds."""
    names = list(runs[0]["base"]["per_dataset"])
    console.print(
        f"reference: model {runs[0]['base']['version']} ({args.base}); "
        f"candidate: model {runs[0]['candidate']['version']} (working tree)"
    )
    table = Table(
        "held-out set",
        "reference",
        "candidate",
        "difference",
        "per seed",
        title=f"Held-out accuracy, means over seeds {', '.join(map(str, args.seeds))}",
    )
    change: dict[str, float] = {}
    for name in names:
        base = [accuracy(run["base"], name) for run in runs]
        cand = [accuracy(run["candidate"], name) for run in runs]
        change[name] = mean(cand) - mean(base)
        per_seed = ", ".join(f"{c - b:+.3f}" for b, c in zip(base, cand, strict=True))
        table.add_row(
            name, f"{mean(base):.3f}", f"{mean(cand):.3f}", f"{change[name]:+.3f}", per_seed
        )
    console.print(table)

    def both(key: str) -> tuple[float, float]:
        return mean(r["base"][key] for r in runs), mean(r["candidate"][key] for r in runs)

    frames = [n for n in names if n.startswith(f"{augment.DATASET}-")]
    sets = [n for n in names if n not in frames]
    macro, fp, target = both("macro_balanced_accuracy"), both("fp_named"), both("target_accuracy")
    worst_set = min(sets, key=change.__getitem__)
    worst_frame = min(frames, key=change.__getitem__)
    frame_mean = mean(change[n] for n in frames)
    rules = [
        (
            "1. macro balanced accuracy",
            f"{macro[0]:.3f} -> {macro[1]:.3f}",
            macro[1] - macro[0] >= -args.macro_fall,
        ),
        (
            "2. largest corpus fall",
            f"{worst_set} {change[worst_set]:+.3f}",
            change[worst_set] >= -args.corpus_fall,
        ),
        (
            "3. largest frame-set fall",
            f"{worst_frame} {change[worst_frame]:+.3f}",
            change[worst_frame] >= -args.frame_fall,
        ),
        (
            "4. false positives, corpus texts naming a group",
            f"{fp[0]:.3f} -> {fp[1]:.3f}",
            fp[1] - fp[0] <= args.fp_rise,
        ),
        ("5. mean over the frame sets", f"{frame_mean:+.4f}", frame_mean >= args.frame_mean_change),
        (
            "6. target accuracy",
            f"{target[0]:.3f} -> {target[1]:.3f}",
            target[1] - target[0] >= -args.target_fall,
        ),
    ]
    console.print(by_list_table(runs))
    verdicts = Table("rule", "measured", "holds", title="Rules (decisions 0508, 0511)")
    for rule, measured, holds in rules:
        verdicts.add_row(rule, measured, "yes" if holds else "[red]no[/red]")
    console.print(verdicts)
    return all(holds for _, _, holds in rules)


def main() -> None:
    """Train both sides per seed, score them on the same held-out texts, print the rules."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mirror", type=Path, default=None)
    parser.add_argument("--base", default="HEAD", help="reference commit (default HEAD)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--keep", type=Path, default=None, help="keep models and logs here")
    rule = parser.add_argument_group("rules (defaults: decision 0511)")
    rule.add_argument("--macro-fall", type=float, default=0.005, help="largest allowed fall")
    rule.add_argument("--corpus-fall", type=float, default=0.02, help="largest allowed fall")
    rule.add_argument("--frame-fall", type=float, default=0.03, help="largest allowed fall")
    rule.add_argument("--fp-rise", type=float, default=0.01, help="largest allowed rise")
    rule.add_argument(
        "--frame-mean-change",
        type=float,
        default=-0.005,
        help="smallest allowed change of the mean over the frame sets (0508 asked +0.005)",
    )
    rule.add_argument("--target-fall", type=float, default=0.01, help="largest allowed fall")
    args = parser.parse_args()
    mirror = args.mirror or load_settings().mirror
    if mirror is None:
        parser.error("give --mirror (or set TOCSIN_MIRROR): the reference trains from it too")
    mirror = mirror.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        reference = Path(tmp) / "reference"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(reference), args.base],
            check=True,
            capture_output=True,
        )
        try:
            seen = frames_trained_by(reference)
            runs = []
            for seed in args.seeds:
                held = work / f"held-out-{seed}.pkl"
                texts_to_score(mirror, seed, seen).to_pickle(held)
                console.print(
                    f"seed {seed}: training the reference ({args.base}) and the candidate"
                )
                runs.append(
                    score_sides({"base": reference, "candidate": ROOT}, mirror, seed, held, work)
                )
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(reference)],
                check=False,
                capture_output=True,
            )
    passed = report(runs, args)
    console.print("every rule holds" if passed else "[red]at least one rule fails[/red]")


if __name__ == "__main__":
    main()
