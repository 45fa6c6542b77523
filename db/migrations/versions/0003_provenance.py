"""provenance: where every extracted value was read (page, block locator, source text)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 23:53:49

Rows stored before this revision have no locator (`block` is ''); the extractor version was
bumped with it, so `jarap ingest` re-extracts those papers and fills them in.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jarap.db.views import drop_views, replace_views

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _block() -> sa.Column:
    return sa.Column("block", sa.String(length=200), nullable=False, server_default="")


def upgrade() -> None:
    drop_views(op.get_bind())  # SQLite's batch mode rebuilds the tables the views read
    op.create_table(
        "provenance",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("recommendation_pk", sa.Integer(), nullable=True),
        sa.Column("action_pk", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("block", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_pk"],
            ["actions.id"],
            name=op.f("fk_provenance_action_pk_actions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_pk"],
            ["recommendations.id"],
            name=op.f("fk_provenance_recommendation_pk_recommendations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provenance")),
    )
    with op.batch_alter_table("provenance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_provenance_action_pk"), ["action_pk"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_provenance_recommendation_pk"), ["recommendation_pk"], unique=False
        )
    for table in ("action_updates", "owners", "target_revisions"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("page", sa.Integer(), nullable=True))
            batch_op.add_column(_block())
    with op.batch_alter_table("owners", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_text", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("updates", schema=None) as batch_op:
        batch_op.add_column(_block())
    replace_views(op.get_bind())


def downgrade() -> None:
    drop_views(op.get_bind())
    with op.batch_alter_table("updates", schema=None) as batch_op:
        batch_op.drop_column("block")
    with op.batch_alter_table("owners", schema=None) as batch_op:
        batch_op.drop_column("source_text")
    for table in ("target_revisions", "owners", "action_updates"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("block")
            batch_op.drop_column("page")
    with op.batch_alter_table("provenance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_provenance_recommendation_pk"))
        batch_op.drop_index(batch_op.f("ix_provenance_action_pk"))
    op.drop_table("provenance")
    replace_views(op.get_bind())
