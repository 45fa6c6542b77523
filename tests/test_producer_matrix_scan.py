"""The producer matrix, scans: every scan variant of one paper per sample layout reads to the
records of the sample's own `.docx`, field by field.

The variants are generated (samples/producers_scan.py: the LibreOffice PDF rasterised, turned
by an angle drawn from the file's hash, speckled, wrapped by img2pdf; the sandwich is that scan
through Tesseract's PDF renderer), never picked or touched up by hand. The papers held out from
tuning (`HELD_OUT`) are measured by benchmarks/ocr_matrix.py and reported apart.

Fields a scan cannot carry are listed in `CANNOT_CARRY` with the reason; nothing else may
differ. OCR is slow: CI renders pages at 200 dpi (``JARAP_OCR_DPI``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from producer_compare import converted, differences
from sample_compare import _dv, action_fields, rec_fields
from tooling import in_ci, require_tool

from jarap.convert import Conversion

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
sys.path.insert(0, str(SAMPLES))

import producers  # noqa: E402
import producers_scan  # noqa: E402, F401  (registers the scan producers)

# One paper per sample layout (the smallest; text conversions have no scans) ...
MATRIX = [
    "action-sheet/northshire-action-sheet-2018-03.docx",
    "audit-status/westmarch-audit-status-2016-10.docx",
    "follow-up/haldenmoor-follow-up-2023-11.docx",
    "follow-up-quirks/brackwater-follow-up-quirks-2024-06.docx",
    "tracker-2013/northshire-appendix-2015-09.docx",
    "tracker-2020/northshire-tracker-2019-07.docx",
    "tracker-2021/northshire-tracker-2021-07.docx",
    "tracker-2021-quirks/fenmoor-tracker-quirks-2021-12.docx",
    "tracker-2022/northshire-tracker-2024-07.docx",
]
# ... and the rest, never looked at while tuning the OCR path.
HELD_OUT = [
    "action-sheet/northshire-action-sheet-2018-07-quirks.docx",
    "audit-status/yewdale-audit-status-quirks-2017-03.docx",
    "follow-up/haldenmoor-follow-up-2024-06.docx",
    "tracker-2013/northshire-appendix-2016-03.docx",
    "tracker-2013/rydale-quirks-2013-12.docx",
    "tracker-2020/ashdale-quirks-2020-03.docx",
    "tracker-2020/northshire-tracker-2020-01.docx",
    "tracker-2021/northshire-tracker-2021-03.docx",
    "tracker-2021/northshire-tracker-2021-11.docx",
    "tracker-2022/kelstow-tracker-quirks-2022.docx",
    "tracker-2022/northshire-tracker-2025-09.docx",
]
SCANS = [name for name, p in producers.PRODUCERS.items() if p.kind == "scan"]

# What a scan cannot carry, by producer: field -> why. Nothing at present: a tick or a cross
# (✓ ✗, which Tesseract's English model reads `v` / `x`) is read from its shape
# (ingest/ocr_marks.py), and a sandwich's picture is read again as its scan is.
CANNOT_CARRY: dict[str, dict[str, str]] = {}


def records(conv: Conversion) -> list[dict]:
    """Every record a paper gives, field by field: recommendations, actions (an update's
    date, not its narrative) and audit-status rows (not their narrative)."""
    paper = conv.paper
    if paper is None:
        return []
    out = [{"kind": "recommendation", **rec_fields(r)} for r in paper.recommendations]
    for a in paper.actions:
        fields = action_fields(a)
        fields["updates"] = [u["date"] for u in fields["updates"]]
        out.append({"kind": "action", **fields})
    for audit in paper.audits:
        out.append(
            {
                "kind": "audit",
                "ref": audit.ref,
                "title": audit.title,
                "published": _dv(audit.published),
                "follow_up": _dv(audit.follow_up),
                "lead": audit.lead,
                "assurance": audit.assurance,
                "on_track": audit.on_track,
            }
        )
    return out


def record_differences(variant: Path, docx: Path, ignore: frozenset[str]) -> list[str]:
    """`differences` (layout and recommendations) plus the actions and audits it leaves out."""
    lines = differences(variant, docx, ignore)
    want = [r for r in records(converted(docx)) if r["kind"] != "recommendation"]
    got = [r for r in records(converted(variant)) if r["kind"] != "recommendation"]
    if len(want) != len(got):
        lines.append(f"{len(got)} actions/audits, the .docx {len(want)}")
    for w, g in zip(want, got, strict=False):
        for key, value in w.items():
            if key not in ignore and g.get(key) != value:
                lines.append(
                    f"{w['kind']} {w.get('ref') or w.get('minute')} {key}: "
                    f"got {g.get(key)!r}, want {value!r}"
                )
    return lines


@pytest.fixture(autouse=True)
def _ocr_at_200_dpi(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JARAP_OCR_DPI", "200")


def _tools(name: str) -> None:
    require_tool(*producers.PRODUCERS[name].tools, "tesseract")
    pytest.importorskip("pytesseract", reason="the OCR extra: pip install '.[ocr]'")


# The target for scans: the share of field values equal to the .docx's.
FIELD_SHARE = 0.85
# Variants measured below the target (benchmarks/ocr_matrix.py, 200 dpi), with why; each is
# an expected failure until the reason is fixed, reported as such, never a pass. None at
# present: the 2021 tracker's grey scan (a row lost at a page break), the 2021 quirks
# paper's grey scan and the follow-up quirks paper's sandwich were fixed by reading each
# table cell on its own (fields 0.982, 0.938 and 0.989 on 2026-12-06).
SHORT_OF_TARGET: dict[tuple[str, str], str] = {}


def _matrix_enabled() -> None:
    """OCR of the whole matrix takes tens of minutes on a loaded machine: it runs in CI and
    when asked (JARAP_PRODUCER_MATRIX=1), and says so when skipped."""
    if in_ci() or os.environ.get("JARAP_PRODUCER_MATRIX") == "1":
        return
    pytest.skip("the scan matrix runs in CI or with JARAP_PRODUCER_MATRIX=1 (OCR is slow)")


def field_share(variant: Path, docx: Path, ignore: frozenset[str]) -> float:
    """The share of the .docx's field values the variant gives equal, records paired in
    order (a record missing counts all its fields as wrong)."""
    want, got = records(converted(docx)), records(converted(variant))
    right = total = 0
    for i, w in enumerate(want):
        g = got[i] if i < len(got) else {}
        for key, value in w.items():
            if key in ignore or key == "kind":
                continue
            total += 1
            right += g.get(key) == value
    return right / total if total else 1.0


def _cases() -> list:  # type: ignore[type-arg]
    return [
        pytest.param(
            docx,
            name,
            marks=[pytest.mark.xfail(reason=SHORT_OF_TARGET[(docx, name)])]
            if (docx, name) in SHORT_OF_TARGET
            else [],
            id=f"{Path(docx).stem}-{name}",
        )
        for docx in MATRIX
        for name in SCANS
    ]


@pytest.mark.parametrize(("docx", "name"), _cases())
def test_scan_reads_as_its_docx(docx: str, name: str) -> None:
    """The layout is the .docx's, and at least FIELD_SHARE of its field values are equal;
    every difference is printed (pytest -rA shows them for the passing ones too). Variants
    in SHORT_OF_TARGET run too, as expected failures: an XPASS says the entry can go."""
    _matrix_enabled()
    _tools(name)
    source = SAMPLES / docx
    variant = producers.variant(source, name)
    ignore = frozenset(CANNOT_CARRY.get(name, {}))
    lines = record_differences(variant, source, ignore)
    print("\n".join(lines))
    assert not [ln for ln in lines if ln.startswith("layout ")], lines
    assert field_share(variant, source, ignore) >= FIELD_SHARE, lines


def test_matrix_covers_every_pdf_layout() -> None:
    """One paper of every sample folder is in the matrix, and none is also held out."""
    folders = {p.parent.name for p in SAMPLES.glob("*/*.pdf")}
    assert {d.split("/")[0] for d in MATRIX} == folders
    assert not set(MATRIX) & set(HELD_OUT)
    assert all((SAMPLES / d).is_file() for d in MATRIX + HELD_OUT)
