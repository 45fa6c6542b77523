"""document text: the paragraphs and cells of papers no layout claimed, and their two views

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 00:25:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jarap.db.views import drop_views, replace_views

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_text",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("paper_id", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("block", sa.String(length=200), nullable=False),
        sa.Column("table_no", sa.Integer(), nullable=True),
        sa.Column("row_no", sa.Integer(), nullable=True),
        sa.Column("col_no", sa.Integer(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["paper_id"],
            ["papers.paper_id"],
            name=op.f("fk_document_text_paper_id_papers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_text")),
    )
    with op.batch_alter_table("document_text", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_text_paper_id"), ["paper_id"], unique=False)
    replace_views(op.get_bind())  # adds v_document_paragraphs and v_document_cells


def downgrade() -> None:
    drop_views(op.get_bind())
    with op.batch_alter_table("document_text", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_text_paper_id"))
    op.drop_table("document_text")
    replace_views(op.get_bind())
