"""alert episodes: linked alerts, peaks, replayed history, categories; monthly history
entries; delivery reasons; the publisher's country code on yearly deaths

Revision ID: 0020_alert_episodes
Revises: 0007_yearly_deaths
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_alert_episodes"
down_revision: str | Sequence[str] | None = "0007_yearly_deaths"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("previous_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("peak", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("last_active", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("replayed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("category", sa.String(length=20), nullable=False, server_default="atrocity")
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_alerts_previous_id_alerts"),
            "alerts",
            ["previous_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("alert_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("month", sa.Date(), nullable=True))
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.String(length=20), nullable=True))
    with op.batch_alter_table("yearly_deaths", schema=None) as batch_op:
        batch_op.add_column(sa.Column("gwno", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("yearly_deaths", schema=None) as batch_op:
        batch_op.drop_column("gwno")
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_column("reason")
    with op.batch_alter_table("alert_events", schema=None) as batch_op:
        batch_op.drop_column("month")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_alerts_previous_id_alerts"), type_="foreignkey")
        batch_op.drop_column("category")
        batch_op.drop_column("replayed")
        batch_op.drop_column("last_active")
        batch_op.drop_column("peak")
        batch_op.drop_column("previous_id")
