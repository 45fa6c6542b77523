"""reconciliation: every declared figure against its extracted count, and the cover-table
checks, kept per paper for `jarap check`

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 01:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("papers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reconciliation", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("cover_checks", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("papers", schema=None) as batch_op:
        batch_op.drop_column("cover_checks")
        batch_op.drop_column("reconciliation")
