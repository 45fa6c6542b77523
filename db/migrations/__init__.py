"""Alembic migrations of the archive's schema and views (run by `jarap.db.engine`)."""
