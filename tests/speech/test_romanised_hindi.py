"""Hindi written in Latin letters is named ``hi-Latn`` and, since the default model does
not read it, labelled ``unsupported-language`` instead of being read by another
language's calibration (decisions 0540, 0541)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tocsin.analysis.speech import augment
from tocsin.analysis.speech.classifier import NgramClassifier
from tocsin.analysis.speech.language import (
    ROMANISED_HINDI,
    ROMANISED_HINDI_CODE,
    ROMANISED_HINDI_FILE,
    ROUTING_HINDI,
    UNSUPPORTED,
    detect,
)

SCRIPT = Path(__file__).parents[2] / "scripts" / "romanised_hindi_words.py"


@pytest.mark.parametrize(
    "text",
    [
        "mujhe in logon se nafrat hai",
        "ye log desh ke dushman hain",
        "Bhai kya ho gaya, sab theek hai?",
        "tum kabhi nahi sudhroge",
        "desh ke gaddar",  # "desh" is one of the words derived from TRAC-1
    ],
)
def test_romanised_hindi_is_named(text: str) -> None:
    assert detect(text, augment.SUPPORTED) == ROMANISED_HINDI_CODE


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Perché hai mai visto una vacca volare?", "it"),  # Italian "hai": you have
        ("The cat sat on the mat and me too", "en"),
        ("Das ist mein Haus und ich bin hier", "de"),
        ("Bu kadar güzel bir gün ki herkes dışarıda", "tr"),  # Turkish "ki", unsupported
        ("Ninakupenda sana, wewe ni rafiki yangu", "sw"),
        ("मुसलमान गंदे हैं", "hi"),  # Devanagari Hindi is read
    ],
)
def test_other_languages_stay_theirs(text: str, lang: str) -> None:
    assert detect(text, augment.SUPPORTED) == lang


def test_the_hindi_words_leave_out_common_words_of_other_languages() -> None:
    common = {"to", "the", "me", "se", "ne", "na", "tu", "par", "tak", "diye", "bana"}
    assert ROUTING_HINDI.isdisjoint(common)  # the last two are Turkish
    assert ROMANISED_HINDI < ROUTING_HINDI


def test_romanised_hindi_is_unsupported_not_silently_non_hateful(
    small_model: NgramClassifier,
) -> None:
    """Before decision 0541 such texts were read with whatever language py3langid guessed
    (Swahili, English ...) and came out "non-hateful"."""
    pred = small_model.predict(
        ["sab musalman gande hain, inko desh se nikalo", "musalman ache hain"]
    )
    assert pred.lang == [ROMANISED_HINDI_CODE] * 2
    assert pred.label == [UNSUPPORTED] * 2
    assert ROMANISED_HINDI_CODE not in small_model.languages


def test_the_derived_words_are_what_the_script_derives(
    speech_paths: dict[str, Path], shared_data: Path
) -> None:
    """``data/romanised_hindi.txt`` is reproducible from the training data; after a change
    to the templates, run ``scripts/romanised_hindi_words.py`` again."""
    spec = importlib.util.spec_from_file_location("romanised_hindi_words", SCRIPT)
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    turkish = shared_data / "speech" / "offenseval_tr" / "offenseval-tr-training-v1.tsv"
    lines = ROMANISED_HINDI_FILE.read_text(encoding="utf-8").splitlines()
    assert script.derive(speech_paths, turkish) == [w for w in lines if not w.startswith("#")]
