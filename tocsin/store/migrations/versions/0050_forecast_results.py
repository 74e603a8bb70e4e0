"""forecast results: 80 % intervals on forecasts; every backtest forecast stored

Revision ID: 0050_forecast_results
Revises: 0001_foundation
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0050_forecast_results"
down_revision: str | Sequence[str] | None = "0001_foundation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INTERVAL_COLUMNS = (
    ("risk_2yr_low", sa.Float()),
    ("risk_2yr_high", sa.Float()),
    ("rank_2yr_low", sa.Integer()),
    ("rank_2yr_high", sa.Integer()),
)


def upgrade() -> None:
    with op.batch_alter_table("forecasts", schema=None) as batch_op:
        for name, kind in INTERVAL_COLUMNS:
            batch_op.add_column(sa.Column(name, kind, nullable=True))
    op.create_table(
        "backtest_forecasts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=80), nullable=False),
        sa.Column("base_year", sa.Integer(), nullable=False),
        sa.Column("risk", sa.Float(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("onset_next_year", sa.Float(), nullable=True),
        sa.Column("onset_within_2", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["backtest_runs.id"],
            name=op.f("fk_backtest_forecasts_run_id_backtest_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_backtest_forecasts")),
    )
    with op.batch_alter_table("backtest_forecasts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_backtest_forecasts_run_id"), ["run_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("backtest_forecasts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_backtest_forecasts_run_id"))
    op.drop_table("backtest_forecasts")
    with op.batch_alter_table("forecasts", schema=None) as batch_op:
        for name, _ in reversed(INTERVAL_COLUMNS):
            batch_op.drop_column(name)
