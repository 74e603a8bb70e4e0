"""security: sealed reporter text, append-only custody log, session versions, login backoff

Revision ID: 0010_security
Revises: 0006_intake
Create Date: 2026-11-29 16:20:00

- ``intake_submissions.report_sealed``: everything a reporter wrote, sealed to the
  organisation's key (the clear columns stay for old rows and are left empty for new
  ones); ``admin1``: the first-level unit resolved from reference data, if any.
- ``intake_messages.org_sealed``: a message sealed to the organisation's key (reporter
  messages and analysts' replies alike, so colleagues holding the key can read both).
- Triggers refuse UPDATE and DELETE on ``custody_log`` (SQLite and PostgreSQL).
- ``users.session_version`` (bumped on logout, password and role change) and the
  failed-login counters behind the login backoff.
- ``intake_notes.purged_at``: a note's text can be purged; the audit log keeps its hash.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_security"
down_revision: str | Sequence[str] | None = "0006_intake"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MESSAGE = "custody_log is append-only: entries cannot be changed or deleted"

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER custody_log_no_update BEFORE UPDATE ON custody_log
    BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END""",
    f"""CREATE TRIGGER custody_log_no_delete BEFORE DELETE ON custody_log
    BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END""",
]

POSTGRES_TRIGGERS = [
    f"""CREATE FUNCTION custody_log_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION '{_MESSAGE}'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER custody_log_append_only BEFORE UPDATE OR DELETE ON custody_log
    FOR EACH ROW EXECUTE FUNCTION custody_log_append_only()""",
    """CREATE TRIGGER custody_log_no_truncate BEFORE TRUNCATE ON custody_log
    FOR EACH STATEMENT EXECUTE FUNCTION custody_log_append_only()""",
]


def upgrade() -> None:
    with op.batch_alter_table("intake_submissions") as batch:
        batch.add_column(sa.Column("report_sealed", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("admin1", sa.String(length=120), nullable=True))
    with op.batch_alter_table("intake_messages") as batch:
        batch.add_column(sa.Column("org_sealed", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("intake_notes") as batch:
        batch.add_column(sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("session_version", sa.Integer(), nullable=False, server_default="1")
        )
        batch.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=True))
    dialect = op.get_bind().dialect.name
    for statement in {"postgresql": POSTGRES_TRIGGERS, "sqlite": SQLITE_TRIGGERS}.get(dialect, []):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS custody_log_no_truncate ON custody_log")
        op.execute("DROP TRIGGER IF EXISTS custody_log_append_only ON custody_log")
        op.execute("DROP FUNCTION IF EXISTS custody_log_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS custody_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS custody_log_no_delete")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("last_failed_at")
        batch.drop_column("failed_logins")
        batch.drop_column("session_version")
    with op.batch_alter_table("intake_notes") as batch:
        batch.drop_column("purged_at")
    with op.batch_alter_table("intake_messages") as batch:
        batch.drop_column("org_sealed")
    with op.batch_alter_table("intake_submissions") as batch:
        batch.drop_column("admin1")
        batch.drop_column("report_sealed")
