"""The reference PDF backend: pdfplumber (pdfminer) pages as :class:`RawPage`.

Slow (pdfminer interprets the content stream in Python and pdfplumber turns every layout
object into a dict) but the one the thresholds were tuned on, so it is kept to check the
fast backend against (tests/test_pdf_backends.py). Each page is opened once and closed
before the next (pdfplumber's caches grow otherwise).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from jarap.ingest.pdf_raw import RawPage, page_from_objects

BOLD_MARKERS = ("bold", "black", "heavy")
# What a broken file raises: pdfplumber wraps most pdfminer errors, not all (lazy objects).
PDF_ERRORS = (PdfminerException, PSException)


def is_bold(fontname: str) -> bool:
    """Bold from the font's name, the only place a PDF keeps it (``Arial-BoldMT``)."""
    font = fontname.lower()
    return any(m in font for m in BOLD_MARKERS)


def raw_page(page: Any) -> RawPage:
    """A pdfplumber page (or anything with its ``chars lines rects curves``) as a RawPage."""
    chars = page.chars
    for c in chars:
        c["bold"] = is_bold(c["fontname"])
        # the box starts at the font's descent: the origin is that far above its bottom
        c["baseline"] = c["bottom"] + (c["y0"] - c["matrix"][5])
    return page_from_objects(page.height, chars, page.lines, page.rects, page.curves)


def reason(e: BaseException) -> str:
    """What went wrong, in a few words: pdfplumber wraps pdfminer's own error."""
    inner = e.args[0] if isinstance(e, PdfminerException) and e.args else e
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return f"encrypted: it needs a password ({name})"
    return f"{name}: {inner}" if str(inner) else name


def raw_pages(path: Path) -> Iterator[RawPage]:
    """Every page of the PDF in order; a broken file is a ValueError naming it."""
    try:
        pdf = pdfplumber.open(path)
    except PDF_ERRORS as e:
        raise ValueError(f"{path}: cannot open PDF ({reason(e)})") from e
    page_no = 0
    try:
        for page in pdf.pages:
            page_no += 1
            try:
                yield raw_page(page)
            finally:
                page.close()
    except PDF_ERRORS as e:
        where = f" at page {page_no}" if page_no else ""
        raise ValueError(f"{path}: corrupt PDF{where} ({reason(e)})") from e
    finally:
        try:
            pdf.close()
        except PDF_ERRORS:  # closing lists the pages again, which is what failed
            pdf.stream.close()
