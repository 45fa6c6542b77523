"""The cover tables against the appendix: every comparison is recorded, every disagreement
is a warning.

The appendix stays authoritative where it states something; where it is silent the cover
fills in: a priority from the proposed-closed table, a proposed closure the appendix did not
state, the audit of a recommendation the appendix printed no heading for, and the targets of
a recommendation without a target line (from the Table of Original / Current Target Dates).
Each comparison is kept as a `CoverCheck` on the paper (agrees / differs / filled /
not_found) for `jarap check`. The same rules apply to every layout whose paper prints these
tables.
"""

from __future__ import annotations

from jarap.extract.cover import TargetRow
from jarap.extract.dates import DateValue
from jarap.extract.records import CoverCheck, Paper, ProposedClosed, Recommendation, Target
from jarap.extract.vocab import PRIORITY_LETTERS, Status, same_audit, same_title

_LETTER = {word: letter for letter, word in PRIORITY_LETTERS.items()}
PROPOSED_CLOSED, TARGET_DATES = "proposed_closed", "target_dates"


def find_listed(
    recs: list[Recommendation], audit: str, ref: str | None, title: str | None
) -> Recommendation | None:
    """The recommendation a cover-table row names: same audit, then same ref (or title).
    Two audits of one name listed together (an area and its re-audit, refs restarting at
    1) both have a `1`: the row's title says which."""
    found = []
    for rec in recs:
        if not same_audit(audit, rec.audit_title):
            continue
        if ref and rec.ref:
            if ref == rec.ref:
                found.append(rec)
        elif same_title(title, rec.title):
            found.append(rec)
    if len(found) > 1 and title:
        found = [r for r in found if same_title(title, r.title)] or found
    return found[0] if found else None


def _unheaded(
    recs: list[Recommendation], item: ProposedClosed, unheaded: set[int]
) -> Recommendation | None:
    """The one recommendation, printed without an audit heading of its own (so it took the
    audit above), that has the table row's reference and title: the table names its audit."""
    found = [
        r
        for r in recs
        if id(r) in unheaded
        and (not item.ref or item.ref == r.ref)
        and item.title
        and same_title(item.title, r.title)
    ]
    return found[0] if len(found) == 1 else None


def _refile(
    recs: list[Recommendation], rec: Recommendation, unheaded: set[int], item: ProposedClosed
) -> list[Recommendation]:
    """File `rec` under the table's audit, and with it the unheaded recommendations after it
    that took the same audit from above (they took it from `rec`'s row): up to the next
    recommendation printed with a heading. Assurance and audit date are not printed."""
    was = rec.audit_title
    at = next(i for i, r in enumerate(recs) if r is rec)
    moved = [rec]
    for later in recs[at + 1 :]:
        if id(later) not in unheaded or later.audit_title != was:
            break
        moved.append(later)
    for r in moved:
        r.audit_title, r.assurance, r.audit_date = item.audit_title, None, None
        if item.source is not None:
            r.provenance["audit_title"] = item.source
    return moved


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


class _Checks:
    """Collects the paper's cover checks and warnings."""

    def __init__(self, paper: Paper) -> None:
        self.paper = paper

    def add(self, table: str, label: str, field: str, outcome: str, detail: str = "") -> None:
        self.paper.cover_checks.append(CoverCheck(table, label, field, outcome, detail))

    def warn(self, text: str) -> None:
        self.paper.warnings.append(text)


def _check_proposed_closed(
    checks: _Checks,
    recs: list[Recommendation],
    explicit: dict[int, bool],
    unheaded: set[int],
) -> None:
    paper = checks.paper
    listed: set[int] = set()
    for item in paper.proposed_closed:
        label = f"{item.audit_title} {_label(item.ref, item.title)}"
        where = f"proposed-closed table lists {label}"
        rec = find_listed(recs, item.audit_title, item.ref, item.title)
        if rec is None and (rec := _unheaded(recs, item, unheaded)) is not None:
            was = rec.audit_title
            for moved in _refile(recs, rec, unheaded, item):
                checks.add(
                    PROPOSED_CLOSED, _name(moved), "listed", "filled", f"audit (was {was!r})"
                )
        elif rec is None:
            checks.warn(f"{where}, not found in the appendix")
            checks.add(PROPOSED_CLOSED, label, "listed", "not_found")
            continue
        else:
            checks.add(PROPOSED_CLOSED, label, "listed", "agrees")
        listed.add(id(rec))
        if item.priority and rec.priority is None:
            rec.priority, rec.priority_source = item.priority, "table"
            if item.source is not None:
                rec.provenance["priority"] = item.source
            checks.add(PROPOSED_CLOSED, label, "priority", "filled", item.priority)
        elif item.priority and rec.priority and item.priority != rec.priority:
            checks.warn(
                f"{where} as {_LETTER.get(item.priority, item.priority)} "
                f"({item.priority}), the appendix says {rec.priority}"
            )
            checks.add(
                PROPOSED_CLOSED,
                label,
                "priority",
                "differs",
                f"the table {item.priority}, the appendix {rec.priority}",
            )
        elif item.priority:
            checks.add(PROPOSED_CLOSED, label, "priority", "agrees", item.priority)
        if rec.status == Status.PROPOSED_CLOSED:
            checks.add(PROPOSED_CLOSED, label, "status", "agrees")
        elif explicit.get(id(rec)):
            checks.warn(f"{where}, the appendix does not propose it closed")
            checks.add(
                PROPOSED_CLOSED, label, "status", "differs", f"the appendix says {rec.status}"
            )
        else:
            rec.status = Status.PROPOSED_CLOSED
            if item.source is not None:
                rec.provenance["status"] = item.source
            checks.add(PROPOSED_CLOSED, label, "status", "filled")
    if paper.proposed_closed:
        for rec in recs:
            if rec.status == Status.PROPOSED_CLOSED and id(rec) not in listed:
                checks.warn(
                    f"{_name(rec)} is proposed closed in the appendix but not in the "
                    "proposed-closed table"
                )
                checks.add(PROPOSED_CLOSED, _name(rec), "listed", "differs", "not in the table")


def _fill_targets(rec: Recommendation, row: TargetRow) -> None:
    """The appendix states no target: the table's original and current ones, with the
    table row as their provenance."""
    values = [v for v in (row.original, row.current) if v is not None and v.date is not None]
    if len(values) == 2 and not _differ(values[0], values[1]):
        values = values[:1]
    rec.targets = [
        Target(v, source_text=row.source.text if row.source else "", source=row.source)
        for v in values
    ]
    rec.current_target = values[-1] if values else None
    if row.source is not None and values:
        rec.provenance["original_target"] = rec.provenance["current_target"] = row.source


def _check_targets(checks: _Checks, recs: list[Recommendation], targets: list[TargetRow]) -> None:
    for row in targets:
        label = f"{row.audit_title} {_label(row.ref, row.title)}"
        rec = find_listed(recs, row.audit_title, row.ref, row.title)
        if rec is None:
            checks.warn(
                f"target-date table lists {row.audit_title} {_label(row.ref, row.title)}, "
                "not found in the appendix"
            )
            checks.add(TARGET_DATES, label, "listed", "not_found")
            continue
        checks.add(TARGET_DATES, label, "listed", "agrees")
        if not rec.targets and rec.current_target is None:
            _fill_targets(rec, row)
            for field, value in (
                ("original_target", row.original),
                ("current_target", row.current),
            ):
                if value is not None:
                    checks.add(TARGET_DATES, label, field, "filled", value.raw)
            continue
        for field, table_value, own in (
            ("original_target", row.original, rec.original_target),
            ("current_target", row.current, rec.current_target),
        ):
            if _differ(table_value, own):
                kind = field.split("_")[0]
                checks.warn(
                    f"target-date table gives {_name(rec)} {kind} target {_raw(table_value)}, "
                    f"the appendix {_raw(own)}"
                )
                checks.add(
                    TARGET_DATES,
                    label,
                    field,
                    "differs",
                    f"the table {_raw(table_value)}, the appendix {_raw(own)}",
                )
            else:
                checks.add(TARGET_DATES, label, field, "agrees", _raw(table_value))


def cross_check(
    paper: Paper,
    explicit: dict[int, bool],
    targets: list[TargetRow],
    unheaded: set[int] | None = None,
) -> None:
    """Check the proposed-closed and target-date tables against the appendix, recording one
    `CoverCheck` per comparison.

    `explicit` says, per recommendation (by id), whether the appendix stated its status;
    `unheaded` holds the recommendations printed without an audit heading of their own."""
    recs = [r for r in paper.recommendations if r.section == "main"]
    checks = _Checks(paper)
    _check_proposed_closed(checks, recs, explicit, unheaded or set())
    _check_targets(checks, recs, targets)
