"""The text-producer matrix: every sample paper as the text converters on this machine write
it (samples/producers_text.py) read and compared with its own `.docx`, field by field.

The main converter is `pdftotext -layout` of LibreOffice's PDF: tables as whitespace columns,
read by ingest/text_columns.py. Each paper's remaining differences are pinned in
`SHORT_OF_DOCX` (a change either way fails, so the list stays true); those are reading
gaps still open, not losses of the format. What a plain-text format cannot carry is
excluded per record by `unavoidable`, each with its reason in `CANNOT_CARRY`.

Held out: the sample matrix's held-out papers (tests/test_producer_matrix_pdf.py
`HELD_OUT`) were not looked at while tuning the finder; benchmarks/producers_text.py reports
their figures apart. Plain `pdftotext`, LibreOffice's text export and pandoc are measured by
the benchmark only (their tables are not read yet: see the README).

Slow (a LibreOffice PDF per paper, cached by content): runs in CI or with
JARAP_PRODUCER_MATRIX=1.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from producer_compare import differences
from test_producer_matrix_office import other_records
from tooling import in_ci, require_tool

from jarap.extract.records import Recommendation

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "samples"))
import producers  # noqa: E402
import producers_text  # noqa: E402, F401  (registers the text producers)

MAIN = "pdftotext-layout"
SAMPLE_DOCX = sorted(ROOT.glob("samples/*/*.docx"))

# field -> why a plain-text conversion cannot carry it, and which .docx records it concerns
CANNOT_CARRY: dict[str, str] = {
    "priority": "read from a cell's fill colour in the .docx: plain text has no fills",
    "priority_level": "the priority's level: follows the priority",
    "target_history": "superseded targets are struck through in the .docx: plain text "
    "keeps the struck words as ordinary words, so old and new dates read alike",
    "current_target": "follows the struck-through targets (as target_history)",
    "original_target": "follows the struck-through targets (as target_history)",
}


def unavoidable(rec: Recommendation) -> frozenset[str]:
    """The fields of this .docx record a text conversion cannot carry: its priority when it
    was read from a colour, its targets when any was struck through."""
    skip: set[str] = set()
    if rec.priority_source == "colour":
        skip |= {"priority", "priority_level"}
    if any(t.struck for t in rec.targets):
        skip |= {"target_history", "current_target", "original_target"}
    assert skip <= set(CANNOT_CARRY)
    return frozenset(skip)


# paper -> differences still open with pdftotext -layout (measured 2026-12-07; the field
# exclusions above applied). Reading gaps, not format losses: to be driven to 0.
# The layout is not recognised on the action sheets and the 2022 quirks paper (1-2: the
# layout line and the count); the follow-ups read but miss fields; the others miss a record
# or a status/date in a cell the finder splits or joins wrongly. Not investigated further.
SHORT_OF_DOCX: dict[str, int] = {
    "northshire-action-sheet-2018-07-quirks": 3,
    "yewdale-audit-status-quirks-2017-03": 4,
    "brackwater-follow-up-quirks-2024-06": 3,
    "northshire-tracker-2020-01": 2,
    "northshire-tracker-2021-11": 1,
    "northshire-tracker-2025-09": 9,
}


def gated() -> None:
    if not (in_ci() or os.environ.get("JARAP_PRODUCER_MATRIX") == "1"):
        pytest.skip("the text-producer matrix runs in CI or with JARAP_PRODUCER_MATRIX=1")


def test_the_matrix_covers_every_sample_layout() -> None:
    layouts = {d.parent.name for d in SAMPLE_DOCX}
    assert len(SAMPLE_DOCX) >= 20 and len(layouts) >= 9, layouts
    assert set(SHORT_OF_DOCX) <= {d.stem for d in SAMPLE_DOCX}
    assert {p.name for p in producers_text.TEXT_PRODUCERS} <= set(producers.PRODUCERS)


@pytest.mark.parametrize("docx", SAMPLE_DOCX, ids=[d.stem for d in SAMPLE_DOCX])
def test_pdftotext_layout_reads_to_the_docx_records(docx: Path) -> None:
    gated()
    require_tool(*producers.PRODUCERS[MAIN].tools)
    variant = producers.variant(docx, MAIN)
    found = differences(variant, docx, unavoidable=unavoidable)
    found += other_records(variant, docx, frozenset())
    expected = SHORT_OF_DOCX.get(docx.stem, 0)
    assert len(found) == expected, (
        f"{MAIN} {docx.stem}: {len(found)} differences, {expected} listed\n" + "\n".join(found)
    )
