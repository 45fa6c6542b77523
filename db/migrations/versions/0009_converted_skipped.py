"""converted_by and skipped_files: what converted a paper before it was read (LibreOffice
for a .doc), and the files a folder walk found but could not read, for `jarap status`

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jarap.db.views import drop_views, replace_views

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    drop_views(bind)  # SQLite's batch mode recreates `papers`: no view may point at it
    with op.batch_alter_table("papers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("converted_by", sa.Text(), nullable=True))
    op.create_table(
        "skipped_files",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source_path", sa.Text(), nullable=False),
        sa.Column("extension", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skipped_files")),
    )
    with op.batch_alter_table("skipped_files", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_skipped_files_source_path"), ["source_path"], unique=False
        )
    replace_views(bind)


def downgrade() -> None:
    bind = op.get_bind()
    drop_views(bind)
    with op.batch_alter_table("skipped_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_skipped_files_source_path"))
    op.drop_table("skipped_files")
    with op.batch_alter_table("papers", schema=None) as batch_op:
        batch_op.drop_column("converted_by")
    replace_views(bind)
