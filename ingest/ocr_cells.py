"""Table cells of a scanned page read each on its own, as a born-digital grid gives each cell
its own text.

Tesseract's page segmentation does not know the table: with the rules painted out, it joins
lines across neighbouring cells, puts the first letter of a cell's word in the cell to its
left, drops a short isolated value (`1.1`, a lone ditto mark) and reads a narrow column of
wrapped words as a block of its own. So every innermost cell of every grid found in the image
is cropped (a nested table's area left blank in its outer cell, the nested cells read on their
own) and all the crops of a page are read in one Tesseract run, each as one block of text
(``--psm 6``); the rest of the page, tables blanked, is read with page segmentation.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jarap.ingest.ocr import PageImage, Word

CELL_PAD = 12  # px of paper around a cell read on its own (Tesseract wants a margin)
# Tesseract reads small print best at about 300 dpi: a crop of a page rendered coarser is
# enlarged to it (at 200 dpi `1.1` read `11`, its point lost; `-` alone read nothing)
READ_DPI = 300
INSET_PT = 0.6  # a cell's crop stops this far inside its rules (painted out already)
EDGE_BAND_PT = 2.0  # ink within this of a crop's edge may be what is left of a rule
RULE_LEFT_PT = 1.6  # a run of ink no thicker than this along a crop's edge is a rule's remains


@dataclass
class CellCrop:
    """One table cell to read: its box in image pixels, and the boxes (pixels) of tables
    nested in it, left blank because their own cells are read apart."""

    box: tuple[int, int, int, int]
    holes: list[tuple[int, int, int, int]] = field(default_factory=list)


def table_cells(geo: PageImage) -> tuple[list[CellCrop], list[tuple[int, int, int, int]]]:
    """Every innermost cell of every grid on the page, and each grid's box (pixels)."""
    from jarap.ingest.ocr_grid import pixel_box
    from jarap.ingest.pdf_grid import find_grids

    k = geo.px_per_pt
    cells: list[CellCrop] = []
    tables: list[tuple[int, int, int, int]] = []
    for grid in find_grids(geo.edges):
        tables.append(pixel_box(grid.bbox, k, -1.0))
        for g in (grid, *grid.nested):
            for *_span, bbox in g.cells:
                box = pixel_box(bbox, k, INSET_PT)
                if box[2] - box[0] < 4 or box[3] - box[1] < 4:
                    continue
                nested = grid.nested if g is grid else []
                holes = [pixel_box(n.bbox, k, -1.0) for n in nested if _covers(bbox, n.bbox)]
                cells.append(CellCrop(box, holes))
    return cells, tables


def _covers(outer: tuple[float, ...], inner: tuple[float, ...]) -> bool:
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3]


def blank_tables(clean: Any, tables: list[tuple[int, int, int, int]]) -> Any:
    """The page with its tables painted out, for the page segmentation of the rest."""
    out = clean.copy()
    h, w = out.shape[:2]
    for x0, y0, x1, y1 in tables:
        out[max(y0, 0) : min(y1, h), max(x0, 0) : min(x1, w)] = 255
    return out


def crop_of(clean: Any, cell: CellCrop, px_per_pt: float) -> Any:
    """A cell's crop as Tesseract should see it: nested tables blanked, what is left of a
    rule along its edges removed (a thin run of ink lying along an edge: where a dark fill
    meets a light one, or a rule drawn a little askew, the painting out leaves a sliver that
    reads `r` or `~`), and a margin of paper around it."""
    import cv2
    import numpy as np

    x0, y0, x1, y1 = cell.box
    crop = clean[y0:y1, x0:x1].copy()
    for hx0, hy0, hx1, hy1 in cell.holes:
        crop[max(hy0 - y0, 0) : max(hy1 - y0, 0), max(hx0 - x0, 0) : max(hx1 - x0, 0)] = 255
    dark = (crop < 128).astype(np.uint8)
    count, labels, stats, _c = cv2.connectedComponentsWithStats(dark, connectivity=8)
    h, w = crop.shape[:2]
    band = EDGE_BAND_PT * px_per_pt
    thin = RULE_LEFT_PT * px_per_pt
    for i in range(1, count):
        x, y, cw, ch = (int(v) for v in stats[i, :4])
        along_h = ch <= thin and cw >= 3 * ch and (y <= band or y + ch >= h - band)
        along_v = cw <= thin and ch >= 3 * cw and (x <= band or x + cw >= w - band)
        if along_h or along_v:
            crop[labels == i] = 255
    return cv2.copyMakeBorder(
        crop, CELL_PAD, CELL_PAD, CELL_PAD, CELL_PAD, cv2.BORDER_CONSTANT, value=255
    )


def read_crops(
    crops: list[Any], origins: list[tuple[int, int]], px_per_pt: float, timeout: float
) -> list[list[Word]]:
    """The words of each crop, each read as one block of text, in one Tesseract run over a
    list of images (one process, the model loaded once); boxes in page pixels (`origins`:
    each crop's top left on the page, before its margin)."""
    import cv2

    from jarap.ingest.ocr import _tesseract, words_of

    if not crops:
        return []
    scale = max(1.0, READ_DPI / (px_per_pt * 72))
    with tempfile.TemporaryDirectory(prefix="jarap-ocr-") as tmp:
        names = []
        for i, crop in enumerate(crops):
            name = os.path.join(tmp, f"cell{i:04d}.png")
            if scale > 1.0:
                crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
            cv2.imwrite(name, crop)
            names.append(name)
        listing = os.path.join(tmp, "cells.txt")
        with open(listing, "w", encoding="utf-8") as fh:
            fh.write("\n".join(names) + "\n")
        data = _tesseract(listing, 6, px_per_pt * scale, timeout)
    if scale > 1.0:
        for key in ("left", "top", "width", "height"):
            data[key] = [round(int(v) / scale) for v in data[key]]
    out: list[list[Word]] = [[] for _ in crops]
    by_page: dict[int, list[int]] = {}
    for row, pg in enumerate(data["page_num"]):
        by_page.setdefault(int(pg), []).append(row)
    for i, (x0, y0) in enumerate(origins):
        rows = by_page.get(i + 1, [])
        one = {k: [vals[r] for r in rows] for k, vals in data.items()}
        for w in words_of(one):
            dx, dy = x0 - CELL_PAD, y0 - CELL_PAD
            w.left, w.right, w.top, w.bottom = w.left + dx, w.right + dx, w.top + dy, w.bottom + dy
            w.line = (w.line[0] + 1000 * (i + 1), *w.line[1:])
            out[i].append(w)
    return out


def read_cells(clean: Any, cells: list[CellCrop], px_per_pt: float, timeout: float) -> list[Word]:
    """Every cell's words (see the module's docstring), a lone ditto mark made out from its
    shape."""
    from jarap.ingest.ocr_marks import ditto_mark

    crops = [crop_of(clean, c, px_per_pt) for c in cells]
    found = read_crops(crops, [c.box[:2] for c in cells], px_per_pt, timeout)
    out: list[Word] = []
    for n, (cell, crop, words) in enumerate(zip(cells, crops, found, strict=True)):
        mark = ditto_mark(crop, words, px_per_pt, CELL_PAD)
        if mark is not None:
            x0, y0 = cell.box[0] - CELL_PAD, cell.box[1] - CELL_PAD
            mark.left, mark.right = mark.left + x0, mark.right + x0
            mark.top, mark.bottom = mark.top + y0, mark.bottom + y0
            mark.line = (1000 * (n + 1) + 999, 0, 0)
            words = [mark]
        out += words
    return out
