"""Language identification that routes each text to the model or marks it unsupported.

Scripts decide where they are unambiguous (Han -> zh, Devanagari -> hi, Ethiopic -> am,
Myanmar -> my, Hangul -> ko, kana -> ja). Hindi written in Latin letters, which py3langid
does not know, is recognised by its words (:data:`ROUTING_HINDI`) and named
:data:`ROMANISED_HINDI_CODE`, a language of its own that the default model does not read
(decisions 0540, 0541). Otherwise py3langid (offline, bundled model) chooses among
the supported languages plus :data:`OTHERS`, common unsupported ones, so that a
Turkish or Somali text is recognised as such instead of being forced into a supported
language. When the top guess is unsupported but the supported languages together hold at
least :data:`SUPPORTED_MASS` of the probability, the best supported language is taken:
short texts are often misread. Only the first :data:`PREFIX` characters are read.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

UNSUPPORTED = "unsupported-language"
ROMANISED_HINDI_CODE = "hi-Latn"
SUPPORTED_MASS = 0.2
PREFIX = 300
OTHERS = (
    "tr", "ru", "uk", "fa", "ur", "id", "ms", "ro", "cs", "sv", "da", "no", "fi", "hu",
    "el", "he", "so", "ha", "yo", "vi", "tl", "bn", "ta",
)  # fmt: skip
DEVANAGARI = re.compile(r"[\u0900-\u097f]")
_SCRIPTS = (
    (re.compile(r"[\u3040-\u30ff]"), "ja"),
    (re.compile(r"[\uac00-\ud7af]"), "ko"),
    (re.compile(r"[\u4e00-\u9fff]"), "zh"),
    (re.compile(r"[\u1200-\u137f]"), "am"),
    (re.compile(r"[\u1000-\u109f]"), "my"),
    (DEVANAGARI, "hi"),
)
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_WORD = re.compile(r"[a-z]+")

# Hindi's postpositions, pronouns, auxiliaries, particles and commonest words as they are
# typed in Latin letters, written from Hindi grammar and completed with the chat
# shortenings of TRAC-1's training comments ("kr", "rha", "gya", "nhi"). Left out because
# they are everyday words of a language written in Latin letters: "to", "the", "he", "me",
# "main", "mai", "par", "se", "ne", "na", "tu", "do", "mat", "hum", "ab", "bas", "log",
# "tak" (English, French, German, Italian, Spanish, Polish, Swahili ...).
ROMANISED_HINDI = frozenset(
    {
        "hai", "hain", "hei", "tha", "thi", "thay", "ho", "hoga", "hogi", "honge", "hota",
        "hoti", "hote", "nahi", "nahin", "nhi", "nai", "ka", "ki", "ke", "ko", "mein", "pe",
        "aur", "bhi", "kya", "kyu", "kyun", "kyon", "kaise", "kaun", "kab", "kahan", "yeh",
        "ye", "woh", "wo", "vo", "voh", "yahan", "wahan", "mujhe", "mujhko", "mera", "meri",
        "mere", "tera", "teri", "tere", "tum", "tumhe", "tumko", "tumhara", "tumhari", "aap",
        "aapka", "aapki", "aapke", "hamara", "hamari", "hamare", "humara", "humare", "unka",
        "unki", "unke", "inka", "inki", "inke", "unko", "inko", "usko", "isko", "uska", "uski",
        "uske", "iska", "iski", "iske", "apna", "apni", "apne", "kuch", "bahut", "bohot",
        "bahot", "sirf", "abhi", "kabhi", "hamesha", "lekin", "magar", "agar", "toh", "jo",
        "jab", "tab", "karo", "karna", "karte", "karta", "karti", "kiya", "raha", "rahe",
        "rahi", "gaya", "gaye", "gayi", "diya", "liya", "wala", "wale", "wali", "chahiye",
        "sakta", "sakte", "sakti", "logon", "saath", "liye", "baat", "accha", "acha", "koi",
        "ek", "kr", "krte", "krta", "krna", "kro", "rha", "rhe", "rhi", "gya", "gye", "hu",
        "hua", "hui", "sab", "bhai", "ji", "logo", "kisi", "kaha", "kahi", "khud", "ghar",
        "aaj", "sahi", "kuchh", "kyuki", "kyunki", "isliye", "tabhi", "yahi", "wahi", "pta"
    }
)  # fmt: skip
ROMANISED_HINDI_FILE = Path(__file__).parent / "data" / "romanised_hindi.txt"


def _words_of(path: Path) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


# the hand-written words, and those derived from TRAC-1's training comments
# (``scripts/romanised_hindi_words.py``)
ROUTING_HINDI = ROMANISED_HINDI | _words_of(ROMANISED_HINDI_FILE)
# thresholds chosen on TRAC-1's training comments and OffensEval-TR's training tweets
ROMANISED_HINDI_SHARE = 0.1  # of the words, when two different Hindi words occur
ROMANISED_HINDI_ALONE = 0.2  # when one occurs and no supported language is recognised


@cache
def _identifier(supported: tuple[str, ...]) -> LanguageIdentifier:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    ident.set_languages(sorted({*supported, *OTHERS}))
    return ident


def detect(text: str, supported: tuple[str, ...]) -> str:
    """ISO 639-1 code of ``text``'s language (:data:`ROMANISED_HINDI_CODE` for Hindi in
    Latin letters); "" for text without letters."""
    if not _LETTER.search(text):
        return ""
    for pattern, code in _SCRIPTS:
        if pattern.search(text):
            return code
    hindi = _hindi_words(text[:PREFIX])
    if hindi and hindi[1] >= 2 and hindi[0] >= ROMANISED_HINDI_SHARE:
        return ROMANISED_HINDI_CODE
    ident = _identifier(supported)
    ranked = ident.rank(text[:PREFIX])
    top = str(ranked[0][0])
    if top in supported:
        return top
    if hindi and hindi[0] >= ROMANISED_HINDI_ALONE:
        return ROMANISED_HINDI_CODE
    mass = sum(float(p) for lang, p in ranked if lang in supported)
    if mass < SUPPORTED_MASS:
        return top
    return str(next(lang for lang, _ in ranked if lang in supported))


def latin_words(text: str) -> list[str]:
    """The words of ``text`` in Latin letters, case folded: what the Hindi words are
    counted in, here and where they are derived (``scripts/romanised_hindi_words.py``)."""
    return _LATIN_WORD.findall(text.casefold())


def _hindi_words(text: str) -> tuple[float, int] | None:
    """The share of ``text``'s Latin words that are in :data:`ROUTING_HINDI` and how
    many different ones occur; None when none does. Two different ones making up
    :data:`ROMANISED_HINDI_SHARE` of the words make a text romanised Hindi; one, making
    up :data:`ROMANISED_HINDI_ALONE`, does when no supported language is recognised."""
    tokens = latin_words(text)
    hits = [t for t in tokens if t in ROUTING_HINDI]
    return (len(hits) / len(tokens), len(set(hits))) if hits else None


def route(texts: list[str], supported: tuple[str, ...], hint: str | None = None) -> list[str]:
    """The language of each text (``hint`` when given: the caller knows the language)."""
    if hint:
        return [hint] * len(texts)
    return [detect(t, supported) for t in texts]
