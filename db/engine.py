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


# --- read commands: open an archive that must already exist --------------------------------
# (self-contained block: its imports are local so the writing path above can change freely)


class ArchiveError(ValueError):
    """`--db` names no usable archive; the message is the one line the user sees."""


SQLITE_MAGIC = b"SQLite format 3\x00"

# what a read command may do on SQLite: read, call functions, and ask read-only pragmas.
# Everything else is denied, above all ATTACH: `VACUUM INTO` attaches its target too, and
# `query_only` stops neither from creating a file (see design-notes.md).
_READ_ACTIONS = frozenset({20, 21, 22, 31, 33})  # READ SELECT TRANSACTION FUNCTION RECURSIVE
_PRAGMA = 19
_READ_PRAGMAS = frozenset({"table_info", "table_xinfo", "index_list", "index_info"})


def redact_url(db: str) -> str:
    """`db` as it may be printed: a URL's password becomes `***`; a plain path is unchanged."""
    if "://" not in db:
        return db
    import re

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(db).render_as_string(hide_password=True)
    except ArgumentError:
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", db)


def check_db_target(db: str, *, must_exist: bool) -> None:
    """Refuse, in one line, a `--db` that cannot work: before any engine is built, so a
    typo never creates a database and a bad URL never ends in a traceback."""
    if "://" in db:
        _check_url(db)
        url = database_url(db)
        if not url.startswith("sqlite"):
            return
        db = url.split(":///", 1)[1] if ":///" in url else ""
        if not db or db == ":memory:":
            return
    path = Path(db).expanduser()
    if path.is_dir():
        raise ArchiveError(f"{db} is a folder, not an archive: give a database file")
    if not path.exists():
        if must_exist:
            raise ArchiveError(f'no archive at {db} - run "jarap ingest" first')
        if not path.parent.is_dir():
            raise ArchiveError(f"cannot create {db}: no folder {path.parent}")
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ArchiveError(f"cannot read {db}: {exc.strerror or exc}") from exc
    if head != SQLITE_MAGIC and (must_exist or head):
        raise ArchiveError(f"{db} is not an archive (not a SQLite database file)")


def _check_url(db: str) -> None:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    scheme = db.split("://", 1)[0].lower()
    if scheme == "postgres":
        raise ArchiveError(
            f"{redact_url(db)}: SQLAlchemy wants postgresql:// (e.g. postgresql+psycopg://…), "
            "not postgres://"
        )
    try:
        url = make_url(db)
        dialect = url.get_dialect()
    except NoSuchModuleError as exc:
        raise ArchiveError(
            f"{redact_url(db)}: unknown database type {scheme!r} "
            "(use a file path, sqlite:///FILE or postgresql+psycopg://…)"
        ) from exc
    except ArgumentError as exc:
        raise ArchiveError(f"{redact_url(db)}: not a database URL") from exc
    try:
        dialect.import_dbapi()
    except ImportError as exc:
        missing = getattr(exc, "name", None) or str(exc)
        hint = (
            "pip install 'jarap-archive[postgres]' (and write postgresql+psycopg://…)"
            if url.get_backend_name() == "postgresql"
            else f"install the {missing} driver"
        )
        raise ArchiveError(f"{redact_url(db)}: no driver ({missing}): {hint}") from exc


def open_archive(db: str = DEFAULT_DB) -> Engine:
    """An engine on an EXISTING archive for read commands: never creates a file.

    SQLite is opened `mode=ro` and every connection gets an authorizer that allows reads
    only (ATTACH and `VACUUM INTO` are refused before they create a file); one connection
    is tried here, so a refused PostgreSQL connection is an `ArchiveError` too.
    """
    from sqlalchemy import inspect
    from sqlalchemy.exc import DBAPIError, OperationalError

    check_db_target(db, must_exist=True)
    url = database_url(db)
    if url.startswith("sqlite"):
        path = Path(url.split(":///", 1)[1]).expanduser().resolve()
        engine = create_engine("sqlite://", creator=lambda: _sqlite_read_connection(path))
    else:
        engine = create_engine(url)
    try:
        with engine.connect() as conn:
            names = set(inspect(conn).get_table_names())
    except OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise ArchiveError(f"cannot connect to {redact_url(db)}: {reason}") from exc
    except DBAPIError as exc:
        engine.dispose()
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise ArchiveError(f"{redact_url(db)} is not an archive ({reason})") from exc
    if "papers" not in names:
        engine.dispose()
        raise ArchiveError(f'{redact_url(db)} holds no archive - run "jarap ingest" first')
    return engine


def _sqlite_read_connection(path: Path):  # type: ignore[no-untyped-def]
    import sqlite3

    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    conn.execute("PRAGMA query_only=ON")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.set_authorizer(_read_only_authorizer)
    return conn


def _read_only_authorizer(action: int, arg1, arg2, _db, _trigger) -> int:  # type: ignore[no-untyped-def]
    if action in _READ_ACTIONS:
        return 0  # SQLITE_OK
    if action == _PRAGMA and (arg2 is None or arg1 in _READ_PRAGMAS):
        return 0
    return 1  # SQLITE_DENY
