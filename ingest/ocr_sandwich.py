"""Sandwich PDFs: a scanned page image with an OCR program's invisible words on top.

Tesseract, ocrmypdf and scanners' "searchable PDF" keep the picture and lay each recognised
word over it in render mode 3; they draw no ruling lines, so the tables a born-digital page
draws exist only in the picture. For a page with text but no drawing, on an image covering
most of the page, the rules and cell shading are found in the rendered page by the same
image geometry the OCR path uses (:mod:`jarap.ingest.ocr_grid`), and given to the grid
finder as if the PDF had drawn them.

When the page's words are hidden (an OCR layer, :func:`hidden_words`) and Tesseract runs
here, the picture is read again exactly as a scan's page is (:func:`ocr.read_image`: cells
each on their own, the rest by page segmentation) and its words replace the layer's. The
layer was read without knowing the page's tables: it joins lines across cells, splits a word
at a rule, misreads short values beside them (`1.2` as `2:2`, a tick as `v`), and outside
tables keeps that program's misreads and line order. The layer's own words stand, laid out
by their geometry like any PDF's, only when Tesseract is absent or the page's time runs out,
and words the reader sees over a page-sized picture are always the PDF's own.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jarap.ingest.pdf_raw import RawPage

if TYPE_CHECKING:
    from jarap.ingest.ocr import PageImage

COVER = 0.8  # an image over this share of the page is a scan under the text


def hidden_words(page: object) -> bool | None:
    """Whether a pdfium page's words are an OCR layer over its picture: None when no image
    covers most of the page or it has no text; True when most of its text is hidden
    (invisible, render mode 3, as Tesseract, ocrmypdf and scanners write it, or drawn before
    the picture that covers it); False for text the reader sees over a page-sized picture
    (a letterhead, a background: the PDF's own words)."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()  # type: ignore[attr-defined]
    area = width * height
    covered_from: int | None = None
    texts: list[tuple[int, bool]] = []  # (drawing order, invisible)
    for n, obj in enumerate(page.get_objects(max_depth=2)):  # type: ignore[attr-defined]
        if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)
            texts.append((n, mode == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE))
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE and covered_from is None:
            x0, y0, x1, y1 = obj.get_bounds()
            if (x1 - x0) * (y1 - y0) >= COVER * area:
                covered_from = n
    if covered_from is None or not texts:
        return None
    return sum(invisible or n < covered_from for n, invisible in texts) * 2 >= len(texts)


def level_chars(raw: RawPage, skew: float, width: float, height: float) -> None:
    """Turn the words with the image: the rules were found on the levelled picture, so the
    words laid over the skewed one are turned by the same angle about the page's centre."""
    if not skew:
        return
    import math

    a = math.radians(-skew)  # the picture was turned by `skew`, anticlockwise as shown
    cos, sin = math.cos(a), math.sin(a)
    cx, cy = width / 2, height / 2
    for c in raw.chars:
        x, y = (c["x0"] + c["x1"]) / 2 - cx, (c["top"] + c["bottom"]) / 2 - cy
        dx = cos * x - sin * y + cx - (c["x0"] + c["x1"]) / 2
        dy = sin * x + cos * y + cy - (c["top"] + c["bottom"]) / 2
        for key in ("x0", "x1"):
            c[key] += dx
        for key in ("top", "bottom", "baseline"):
            c[key] += dy


RULE_GLYPHS = frozenset("|_[]!¦")
TEXT_LAYER_CONF = -1.0  # "read by another program's OCR": see extract.records.provenance_of
ON_RULE_PT = 1.5


def on_a_rule(c: dict, rules: list[tuple[float, float, float, float]]) -> bool:
    """Whether a char is the OCR program's reading of a ruling line (`|` on a column rule,
    `_` on a row rule): a rule-shaped glyph centred on a rule the image shows."""
    if c["text"] not in RULE_GLYPHS:
        return False
    cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    for x0, top, x1, bottom in rules:
        if x1 - x0 < bottom - top:  # vertical
            if abs(cx - (x0 + x1) / 2) <= ON_RULE_PT and top <= cy <= bottom:
                return True
        elif abs(c["bottom"] - (top + bottom) / 2) <= 2 * ON_RULE_PT and x0 <= cx <= x1:
            return True
    return False


def candidates(raws: list[RawPage]) -> list[int]:
    """Pages (0-based) with text but no ruling and no shading: only they can be sandwiches."""
    return [i for i, raw in enumerate(raws) if raw.chars and not raw.edges and not raw.fills]


def add_image_rules(path: Path, raws: list[RawPage]) -> list[int]:
    """Give every image-backed page without drawing the rules and shading of its image, and,
    when Tesseract is here, the words of its picture (:func:`read_again`); returns the pages
    (1-based) changed. The rules need only the OCR extra's OpenCV; without it nothing
    changes (the layer's words still read, as text outside tables)."""
    todo = candidates(raws)
    if not todo:
        return []
    from jarap.ingest import ocr

    if ocr.images_unavailable():
        return []
    import pypdfium2 as pdfium

    from jarap.ingest.ocr_grid import one_palette

    reread = ocr.unavailable() is None
    limit = ocr.budget_seconds()
    try:
        ocr.refuse_loops(path, "")
    except ValueError:
        return []  # never rendered; its words still read
    changed: list[int] = []
    pdf = pdfium.PdfDocument(path)
    try:
        for i in todo:
            page = pdf[i]
            try:
                hidden = hidden_words(page)
                if hidden is None:
                    continue
                if reread and hidden and ocr.progress_hook is not None:
                    ocr.progress_hook(i + 1, len(todo), limit)
                deadline = time.monotonic() + limit
                width_pt, height_pt = page.get_size()
                geo, clean, ink = ocr.prepared(page, i + 1)
            finally:
                page.close()
            raw = raws[i]
            read = read_again(geo, clean, ink, deadline) if reread and hidden else None
            if read is not None and read.chars:
                raw.chars = read.chars
            else:  # the layer's words stand, turned with the picture, rules' readings dropped
                level_chars(raw, geo.skew, width_pt, height_pt)
                raw.chars = [c for c in raw.chars if not on_a_rule(c, geo.strokes)]
                if hidden:  # an OCR program's words: provenance says so
                    for c in raw.chars:
                        c["conf"] = TEXT_LAYER_CONF
            raw.edges, raw.fills = geo.edges, geo.fills
            raw.strokes = [*geo.strokes, *geo.decorations]
            changed.append(i + 1)
    finally:
        pdf.close()
    palette = one_palette([f for i in changed for f in raws[i - 1].fills])
    for i in changed:
        raw = raws[i - 1]
        raw.fills = [(*f[:4], palette.get(f[4], f[4]) if f[4] else None) for f in raw.fills]
    return changed


def read_again(geo: PageImage, clean: Any, ink: Any, deadline: float) -> RawPage | None:
    """The picture under the layer read as a scan's page is (:func:`ocr.read_image`), or None
    when the page's time runs out (the layer's words then stand).

    The layer is another program's reading of the same picture, made without knowing the
    page's tables: it joins lines across cells, splits words at rules, misreads short values
    beside them (`1.2` as `2:2`, a tick as `v`), and outside tables its words and line
    order are that program's (a heading read into the paragraph under it, `in a` as `ina`).
    Read again here, every word carries Tesseract's confidence, the marks are made out from
    their shape, and a sandwich reads exactly as the scan it was made from; measured, the
    layer kept outside tables cost the held-out sandwiches 6 points of F1 against that scan.
    """
    from jarap.ingest.ocr import read_image

    try:
        return read_image(geo, clean, ink, deadline)
    except RuntimeError:  # pytesseract's timeout, or the page's deadline passed
        return None
