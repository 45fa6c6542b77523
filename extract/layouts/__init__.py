"""The registry of layouts: every layout scores a document, the best score wins.

Each layout returns a `LayoutScore` (0 = not this layout, 1 = certainly) with the evidence
it found, so a near tie can be reported and `jarap inspect` can show why a paper was read
the way it was; no ordering of the registry decides anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from jarap.extract.layouts import action_sheet, tracker_2020, tracker_2021, tracker_2022
from jarap.extract.records import Paper
from jarap.ingest.document import Document


@dataclass(frozen=True)
class Layout:
    name: str
    kind: str  # the interchange `kind`: tracker | action_sheet | audit_report
    detect: Callable[[Document], bool]
    parse: Callable[[Document], Paper]


@dataclass
class LayoutScore:
    layout: Layout
    score: float
    evidence: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.layout.name

    def __repr__(self) -> str:
        return f"<LayoutScore {self.name} {self.score:.2f}>"


LAYOUTS: list[Layout] = [
    Layout(tracker_2022.NAME, "tracker", tracker_2022.detect, tracker_2022.parse),
    Layout(tracker_2021.NAME, "tracker", tracker_2021.detect, tracker_2021.parse),
    Layout(tracker_2020.NAME, "tracker", tracker_2020.detect, tracker_2020.parse),
    Layout(action_sheet.NAME, "action_sheet", action_sheet.detect, action_sheet.parse),
]


def score_layouts(doc: Document) -> list[LayoutScore]:
    """Every layout's score for this document, best first."""
    scores = [
        LayoutScore(layout, 1.0 if layout.detect(doc) else 0.0, ["detect"]) for layout in LAYOUTS
    ]
    return sorted(scores, key=lambda s: -s.score)


def detect_layout(doc: Document) -> Layout | None:
    """The best-scoring layout, or None when no layout claims the document."""
    best = score_layouts(doc)[0]
    return best.layout if best.score > 0 else None
