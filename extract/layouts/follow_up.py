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
from jarap.extract.columns import roles
from jarap.extract.layouts.spec import Cue, HeaderCue, LayoutOptions, LayoutSpec
from jarap.extract.vocab import OPINION_WORD, status_cell

NAME = "follow-up"

# first match wins per header cell, so `Action Owner` is an owner before it is an action
FOLLOW_UP_ROLES = roles("follow-up")

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
            rf"(?i)\b{OPINION_WORD}\s+assurance\b",
            where="paragraphs",
        ),
        Cue(
            "status words (`Partly implemented`, `In progress`)",
            status_cell("not implemented", "partly implemented", "implemented", "in progress"),
            where="cells",
            min_count=2,
        ),
        Cue("an appendix table headed `Audit Title`", r"^Audit Title$", weight=-3, where="cells"),
    ),
    options=LayoutOptions(cover_tables=frozenset({"declared_counts"}), yearless_update_dates=True),
    description="other auditors' follow-up tables, one per audit",
)
