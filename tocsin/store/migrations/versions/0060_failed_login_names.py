"""failed logins of usernames without an account, shared by every server process

Revision ID: 0060_failed_login_names
Revises: 0010_security
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0060_failed_login_names"
down_revision: str | Sequence[str] | None = "0010_security"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "failed_login_names",
        sa.Column("name_hash", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name_hash"),
    )
    op.create_index(
        "ix_failed_login_names_last_failed_at", "failed_login_names", ["last_failed_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_failed_login_names_last_failed_at", table_name="failed_login_names")
    op.drop_table("failed_login_names")
