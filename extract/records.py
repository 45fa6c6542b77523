"""What parsers produce: plain records with provenance, independent of the database.

The loader stores these and the exporter writes the interchange contract from the database,
so a parser never needs to know about SQL or JSON. Every value that came from the paper
keeps the page it was on and the text it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jarap.extract.dates import DateValue

PRIORITY_LEVELS = {
    "fundamental": "high",
    "high": "high",
    "significant": "medium",
    "medium": "medium",
    "housekeeping": "low",
    "low": "low",
}


def priority_level(priority: str | None) -> str | None:
    return PRIORITY_LEVELS.get((priority or "").strip().lower())


@dataclass
class Target:
    """One stated target date: several per recommendation when it slipped."""

    value: DateValue
    struck: bool = False
    done: bool = False  # stated as met ("Complete 31.03.2020"), so no longer in force
    source_text: str = ""


@dataclass
class Update:
    """A dated progress narrative (`Progress Update July 2021: …`)."""

    heading: str
    date: DateValue | None
    text: str
    page: int | None = None


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
    status: str = "open"
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
    status: str = "open"
    page_start: int | None = None

    def __repr__(self) -> str:
        return f"<Action {self.minute} {self.action[:30]!r} {self.status}>"


@dataclass
class ProposedClosed:
    """A row of the cover report's proposed-closed table."""

    audit_title: str
    priority: str | None
    ref: str | None
    title: str
    note: str = ""
    page_ref: str = ""


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
    warnings: list[str] = field(default_factory=list)
    reconciled: bool | None = None  # set by reconcile: do the declared counts agree

    def __repr__(self) -> str:
        return f"<Paper {self.layout} {self.title!r} ({len(self.recommendations)} records)>"
