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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

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
                cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
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


def _first_line(exc: BaseException | None) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__


def query(engine: Engine, sql: str) -> Result:
    """Run one user query on an archive opened by `engine.open_archive` (read-only)."""
    try:
        return run_query(engine, sql)
    except QueryError as exc:
        if "not authorized" in str(exc) or "authorization denied" in str(exc):
            verb = (sql.split() or ["this"])[0].upper()
            raise QueryError(
                f"{verb} refused: jarap sql only reads the archive "
                "(no ATTACH, VACUUM INTO, PRAGMA settings or writes)"
            ) from exc
        raise


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
    def cell(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, float):
            return f"{v:g}"
        # a terminal must not run what a paper printed: control characters escaped
        return escape(" ".join(str(v).split("\n")))

    body = [[cell(v) for v in row] for row in rows]
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
