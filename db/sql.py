"""Read-only SQL over the archive (`jarap sql`) and the slippage table (`jarap slippage`).

A query is run so that it cannot change anything: SQLite is opened read-only (`mode=ro`
URI) with `PRAGMA query_only=ON`; PostgreSQL runs it in a `SET TRANSACTION READ ONLY`
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

from jarap.db.engine import open_readonly_engine


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


def query(db: str, sql: str) -> Result:
    """Run one read-only query on the archive at `db` (path or URL)."""
    try:
        engine = open_readonly_engine(db)
    except FileNotFoundError as exc:
        raise QueryError(str(exc)) from exc
    try:
        return run_query(engine, sql)
    finally:
        engine.dispose()


# --- output ---------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bool):
        return value
    return value


def format_result(result: Result, fmt: str = "table") -> str:
    rows = [[_plain(v) for v in row] for row in result.rows]
    if fmt == "json":
        return json.dumps(
            [dict(zip(result.columns, r, strict=True)) for r in rows], ensure_ascii=False, indent=1
        )
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    return format_table(result.columns, rows)


def format_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    def cell(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, float):
            return f"{v:g}"
        return str(v).replace("\n", " ")

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


def plot_slippage(result: Result, path: str) -> None:
    """A horizontal bar per recommendation: days its target slipped (the `plot` extra)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise QueryError(
            "--plot needs matplotlib: pip install -e '.[plot]' (the plot extra)"
        ) from exc
    col = {c: i for i, c in enumerate(result.columns)}
    rows = [r for r in result.rows if r[col["slippage_days"]] is not None][::-1]
    labels = [f"{r[col['audit_title']][:28]} {r[col['ref']] or ''}".strip() for r in rows]
    days = [int(r[col["slippage_days"]]) for r in rows]
    colours = {"high": "#c0392b", "medium": "#e67e22", "low": "#7f8c8d"}
    fig, ax = plt.subplots(figsize=(9, 0.35 * len(rows) + 1.5))
    ax.barh(labels, days, color=[colours.get(r[col["priority_level"]], "#34495e") for r in rows])
    for y, (d, r) in enumerate(zip(days, rows, strict=True)):
        ax.text(d, y, f" {d} d, {r[col['revisions']]} rev.", va="center", fontsize=8)
    ax.set_xlabel("days between first stated target and latest target")
    ax.set_title("Target slippage per recommendation (red high, orange medium, grey low)")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
