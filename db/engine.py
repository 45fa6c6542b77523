"""Engine and schema: a plain file path means SQLite, anything with `://` is a SQLAlchemy URL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from model import Base

DEFAULT_DB = "archive.db"


def database_url(db: str) -> str:
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def open_engine(db: str = DEFAULT_DB, *, create: bool = True) -> Engine:
    """An engine with the schema in place (tables and analyst views)."""
    engine = create_engine(database_url(db))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if create:
        Base.metadata.create_all(engine)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
