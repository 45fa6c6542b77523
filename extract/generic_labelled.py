"""Labelled blocks: a caption that opens a recommendation, then `Label: value` lines.

`Recommendation 3 (Medium priority)` / `2.1 Title` / a bold line, followed by lines such as
`Management action: …`, `Responsible officer: …`, `Target date: …`, `Revised target: …`,
`Position at follow-up (March): …`; a numbered list of such blocks reads the same. A line
without a label continues the value above it. The labels are read by what they name
(`generic_tables.label_role`), the caption by `vocab.RECORD_CAPTION` / `NUMBERED_CAPTION`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jarap.extract.generic_heading import is_audit_heading, is_metadata_line
from jarap.extract.generic_tables import label_role
from jarap.extract.vocab import CAPTION_PRIORITY, NUMBERED_CAPTION, RECORD_CAPTION, priority_word
from jarap.ingest.document import Paragraph, Run

# `Label: value`; the label may end in a bracket (`Position at follow-up (March 2024):`)
_LABELLED = re.compile(
    r"^\s*([A-Za-z][A-Za-z /&'.,\-]{1,60}?(?:\s*\([^()]{1,40}\))?)\s*:\s*(.*)$", re.S
)
_CAPTION = re.compile(RECORD_CAPTION, re.I | re.S)
_NUMBERED = re.compile(NUMBERED_CAPTION, re.S)
_CAPTION_PRIORITY = re.compile(CAPTION_PRIORITY, re.I)

CAPTION_MAX = 220
LABEL_WORDS = 5  # a label is a few words (`Agreed implementation date`)
# a block needs this many labelled lines naming roles
MIN_LABELS = 2


@dataclass
class Caption:
    paragraph: Paragraph
    ref: str | None
    title: str
    priority: str | None


@dataclass
class LabelledLine:
    role: str
    label: str
    value: Paragraph  # the value as a paragraph at the line's place (label taken off)
    lines: list[Paragraph] = field(default_factory=list)  # lines continuing it


def labelled_line(para: Paragraph) -> LabelledLine | None:
    """`Label: value` whose label names a role (`Responsible officer: Ann Lee`)."""
    m = _LABELLED.match(para.text)
    if not m or len(re.sub(r"\(.*\)", "", m.group(1)).split()) > LABEL_WORDS:
        return None  # a sentence ending in a colon is no label
    role = label_role(m.group(1))
    if role is None or role in ("audit",):
        return None
    value = para.copy()
    value.runs = [Run(m.group(2).strip(), *_style(para))] if m.group(2).strip() else []
    return LabelledLine(role, " ".join(m.group(1).split()), value)


def _style(para: Paragraph) -> tuple[bool, bool, bool]:
    last = para.runs[-1] if para.runs else Run("")
    return last.bold, last.underline, last.strike


def caption(para: Paragraph) -> Caption | None:
    """A paragraph that could open a recommendation: its ref, title and printed priority."""
    flat = " ".join(para.text.replace("*", "").split())
    if not flat or len(flat) > CAPTION_MAX:
        return None
    ref: str | None = None
    rest = flat
    m = _CAPTION.match(flat) or _NUMBERED.match(flat)
    if m:
        ref, rest = m.group(1).rstrip("."), m.group(2)
    priority = None
    found = _CAPTION_PRIORITY.search(rest)
    if found:
        priority = priority_word(found.group(1) or found.group(2) or "")
        if priority is not None:
            rest = (rest[: found.start()] + rest[found.end() :]).strip()
    title = rest.strip(" –—-:.;,")
    if ref is None and not (para.runs and all(r.bold for r in para.runs if r.text.strip())):
        return None
    return Caption(para, ref, title, priority)


def block_at(paras: list[Paragraph], i: int) -> tuple[Caption | None, list[LabelledLine], int]:
    """The labelled block opening at paras[i] (a caption then labelled lines, or labelled lines
    alone starting with the recommendation's text): caption, lines, paragraphs used; used 0
    when no block opens here."""
    cap = None if labelled_line(paras[i]) else caption(paras[i])
    start = i + 1 if cap is not None else i
    lines: list[LabelledLine] = []
    j = start
    while j < len(paras):
        para = paras[j]
        text = para.text.strip()
        if not text:
            j += 1
            continue
        line = labelled_line(para)
        if line is not None:
            if any(x.role == line.role for x in lines) and line.role != "update":
                break  # a second `Recommendation:`: the next block
            lines.append(line)
        elif lines and not _opens_something(paras, j):
            lines[-1].lines.append(para)
        else:
            break
        j += 1
    roles = {x.role for x in lines}
    enough = len(roles - {"action", "title"}) >= MIN_LABELS
    if cap is None and (not lines or lines[0].role not in ("action", "title")):
        return None, [], 0
    if not enough or not roles & {"action", "title"}:  # a block states its recommendation
        return None, [], 0
    return cap, lines, j - i


def _opens_something(paras: list[Paragraph], j: int) -> bool:
    """A line that ends the block above: a heading, a metadata line, a new caption."""
    para = paras[j]
    if is_audit_heading(para) or is_metadata_line(para.text):
        return True
    return (
        caption(para) is not None and j + 1 < len(paras) and labelled_line(paras[j + 1]) is not None
    )
