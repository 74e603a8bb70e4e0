"""speech corrections: analysts' corrections of the model, kept as training data;
the cues that fired on each post

Revision ID: 0030_speech_corrections
Revises: 0003_speech
Create Date: 2026-11-29 16:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0030_speech_corrections"
down_revision: str | Sequence[str] | None = "0003_speech"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("speech_posts") as batch:
        batch.add_column(sa.Column("cues", JSON, nullable=False, server_default="[]"))
    op.create_table(
        "speech_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("label", sa.String(20), nullable=False),
        sa.Column("category", sa.String(30), nullable=False),
        sa.Column("target", sa.String(40), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("previous", JSON, nullable=False),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["post_id"], ["speech_posts.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_speech_corrections_post_id", "speech_corrections", ["post_id"])


def downgrade() -> None:
    op.drop_index("ix_speech_corrections_post_id", table_name="speech_corrections")
    op.drop_table("speech_corrections")
    with op.batch_alter_table("speech_posts") as batch:
        batch.drop_column("cues")
