"""One real-data database for the report tests, built once per session: the EWP panel
and episodes, stored forecasts for base years 2023-2024, UCDP yearly deaths, and an
Arabic document tagged to Sudan."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import built_once
from tocsin.analysis.events.yearly import load_yearly
from tocsin.analysis.forecast import service
from tocsin.analysis.framework.extract import Extracted
from tocsin.analysis.framework.ingest import store_extracted
from tocsin.analysis.framework.tagging import TagInput, set_tag
from tocsin.config import Settings, load_settings
from tocsin.store.db import Database
from tocsin.store.load_ewp import pull_and_load
from tocsin.store.migrate import upgrade
from tocsin.store.models import Excerpt

ARABIC_TITLE = "تقرير عن العنف في دارفور"
ARABIC_TEXT = (
    "تعرضت قرى في غرب دارفور لهجمات متكررة على المدنيين، وفر آلاف السكان إلى تشاد "
    "بعد إحراق المنازل والأسواق."
)


def _build_report_data(data_dir: Path, mirror: Path) -> None:
    """The real-data database the reports are built from, in ``data_dir``."""
    settings = load_settings(data_dir=data_dir, mirror=mirror)
    db = Database(settings.resolved_database_url)
    upgrade(db)
    pull_and_load(settings, db, mirror)
    panel = service.load_panel(settings)
    service.forecast_years(db, panel, range(2023, 2025))
    with db.session() as session:
        load_yearly(session, settings)
        item = Extracted(
            "test://darfur-ar", ARABIC_TITLE, ARABIC_TEXT, "text/plain", ARABIC_TEXT.encode()
        )
        store_extracted(session, item, "report test fixture", "test")
        excerpt = session.scalars(select(Excerpt)).first()
        assert excerpt is not None
        set_tag(session, excerpt, TagInput("RF11.1", country="SDN"), "test")
    db.dispose()


@pytest.fixture(scope="session")
def report_settings(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings with a private copy of the report data directory (built once per test
    run, shared by the test processes) and the shared data as mirror."""
    template = built_once(
        tmp_path_factory, "reports-data", lambda d: _build_report_data(d, shared_data)
    )
    data_dir = tmp_path_factory.mktemp("reports-data")
    shutil.copytree(template, data_dir, dirs_exist_ok=True)
    return load_settings(data_dir=data_dir, mirror=shared_data)


@pytest.fixture(scope="session")
def report_db(report_settings: Settings) -> Iterator[Database]:
    """The real-data database the reports are built from."""
    db = Database(report_settings.resolved_database_url)
    yield db
    db.dispose()


def pdf_text(path: Path) -> str:
    """The text of a PDF as pdftotext reads it back."""
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="session")
def poppler() -> None:
    """pdftoppm and pdftotext (Debian poppler-utils)."""
    if not (shutil.which("pdftoppm") and shutil.which("pdftotext")):
        pytest.fail("poppler-utils missing: run scripts/system-packages.sh")
