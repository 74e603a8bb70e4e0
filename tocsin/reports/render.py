"""Render reports: Jinja2 templates to HTML, WeasyPrint to PDF, written atomically.

Fonts: the layout asks for Noto Sans (Latin, French accents) and Noto Naskh Arabic,
with DejaVu Sans as fallback (Debian fonts-noto-core, fonts-dejavu-core). A missing font
is a clear error before anything is written, never a PDF with empty boxes.
"""

from __future__ import annotations

import base64
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from tocsin.reports.i18n import country_name, direction, number, percent, translations

FORMATS = ("pdf", "html")
REQUIRED_FONTS = ("Noto Sans", "Noto Naskh Arabic")


class RenderError(RuntimeError):
    """A report that could not be rendered or written; the message says why."""


def environment(lang: str) -> Environment:
    """A template environment with the language's catalogue installed."""
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # The i18n extension adds this method when the environment is built; stubs omit it.
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["pct"] = lambda v, d=1: percent(v, lang, d)
    env.filters["num"] = lambda v, d=2: number(v, lang, d)
    env.filters["svg"] = svg_image
    env.globals["country_name"] = lambda code, name: country_name(code, name, lang)
    return env


def svg_image(svg: str, alt: str = "") -> Markup:
    """A chart we drew ourselves as an SVG image (a data URI). WeasyPrint then draws it
    with its SVG renderer instead of running every shape through the page's CSS cascade,
    which is slower and warns once per shape."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Markup('<img class="svg" alt="{}" src="data:image/svg+xml;base64,{}">').format(alt, data)


def render_html(template: str, lang: str, **context: Any) -> str:
    """A report as a standalone HTML page."""
    env = environment(lang)
    return env.get_template(template).render(lang=lang, dir=direction(lang), **context)


def missing_fonts(families: tuple[str, ...] | None = None) -> list[str]:
    """Font families fontconfig cannot find (matched exactly, not substituted); by
    default the ones the layout needs."""
    families = REQUIRED_FONTS if families is None else families
    missing = []
    for family in families:
        try:
            found = subprocess.run(
                ["fc-list", f":family={family}", "family"],
                capture_output=True,
                text=True,
                check=False,
                timeout=20,
            ).stdout
        except FileNotFoundError:
            return list(families)
        if not found.strip():
            missing.append(family)
    return missing


def html_to_pdf(html: str) -> bytes:
    """The HTML laid out as PDF by WeasyPrint (fonts checked first)."""
    missing = missing_fonts()
    if missing:
        raise RenderError(
            f"fonts not installed: {', '.join(missing)}; install the Debian packages "
            "fonts-noto-core and fonts-dejavu-core (scripts/system-packages.sh)"
        )
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise RenderError(f"WeasyPrint cannot start ({exc}); install libpango-1.0-0") from exc
    return HTML(string=html, base_url=str(Path(__file__).parent)).write_pdf()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory, so a
    failure never leaves a half-written report behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
