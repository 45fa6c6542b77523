"""Read-only SQL over the archive (`jarap sql`) and the slippage table (`jarap slippage`).

A query is run so that it cannot change anything: SQLite is opened read-only (`mode=ro`
URI) with `PRAGMA query_only=ON` and an authorizer that allows reading only, so neither
`ATTACH '/path'` nor `VACUUM INTO '/path'` can create a file (`engine.open_archive`);
PostgreSQL runs it in a `SET TRANSACTION READ ONLY`
transaction that is rolled back, and as a single statement (a `;` cannot smuggle a second
one, e.g. `COMMIT; DELETE …`).
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TextIO

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from jarap.output import escape


class QueryError(RuntimeError):
    """A query that could not run; the message is meant for the user."""


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def run_query(engine: Engine, sql: str, params: dict[str, Any] | None = None) -> Result:
    sql = sql.strip().rstrip(";").strip()
    if not sql:
        raise QueryError("empty query")
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                # binary results force the extended protocol: one statement only
                driver: Any = conn.connection.dbapi_connection  # psycopg's own connection
                cursor = driver.cursor()
                try:
                    cursor.execute(sql, params or None, binary=True)
                    columns = [d.name for d in cursor.description or []]
                    rows = [tuple(r) for r in cursor.fetchall()] if cursor.description else []
                finally:
                    cursor.close()
                conn.rollback()
                return Result(columns, rows)
            result = conn.execute(text(sql), params or {})
            columns = list(result.keys()) if result.returns_rows else []
            rows = [tuple(r) for r in result] if result.returns_rows else []
            conn.rollback()
            return Result(columns, rows)
    except DBAPIError as exc:
        raise QueryError(_first_line(exc.orig) if exc.orig is not None else str(exc)) from exc
    except SQLAlchemyError as exc:
        raise QueryError(_first_line(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - the driver's own errors (psycopg) end up here
        if exc.__class__.__module__.startswith(("psycopg", "sqlite3")):
            raise QueryError(_first_line(exc)) from exc
        raise


DEFAULT_SQL_TIMEOUT = 30.0  # seconds a `jarap sql` query may run (--timeout)
FETCH = 1000  # rows fetched, formatted and written at a time
# roles whose members reach past a read-only transaction (server files, programs)
_SERVER_ROLES = ("pg_read_server_files", "pg_write_server_files", "pg_execute_server_program")


class Interrupted(KeyboardInterrupt):
    """Ctrl-C stopped the query (SQLite: our SIGINT handler interrupted it)."""


@dataclass
class Stream:
    """A running query: its columns, and its rows fetched FETCH at a time, never all held."""

    columns: list[str]
    batches: Iterator[list[tuple[Any, ...]]]


@contextmanager
def stream_query(
    engine: Engine, sql: str, *, timeout: float | None = None, allow_superuser: bool = False
) -> Iterator[Stream]:
    """Run one read-only user query, its rows streamed, within `timeout` seconds.

    SQLite: a progress handler stops the statement past the deadline or on Ctrl-C (SIGINT
    only sets a flag while the query runs: a KeyboardInterrupt raised inside SQLite's
    callback would be swallowed). PostgreSQL: `statement_timeout` for each statement and
    fetch, a server-side cursor (DECLARE admits one SELECT or VALUES), psycopg cancels the
    query on Ctrl-C, and a superuser is refused unless `allow_superuser` (see
    `check_role`). Errors are `QueryError` (`Interrupted` for Ctrl-C).
    """
    sql = sql.strip().rstrip(";").strip()
    if not sql:
        raise QueryError("empty query")
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                if not allow_superuser:
                    check_role(conn)
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                if timeout:
                    conn.exec_driver_sql(f"SET LOCAL statement_timeout = {int(timeout * 1000)}")
                driver: Any = conn.connection.dbapi_connection  # psycopg's own connection
                cursor = driver.cursor(name="jarap_sql", binary=True)
                try:
                    cursor.itersize = FETCH
                    cursor.execute(sql)
                    columns = [d.name for d in cursor.description or []]
                    yield Stream(columns, _batches(cursor.fetchmany))
                finally:
                    cursor.close()
                conn.rollback()
                return
            with _sqlite_bounds(conn, timeout) as stopped:
                try:
                    result = conn.execute(text(sql))
                    columns = list(result.keys()) if result.returns_rows else []
                    fetch = result.fetchmany if result.returns_rows else _no_rows
                    yield Stream(columns, _batches(fetch))
                except DBAPIError as exc:
                    if stopped():
                        raise _stopped(stopped(), timeout) from exc
                    raise
            conn.rollback()
    except DBAPIError as exc:
        raise QueryError(_first_line(exc.orig) if exc.orig is not None else str(exc)) from exc
    except SQLAlchemyError as exc:
        raise QueryError(_first_line(exc)) from exc
    except (QueryError, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - the driver's own errors (psycopg) end up here
        module = exc.__class__.__module__
        if module.startswith("psycopg") and "statement timeout" in str(exc):
            raise _stopped("timeout", timeout) from exc
        if module.startswith(("psycopg", "sqlite3")):
            raise QueryError(_first_line(exc)) from exc
        raise


def _no_rows(_size: int) -> list[tuple[Any, ...]]:
    return []


def _batches(fetch: Any) -> Iterator[list[tuple[Any, ...]]]:
    while True:
        rows = fetch(FETCH)
        if not rows:
            return
        yield [tuple(r) for r in rows]


def _stopped(why: str, timeout: float | None) -> BaseException:
    if why == "interrupted":
        return Interrupted("interrupted")
    return QueryError(f"query stopped after {timeout:g} s (its time limit, --timeout)")


@contextmanager
def _sqlite_bounds(conn: Any, timeout: float | None) -> Iterator[Any]:
    """A progress handler that ends the statement at the deadline or after Ctrl-C; yields
    a function saying why it stopped ("timeout", "interrupted") or "" when it did not."""
    import signal
    import threading
    import time

    why = [""]
    deadline = time.monotonic() + timeout if timeout else None

    def progress() -> int:
        if not why[0] and deadline is not None and time.monotonic() > deadline:
            why[0] = "timeout"
        return 1 if why[0] else 0

    dbapi = conn.connection.dbapi_connection
    dbapi.set_progress_handler(progress, 10_000)
    main = threading.current_thread() is threading.main_thread()
    previous = None
    if main:

        def on_sigint(_signum: int, _frame: object) -> None:
            why[0] = "interrupted"

        previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield lambda: why[0]
    finally:
        dbapi.set_progress_handler(None, 0)
        if main:
            signal.signal(signal.SIGINT, previous)
    if why[0] == "interrupted":
        raise Interrupted("interrupted")


def check_role(conn: Any) -> None:
    """Refuse a PostgreSQL role that a read-only transaction does not bound: a superuser,
    or a member of a role that reads or writes server files or runs programs."""
    row = conn.exec_driver_sql(
        "SELECT current_user, rolsuper, "
        + ", ".join(f"pg_has_role(current_user, '{r}', 'MEMBER')" for r in _SERVER_ROLES)
        + " FROM pg_roles WHERE rolname = current_user"
    ).one()
    user, superuser, *server = row
    if superuser or any(server):
        what = "a superuser" if superuser else "a member of pg_*_server_* roles"
        raise QueryError(
            f"refusing to run as {user}, {what}: a read-only transaction does not stop it "
            "(server files, other sessions); connect as a read-only role (README) or pass "
            "--allow-superuser"
        )


def _first_line(exc: BaseException | None) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__


def query(engine: Engine, sql: str) -> Result:
    """Run one user query on an archive opened by `engine.open_archive` (read-only)."""
    try:
        return run_query(engine, sql)
    except QueryError as exc:
        raise refused(exc, sql) from exc


def refused(exc: QueryError, sql: str) -> QueryError:
    """The error for the user: a statement the read-only authorizer denied is named."""
    if "not authorized" in str(exc) or "authorization denied" in str(exc):
        verb = (sql.split() or ["this"])[0].upper()
        return QueryError(
            f"{verb} refused: jarap sql only reads the archive "
            "(no ATTACH, VACUUM INTO, PRAGMA settings or writes)"
        )
    return exc


def table_counts(engine: Engine) -> Result:
    """Every table and view with its row count (`jarap tables`)."""
    from sqlalchemy import inspect

    with engine.connect() as conn:
        found = inspect(conn)
        names = [(n, "table") for n in sorted(found.get_table_names())]
        names += [(n, "view") for n in sorted(found.get_view_names())]
    rows = []
    for name, kind in names:
        quoted = '"' + name.replace('"', '""') + '"'
        count = run_query(engine, f"SELECT COUNT(*) FROM {quoted}").rows[0][0]
        rows.append((name, kind, int(count)))
    return Result(["name", "kind", "rows"], rows)


# --- output ---------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bool):
        return value
    return value


# a cell beginning with one of these is a formula to Excel and LibreOffice (design-notes.md)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, with a leading `'` (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_rows(
    columns: list[str], batches: Iterable[list[tuple[Any, ...]]], fmt: str, out: TextIO
) -> int:
    """Write rows as they come, in `format_result`'s formats (the same text, ending in a
    line end), holding one batch at a time; returns the number of rows. A table's widths
    are those of its first TABLE_WINDOW rows (a longer cell further down is not cut)."""
    count = 0
    if fmt == "table":
        window: list[tuple[Any, ...]] = []
        batches = iter(batches)
        for batch in batches:
            window.extend(batch)
            if len(window) >= TABLE_WINDOW:
                break
        widths = [len(c) for c in columns]
        cells = [[_cell(_plain(v)) for v in row] for row in window]
        for shown in cells:
            widths = [max(w, len(v)) for w, v in zip(widths, shown, strict=True)]
        out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
        out.write("\n" + "  ".join("-" * w for w in widths) + "\n")

        def rows() -> Iterator[list[str]]:
            yield from cells
            for batch in batches:
                for row in batch:
                    yield [_cell(_plain(v)) for v in row]

        for line in rows():
            count += 1
            out.write("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip())
            out.write("\n")
        out.write(f"({count} row{'s' if count != 1 else ''})\n")
        return count
    if fmt == "csv":
        # RFC 4180 line ends between rows; the last line ends in "\n" like the others' text
        buffer = io.StringIO()
        head = csv.writer(buffer, lineterminator="\r\n")
        head.writerow([csv_safe(c) for c in columns])
        out.write(buffer.getvalue().removesuffix("\r\n"))
        for batch in batches:
            for row in batch:
                out.write("\r\n")
                buffer = io.StringIO()
                csv.writer(buffer, lineterminator="\r\n").writerow(
                    [csv_safe(_plain(v)) for v in row]
                )
                out.write(buffer.getvalue().removesuffix("\r\n"))
                count += 1
        out.write("\n")
        return count
    first = True
    if fmt == "json":
        out.write("[")
    for batch in batches:
        for row in batch:
            record = dict(zip(columns, (_plain(v) for v in row), strict=True))
            if fmt == "jsonl":
                out.write(("" if first else "\n") + json.dumps(record, ensure_ascii=False))
            else:
                item = json.dumps(record, ensure_ascii=False, indent=1).replace("\n", "\n ")
                out.write(("\n " if first else ",\n ") + item)
            first = False
            count += 1
    if fmt == "json":
        out.write("]" if first else "\n]")
    out.write("\n")
    return count


TABLE_WINDOW = 1000  # rows that set a streamed table's column widths


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}"
    # a terminal must not run what a paper printed: control characters escaped
    return escape(" ".join(str(v).split("\n")))


def format_result(result: Result, fmt: str = "table") -> str:
    rows = [[_plain(v) for v in row] for row in result.rows]
    if fmt in ("json", "jsonl"):
        records = [dict(zip(result.columns, r, strict=True)) for r in rows]
        if fmt == "jsonl":
            return "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
        return json.dumps(records, ensure_ascii=False, indent=1)
    if fmt == "csv":
        out = io.StringIO()
        # RFC 4180 line ends: with "\n" alone the csv module leaves a field holding a bare
        # CR unquoted, and a reader splits the row there
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([csv_safe(c) for c in result.columns])
        writer.writerows([csv_safe(v) for v in row] for row in rows)
        return out.getvalue().removesuffix("\r\n")
    return format_table(result.columns, rows)


def format_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    body = [[_cell(v) for v in row] for row in rows]
    widths = [len(c) for c in columns]
    for row in body:
        widths = [max(w, len(v)) for w, v in zip(widths, row, strict=True)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in body:
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(lines)


# --- slippage --------------------------------------------------------------------------------

SLIPPAGE_SQL = """
SELECT audit_title, ref, title, priority_level, latest_status, original_target_raw,
       latest_target_raw, slippage_days, revisions
FROM v_slippage
WHERE original_target IS NOT NULL
ORDER BY slippage_days DESC, revisions DESC, audit_title, ref
"""
