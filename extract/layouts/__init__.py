"""The registry of layout parsers: one entry per paper layout, tried in order.

Adding a layout means adding one module with `detect(doc) -> bool` and
`parse(doc) -> Paper`, and one line here; nothing else dispatches on layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from extract.layouts import action_sheet, tracker_2020, tracker_2021, tracker_2022
from extract.records import Paper
from ingest.document import Document


@dataclass(frozen=True)
class Layout:
    name: str
    kind: str  # the interchange `kind`: tracker | action_sheet | audit_report
    detect: Callable[[Document], bool]
    parse: Callable[[Document], Paper]


LAYOUTS: list[Layout] = [
    Layout(tracker_2022.NAME, "tracker", tracker_2022.detect, tracker_2022.parse),
    Layout(tracker_2021.NAME, "tracker", tracker_2021.detect, tracker_2021.parse),
    Layout(tracker_2020.NAME, "tracker", tracker_2020.detect, tracker_2020.parse),
    Layout(action_sheet.NAME, "action_sheet", action_sheet.detect, action_sheet.parse),
]


def detect_layout(doc: Document) -> Layout | None:
    for layout in LAYOUTS:
        if layout.detect(doc):
            return layout
    return None
