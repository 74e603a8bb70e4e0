"""Country and annual reports rendered to PDF and read back; versions, diffs, languages,
and bad input that must leave no file behind."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.reports.conftest import ARABIC_TITLE, pdf_text
from tests.reports.test_i18n import french
from tocsin.analysis.framework import drafts
from tocsin.analysis.framework import taxonomy as tax
from tocsin.config import Settings
from tocsin.reference.countries import UnknownCountryError
from tocsin.reports import charts, library, render, service
from tocsin.reports.country import ReportError, coarse
from tocsin.reports.i18n import UnknownLanguageError
from tocsin.store.db import Database

pytestmark = [pytest.mark.shared_data]
ARABIC = re.compile(r"[\u0600-\u06FF]")


def _squash(text: str) -> str:
    return " ".join(text.split())


def _check_footnotes(text: str) -> None:
    body, _sep, notes = text.rpartition("Sources and notes")
    assert notes, "the notes section is missing"
    defined = {int(n) for n in re.findall(r"^\s*\d+\.\s+\[(\d+)\]", notes, re.M)} or {
        int(n) for n in re.findall(r"\[(\d+)\]", notes)
    }
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    assert cited, "no footnote markers in the body"
    assert cited <= defined, f"markers without a note: {sorted(cited - defined)}"
    assert defined == set(range(1, max(defined) + 1))


@pytest.fixture(scope="module")
def sdn_pdf(
    report_db: Database, report_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> service.Generated:
    out = tmp_path_factory.mktemp("out") / "sdn.pdf"
    return service.country_report(
        report_db, report_settings.data_dir, "SDN", "pdf", "en", "test", out
    )


def first_page_png(pdf: Path, tmp_path: Path) -> Path:
    """The PDF's first page rendered to PNG by pdftoppm (it fails on a broken PDF)."""
    prefix = tmp_path / pdf.stem
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(prefix)],
        check=True,
    )
    png = next(tmp_path.glob(f"{pdf.stem}*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    return png


def test_country_pdf_renders_and_reads_back(
    sdn_pdf: service.Generated, poppler: None, tmp_path: Path
) -> None:
    first_page_png(sdn_pdf.path, tmp_path)
    text = pdf_text(sdn_pdf.path)
    flat = _squash(text)
    for factor in tax.default_taxonomy().factors:
        assert _squash(factor.name) in flat, factor.name
    assert "Sudan (SDN): country risk assessment" in flat
    assert "draft from data" in flat
    _check_footnotes(text)
    # the tagged Arabic document is cited, and its glyphs come back out of the PDF
    assert ARABIC.search(text), "no Arabic characters in the PDF text"
    fonts = subprocess.run(["pdffonts", str(sdn_pdf.path)], capture_output=True, text=True).stdout
    assert "Noto-Naskh-Arabic" in fonts


def test_every_statement_cites_a_dataset_checksum_or_document(
    sdn_pdf: service.Generated, report_db: Database
) -> None:
    text = _squash(pdf_text(sdn_pdf.path))
    notes = text.rpartition("Sources and notes")[2]
    assert "ewp-predictors" in notes and re.search(r"SHA-256 [0-9a-f]{64}", notes)
    assert _squash(ARABIC_TITLE)[:6] in notes or ARABIC.search(notes)
    with report_db.session() as session:
        row = library.get(session, sdn_pdf.id)
        assert row.data_checksums and all(len(v) == 64 for v in row.data_checksums.values())
        assert library.read(row)[:5] == b"%PDF-"


def test_versions_are_stored_and_diffed(
    sdn_pdf: service.Generated, report_db: Database, report_settings: Settings
) -> None:
    with report_db.session() as session:
        current = next(d for d in drafts.country_drafts(session, "SDN") if d.factor.code == "RF6")
        new_level = "none" if current.level != "none" else "very high"
        drafts.override(
            session, "SDN", "RF6", new_level, "field mission found otherwise", "analyst1"
        )
    again = service.country_report(report_db, report_settings.data_dir, "SDN", "pdf", "en", "test")
    assert again.version == sdn_pdf.version + 1 and not again.first
    changed = {key: (before, after) for key, before, after in again.changes}
    assert changed["factor.RF6.level"] == (current.level, new_level)
    with report_db.session() as session:
        listed = library.list_reports(session, "country", "SDN")
        assert [r.version for r in listed if r.fmt == "pdf"][:2] == [again.version, sdn_pdf.version]
        before, diff = library.diff(session, again.id)
        assert before is not None and before.id == sdn_pdf.id
        assert ("factor.RF6.level", current.level, new_level) in diff
        history = drafts.assessments.history(session, "SDN", "RF6")
        assert history[0].summary.startswith("Overridden draft from data")
        assert history[0].created_by == "analyst1"
    # the factor's section (the last "RF6 ·": "what changed" names it first)
    notes = _squash(pdf_text(again.path)).rpartition("RF6 ·")[2].split("RF7 ·")[0]
    assert f"Overrode the draft from data ({current.level} → {new_level})." in notes
    assert "field mission found otherwise" in notes


def test_analyst_actions_are_read_back_from_the_summary() -> None:
    said = drafts.analyst_action(
        "Overridden draft from data (moderate, score 0.54) to very high: militia: seen\n"
        "Evidence: Battle-related deaths (log2) = 12.2"
    )
    assert said == drafts.AnalystAction("overridden", "moderate", "very high", "militia: seen")
    confirmed = drafts.analyst_action("Confirmed draft from data (0.97).\nEvidence: x = 1")
    assert confirmed == drafts.AnalystAction("confirmed", None, None, "")
    assert drafts.analyst_action("Written in the editor.\nEvidence: none") is None


def test_override_needs_a_reason(report_db: Database) -> None:
    with report_db.session() as session, pytest.raises(drafts.DraftError, match="reason"):
        drafts.override(session, "SDN", "RF1", "low", "  ", "analyst1")


def test_french_report(report_db: Database, report_settings: Settings, poppler: None) -> None:
    made = service.country_report(report_db, report_settings.data_dir, "MLI", "pdf", "fr", "test")
    text = _squash(pdf_text(made.path))
    assert "Cadre d'analyse : les 14 facteurs de risque" in text
    assert "Faiblesse des structures de l'État" in text
    assert "ébauche tirée des données" in text or "analyste" in text
    html = service.country_report(report_db, report_settings.data_dir, "MLI", "html", "fr", "t")
    page = html.path.read_text(encoding="utf-8")
    assert '<html lang="fr" dir="ltr">' in page
    with pytest.raises(UnknownLanguageError, match="'xx'"):
        service.country_report(report_db, report_settings.data_dir, "MLI", "html", "xx", "t")


def english_left(text: str) -> list[str]:
    """The English source phrases of translated catalogue entries found in ``text``:
    whole single-word messages (as words), and every fixed run of two or more words
    between the placeholders of longer ones."""
    flat = _squash(text)
    found = []
    for english, translated in french().items():
        if english == translated:
            continue  # the same in both languages (e.g. "Europe")
        for fragment in re.split(r"\{[^}]*\}", english):
            phrase = _squash(fragment).strip(" ,.;:()")
            if not phrase:
                continue
            if " " not in phrase and phrase != _squash(english):
                continue  # a lone word between placeholders ("run", "of") is too short
            if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", flat):
                found.append(phrase)
    return found


def test_french_pdfs_have_no_english_labels(
    report_db: Database, report_settings: Settings, poppler: None
) -> None:
    country = service.country_report(report_db, report_settings.data_dir, "SDN", "pdf", "fr", "t")
    text = pdf_text(country.path)
    flat = _squash(text)
    assert "Soudan (SDN)" in flat and "Sources et notes" in flat
    assert "jeu de données ewp-predictors" in flat  # the footnotes are French too
    assert ARABIC.search(text), "the Arabic document title is missing from the French PDF"
    assert english_left(text) == []
    # what changed since the previous French version is French too
    with report_db.session() as session:
        current = next(d for d in drafts.country_drafts(session, "SDN") if d.factor.code == "RF7")
        level = "none" if current.level != "none" else "low"
        drafts.override(session, "SDN", "RF7", level, "vérifié sur place", "analyst1")
    again = service.country_report(report_db, report_settings.data_dir, "SDN", "pdf", "fr", "t")
    assert again.version == country.version + 1
    text = pdf_text(again.path)
    assert "Ce qui a changé depuis la version précédente" in _squash(text)
    assert "RF7 · Évaluation :" in _squash(text)
    assert english_left(text) == []
    yearly = service.annual_report(report_db, report_settings.data_dir, 2025, "pdf", "fr", "t")
    text = pdf_text(yearly.path)
    assert "Évaluation statistique des risques 2025" in _squash(text)
    assert english_left(text) == []
    # the check itself finds English when it is there
    english = pdf_text(
        service.annual_report(report_db, report_settings.data_dir, 2025, "pdf", "en", "t").path
    )
    assert "Sources and notes" in english_left(english)


def test_annual_report(
    report_db: Database, report_settings: Settings, poppler: None, tmp_path: Path
) -> None:
    made = service.annual_report(report_db, report_settings.data_dir, 2025, "pdf", "en", "test")
    first_page_png(made.path, tmp_path)  # the map page renders
    text = pdf_text(made.path)
    flat = _squash(text)
    assert "Statistical risk assessment 2025" in flat
    assert "Highest-risk countries" in flat and "Biggest movers" in flat
    assert "80% intervals of the two-year risk" in flat  # the fixture's forecast stores them
    _check_footnotes(text)
    with report_db.session() as session:
        row = library.get(session, made.id)
        assert len([k for k in row.facts if k.startswith("rank.")]) == 30


def test_unknown_country_or_year_writes_nothing(
    report_db: Database, report_settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    before = set(library.reports_dir(report_settings.data_dir).glob("*"))
    with pytest.raises(UnknownCountryError, match="XYZ"):
        service.country_report(report_db, report_settings.data_dir, "XYZ", "pdf", out=out)
    with pytest.raises(ReportError, match="base year 1899"):
        service.annual_report(report_db, report_settings.data_dir, 1900, "pdf", out=out)
    assert not out.exists()
    assert set(library.reports_dir(report_settings.data_dir).glob("*")) == before


def test_missing_font_is_a_clear_error_and_writes_nothing(
    report_db: Database, report_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "REQUIRED_FONTS", ("Noto Sans", "No Such Font Family 42"))
    out = tmp_path / "sdn.pdf"
    with report_db.session() as session:
        count = len(library.list_reports(session))
    with pytest.raises(render.RenderError, match="No Such Font Family 42"):
        service.country_report(report_db, report_settings.data_dir, "SDN", "pdf", out=out)
    assert not out.exists() and not list(tmp_path.iterdir())
    with report_db.session() as session:
        assert len(library.list_reports(session)) == count


def test_failing_chart_names_the_chart() -> None:
    with pytest.raises(charts.ChartError, match="'violence by type'"):
        charts.stacked_bars("violence by type", {"one-sided": [(2020, "many")]}, {}, "deaths")  # type: ignore[list-item]


def test_chart_failing_in_a_report_writes_nothing(
    report_db: Database, report_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tocsin.reports import country

    real = charts.stacked_bars

    def corrupted(name: str, kinds: dict, labels: dict, ylabel: str) -> str:  # type: ignore[type-arg]
        # the real chart, handed a series matplotlib cannot draw
        return real(
            name, {k: [(y, "n/a") for y, _d in v] for k, v in kinds.items()}, labels, ylabel
        )

    monkeypatch.setattr(country, "stacked_bars", corrupted)
    out = tmp_path / "sdn.pdf"
    before = set(library.reports_dir(report_settings.data_dir).glob("*"))
    with report_db.session() as session:
        count = len(library.list_reports(session))
    with pytest.raises(charts.ChartError, match="chart 'violence by type' could not be drawn"):
        service.country_report(report_db, report_settings.data_dir, "SDN", "pdf", out=out)
    assert not out.exists() and not list(tmp_path.iterdir())
    assert set(library.reports_dir(report_settings.data_dir).glob("*")) == before
    with report_db.session() as session:
        assert len(library.list_reports(session)) == count


def test_atomic_write_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    render.write_atomic(target, b"old")
    with pytest.raises(TypeError):
        render.write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_civil_society_counts_are_coarse() -> None:
    assert [coarse(n) for n in (0, 1, 4, 5, 19, 20, 99, 100, 5000)] == [
        "0",
        "1-4",
        "1-4",
        "5-19",
        "5-19",
        "20-99",
        "20-99",
        "100+",
        "100+",
    ]


def test_cli_errors_and_list(
    report_db: Database, report_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tocsin.cli.main import app

    monkeypatch.setenv("TOCSIN_DATA_DIR", str(report_settings.data_dir))
    monkeypatch.setenv("TOCSIN_MIRROR", str(report_settings.mirror))
    runner = CliRunner()
    bad = runner.invoke(app, ["report", "country", "Atlantis"])
    assert bad.exit_code == 1 and "unknown country 'Atlantis'" in bad.output
    listed = runner.invoke(app, ["report", "list", "--format", "csv"])
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines()[0].startswith("id,kind,subject,version")
    assert ",country,SDN," in listed.output
    shown = runner.invoke(app, ["report", "drafts", "SDN", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    assert [row["factor"] for row in json.loads(shown.output)] == [f"RF{i}" for i in range(1, 15)]
    refused = runner.invoke(
        app, ["report", "override", "SDN", "RF1", "--level", "low", "--reason", " "]
    )
    assert refused.exit_code == 1 and "needs a reason" in refused.output
