"""The cover tables against the appendix: every disagreement is a warning.

The appendix stays authoritative where it states something; where it is silent the cover
fills in (a priority from the proposed-closed table, a proposed closure the appendix did not
state). The same rules apply to every layout whose paper prints these tables.
"""

from __future__ import annotations

from jarap.extract.cover import TargetRow
from jarap.extract.dates import DateValue
from jarap.extract.records import Paper, Recommendation
from jarap.extract.vocab import PRIORITY_LETTERS, Status, same_audit, same_title

_LETTER = {word: letter for letter, word in PRIORITY_LETTERS.items()}


def find_listed(
    recs: list[Recommendation], audit: str, ref: str | None, title: str | None
) -> Recommendation | None:
    """The recommendation a cover-table row names: same audit, then same ref (or title)."""
    for rec in recs:
        if not same_audit(audit, rec.audit_title):
            continue
        if ref and rec.ref:
            if ref == rec.ref:
                return rec
        elif same_title(title, rec.title):
            return rec
    return None


def _label(ref: str | None, title: str | None) -> str:
    return ref if ref else repr(title)


def _name(rec: Recommendation) -> str:
    return f"{rec.audit_title} {_label(rec.ref, rec.title)}"


def _differ(a: DateValue | None, b: DateValue | None) -> bool:
    if a is None or b is None:
        return (a is None) != (b is None)
    return a.date != b.date


def _raw(value: DateValue | None) -> str:
    return value.raw if value is not None else "none"


def cross_check(paper: Paper, explicit: dict[int, bool], targets: list[TargetRow]) -> None:
    """Check the proposed-closed and target-date tables against the appendix.

    `explicit` says, per recommendation (by id), whether the appendix stated its status."""
    recs = [r for r in paper.recommendations if r.section == "main"]
    listed: set[int] = set()
    for item in paper.proposed_closed:
        rec = find_listed(recs, item.audit_title, item.ref, item.title)
        where = f"proposed-closed table lists {item.audit_title} {_label(item.ref, item.title)}"
        if rec is None:
            paper.warnings.append(f"{where}, not found in the appendix")
            continue
        listed.add(id(rec))
        if item.priority and rec.priority and item.priority != rec.priority:
            paper.warnings.append(
                f"{where} as {_LETTER.get(item.priority, item.priority)} "
                f"({item.priority}), the appendix says {rec.priority}"
            )
        if rec.status != Status.PROPOSED_CLOSED:
            if explicit.get(id(rec)):
                paper.warnings.append(f"{where}, the appendix does not propose it closed")
            else:
                rec.status = Status.PROPOSED_CLOSED
                if item.source is not None:
                    rec.provenance["status"] = item.source
        if rec.priority is None and item.priority:
            rec.priority, rec.priority_source = item.priority, "table"
            if item.source is not None:
                rec.provenance["priority"] = item.source
    if paper.proposed_closed:
        for rec in recs:
            if rec.status == Status.PROPOSED_CLOSED and id(rec) not in listed:
                paper.warnings.append(
                    f"{_name(rec)} is proposed closed in the appendix but not in the "
                    "proposed-closed table"
                )
    for row in targets:
        rec = find_listed(recs, row.audit_title, row.ref, row.title)
        if rec is None:
            paper.warnings.append(
                f"target-date table lists {row.audit_title} {_label(row.ref, row.title)}, "
                "not found in the appendix"
            )
            continue
        if _differ(row.original, rec.original_target):
            paper.warnings.append(
                f"target-date table gives {_name(rec)} original target {_raw(row.original)}, "
                f"the appendix {_raw(rec.original_target)}"
            )
        if _differ(row.current, rec.current_target):
            paper.warnings.append(
                f"target-date table gives {_name(rec)} current target {_raw(row.current)}, "
                f"the appendix {_raw(rec.current_target)}"
            )
