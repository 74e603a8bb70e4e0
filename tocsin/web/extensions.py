"""Extension points of the dashboard, so capabilities add to shared pages without
editing each other's templates.

- :func:`add_nav_link`: a link in the site navigation (base.html).
- :func:`add_evidence_link`: where the evidence of an alert (an event, excerpt, post,
  submission, ...) can be seen: a URL template for its ``kind`` with ``{ref}`` in it.
- :func:`add_country_section`: a section of the country page (forecast drivers,
  alerts, assessments, speech trends, ...). Its ``context`` function receives the
  request's session and the :class:`~tocsin.store.models.Country` and returns the
  variables its ``template`` (a partial) needs.

A routes module registers its extensions at import time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote


@dataclass(frozen=True)
class NavLink:
    """A link in the site navigation, ordered by ``order``; shown only to users of at
    least ``min_role`` when one is given."""

    label: str
    href: str
    order: int = 50
    min_role: str | None = None


@dataclass(frozen=True)
class CountrySection:
    """A block on the country page: a title, a partial template and its data.

    With ``for_viewer``, ``context`` also takes the signed-in user (None for visitors),
    for a section whose content depends on who reads it."""

    key: str
    title: str
    template: str
    context: Callable[..., dict[str, Any]]
    order: int = 50
    for_viewer: bool = False


NAV_LINKS: dict[str, NavLink] = {}
COUNTRY_SECTIONS: dict[str, CountrySection] = {}
EVIDENCE_LINKS: dict[str, str] = {}


def add_evidence_link(kind: str, url_template: str) -> None:
    """Say where evidence of ``kind`` is shown: ``url_template`` contains ``{ref}``."""
    EVIDENCE_LINKS[kind] = url_template


def evidence_url(kind: str, ref: str) -> str | None:
    """The page showing one piece of evidence, if its kind has one."""
    template = EVIDENCE_LINKS.get(kind)
    return template.format(ref=quote(ref, safe=":")) if template else None


def add_nav_link(link: NavLink) -> None:
    """Register (or replace) a navigation link, keyed by its href."""
    NAV_LINKS[link.href] = link


def add_country_section(section: CountrySection) -> None:
    """Register (or replace) a country-page section, keyed by ``section.key``."""
    COUNTRY_SECTIONS[section.key] = section


def nav_links() -> list[NavLink]:
    """Navigation links in display order."""
    return sorted(NAV_LINKS.values(), key=lambda link: (link.order, link.label))


def country_sections() -> list[CountrySection]:
    """Country-page sections in display order."""
    return sorted(COUNTRY_SECTIONS.values(), key=lambda s: (s.order, s.key))
