"""What a PDF backend hands the layout code: one page's glyphs and drawing, nothing more.

Two backends read PDFs (pdfplumber, the reference, and pypdfium2, the fast one). Each turns
a page into a :class:`RawPage` in pdfplumber's coordinates (points, origin at the top left
of the page as displayed, so after ``/Rotate``), and everything after that (lines,
paragraphs, decorations, grids, rows continued over pages) is shared, so both backends
build the same :class:`~jarap.ingest.document.Document` from the same drawing.

Drawing arrives as pdfminer's three kinds of path (``line``: one segment; ``rect``: an
axis-aligned closed box; ``curve``: anything else, as its points) because the thresholds
below were tuned on them: a filled rect is shading, a thin one a rule, and every one of
them gives the grid finder its edges.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges

THIN = 1.5  # a rect or curve thinner than this (pt) is a rule, not an area
RULE_MAX = 4.0  # struck-through big headings have thicker rules (up to 0.15 font size)

# A stroke's box: x0, top, x1, bottom.
Box = tuple[float, float, float, float]
# A filled area: x0, top, x1, bottom, colour as "RRGGBB" (None: a pattern or no colour).
Fill = tuple[float, float, float, float, str | None]


@dataclass
class RawPage:
    """One page as a backend read it.

    ``chars`` are dicts with ``text x0 x1 top bottom size bold upright baseline``: the box is
    pdfminer's (advance width by font size, from the font's descent), ``baseline`` the y of
    the text origin, which is where strike-through and underline are measured from.
    """

    height: float
    chars: list[dict[str, Any]]
    strokes: list[Box]  # every line, rect and curve: candidates for strike / underline
    edges: list[dict[str, Any]]  # rulings for the grid finder (pdfplumber edge dicts)
    fills: list[Fill]  # filled areas in drawing order
    # whether the page draws any image, at any depth of forms (None: the backend does not
    # say); a page with none is no scan, and is not loaded again to look for one
    images: bool | None = None
    # the chars' texts in order, when the backend kept them (reading them back out of the
    # dicts costs ten times as much); None, or a different length, once the chars change
    texts: list[str] | None = None


def color_to_hex(color: Any) -> str | None:
    """pdfplumber colour (gray, RGB or CMYK tuple, components 0..1) as "RRGGBB"."""
    if color is None or isinstance(color, str):
        return None  # no colour, or a pattern we cannot flatten
    if isinstance(color, int | float):
        color = (color,)
    try:
        comps = [min(1.0, max(0.0, float(v))) for v in color]
    except (TypeError, ValueError):
        return None
    if len(comps) == 1:
        r = g = b = comps[0]
    elif len(comps) == 3:
        r, g, b = comps
    elif len(comps) == 4:
        c, m, y, k = comps
        r, g, b = (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    else:
        return None
    return "".join(f"{round(v * 255):02X}" for v in (r, g, b))


def is_area(rect: dict[str, Any]) -> bool:
    """A filled rect bigger than a rule: shading, not a border."""
    return bool(rect.get("fill")) and rect["width"] > THIN and rect["height"] > THIN


def table_edges(
    lines: list[dict[str, Any]], rects: list[dict[str, Any]], curves: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Rulings for the grid finder: every edge except those of filled areas.

    A cell's shading, a highlighted word or a shaded heading is a filled rectangle; left in,
    its edges make tables out of shaded paragraphs and split cells around highlights.
    Word draws its borders as thin filled rectangles, so only areas thicker than a rule go.
    """
    edges = [line_to_edge(ln) for ln in lines]
    for c in curves:
        edges.extend(curve_to_edges(c))
    for r in rects:
        if is_area(r) and not r.get("stroke"):
            continue
        edges.extend(rect_to_edges(r))
    return [e for e in edges if (e["height"] if e["orientation"] == "v" else e["width"]) >= 1]


def page_from_objects(
    height: float,
    chars: list[dict[str, Any]],
    lines: list[dict[str, Any]],
    rects: list[dict[str, Any]],
    curves: list[dict[str, Any]],
) -> RawPage:
    """A :class:`RawPage` from chars and pdfminer-style path objects."""
    strokes = [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in (*lines, *rects, *curves)]
    fills = [
        (r["x0"], r["top"], r["x1"], r["bottom"], color_to_hex(r.get("non_stroking_color")))
        for r in rects
        if is_area(r)
    ]
    return RawPage(height, chars, strokes, table_edges(lines, rects, curves), fills)
