"""speech: posts, import batches, lexicon, Rabat worksheets

Revision ID: 0003_speech
Revises: 0001_foundation
Create Date: 2026-11-22 23:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003_speech"
down_revision: str | Sequence[str] | None = "0001_foundation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "speech_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(300), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("importer", sa.String(40), nullable=False),
        sa.Column("posts", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("locker_ref", sa.String(200), nullable=True),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.Column("imported_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speech_imports")),
    )
    op.create_index("ix_speech_imports_sha256", "speech_imports", ["sha256"])
    op.create_table(
        "speech_posts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("source_id", sa.String(120), nullable=False),
        sa.Column("channel", sa.String(200), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("posted_at", TS, nullable=False),
        sa.Column("country_id", sa.Integer(), nullable=True),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("followers", sa.Integer(), nullable=True),
        sa.Column("views", sa.Integer(), nullable=True),
        sa.Column("shares", sa.Integer(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("label", sa.String(20), nullable=False),
        sa.Column("category", sa.String(30), nullable=False),
        sa.Column("target", sa.String(40), nullable=False),
        sa.Column("lexicon_terms", JSON, nullable=False),
        sa.Column("model", sa.String(80), nullable=False),
        sa.Column("imported_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["speech_imports.id"],
            name=op.f("fk_speech_posts_import_id_speech_imports"),
        ),
        sa.ForeignKeyConstraint(
            ["country_id"], ["countries.id"], name=op.f("fk_speech_posts_country_id_countries")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speech_posts")),
        sa.UniqueConstraint("source", "channel", "source_id", name=op.f("uq_speech_posts_source")),
    )
    op.create_index("ix_speech_posts_country_time", "speech_posts", ["country_id", "posted_at"])
    op.create_index("ix_speech_posts_author", "speech_posts", ["author"])
    op.create_index("ix_speech_posts_label", "speech_posts", ["label"])
    op.create_table(
        "speech_lexicon",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(200), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("country", sa.String(8), nullable=False),
        sa.Column("meaning", sa.Text(), nullable=False),
        sa.Column("target", sa.String(40), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("category", sa.String(30), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("added_by", sa.String(80), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speech_lexicon")),
        sa.UniqueConstraint("term", "country", name=op.f("uq_speech_lexicon_term")),
    )
    op.create_table(
        "rabat_worksheets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("country_id", sa.Integer(), nullable=True),
        sa.Column("analyst", sa.String(80), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("factors", JSON, nullable=False),
        sa.Column("prefill", JSON, nullable=False),
        sa.Column("conclusion", sa.String(40), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"], ["speech_posts.id"], name=op.f("fk_rabat_worksheets_post_id_speech_posts")
        ),
        sa.ForeignKeyConstraint(
            ["country_id"], ["countries.id"], name=op.f("fk_rabat_worksheets_country_id_countries")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rabat_worksheets")),
    )
    op.create_index("ix_rabat_worksheets_post_id", "rabat_worksheets", ["post_id"])
    op.create_index("ix_rabat_worksheets_country_id", "rabat_worksheets", ["country_id"])


def downgrade() -> None:
    op.drop_table("rabat_worksheets")
    op.drop_table("speech_lexicon")
    op.drop_table("speech_posts")
    op.drop_table("speech_imports")
