"""The five real documents of ../shared/data/documents: registered with their checksums,
ingested by the `tocsin up` step (idempotently), originals kept in the evidence locker."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from tocsin.cli.framework import ingest_shared_documents
from tocsin.config import Settings, load_settings
from tocsin.sources.catalog.documents import DOCUMENTS
from tocsin.sources.fetch import sha256_of
from tocsin.store import locker
from tocsin.store.db import Database
from tocsin.store.models import Document, Excerpt
from tocsin.store.models.evidence import EvidenceItem


def test_registered_checksums_match_the_files(shared_data: Path) -> None:
    for ds in DOCUMENTS:
        assert sha256_of(shared_data / ds.relative_path) == ds.sha256, ds.name
        assert ds.url.startswith("https://")


def test_up_step_ingests_the_shared_documents_once(
    shared_data: Path, database: Database, settings: Settings
) -> None:
    settings = load_settings(data_dir=settings.data_dir, mirror=shared_data)
    summary = ingest_shared_documents(settings, database)
    assert summary.startswith("5 new, 0 already stored; 5 documents")
    again = ingest_shared_documents(settings, database)
    assert again.startswith("0 new, 5 already stored; 5 documents")
    with database.session() as s:
        docs = {d.title: d for d in s.scalars(select(Document))}
        assert s.scalar(select(func.count()).select_from(Excerpt)) > 50
        gcr2p = next(d for t, d in docs.items() if t.startswith("The UN Secretary-General's Call"))
        assert str(gcr2p.published) == "2020-02-24"
        countries = {c for e in gcr2p.excerpts for c in e.countries}
        assert {"SYR", "CHN", "MMR"} <= countries
        ban = next(d for t, d in docs.items() if t.startswith("Brussels"))
        assert {"RWA", "BIH", "SSD", "LKA"} <= {c for e in ban.excerpts for c in e.countries}
        items = s.scalars(select(EvidenceItem).where(EvidenceItem.source == "framework-document"))
        digests = {i.sha256 for i in items}
    assert digests == {ds.sha256 for ds in DOCUMENTS}  # the original bytes, byte for byte
    with database.session() as s:
        assert locker.verify(s, locker.default_root(settings.data_dir)) == []
