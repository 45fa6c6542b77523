"""Does what was extracted agree with what the paper says it contains?

Trackers print their own totals (by priority, RAG, proposed closed). Comparing them with the
extracted records is how a parser checks itself, and a disagreement is the first thing a
migration lead must look at, so every difference is said in words.
"""

from __future__ import annotations

from jarap.extract.records import Paper, Recommendation
from jarap.extract.vocab import Status


def extracted_counts(recs: list[Recommendation]) -> dict:
    main = [r for r in recs if r.section == "main"]
    by_priority: dict[str, int] = {}
    for rec in main:
        if rec.priority:
            by_priority[rec.priority] = by_priority.get(rec.priority, 0) + 1
    return {
        "by_priority": by_priority,
        "total": len(main),
        "proposed_closed": sum(1 for r in main if r.status == Status.PROPOSED_CLOSED),
    }


def reconcile(paper: Paper) -> tuple[bool | None, list[str]]:
    """Compare the paper's own counts with what was extracted; say where they differ."""
    declared = paper.declared_counts
    if not declared:
        return None, []
    got = extracted_counts(paper.recommendations)
    problems: list[str] = []
    if declared.get("total") != got["total"]:
        problems.append(f"declares {declared.get('total')} recommendations, found {got['total']}")
    if (
        declared.get("proposed_closed") is not None
        and declared["proposed_closed"] != got["proposed_closed"]
    ):
        problems.append(
            f"declares {declared['proposed_closed']} proposed closed, "
            f"found {got['proposed_closed']}"
        )
    for word, n in (declared.get("by_priority") or {}).items():
        if got["by_priority"].get(word, 0) != n:
            problems.append(f"declares {n} {word}, found {got['by_priority'].get(word, 0)}")
    return not problems, problems
