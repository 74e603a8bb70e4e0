"""Languages of the reports: gettext catalogues (``locale/<lang>/LC_MESSAGES/reports.po``)
compiled with Babel when first used, as in the intake pages. English is the source
language; to add one, copy the French .po, translate the ``msgstr`` lines and add the
code to :data:`LANGUAGES`. Right-to-left languages get ``dir="rtl"`` in the layout."""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from functools import cache
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français"}
RTL = {"ar", "fa", "he", "ur", "ps"}
DEFAULT = "en"


class UnknownLanguageError(ValueError):
    """A report language without a catalogue."""


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue for ``lang`` (English: the identity)."""
    if lang not in LANGUAGES:
        raise UnknownLanguageError(
            f"no report catalogue for language {lang!r}; available: {', '.join(LANGUAGES)}"
        )
    if lang == DEFAULT:
        return gettext.NullTranslations()
    po = resources.files("tocsin.reports").joinpath(f"locale/{lang}/LC_MESSAGES/reports.po")
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain="reports")
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_for(lang: str) -> Callable[[str], str]:
    """The ``_`` function for a language."""
    return translations(lang).gettext


def direction(lang: str) -> str:
    """``rtl`` for right-to-left languages, else ``ltr``."""
    return "rtl" if lang in RTL else "ltr"
