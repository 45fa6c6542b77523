"""audit status: the rows of other panels' audit-status tables (audits.jsonl)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 00:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_status",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("paper_id", sa.String(length=16), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("published_raw", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_precision", sa.String(length=10), nullable=True),
        sa.Column("follow_up_raw", sa.Text(), nullable=True),
        sa.Column("follow_up", sa.Date(), nullable=True),
        sa.Column("follow_up_precision", sa.String(length=10), nullable=True),
        sa.Column("lead", sa.Text(), nullable=True),
        sa.Column("governance", sa.Text(), nullable=True),
        sa.Column("assurance", sa.Text(), nullable=True),
        sa.Column("on_track", sa.String(length=40), nullable=True),
        sa.Column("update_text", sa.Text(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("block", sa.String(length=200), nullable=False),
        sa.Column("source", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["paper_id"],
            ["papers.paper_id"],
            name=op.f("fk_audit_status_paper_id_papers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_status")),
    )
    with op.batch_alter_table("audit_status", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_status_paper_id"), ["paper_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("audit_status", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_status_paper_id"))
    op.drop_table("audit_status")
