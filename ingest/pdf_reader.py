"""Read a Word document exported to PDF into the document model.

The papers are trackers laid out as big ruled tables, so a PDF page is read the way the
exporter drew it: the ruling gives the cells (pdfplumber's table finder), the glyphs give
the text, and the formatting that carries meaning in the papers is recovered from the
drawing itself, because PDF keeps no "strike" or "underline" property: a struck-through
target date is a thin line drawn across the glyphs, an underline one drawn under them, a
Red/Amber/Green rating a filled rectangle behind a cell.

Speed matters (reading PDFs dominates the pipeline), so each page is parsed once, its chars
are walked once in plain loops and bucketed into cells by bisection, and the page's caches
are dropped before the next page. ``python -m ingest.pdf_reader FILE.pdf`` prints the
blocks and compares the time per page with plain pdfplumber (``extract_words`` +
``find_tables``).
"""

from __future__ import annotations

import re
import sys
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.psparser import PSException
from pdfplumber.utils import line_to_edge, rect_to_edges
from pdfplumber.utils.exceptions import PdfminerException

from jarap.ingest.document import Cell, Document, Paragraph, Row, Run, Table, sentence_break

Fmt = tuple[bool, bool, bool]  # bold, underline, strike
PLAIN: Fmt = (False, False, False)

BOLD_MARKERS = ("bold", "black", "heavy")
# A line starting with one of these (then a space or a tab's gap) is a new list item.
BULLETS = frozenset("•●▪■◦○·‣⁃➢➤►▶✓✔◆◇□▫❖-–o")
# Decorations relative to the baseline, in font sizes (negative is above the baseline).
# LibreOffice draws strike-through 0.28 size above the baseline and underline 0.1 below it.
STRIKE_BAND = (-0.65, -0.12)
UNDERLINE_BAND = (-0.05, 0.35)
THIN = 1.5  # a rect or curve thinner than this (pt) is a rule, not an area
RULE_MAX = 4.0  # struck-through big headings have thicker rules (up to 0.15 font size)
PARA_GAP = 1.2  # a baseline pitch this many times the page's line pitch starts a paragraph
EDGE_TOL = 3.0  # column edges of two table parts within this (pt) are the same column
MARGIN_BAND = 0.1  # a paragraph this near the top/bottom edge is a running header/footer
# What a broken file raises: pdfplumber wraps most pdfminer errors, not all (lazy objects).
PDF_ERRORS = (PdfminerException, PSException)

# A whole date once a wrapped one is put back together: d/m/yyyy, d/m/yy or m/yyyy.
_DATE = re.compile(r"\(?(\d{1,2}([/.\-])\d{1,2}\2(\d{4}|\d{2})|\d{1,2}[/.\-]\d{4})[.,;:)]*")
_SHORT_YEAR_DATE = re.compile(r"\(?\d{1,2}([/.\-])\d{1,2}\1(19|20)")  # 31/03/20 + 17
_HYPHENATED_END = re.compile(r"[A-Za-z0-9][-–]$")  # Well- + established, 2019- + 20
# Symbol and Wingdings bullets come out as private-use code points: show what they draw.
SYMBOL_GLYPHS = {
    "\uf0b7": "•",
    "\uf0a7": "▪",
    "\uf0d8": "➢",
    "\uf076": "❖",
    "\uf0fc": "✓",
    "\uf0a8": "□",
    "\uf0a9": "◦",
}


class _Line:
    """Chars of one text line, left to right, with what paragraph splitting needs."""

    __slots__ = ("chars", "top", "bottom", "x0", "x1", "size", "pieces", "first_word_w")

    def __init__(self, first: dict[str, Any]) -> None:
        self.chars = [first]
        self.top = first["top"]
        self.bottom = first["bottom"]
        self.pieces: list[list[Any]] = []  # [text, fmt], filled by _decorate
        self.x0 = self.x1 = self.size = self.first_word_w = 0.0

    @property
    def text(self) -> str:
        return "".join(p[0] for p in self.pieces)


@dataclass
class _TablePart:
    """One table as found on one page, plus what joining it to the next page needs."""

    table: Table
    col_edges: list[float]
    row_cols: list[list[int]]  # grid column where each cell of each row starts
    top: float
    # id(cell) -> (width used, font size, width available) of the cell's last line, and
    # id(cell) -> (first word's width, starts with a bullet) of its first line: whether a
    # page break fell inside a paragraph is only known when the next page is read.
    ends: dict[int, tuple[float, float, float]] = field(default_factory=dict)
    starts: dict[int, tuple[float, bool]] = field(default_factory=dict)


@dataclass
class _PagePara:
    """A body paragraph with the geometry that says whether it is a header or footer, and
    whether it runs on from the previous page (as for table cells: see _TablePart)."""

    para: Paragraph
    top: float
    bottom: float
    end: tuple[float, float, float]
    start: tuple[float, bool]


# ---------------------------------------------------------------- colours and decorations


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


def _rules(page: Any, tables: list[_GridTable]) -> tuple[list[float], list[tuple]]:
    """Thin horizontal strokes that could strike or underline text, sorted by y.

    LibreOffice strokes a line; Word fills a thin rectangle: both are taken, each as
    (y of its middle, x0, x1, thickness). Table rulings are left out: a cell's bottom border
    sits where an underline would.
    """
    segs = []
    for obj in (*page.lines, *page.rects, *page.curves):
        h = obj["bottom"] - obj["top"]
        if h < RULE_MAX and obj["x1"] - obj["x0"] >= 1:
            segs.append(((obj["top"] + obj["bottom"]) / 2, obj["x0"], obj["x1"], h))
    if tables:
        segs = [s for s in segs if not any(t.is_ruling(*s[:3]) for t in tables)]
    segs.sort()
    return [s[0] for s in segs], segs


def _decorate(line: _Line, rule_ys: list[float], rules: list[tuple]) -> None:
    """Give each char of the line its formatting and insert the spaces PDFs leave out."""
    chars = line.chars
    size = max(c["size"] for c in chars) or 1.0
    line.size = size
    inked = [c for c in chars if not c["text"].isspace()] or chars
    line.x0 = inked[0]["x0"]  # a trailing space glyph is no part of the width used
    line.x1 = max(c["x1"] for c in inked)
    near: list[tuple] = []
    if rules:
        lo = bisect_left(rule_ys, line.top - 0.2 * size)
        hi = bisect_right(rule_ys, line.bottom + 0.5 * size)
        if lo < hi:
            tol = max(3.0, 0.6 * size)
            near = [s for s in rules[lo:hi] if s[1] < line.x1 + tol and s[2] > line.x0 - tol]
    pieces: list[list[Any]] = []
    prev: dict[str, Any] | None = None
    prev_fmt = PLAIN
    space: Fmt | None = None  # a space waiting for the next glyph (its format may follow)
    first_word_end = None
    for c in chars:
        text = SYMBOL_GLYPHS.get(c["text"], c["text"])
        fmt = _char_fmt(c, near, line)
        if text.isspace():
            if prev is not None and space is None:
                space = fmt
                if first_word_end is None:
                    first_word_end = prev["x1"]
            continue
        if prev is not None:
            gap = c["x0"] - prev["x1"]
            if space is None and gap > 0.18 * size:
                space = (fmt[0] and prev_fmt[0], False, False)  # a gap drawn without a glyph
                if first_word_end is None:
                    first_word_end = prev["x1"]
            elif space is None and text == prev["text"] and abs(c["x0"] - prev["x0"]) < 0.5:
                continue  # the same glyph drawn twice (fake bold): keep one
            if space is not None:
                _append(pieces, " ", fmt if fmt == prev_fmt else space)
                space = None
        _append(pieces, text, fmt)
        prev, prev_fmt = c, fmt
    line.first_word_w = (first_word_end or line.x1) - line.x0
    line.pieces = pieces


def _append(pieces: list[list[Any]], text: str, fmt: Fmt) -> None:
    if pieces and pieces[-1][1] == fmt:
        pieces[-1][0] += text
    else:
        pieces.append([text, fmt])


def _char_fmt(c: dict[str, Any], near: list[tuple], line: _Line) -> Fmt:
    """Bold from the font name; strike/underline from rules crossing or under the glyph."""
    font = c["fontname"].lower()
    bold = any(m in font for m in BOLD_MARKERS)
    if not near or not c["upright"]:
        return (bold, False, False)
    m = c["matrix"]
    # pdfminer's char box starts at the font's descent, which is 0 for some exported fonts,
    # so decorations are placed against the baseline (the text origin), not the box.
    baseline = c["bottom"] + (c["y0"] - m[5])
    size = c["size"] or line.size
    cx = (c["x0"] + c["x1"]) / 2
    underline = strike = False
    for y, x0, x1, h in near:
        if x0 - 0.5 <= cx <= x1 + 0.5 and h < max(THIN, 0.15 * size):
            d = (y - baseline) / size
            if STRIKE_BAND[0] <= d <= STRIKE_BAND[1]:
                strike = True
            elif UNDERLINE_BAND[0] <= d <= UNDERLINE_BAND[1]:
                underline = True
    return (bold, underline, strike)


# ---------------------------------------------------------------- chars to lines to paragraphs


def chars_to_lines(chars: list[dict[str, Any]]) -> list[_Line]:
    """Group chars (sorted by top) into lines by vertical overlap, then sort each by x.

    Overlap rather than equal tops keeps superscripts ("1st") on their line.
    """
    lines: list[_Line] = []
    cur: _Line | None = None
    for c in chars:
        if cur is not None:
            t, b = c["top"], c["bottom"]
            overlap = min(b, cur.bottom) - max(t, cur.top)
            if overlap >= 0.5 * min(b - t, cur.bottom - cur.top):
                cur.chars.append(c)
                if b > cur.bottom:
                    cur.bottom = b
                continue
        cur = _Line(c)
        lines.append(cur)
    for line in lines:
        line.chars.sort(key=itemgetter("x0"))
    return lines


def _line_pitches(lines: list[_Line], out: dict[float, float]) -> None:
    """Record the smallest baseline pitch seen per font size: single line spacing."""
    for a, b in zip(lines, lines[1:], strict=False):
        pitch = b.bottom - a.bottom
        size = round(a.size * 2) / 2
        if abs(b.size - a.size) < 0.6 and 0.9 * size < pitch < out.get(size, 3 * size):
            out[size] = pitch


def _starts_bullet(line: _Line) -> bool:
    chars = line.chars
    if SYMBOL_GLYPHS.get(chars[0]["text"], chars[0]["text"]) not in BULLETS:
        return False
    if len(chars) == 1:
        return True
    nxt = chars[1]
    return nxt["text"].isspace() or nxt["x0"] - chars[0]["x1"] > 0.15 * line.size


def _wrapped(prev: _Line, nxt: _Line, avail: float) -> bool:
    """Whether ``prev`` ended because ``nxt``'s first word did not fit after it."""
    used = prev.x1 - prev.x0
    return used + 0.3 * prev.size + nxt.first_word_w > avail - 1.0


def lines_to_paragraphs(
    lines: list[_Line], avail: float, pitch: dict[float, float], page_no: int
) -> list[tuple[Paragraph, _Line, _Line]]:
    """Split lines into paragraphs: a wider gap, a bullet, or a line that ended early.

    The last test catches paragraphs with no space between them, which is how many cells
    are set: a line ends short of the edge only when the next word would have fitted.
    """
    out: list[tuple[Paragraph, _Line, _Line]] = []
    group: list[_Line] = []
    for line in lines:
        if not line.pieces:
            continue
        if group:
            prev = group[-1]
            base = pitch.get(round(prev.size * 2) / 2, 1.5 * prev.size)
            new = (
                line.bottom - prev.bottom > PARA_GAP * base + 0.5
                or _starts_bullet(line)
                or not _wrapped(prev, line, avail)
            )
            if new:
                out.append((_join_lines(group, page_no), group[0], group[-1]))
                group = []
        group.append(line)
    if group:
        out.append((_join_lines(group, page_no), group[0], group[-1]))
    return out


def _join_lines(lines: list[_Line], page_no: int) -> Paragraph:
    pieces: list[list[Any]] = []
    prev_text = ""
    for line in lines:
        text = line.text
        if pieces:
            if _joins_tight(prev_text, text):
                pass
            else:
                a, b = pieces[-1][1], line.pieces[0][1]
                _append(pieces, " ", a if a == b else (a[0] and b[0], False, False))
        for t, f in line.pieces:
            _append(pieces, t, f)
        prev_text = text
    return Paragraph(runs=[Run(t, *f) for t, f in pieces if t], page=page_no)


def _joins_tight(before: str, after: str) -> bool:
    """Whether a line break fell inside a word: a wrapped date or a hyphenated word.

    A narrow cell breaks a date anywhere (``31/03/201`` + ``7``, ``31/03`` + ``/2017``);
    it is put back only when the two halves make a whole date that the first half is not.
    """
    head = before.rsplit(" ", 1)[-1]
    tail = after.split(" ", 1)[0]
    if not head or not tail:
        return False
    if any(ch.isdigit() for ch in head) and _DATE.fullmatch(head + tail):
        if not _DATE.fullmatch(head):
            return True
        # "31/03/20" is a date too; only a two-digit tail making a 4-digit year continues it
        return (
            bool(_SHORT_YEAR_DATE.fullmatch(head))
            and tail[:2].isdigit()
            and (len(tail) == 2 or not tail[2].isdigit())
        )
    return bool(_HYPHENATED_END.search(head)) and tail[0].isalnum()


# ---------------------------------------------------------------- tables


class _GridTable:
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

    def cell_at(self, x: float, y: float) -> int | None:
        x0, top, x1, bottom = self.bbox
        if not (x0 <= x <= x1 and top <= y <= bottom):
            return None
        c = min(bisect_right(self.cols, x) - 1, len(self.cols) - 2)
        r = min(bisect_right(self.rows, y) - 1, len(self.rows) - 2)
        return self.slot.get((r, c))

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


def _table_edges(page: Any) -> list[dict[str, Any]]:
    """Rulings for the table finder: every edge except those of filled areas.

    A cell's shading, a highlighted word or a shaded heading is a filled rectangle; left in,
    its edges make tables out of shaded paragraphs and split cells around highlights.
    Word draws its borders as thin filled rectangles, so only areas thicker than a rule go.
    """
    edges = [line_to_edge(ln) for ln in page.lines]
    edges.extend(page.curve_edges)
    for r in page.rects:
        if r.get("fill") and not r.get("stroke") and r["width"] > THIN and r["height"] > THIN:
            continue
        edges.extend(rect_to_edges(r))
    return [e for e in edges if (e["height"] if e["orientation"] == "v" else e["width"]) >= 1]


def find_grids(page: Any) -> list[_GridTable]:
    edges = _table_edges(page)
    if sum(e["orientation"] == "v" for e in edges) < 2:
        return []
    if sum(e["orientation"] == "h" for e in edges) < 2:
        return []
    settings = {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": edges,
        "explicit_horizontal_lines": edges,
    }
    grids = [_GridTable(t.cells) for t in page.find_tables(settings) if t.cells]
    grids = [g for g in grids if len(g.cells) > 1]  # a lone box is a framed paragraph
    # a small grid drawn inside a table (a boxed note in a cell) is part of that table's text
    grids.sort(key=lambda g: -(g.bbox[2] - g.bbox[0]) * (g.bbox[3] - g.bbox[1]))
    kept: list[_GridTable] = []
    for g in grids:
        if not any(_inside(g.bbox, k.bbox) for k in kept):
            kept.append(g)
    kept.sort(key=lambda g: (g.bbox[1], g.bbox[0]))
    return kept


def _inside(a: tuple, b: tuple) -> bool:
    return a[0] >= b[0] - 1 and a[1] >= b[1] - 1 and a[2] <= b[2] + 1 and a[3] <= b[3] + 1


def _fills(page: Any) -> list[tuple[float, float, float, float, Any]]:
    """Filled areas in drawing order: the last one under a cell is the colour you see."""
    out = []
    for r in page.rects:
        if r.get("fill") and r["width"] > THIN and r["height"] > THIN:
            out.append((r["x0"], r["top"], r["x1"], r["bottom"], r.get("non_stroking_color")))
    return out


def _shading(bbox: tuple, fills: list[tuple]) -> str | None:
    x0, top, x1, bottom = bbox
    area = (x1 - x0) * (bottom - top)
    hexed = None
    for fx0, ftop, fx1, fbottom, color in fills:
        w = min(x1, fx1) - max(x0, fx0)
        h = min(bottom, fbottom) - max(top, ftop)
        if w > 0 and h > 0 and w * h >= 0.75 * area:
            hexed = color_to_hex(color)  # drawn later is drawn on top
    return None if hexed == "FFFFFF" else hexed


# ---------------------------------------------------------------- one page


def read_page(page: Any, page_no: int) -> list[_PagePara | _TablePart]:
    """Blocks of one page in reading order (top to bottom)."""
    grids = find_grids(page)
    rule_ys, rules = _rules(page, grids)
    body: list[dict[str, Any]] = []
    for c in sorted(page.chars, key=itemgetter("top")):
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        for g in grids:
            i = g.cell_at(cx, cy)
            if i is not None:
                g.chars[i].append(c)
                break
        else:
            body.append(c)

    pitch: dict[float, float] = {}
    cell_lines: list[list[list[_Line]]] = []
    for g in grids:
        per_cell = []
        for chars in g.chars:
            lines = chars_to_lines(chars)
            for line in lines:
                _decorate(line, rule_ys, rules)
            _line_pitches(lines, pitch)
            per_cell.append(lines)
        cell_lines.append(per_cell)
    body_lines = chars_to_lines(body)
    for line in body_lines:
        _decorate(line, rule_ys, rules)
    _line_pitches(body_lines, pitch)

    blocks: list[Any] = []
    if body_lines:
        avail = max(ln.x1 for ln in body_lines) - min(ln.x0 for ln in body_lines)
        for para, first, last in lines_to_paragraphs(body_lines, avail, pitch, page_no):
            end = (last.x1 - last.x0, last.size, avail)
            start = (first.first_word_w, _starts_bullet(first))
            blocks.append(_PagePara(para, first.top, last.bottom, end, start))
    fills = _fills(page) if grids else []
    for g, per_cell in zip(grids, cell_lines, strict=True):
        blocks.append(_grid_to_part(g, per_cell, fills, pitch, page_no))
    blocks.sort(key=lambda b: b.top)
    return blocks


def _grid_to_part(
    g: _GridTable,
    per_cell: list[list[_Line]],
    fills: list[tuple],
    pitch: dict[float, float],
    page_no: int,
) -> _TablePart:
    rows: dict[int, list[tuple[int, Cell]]] = {}
    part = _TablePart(Table(), g.cols, [], g.bbox[1])
    for (r0, c0, r1, c1, bbox), lines in zip(g.cells, per_cell, strict=True):
        pad = min([ln.x0 - bbox[0] for ln in lines] + [8.0])
        avail = bbox[2] - bbox[0] - 2 * max(pad, 0.0)
        paras = lines_to_paragraphs(lines, avail, pitch, page_no)
        cell = Cell(
            paragraphs=[p for p, *_ in paras],
            shading=_shading(bbox, fills),
            col_span=c1 - c0,
            row_span=r1 - r0,
        )
        if paras:
            first, last = paras[0][1], paras[-1][2]
            part.ends[id(cell)] = (last.x1 - last.x0, last.size, avail)
            part.starts[id(cell)] = (first.first_word_w, _starts_bullet(first))
        rows.setdefault(r0, []).append((c0, cell))
    for r in sorted(rows):
        cells = sorted(rows[r], key=itemgetter(0))
        part.table.rows.append(Row([c for _, c in cells], page=page_no, page_end=page_no))
        part.row_cols.append([c0 for c0, _ in cells])
    return part


# ---------------------------------------------------------------- pages to a document


def _is_margin(block: _PagePara, height: float) -> bool:
    """A paragraph wholly in the top or bottom band of the page: a running header or footer."""
    return block.bottom <= MARGIN_BAND * height or block.top >= (1 - MARGIN_BAND) * height


def _same_columns(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= EDGE_TOL for x, y in zip(a, b, strict=True))


def _norm(texts: list[str]) -> list[str]:
    return [" ".join(t.split()) for t in texts]


def _continue_table(prev: _TablePart, part: _TablePart, page_no: int) -> None:
    """Append a table's rows on a new page to the same table begun on an earlier page."""
    rows, cols = part.table.rows, part.row_cols
    # Word's "repeat header row": the part starts with the table's own first rows again
    k = 0
    while k < len(rows) and k < len(prev.table.rows) - 1:
        head = _norm(prev.table.rows[k].texts)
        if any(head) and _norm(rows[k].texts) == head:
            k += 1
        else:
            break
    rows, cols = rows[k:], cols[k:]
    if rows and prev.table.rows:
        pairs = _pair_cells(prev, rows[0], cols[0])
        if _is_row_continuation(prev, part, rows[0], pairs):
            _merge_row(prev, part, rows[0], pairs, page_no)
            rows, cols = rows[1:], cols[1:]
    prev.table.rows.extend(rows)
    prev.row_cols.extend(cols)
    prev.ends.update(part.ends)


def _pair_cells(prev: _TablePart, row: Row, cols: list[int]) -> list[tuple[Cell, Cell | None]]:
    """Each cell of a row with the cell of the table's last row covering the same column."""
    last, last_cols = prev.table.rows[-1], prev.row_cols[-1]
    pairs = []
    for c0, cell in zip(cols, row.cells, strict=True):
        target = None
        for lc0, lcell in zip(last_cols, last.cells, strict=True):
            if lc0 <= c0 < lc0 + lcell.col_span:
                target = lcell
        pairs.append((cell, target))
    return pairs


def _is_row_continuation(
    prev: _TablePart, part: _TablePart, row: Row, pairs: list[tuple[Cell, Cell | None]]
) -> bool:
    """Whether a page's first row is the rest of the row the previous page ended with.

    The plain sign is leading cells left empty (their text all fitted on the first page).
    When the first cell ran on too, the row still shows it: a short cell (the reference)
    finished above and is empty here, and some cell's text broke inside a paragraph.
    """
    texts = row.texts
    if len(texts) < 2:
        return False
    lead = min(2, len(texts) - 1)
    if not any(texts[:lead]) and any(texts[lead:]):
        return True
    finished = any(t is not None and t.text and not c.text for c, t in pairs)
    broken = any(
        t is not None
        and c.paragraphs
        and t.paragraphs
        and _break_inside(prev.ends.get(id(t)), part.starts[id(c)])
        for c, t in pairs
    )
    return finished and broken


def _merge_row(
    prev: _TablePart,
    part: _TablePart,
    row: Row,
    pairs: list[tuple[Cell, Cell | None]],
    page_no: int,
) -> None:
    """Put the rest of a row split by a page break into the row it belongs to."""
    last = prev.table.rows[-1]
    for cell, target in pairs:
        if not cell.paragraphs:
            continue
        if target is None:
            last.cells.append(cell)
            continue
        paras = list(cell.paragraphs)
        if (
            target.paragraphs
            and _break_inside(prev.ends.get(id(target)), part.starts[id(cell)])
            and not sentence_break(target.paragraphs[-1].text, paras[0].text)
        ):
            tail = target.paragraphs[-1]
            tail.runs = _join_runs(tail.runs, paras.pop(0).runs)
        target.paragraphs.extend(paras)
        prev.ends[id(target)] = part.ends[id(cell)]
    last.page_end = page_no


def _break_inside(end: tuple[float, float, float] | None, start: tuple[float, bool]) -> bool:
    """Whether the page break fell inside a paragraph: its halves are then one paragraph."""
    if end is None or start[1]:
        return False
    used, size, avail = end
    return used + 0.3 * size + start[0] > avail - 1.0


def _join_runs(a: list[Run], b: list[Run]) -> list[Run]:
    """Runs of two halves of a paragraph, joined with a space unless a date was cut."""
    fa = (a[-1].bold, a[-1].underline, a[-1].strike)
    fb = (b[0].bold, b[0].underline, b[0].strike)
    gap = "" if _joins_tight("".join(r.text for r in a), b[0].text) else " "
    runs = [Run(r.text, r.bold, r.underline, r.strike) for r in a]
    runs.append(Run(gap, *(fa if fa == fb else PLAIN)))
    for r in b:
        last = runs[-1]
        if (last.bold, last.underline, last.strike) == (r.bold, r.underline, r.strike):
            last.text += r.text
        else:
            runs.append(r)
    return [r for r in runs if r.text]


def pages_to_blocks(pages: list[tuple[list[Any], float]]) -> list[Paragraph | Table]:
    """Join the pages' blocks, carrying tables and paragraphs on across page breaks.

    What a page ends with (running footers aside) continues on the next page when that
    page begins (running headers aside) with the same thing: a table with the same columns,
    or a paragraph whose first word would not have fitted on the last line before the break.
    """
    out: list[Paragraph | Table] = []
    open_part: _TablePart | None = None  # the previous page's closing table
    open_para: _PagePara | None = None  # the previous page's closing paragraph
    for page_no, (blocks, height) in enumerate(pages, start=1):
        margin = [isinstance(b, _PagePara) and _is_margin(b, height) for b in blocks]
        first = next((b for b, m in zip(blocks, margin, strict=True) if not m), None)
        join_table = (
            isinstance(first, _TablePart)
            and open_part is not None
            and _same_columns(open_part.col_edges, first.col_edges)
        )
        join_para = (
            isinstance(first, _PagePara)
            and open_para is not None
            and _break_inside(open_para.end, first.start)
        )
        last_part: _TablePart | None = None
        last_para: _PagePara | None = None
        for b, is_margin in zip(blocks, margin, strict=True):
            if isinstance(b, _PagePara):
                if b is first and join_para:
                    open_para.para.runs = _join_runs(open_para.para.runs, b.para.runs)
                    open_para.end = b.end
                    b = open_para
                else:
                    out.append(b.para)
                if not is_margin:
                    last_part, last_para = None, b
            else:
                if b is first and join_table:
                    _continue_table(open_part, b, page_no)
                    b = open_part
                else:
                    out.append(b.table)
                last_part, last_para = b, None
        open_part, open_para = last_part, last_para
    return out


# ---------------------------------------------------------------- entry points


def _open(path: Path) -> Any:
    """Open the PDF or say plainly why it cannot be read."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except IsADirectoryError as e:
        raise ValueError(f"{path}: not a PDF file (a directory)") from e
    if b"%PDF-" not in head:
        raise ValueError(f"{path}: not a PDF file (no %PDF header)")
    try:
        return pdfplumber.open(path)
    except PDF_ERRORS as e:
        raise ValueError(f"{path}: cannot open PDF ({_reason(e)})") from e


def _reason(e: BaseException) -> str:
    inner = e.args[0] if isinstance(e, PdfminerException) and e.args else e
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return f"encrypted: it needs a password ({name})"
    return f"{name}: {inner}" if str(inner) else name


def read_pdf(path: Path) -> Document:
    """Read a Word-exported PDF paper into a :class:`Document`."""
    path = Path(path)
    pdf = _open(path)
    pages: list[tuple[list[Any], float]] = []
    page_no = 0
    try:
        n = len(pdf.pages)
        for page_no, page in enumerate(pdf.pages, start=1):
            try:
                pages.append((read_page(page, page_no), page.height))
            finally:
                page.close()
    except PDF_ERRORS as e:
        raise ValueError(f"{path}: corrupt PDF at page {page_no} ({_reason(e)})") from e
    finally:
        pdf.close()
    return Document(path=path, format="pdf", blocks=pages_to_blocks(pages), pages=n)


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
                        read_page(page, i + 1)
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
        sys.exit("usage: python -m ingest.pdf_reader FILE.pdf [REPEAT]")
    path = Path(args[0])
    doc = read_pdf(path)
    print(doc)
    for b in doc.blocks:
        print(repr(b))
        if isinstance(b, Table):
            for row in b.rows:
                print("   ", repr(row), f"-p{row.page_end}" if row.page_end != row.page else "")
    _bench(path, int(args[1]) if len(args) > 1 else 3)


if __name__ == "__main__":
    main()
