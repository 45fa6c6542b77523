"""histories: what each recommendation's history means (one rule, `db.history`, for the
export, the views and `jarap check`); papers.twin_of / twin_problems: the same paper held
in two files is one paper with two sources

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jarap.db.views import drop_views, replace_views

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    drop_views(bind)  # SQLite's batch mode recreates `papers`: no view may point at it
    with op.batch_alter_table("papers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("twin_of", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("twin_problems", sa.JSON(), nullable=True))
        batch_op.create_index(batch_op.f("ix_papers_twin_of"), ["twin_of"], unique=False)
    op.create_table(
        "histories",
        sa.Column("recommendation_id", sa.String(length=40), nullable=False),
        sa.Column("original_target_raw", sa.Text(), nullable=True),
        sa.Column("original_target", sa.Date(), nullable=True),
        sa.Column("original_target_precision", sa.String(length=10), nullable=True),
        sa.Column("latest_target_raw", sa.Text(), nullable=True),
        sa.Column("latest_target", sa.Date(), nullable=True),
        sa.Column("latest_target_precision", sa.String(length=10), nullable=True),
        sa.Column("revisions", sa.Integer(), nullable=False),
        sa.Column("slippage_days", sa.Integer(), nullable=True),
        sa.Column("latest_status", sa.String(length=20), nullable=False),
        sa.Column("closed_by", sa.Date(), nullable=True),
        sa.Column("vanished_from", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("recommendation_id", name=op.f("pk_histories")),
    )
    # the next link run fills `histories` (the stored digest no longer matches: a full run)
    bind.execute(sa.text("DELETE FROM link_state"))
    replace_views(bind)  # v_latest_state and v_slippage read `histories`


def downgrade() -> None:
    bind = op.get_bind()
    drop_views(bind)
    op.drop_table("histories")
    with op.batch_alter_table("papers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_papers_twin_of"))
        batch_op.drop_column("twin_problems")
        batch_op.drop_column("twin_of")
    replace_views(bind)
