"""The PDF producer matrix: every sample paper as every PDF engine on this machine writes it
reads to the same records as the sample's own .docx, field by field, and the two PDF
backends build the same Document from every variant.

Producers (samples/producers.py): LibreOffice's PDF, AbiWord's own layout of the .docx,
the LibreOffice PDF redrawn by ``pdftocairo -pdf``, LibreOffice's saved HTML printed by
headless Chromium, and the PostScript print path (``pdftops`` + ``ps2pdf``), whose text
layer is unreadable: it must be detected and reported (and read through OCR once OCR is
installed). Every sample layout is covered (txt excepted: it is no PDF): all 20 papers.
The two backends build the same Document from every variant: AbiWord, cairo and Chromium
here (LibreOffice's in tests/test_pdf_backends.py), the PostScript print refused with the
same line by both, and the scan matrix's sandwich PDFs (gated like that matrix: OCR).

Held out: the papers in HELD_OUT were not looked at while the PDF reading was tuned for
these producers; benchmarks/producer_matrix.py reports their figures apart.

Differences that remain are listed in KNOWN with the reason, per producer and paper, as the
number of differing fields: a change either way fails, so the list stays true.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "samples"))  # samples/producers.py

from producer_compare import differences  # noqa: E402
from producers import PRODUCERS, variant  # noqa: E402
from test_pdf_backends import assert_same_document  # noqa: E402
from test_producer_matrix_scan import FIELD_SHARE, field_share  # noqa: E402
from tooling import in_ci, require_tool  # noqa: E402

from jarap.ingest.pdf_reader import ocr_function, read_pdf  # noqa: E402

PDF_PRODUCERS = ("lo-pdf", "abiword-pdf", "cairo-pdf", "chromium-pdf")
UNREADABLE_PRODUCERS = ("ps-pdf",)
SAMPLE_DOCX = sorted(ROOT.glob("samples/*/*.docx"))
HELD_OUT = frozenset(
    {
        "northshire-tracker-2021-11",
        "northshire-tracker-2020-01",
        "northshire-appendix-2016-03",
        "northshire-tracker-2025-09",
        "haldenmoor-follow-up-2024-06",
        "brackwater-follow-up-quirks-2024-06",
        "northshire-action-sheet-2018-07-quirks",
        "yewdale-audit-status-quirks-2017-03",
    }
)

# producer -> (why its variants differ, {paper stem: number of differing fields})
KNOWN: dict[str, tuple[str, dict[str, int]]] = {
    "abiword-pdf": (
        "AbiWord's own layout, not a reading fault we can undo: it breaks a word too long for "
        "the rest of a narrow cell's line at the cell edge in the middle of the line "
        "('Pool Car Decommissioni' + 'ng'), where LibreOffice first moves the word to a line "
        "of its own (which the layout recognises as a broken word); a text line that simply "
        "ends at the edge before a lower-case word looks the same, so the halves stay apart. "
        "brackwater (held out): a follow-up update block set by AbiWord with different "
        "spacing loses one update date and a 'superseded' status (not investigated: held out)",
        {"kelstow-tracker-quirks-2022": 1, "brackwater-follow-up-quirks-2024-06": 2},
    ),
    "chromium-pdf": (
        "brackwater (held out): one status differs (not investigated: held out). The fault "
        "this entry once listed (a page with only one-line paragraphs of a size learnt the "
        "paragraph pitch as its line pitch, and joined a paragraph whose last line reached "
        "the widest line's end to the next) is fixed by the pitch learnt per document "
        "(`pdf_layout.read_pages`): northshire-tracker-2019-07 reads as its .docx",
        {"brackwater-follow-up-quirks-2024-06": 1},
    ),
}


def _id(producer: str, docx: Path) -> str:
    return f"{producer}-{docx.stem}"


CASES = [(p, d) for p in PDF_PRODUCERS for d in SAMPLE_DOCX]


def _variant(producer: str, docx: Path) -> Path:
    require_tool(*PRODUCERS[producer].tools)
    return variant(docx, producer)


def test_the_matrix_covers_every_sample_layout() -> None:
    """No silent shrinking: every layout folder has a paper in the matrix, and the
    held-out papers are real samples."""
    layouts = {d.parent.name for d in SAMPLE_DOCX}
    assert len(SAMPLE_DOCX) >= 20 and len(layouts) >= 9, layouts
    assert HELD_OUT <= {d.stem for d in SAMPLE_DOCX}
    assert set(PDF_PRODUCERS + UNREADABLE_PRODUCERS) <= set(PRODUCERS)
    for name, (_why, papers) in KNOWN.items():
        assert name in PDF_PRODUCERS and set(papers) <= {d.stem for d in SAMPLE_DOCX}


@pytest.mark.parametrize(("producer", "docx"), CASES, ids=[_id(*c) for c in CASES])
def test_every_pdf_variant_reads_to_the_docx_records(producer: str, docx: Path) -> None:
    found = differences(_variant(producer, docx), docx)
    why, papers = KNOWN.get(producer, ("", {}))
    expected = papers.get(docx.stem, 0)
    assert len(found) == expected, (
        f"{producer} {docx.stem}: {len(found)} differences, {expected} listed ({why})\n"
        + "\n".join(found)
    )


EQUAL_CASES = [(p, d) for p in PDF_PRODUCERS if p != "lo-pdf" for d in SAMPLE_DOCX]


@pytest.mark.parametrize(("producer", "docx"), EQUAL_CASES, ids=[_id(*c) for c in EQUAL_CASES])
def test_both_backends_build_the_same_document_from_every_variant(
    producer: str, docx: Path
) -> None:
    """(LibreOffice's own PDFs are the samples' .pdf files, which tests/test_pdf_backends.py
    already holds to this.)"""
    pdf = _variant(producer, docx)
    assert_same_document(read_pdf(pdf, backend="pdfplumber"), read_pdf(pdf, backend="pdfium"))


@pytest.mark.parametrize("docx", SAMPLE_DOCX, ids=[d.stem for d in SAMPLE_DOCX])
def test_a_postscript_printed_pdf_is_detected_on_every_page(
    docx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without OCR each backend refuses the paper naming every page and the remedy (OCR is
    switched off here whether or not it is installed: the next test reads it with OCR)."""
    import jarap.ingest.pdf_reader as reader

    pdf = _variant("ps-pdf", docx)
    monkeypatch.setattr(reader, "ocr_function", lambda: None)
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    pages = len(doc)
    doc.close()
    whole = f"page(s) 1-{pages} " if pages > 1 else "page(s) 1 "
    lines = []
    for backend in ("pdfium", "pdfplumber"):
        with pytest.raises(ValueError) as caught:
            read_pdf(pdf, backend=backend)
        line = str(caught.value)
        assert f"unreadable text layer on {whole}" in line, line
        assert "jarap-archive[ocr]" in line
        lines.append(line)
    # the backends' equality on this producer: the same pages, reason and remedy. The
    # glyph counts in the reason differ (a listed difference): pdfminer gives an unmapped
    # glyph as one `(cid:N)`, PDFium as a raw code point, and the two do not count the
    # same glyphs among a page's first ones
    same = [re.sub(r"\d+ of \d+ glyphs", "N of M glyphs", line) for line in lines]
    assert same[0] == same[1], lines


# PostScript prints read through OCR below the scan matrix's share of equal field values,
# with the measured share: reported as an expected failure while below it (a listed paper
# that reads at or above it fails, saying to take it out). None at present: measured
# 2026-12-07 at the default 300 dpi, 20 of 20 (0.929–1.000). The held-out ashdale quirks
# paper, 0.328 when read at 300 dpi alone (its first audit's three recommendations lost,
# the cover's counts short), reads 0.978: its pages are read again at 200 dpi because its
# records fall short of its own counts, and that reading, closer to them, is kept
# (jarap/convert.py `ocr_again`).
PS_SHORT_OF_TARGET: dict[str, str] = {}


@pytest.mark.parametrize("docx", SAMPLE_DOCX, ids=[d.stem for d in SAMPLE_DOCX])
def test_a_postscript_printed_pdf_reads_through_ocr(docx: Path) -> None:
    """With OCR installed (always on CI) the unreadable pages are OCR'd and the paper reads
    to the .docx's layout and, field by field, as a scan must: at least the scan matrix's
    share of the .docx's field values equal (what OCR misreads is the listed difference;
    measured at the default 300 dpi; those short of it are listed in PS_SHORT_OF_TARGET)."""
    require_tool("tesseract")
    if ocr_function() is None:
        if in_ci():
            pytest.fail("CI: the ocr extra must be installed (pip install '.[ocr]')")
        pytest.skip("needs the ocr extra (pip install '.[ocr]') and tesseract-ocr")
    from producer_compare import converted

    pdf = _variant("ps-pdf", docx)
    got, want = converted(pdf), converted(docx)
    assert got.layout is not None and want.layout is not None
    assert got.layout.name == want.layout.name, got.problems
    share = field_share(pdf, docx, frozenset())
    print(f"{docx.stem}: {share:.3f} of the field values", *got.problems, sep="\n  ")
    if docx.stem in PS_SHORT_OF_TARGET:
        # a listed paper that now reads at the share fails too, so the list stays true
        assert share < FIELD_SHARE, (
            f"{docx.stem} reads {share:.3f} of the .docx's field values, at or above "
            f"{FIELD_SHARE}: take it out of PS_SHORT_OF_TARGET"
        )
        pytest.xfail(f"{share:.3f}: {PS_SHORT_OF_TARGET[docx.stem]}")
    assert share >= FIELD_SHARE, f"{docx.stem}: {share:.3f} of the .docx's field values"


# One paper per sample layout, as the scan matrix (tests/test_producer_matrix_scan.py) has
# them: a sandwich is that scan through Tesseract, so making one is OCR (minutes a paper).
SANDWICH_DOCX = [
    ROOT / "samples" / d
    for d in (
        "action-sheet/northshire-action-sheet-2018-03.docx",
        "audit-status/westmarch-audit-status-2016-10.docx",
        "follow-up/haldenmoor-follow-up-2023-11.docx",
        "follow-up-quirks/brackwater-follow-up-quirks-2024-06.docx",
        "tracker-2013/northshire-appendix-2015-09.docx",
        "tracker-2020/northshire-tracker-2019-07.docx",
        "tracker-2021/northshire-tracker-2021-07.docx",
        "tracker-2021-quirks/fenmoor-tracker-quirks-2021-12.docx",
        "tracker-2022/northshire-tracker-2024-07.docx",
    )
]


# Every sample layout's sandwich, and the quirks paper whose title cell once differed
# (pdfium put a short word's invisible box on a line of its own): since sandwich table
# cells are read again from the page image, both backends give the same Document on all.
SANDWICH_CASES = [
    pytest.param(d, id=d.stem)
    for d in [*SANDWICH_DOCX, ROOT / "samples/tracker-2022/kelstow-tracker-quirks-2022.docx"]
]


@pytest.mark.parametrize("docx", SANDWICH_CASES)
def test_both_backends_build_the_same_document_from_a_sandwich(docx: Path) -> None:
    """An OCR program's invisible words over the page image (one Tz-scaled word per show,
    no rules: the grid comes from the image, rendered by PDFium under both backends)."""
    import os

    import producers_scan  # noqa: F401  (registers the scan producers)

    if not (in_ci() or os.environ.get("JARAP_PRODUCER_MATRIX") == "1"):
        pytest.skip("sandwiches are made by OCR: in CI or with JARAP_PRODUCER_MATRIX=1")
    pdf = _variant("sandwich", docx)
    assert_same_document(read_pdf(pdf, backend="pdfplumber"), read_pdf(pdf, backend="pdfium"))
