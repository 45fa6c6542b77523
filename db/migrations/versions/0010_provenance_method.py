"""provenance.method: how a value's source text was read when not from a text layer
(`ocr (conf 91)`: by OCR, with Tesseract's mean confidence), NULL for a text layer

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 15:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jarap.db.views import drop_views, replace_views

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    drop_views(bind)  # SQLite's batch mode rebuilds the tables the views read
    with op.batch_alter_table("provenance", schema=None) as batch_op:
        batch_op.add_column(sa.Column("method", sa.String(length=40), nullable=True))
    replace_views(bind)


def downgrade() -> None:
    bind = op.get_bind()
    drop_views(bind)
    with op.batch_alter_table("provenance", schema=None) as batch_op:
        batch_op.drop_column("method")
    replace_views(bind)
