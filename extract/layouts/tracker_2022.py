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
(`UPDATE October:`), dated here from the previous dated update (the next year when the month
comes earlier) or else the paper's date, never later than the paper. Question-and-answer
updates end `Is the recommendation 'proposed closed'? Yes/No`: the last answer decides.

The cover report's proposed-closed table (audit, H/M/L, reference, page) and its Table of
Original / Current Target Dates are read and checked against the appendix; every disagreement
is a warning in `paper.warnings`, the appendix staying authoritative.
"""

from __future__ import annotations

import datetime
import re

from jarap.extract import table_tracker
from jarap.extract.dates import DateValue
from jarap.extract.layouts.spec import Cue, HeaderCue, Hooks, LayoutSpec
from jarap.extract.records import Paper, Recommendation, Update
from jarap.extract.vocab import month_end, month_number

NAME = "tracker-2022"


def date_yearless_updates(updates: list[Update], paper_date: DateValue | None) -> None:
    """Date `UPDATE October` from context: the previous dated update's year (the next year if
    its month is earlier), else the paper's year; never later than the paper's date."""
    limit = paper_date.date if paper_date is not None else None
    previous: datetime.date | None = None
    for update in updates:
        if update.date is not None and update.date.date is not None:
            previous = update.date.date
            continue
        month = next(
            (
                month_number(w)
                for w in re.findall(r"[a-z]+", update.heading.lower())
                if month_number(w) is not None
            ),
            None,
        )
        base = previous or limit
        if month is None or base is None:
            continue
        year = base.year + (1 if previous is not None and month < previous.month else 0)
        end = month_end(year, month)
        while limit is not None and end > limit:
            year -= 1
            end = month_end(year, month)
        update.date = DateValue(raw=update.heading, date=end, precision="month")
        previous = end


def _date_updates(rec: Recommendation, paper: Paper) -> None:
    date_yearless_updates(rec.updates, paper.paper_date)


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
        Cue("High / Medium / Low priorities",
            r"\b(?:High|Medium|Low)\s+Priority\b|^(?:High|Medium|Low|[HML])$", min_count=2),
        Cue("a table of original and current target dates", r"^Original Target Date",
            where="cells"),
        Cue("Fundamental / Significant labels", r"\b(?:Fundamental|Significant) Recommendation:",
            weight=-1),
    ),
    cover_tables=frozenset({"declared_counts", "proposed_closed", "targets"}),
    hooks=Hooks(date_updates=_date_updates),
    description="2022-25 High/Medium/Low table; year-less update headings dated from context",
)
