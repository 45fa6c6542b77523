"""Both PDF backends build the same Document from every sample and fixture PDF.

pdfplumber is the reference (the layout thresholds were tuned on what pdfminer reports);
pypdfium2 is the fast default. Equality is checked block by block on everything a parser
can see: text, runs with bold / underline / strike, tables, cells with spans and shading,
and the pages of every paragraph and row. Below the Document, the raw pages differ in two
small, listed ways (RAW_DIFFERENCES); the one paper whose Documents differ is listed in
KNOWN_DIFFERENCES with the reason and tested for exactly that difference.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from jarap.cli import cli
from jarap.ingest import read_document
from jarap.ingest.document import Document, Paragraph, Table
from jarap.ingest.pdf_pdfium import raw_pages as pdfium_pages
from jarap.ingest.pdf_plumber import raw_pages as plumber_pages
from jarap.ingest.pdf_reader import BACKENDS, DEFAULT_BACKEND, read_pdf

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
SAMPLE_PDFS = sorted((ROOT / "samples").rglob("*.pdf"))
FIXTURE_PDFS = sorted(FIXTURES.glob("*.pdf"))

# Fixtures neither backend reads: they exist to be refused (see the bad-input tests).
UNREADABLE = {"encrypted.pdf", "no_text_layer.pdf"}

# Papers whose Documents cannot be equal, and why.
KNOWN_DIFFERENCES = {
    "self_length.pdf": (
        "its content stream's /Length refers to the stream itself: pdfminer resolves the "
        "length by parsing the stream, which needs the length, until Python's recursion "
        "limit, so the reference backend refuses the file; PDFium finds the stream's end by "
        "its endstream keyword and reads the page"
    ),
}

# How the raw pages (below the Document) may differ, and why that cannot reach a Document.
RAW_DIFFERENCES = {
    "dropped space glyphs": (
        "PDFium leaves some space glyphs out of its text page (the lone space of an empty "
        "header paragraph, a space ending a wrapped line, the space after a page-number "
        "field); a space has no ink, and the layout puts a space back wherever glyphs are "
        "further apart than a fifth of the font size"
    ),
    "box moved by the font's descent": (
        "the box starts at the font's descent, and the two libraries read it from different "
        "places: pdfminer from the font descriptor (LibreOffice writes /Descent 0) or, for "
        "the standard 14 fonts, its AFM files (Helvetica -0.207); PDFium from the font "
        "program or its own substitute (DejaVu Serif -0.176, Helvetica -0.224). The box moves "
        "by the difference, keeping its height, baseline and x; lines are grouped by overlap, "
        "paragraphs split by baseline pitch and decorations placed against the baseline, so "
        "the move never reaches a Document"
    ),
}

READABLE = [
    p for p in SAMPLE_PDFS + FIXTURE_PDFS if p.name not in UNREADABLE | KNOWN_DIFFERENCES.keys()
]


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_the_pdfs_to_compare_are_all_there() -> None:
    """The equality test below is only as good as its corpus: no silent shrinking."""
    assert len(SAMPLE_PDFS) >= 7, SAMPLE_PDFS
    assert {p.name for p in FIXTURE_PDFS} >= {
        "formatting.pdf",
        "split_row.pdf",
        "narrow_dates.pdf",
        "self_reference.pdf",
        "rotated.pdf",
        *UNREADABLE,
        *KNOWN_DIFFERENCES,
    }


def _runs(p: Paragraph, pages: bool = True) -> tuple[Any, ...]:
    runs = tuple((r.text, r.bold, r.underline, r.strike) for r in p.runs)
    return ("paragraph", p.page if pages else None, runs)


def block_view(block: Paragraph | Table, pages: bool = True) -> tuple[Any, ...]:
    """Everything a parser can see of a block, as plain tuples (so a failure shows it)."""
    if isinstance(block, Paragraph):
        return _runs(block, pages)
    return (
        "table",
        tuple(
            (
                (row.page, row.page_end) if pages else None,
                tuple(
                    (
                        c.shading,
                        c.col_span,
                        c.row_span,
                        tuple(_runs(p, pages) for p in c.paragraphs),
                    )
                    for c in row.cells
                ),
            )
            for row in block.rows
        ),
    )


def assert_same_document(ref: Document, fast: Document) -> None:
    assert fast.pages == ref.pages
    assert [type(b).__name__ for b in fast.blocks] == [type(b).__name__ for b in ref.blocks]
    for i, (a, b) in enumerate(zip(ref.blocks, fast.blocks, strict=True)):
        assert block_view(b) == block_view(a), f"block {i}: {a!r}"


@pytest.mark.parametrize("path", READABLE, ids=_ids(READABLE))
def test_backends_build_the_same_document(path: Path) -> None:
    assert_same_document(read_pdf(path, "pdfplumber"), read_pdf(path, "pdfium"))


def test_self_length_is_the_one_known_difference() -> None:
    path = FIXTURES / "self_length.pdf"
    with pytest.raises(ValueError, match=r"self_length\.pdf: corrupt PDF.*RecursionError"):
        read_pdf(path, "pdfplumber")
    assert [p.text for p in read_pdf(path, "pdfium").paragraphs] == ["Text outside the loop."]


def test_rotated_pages_read_like_the_upright_page(backend: str) -> None:
    """rotated.pdf is formatting.pdf's page drawn turned, under /Rotate 90 then 270."""
    upright = [block_view(b, pages=False) for b in read_pdf(FIXTURES / "formatting.pdf").blocks]
    turned = read_pdf(FIXTURES / "rotated.pdf", backend)
    assert turned.pages == 2
    assert [block_view(b, pages=False) for b in turned.blocks] == upright + upright
    assert [b.page for b in turned.blocks] == [1] * len(upright) + [2] * len(upright)


# ---------------------------------------------------------------- the raw pages


def _close(a: float, b: float, tol: float = 0.01) -> bool:
    return abs(a - b) <= tol  # PDFium keeps coordinates in float32


def _same_char(ref: dict[str, Any], fast: dict[str, Any]) -> bool:
    if (ref["text"], ref["bold"], ref["upright"]) != (fast["text"], fast["bold"], fast["upright"]):
        return False
    if not all(_close(ref[k], fast[k]) for k in ("x0", "x1", "size", "baseline")):
        return False
    if _close(ref["top"], fast["top"]) and _close(ref["bottom"], fast["bottom"]):
        return True
    # "box moved by the font's descent": the same height, moved by under a third of the size
    moved = fast["top"] - ref["top"]
    return abs(moved) < 0.3 * ref["size"] and _close(fast["bottom"] - ref["bottom"], moved)


def _match_all(ref: list[tuple], fast: list[tuple]) -> bool:
    """Same multiset of boxes within float32 rounding (the order of ties may differ)."""
    left = list(fast)
    for box in ref:
        hit = next((i for i, b in enumerate(left) if all(map(_close, box, b))), None)
        if hit is None:
            return False
        left.pop(hit)
    return not left


@pytest.mark.parametrize("path", READABLE, ids=_ids(READABLE))
def test_raw_pages_differ_only_as_listed(path: Path) -> None:
    for page_no, (ref, fast) in enumerate(
        zip(plumber_pages(path), pdfium_pages(path), strict=True), start=1
    ):
        where = f"{path.name} p{page_no}"
        assert _close(ref.height, fast.height), where
        j = 0
        for c in ref.chars:
            if j < len(fast.chars) and _same_char(c, fast.chars[j]):
                j += 1
            else:  # "dropped space glyphs"
                assert c["text"].isspace(), (
                    f"{where}: {c['text']!r} at {c['x0']:.1f},{c['top']:.1f}"
                )
        assert j == len(fast.chars), f"{where}: pdfium has chars pdfplumber has not"
        assert _match_all(ref.strokes, fast.strokes), where
        assert _match_all([f[:4] for f in ref.fills], [f[:4] for f in fast.fills]), where
        assert sorted(str(f[4]) for f in ref.fills) == sorted(str(f[4]) for f in fast.fills)
        edges = [(e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"]) for e in ref.edges]
        fast_edges = [
            (e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"]) for e in fast.edges
        ]
        assert sorted(e[0] for e in edges) == sorted(e[0] for e in fast_edges), where
        assert _match_all([e[1:] for e in edges], [e[1:] for e in fast_edges]), where


# ---------------------------------------------------------------- choosing a backend


def test_default_backend_is_pdfium() -> None:
    assert DEFAULT_BACKEND == "pdfium"
    assert set(BACKENDS) == {"pdfium", "pdfplumber"}


def test_backend_from_argument_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """self_length.pdf tells the backends apart: only pdfium reads it."""
    path = FIXTURES / "self_length.pdf"
    monkeypatch.delenv("JARAP_PDF_BACKEND", raising=False)
    assert read_document(path).paragraphs
    monkeypatch.setenv("JARAP_PDF_BACKEND", "pdfplumber")
    with pytest.raises(ValueError, match="RecursionError"):
        read_document(path)
    assert read_document(path, pdf_backend="pdfium").paragraphs


def test_unknown_backend_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JARAP_PDF_BACKEND", "mupdf")
    with pytest.raises(ValueError, match=r"unknown PDF backend 'mupdf'.*pdfium, pdfplumber"):
        read_document(FIXTURES / "formatting.pdf")


def test_cli_pdf_backend_option_sets_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--pdf-backend reaches the reader (and, through the environment, any worker), and
    leaves the caller's environment as it was."""
    monkeypatch.delenv("JARAP_PDF_BACKEND", raising=False)
    paper = str(FIXTURES / "self_length.pdf")
    args = ["ingest", paper, "--db", str(tmp_path / "a.db"), "--pdf-backend", "pdfplumber"]
    result = CliRunner().invoke(cli, args)
    assert "RecursionError" in result.output
    assert result.exit_code == 1
    assert "JARAP_PDF_BACKEND" not in os.environ
    args = ["ingest", paper, "--db", str(tmp_path / "b.db"), "--pdf-backend", "pdfium"]
    result = CliRunner().invoke(cli, args)
    assert "RecursionError" not in result.output


def test_cli_rejects_an_unknown_backend(tmp_path: Path) -> None:
    args = ["ingest", str(FIXTURES / "formatting.pdf"), "--db", str(tmp_path / "a.db")]
    result = CliRunner().invoke(cli, [*args, "--pdf-backend", "mupdf"])
    assert result.exit_code == 2
    assert "'mupdf' is not one of 'pdfplumber', 'pdfium'" in result.output


# ---------------------------------------------------------------- bad PDFs, both backends


@pytest.fixture(params=sorted(BACKENDS))
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


def test_not_a_pdf_names_the_file(tmp_path: Path, backend: str) -> None:
    bad = tmp_path / "minutes.pdf"
    bad.write_text("Minutes of the audit panel\n")
    with pytest.raises(ValueError, match=r"minutes\.pdf: not a PDF file"):
        read_pdf(bad, backend)


def test_truncated_pdf_names_the_file(tmp_path: Path, backend: str) -> None:
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes((FIXTURES / "formatting.pdf").read_bytes()[:3000])
    with pytest.raises(ValueError, match=r"truncated\.pdf: cannot open PDF"):
        read_pdf(bad, backend)


def test_encrypted_pdf_names_the_file(backend: str) -> None:
    with pytest.raises(ValueError, match=r"encrypted\.pdf: cannot open PDF \(encrypted"):
        read_pdf(FIXTURES / "encrypted.pdf", backend)


def test_no_text_layer_without_ocr_names_the_remedy(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jarap.ingest.pdf_reader as reader

    monkeypatch.setattr(reader, "ocr_function", lambda: None)
    with pytest.raises(
        ValueError, match=r"no_text_layer\.pdf: no text layer: OCR it first .*jarap-archive\[ocr\]"
    ):
        read_pdf(FIXTURES / "no_text_layer.pdf", backend)


def test_no_text_layer_and_nothing_to_ocr_says_so(backend: str) -> None:
    """A grey page without a glyph: OCR (when installed) finds nothing, and says so."""
    from jarap.ingest.ocr import unavailable

    if unavailable():
        pytest.skip(f"OCR: {unavailable()}")
    with pytest.raises(ValueError, match=r"no_text_layer\.pdf: no text layer, and OCR found no"):
        read_pdf(FIXTURES / "no_text_layer.pdf", backend)


def test_self_referencing_form_does_not_hang(backend: str) -> None:
    """A form that draws itself: both libraries refuse the loop and read the rest.

    Run in a child process so a regression shows as a failure rather than a stuck suite
    (the limit is a hang guard, far above the fraction of a second it takes).
    """
    code = (
        "import sys; from jarap.ingest.pdf_reader import read_pdf; "
        "d = read_pdf(sys.argv[1], sys.argv[2]); print([p.text for p in d.paragraphs])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(FIXTURES / "self_reference.pdf"), backend],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['Text outside the loop.']"


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_page_content_that_draws_itself_is_refused_not_hung(tmp_path: Path, backend: str) -> None:
    """A page whose content stream is also a form it draws (twice, so the loop doubles):
    PDFium would load that page for ever inside one C call; it is refused from the object
    graph first. pdfminer refuses the circular reference and finds no text."""
    from bad_inputs import self_referencing_pdf

    path = tmp_path / "loop.pdf"
    path.write_bytes(self_referencing_pdf())
    code = (
        "import sys; from jarap.ingest.pdf_reader import read_pdf; "
        "read_pdf(sys.argv[1], sys.argv[2])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), backend],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    expected = "a content stream draws itself" if backend == "pdfium" else "no text layer"
    assert expected in done.stderr.splitlines()[-1]


def test_only_a_pdf_naming_an_xobject_or_an_object_stream_gets_the_form_loop_check(
    tmp_path: Path,
) -> None:
    """The object-graph check for a page that draws itself is skipped for a file whose
    bytes name neither an XObject (how a page draws a form) nor an object stream (where a
    dictionary could hide from a byte search); every other file still gets it."""
    from bad_inputs import self_referencing_pdf

    from jarap.ingest.pdf_pdfium import _may_draw_forms, _self_drawing_form

    loop = tmp_path / "loop.pdf"
    loop.write_bytes(self_referencing_pdf())
    assert _may_draw_forms(loop) and _self_drawing_form(loop) == 4
    hidden = tmp_path / "hidden.pdf"  # what an object stream leaves visible: its type
    hidden.write_bytes(b"%PDF-1.5\n1 0 obj << /Type /ObjStm /N 3 /First 12 >> endobj\n")
    assert _may_draw_forms(hidden)
    plain = FIXTURES / "new_row_at_page_top.pdf"  # text and rulings, no images or forms
    assert not _may_draw_forms(plain) and _self_drawing_form(plain) is None
