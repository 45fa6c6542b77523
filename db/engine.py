"""Engine and schema: a plain file path means SQLite, anything with `://` is a SQLAlchemy URL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from jarap.model import Base

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
        from jarap.db.views import create_views

        create_views(engine)
    return engine


def open_readonly_engine(db: str = DEFAULT_DB) -> Engine:
    """An engine that cannot write: SQLite opened `mode=ro` with `query_only`; on other
    databases each connection's transactions are read-only (see `db.sql.run_query`)."""
    url = database_url(db)
    if url.startswith("sqlite:///") and "://" not in db:
        path = Path(db).expanduser()
        if not path.exists():
            raise FileNotFoundError(f"no such database file: {path}")
        engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
        event.listen(engine, "connect", _sqlite_readonly)
        return engine
    if url.startswith("sqlite"):
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_readonly)
        return engine
    return create_engine(url)


def _sqlite_readonly(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
