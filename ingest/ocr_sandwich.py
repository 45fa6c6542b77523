"""Sandwich PDFs: a scanned page image with an OCR program's invisible words on top.

Tesseract, ocrmypdf and scanners' "searchable PDF" keep the picture and lay each recognised
word over it in render mode 3; they draw no ruling lines, so the tables a born-digital page
draws exist only in the picture. For a page with text but no drawing, on an image covering
most of the page, the rules and cell shading are found in the rendered page by the same
image geometry the OCR path uses (:mod:`jarap.ingest.ocr_grid`), and given to the grid
finder as if the PDF had drawn them. The words outside tables are the backend's, laid out by
their geometry like any PDF's. The words inside the tables are read again from the picture,
cell by cell, when OCR can run here (:mod:`jarap.ingest.ocr_cells`): the OCR program read the
page without knowing its table, so its layer joins lines across cells, splits a word at a
rule and misreads short values next to the rules (`1.2` as `2:2`, a tick as `v`), which a
cell read on its own does not.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from jarap.ingest.pdf_raw import RawPage

if TYPE_CHECKING:
    from jarap.ingest.ocr import PageImage

COVER = 0.8  # an image over this share of the page is a scan under the text


def image_backed(page: object) -> bool:
    """Whether a pdfium page is drawn on one image covering most of it."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()  # type: ignore[attr-defined]
    area = width * height
    for obj in page.get_objects(max_depth=2):  # type: ignore[attr-defined]
        if obj.type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            continue
        x0, y0, x1, y1 = obj.get_bounds()
        if (x1 - x0) * (y1 - y0) >= COVER * area:
            return True
    return False


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
    """Give every image-backed page without drawing the rules and shading of its image;
    returns the pages (1-based) changed. Needs the OCR extra's OpenCV, not Tesseract; without
    it nothing changes (the words still read, as text outside tables)."""
    todo = candidates(raws)
    if not todo:
        return []
    from jarap.ingest.ocr import images_unavailable, unavailable

    if images_unavailable():
        return []
    import pypdfium2 as pdfium

    from jarap.ingest.ocr import prepared, refuse_loops
    from jarap.ingest.ocr_grid import one_palette

    reread = unavailable() is None

    try:
        refuse_loops(path, "")
    except ValueError:
        return []  # never rendered; its words still read
    changed: list[int] = []
    pdf = pdfium.PdfDocument(path)
    try:
        for i in todo:
            page = pdf[i]
            try:
                if not image_backed(page):
                    continue
                width_pt, height_pt = page.get_size()
                geo, clean, ink = prepared(page, i + 1)
            finally:
                page.close()
            raw = raws[i]
            level_chars(raw, geo.skew, width_pt, height_pt)
            raw.edges, raw.strokes, raw.fills = geo.edges, geo.strokes, geo.fills
            raw.chars = [c for c in raw.chars if not on_a_rule(c, geo.strokes)]
            for c in raw.chars:  # an OCR program's words: provenance says so (no confidence)
                c["conf"] = TEXT_LAYER_CONF
            if reread:
                reread_tables(raw, geo, clean, ink, path)
            changed.append(i + 1)
    finally:
        pdf.close()
    palette = one_palette([f for i in changed for f in raws[i - 1].fills])
    for i in changed:
        raw = raws[i - 1]
        raw.fills = [(*f[:4], palette.get(f[4], f[4]) if f[4] else None) for f in raw.fills]
    return changed


def reread_tables(raw: RawPage, geo: PageImage, clean: Any, ink: Any, path: Path) -> None:
    """The text layer's words inside the page's tables replaced by the cells read again from
    the picture (in place); a cell the time limit cuts short keeps the layer's words."""
    from jarap.ingest.ocr import budget_seconds, finished
    from jarap.ingest.ocr_cells import read_cells, table_cells

    cells, tables = table_cells(geo)
    if not cells:
        return
    try:
        words = read_cells(clean, cells, geo.px_per_pt, budget_seconds())
    except RuntimeError:  # pytesseract's timeout: the layer's words stand
        return
    k = geo.px_per_pt

    def in_table(c: dict[str, Any]) -> bool:
        x, y = (c["x0"] + c["x1"]) / 2 * k, (c["top"] + c["bottom"]) / 2 * k
        return any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in tables)

    read = finished(words, clean, ink, geo)
    raw.chars = [c for c in raw.chars if not in_table(c)] + read.chars
