"""Table grids from the rulings of a page: the project's own grid finder.

The papers' tables are fully ruled, so cells come from the rulings alone (pdfplumber's
edge merging, intersections and cell grouping, called as plain functions on edges from
either backend), never from text alignment. A grid keeps its sorted column and row edges so
chars are bucketed into cells by bisection, and merged cells come out once, with spans.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from pdfplumber.table import cells_to_tables, edges_to_intersections, merge_edges
from pdfplumber.utils import filter_edges, obj_to_bbox

from jarap.ingest.pdf_raw import Fill

# pdfplumber's default table settings, which the grids were tuned with.
SNAP = JOIN = INTERSECT = 3.0
EDGE_MIN_LENGTH = 3.0


class GridTable:
    """A found table as a grid: sorted column and row edges and the cell at each slot."""

    def __init__(self, bboxes: list[tuple[float, float, float, float]]) -> None:
        self.cols = _cluster([b[0] for b in bboxes] + [b[2] for b in bboxes])
        self.rows = _cluster([b[1] for b in bboxes] + [b[3] for b in bboxes])
        self.bbox = (
            min(b[0] for b in bboxes),
            min(b[1] for b in bboxes),
            max(b[2] for b in bboxes),
            max(b[3] for b in bboxes),
        )
        self.cells: list[tuple[int, int, int, int, tuple]] = []  # r0, c0, r1, c1, bbox
        self.slot: dict[tuple[int, int], int] = {}
        for bbox in sorted(bboxes, key=lambda b: (b[1], b[0])):
            c0, c1 = _nearest(self.cols, bbox[0]), _nearest(self.cols, bbox[2])
            r0, r1 = _nearest(self.rows, bbox[1]), _nearest(self.rows, bbox[3])
            if c1 <= c0 or r1 <= r0:
                continue
            idx = len(self.cells)
            self.cells.append((r0, c0, r1, c1, bbox))
            for r in range(r0, r1):
                for c in range(c0, c1):
                    self.slot.setdefault((r, c), idx)
        self.chars: list[list[dict[str, Any]]] = [[] for _ in self.cells]
        # tables drawn inside one of this table's cells (a small date table in an update
        # cell): their text stays in that cell, row by row (see `find_grids`)
        self.nested: list[GridTable] = []

    def cell_of(self, x: float, y: float) -> tuple[GridTable, int] | None:
        """The innermost cell holding a point: a nested table's cell before this one's."""
        i = self.cell_at(x, y)
        if i is None:
            return None
        for inner in self.nested:
            j = inner.cell_at(x, y)
            if j is not None:
                return inner, j
        return self, i

    def cell_at(self, x: float, y: float) -> int | None:
        """The cell holding a point, if any (called for every char on a page with grids)."""
        x0, top, x1, bottom = self.bbox
        if x < x0 or x > x1 or y < top or y > bottom:
            return None
        c = bisect_right(self.cols, x) - 1
        r = bisect_right(self.rows, y) - 1
        if c > len(self.cols) - 2:  # on the right or bottom edge: the last cell
            c = len(self.cols) - 2
        if r > len(self.rows) - 2:
            r = len(self.rows) - 2
        return self.slot.get((r, c))

    def take(self, chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Put each char whose centre lies in one of this grid's cells into that cell (a
        nested table's cell first), in order; return the others, in order.

        The same placement as `cell_of` char by char, in one loop with the grid's facts in
        locals and the row found once per run of chars on one line (a page's chars come
        sorted by top, and a line's chars share their top and bottom): this runs for every
        char of every ruled page."""
        x0, top, x1, bottom = self.bbox
        cols, rows, slot, cells = self.cols, self.rows, self.slot, self.chars
        last_col, last_row = len(cols) - 2, len(rows) - 2
        nested = self.nested
        rest: list[dict[str, Any]] = []
        keep = rest.append
        line_top = line_bottom = y = float("nan")  # the line's (nan: none yet, never equal)
        r = -1
        in_rows = False
        for c in chars:
            char_top, char_bottom = c["top"], c["bottom"]
            if char_top != line_top or char_bottom != line_bottom:
                line_top, line_bottom = char_top, char_bottom
                y = (char_top + char_bottom) / 2
                in_rows = top <= y <= bottom
                if in_rows:
                    r = bisect_right(rows, y) - 1
                    if r > last_row:  # on the bottom edge: the last row
                        r = last_row
            if not in_rows:
                keep(c)
                continue
            x = (c["x0"] + c["x1"]) / 2
            if x < x0 or x > x1:
                keep(c)
                continue
            col = bisect_right(cols, x) - 1
            if col > last_col:  # on the right edge: the last column
                col = last_col
            i = slot.get((r, col))
            if i is None:
                keep(c)
            elif nested:  # a table drawn inside a cell takes its own chars
                inner, j = self.cell_of(x, y) or (self, i)
                inner.chars[j].append(c)
            else:
                cells[i].append(c)
        return rest

    def is_ruling(self, y: float, x0: float, x1: float) -> bool:
        bx0, top, bx1, bottom = self.bbox
        if x0 < bx0 - 2 or x1 > bx1 + 2 or not top - 1 <= y <= bottom + 1:
            return False
        i = bisect_left(self.rows, y - 1.0)
        return i < len(self.rows) and self.rows[i] <= y + 1.0


def _cluster(values: list[float], tol: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _nearest(edges: list[float], v: float) -> int:
    i = bisect_left(edges, v)
    if i == len(edges) or (i > 0 and v - edges[i - 1] < edges[i] - v):
        return i - 1
    return i


def find_grids(edges: list[dict[str, Any]]) -> list[GridTable]:
    """Tables ruled on a page, biggest first kept, top to bottom.

    The same steps as pdfplumber's ``TableFinder`` with explicit lines, minus the page.
    """
    v = [e for e in edges if e["orientation"] == "v"]
    h = [e for e in edges if e["orientation"] == "h"]
    if len(v) < 2 or len(h) < 2:
        return []
    h += _page_break_closings(v, h)
    merged = merge_edges(v + h, SNAP, SNAP, JOIN, JOIN)
    merged = filter_edges(merged, min_length=EDGE_MIN_LENGTH)
    cells = _intersections_to_cells(edges_to_intersections(merged, INTERSECT, INTERSECT))
    grids = [GridTable(group) for group in cells_to_tables(cells) if group]
    grids = [g for g in grids if len(g.cells) > 1]  # a lone box is a framed paragraph
    # a small grid drawn inside a table (a boxed note, a date table in a cell) is part of
    # that table's cell: kept as the outer grid's `nested`, never a table of its own
    grids.sort(key=lambda g: -(g.bbox[2] - g.bbox[0]) * (g.bbox[3] - g.bbox[1]))
    kept: list[GridTable] = []
    for g in grids:
        outer = next((k for k in kept if _inside(g.bbox, k.bbox)), None)
        if outer is None:
            kept.append(g)
        elif not any(_inside(g.bbox, n.bbox) for n in outer.nested):
            outer.nested.append(g)
    kept.sort(key=lambda g: (g.bbox[1], g.bbox[0]))
    return kept


# Share of a table's width a ruling must cover to close it where its column rulings end.
CLOSED = 0.9


def _page_break_closings(v: list[dict[str, Any]], h: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rulings that close a table cut by a page break, where the exporter drew none.

    LibreOffice draws a row's bottom border at the foot of the page and its top border again
    on the next; a browser (Chromium printing saved HTML) draws neither, so the row cut by
    the break is a box open at one end, no cell, and its text falls out of the table. Where
    two or more column rulings end at the same height and no ruling runs across them there,
    one is drawn between the outermost of them."""
    out: list[dict[str, Any]] = []
    by_y: dict[int, list[dict[str, Any]]] = {}
    for e in h:
        by_y.setdefault(round(e["top"]), []).append(e)
    reach_y = round(SNAP) + 2
    for end in ("top", "bottom"):
        ends: dict[int, list[float]] = {}
        for e in v:
            ends.setdefault(round(e[end]), []).append(e["x0"])
        for y, xs in ends.items():
            if len(xs) < 2:
                continue
            x0, x1 = min(xs), max(xs)
            if x1 - x0 < EDGE_MIN_LENGTH:
                continue
            across = sorted(
                (max(x0, e["x0"]), min(x1, e["x1"]))
                for dy in range(-reach_y, reach_y + 1)
                for e in by_y.get(y + dy, ())
                if abs(e["top"] - y) <= SNAP + 1 and e["x1"] > x0 and e["x0"] < x1
            )
            covered, reach = 0.0, x0
            for a, b in across:
                if b > reach:
                    covered += b - max(a, reach)
                    reach = b
            if covered >= CLOSED * (x1 - x0):
                continue
            out.append(
                {
                    "object_type": "line",
                    "orientation": "h",
                    "x0": x0,
                    "x1": x1,
                    "top": float(y),
                    "bottom": float(y),
                    "doctop": float(y),
                    "width": x1 - x0,
                    "height": 0.0,
                }
            )
    return out


def _intersections_to_cells(intersections: dict[tuple, dict[str, list]]) -> list[tuple]:
    """pdfplumber's ``intersections_to_cells``, the same cells in the same order, at a
    fraction of its cost (it was most of the grid finder's time): each point's edges are
    made a set once, not at every test, and the points below and to the right of a point
    come from per-column and per-row lists, not a scan of all the points after it.

    A cell is the smallest box whose corners are intersections joined by edges: two
    points in one column are joined when they share a vertical edge, in one row when they
    share a horizontal one.
    """
    vertical = {p: frozenset(map(obj_to_bbox, e["v"])) for p, e in intersections.items()}
    horizontal = {p: frozenset(map(obj_to_bbox, e["h"])) for p, e in intersections.items()}
    points = sorted(intersections)
    columns: dict[float, list[tuple]] = {}
    rows: dict[float, list[tuple]] = {}
    for p in points:  # in sorted order, so each column top-down and each row left-right
        columns.setdefault(p[0], []).append(p)
        rows.setdefault(p[1], []).append(p)
    at_column = {p: i for column in columns.values() for i, p in enumerate(column)}
    at_row = {p: i for row in rows.values() for i, p in enumerate(row)}
    cells = []
    for pt in points:
        below = columns[pt[0]][at_column[pt] + 1 :]
        right = rows[pt[1]][at_row[pt] + 1 :]
        cell = _smallest_cell(pt, below, right, vertical, horizontal)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(
    pt: tuple,
    below: list[tuple],
    right: list[tuple],
    vertical: dict[tuple, frozenset],
    horizontal: dict[tuple, frozenset],
) -> tuple | None:
    """The cell whose top-left corner is ``pt`` (pdfplumber's ``find_smallest_cell``)."""
    for below_pt in below:
        if vertical[pt].isdisjoint(vertical[below_pt]):
            continue
        for right_pt in right:
            if horizontal[pt].isdisjoint(horizontal[right_pt]):
                continue
            corner = (right_pt[0], below_pt[1])
            if (
                corner in vertical
                and not vertical[corner].isdisjoint(vertical[right_pt])
                and not horizontal[corner].isdisjoint(horizontal[below_pt])
            ):
                return (pt[0], pt[1], corner[0], corner[1])
    return None


def _inside(a: tuple, b: tuple) -> bool:
    return a[0] >= b[0] - 1 and a[1] >= b[1] - 1 and a[2] <= b[2] + 1 and a[3] <= b[3] + 1


def shading(bbox: tuple, fills: list[Fill]) -> str | None:
    """The colour of the last fill covering most of the cell (drawn later is on top)."""
    x0, top, x1, bottom = bbox
    area = (x1 - x0) * (bottom - top)
    hexed = None
    for fx0, ftop, fx1, fbottom, color in fills:
        w = min(x1, fx1) - max(x0, fx0)
        h = min(bottom, fbottom) - max(top, ftop)
        if w > 0 and h > 0 and w * h >= 0.75 * area:
            hexed = color
    return None if hexed == "FFFFFF" else hexed
