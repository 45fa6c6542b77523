"""Unreadable text layers: judged per page by meaning, over generated variation.

The generator is every page-sized stretch of every sample's text conversion, read as it is
(readable) and with its letters put through a random substitution (what a font with a
private encoding gives), with raw glyph codes (a font without a Unicode map) and with a
few stray symbols (readable still). Seeds 0-299 were looked at while the thresholds were
set; seeds 1000-1299 were held back and are tested (and reported) on their own.
"""

from __future__ import annotations

import random
import re
import string
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jarap.cli import cli
from jarap.ingest.pdf_reader import read_pdf
from jarap.ingest.text_layer import page_ranges, page_verdict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "samples"))  # samples/producers.py, the producer matrix
# the text conversions' markup (HTML cells, **bold**) is no part of what a PDF page draws
TEXTS = [
    re.sub(r"<[^>]*>|\*\*|__|~~", " ", p.read_text()) for p in sorted(ROOT.glob("samples/*/*.txt"))
]
TUNED = range(0, 300)
HELD_BACK = range(1000, 1300)


def stretch(seed: int, size: int = 1500) -> str:
    """A page-sized stretch of one sample's text, chosen by the seed."""
    rnd = random.Random(seed)
    text = TEXTS[seed % len(TEXTS)]
    start = rnd.randrange(0, max(1, len(text) - size))
    return text[start : start + size]


def substituted(seed: int, text: str) -> str:
    """The text with its letters swapped by a random one-to-one substitution (case kept)."""
    letters = list(string.ascii_lowercase)
    random.Random(seed).shuffle(letters)
    swap = "".join(letters)
    return text.translate(
        str.maketrans(string.ascii_lowercase + string.ascii_uppercase, swap + swap.upper())
    )


def raw_codes(seed: int, text: str) -> list[str]:
    """Glyphs as a font without a Unicode map decodes them: a code per distinct letter."""
    rnd = random.Random(seed)
    codes: dict[str, str] = {}
    out = []
    for ch in text:
        if ch.isspace() or rnd.random() < 0.3:  # some codes happen to land on letters
            out.append(ch)
        else:
            out.append(codes.setdefault(ch, chr(1 + len(codes) % 30)))
    return out


def verdict_for(glyphs: list[str], text: str) -> str | None:
    v = page_verdict(1, glyphs, text)
    return v.reason if v else None


@pytest.mark.parametrize("seeds", [TUNED, HELD_BACK], ids=["tuned", "held_back"])
def test_readable_pages_are_never_called_unreadable(seeds: range) -> None:
    flagged = [(s, r) for s in seeds if (r := verdict_for(list(t := stretch(s)), t))]
    assert flagged == [], flagged[:3]


@pytest.mark.parametrize("seeds", [TUNED, HELD_BACK], ids=["tuned", "held_back"])
def test_substituted_letters_are_unreadable(seeds: range) -> None:
    missed = [s for s in seeds if not verdict_for(list(g := substituted(s, stretch(s))), g)]
    assert missed == [], f"{len(missed)} of {len(seeds)} garbled pages read as text"


@pytest.mark.parametrize("seeds", [TUNED, HELD_BACK], ids=["tuned", "held_back"])
def test_raw_glyph_codes_are_unreadable(seeds: range) -> None:
    for s in seeds:
        glyphs = raw_codes(s, stretch(s))
        reason = verdict_for(glyphs, "".join(glyphs))
        assert reason and "Unicode map" in reason, s


def test_pdfminer_cid_glyphs_and_private_use_are_raw_codes() -> None:
    cids = [f"(cid:{i % 40})" for i in range(100)]
    assert "Unicode map" in (verdict_for(cids, "") or "")
    private = [chr(0xE000 + i % 200) for i in range(100)]
    assert "Unicode map" in (verdict_for(private, "") or "")


def test_symbol_bullets_and_a_few_strays_stay_readable() -> None:
    """Wingdings bullets are private-use code points that mean something, and one odd
    glyph in a page of prose is no reason to OCR it."""
    for s in range(50):
        text = stretch(s)
        glyphs = ["\uf0b7", *list(text[:-3]), "\x01", "\ufffd"]
        assert verdict_for(glyphs, text) is None, s


def test_too_little_text_is_no_evidence() -> None:
    assert verdict_for(list("Xq zzkv"), "Xq zzkv") is None


def test_page_ranges_are_compact() -> None:
    assert page_ranges([5, 1, 2, 3, 7, 8]) == "1-3, 5, 7-8"


# ---------------------------------------------------------------- on a real printed PDF


def _printed(docx: Path) -> Path:
    """The paper through the PostScript print path (the producer matrix's ps-pdf)."""
    from tooling import require_tool

    require_tool("soffice", "pdftops", "ps2pdf")
    from producers import variant

    return variant(docx, "ps-pdf")


SAMPLE = ROOT / "samples" / "tracker-2021" / "northshire-tracker-2021-07.docx"


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_a_postscript_printed_pdf_is_refused_with_pages_and_remedy(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jarap.ingest.pdf_reader as reader

    printed = _printed(SAMPLE)
    monkeypatch.setattr(reader, "ocr_function", lambda: None)
    with pytest.raises(ValueError) as caught:
        read_pdf(printed, backend=backend)
    line = str(caught.value)
    assert str(printed) in line and "unreadable text layer on page(s) 1-" in line
    assert "pip install 'jarap-archive[ocr]'" in line and "tesseract-ocr" in line
    assert "\n" not in line


def test_the_cli_names_the_unreadable_file_not_an_unknown_layout(tmp_path: Path) -> None:
    """Through the CLI's workers: without OCR the one line names the file and the remedy;
    with OCR installed the pages are read instead. Never "no known layout"."""
    from jarap.ingest.pdf_reader import ocr_function

    printed = _printed(SAMPLE)
    result = CliRunner().invoke(
        cli, ["ingest", "--db", str(tmp_path / "a.db"), "-j", "1", str(printed)]
    )
    assert "no known paper layout" not in result.output, result.output
    if ocr_function() is None:
        assert "unreadable text layer" in result.output, result.output
        assert "jarap-archive[ocr]" in result.output
        assert result.exit_code == 1


def test_unreadable_pages_go_through_the_ocr_seam(monkeypatch: pytest.MonkeyPatch) -> None:
    """With OCR installed, the unreadable pages are what `ocr_pages` is asked for, and its
    pages replace them: here a stand-in OCR returns the pages of the readable LibreOffice
    PDF, so the printed paper must then read to the .docx's records exactly."""
    from producer_compare import converted, differences
    from producers import variant

    import jarap.ingest.pdf_reader as reader
    from jarap.ingest.pdf_pdfium import raw_pages

    printed = _printed(SAMPLE)
    readable = list(raw_pages(variant(SAMPLE, "lo-pdf")))
    asked: list[list[int]] = []

    def fake_ocr(path: Path, pages: list[int]) -> dict[int, object]:
        asked.append(pages)
        assert path == printed
        return {n: readable[n - 1] for n in pages}

    monkeypatch.setattr(reader, "ocr_function", lambda: fake_ocr)
    # `differences` caches conversions by path: another test may have read this file with the
    # real OCR, and this one's stand-in must not leak into later tests either
    converted.cache_clear()
    try:
        assert differences(printed, SAMPLE) == []
    finally:
        converted.cache_clear()
    assert asked == [list(range(1, len(readable) + 1))]


def test_a_paper_with_some_unreadable_pages_says_so_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The readable pages are read; the unreadable ones are named, with the remedy, as the
    paper's first problem (never a bare "no known layout")."""
    import subprocess

    from producers import variant
    from tooling import require_tool

    import jarap.ingest.pdf_reader as reader
    from jarap.convert import convert

    require_tool("qpdf")
    printed = _printed(SAMPLE)
    readable = variant(SAMPLE, "lo-pdf")
    mixed = tmp_path / "mixed.pdf"
    subprocess.run(
        ["qpdf", "--empty", "--pages", str(readable), "1-3", str(printed), "4-z", "--", str(mixed)],
        check=True,
    )
    monkeypatch.setattr(reader, "ocr_function", lambda: None)
    result = convert(mixed)
    assert result.problems, result
    first = result.problems[0].message
    assert first.startswith(f"{mixed}: unreadable text layer on page(s) 4-"), first
    assert "jarap-archive[ocr]" in first
    assert result.document is not None and result.document.pages >= 4
