"""framework: taxonomy versions, documents, sources, excerpts, tags, suggestions,
feeds, assessments, and the full-text index (SQLite FTS5 / PostgreSQL tsvector GIN)

Revision ID: 0002_framework
Revises: 0001_foundation
Create Date: 2026-11-22 23:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from tocsin.store.models.types import JSONType

revision: str = "0002_framework"
down_revision: str | Sequence[str] | None = "0001_foundation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TZ = sa.DateTime(timezone=True)


def _fts_sqlite() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE framework_excerpts_fts USING fts5("
        "text, content='framework_excerpts', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER framework_excerpts_ai AFTER INSERT ON framework_excerpts BEGIN "
        "INSERT INTO framework_excerpts_fts(rowid, text) VALUES (new.id, new.text); END"
    )
    op.execute(
        "CREATE TRIGGER framework_excerpts_ad AFTER DELETE ON framework_excerpts BEGIN "
        "INSERT INTO framework_excerpts_fts(framework_excerpts_fts, rowid, text) "
        "VALUES ('delete', old.id, old.text); END"
    )
    op.execute(
        "CREATE TRIGGER framework_excerpts_au AFTER UPDATE ON framework_excerpts BEGIN "
        "INSERT INTO framework_excerpts_fts(framework_excerpts_fts, rowid, text) "
        "VALUES ('delete', old.id, old.text); "
        "INSERT INTO framework_excerpts_fts(rowid, text) VALUES (new.id, new.text); END"
    )


def upgrade() -> None:
    op.create_table(
        "framework_taxonomies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("document", JSONType, nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("imported_by", sa.String(80), nullable=False),
        sa.Column("imported_at", _TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_framework_taxonomies")),
        sa.UniqueConstraint("name", "version", name=op.f("uq_framework_taxonomies_name")),
    )
    op.create_table(
        "framework_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("url", sa.String(2000), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("language", sa.String(8), nullable=True),
        sa.Column("media_type", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("minhash", JSONType, nullable=False),
        sa.Column("ingested_by", sa.String(80), nullable=False),
        sa.Column("ingested_at", _TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_framework_documents")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_framework_documents_content_hash")),
    )
    op.create_index(
        op.f("ix_framework_documents_source"), "framework_documents", ["source"], unique=False
    )
    op.create_table(
        "framework_document_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(10), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("location", sa.String(2000), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=True),
        sa.Column("seen_at", _TZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["framework_documents.id"],
            name=op.f("fk_framework_document_sources_document_id_framework_documents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_framework_document_sources")),
        sa.UniqueConstraint(
            "document_id",
            "content_hash",
            "location",
            name=op.f("uq_framework_document_sources_document_id"),
        ),
    )
    op.create_index(
        op.f("ix_framework_document_sources_document_id"),
        "framework_document_sources",
        ["document_id"],
        unique=False,
    )
    op.create_table(
        "framework_excerpts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(24), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(8), nullable=True),
        sa.Column("countries", JSONType, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["framework_documents.id"],
            name=op.f("fk_framework_excerpts_document_id_framework_documents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_framework_excerpts")),
        sa.UniqueConstraint("key", name=op.f("uq_framework_excerpts_key")),
        sa.UniqueConstraint(
            "document_id", "position", name=op.f("uq_framework_excerpts_document_id")
        ),
    )
    op.create_table(
        "framework_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("excerpt_id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(20), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("country_code", sa.String(8), nullable=True),
        sa.Column("observed_on", sa.Date(), nullable=True),
        sa.Column("confidence", sa.String(10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("created_by", sa.String(80), nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
        sa.Column("updated_at", _TZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["excerpt_id"],
            ["framework_excerpts.id"],
            name=op.f("fk_framework_tags_excerpt_id_framework_excerpts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_framework_tags")),
        sa.UniqueConstraint("excerpt_id", "indicator", name=op.f("uq_framework_tags_excerpt_id")),
    )
    op.create_index(
        op.f("ix_framework_tags_excerpt_id"), "framework_tags", ["excerpt_id"], unique=False
    )
    op.create_index(
        "ix_framework_tags_indicator_country",
        "framework_tags",
        ["indicator", "country_code"],
        unique=False,
    )
    op.create_table(
        "framework_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("excerpt_id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(20), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("tagger", sa.String(40), nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["excerpt_id"],
            ["framework_excerpts.id"],
            name=op.f("fk_framework_suggestions_excerpt_id_framework_excerpts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_framework_suggestions")),
        sa.UniqueConstraint(
            "excerpt_id", "indicator", name=op.f("uq_framework_suggestions_excerpt_id")
        ),
    )
    op.create_index(
        op.f("ix_framework_suggestions_excerpt_id"),
        "framework_suggestions",
        ["excerpt_id"],
        unique=False,
    )
    op.create_table(
        "framework_feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("interval_minutes", sa.Integer(), nullable=False),
        sa.Column("etag", sa.String(300), nullable=True),
        sa.Column("modified", sa.String(100), nullable=True),
        sa.Column("last_polled_at", _TZ, nullable=True),
        sa.Column("last_status", sa.String(20), nullable=False),
        sa.Column("last_message", sa.Text(), nullable=False),
        sa.Column("added_by", sa.String(80), nullable=False),
        sa.Column("added_at", _TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_framework_feeds")),
        sa.UniqueConstraint("url", name=op.f("uq_framework_feeds_url")),
    )
    op.create_table(
        "framework_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(8), nullable=False),
        sa.Column("factor", sa.String(20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(12), nullable=False),
        sa.Column("confidence", sa.String(10), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("evidence", JSONType, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_by", sa.String(80), nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
        sa.Column("published_at", _TZ, nullable=True),
        sa.Column("published_by", sa.String(80), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_framework_assessments")),
        sa.UniqueConstraint(
            "country_code",
            "factor",
            "version",
            name=op.f("uq_framework_assessments_country_code"),
        ),
    )
    op.create_index(
        "ix_framework_assessments_country",
        "framework_assessments",
        ["country_code", "factor"],
        unique=False,
    )
    if op.get_bind().dialect.name == "sqlite":
        _fts_sqlite()
    else:
        op.execute(
            "CREATE INDEX ix_framework_excerpts_fts ON framework_excerpts "
            "USING gin (to_tsvector('english', text))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS framework_excerpts_{trigger}")
        op.execute("DROP TABLE IF EXISTS framework_excerpts_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_framework_excerpts_fts")
    for table in (
        "framework_assessments",
        "framework_feeds",
        "framework_suggestions",
        "framework_tags",
        "framework_excerpts",
        "framework_document_sources",
        "framework_documents",
        "framework_taxonomies",
    ):
        op.drop_table(table)
