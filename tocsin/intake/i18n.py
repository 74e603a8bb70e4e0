"""Languages of the public intake pages: gettext catalogues (``locale/<lang>/LC_MESSAGES/
intake.po``) compiled with Babel when first used, so no binary .mo files are committed.

English is the source language. To add a language, copy a .po file, translate its
``msgstr`` lines, and add the code to :data:`LANGUAGES`.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from importlib import resources

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français", "ar": "العربية", "es": "Español"}
RTL = {"ar", "fa", "he", "ur", "ps"}
DEFAULT = "en"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue for ``lang`` (English: the identity)."""
    if lang not in LANGUAGES or lang == DEFAULT:
        return gettext.NullTranslations()
    po = resources.files("tocsin.intake").joinpath(f"locale/{lang}/LC_MESSAGES/intake.po")
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain="intake")
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_for(lang: str):  # noqa: ANN201 - a gettext callable
    """The ``_`` function for a language."""
    return translations(lang).gettext


def choose(requested: str | None, accept_language: str | None) -> str:
    """The language to show: an explicit choice, else the browser's preference, else English."""
    if requested in LANGUAGES:
        return requested
    preferred = []
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().replace("-", "_")
        if tag and tag != "*":
            preferred.append(tag)
    found = Locale.negotiate(preferred, list(LANGUAGES), sep="_") if preferred else None
    return str(found.language) if found is not None else DEFAULT


def direction(lang: str) -> str:
    """``rtl`` for right-to-left languages, else ``ltr``."""
    return "rtl" if lang in RTL else "ltr"
