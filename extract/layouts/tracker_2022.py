"""The 2022–25 Appendix table layout: one table row per recommendation.

Columns `Audit Title | Risk | Recommendation Reference | Business Owner – Action Plan Updates`
(no Threat column: that is the 2021 layout). Priorities are High / Medium / Low, printed as
`Medium Priority Recommendation:` and/or in the Risk column; audits carry `SATISFACTORY
ASSURANCE` or the newer `MODERATE OPINION March 2024`. References are `4.2`, `1.` or missing
(the short title alone). An empty Audit Title cell means the audit of the row above, except
where the next audit's heading landed at the bottom of the previous row (a page break): a
second heading in an Audit Title cell belongs to the next row. A row whose reference cell is
empty is the rest of the row above (split by a page break).

Updates are dated headings (`UPDATE August 2025:`, `August 2025 Update:`), some without a year
(`UPDATE October:`, dated by the shared step `extract.update_dates` only when one year fits).
Question-and-answer updates end `Is the recommendation 'proposed closed'? Yes/No`: the last
answer decides. Everything is the shared table pipeline; this module is the spec.

The cover report's proposed-closed table (audit, H/M/L, reference, page) and its Table of
Original / Current Target Dates are read and checked against the appendix; every disagreement
is a warning in `paper.warnings`, the appendix staying authoritative.
"""

from __future__ import annotations

from jarap.extract import table_tracker
from jarap.extract.layouts.spec import Cue, HeaderCue, LayoutOptions, LayoutSpec
from jarap.extract.vocab import priority_alternation

NAME = "tracker-2022"

SPEC = LayoutSpec(
    name=NAME,
    kind="tracker",
    parse=table_tracker.parse,
    header=HeaderCue(
        table_tracker.TRACKER_ROLES,
        required=frozenset({"audit", "priority", "ref", "update"}),
        forbidden=frozenset({"threat"}),
    ),
    cues=(
        Cue(
            "High / Medium / Low priorities",
            r"\b(?:High|Medium|Low)\s+Priority\b|^(?:High|Medium|Low|[HML])$",
            min_count=2,
        ),
        Cue(
            "a table of original and current target dates", r"^Original Target Date", where="cells"
        ),
        Cue(
            "Fundamental / Significant labels",
            rf"\b(?:{priority_alternation('fundamental')}) Recommendation:",
            weight=-1,
        ),
    ),
    options=LayoutOptions(
        cover_tables=frozenset({"declared_counts", "proposed_closed", "targets"}),
        yearless_update_dates=True,
    ),
    description="2022-25 High/Medium/Low table",
)
