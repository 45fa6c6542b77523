"""What a column header, a label or a caption names, by its words: the spec layouts' header
roles, an audit cell's labels, the cover's labels, and the generic reader's role cues,
record captions and audit headings. Re-exported by `vocab`."""

from __future__ import annotations

import re

# -- role cues: column headers and labels --------------------------------------------------

# The columns each kind of table has, as their headers name them: role -> header wordings
# (regexes on the lower-cased header text), checked in this order, the first match winning
# per header cell (so `Action Owner` is an owner before it is an action). A spec or reader
# names the set it reads (`columns.roles("follow-up")`).
HEADER_ROLES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    # the panel's own appendix tables (2021-25)
    "tracker appendix": (
        ("audit", (r"audit title", r"^audit$", r"^audit (?:area|report)")),
        ("priority", (r"^risk\b", r"^priority\b")),
        ("threat", (r"threat",)),
        ("ref", (r"recommendation.*ref", r"^ref\b", r"^recommendation$")),
        ("update", (r"update", r"action plan", r"business owner", r"progress")),
    ),
    # other auditors' follow-up tables, one per audit
    "follow-up": (
        # a register's audit column: the spec's papers never print one (`forbidden`)
        ("audit", (r"^audit\b(?! recommendation)", r"^review$")),
        ("ref", (r"^ref\b", r"^no\.?$", r"^#$", r"^(?:rec(?:ommendation)?|action)\.? (?:no|ref)")),
        ("owner", (r"responsib", r"owner", r"^(?:lead )?officer", r"^lead\b")),
        ("action", (r"management action", r"agreed action", r"^recommendation", r"^action\b")),
        ("priority", (r"^priority", r"^risk\b", r"^rating", r"^grade")),
        ("revised", (r"revised", r"^new .*date", r"current target")),
        ("original", (r"original", r"^agreed .*date", r"implementation date", r"^(?:target|due)")),
        ("status", (r"status",)),
        ("update", (r"update", r"comment", r"progress", r"position")),
    ),
    # another panel's table of audits and how each is going
    "audit status": (
        ("ref", (r"^ref\b", r"^no\.?$")),
        ("title", (r"title", r"published", r"^audit\b")),
        ("update", (r"update", r"progress", r"position")),
        ("on_track", (r"on track", r"^rag$", r"^status$")),
    ),
    # the panel's own rolling action sheet
    "action sheet": (
        ("meeting", (r"meeting",)),
        ("minute", (r"minute",)),
        ("paper", (r"^paper",)),
        ("action", (r"^action",)),
        ("owner", (r"responsible", r"owner", r"^lead")),
        ("target", (r"target",)),
        ("update", (r"update", r"progress")),
    ),
    # the cover's list of recommendations proposed closed
    "proposed closed": (
        ("audit", (r"^audit",)),
        ("priority", (r"^risk", r"^priority", r"\(h/m/l\)")),
        ("ref", (r"reference", r"^recommendation", r"^ref\b")),
        ("page", (r"^page",)),
        ("note", (r"proposed closed", r"comment", r"note", r"reason", r"status")),
    ),
    # the cover's table of original and current target dates
    "target dates": (
        ("original", (r"original.*target", r"agreed.*date")),
        ("current", (r"current.*target", r"revised.*date")),
        ("audit", (r"^audit",)),
        ("ref", (r"^ref\b", r"reference", r"recommendation")),
        ("context", (r"context", r"comment", r"reason", r"note")),
    ),
}  # fmt: skip

# `Label: value` lines of an audit-status table's stacked title cell, by what the label means
AUDIT_CELL_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("published", re.compile(r"^(?:published|issued|report(?:ed)?|final report)\b", re.I)),
    ("follow_up", re.compile(r"^follow[\s-]*up\b", re.I)),
    ("lead", re.compile(r"^(?:lead|owner|responsible|sponsor)\b", re.I)),
    ("governance", re.compile(r"^(?:governance|board|oversight)\b", re.I)),
    ("assurance", re.compile(r"^(?:assurance|opinion|rating)\b", re.I)),
)


# the cover's metadata labels (`Subject:`, `Date |`, `Author`) and the words of a
# letterhead that name the organisation
COVER_LABELS = ("subject", "date", "author")
COVER_LABEL = re.compile(r"^(Subject|Date|Author)\b\s*[:|]?\s*(\S.*)$")
ORGANISATION_WORDS = re.compile(r"PANEL|COMMISSIONER|COMMITTEE|POLICE")


# --- generic reading (issue 18) -----------------------------------------------------------
# What a column header or a label names, by its words (lower case, spaces collapsed), for the
# generic reader (`extract.generic`): checked in this order and the first match wins, so
# `Action owner` is an owner before it is an action, `Recommendation ref` a reference before
# it is a recommendation, and `Revised target date` revised before it is a date.
GENERIC_ROLE_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ref", (r"^ref\b", r"^no\.?$", r"^#$", r"^item\b", r"^id$",
             r"^(?:rec(?:ommendation)?|action|finding)s?\.? ?(?:no\b|ref|number|#)")),
    ("audit", (r"^audit\b(?! recommendation)", r"^review\b", r"^(?:report|assignment)$")),
    ("owner", (r"responsib", r"owner", r"officer", r"^lead\b", r"^manager\b", r"accountable",
               r"^by whom")),
    ("priority", (r"priority", r"^risk\b", r"rating", r"^grade", r"categor", r"significance")),
    ("revised", (r"revised", r"^new\b.*date", r"current target", r"extended", r"^revision")),
    ("original", (r"original", r"(?<!up)date\b", r"^target", r"^due\b", r"deadline", r"timescale")),
    ("status", (r"status", r"^rag\b", r"implemented\?")),
    ("update", (r"update", r"comment", r"progress", r"position", r"^notes?$")),
    ("action", (r"recommendation", r"action", r"finding", r"^issue", r"description",
                r"response")),
    ("title", (r"^title$", r"^subject$")),
)  # fmt: skip

# roles that make a table (or a labelled block) a recommendation's: the text, and at least
# two of these beside it (the two dates count once)
GENERIC_RECORD_ROLES = frozenset({"ref", "owner", "original", "revised", "status", "priority",
                                  "update"})  # fmt: skip

# a paragraph that opens one recommendation: `Recommendation 3:`, `Rec 2.1 –`, `Ref 4 –`
RECORD_CAPTION = (
    r"^(?:recommendation|rec|ref(?:erence)?|action|finding|issue)\.?\s*(?:no\.?\s*)?"
    r"(\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?)\b\.?\s*[:.–—-]?\s*(.*)$"
)
# a numbered caption: `2.1 Title`, `3. Title`
NUMBERED_CAPTION = r"^(\d{1,3}(?:\.\d{1,3}){0,2})\.?\s+(\S.*)$"
# a priority printed in a caption: `(Medium priority)`, `– Priority: High`
CAPTION_PRIORITY = r"\(\s*([^()]{1,30}?)\s+priority\s*\)|\bpriority\s*[:–-]?\s*(\w+(?:\s*\(\w+\))?)"

# a paragraph naming the audit by a label: `Audit: Payroll`, `Audit title: …`
AUDIT_LABEL = r"^\s*(?:audit(?:\s+(?:title|area|name|report))?|review|report title)\s*:"
# a caption naming the audit: `Table 2: Payroll Controls – …`, `Appendix B – …`, `Table IV.
# …`, `Figure 4.2 | …`, `Table No. 3) …`: a caption word, a number, a separator
AUDIT_CAPTION = (
    r"^\s*(?:table|appendix|annexe?|schedule|figure|exhibit)\s+(?:no\.?\s*)?[\w.]{1,5}"
    r"\s*[:.–—|)-]\s*"
)
# the metadata line under an audit heading: `Original report issued: March 2023 | Assurance
# opinion: Limited`
AUDIT_METADATA = (
    r"(?i)\b(?:report\s+(?:issued|date|dated)|issued|published|(?:assurance\s+)?opinion|"
    r"assurance\s+(?:level|rating)|final\s+report)\s*:"
)
