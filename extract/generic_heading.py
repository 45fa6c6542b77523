"""The audit a stretch of recommendations belongs to, from the paragraphs printed above it.

The nearest heading above wins: a short paragraph that is bold, numbered, in capitals, a
`Table n:` caption, labelled `Audit:`, or that states an assurance opinion; never a body
sentence (`The table below sets out …`). A metadata line printed under the heading
(`Original report issued: March 2023 | Assurance opinion: Limited`) gives the audit's report
date and opinion. One rule for every reader: the generic reader and the one-table-per-audit
pipeline (`table_items.audit_sections`) both take the audit from here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from jarap.extract.audit_title import read_audit_heading
from jarap.extract.vocab import ASSURANCE_RE, AUDIT_CAPTION, AUDIT_LABEL, AUDIT_METADATA
from jarap.ingest.document import Paragraph, Run

_LABEL = re.compile(AUDIT_LABEL, re.I)
_CAPTION = re.compile(AUDIT_CAPTION, re.I)
_METADATA = re.compile(AUDIT_METADATA)
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})?[.:)]?|[A-Z][.:)])\s+\S")

HEADING_MAX = 160  # characters: a longer paragraph is body text


@dataclass(frozen=True)
class AuditHeading:
    """The heading paragraph, the text read for the audit (its metadata line appended) and the
    parts: title, assurance as printed, report date."""

    paragraph: Paragraph
    text: str
    title: str
    assurance: str | None
    date: object  # DateValue | None

    def as_paragraph(self) -> Paragraph:
        """The heading with its metadata line, at the heading's place (for provenance)."""
        para = self.paragraph.copy()
        para.runs = [Run(self.text)]
        return para


def _flat(text: str) -> str:
    return " ".join(text.split())


def is_sentence(text: str) -> bool:
    """Body text: a sentence of several words ending in a full stop or a colon, or a line
    starting in lower case."""
    flat = _flat(text)
    words = flat.split()
    return bool(flat) and (
        flat[0].islower() or (flat.endswith((".", ":")) and len(words) >= 7) or len(words) > 30
    )


def is_metadata_line(text: str) -> bool:
    """`Original report issued: March 2023 | Assurance opinion: Limited`."""
    flat = _flat(text)
    return (
        len(flat) <= HEADING_MAX and _METADATA.search(flat) is not None and not _LABEL.match(flat)
    )


def _bold(para: Paragraph) -> bool:
    runs = [r for r in para.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def is_audit_heading(para: Paragraph) -> bool:
    """A short paragraph that heads a section: bold, numbered, capitals, a caption, labelled
    `Audit:`, or stating an assurance opinion; not a body sentence."""
    flat = _flat(para.text)
    if _LABEL.match(flat) and len(flat) <= 2 * HEADING_MAX:
        return True  # `Audit: …` (a reader may have run the next line into it)
    if not flat or len(flat) > HEADING_MAX or is_sentence(flat):
        return False
    if _CAPTION.match(flat):
        return True
    letters = re.sub(r"[^A-Za-z]", "", flat)
    return (
        _bold(para)
        or bool(_NUMBERED.match(flat))
        or (len(letters) >= 4 and letters.isupper())
        or ASSURANCE_RE.search(flat) is not None
    )


def heading_text(text: str) -> str:
    """The heading without a caption's `Table 2:` or a label's `Audit:` before it."""
    flat = _flat(text)
    flat = _CAPTION.sub("", flat, count=1)
    return _LABEL.sub("", flat, count=1).strip()


def nearest_heading(paras: Sequence[Paragraph]) -> AuditHeading | None:
    """The audit heading among the paragraphs printed above a table or a block (in reading
    order): the last heading, with the metadata lines after it; None when there is none."""
    metadata: list[str] = []
    for para in reversed(paras):
        flat = _flat(para.text)
        if not flat:
            continue
        if is_metadata_line(flat) and not _bold(para):
            metadata.insert(0, flat)
            continue
        if not is_audit_heading(para):
            continue
        text = " | ".join([heading_text(flat), *metadata])
        parts = read_audit_heading(text)
        if not parts.title:
            continue
        return AuditHeading(para, text, parts.title, parts.assurance, parts.date)
    return None
