"""Every word a report shows has a French translation: the templates' messages, the
sentences and footnotes built in Python, and the data labels the reports print (risk
factors, indicator and model-feature labels, evidence sources and rationales, alert and
assessment states, regions, data credits)."""

from __future__ import annotations

from pathlib import Path

import jinja2.ext
from babel.messages.extract import extract
from babel.messages.pofile import read_po

from tocsin.analysis.forecast.features import feature_labels
from tocsin.analysis.framework import drafts
from tocsin.analysis.framework import taxonomy as tax
from tocsin.reference.countries import all_countries
from tocsin.reports import annual, country, i18n
from tocsin.sources.ewp import INDICATOR_LABELS
from tocsin.store.models.alerts import ALERT_STATUSES, SEVERITIES

PACKAGE = Path(i18n.__file__).parent
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}


def french() -> dict[str, str]:
    """msgid -> French msgstr of the reports' catalogue."""
    with (PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "reports.po").open("rb") as fh:
        return {m.id: m.string for m in read_po(fh) if m.id}


def code_messages() -> set[str]:
    """The literal messages of ``_()`` calls in the report templates and Python modules."""
    found: set[str] = set()
    for path in PACKAGE.glob("*.py"):
        with path.open("rb") as fh:
            found |= {m for _l, m, _c, _x in extract("python", fh, keywords={"_": None})}
    for path in (PACKAGE / "templates" / "reports").glob("*.html"):
        with path.open("rb") as fh:
            found |= {
                m
                for _l, _f, m, _c in jinja2.ext.babel_extract(fh, ["_"], [], JINJA_OPTIONS)
                if isinstance(m, str)
            }
    return found


def data_messages() -> set[str]:
    """The data strings the reports pass through ``_()``."""
    lines = drafts.mapping()
    found = {f.name for f in tax.default_taxonomy().factors}
    found |= set(feature_labels({k: v[0] for k, v in INDICATOR_LABELS.items()}).values())
    found |= {ln.label for ln in lines} | {ln.rationale for ln in lines}
    found |= {drafts._source_of(ln) for ln in lines}
    found |= set(SEVERITIES) | set(ALERT_STATUSES) | {"draft", "published"}
    found |= {c.region for c in all_countries() if c.region}
    found |= set(annual.CREDITS) | set(country.VIOLENCE_KINDS.values())
    return found


def test_every_report_message_is_translated_to_french() -> None:
    catalogue = french()
    messages = code_messages()
    assert len(messages) > 80
    assert "Sources and notes" in messages  # the templates were read
    assert "excerpt {key}" in messages  # and the footnotes built in Python
    missing = sorted(m for m in messages if not catalogue.get(m))
    assert not missing, missing


def test_every_data_label_a_report_shows_is_translated_to_french() -> None:
    catalogue = french()
    messages = data_messages()
    assert len(messages) > 150 and "Year squared" in messages and "critical" in messages
    missing = sorted(m for m in messages if not catalogue.get(m))
    assert not missing, missing


def test_country_names_follow_the_language() -> None:
    assert i18n.country_name("SDN", "Sudan", "fr") == "Soudan"
    assert i18n.country_name("SDN", "Sudan", "en") == "Sudan"
    assert i18n.country_name("XXX", "Atlantis", "fr") == "Atlantis"


def test_layout_direction() -> None:
    assert i18n.direction("fr") == "ltr" and i18n.direction("ar") == "rtl"
