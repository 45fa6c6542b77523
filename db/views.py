"""The analyst views: longitudinal history and slippage in SQL, one template for every dialect.

The views are written once, in SQL that SQLite (3.25+) and PostgreSQL (15) both read, with
a few `{macro(args)}` placeholders where the two differ (date arithmetic, string
aggregation, JSON). `render(sql, dialect)` expands them, so the views mean the same on both.
They are created once, by migration (`db/migrations`, through `replace_views`), never on
open: dropping views on every open needed a write lock and made concurrent commands fail.
Only current paper versions are seen (`papers.superseded_by IS NULL`), and the next
tracker after a snapshot comes from `papers.next_tracker_date`, which the linker computes
once (within the paper's own series, `papers.series`), instead of a `paper_date >` join
per snapshot.

The same paper is often ingested in several formats (Word, PDF, text conversion), which
gives several snapshots of one recommendation for one meeting. `v_snapshot` keeps one of
them per recommendation per paper date, deterministically: Word first (it keeps colours,
strike-through and tracked changes), then PDF, then text conversions, then the smallest
`paper_id`. Every other view builds on `v_snapshot`, so nothing is counted twice, except
`v_paper_summary`, which is per ingested file on purpose (it checks each file's own cover
tables).

Statuses that take a recommendation off the tracker for a stated reason (`closed`,
`proposed_closed`, `not_adopted`, `superseded`) are never "open" nor "overdue".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy import Connection, text

from jarap.extract.vocab import CLOSING_STATUSES

# the statuses that end "open" (extract.vocab.CLOSING_STATUSES), as an SQL list
CLOSED_SQL = "(" + ", ".join(f"'{s}'" for s in sorted(CLOSING_STATUSES)) + ")"

# --- dialect macros ---------------------------------------------------------------------------


def _sqlite_macros() -> dict[str, Callable[..., str]]:
    return {
        "days_between": lambda a, b: f"CAST(julianday({b}) - julianday({a}) AS INTEGER)",
        # SQLite < 3.44 has no ORDER BY inside group_concat: templates feed it an ordered
        # subquery, which SQLite aggregates in that order
        "join_text": lambda expr, _order: f"group_concat({expr}, '; ')",
        "json_int": lambda col, key: f"CAST(json_extract({col}, '$.{key}') AS INTEGER)",
        "as_float": lambda x: f"CAST({x} AS REAL)",
    }


def _postgresql_macros() -> dict[str, Callable[..., str]]:
    return {
        "days_between": lambda a, b: f"({b} - {a})",
        "join_text": lambda expr, order: f"string_agg({expr}, '; ' ORDER BY {order})",
        "json_int": lambda col, key: f"CAST(({col} ->> '{key}') AS INTEGER)",
        "as_float": lambda x: f"CAST({x} AS DOUBLE PRECISION)",
    }


MACROS: dict[str, dict[str, Callable[..., str]]] = {
    "sqlite": _sqlite_macros(),
    "postgresql": _postgresql_macros(),
}

_MACRO = re.compile(r"\{(\w+)\(([^{}]*)\)\}")


def render(sql: str, dialect: str) -> str:
    """Expand `{macro(a, b)}` placeholders for one dialect (`sqlite` or `postgresql`)."""
    try:
        macros = MACROS[dialect]
    except KeyError:
        raise ValueError(f"no SQL views for the {dialect!r} dialect (sqlite, postgresql)") from None

    def expand(m: re.Match[str]) -> str:
        name, args = m.group(1), [a.strip() for a in m.group(2).split(",")]
        if name not in macros:
            raise ValueError(f"unknown SQL macro {{{name}(...)}}")
        return macros[name](*args)

    return _MACRO.sub(expand, sql)


# --- the views, in dependency order -----------------------------------------------------------

VIEWS: dict[str, str] = {}

VIEWS["v_snapshot"] = """
SELECT r.id AS recommendation_pk, r.recommendation_id, r.paper_id, p.source_file,
       p.format, p.kind, p.paper_date, p.next_tracker_date, p.series AS series,
       CASE WHEN p.paper_date IS NULL THEN 1 ELSE 0 END AS undated,
       r.audit_title, r.assurance, r.audit_date_raw, r.audit_date, r.ref, r.title,
       r.priority, r.priority_level, r.section, r.status, r.rag,
       r.original_target_raw, r.original_target, r.original_target_precision,
       r.current_target_raw, r.current_target, r.current_target_precision,
       l.format_no, l.snapshot_no, l.latest_no
FROM recommendations r
JOIN papers p ON p.paper_id = r.paper_id AND p.superseded_by IS NULL
JOIN links l ON l.recommendation_pk = r.id AND l.format_no = 1
"""

VIEWS["v_latest_state"] = """
SELECT s.recommendation_id, s.audit_title, s.assurance, s.audit_date_raw, s.audit_date,
       s.ref, s.title, s.priority, s.priority_level, s.section, s.status,
       COALESCE(hs.latest_status, s.status) AS latest_status,
       hs.closed_by, hs.vanished_from,
       s.rag, o.owners,
       s.current_target_raw, s.current_target, s.current_target_precision,
       s.paper_date, s.paper_id, s.source_file, s.series,
       h.first_seen, s.snapshot_no + s.latest_no - 1 AS papers
FROM v_snapshot s
JOIN (
    -- the earliest kept snapshot: undated papers sort last, so its date is the first date
    SELECT f.recommendation_id, p.paper_date AS first_seen
    FROM links f
    JOIN recommendations r ON r.id = f.recommendation_pk
    JOIN papers p ON p.paper_id = r.paper_id
    WHERE f.snapshot_no = 1
) h ON h.recommendation_id = s.recommendation_id
-- what the history means (closure, vanishing): db.history's one rule, stored by the linker
LEFT JOIN histories hs ON hs.recommendation_id = s.recommendation_id
LEFT JOIN (
    SELECT ow.recommendation_pk, {join_text(ow.name, ow.position)} AS owners
    FROM (SELECT recommendation_pk, position, name FROM owners
          WHERE NOT former ORDER BY recommendation_pk, position) ow
    GROUP BY ow.recommendation_pk
) o ON o.recommendation_pk = s.recommendation_pk
WHERE s.latest_no = 1
"""

VIEWS["v_target_history"] = """
SELECT s.recommendation_id, s.snapshot_no, s.paper_date, s.paper_id, s.source_file,
       s.audit_title, s.ref, t.position, t.raw, t.date, t.precision, t.struck
FROM v_snapshot s
JOIN target_revisions t ON t.recommendation_pk = s.recommendation_pk
"""

VIEWS["v_slippage"] = """
SELECT l.recommendation_id, l.audit_title, l.audit_date, l.ref, l.title, l.priority_level,
       l.latest_status,
       hs.original_target_raw, hs.original_target,
       hs.latest_target_raw, hs.latest_target,
       hs.slippage_days, COALESCE(hs.revisions, 0) AS revisions,
       l.first_seen, l.paper_date AS last_seen, l.papers
FROM v_latest_state l
-- revisions and slippage: db.history's one rule (a later target in a later month)
LEFT JOIN histories hs ON hs.recommendation_id = l.recommendation_id
"""

VIEWS["v_overdue"] = f"""
SELECT s.paper_date, s.paper_id, s.source_file, s.recommendation_id, s.audit_title, s.ref,
       s.title, s.priority_level, s.status, s.current_target_raw, s.current_target,
       {{days_between(s.current_target, s.paper_date)}} AS days_overdue
FROM v_snapshot s
WHERE s.kind = 'tracker'
  AND s.current_target < s.paper_date
  AND s.status NOT IN {CLOSED_SQL}
"""

VIEWS["v_owner_workload"] = f"""
SELECT o.name AS owner,
       COUNT(*) AS open_recommendations,
       SUM(CASE WHEN l.current_target < l.paper_date THEN 1 ELSE 0 END) AS overdue,
       SUM(CASE WHEN l.priority_level = 'high' THEN 1 ELSE 0 END) AS high_priority,
       MIN(l.current_target) AS earliest_target
FROM v_latest_state l
JOIN v_snapshot s ON s.recommendation_id = l.recommendation_id AND s.latest_no = 1
JOIN owners o ON o.recommendation_pk = s.recommendation_pk AND NOT o.former
WHERE l.latest_status NOT IN {CLOSED_SQL}
GROUP BY o.name
"""

VIEWS["v_document_paragraphs"] = """
SELECT d.paper_id, d.block, d.page, d.text
FROM document_text d JOIN papers p ON p.paper_id = d.paper_id
WHERE d.kind = 'paragraph' AND p.superseded_by IS NULL
"""

VIEWS["v_document_cells"] = """
SELECT d.paper_id, d.table_no, d.row_no, d.col_no, d.page, d.text
FROM document_text d JOIN papers p ON p.paper_id = d.paper_id
WHERE d.kind = 'cell' AND p.superseded_by IS NULL
"""

VIEWS["v_paper_summary"] = """
SELECT p.paper_id, p.source_file, p.format, p.layout, p.paper_date, p.series AS series,
       {json_int(p.declared_counts, total)} AS declared_total,
       {json_int(p.declared_counts, proposed_closed)} AS declared_proposed_closed,
       SUM(CASE WHEN r.section = 'main' THEN 1 ELSE 0 END) AS recommendations,
       SUM(CASE WHEN r.section = 'sorb' THEN 1 ELSE 0 END) AS sorb,
       SUM(CASE WHEN r.section = 'main' AND r.priority_level = 'high' THEN 1 ELSE 0 END) AS high,
       SUM(CASE WHEN r.section = 'main' AND r.priority_level = 'medium' THEN 1 ELSE 0 END)
           AS medium,
       SUM(CASE WHEN r.section = 'main' AND r.priority_level = 'low' THEN 1 ELSE 0 END) AS low,
       SUM(CASE WHEN r.section = 'main' AND r.id IS NOT NULL AND r.priority_level IS NULL
                THEN 1 ELSE 0 END) AS priority_unknown,
       SUM(CASE WHEN r.section = 'main' AND r.status = 'open' THEN 1 ELSE 0 END) AS open,
       SUM(CASE WHEN r.section = 'main' AND r.status = 'proposed_closed' THEN 1 ELSE 0 END)
           AS proposed_closed,
       SUM(CASE WHEN r.section = 'main' AND r.status = 'not_adopted' THEN 1 ELSE 0 END)
           AS not_adopted,
       SUM(CASE WHEN r.status = 'closed' THEN 1 ELSE 0 END) AS closed,
       SUM(CASE WHEN r.current_target IS NOT NULL THEN 1 ELSE 0 END) AS with_target,
       SUM(CASE WHEN r.current_target <> r.original_target THEN 1 ELSE 0 END) AS target_revised,
       SUM(CASE WHEN r.status = 'open' AND r.original_target < p.paper_date
                THEN 1 ELSE 0 END) AS past_original_target,
       SUM(CASE WHEN r.status = 'open' AND r.current_target < p.paper_date
                THEN 1 ELSE 0 END) AS past_current_target
FROM papers p
LEFT JOIN recommendations r ON r.paper_id = p.paper_id
WHERE p.superseded_by IS NULL
GROUP BY p.paper_id
"""

# what each view's columns mean (docs/schema.md is checked against this)
VIEW_DOCS: dict[str, str] = {
    "v_snapshot": "One snapshot per recommendation per paper date (the preferred format).",
    "v_latest_state": "The latest snapshot of each recommendation_id, with its history.",
    "v_target_history": "Every stated target of every recommendation, paper by paper.",
    "v_slippage": "Per recommendation: first stated target, latest target, days slipped.",
    "v_overdue": "Per tracker paper date: open recommendations already past their target.",
    "v_owner_workload": "Per current owner: open recommendations, overdue ones, high ones.",
    "v_paper_summary": "Per ingested paper: the cover tables regenerated from its rows.",
    "v_document_paragraphs": "Every paragraph of a paper no layout claimed, with its page.",
    "v_document_cells": "Every table cell of a paper no layout claimed, by table, row, column.",
}


def view_sql(name: str, dialect: str) -> str:
    return render(VIEWS[name], dialect).strip()


def drop_views(conn: Connection) -> None:
    for name in reversed(list(VIEWS)):
        conn.execute(text(f"DROP VIEW IF EXISTS {name}"))


# views over tables a later migration adds: an earlier migration creating the views of this
# version skips them (PostgreSQL refuses a view over a missing table), the later one adds them
VIEW_NEEDS = {
    "v_document_paragraphs": "document_text",
    "v_document_cells": "document_text",
    "v_latest_state": "histories",  # 0008
    "v_slippage": "histories",
    "v_owner_workload": "histories",
}


# columns a later migration adds (0007: papers.series): an earlier revision's views show
# them as NULL, so every view can still be created there; the later migration recreates them
LATER_COLUMNS = {"p.series AS series": ("papers", "series")}


def replace_views(conn: Connection) -> None:
    """Drop and create every view inside the caller's transaction: only migrations call
    this, once per schema change, never an ordinary open."""
    from sqlalchemy import inspect

    dialect = conn.dialect.name
    if dialect not in MACROS:
        return  # other databases get the tables only
    drop_views(conn)
    inspector = inspect(conn)
    tables = set(inspector.get_table_names())
    missing = [
        expr
        for expr, (table, column) in LATER_COLUMNS.items()
        if table in tables and column not in {c["name"] for c in inspector.get_columns(table)}
    ]
    for name in VIEWS:
        needed = VIEW_NEEDS.get(name)
        if needed is not None and needed not in tables:
            continue
        sql = view_sql(name, dialect)
        for expr in missing:
            sql = sql.replace(expr, "NULL AS " + expr.rsplit(" ", 1)[-1])
        conn.execute(text(f"CREATE VIEW {name} AS\n{sql}"))
