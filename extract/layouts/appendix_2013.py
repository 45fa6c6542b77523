"""The 2013–16 appendix: two auditors in one paper, Appendix A as running text per audit.

The cover prints one counts table per auditor (High / Medium / Low for one, Fundamental /
Significant / Housekeeping for the other; RED, AMBER, GREEN, Completed, Not Adopted (GREY),
Total), summed by the shared cover step. Each audit is a table row under `Status | Internal
Audit Report | Audit Report Date` (`AMBER | SEIZED AND FOUND PROPERTY (3.14/15) | 11 September
2014`: the RAG is the audit's, the bracket its report number), a counts line `HIGH: 0 MEDIUM: 1
LOW: 0`, then `Medium Recommendation 1.1:` blocks with no title. All of that is the shared
block pipeline; its year-less update headings are the shared step `extract.update_dates`.
"""

from __future__ import annotations

from jarap.extract import block_tracker
from jarap.extract.layouts.spec import Cue, LayoutOptions, LayoutSpec
from jarap.extract.vocab import PANEL_SCALES, RAG_WORD, priority_alternation

NAME = "appendix-2013"

SPEC = LayoutSpec(
    name=NAME,
    kind="tracker",
    parse=block_tracker.parse,
    cues=(
        Cue(
            "recommendation headings `Medium Recommendation 1.1:`",
            rf"^(?:{priority_alternation(*PANEL_SCALES)})\s+Recommendation\s+"
            r"\d{1,2}\.\d{1,2}\s*:",
            weight=2,
            where="paragraphs",
        ),
        Cue(
            "audit rows `Status | Internal Audit Report | Audit Report Date`",
            r"^Status\W+Internal Audit Report\W+Audit Report Date$|^Internal Audit Report$",
            weight=2,
        ),
        Cue(
            "audit report numbers `(3.14/15)`",
            rf"^{RAG_WORD}?\s*[A-Z][A-Z ,&'–-]+\(\d{{1,2}}\.\d{{2}}/\d{{2}}\)",
        ),
    ),
    options=LayoutOptions(yearless_update_dates=True),
    description="2013-16 appendix: two auditors, audit rows with a RAG, untitled blocks",
)
