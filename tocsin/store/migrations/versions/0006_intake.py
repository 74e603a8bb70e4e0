"""intake: submissions, attachments, messages, notes, links; evidence locker and custody log

Revision ID: 0006_intake
Revises: 0001_foundation
Create Date: 2026-11-22 23:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

revision: str = "0006_intake"
down_revision: str | Sequence[str] | None = "0001_foundation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS = "0" * 64


def upgrade() -> None:
    op.create_table(
        "custody_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_head")),
    )
    op.create_table(
        "evidence_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=120), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.Column("sealed", sa.Boolean(), nullable=False),
        sa.Column(
            "details",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_by", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_items")),
        sa.UniqueConstraint("sha256", name=op.f("uq_evidence_items_sha256")),
    )
    op.create_table(
        "custody_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("event", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("case", sa.String(length=120), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["evidence_items.id"], name=op.f("fk_custody_log_item_id_evidence_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_log")),
        sa.UniqueConstraint("entry_hash", name=op.f("uq_custody_log_entry_hash")),
        sa.UniqueConstraint("seq", name=op.f("uq_custody_log_seq")),
    )
    op.create_index(op.f("ix_custody_log_case"), "custody_log", ["case"], unique=False)
    op.create_index(op.f("ix_custody_log_item_id"), "custody_log", ["item_id"], unique=False)
    op.create_table(
        "evidence_case_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case", sa.String(length=120), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["evidence_items.id"],
            name=op.f("fk_evidence_case_items_item_id_evidence_items"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_case_items")),
        sa.UniqueConstraint("case", "item_id", name=op.f("uq_evidence_case_items_case")),
    )
    op.create_index(
        op.f("ix_evidence_case_items_case"), "evidence_case_items", ["case"], unique=False
    )
    op.create_index(
        op.f("ix_evidence_case_items_item_id"), "evidence_case_items", ["item_id"], unique=False
    )
    op.create_table(
        "intake_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=16), nullable=False),
        sa.Column("received_hour", sa.DateTime(timezone=True), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("country_id", sa.Integer(), nullable=True),
        sa.Column("country_text", sa.String(length=120), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("when_text", sa.String(length=120), nullable=False),
        sa.Column("when_date", sa.Date(), nullable=True),
        sa.Column("affected", sa.Text(), nullable=False),
        sa.Column("responsible", sa.Text(), nullable=False),
        sa.Column("how_known", sa.String(length=10), nullable=False),
        sa.Column("contact_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("receipt_lookup", sa.String(length=64), nullable=False),
        sa.Column("reporter_key", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("assigned_to", sa.String(length=80), nullable=True),
        sa.Column("duplicate_of", sa.Integer(), nullable=True),
        sa.Column(
            "checklist",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_id"],
            ["countries.id"],
            name=op.f("fk_intake_submissions_country_id_countries"),
        ),
        sa.ForeignKeyConstraint(
            ["duplicate_of"],
            ["intake_submissions.id"],
            name=op.f("fk_intake_submissions_duplicate_of_intake_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_submissions")),
        sa.UniqueConstraint("receipt_lookup", name=op.f("uq_intake_submissions_receipt_lookup")),
        sa.UniqueConstraint("ref", name=op.f("uq_intake_submissions_ref")),
    )
    op.create_index(
        op.f("ix_intake_submissions_country_id"), "intake_submissions", ["country_id"], unique=False
    )
    op.create_index(
        op.f("ix_intake_submissions_received_hour"),
        "intake_submissions",
        ["received_hour"],
        unique=False,
    )
    op.create_index(
        op.f("ix_intake_submissions_status"), "intake_submissions", ["status"], unique=False
    )
    op.create_table(
        "intake_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("media_type", sa.String(length=120), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("original_item_id", sa.Integer(), nullable=False),
        sa.Column("working_item_id", sa.Integer(), nullable=True),
        sa.Column("filename_sealed", sa.LargeBinary(), nullable=False),
        sa.Column(
            "stripped",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["original_item_id"],
            ["evidence_items.id"],
            name=op.f("fk_intake_attachments_original_item_id_evidence_items"),
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["intake_submissions.id"],
            name=op.f("fk_intake_attachments_submission_id_intake_submissions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["working_item_id"],
            ["evidence_items.id"],
            name=op.f("fk_intake_attachments_working_item_id_evidence_items"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_attachments")),
    )
    op.create_index(
        op.f("ix_intake_attachments_submission_id"),
        "intake_attachments",
        ["submission_id"],
        unique=False,
    )
    op.create_table(
        "intake_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("ref", sa.String(length=120), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("author", sa.String(length=80), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["intake_submissions.id"],
            name=op.f("fk_intake_links_submission_id_intake_submissions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_links")),
    )
    op.create_index(
        op.f("ix_intake_links_submission_id"), "intake_links", ["submission_id"], unique=False
    )
    op.create_table(
        "intake_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=16), nullable=False),
        sa.Column("author", sa.String(length=80), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("body_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("at_hour", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["intake_submissions.id"],
            name=op.f("fk_intake_messages_submission_id_intake_submissions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_messages")),
    )
    op.create_index(
        op.f("ix_intake_messages_submission_id"), "intake_messages", ["submission_id"], unique=False
    )
    op.create_table(
        "intake_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=80), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["intake_submissions.id"],
            name=op.f("fk_intake_notes_submission_id_intake_submissions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_notes")),
    )
    op.create_index(
        op.f("ix_intake_notes_submission_id"), "intake_notes", ["submission_id"], unique=False
    )
    head = sa.table(
        "custody_head",
        sa.column("id", sa.Integer),
        sa.column("seq", sa.Integer),
        sa.column("entry_hash", sa.String),
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "entry_hash": GENESIS}])


def downgrade() -> None:
    op.drop_index(op.f("ix_intake_notes_submission_id"), table_name="intake_notes")
    op.drop_table("intake_notes")
    op.drop_index(op.f("ix_intake_messages_submission_id"), table_name="intake_messages")
    op.drop_table("intake_messages")
    op.drop_index(op.f("ix_intake_links_submission_id"), table_name="intake_links")
    op.drop_table("intake_links")
    op.drop_index(op.f("ix_intake_attachments_submission_id"), table_name="intake_attachments")
    op.drop_table("intake_attachments")
    op.drop_index(op.f("ix_intake_submissions_status"), table_name="intake_submissions")
    op.drop_index(op.f("ix_intake_submissions_received_hour"), table_name="intake_submissions")
    op.drop_index(op.f("ix_intake_submissions_country_id"), table_name="intake_submissions")
    op.drop_table("intake_submissions")
    op.drop_index(op.f("ix_evidence_case_items_item_id"), table_name="evidence_case_items")
    op.drop_index(op.f("ix_evidence_case_items_case"), table_name="evidence_case_items")
    op.drop_table("evidence_case_items")
    op.drop_index(op.f("ix_custody_log_item_id"), table_name="custody_log")
    op.drop_index(op.f("ix_custody_log_case"), table_name="custody_log")
    op.drop_table("custody_log")
    op.drop_table("evidence_items")
    op.drop_table("custody_head")
