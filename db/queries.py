"""Analyst questions answered in SQL: the one source of `docs/schema.md` (its questions
section) and of `metadata.yml` (Datasette canned queries).

Each query is a template over the views (`db/views.py`), with the same `{macro(...)}`
placeholders, so it runs on SQLite and PostgreSQL alike. Regenerate both files with

    python -m jarap.db.queries

and `tests/test_views.py` fails when either is out of date.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from jarap.db.views import CLOSED_SQL, render

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "schema.md"
METADATA = ROOT / "metadata.yml"
START, END = "<!-- queries:start -->", "<!-- queries:end -->"


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    description: str
    sql: str

    def render(self, dialect: str) -> str:
        return render(self.sql, dialect).strip()


_PRIORITY_ORDER = (
    "CASE priority_level WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END"
)

QUERIES: list[Query] = [
    Query(
        "high_moved_three_times",
        "Which High recommendations moved target three times or more?",
        "Revisions count distinct target dates stated across all papers, minus one.",
        """
SELECT audit_title, ref, title, revisions, original_target_raw, latest_target_raw,
       slippage_days
FROM v_slippage
WHERE priority_level = 'high' AND revisions >= 3
ORDER BY revisions DESC, slippage_days DESC, audit_title, ref
""",
    ),
    Query(
        "median_slippage_by_audit",
        "Median days of slippage by audit area",
        "Recommendations with a first and a latest target; the median is the mean of the "
        "middle one or two values (portable: no percentile function needed).",
        """
SELECT audit_title, MAX(total) AS recommendations,
       AVG({as_float(slippage_days)}) AS median_slippage_days
FROM (
    SELECT audit_title, slippage_days,
           ROW_NUMBER() OVER (PARTITION BY audit_title ORDER BY slippage_days) AS n,
           COUNT(*) OVER (PARTITION BY audit_title) AS total
    FROM v_slippage
    WHERE slippage_days IS NOT NULL
) ranked
WHERE n IN ((total + 1) / 2, (total + 2) / 2)
GROUP BY audit_title
ORDER BY median_slippage_days DESC, audit_title
""",
    ),
    Query(
        "overdue_july_2021",
        "What was overdue at the July 2021 meeting?",
        "Open recommendations whose target in force was before the paper's date.",
        """
SELECT audit_title, ref, title, priority_level, current_target_raw, days_overdue
FROM v_overdue
WHERE paper_date BETWEEN '2021-07-01' AND '2021-07-31'
ORDER BY days_overdue DESC, audit_title, ref
""",
    ),
    Query(
        "open_high_recommendations",
        "Which High recommendations are still open, who owns them and since when?",
        "Latest state; days on the tracker from the first paper to the latest one.",
        f"""
SELECT audit_title, ref, title, owners, first_seen, current_target_raw,
       {{days_between(first_seen, paper_date)}} AS days_on_tracker
FROM v_latest_state
WHERE priority_level = 'high' AND latest_status NOT IN {CLOSED_SQL}
ORDER BY first_seen, audit_title, ref
""",
    ),
    Query(
        "owner_workload",
        "Who owns the most open and overdue recommendations?",
        "Current (not struck-through) owners in each recommendation's latest snapshot.",
        """
SELECT owner, open_recommendations, overdue, high_priority, earliest_target
FROM v_owner_workload
ORDER BY overdue DESC, open_recommendations DESC, owner
""",
    ),
    Query(
        "biggest_slippage",
        "Which five recommendations slipped furthest?",
        "Days between the first stated target and the latest one.",
        """
SELECT audit_title, ref, title, priority_level, original_target_raw, latest_target_raw,
       slippage_days, revisions
FROM v_slippage
WHERE slippage_days > 0
ORDER BY slippage_days DESC, audit_title, ref
LIMIT 5
""",
    ),
    Query(
        "slippage_by_priority",
        "How much do targets slip, by priority?",
        "Recommendations with a readable first target; averages over all of them "
        "(unrevised ones count as 0 days).",
        f"""
SELECT priority_level, COUNT(*) AS recommendations,
       SUM(CASE WHEN revisions > 0 THEN 1 ELSE 0 END) AS revised,
       AVG({{as_float(slippage_days)}}) AS avg_slippage_days,
       MAX(slippage_days) AS max_slippage_days
FROM v_slippage
WHERE original_target IS NOT NULL
GROUP BY priority_level
ORDER BY {_PRIORITY_ORDER}
""",
    ),
    Query(
        "closed_by_meeting",
        "Which recommendations were closed, and at which meeting?",
        "Closed in a paper, or proposed closed and absent from the next tracker paper.",
        """
SELECT closed_by, audit_title, ref, title, priority_level, section
FROM v_latest_state
WHERE latest_status = 'closed'
ORDER BY closed_by, audit_title, ref
""",
    ),
    Query(
        "target_history_custody_4_1",
        "How did the target of Custody Detainee Property 4.1 move, paper by paper?",
        "Every stated target in the order printed; struck ones were superseded.",
        """
SELECT paper_date, position, raw, date, precision, struck
FROM v_target_history
WHERE audit_title = 'CUSTODY DETAINEE PROPERTY' AND ref = '4.1'
ORDER BY paper_date, position
""",
    ),
    Query(
        "owner_handovers",
        "Which recommendations changed hands (an owner struck through)?",
        "Struck-through names are former owners; the current owner is in v_latest_state.",
        """
SELECT DISTINCT s.audit_title, s.ref, s.title, o.name AS former_owner, l.owners
FROM v_snapshot s
JOIN owners o ON o.recommendation_pk = s.recommendation_pk AND o.former
JOIN v_latest_state l ON l.recommendation_id = s.recommendation_id
ORDER BY s.audit_title, s.ref, former_owner
""",
    ),
    Query(
        "vanished_without_closure",
        "Which recommendations vanished from the tracker without being closed?",
        "Last seen in a paper its own panel (series) followed with another tracker, and not "
        "closed, proposed closed, not adopted or superseded there (the same list as "
        "`jarap check`).",
        f"""
SELECT l.audit_title, l.ref, l.title, l.status, l.paper_date AS last_seen, l.source_file,
       l.series, p.next_tracker_date AS absent_from
FROM v_latest_state l
JOIN papers p ON p.paper_id = l.paper_id
WHERE l.latest_status NOT IN {CLOSED_SQL}
  AND p.next_tracker_date IS NOT NULL
ORDER BY last_seen, l.audit_title, l.ref
""",
    ),
    Query(
        "papers_not_reconciling",
        "Which ingested files do not regenerate their own cover tables?",
        "Declared total against the Appendix-A rows found, and rows whose priority could "
        "not be read (text conversions lose the colour that encodes it).",
        """
SELECT source_file, paper_date, declared_total, recommendations, high, medium, low,
       priority_unknown
FROM v_paper_summary
WHERE declared_total <> recommendations OR priority_unknown > 0
ORDER BY paper_date, source_file
""",
    ),
]


# --- generated files ------------------------------------------------------------------------


def _yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def datasette_name(db: str) -> str:
    """The name Datasette gives a database file: its stem (`court.db` -> `court`)."""
    if "://" in db:
        db = db.split(":///", 1)[-1]
    return Path(db).stem or "archive"


def metadata_yaml(database: str = "archive") -> str:
    """Datasette metadata: every query as a canned query (SQLite SQL, Datasette is SQLite).

    Datasette keys canned queries by database name, which is the file's stem, so the
    queries are written under the name of the file to be opened (`jarap metadata --db`)."""
    lines = [
        "# Generated by `python -m jarap.db.queries` from db/queries.py: do not edit by hand.",
        f"# Use with: datasette {database}.db --metadata metadata.yml",
        "# Any other file: datasette FILE.db --metadata <(jarap metadata --db FILE.db)",
        "title: jarap-archive",
        'description: "Audit-panel recommendations across papers: targets, slippage, owners."',
        "databases:",
        f"  {_yaml_str(database)}:",
        "    queries:",
    ]
    for q in QUERIES:
        lines += [
            f"      {q.name}:",
            f"        title: {_yaml_str(q.title)}",
            f"        description: {_yaml_str(q.description)}",
            "        sql: |-",
        ]
        lines += [f"          {line}" if line else "" for line in q.render("sqlite").splitlines()]
    return "\n".join(lines) + "\n"


def docs_section() -> str:
    parts = [START, ""]
    for i, q in enumerate(QUERIES, 1):
        parts += [
            f"### {i}. {q.title}",
            "",
            f"`{q.name}`: {q.description}",
            "",
            "```sql",
            q.render("sqlite"),
            "```",
            "",
        ]
        if q.render("postgresql") != q.render("sqlite"):
            parts += ["On PostgreSQL:", "", "```sql", q.render("postgresql"), "```", ""]
    parts.append(END)
    return "\n".join(parts)


def docs_text(current: str) -> str:
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    if not pattern.search(current):
        raise ValueError(f"{DOCS} has no {START} … {END} section")
    return pattern.sub(lambda _m: docs_section(), current)


def write() -> None:
    METADATA.write_text(metadata_yaml(), encoding="utf-8")
    DOCS.write_text(docs_text(DOCS.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    write()
    print(f"wrote {METADATA.relative_to(ROOT)} and {DOCS.relative_to(ROOT)}", file=sys.stderr)
