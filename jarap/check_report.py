"""`jarap check` in words: each paper's declared figures against what was extracted, and
its cover tables against its appendix.

The comparisons themselves are made once, at parse time (`extract/reconcile.py`,
`extract/crosscheck.py`), and stored on the paper; this module only lays them out, so the
report, the JSON output and the stored `reconciled` flag cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from jarap.output import escape, one_line

# how each scope is named in the report, in the order it is printed
SCOPES = (
    ("total", "total"),
    ("proposed_closed", "proposed closed"),
    ("priority", "by priority"),
    ("rag", "by RAG"),
    ("audit", "by audit"),
)
COVER_TABLES = (
    ("proposed_closed", "proposed-closed table"),
    ("target_dates", "target-date table"),
)
LEGEND = (
    "figures read declared = extracted; an audit's counts line counts what the audit made, "
    "so a paper may list fewer (>=); ? = not shown per recommendation"
)


def _figure(c: dict[str, Any]) -> str:
    if c["extracted"] is None:
        return f"{c['declared']} ?"
    if c["rule"] == "at_most":
        sign = ">=" if c["ok"] else "<"
    else:
        sign = "=" if c["ok"] else "!="
    return f"{c['declared']} {sign} {c['extracted']}"


def _scope_lines(label: str, items: list[dict[str, Any]]) -> list[str]:
    """One line for a scope; by audit, one line per audit (its priorities side by side)."""
    if not items:
        return []
    if items[0]["scope"] == "audit":
        audits: dict[str, list[str]] = {}
        for c in items:
            audit, _, word = c["key"].rpartition(" / ")
            audits.setdefault(audit, []).append(f"{word} {_figure(c)}")
        return [f"    {label}: {escape(a)}: {', '.join(parts)}" for a, parts in audits.items()]
    parts = [f"{c['key']} {_figure(c)}".strip() for c in items]
    notes = sorted({c["note"] for c in items if c.get("note")})
    tail = f" (not checked: {'; '.join(notes)})" if notes else ""
    return [f"    {label}: {', '.join(parts)}{tail}"]


def _cover_lines(checks: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    for table, label in COVER_TABLES:
        rows = [c for c in checks if c["table"] == table]
        if not rows:
            continue
        outcomes = Counter(c["outcome"] for c in rows)
        said = ", ".join(f"{n} {o.replace('_', ' ')}" for o, n in sorted(outcomes.items()))
        listed = len({c["label"] for c in rows})
        lines.append(f"    {label}: {listed} row(s); checks: {said}")
        for c in rows:
            if c["outcome"] != "agrees":
                what = f"{c['label']} {c['field'].replace('_', ' ')} {c['outcome']}"
                detail = f": {c['detail']}" if c.get("detail") else ""
                lines.append(f"        {one_line(escape(what + detail))}")
    return lines


def paper_lines(paper: dict[str, Any]) -> list[str]:
    """The report of one paper: its summary line, then every figure and cover check."""
    name = escape(paper["source_file"])
    if paper["layout"] == "unknown":
        return [f"{name}: unknown layout, stored as text (v_document_paragraphs, v_document_cells)"]
    state = {True: "ok", False: "MISMATCH", None: "no counts"}[paper["reconciled"]]
    if paper["declared"] is None and paper["extracted"] is None:
        lines = [f"{name}: no counts printed, nothing to reconcile"]
    elif paper["declared"] is None:  # the paper prints no total of its own
        lines = [f"{name}: extracted={paper['extracted']}, no declared total ({state})"]
    else:
        lines = [f"{name}: declared={paper['declared']} extracted={paper['extracted']} {state}"]
    comparisons = paper.get("reconciliation")
    if comparisons is None:
        lines.append("    (stored by an older version: re-read it with `jarap ingest --reparse`)")
    else:
        for scope, label in SCOPES:
            lines += _scope_lines(label, [c for c in comparisons if c["scope"] == scope])
    lines += _cover_lines(paper.get("cover_checks") or [])
    return lines
