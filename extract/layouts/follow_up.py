"""Other internal auditors' follow-up reports: one table per audit, one row per action.

Each table sits under a heading giving the audit, its report date and its assurance opinion
(`Payroll Controls – report issued March 2023 – Limited Assurance`). The columns are found by
what they mean, in any order and wording: `Ref | Recommendation / Management action |
Priority | Responsible officer / owner | Original / Agreed date | Revised date | Status |
Update / Comments`. Priorities may be numbered (`1 (High)`, `Priority 2`, `P3`), statuses are
words (`Partly implemented`), a revised date may hold several revisions. The cover's counts
by priority are the declared counts; summary and definition tables hold no actions. All of it
is the shared pipeline (`table_tracker.parse_audit_tables`); this module is the spec.
"""

from __future__ import annotations

from jarap.extract import table_tracker
from jarap.extract.columns import Role
from jarap.extract.layouts.spec import Cue, HeaderCue, LayoutSpec

NAME = "follow-up"

# first match wins per header cell, so `Action Owner` is an owner before it is an action
FOLLOW_UP_ROLES = (
    # a register's audit column: the spec's papers never print one (`forbidden`)
    Role("audit", (r"^audit\b(?! recommendation)", r"^review$")),
    Role("ref", (r"^ref\b", r"^no\.?$", r"^#$", r"^(?:rec(?:ommendation)?|action)\.? (?:no|ref)")),
    Role("owner", (r"responsib", r"owner", r"^(?:lead )?officer", r"^lead\b")),
    Role("action", (r"management action", r"agreed action", r"^recommendation", r"^action\b")),
    Role("priority", (r"^priority", r"^risk\b", r"^rating", r"^grade")),
    Role("revised", (r"revised", r"^new .*date", r"current target")),
    Role("original", (r"original", r"^agreed .*date", r"implementation date", r"^(?:target|due)")),
    Role("status", (r"status",)),
    Role("update", (r"update", r"comment", r"progress", r"position")),
)

SPEC = LayoutSpec(
    name=NAME,
    kind="tracker",
    parse=table_tracker.parse_audit_tables,
    header=HeaderCue(
        FOLLOW_UP_ROLES,
        required=frozenset({"ref", "action", "priority", "owner", "status"}),
        forbidden=frozenset({"audit"}),
    ),
    cues=(
        Cue(
            "audit headings with an assurance opinion",
            r"(?i)\b(?:substantial|reasonable|"
            r"limited|moderate|satisfactory|minimal|no)\s+assurance\b",
            where="paragraphs",
        ),
        Cue(
            "status words (`Partly implemented`, `In progress`)",
            r"(?i)^(?:(?:not|partly|partially)\s+)?implemented$|^(?:in progress|ongoing)$",
            where="cells",
            min_count=2,
        ),
        Cue("an appendix table headed `Audit Title`", r"^Audit Title$", weight=-3, where="cells"),
    ),
    cover_tables=frozenset({"declared_counts"}),
    dates_yearless_updates=True,
    description="other auditors' follow-up tables, one per audit",
)
