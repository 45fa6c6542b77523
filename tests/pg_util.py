"""The PostgreSQL test database (JARAP_TEST_PG_URL), wiped so each module starts new."""

from __future__ import annotations

from sqlalchemy import text

from jarap.db.engine import open_engine
from jarap.db.views import drop_views
from jarap.model import Base


def wipe_postgres(url: str) -> None:
    """Drop the views, the tables and Alembic's version table: the next open migrates a
    new database to head."""
    engine = open_engine(url, create=False)
    with engine.begin() as conn:
        drop_views(conn)
    Base.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
