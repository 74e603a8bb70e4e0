"""Every message the report templates show has a French translation."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from tocsin.analysis.framework import taxonomy as tax
from tocsin.reports import i18n

TEMPLATES = Path(i18n.__file__).parent / "templates" / "reports"


def test_every_template_message_is_translated_to_french() -> None:
    po = TEMPLATES.parents[1] / "locale" / "fr" / "LC_MESSAGES" / "reports.po"
    with po.open("rb") as fh:
        catalogue = {m.id: m.string for m in read_po(fh) if m.id}
    messages = {
        m
        for path in TEMPLATES.glob("*.html")
        for m in re.findall(r'_\("((?:[^"\\]|\\.)*)"\)', path.read_text(encoding="utf-8"))
    }
    messages |= {f.name for f in tax.default_taxonomy().factors}
    assert len(messages) > 60
    missing = sorted(m for m in messages if not catalogue.get(m))
    assert not missing, missing


def test_layout_direction() -> None:
    assert i18n.direction("fr") == "ltr" and i18n.direction("ar") == "rtl"
