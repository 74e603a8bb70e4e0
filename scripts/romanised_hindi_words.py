"""Write ``tocsin/analysis/speech/data/romanised_hindi.txt``: the words that, besides the
hand-written list in ``language.py``, route a text in Latin letters to Hindi (decision
0540).

    .venv/bin/python scripts/romanised_hindi_words.py --mirror ../shared/data

A word is kept when it occurs in at least :data:`MIN_COMMENTS` of TRAC-1's training
comments written without Devanagari, has at least three letters, and occurs in at most
:data:`MAX_ELSEWHERE` of the training texts of every other language: the other corpora's
training texts, the other languages' training templates, and OffensEval 2020's Turkish
training tweets (Turkish shares many loanwords with Hindi, and is not supported). No
held-out text is read. The list depends on the other languages' templates too: after a
change to them, run this again (``tests/speech/test_romanised_hindi.py`` checks that the
file is what this derives).
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from tocsin.analysis.speech import augment, corpora
from tocsin.analysis.speech.language import DEVANAGARI, ROMANISED_HINDI_FILE, latin_words
from tocsin.analysis.speech.training import corpus_paths
from tocsin.config import load_settings
from tocsin.sources import fetch

MIN_COMMENTS = 15
MAX_ELSEWHERE = 2


def _document_counts(texts: Iterable[str]) -> Counter[str]:
    return Counter(w for t in texts for w in set(latin_words(str(t))) if len(w) >= 3)


def derive(paths: dict[str, Path], turkish: Path) -> list[str]:
    """The words, sorted (see the module doc), from the speech corpora ``paths`` (by
    registered name) and OffensEval's Turkish training file ``turkish``."""
    trac = pd.read_csv(paths["trac1-hindi-train"], header=None, names=["id", "text", "label"])
    hindi = _document_counts(
        t for t in trac["text"].dropna().astype(str) if not DEVANAGARI.search(t)
    )
    frame = corpora.load_all(paths)
    templates = augment.augmentation()
    tweets = pd.read_csv(turkish, sep="\t", header=None, quoting=3, dtype=str)[1]
    elsewhere = _document_counts(
        [
            *frame.loc[(frame["split"] == "train") & (frame["lang"] != "hi"), "text"],
            *templates.loc[(templates["split"] == "train") & (templates["lang"] != "hi"), "text"],
            *tweets.dropna(),
        ]
    )
    return sorted(
        w for w, n in hindi.items() if n >= MIN_COMMENTS and elsewhere[w] <= MAX_ELSEWHERE
    )


def main() -> None:
    """Derive the words and write them with a header that says how."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", type=Path, default=None, help="local mirror of the data")
    args = parser.parse_args()
    settings = load_settings(mirror=args.mirror)
    turkish = fetch.ensure(settings, "offenseval-tr-train", args.mirror)
    words = derive(corpus_paths(settings, args.mirror), turkish)
    header = (
        "# Words that route a text in Latin letters to Hindi, besides language.py's list.\n"
        "# Written by scripts/romanised_hindi_words.py from TRAC-1's training comments\n"
        "# (Kumar et al. 2018, Apache-2.0); see that script for how. Do not edit by hand.\n"
    )
    ROMANISED_HINDI_FILE.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {ROMANISED_HINDI_FILE}")


if __name__ == "__main__":
    main()
