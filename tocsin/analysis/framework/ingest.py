"""Store documents: deduplicate, split into excerpts, detect language and countries,
and compute suggestions for the new excerpts. Each item is its own transaction, so a
batch carries on past a bad file and never loses what is already stored."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from tocsin.analysis.framework import dedup, excerpts, suggest
from tocsin.analysis.framework.extract import (
    SUFFIX_TYPES,
    Extracted,
    ExtractError,
    extract_file,
    fetch_url,
)
from tocsin.reference.countries import lookup
from tocsin.store import audit, locker
from tocsin.store.db import Database
from tocsin.store.models import Document, DocumentSource, Excerpt

Depositor = Callable[[Session, Extracted, Document], None]
MEDIA_TYPES = {
    "text": "text/plain",
    "markdown": "text/markdown",
    "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def locker_depositor(root: Path, actor: str) -> Depositor:
    """A depositor that keeps each ingested file's original bytes in the evidence locker
    (content-addressed, with a ``received`` custody event)."""

    def deposit(session: Session, item: Extracted, doc: Document) -> None:
        locker.deposit(
            session,
            root,
            item.raw,
            actor=actor,
            source="framework-document",
            filename=(item.location.rsplit("/", 1)[-1] or item.location)[:300],
            media_type=MEDIA_TYPES.get(item.media_type, "application/octet-stream"),
            note=f"document {doc.id}: {item.location}"[:1000],
            details={"document_id": doc.id, "location": item.location},
        )

    return deposit


@dataclass(frozen=True)
class ItemReport:
    """What happened to one item: ``new``, ``exact`` or ``near`` duplicate, or ``refused``."""

    location: str
    status: str
    document_id: int | None = None
    excerpts: int = 0
    message: str = ""


def store_extracted(
    session: Session,
    item: Extracted,
    source: str,
    actor: str,
    published: date | None = None,
    depositor: Depositor | None = None,
    country: str | None = None,
) -> ItemReport:
    """Store one extracted item, or link it to the document it duplicates. Excerpts that
    name no country inherit the document's ``country`` (a name or code the country
    reference knows; an unknown one is an error); the document's date is ``published``,
    else the date the item carries."""
    inherited = [lookup(country).code] if country else []
    digest = dedup.content_hash(item.text)
    sketch = dedup.signature(item.text)
    match = dedup.find_duplicate(session, digest, sketch)
    if match is not None:
        doc = match.document
        known = any(s.content_hash == digest and s.location == item.location for s in doc.sources)
        if not known:
            session.add(
                DocumentSource(
                    document_id=doc.id,
                    relation=match.relation,
                    content_hash=digest,
                    location=item.location,
                    title=item.title,
                    similarity=match.similarity,
                )
            )
            if depositor is not None:
                depositor(session, item, doc)
            audit.record(
                session,
                actor,
                "link-duplicate",
                "document",
                doc.id,
                after={
                    "location": item.location,
                    "relation": match.relation,
                    "similarity": round(match.similarity, 3),
                },
            )
        how = "same text" if match.relation == "exact" else f"similarity {match.similarity:.2f}"
        return ItemReport(
            item.location, match.relation, doc.id, 0, f"duplicate of document {doc.id} ({how})"
        )
    is_url = item.location.startswith(("http://", "https://"))
    doc = Document(
        content_hash=digest,
        title=item.title,
        source=source[:200],
        url=item.location if is_url else None,
        published=published or item.published,
        language=excerpts.detect_language(item.text),
        media_type=item.media_type,
        text=item.text,
        minhash=sketch,
        ingested_by=actor,
    )
    session.add(doc)
    session.flush()
    session.add(
        DocumentSource(
            document_id=doc.id,
            relation="original",
            content_hash=digest,
            location=item.location,
            title=item.title,
            similarity=None,
        )
    )
    paragraphs = excerpts.split_paragraphs(item.text, digest)
    for para in paragraphs:
        session.add(
            Excerpt(
                key=para.key,
                document_id=doc.id,
                position=para.position,
                text=para.text,
                language=excerpts.detect_language(para.text),
                countries=excerpts.detect_countries(para.text) or inherited,
            )
        )
    session.flush()
    if depositor is not None:
        depositor(session, item, doc)
    audit.record(
        session,
        actor,
        "ingest",
        "document",
        doc.id,
        after={
            "title": doc.title,
            "source": doc.source,
            "location": item.location,
            "sha256": digest,
            "published": doc.published.isoformat() if doc.published else None,
            "country": inherited[0] if inherited else None,
            "excerpts": len(paragraphs),
        },
    )
    suggest.refresh_suggestions(session, [e.id for e in doc.excerpts])
    return ItemReport(item.location, "new", doc.id, len(paragraphs), f"{len(paragraphs)} excerpts")


def expand_paths(items: Iterable[str]) -> list[str]:
    """Files, URLs and the supported files inside folders (recursively, sorted)."""
    out: list[str] = []
    for item in items:
        path = Path(item)
        if not item.startswith(("http://", "https://")) and path.is_dir():
            out.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in SUFFIX_TYPES and not p.name.startswith(".")
            )
        else:
            out.append(item)
    return out


def ingest_items(
    db: Database,
    items: list[str],
    actor: str,
    source: str | None = None,
    on_item: Callable[[ItemReport], None] | None = None,
    depositor: Depositor | None = None,
    country: str | None = None,
    published: date | None = None,
) -> list[ItemReport]:
    """Ingest files and URLs one by one; a refused item is reported and the batch goes on.
    ``source``, ``country`` and ``published`` apply to every item (see
    :func:`store_extracted`); an unknown country stops before anything is read."""
    if country:
        country = lookup(country).code
    reports = []
    for item in items:
        try:
            extracted = (
                fetch_url(item)
                if item.startswith(("http://", "https://"))
                else extract_file(Path(item))
            )
            origin = source or (
                item.split("/")[2] if item.startswith("http") else Path(item).parent.name or "file"
            )
            with db.session() as session:
                report = store_extracted(
                    session, extracted, origin, actor, published, depositor, country
                )
        except ExtractError as exc:
            report = ItemReport(item, "refused", message=str(exc))
        reports.append(report)
        if on_item is not None:
            on_item(report)
    return reports
