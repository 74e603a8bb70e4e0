"""reports: generated country and annual reports, versioned

Revision ID: 0040_reports
Revises: 0002_framework
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from tocsin.store.models.types import JSONType

revision: str = "0040_reports"
down_revision: str | Sequence[str] | None = "0002_framework"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=20), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("fmt", sa.String(length=8), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("model_version", sa.String(length=80), nullable=False),
        sa.Column("data_checksums", JSONType, nullable=False),
        sa.Column("facts", JSONType, nullable=False),
        sa.Column("path", sa.String(length=1000), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
        sa.UniqueConstraint(
            "kind", "subject", "lang", "fmt", "version", name=op.f("uq_reports_kind")
        ),
    )
    op.create_index(op.f("ix_reports_kind"), "reports", ["kind"], unique=False)
    op.create_index(op.f("ix_reports_subject"), "reports", ["subject"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_reports_subject"), table_name="reports")
    op.drop_index(op.f("ix_reports_kind"), table_name="reports")
    op.drop_table("reports")
