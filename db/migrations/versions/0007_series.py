"""series: the panel that published each paper (its normalised organisation), so next
trackers, closures and recommendation links stay within one panel's papers

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jarap.db.series import UNATTRIBUTED, series_of
from jarap.db.views import drop_views, replace_views

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    drop_views(bind)  # SQLite's batch mode recreates `papers`: no view may point at it
    with op.batch_alter_table("papers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("series", sa.Text(), server_default=UNATTRIBUTED, nullable=False)
        )
    # computed in Python (the one rule, `db.series.series_of`), once per printed name
    papers = sa.table("papers", sa.column("organisation", sa.Text), sa.column("series", sa.Text))
    names = bind.execute(sa.select(papers.c.organisation).distinct()).scalars().all()
    for name in names:
        if name is not None and series_of(name) != UNATTRIBUTED:
            bind.execute(
                papers.update().where(papers.c.organisation == name).values(series=series_of(name))
            )
    replace_views(bind)  # v_snapshot, v_latest_state and v_paper_summary show the series


def downgrade() -> None:
    bind = op.get_bind()
    drop_views(bind)
    with op.batch_alter_table("papers", schema=None) as batch_op:
        batch_op.drop_column("series")
    replace_views(bind)
