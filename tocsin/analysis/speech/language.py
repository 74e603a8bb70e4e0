"""Language identification that routes each text to the model or marks it unsupported.

Scripts decide where they are unambiguous (Han -> zh, Devanagari -> hi, Ethiopic -> am,
Myanmar -> my, Hangul -> ko, kana -> ja); otherwise py3langid (offline, bundled model)
chooses among :data:`CANDIDATES`, the supported languages plus common unsupported ones,
so that a Turkish or Somali text is recognised as such instead of being forced into a
supported language. When the top guess is unsupported but the supported languages
together hold at least :data:`SUPPORTED_MASS` of the probability, the best supported
language is taken: short texts are often misread. Only the first :data:`PREFIX`
characters are read.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

UNSUPPORTED = "unsupported-language"
SUPPORTED_MASS = 0.2
PREFIX = 300
OTHERS = (
    "tr", "ru", "uk", "fa", "ur", "id", "ms", "ro", "cs", "sv", "da", "no", "fi", "hu",
    "el", "he", "so", "ha", "yo", "vi", "tl", "bn", "ta",
)  # fmt: skip
_SCRIPTS = (
    (re.compile(r"[\u3040-\u30ff]"), "ja"),
    (re.compile(r"[\uac00-\ud7af]"), "ko"),
    (re.compile(r"[\u4e00-\u9fff]"), "zh"),
    (re.compile(r"[\u1200-\u137f]"), "am"),
    (re.compile(r"[\u1000-\u109f]"), "my"),
    (re.compile(r"[\u0900-\u097f]"), "hi"),
)
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _identifier(supported: tuple[str, ...]) -> LanguageIdentifier:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    ident.set_languages(sorted({*supported, *OTHERS}))
    return ident


def detect(text: str, supported: tuple[str, ...]) -> str:
    """ISO 639-1 code of ``text``'s language; "" for text without letters."""
    if not _LETTER.search(text):
        return ""
    for pattern, code in _SCRIPTS:
        if pattern.search(text):
            return code
    ident = _identifier(supported)
    ranked = ident.rank(text[:PREFIX])
    top = str(ranked[0][0])
    if top in supported:
        return top
    mass = sum(float(p) for lang, p in ranked if lang in supported)
    if mass < SUPPORTED_MASS:
        return top
    return str(next(lang for lang, _ in ranked if lang in supported))


def route(texts: list[str], supported: tuple[str, ...], hint: str | None = None) -> list[str]:
    """The language of each text (``hint`` when given: the caller knows the language)."""
    if hint:
        return [hint] * len(texts)
    return [detect(t, supported) for t in texts]
