"""Other panels' audit-status reports: a table of audits, `Ref | Title/Published/Owner |
Update | On track`, among narrative sections and other tables. Exported to `audits.jsonl`.
Everything is the shared audit-table pipeline (`extract.audit_table`); this is the spec."""

from __future__ import annotations

from jarap.extract import audit_table
from jarap.extract.layouts.spec import Cue, HeaderCue, LayoutSpec

NAME = "audit-status"

SPEC = LayoutSpec(
    name=NAME,
    kind="audit_report",
    parse=audit_table.parse,
    header=HeaderCue(audit_table.AUDIT_ROLES, required=audit_table.AUDIT_REQUIRED),
    cues=(
        Cue("stacked `Published:` lines", r"(?i)\bpublished\s*:", where="cells", min_count=2),
        Cue("stacked `Follow Up:` lines", r"(?i)\bfollow[\s-]*up\s*:", where="cells"),
        Cue("an appendix table headed `Audit Title`", r"^Audit Title$", weight=-3, where="cells"),
    ),
    description="other panels' audit-status tables (audits.jsonl)",
)
