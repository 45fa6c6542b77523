"""Does what was extracted agree with what the paper says it contains?

Trackers print their own totals (by priority, RAG, proposed closed) and the 2016–20 blocks a
counts line per audit. Comparing them with the extracted records is how a parser checks
itself, and a disagreement is the first thing a migration lead must look at, so every
comparison is kept (`Paper.reconciliation`, shown by `jarap check`) and every difference is
said in words.
"""

from __future__ import annotations

from jarap.extract.records import Comparison, Paper, Recommendation
from jarap.extract.vocab import CLOSING_STATUSES, RAG_ORDER, Status, normalise_title


def _by_priority(recs: list[Recommendation]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for rec in recs:
        if rec.priority:
            counts[rec.priority] = counts.get(rec.priority, 0) + 1
    return counts


def _by_rag(recs: list[Recommendation]) -> dict[str, int]:
    return {c: n for c in RAG_ORDER if (n := sum(1 for r in recs if r.rag == c))}


def _audit_key(rec: Recommendation) -> str:
    return normalise_title(rec.audit_title)


def extracted_counts(recs: list[Recommendation]) -> dict:
    """The extracted records counted in the shape of the declared counts: the cover's
    figures count Appendix A (`main`); an audit's counts line counts every recommendation
    of that audit the paper still lists, SORB list included."""
    main = [r for r in recs if r.section == "main"]
    counts: dict = {
        "by_priority": _by_priority(main),
        "total": len(main),
        "proposed_closed": sum(1 for r in main if r.status == Status.PROPOSED_CLOSED),
    }
    if any(r.rag for r in main):
        counts["by_rag"] = _by_rag(main)
    by_audit: dict[str, dict[str, int]] = {}
    for rec in recs:
        if rec.audit_title and rec.priority:
            audit = by_audit.setdefault(rec.audit_title, {})
            audit[rec.priority] = audit.get(rec.priority, 0) + 1
    if by_audit:
        counts["by_audit"] = by_audit
    return counts


def _rag_population(main: list[Recommendation], declared: dict) -> list[Recommendation]:
    """What the RAG columns count: every recommendation when they add up to the total, else
    (a `Remaining` group beside Completed / Not adopted columns) those still open."""
    if sum(declared["by_rag"].values()) == declared.get("total"):
        return main
    return [r for r in main if r.status not in CLOSING_STATUSES]


def _audit_recs(recs: list[Recommendation], key: str) -> list[Recommendation]:
    """The recommendations of the audit a counts line belongs to (`TITLE` or, where two
    audits share a title, `TITLE (September 2018)`)."""
    title, _, dated = key.partition(" (")
    found = [r for r in recs if _audit_key(r) == normalise_title(title)]
    if dated:
        found = [r for r in found if r.audit_date and r.audit_date.raw == dated.rstrip(")")]
    return found


def compare(paper: Paper) -> list[Comparison]:
    """Every declared figure against its extracted count."""
    declared = paper.declared_counts
    if not declared:
        return []
    recs = paper.recommendations
    main = [r for r in recs if r.section == "main"]
    out: list[Comparison] = []
    if declared.get("total") is not None:
        out.append(Comparison("total", "", declared["total"], len(main)))
    if declared.get("proposed_closed") is not None:
        closed = sum(1 for r in main if r.status == Status.PROPOSED_CLOSED)
        out.append(Comparison("proposed_closed", "", declared["proposed_closed"], closed))
    got = _by_priority(main)
    for word, n in (declared.get("by_priority") or {}).items():
        out.append(Comparison("priority", word, n, got.get(word, 0)))
    if declared.get("by_rag"):
        counted = _rag_population(main, declared)
        shown = sum(1 for r in counted if r.rag)
        rag = _by_rag(counted)
        note = "" if shown == len(counted) else f"RAG shown for {shown} of {len(counted)}"
        for colour, n in declared["by_rag"].items():
            got_rag = None if note else rag.get(colour, 0)
            out.append(Comparison("rag", colour, n, got_rag, note=note))
    for key, made in (declared.get("by_audit") or {}).items():
        listed = _by_priority(_audit_recs(recs, key))
        for word, n in made.items():
            out.append(Comparison("audit", f"{key} / {word}", n, listed.get(word, 0), "at_most"))
    return out


def _difference(c: Comparison) -> str:
    if c.scope == "total":
        return f"declares {c.declared} recommendations, found {c.extracted}"
    if c.scope == "proposed_closed":
        return f"declares {c.declared} proposed closed, found {c.extracted}"
    if c.scope == "audit":
        audit, _, word = c.key.rpartition(" / ")
        return f"{audit}: the audit made {c.declared} {word}, this paper lists {c.extracted}"
    return f"declares {c.declared} {c.key}, found {c.extracted}"


def reconcile(paper: Paper) -> tuple[bool | None, list[str]]:
    """Compare the paper's own counts with what was extracted (kept in
    `paper.reconciliation`); say where they differ."""
    paper.reconciliation = compare(paper)
    if not paper.declared_counts:
        return None, []
    problems = [_difference(c) for c in paper.reconciliation if c.ok is False]
    return not problems, problems
