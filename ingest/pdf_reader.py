"""Read a Word document exported to PDF into the document model.

The papers are trackers laid out as big ruled tables, so a PDF page is read the way the
exporter drew it: the ruling gives the cells, the glyphs give the text, and formatting is
recovered from the drawing (see :mod:`jarap.ingest.pdf_layout`).

Two backends produce the raw pages (:mod:`jarap.ingest.pdf_pdfium`, fast, the default,
and :mod:`jarap.ingest.pdf_plumber`, the reference); everything after that is shared, and
tests/test_pdf_backends.py holds them to the same documents. Pick one with
``read_pdf(path, backend=...)`` or ``JARAP_PDF_BACKEND``. ``python -m jarap.ingest.pdf_reader
FILE.pdf`` prints the blocks and compares the time per page with plain pdfplumber
(``extract_words`` + ``find_tables``).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any

import pdfplumber

from jarap.ingest.document import Document, Table
from jarap.ingest.pdf_layout import TablePart, joins_tight, read_page, read_pages
from jarap.ingest.pdf_pages import pages_to_blocks
from jarap.ingest.pdf_plumber import raw_page as plumber_raw_page
from jarap.ingest.pdf_raw import RawPage, color_to_hex
from jarap.ingest.text_layer import (
    EVIDENCE,
    GLYPH_EVIDENCE,
    OCR_REMEDY,
    Verdict,
    page_ranges,
    page_verdict,
)

__all__ = ["BACKENDS", "DEFAULT_BACKEND", "color_to_hex", "joins_tight", "read_page", "read_pdf"]

ENV_BACKEND = "JARAP_PDF_BACKEND"
_TEXT = itemgetter("text")
DEFAULT_BACKEND = "pdfium"


def _pdfium(path: Path) -> Iterator[RawPage]:
    from jarap.ingest.pdf_pdfium import raw_pages

    return raw_pages(path)


def _plumber(path: Path) -> Iterator[RawPage]:
    from jarap.ingest.pdf_plumber import raw_pages

    return raw_pages(path)


BACKENDS: dict[str, Callable[[Path], Iterator[RawPage]]] = {
    "pdfium": _pdfium,
    "pdfplumber": _plumber,
}


def backend_name(backend: str | None = None) -> str:
    """The backend asked for, else ``$JARAP_PDF_BACKEND``, else the default; checked."""
    name = backend or os.environ.get(ENV_BACKEND) or DEFAULT_BACKEND
    if name not in BACKENDS:
        raise ValueError(f"unknown PDF backend {name!r} (choose from {', '.join(BACKENDS)})")
    return name


def _check_header(path: Path) -> None:
    """Say plainly when a file is no PDF at all, before a library guesses why."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except IsADirectoryError as e:
        raise ValueError(f"{path}: not a PDF file (a directory)") from e
    if b"%PDF-" not in head:
        raise ValueError(f"{path}: not a PDF file (no %PDF header)")


def read_pdf(path: Path, backend: str | None = None) -> Document:
    """Read a Word-exported PDF paper into a :class:`Document`.

    Pages with no glyphs (a scan) and pages whose text layer cannot be read (see
    :mod:`jarap.ingest.text_layer`) are handed to OCR when it is installed; otherwise an
    unreadable page is dropped with one warning naming the pages and the remedy, and a paper
    with no readable page at all is refused with that line (never "no known layout").
    Pages whose text sits on a page-filling image with no ruling drawn (a sandwich PDF from
    an OCR program) take their rules and shading from the image
    (:mod:`jarap.ingest.ocr_sandwich`).
    """
    from jarap.ingest.ocr_sandwich import add_image_rules, candidates

    path = Path(path)
    raw_pages = BACKENDS[backend_name(backend)]
    _check_header(path)
    raws = list(raw_pages(path))
    # only a page that draws an image can be a sandwich's: when the backend says none does,
    # the file is not opened again (nor its object graph parsed) to look
    if any(raws[i].images is not False for i in candidates(raws)):
        for page_no in add_image_rules(path, raws):
            raws[page_no - 1].texts = None  # its chars were filtered
    pages: list[tuple[list[Any], float]] = []
    image_only: list[int] = []
    unreadable: dict[int, Verdict] = {}
    for page_no, (raw, blocks) in enumerate(zip(raws, read_pages(raws), strict=True), start=1):
        pages.append((blocks, raw.height))
        if not raw.chars:
            image_only.append(page_no)
            continue
        texts = raw.texts
        if texts is not None and len(texts) == len(raw.chars):
            glyphs: Iterable[str] = texts[:GLYPH_EVIDENCE]
        else:
            glyphs = map(_TEXT, raw.chars[:GLYPH_EVIDENCE])
        verdict = page_verdict(page_no, glyphs, blocks_text(blocks))
        if verdict is not None:
            unreadable[page_no] = verdict
    warnings: list[str] = []
    done: dict[int, RawPage] | None = None
    if image_only or unreadable:
        ocr = ocr_function()
        done = ocr(path, sorted([*image_only, *unreadable])) if ocr is not None else None
        if done and len(image_only) == len(pages) and not any(r.chars for r in done.values()):
            raise ValueError(
                f"{path}: no text layer, and OCR found no text on its {len(pages)} page(s)"
            )
        for page_no, raw in (done or {}).items():
            pages[page_no - 1] = (read_page(raw, page_no), raw.height)
            unreadable.pop(page_no, None)
            if page_no in image_only:
                image_only.remove(page_no)
        if unreadable:
            for page_no in unreadable:
                pages[page_no - 1] = ([], pages[page_no - 1][1])
            warnings.append(_unreadable_line(path, list(unreadable.values())))
        if pages and len(image_only) + len(unreadable) == len(pages):
            if unreadable:
                raise ValueError(warnings[0])
            raise ValueError(
                f"{path}: no text layer: OCR it first ({len(pages)} page(s), no characters; "
                f"{OCR_REMEDY})"
            )
    return Document(
        path=path,
        format="pdf",
        blocks=pages_to_blocks(pages),
        pages=len(pages),
        warnings=warnings,
        ocr_pages=sorted(done or {}),
    )


def _unreadable_line(path: Path, verdicts: list[Verdict]) -> str:
    """One line: the file, the pages, why (the first page's reason), and the remedy."""
    pages = page_ranges(v.page for v in verdicts)
    return f"{path}: unreadable text layer on page(s) {pages} ({verdicts[0].reason}); {OCR_REMEDY}"


def blocks_text(blocks: list[Any], limit: int = EVIDENCE) -> str:
    """The words of one page's blocks (paragraphs and table cells), for judging them: the
    first ``limit`` characters or so (all a verdict reads). Stops at the cell that reaches
    the limit: this runs for every page, and a long table's other cells are never read."""
    out: list[str] = []
    size = 0
    for b in blocks:
        table = isinstance(b, TablePart)
        cells = (c for row in b.table.rows for c in row.cells) if table else (b.para,)
        for c in cells:
            t = c.text
            out.append(t)
            size += len(t)
            if size >= limit:
                return "\n".join(out)
    return "\n".join(out)


OcrPages = Callable[[Path, list[int]], "dict[int, RawPage] | None"]


def ocr_function() -> OcrPages | None:
    """The OCR seam: ``jarap.ingest.ocr.ocr_pages(path, pages)`` (1-based page numbers)
    returns a :class:`RawPage` per page it read, or None when OCR cannot run here (no
    Tesseract); None here when that module or its optional packages are not installed."""
    from jarap.ingest.ocr import ocr_pages, unavailable

    if unavailable():
        return None
    return ocr_pages


def _bench(path: Path, repeat: int) -> None:
    """Time our page reading against pdfplumber's own words + tables, page by page."""
    ours: list[float] = []
    plain: list[float] = []
    for _ in range(repeat):
        for mode, times in (("plain", plain), ("ours", ours)):
            with pdfplumber.open(path) as pdf:
                for i, page in enumerate(pdf.pages):
                    t = time.perf_counter()
                    if mode == "plain":
                        page.extract_words()
                        page.find_tables()
                    else:
                        read_page(plumber_raw_page(page), i + 1)
                    page.close()
                    dt = time.perf_counter() - t
                    if len(times) <= i:
                        times.append(dt)
                    else:
                        times[i] = min(times[i], dt)
    print(f"\n{'page':>4} {'plain ms':>9} {'ours ms':>9} {'ratio':>6}")
    for i, (p, o) in enumerate(zip(plain, ours, strict=True), start=1):
        print(f"{i:>4} {p * 1000:9.1f} {o * 1000:9.1f} {o / p:6.2f}")
    tp, to = sum(plain), sum(ours)
    print(
        f"{'all':>4} {tp * 1000:9.1f} {to * 1000:9.1f} {to / tp:6.2f}"
        f"   ({len(ours) / to:.1f} pages/s ours, {len(plain) / tp:.1f} plain)"
    )


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.exit("usage: python -m jarap.ingest.pdf_reader FILE.pdf [REPEAT]")
    path = Path(args[0])
    doc = read_pdf(path)  # the default backend
    print(doc)
    for b in doc.blocks:
        print(repr(b))
        if isinstance(b, Table):
            for row in b.rows:
                print("   ", repr(row), f"-p{row.page_end}" if row.page_end != row.page else "")
    _bench(path, int(args[1]) if len(args) > 1 else 3)


if __name__ == "__main__":
    main()
