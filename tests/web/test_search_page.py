"""Search shows the passage that matches with its terms marked, and the README's example
search finds something in the documents `tocsin up` loads."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from tocsin.cli.framework import ingest_shared_documents
from tocsin.config import Settings
from tocsin.store.db import Database
from tocsin.web.highlight import passage

README = Path(__file__).parents[2] / "README.md"


def test_passage_marks_terms_escapes_and_centres_on_the_match() -> None:
    text = "Intro. " * 100 + "Militias attacked <b>camps</b>; the attack killed civilians."
    shown = str(passage(text, "attack camps"))
    assert shown.startswith("…") and "<mark>attacked</mark>" in shown
    assert "&lt;b&gt;<mark>camps</mark>&lt;/b&gt;" in shown and "<b>" not in shown
    assert "<mark>attack</mark> killed" in shown
    assert len(re.sub(r"</?mark>", "", shown)) < 400
    assert str(passage("no match here", "genocide")) == "no match here"


def test_readme_example_search_finds_the_passage_in_the_loaded_documents(
    settings: Settings, sqlite_dashboard: Database, shared_data: Path
) -> None:
    from tocsin.web.app import create_app

    ingest_shared_documents(settings.model_copy(update={"mirror": shared_data}), sqlite_dashboard)
    example = re.search(r'tocsin search "([^"]+)" --country (\w+)', README.read_text())
    assert example, "README has no example search"
    query, country = example.groups()
    with TestClient(create_app(settings, sqlite_dashboard)) as client:
        page = client.get("/framework/search", params={"q": query, "country": country}).text
    hits = re.findall(r'<span class="passage">(.*?)</span>', page, re.S)
    assert hits, f"the README's search {query!r} in {country} finds nothing"
    for word in query.split():
        assert re.search(rf"<mark>{word}\w*</mark>", hits[0], re.IGNORECASE)
