"""Detection is scoring: every sample and reference paper, in every format, is claimed by its
own layout with a clear margin, and no other spec claims it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import REFERENCE, SAMPLES

from jarap.extract.layouts import CLAIM, LAYOUTS, score_layouts
from jarap.ingest import read_document

# the layout each folder of samples is written in, and each reference paper's
SAMPLE_LAYOUTS = {
    "tracker-2020": "tracker-2020",
    "tracker-2021": "tracker-2021",
    "tracker-2021-quirks": "tracker-2021",
    "tracker-2022": "tracker-2022",
    "follow-up": "follow-up",
    "follow-up-quirks": "follow-up",
    "tracker-2013": "appendix-2013",
    "audit-status": "audit-status",
    "action-sheet": "action-sheet",
}
REFERENCE_LAYOUTS = {
    "jarap-tracker-2020-01.txt": "tracker-2020",
    "jarap-tracker-2021-07.txt": "tracker-2021",
    "jarap-action-sheet-2017-02.txt": "action-sheet",
}
MARGIN = 0.5  # the winner beats the runner-up by at least this much


def _cases() -> list[Any]:
    cases = [
        (path, layout)
        for folder, layout in SAMPLE_LAYOUTS.items()
        for path in sorted((SAMPLES / folder).glob("*"))
        if path.suffix in (".docx", ".pdf", ".txt")
    ]
    shared = pytest.mark.shared  # the reference papers beside the checkout (conftest.py)
    cases += [
        pytest.param(REFERENCE / name, layout, marks=shared)
        for name, layout in REFERENCE_LAYOUTS.items()
    ]
    return cases


def test_every_layout_has_samples_in_three_formats() -> None:
    for folder in SAMPLE_LAYOUTS:
        assert {p.suffix for p in (SAMPLES / folder).glob("*")} >= {".docx", ".pdf", ".txt"}


@pytest.mark.parametrize(("path", "layout"), _cases(), ids=lambda c: getattr(c, "name", c))
def test_paper_is_claimed_by_its_own_layout_with_a_margin(path: Path, layout: str) -> None:
    if not path.exists():
        pytest.fail(f"{path} is missing (the reference papers sit beside this checkout)")
    scores = score_layouts(read_document(path))
    best, runner_up = scores[0], scores[1]
    assert best.name == layout, scores
    assert best.score >= CLAIM
    assert best.score - runner_up.score >= MARGIN, scores
    assert all(s.score < CLAIM for s in scores[1:]), scores
    assert best.evidence and all(isinstance(e, str) for e in best.evidence)


def test_every_spec_is_scored() -> None:
    doc = read_document(SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.docx")
    assert {s.name for s in score_layouts(doc)} == {spec.name for spec in LAYOUTS}
