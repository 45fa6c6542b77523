"""The registry of layouts: every spec scores a document, the best score wins.

Each layout module holds one `SPEC` (data: cues, column roles, cover tables, hooks) and only
the hooks that are really its own; the pipelines they run are shared (`extract.table_tracker`
for appendix tables, the block and action-sheet readers). No ordering of this list decides
anything: `score_layouts` ranks every spec by the evidence it finds.
"""

from __future__ import annotations

from jarap.extract.layouts import (
    action_sheet,
    appendix_2013,
    audit_status,
    follow_up,
    tracker_2020,
    tracker_2021,
    tracker_2022,
)
from jarap.extract.layouts.spec import (
    DocumentText,
    LayoutScore,
    LayoutSpec,
    check_spec,
    score,
)
from jarap.ingest.document import Document

LAYOUTS: list[LayoutSpec] = [
    tracker_2020.SPEC,
    tracker_2021.SPEC,
    tracker_2022.SPEC,
    action_sheet.SPEC,
    follow_up.SPEC,
    appendix_2013.SPEC,
    audit_status.SPEC,
]


def check_registry(layouts: list[LayoutSpec]) -> None:
    """Refuse a registry with a spec whose options its pipeline would ignore."""
    problems = [p for spec in layouts for p in check_spec(spec)]
    if problems:
        raise ValueError("layout registry: " + "; ".join(problems))


check_registry(LAYOUTS)

# a spec must find at least this share of its evidence to claim a paper
CLAIM = 0.5

__all__ = ["CLAIM", "LAYOUTS", "LayoutScore", "LayoutSpec", "score_layouts", "detect_layout"]


def score_layouts(doc: Document, layouts: list[LayoutSpec] | None = None) -> list[LayoutScore]:
    """Every layout's score for this document, best first."""
    text = DocumentText.of(doc)
    scores = [score(spec, doc, text) for spec in (layouts or LAYOUTS)]
    return sorted(scores, key=lambda s: -s.score)


def detect_layout(doc: Document) -> LayoutSpec | None:
    """The best-scoring layout, or None when no layout finds enough of its evidence."""
    best = score_layouts(doc)[0]
    return best.spec if best.score >= CLAIM else None
