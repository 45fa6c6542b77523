"""The 2021 Appendix-A table layout: one table row per recommendation.

Columns `Audit Title | Risk | Threat to Delivering | Recommendation Reference | Business Owner
Update`; `“` in the Audit Title column means the audit of the row above. Priority is printed
in the text (`Significant Recommendation:`) or only as the Risk cell's colour, decoded through
the paper's own legend row (`RISK LEVEL | FUNDAMENTAL | SIGNIFICANT | Housekeeping`): that
legend is this layout's one hook. After `END`, a second table lists the housekeeping
recommendations tracked by SORB. Everything else is the shared table-tracker pipeline.
"""

from __future__ import annotations

from collections.abc import Callable

from jarap.extract import table_tracker
from jarap.extract.layouts.spec import Cue, HeaderCue, Hooks, LayoutOptions, LayoutSpec
from jarap.extract.vocab import priority_alternation, priority_word
from jarap.ingest.document import Cell, Document

NAME = "tracker-2021"


def read_colour_legend(doc: Document) -> dict[str, str]:
    """Fill colour -> priority word, from the paper's own `RISK LEVEL` legend row."""
    legend: dict[str, str] = {}
    for table in doc.tables:
        for row in table.rows:
            if not row.cells or "risk level" not in row.cells[0].text.lower():
                continue
            for cell in row.cells[1:]:
                word = priority_word(cell.text)
                if cell.shading and word:
                    legend[cell.shading.upper()] = word
    return legend


def colour_priority(doc: Document) -> Callable[[Cell], str | None]:
    """A reader of a Risk cell's priority from its fill colour, through the paper's legend."""
    legend = read_colour_legend(doc)
    return lambda cell: legend.get(cell.shading.upper()) if cell.shading else None


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
    hooks=Hooks(cell_priority=colour_priority),
    description="2021 Appendix-A table with a Threat column; priority by Risk-cell colour",
)
