"""yearly deaths: country-year deaths by kind from UCDP's yearly datasets

Revision ID: 0007_yearly_deaths
Revises: 0005_notifications
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_yearly_deaths"
down_revision: str | Sequence[str] | None = "0005_notifications"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "yearly_deaths",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=60), nullable=False),
        sa.Column("country_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("best", sa.Float(), nullable=False),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["country_id"], ["countries.id"], name=op.f("fk_yearly_deaths_country_id_countries")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_yearly_deaths")),
        sa.UniqueConstraint(
            "source",
            "country_id",
            "year",
            "kind",
            name=op.f("uq_yearly_deaths_source"),
        ),
    )
    with op.batch_alter_table("yearly_deaths", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_yearly_deaths_country_id"), ["country_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("yearly_deaths", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_yearly_deaths_country_id"))
    op.drop_table("yearly_deaths")
