"""The 2021 Appendix-A table layout: one table row per recommendation.

Columns `Audit Title | Risk | Threat to Delivering | Recommendation Reference | Business Owner
Update`; `“` in the Audit Title column means the audit of the row above. Priority is printed
in the text (`Significant Recommendation:`) or only as the Risk cell's colour, decoded through
the paper's own legend row (`RISK LEVEL | FUNDAMENTAL | SIGNIFICANT | Housekeeping`) by the
one colour-key reader (`colour_key.fill_priority`): that is this layout's one hook. After `END`,
a second table lists the housekeeping recommendations tracked by SORB. Everything else is the
shared table-tracker pipeline.
"""

from __future__ import annotations

from jarap.extract import table_tracker
from jarap.extract.colour_key import fill_priority
from jarap.extract.layouts.spec import Cue, HeaderCue, Hooks, LayoutOptions, LayoutSpec
from jarap.extract.vocab import priority_alternation

NAME = "tracker-2021"


SPEC = LayoutSpec(
    name=NAME,
    kind="tracker",
    parse=table_tracker.parse,
    header=HeaderCue(
        table_tracker.TRACKER_ROLES,
        required=frozenset({"audit", "priority", "threat", "ref", "update"}),
    ),
    cues=(
        Cue(
            "Fundamental / Significant / Housekeeping priorities",
            rf"\b(?:{priority_alternation('fundamental')})\b",
            min_count=3,
        ),
        Cue("a RISK LEVEL colour legend", r"^RISK LEVEL\b", where="cells"),
        Cue(
            "High / Medium / Low priority labels",
            r"\b(?:High|Medium|Low) Priority Recommendation",
            weight=-1,
        ),
    ),
    options=LayoutOptions(cover_tables=frozenset({"declared_counts", "proposed_closed"})),
    hooks=Hooks(cell_priority=fill_priority),
    description="2021 Appendix-A table with a Threat column; priority by Risk-cell colour",
)
