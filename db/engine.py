"""Engine and schema: a plain file path means SQLite, anything with `://` is a SQLAlchemy URL.

The writing path. The schema and views are created once, by Alembic migration
(`db/migrations`): a new database is created at head, an older one is upgraded by
`jarap db upgrade`, and an archive already at head is opened without any DDL, so a long
reader never blocks a writer and two ingests never race to create tables. On SQLite every
connection gets WAL, a busy timeout and foreign keys, and every transaction is
`BEGIN IMMEDIATE`: a writer waits for the other writer instead of failing when it upgrades
a read lock. On PostgreSQL writers take a transaction-level advisory lock (`writer_lock`).
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # SQLAlchemy is imported by the functions that use it: `jarap --help`
    from sqlalchemy import Connection, Engine  # and the command line's start need none

DEFAULT_DB = "archive.db"
BUSY_TIMEOUT_MS = 60_000  # a writer waits this long for the other writer (one link run)
WRITER_LOCK_KEY = 0x4A415241  # "JARA": the advisory lock every PostgreSQL writer takes
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"  # the schema `create_all` made before migrations existed
# the SQLite schema the migrations build at HEAD, replayed into a new archive (see `upgrade`)
SQLITE_HEAD_SCHEMA = Path(__file__).resolve().parent / "sqlite_head.sql"


# every engine the commands open, for `dispose_engines` at the program's end
_OPENED: weakref.WeakSet[Engine] = weakref.WeakSet()


def _opened(engine: Engine) -> Engine:
    _OPENED.add(engine)
    return engine


def dispose_engines() -> None:
    """Close the pooled connections of every engine still open. A program that then skips
    its last collection (`jarap.cli.main`) still closes SQLite the same way: the last
    connection checkpoints the `-wal` and deletes it with the `-shm` (the pool holds its
    connections in reference cycles, which only that collection reached)."""
    for engine in list(_OPENED):
        engine.dispose()


class SchemaError(RuntimeError):
    """The archive's schema is not the one this version writes (`jarap db upgrade`)."""


def database_url(db: str) -> str:
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def open_engine(db: str = DEFAULT_DB, *, create: bool = True) -> Engine:
    """An engine for writing. With `create`, a new (empty) database is migrated to head;
    an existing one must already be at head (else `SchemaError`: run `jarap db upgrade`)."""
    from sqlalchemy import create_engine, event

    engine = _opened(create_engine(database_url(db)))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
    if create and current_revision(engine) != head_revision():
        try:
            upgrade(engine, only_new=True)  # re-checked under the writer lock
        except SchemaError as exc:
            engine.dispose()
            shown = engine.url.render_as_string(hide_password=True) if "://" in db else db
            raise SchemaError(
                f"{shown}: archive schema is {exc}, this version needs {head_revision()}: "
                f'run "jarap db upgrade --db {shown}" first'
            ) from None
    return engine


def writer_lock(conn: Connection) -> None:
    """Serialise writers inside the caller's transaction (SQLite: BEGIN IMMEDIATE did)."""
    from sqlalchemy import text

    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITER_LOCK_KEY})


def current_revision(engine: Engine) -> str | None:
    """The Alembic revision the archive is at (None: new, or from before migrations)."""
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


HEAD = "0010"  # the newest migration (tests/test_migrations.py checks it against Alembic)


def head_revision() -> str:
    """The revision this version writes. A constant, so opening an archive at head does not
    import Alembic (0.3 s of every command)."""
    return HEAD


def script_head() -> str | None:
    """The head revision of the migration scripts themselves."""
    return _script().get_current_head()


def _script():  # type: ignore[no-untyped-def]
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS))


def _config(conn: Connection):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def upgrade(
    engine: Engine, *, only_new: bool = False, from_snapshot: bool = True
) -> tuple[str | None, str]:
    """Migrate the archive to head in one locked transaction; returns (from, to).

    A second process doing the same waits for the lock, then finds the archive at head.
    An archive made before migrations (tables, no `alembic_version`) is stamped at the
    baseline first, then upgraded. With `only_new`, only a new (empty) database is
    created; an existing one below head raises `SchemaError` (its revision) instead.

    A new, empty SQLite database is given the schema the migrations build (the statements
    in `SQLITE_HEAD_SCHEMA`, stamped at head) without importing or running Alembic: that
    cost 0.25 s of every first ingest. tests/test_startup.py builds one archive each way
    and requires the same `sqlite_master`, so the snapshot cannot drift from the
    migrations (`write_sqlite_head_schema` rewrites it). `from_snapshot=False` runs the
    migrations even then.
    """
    from sqlalchemy import inspect, text

    with engine.begin() as conn:
        writer_lock(conn)
        has_version = inspect(conn).has_table("alembic_version")
        before = (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if has_version
            else None
        )
        legacy = before is None and inspect(conn).has_table("papers")
        if only_new and (legacy or before not in (None, head_revision())):
            raise SchemaError(before or "from before migrations")
        if before == head_revision():
            return before, before
        if from_snapshot and conn.dialect.name == "sqlite" and not inspect(conn).get_table_names():
            _replay_sqlite_head(conn)
            return before, head_revision()
        from alembic import command

        config = _config(conn)
        if legacy:
            command.stamp(config, BASELINE)
            before = BASELINE
        command.upgrade(config, "head")
    return before, head_revision()


def sqlite_schema(conn: Connection) -> list[str]:
    """A SQLite database's schema as the statements that rebuild it: tables, then indexes,
    views and triggers, each kind in the order it was created (a view may read a view
    made before it). SQLite's own objects (autoindexes, `sqlite_sequence`) are left out:
    the statements make them again."""
    rows = conn.exec_driver_sql(
        "SELECT type, sql FROM sqlite_master WHERE sql IS NOT NULL "
        "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    ).all()
    kinds = ("table", "index", "view", "trigger")
    return [sql for kind in kinds for typ, sql in rows if typ == kind]


def _replay_sqlite_head(conn: Connection) -> None:
    import sqlite3

    from sqlalchemy import text

    statement = ""
    for line in SQLITE_HEAD_SCHEMA.read_text(encoding="utf-8").splitlines(keepends=True):
        if not statement and line.startswith("--"):
            continue
        statement += line
        if sqlite3.complete_statement(statement):
            conn.exec_driver_sql(statement.strip().removesuffix(";"))
            statement = ""
    conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": HEAD})


def write_sqlite_head_schema(path: Path = SQLITE_HEAD_SCHEMA) -> None:
    """Rewrite the snapshot from the migrations (after adding one: the test says so)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(str(Path(tmp) / "head.db"), create=False)
        upgrade(engine, from_snapshot=False)
        with engine.connect() as conn:
            statements = sqlite_schema(conn)
        engine.dispose()
    header = (
        f"-- The SQLite schema the migrations build at revision {HEAD}, replayed into a new\n"
        "-- archive (jarap.db.engine.upgrade). Generated: do not edit; rewrite it with\n"
        '-- python -c "from jarap.db.engine import write_sqlite_head_schema as w; w()"\n'
    )
    path.write_text(header + "".join(f"{sql};\n\n" for sql in statements), encoding="utf-8")


def open_readonly_engine(db: str = DEFAULT_DB) -> Engine:
    """An engine that cannot write: SQLite opened `mode=ro` with `query_only`; on other
    databases each connection's transactions are read-only (see `db.sql.run_query`)."""
    from sqlalchemy import create_engine, event

    url = database_url(db)
    if url.startswith("sqlite:///") and "://" not in db:
        path = Path(db).expanduser()
        if not path.exists():
            raise FileNotFoundError(f"no such database file: {path}")
        engine = _opened(create_engine(f"sqlite:///file:{path}?mode=ro&uri=true"))
        event.listen(engine, "connect", _sqlite_readonly)
        return engine
    if url.startswith("sqlite"):
        engine = _opened(create_engine(url))
        event.listen(engine, "connect", _sqlite_readonly)
        return engine
    return _opened(create_engine(url))


def _sqlite_readonly(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # pysqlite's own transaction handling would BEGIN a deferred transaction; we emit
    # BEGIN IMMEDIATE ourselves (the SQLAlchemy recipe for SQLite locking)
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        cursor.execute("PRAGMA journal_mode=WAL")  # persistent: once per database file
    cursor.close()


def _sqlite_begin_immediate(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


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
    from sqlalchemy import create_engine, inspect
    from sqlalchemy.exc import DBAPIError, OperationalError

    check_db_target(db, must_exist=True)
    url = database_url(db)
    if url.startswith("sqlite"):
        path = Path(url.split(":///", 1)[1]).expanduser().resolve()
        engine = create_engine("sqlite://", creator=lambda: _sqlite_read_connection(path))
    else:
        engine = create_engine(url)
    _opened(engine)
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
    revision = current_revision(engine)
    if revision != head_revision():
        engine.dispose()
        shown = revision or "from before migrations"
        raise ArchiveError(
            f"{redact_url(db)}: archive schema is {shown}, this version needs "
            f'{head_revision()}: run "jarap db upgrade --db {redact_url(db)}" first'
        )
    return engine


def stored_paths(db: str) -> set[str] | None:
    """The paths of a SQLite archive's current papers, read without SQLAlchemy and creating
    nothing: an empty set when there is no archive yet, None when it cannot tell (another
    database, a file that is not an archive). A hint for starting work early, never what
    decides whether a file is read (`db.load` does, by content)."""
    import sqlite3

    url = database_url(db)
    if not url.startswith("sqlite:///"):
        return None
    path = Path(url.split(":///", 1)[1]).expanduser()
    if not path.exists():
        return set()
    try:
        conn = _sqlite_read_connection(path.resolve())
        try:
            rows = conn.execute("SELECT source_path FROM papers WHERE superseded_by IS NULL")
            return {row[0] for row in rows}
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        return None


def _sqlite_read_connection(path: Path):  # type: ignore[no-untyped-def]
    """A read-only connection that creates no file beside the archive.

    In WAL mode even a `mode=ro` reader creates `-wal` and `-shm` when they are missing,
    and fails where it cannot (a read-only mount). Missing, they mean no connection has
    the archive open (the last one to close checkpoints and removes them), so the file
    alone is the whole archive and is opened `immutable`: no lock, no file made. When
    they exist a writer may be at work: opened `mode=ro`, the reader sees its commits.
    """
    import sqlite3

    wal = path.with_name(path.name + "-wal")
    flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    conn = sqlite3.connect(f"{path.as_uri()}?{flags}", uri=True, check_same_thread=False)
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
