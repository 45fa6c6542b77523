"""Alembic environment: always run on the connection `jarap.db.engine.upgrade` hands in.

The caller has already begun the transaction (SQLite `BEGIN IMMEDIATE`, or a PostgreSQL
advisory lock), so two processes upgrading one new database take turns instead of racing
(`table papers already exists`); Alembic joins that transaction rather than opening one.
"""

from __future__ import annotations

from alembic import context

from jarap.model import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `jarap db upgrade` / engine.upgrade run this
    raise RuntimeError("run migrations through jarap.db.engine.upgrade (jarap db upgrade)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
