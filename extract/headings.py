"""Audit headings printed as running text, and an audit's own counts line.

`FLEET MANAGEMENT – SATISFACTORY ASSURANCE September 2018`, possibly wrapped over two or three
lines (the title, then the assurance grade, then the date), opens an audit in a block appendix
and, where a converter spilled a table's heading cell out as paragraphs, inside a table
appendix too: one rule for both. `FUNDAMENTAL: 0 SIGNIFICANT: 4 HOUSEKEEPING: 1` (any priority
words) is the audit report's own count.
"""

from __future__ import annotations

import re

from jarap.extract.dates import find_dates
from jarap.extract.furniture import only_date
from jarap.extract.vocab import ASSURANCE_RE, PANEL_SCALES, priority_alternation
from jarap.ingest.document import Paragraph

PRIORITY = rf"({priority_alternation(*PANEL_SCALES)})"
# an audit's own counts: two or more `PRIORITY: n` pairs on one line
_COUNT_PAIR = rf"{PRIORITY}\s*:?\s*(\d+)"
AUDIT_COUNTS = re.compile(rf"\b{_COUNT_PAIR}(?:\s*,?\s+{_COUNT_PAIR})+", re.I)
COUNT_PAIRS = re.compile(_COUNT_PAIR, re.I)
PROPOSED_CLOSED = re.compile(r"^\s*PROPOSED\s+CLOSED\s*[.!]?\s*$")
# the line that ends an appendix
END = re.compile(r"^\s*END\s*$")


def is_upper_title(text: str) -> bool:
    t = text.strip()
    return (
        bool(t)
        and len(t) <= 90
        and t.upper() == t
        and len(re.findall(r"[A-Z]", t)) >= 3
        and not AUDIT_COUNTS.search(t)
        and not PROPOSED_CLOSED.match(t)
        and not END.match(t)
    )


def audit_heading_at(paras: list[Paragraph], i: int) -> tuple[str, int] | None:
    """An audit heading at paras[i] (possibly over up to three lines): its text and length."""
    text = " ".join(paras[i].text.split())
    if not is_upper_title(text.split("–")[0].split(" - ")[0]) and not ASSURANCE_RE.match(text):
        return None
    m = ASSURANCE_RE.search(text)
    if m:
        before = text[: m.start()].strip(" –—-,")
        if not before or not is_upper_title(before) or len(text) > 140:
            return None
        used = 1
        if not find_dates(text[m.end() :]) and i + 1 < len(paras):
            nxt = paras[i + 1].text.strip()
            if len(nxt) < 30 and only_date(nxt):
                text, used = f"{text} {nxt}", 2
        return text, used
    if not is_upper_title(text) or i + 1 >= len(paras):
        return None
    nxt = " ".join(paras[i + 1].text.split())
    m = ASSURANCE_RE.match(nxt)
    if not m:
        return None
    text, used = f"{text} {nxt}", 2
    if not find_dates(nxt[m.end() :]) and i + 2 < len(paras):
        third = paras[i + 2].text.strip()
        if len(third) < 30 and only_date(third):
            text, used = f"{text} {third}", 3
    return text, used
