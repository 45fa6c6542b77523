"""The 2016–20 per-audit block layout: Appendix A as running text, one block per audit.

`FLEET MANAGEMENT – SATISFACTORY ASSURANCE September 2018`, a counts line
`FUNDAMENTAL: 0 SIGNIFICANT: 4 HOUSEKEEPING: 1`, then per recommendation `Significant – 4.2
Title`, `Implementation Target Date: … revised to …`, `Person Responsible:`, `Update November
2019: …`, `PROPOSED CLOSED`; the SORB list after `END`. Everything is the shared block
pipeline (`extract.block_tracker`); this module is the spec that recognises the layout.
"""

from __future__ import annotations

from jarap.extract import block_tracker
from jarap.extract.layouts.spec import Cue, LayoutOptions, LayoutSpec
from jarap.extract.vocab import PANEL_SCALES, priority_alternation

NAME = "tracker-2020"


SPEC = LayoutSpec(
    name=NAME,
    kind="tracker",
    parse=block_tracker.parse,
    cues=(
        Cue(
            "recommendation headings `Significant – 4.2 Title`",
            rf"^(?:{priority_alternation(*PANEL_SCALES)})\b\s*(?:[–—-]\s*)?"
            r"(?:\d{1,2}\.\d{1,2}\.?\s+\S|\S.*\s\d{1,2}\.\d{1,2}\.?$)",
            weight=2,
            where="paragraphs",
        ),
        Cue(
            "audit counts lines `FUNDAMENTAL: 0 SIGNIFICANT: 4`",
            r"FUNDAMENTAL\s*:?\s*\d+\s*,?\s+SIGNIFICANT\s*:?\s*\d+",
        ),
        Cue(
            "`Implementation Target Date:` labels",
            r"^(?:Person\s+Responsible\s+and\s+)?(?:Implementation\s+|Revised\s+)?"
            r"Target\s+Dates?\b[^:\n]{0,40}[:\-–]",
            where="paragraphs",
        ),
        Cue("an appendix table headed `Audit Title`", r"^Audit Title$", weight=-3, where="cells"),
        Cue(
            "untitled headings `Medium Recommendation 1.1:` (the 2013-16 appendix)",
            rf"^(?:{priority_alternation(*PANEL_SCALES)})\s+Recommendation\s+"
            r"\d{1,2}\.\d{1,2}\s*:",
            weight=-2,
            where="paragraphs",
        ),
    ),
    # `UPDATE October`: dated only when one year fits
    options=LayoutOptions(yearless_update_dates=True),
    description="2016-20 per-audit blocks (Appendix A as running text)",
)
