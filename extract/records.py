"""What parsers produce: plain records with provenance, independent of the database.

The loader stores these and the exporter writes the interchange contract from the database,
so a parser never needs to know about SQL or JSON. Every value that came from the paper
keeps the page it was on and the text it came from.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from typing import Any

from jarap.extract.vocab import PRIORITY_LEVELS, Status, priority_level
from jarap.ingest.document import Cell, Paragraph, Row

__all__ = ["PRIORITY_LEVELS", "priority_level"]


# the fields every recommendation has a provenance entry for
RECORD_FIELDS = (
    "recommendation",
    "audit_title",
    "ref",
    "title",
    "text",
    "priority",
    "status",
    "owners",
    "original_target",
    "current_target",
)


@dataclass(frozen=True)
class DateValue:
    """A date as printed plus the deadline it implies; date is None when the text is no date."""

    raw: str
    date: datetime.date | None
    precision: str | None

    def to_json(self) -> dict[str, Any]:
        """The interchange shape: ISO date string so JSON consumers need no date type."""
        return {
            "raw": self.raw,
            "date": self.date.isoformat() if self.date is not None else None,
            "precision": self.precision,
        }


@dataclass(frozen=True)
class Provenance:
    """Where one extracted value came from: the page (where the format has pages), the
    paragraph, row or cell in the `Document` (`#/blocks/5/rows/2/cells/1/paragraphs/0`), the
    text it was read from, and how that text was read when not from a text layer
    (`ocr (conf 91)`: Tesseract's mean confidence in its words)."""

    block: str
    page: int | None = None
    text: str = ""
    method: str = ""

    def as_dict(self) -> dict:
        out = {"page": self.page, "block": self.block, "text": self.text}
        if self.method:
            out["method"] = self.method
        return out


def provenance_of(
    para: Paragraph | Row | Cell, text: str | None = None, page: int | None = None
) -> Provenance:
    """The provenance of a value read from this paragraph, row or cell (its text by default);
    `page` is used where the node itself has none (an empty, coloured cell)."""
    if text is None:
        text = para.text if not isinstance(para, Row) else " | ".join(para.texts)
    own = para.page if not isinstance(para, Cell) else _cell_page(para)
    conf = ocr_confidence(para)
    return Provenance(
        para.locator,
        own if own is not None else page,
        " ".join(text.split())[:300],
        _method(conf),
    )


def _method(conf: float | None) -> str:
    """`ocr (conf 91)` for our own OCR; `ocr text layer` for a sandwich PDF's words, read by
    another program's OCR (its chars carry confidence -1: it says none); "" otherwise."""
    if conf is None:
        return ""
    return "ocr text layer" if conf < 0 else f"ocr (conf {conf:.0f})"


def ocr_confidence(node: Paragraph | Row | Cell) -> float | None:
    """Tesseract's mean confidence over the OCR-read paragraphs of a node, None when none
    of it was read by OCR."""
    if isinstance(node, Paragraph):
        paras = [node]
    elif isinstance(node, Cell):
        paras = node.paragraphs
    else:
        paras = [p for c in node.cells for p in c.paragraphs]
    confs = [p.ocr_conf for p in paras if p.ocr_conf is not None]
    return sum(confs) / len(confs) if confs else None


def _cell_page(cell: Cell) -> int | None:
    return next((p.page for p in cell.paragraphs if p.page is not None), None)


@dataclass
class Target:
    """One stated target date: several per recommendation when it slipped."""

    value: DateValue
    struck: bool = False
    done: bool = False  # stated as met ("Complete 31.03.2020"), so no longer in force
    source_text: str = ""
    source: Provenance | None = None


@dataclass
class Update:
    """A dated progress narrative (`Progress Update July 2021: …`)."""

    heading: str
    date: DateValue | None
    text: str
    page: int | None = None
    source: Provenance | None = None


@dataclass
class Recommendation:
    audit_title: str
    ref: str | None
    title: str
    section: str = "main"  # "main" | "sorb"
    assurance: str | None = None
    audit_date: DateValue | None = None
    priority: str | None = None
    priority_source: str | None = None  # "text" | "colour" | "column" | "table"
    status: str = Status.OPEN
    status_as_printed: str | None = None  # a status column's word (`Partly implemented`)
    rag: str | None = None
    owners: list[str] = field(default_factory=list)
    former_owners: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    current_target: DateValue | None = None
    updates: list[Update] = field(default_factory=list)
    text: str = ""
    source_text: str = ""
    page_start: int | None = None
    page_end: int | None = None
    # field -> where it was read; owners are keyed `owners/<name>`
    provenance: dict[str, Provenance] = field(default_factory=dict)

    @property
    def priority_level(self) -> str | None:
        return priority_level(self.priority)

    @property
    def original_target(self) -> DateValue | None:
        return self.targets[0].value if self.targets else None

    def __repr__(self) -> str:
        return f"<Recommendation {self.audit_title} {self.ref} {self.title[:30]!r} {self.status}>"


@dataclass
class ActionUpdate:
    date: DateValue | None
    text: str
    source: Provenance | None = None


@dataclass
class Action:
    """A row of the panel's rolling action sheet (actions the panel itself raised)."""

    meeting_date: DateValue | None
    minute: str
    paper_ref: str | None
    action: str
    owners: list[str] = field(default_factory=list)
    target: DateValue | None = None
    updates: list[ActionUpdate] = field(default_factory=list)
    status: str = Status.OPEN
    page_start: int | None = None
    provenance: dict[str, Provenance] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"<Action {self.minute} {self.action[:30]!r} {self.status}>"


@dataclass
class AuditStatus:
    """A row of another panel's audit-status table (`Ref | Title/Published/Owner | Update |
    On track`): one audit, not its recommendations."""

    ref: str | None
    title: str
    published: DateValue | None = None
    follow_up: DateValue | None = None
    lead: str | None = None
    governance: str | None = None
    assurance: str | None = None
    on_track: str | None = None  # as printed: a tick, a cross, a word
    update: str = ""
    page_start: int | None = None
    provenance: dict[str, Provenance] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"<AuditStatus {self.ref} {self.title[:30]!r} {self.on_track}>"


@dataclass
class ProposedClosed:
    """A row of the cover report's proposed-closed table."""

    audit_title: str
    priority: str | None
    ref: str | None
    title: str
    note: str = ""
    page_ref: str = ""
    source: Provenance | None = None


@dataclass(frozen=True)
class Comparison:
    """One of the paper's own counts against what was extracted.

    `rule` says what agreement means: `equal` for the cover's totals, `at_most` for an audit's
    counts line (it counts what the audit made; a later paper tracks only those still open).
    `extracted` is None where the paper does not show the value per recommendation (a RAG
    total with no RAG printed against each row), so nothing can be checked."""

    scope: str  # total | proposed_closed | priority | rag | audit
    key: str  # "" | a priority word | a colour | "AUDIT TITLE / Priority"
    declared: int
    extracted: int | None
    rule: str = "equal"
    note: str = ""  # why a figure could not be checked

    @property
    def ok(self) -> bool | None:
        if self.extracted is None:
            return None
        if self.rule == "at_most":
            return self.extracted <= self.declared
        return self.extracted == self.declared

    def as_dict(self) -> dict:
        return {
            "scope": self.scope,
            "key": self.key,
            "declared": self.declared,
            "extracted": self.extracted,
            "rule": self.rule,
            "ok": self.ok,
            "note": self.note,
        }


@dataclass(frozen=True)
class CoverCheck:
    """One comparison of a cover table's row with the appendix, for `jarap check`: which
    table, the row it names (`PAYROLL 1`), the field compared and what came of it
    (`agrees`, `differs`: the appendix is kept and a warning says so, `filled`: the appendix
    was silent and the table's value was taken, `not_found`: no such recommendation)."""

    table: str  # "proposed_closed" | "target_dates"
    label: str  # the row as the table names it (`FLEET 4.2 Title`)
    field: str  # "listed" | "priority" | "status" | "original_target" | "current_target"
    outcome: str  # "agrees" | "differs" | "filled" | "not_found"
    detail: str = ""

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class Paper:
    """Everything one layout parser found in one document."""

    layout: str
    kind: str = "tracker"
    title: str | None = None
    organisation: str | None = None
    paper_date: DateValue | None = None
    author: str | None = None
    declared_counts: dict | None = None
    proposed_closed: list[ProposedClosed] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    audits: list[AuditStatus] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reconciled: bool | None = None  # set by reconcile: do the declared counts agree
    reconciliation: list[Comparison] = field(default_factory=list)  # set by reconcile
    cover_checks: list[CoverCheck] = field(default_factory=list)  # set by cross_check

    def __repr__(self) -> str:
        return f"<Paper {self.layout} {self.title!r} ({len(self.recommendations)} records)>"
