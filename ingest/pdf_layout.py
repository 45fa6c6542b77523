"""One PDF page to blocks: chars to lines to paragraphs, formatting, table cells.

Backend-neutral: it reads a :class:`~jarap.ingest.pdf_raw.RawPage`, whichever library
produced it. PDF keeps no "strike" or "underline" property: a struck-through target date is
a thin line drawn across the glyphs, an underline one drawn under them, a Red/Amber/Green
rating a filled rectangle behind a cell, so formatting is recovered from the drawing.

Speed matters (reading PDFs dominates the pipeline), so each page's chars are walked once in
plain loops and bucketed into cells by bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from jarap.ingest.document import Cell, Paragraph, Row, Run, Table
from jarap.ingest.pdf_grid import GridTable, find_grids, shading
from jarap.ingest.pdf_raw import RULE_MAX, THIN, Fill, RawPage
from jarap.ingest.text_marks import BULLETS, SYMBOL_GLYPHS

Fmt = tuple[bool, bool, bool]  # bold, underline, strike
PLAIN: Fmt = (False, False, False)
BOLD: Fmt = (True, False, False)

# Decorations relative to the baseline, in font sizes (negative is above the baseline).
# LibreOffice draws strike-through 0.28 size above the baseline and underline 0.1 below it.
STRIKE_BAND = (-0.65, -0.12)
UNDERLINE_BAND = (-0.05, 0.35)
PARA_GAP = 1.2  # a baseline pitch this many times the page's line pitch starts a paragraph

_SIZE, _X1 = itemgetter("size"), itemgetter("x1")
# A whole date once a wrapped one is put back together: d/m/yyyy, d/m/yy or m/yyyy.
_DATE = re.compile(r"\(?(\d{1,2}([/.\-])\d{1,2}\2(\d{4}|\d{2})|\d{1,2}[/.\-]\d{4})[.,;:)]*")
_SHORT_YEAR_DATE = re.compile(r"\(?\d{1,2}([/.\-])\d{1,2}\1(19|20)")  # 31/03/20 + 17
_HYPHENATED_END = re.compile(r"[A-Za-z0-9][-–]$")  # Well- + established, 2019- + 20


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
        return "".join([p[0] for p in self.pieces])


@dataclass
class TablePart:
    """One table as found on one page, plus what joining it to the next page needs."""

    table: Table
    col_edges: list[float]
    row_cols: list[list[int]]  # grid column where each cell of each row starts
    top: float
    # id(cell) -> (width used, font size, width available) of the cell's last line, and
    # id(cell) -> (first word's width, starts with a bullet) of its first line: whether a
    # page break fell inside a paragraph is only known when the next page is read.
    ends: dict[int, tuple[float, float, float]] = field(default_factory=dict)
    # id(cell) -> the room left between the cell's last line and the cell's bottom edge: a
    # cell's text can only run on over a page break if it filled the cell to the bottom
    room_below: dict[int, float] = field(default_factory=dict)
    starts: dict[int, tuple[float, bool]] = field(default_factory=dict)


@dataclass
class PagePara:
    """A body paragraph with the geometry that says whether it is a header or footer, and
    whether it runs on from the previous page (as for table cells: see TablePart)."""

    para: Paragraph
    top: float
    bottom: float
    end: tuple[float, float, float]
    start: tuple[float, bool]


def _rules(strokes: list[tuple], tables: list[GridTable]) -> tuple[list[float], list[tuple]]:
    """Thin horizontal strokes that could strike or underline text, sorted by y.

    LibreOffice strokes a line; Word fills a thin rectangle: both are taken, each as
    (y of its middle, x0, x1, thickness). Table rulings are left out: a cell's bottom border
    sits where an underline would.
    """
    segs = []
    for x0, top, x1, bottom in strokes:
        h = bottom - top
        if h < RULE_MAX and x1 - x0 >= 1:
            segs.append(((top + bottom) / 2, x0, x1, h))
    if tables:
        segs = [s for s in segs if not any(t.is_ruling(*s[:3]) for t in tables)]
    segs.sort()
    return [s[0] for s in segs], segs


def _decorate(line: _Line, rule_ys: list[float], rules: list[tuple]) -> None:
    """Give each char of the line its formatting and insert the spaces PDFs leave out.

    This runs for every char of every page: the previous glyph's facts are kept in locals
    and the last piece is appended to in place (``_append``, inlined)."""
    chars = line.chars
    size = max(map(_SIZE, chars)) or 1.0
    line.size = size
    # the width used is that of the inked glyphs: a space glyph at either end is no part of it
    first, widest = chars[0], max(chars, key=_X1)
    if first["text"].isspace() or widest["text"].isspace():
        inked = [c for c in chars if not c["text"].isspace()] or chars
        line.x0, line.x1 = inked[0]["x0"], max(map(_X1, inked))
    else:  # (most lines: the same, without a list of the inked)
        line.x0, line.x1 = first["x0"], widest["x1"]
    near: list[tuple] = []
    if rules:
        lo = bisect_left(rule_ys, line.top - 0.2 * size)
        hi = bisect_right(rule_ys, line.bottom + 0.5 * size)
        if lo < hi:
            tol = max(3.0, 0.6 * size)
            near = [s for s in rules[lo:hi] if s[1] < line.x1 + tol and s[2] > line.x0 - tol]
    pieces: list[list[Any]] = []
    last: list[Any] | None = None  # pieces[-1]
    prev_text: str | None = None  # the previous glyph (None: none yet), as drawn
    prev_x0 = prev_x1 = 0.0
    prev_fmt = PLAIN
    space: Fmt | None = None  # a space waiting for the next glyph (its format may follow)
    first_word_end = None
    min_gap = 0.18 * size
    glyph = SYMBOL_GLYPHS.get
    for c in chars:
        drawn = c["text"]
        text = glyph(drawn, drawn)
        if near:
            fmt = _char_fmt(c, near, line)
        else:  # most lines: no rule anywhere near, so bold is all there is
            fmt = BOLD if c["bold"] else PLAIN
        if text.isspace():
            if prev_text is not None and space is None:
                space = fmt
                if first_word_end is None:
                    first_word_end = prev_x1
            continue
        x0 = c["x0"]
        if prev_text is not None:
            if space is None:
                if x0 - prev_x1 > min_gap:
                    space = (fmt[0] and prev_fmt[0], False, False)  # a gap drawn without a glyph
                    if first_word_end is None:
                        first_word_end = prev_x1
                elif text == prev_text and abs(x0 - prev_x0) < 0.5:
                    continue  # the same glyph drawn twice (fake bold): keep one
            if space is not None:
                space_fmt = fmt if fmt == prev_fmt else space
                if last is not None and last[1] == space_fmt:
                    last[0] += " "
                else:
                    last = [" ", space_fmt]
                    pieces.append(last)
                space = None
        if last is not None and last[1] == fmt:
            last[0] += text
        else:
            last = [text, fmt]
            pieces.append(last)
        prev_text, prev_x0, prev_x1, prev_fmt = drawn, x0, c["x1"], fmt
    line.first_word_w = (first_word_end or line.x1) - line.x0
    line.pieces = pieces


def _append(pieces: list[list[Any]], text: str, fmt: Fmt) -> None:
    if pieces and pieces[-1][1] == fmt:
        pieces[-1][0] += text
    else:
        pieces.append([text, fmt])


def _char_fmt(c: dict[str, Any], near: list[tuple], line: _Line) -> Fmt:
    """Bold as the backend read it; strike/underline from rules crossing or under the glyph."""
    bold = c["bold"]
    if not near or not c["upright"]:
        return (bold, False, False)
    # pdfminer's char box starts at the font's descent, which is 0 for some exported fonts,
    # so decorations are placed against the baseline (the text origin), not the box.
    baseline = c["baseline"]
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
            # min/max written out: this runs for every char of the page
            t, b = c["top"], c["bottom"]
            ct, cb = cur.top, cur.bottom
            overlap = (b if b < cb else cb) - (t if t > ct else ct)
            if overlap >= 0.5 * (b - t if b - t < cb - ct else cb - ct):
                cur.chars.append(c)
                if b > cb:
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


# A size's smallest pitch this many times what the page's tightest size sets per point is
# no single-line pitch: that size only ever had one-line paragraphs on the page.
LONE_PITCH = 1.6
# The line pitch assumed for a size with none learnt, in sizes (a line set at 1.5 spacing).
UNLEARNT_PITCH = 1.5


def body_pitches(pitch: dict[float, float]) -> dict[float, float]:
    """The page's pitches for its body text: a size whose smallest pitch is far wider than
    the page's tightest line spacing (per point of size, measured on another size, often a
    table's cells) was measured between paragraphs, since no paragraph of that size wrapped
    on the page; its single-line pitch is then the tightest spacing times its size."""
    if not pitch:
        return pitch
    tight = min(p / s for s, p in pitch.items())
    return {s: (tight * s if p > LONE_PITCH * tight * s else p) for s, p in pitch.items()}


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


def _bold_line(line: _Line) -> bool | None:
    """Whether every inked piece of the line is bold (True), none is (False), or both."""
    marks = {f[0] for t, f in line.pieces if t.strip()}
    return marks.pop() if len(marks) == 1 else None


def font_changes(prev: _Line, nxt: _Line) -> bool:
    """Whether the next line is set in another font than the whole line before it: a line
    all bold over a line all plain (or the reverse), or another size. A heading set with no
    more space after it than a page's paragraphs have (a page of one-line paragraphs gives
    no single-line pitch to compare with) still ends where its font does."""
    if abs(nxt.size - prev.size) >= 1.0:
        return True
    a, b = _bold_line(prev), _bold_line(nxt)
    return a is not None and b is not None and a != b


def lines_to_paragraphs(
    lines: list[_Line],
    avail: float,
    pitch: dict[float, float],
    page_no: int,
    body: bool = False,
) -> list[tuple[Paragraph, _Line, _Line]]:
    """Split lines into paragraphs: a wider gap, a bullet, or a line that ended early; in
    the page's body (`body`, not a table cell) also a change of font (`font_changes`).

    The third test catches paragraphs with no space between them, which is how many cells
    are set: a line ends short of the edge only when the next word would have fitted. A
    cell's bold title over its plain text stays one paragraph, as the cell readers expect.
    """
    out: list[tuple[Paragraph, _Line, _Line]] = []
    group: list[_Line] = []
    for line in lines:
        if not line.pieces:
            continue
        if group:
            prev = group[-1]
            base = pitch.get(round(prev.size * 2) / 2, UNLEARNT_PITCH * prev.size)
            new = (
                line.bottom - prev.bottom > PARA_GAP * base + 0.5
                or _starts_bullet(line)
                or not _wrapped(prev, line, avail)
                or (body and font_changes(prev, line))
            )
            if new:
                out.append((_join_lines(group, page_no, avail), group[0], group[-1]))
                group = []
        group.append(line)
    if group:
        out.append((_join_lines(group, page_no, avail), group[0], group[-1]))
    return out


def broken_at_edge(prev: _Line, nxt: _Line, avail: float) -> bool:
    """Whether a word too long for a narrow cell was broken at the cell's edge
    (`Recomm` / `endation`): a word longer than the line starts a line of its own and fills
    it, so the line above is one word that ends closer to the edge than the next glyph's
    width, and the next line goes on with the same word (lower case after a letter, or
    capitals after capitals)."""
    head = prev.text.strip()
    tail = nxt.text.lstrip().split(" ", 1)[0]
    if not head or not tail or " " in head or not head[-1].isalpha() or not tail[0].isalpha():
        return False
    if not (tail[0].islower() or (head.isupper() and tail.isupper())):
        return False
    first = next((c for c in nxt.chars if not c["text"].isspace()), None)
    if first is None:
        return False
    return avail - (prev.x1 - prev.x0) < first["x1"] - first["x0"]


def _join_lines(lines: list[_Line], page_no: int, avail: float = 0.0) -> Paragraph:
    pieces: list[list[Any]] = []
    prev_text = ""
    prev: _Line | None = None
    for line in lines:
        text = line.text
        if pieces:
            if joins_tight(prev_text, text) or (
                prev is not None and avail and broken_at_edge(prev, line, avail)
            ):
                pass
            else:
                a, b = pieces[-1][1], line.pieces[0][1]
                _append(pieces, " ", a if a == b else (a[0] and b[0], False, False))
        for t, f in line.pieces:
            _append(pieces, t, f)
        prev_text, prev = text, line
    para = Paragraph(runs=[Run(t, *f) for t, f in pieces if t], page=page_no)
    if "conf" in lines[0].chars[0]:  # read by OCR: keep how sure Tesseract was
        confs = [c["conf"] for line in lines for c in line.chars if "conf" in c]
        para.ocr_conf = sum(confs) / len(confs)
    return para


def joins_tight(before: str, after: str) -> bool:
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


# ---------------------------------------------------------------- one page


@dataclass
class _Measured:
    """One page taken apart into lines, before paragraphs are made: what a document learns
    its line pitch from."""

    grids: list[GridTable]
    cell_lines: list[list[list[_Line]]]
    nested_lines: dict[int, list[list[_Line]]]  # id(nested grid) -> lines per cell
    body_lines: list[_Line]
    pitch: dict[float, float]  # the page's smallest pitch per size, cells and body
    fills: list[Fill]


@dataclass
class DocumentMeasure:
    """What a whole document teaches about its text: the smallest line pitch per size over
    its pages. A page with nothing to learn from (every paragraph of a size one line long,
    as a browser sets paragraphs as boxes with margins) falls back to it.

    No text width is learnt per document: a page falls back to the document's pitch only
    where all its lines of a size are over `LONE_PITCH` line pitches apart, which the gap
    rule splits whatever the width (tried on tests/test_pdf_document_pitch.py's generated
    documents: none read differently with a learnt width)."""

    pitch: dict[float, float] = field(default_factory=dict)


def _measure(page: RawPage) -> _Measured:
    body = sorted(page.chars, key=itemgetter("top"))
    grids = find_grids(_not_underlines(page.edges, body))
    rule_ys, rules = _rules(page.strokes, grids)
    for g in grids:  # each char to the first grid holding it
        body = g.take(body)
    pitch: dict[float, float] = {}
    cell_lines: list[list[list[_Line]]] = []
    nested_lines: dict[int, list[list[_Line]]] = {}
    for g in grids:
        for inner in g.nested:
            nested_lines[id(inner)] = _grid_lines(inner, rule_ys, rules, pitch)
        cell_lines.append(_grid_lines(g, rule_ys, rules, pitch))
    body_lines = chars_to_lines(body)
    for line in body_lines:
        _decorate(line, rule_ys, rules)
    _line_pitches(body_lines, pitch)
    fills = page.fills if grids else []
    return _Measured(grids, cell_lines, nested_lines, body_lines, pitch, fills)


def measure_document(pages: list[_Measured]) -> DocumentMeasure:
    doc = DocumentMeasure()
    for m in pages:
        for size, p in m.pitch.items():
            doc.pitch[size] = min(p, doc.pitch.get(size, p))
    return doc


def document_pitch(m: _Measured, doc: DocumentMeasure | None) -> dict[float, float]:
    """The page's pitches, the document's where the page has nothing to learn from: a size
    it measured no pitch for, or only one far wider than the document's (its paragraphs of
    that size were all one line long). A document whose paragraphs of a size are all one
    line long learns no pitch for it at all: no pitch is taken wider than the one assumed
    where none was learnt (`UNLEARNT_PITCH`). A page read alone (`doc` None: OCR'd, its
    sizes measured from ink) keeps its own."""
    if doc is None:
        return m.pitch
    pitch = {s: min(p, UNLEARNT_PITCH * s) for s, p in doc.pitch.items()}
    for size, p in m.pitch.items():
        if p <= LONE_PITCH * doc.pitch.get(size, p):
            pitch[size] = min(p, UNLEARNT_PITCH * size)
    return pitch


def _lay_out(m: _Measured, page_no: int, doc: DocumentMeasure | None) -> list[PagePara | TablePart]:
    pitch = document_pitch(m, doc)
    blocks: list[Any] = []
    if m.body_lines:
        avail = max(ln.x1 for ln in m.body_lines) - min(ln.x0 for ln in m.body_lines)
        for para, first, last in lines_to_paragraphs(
            m.body_lines, avail, body_pitches(pitch), page_no, body=True
        ):
            end = (last.x1 - last.x0, last.size, avail)
            start = (first.first_word_w, _starts_bullet(first))
            blocks.append(PagePara(para, first.top, last.bottom, end, start))
    for g, per_cell in zip(m.grids, m.cell_lines, strict=True):
        blocks.append(
            _grid_to_part(g, per_cell, _fills_over(g.bbox, m.fills), pitch, page_no, m.nested_lines)
        )
    blocks.sort(key=lambda b: b.top)
    return blocks


def read_page(page: RawPage, page_no: int) -> list[PagePara | TablePart]:
    """Blocks of one page in reading order (top to bottom), from what the page alone
    teaches (a page read apart from its document: an OCR'd one)."""
    return _lay_out(_measure(page), page_no, None)


def read_pages(pages: list[RawPage]) -> list[list[PagePara | TablePart]]:
    """Blocks of every page of a document, each page's line pitch falling back to the
    document's where the page has nothing to learn from (`DocumentMeasure`)."""
    measured = [_measure(page) for page in pages]
    doc = measure_document(measured)
    return [_lay_out(m, page_no, doc) for page_no, m in enumerate(measured, start=1)]


# How close (pt) to a vertical ruling a rule's end must come for the grid finder to join
# them (its snapping distance, and a point for rounding).
SNAP_REACH = 4
_NEAREST_FIRST = tuple(sorted(range(-SNAP_REACH, SNAP_REACH + 1), key=abs))
# A run of glyphs under which a rule is an underline has no gap wider than this (font sizes):
# a word space is about a quarter of the size, the padding between two cells' texts more.
UNDERLINED_GAP = 0.6


def _not_underlines(edges: list[dict[str, Any]], chars: list[dict[str, Any]]) -> list[dict]:
    """The page's rulings less the underlines that look like rulings; ``chars`` sorted by
    top.

    An underline drawn under a whole line of a cell (AbiWord underlines a title's trailing
    space too) reaches within the snapping distance of both cell borders, and the grid
    finder then cuts the cell in two under it. A horizontal rule is an underline when it
    stops short of the vertical rulings at both ends (a ruling meets them) and lies in the
    underline band below one line of glyphs that runs, unbroken, from its start to its
    end (a ruling between rows has text above it in separate cells, or none)."""
    if not chars:
        return edges
    tops: list[float] = []  # made for the first rule that needs them
    tallest = 1.0
    uprights: dict[int, list[tuple[float, float, float]]] = {}
    for v in edges:
        if v["orientation"] == "v":
            uprights.setdefault(round(v["x0"]), []).append((v["x0"], v["top"], v["bottom"]))

    def stops_short(x: float, y: float) -> bool:
        """Whether the vertical ruling crossing height y nearest to x is more than half a
        point and at most the snapping distance away. Looked for nearest first: a table's
        own rulings meet a ruling (half a point or less), and one is enough to say no."""
        k, best = round(x), float("inf")
        for dk in _NEAREST_FIRST:
            for vx, top, bottom in uprights.get(k + dk, ()):
                if top - 0.5 <= y <= bottom + 0.5:
                    d = abs(vx - x)
                    if d <= 0.5:
                        return False
                    if d < best:
                        best = d
        return best <= SNAP_REACH

    drop: set[int] = set()
    for e in edges:
        if e["orientation"] != "h" or e["height"] >= THIN:
            continue
        y = (e["top"] + e["bottom"]) / 2
        # only a rule ending near a ruling at both ends can join the grid (a ruling meets
        # it): most underlines end with their words, far from any, and are left alone
        # (a table's own rulings meet one at their first end already: one look is enough)
        if not stops_short(e["x0"], y) or not stops_short(e["x1"], y):
            continue
        # glyphs whose baseline is from 0.35 size (12 pt text: 4 pt) above the rule to just
        # below it: their tops are at most one size higher still
        if not tops:
            tops = list(map(itemgetter("top"), chars))
            tallest = max(map(_SIZE, chars)) or 1.0
        lo, hi = bisect_left(tops, y - 5.0 - tallest), bisect_right(tops, y + 1.0)
        if lo == hi:
            continue
        near = [
            (c["x0"], c["x1"], c["size"] or 1.0)
            for c in chars[lo:hi]
            if e["x0"] - 0.5 * c["size"] <= (c["x0"] + c["x1"]) / 2 <= e["x1"] + 0.5 * c["size"]
            and UNDERLINE_BAND[0] <= (y - c["baseline"]) / (c["size"] or 1.0) <= UNDERLINE_BAND[1]
            and c["upright"]
            and not c["text"].isspace()
        ]
        if not near:
            continue
        near.sort()
        size = max(g[2] for g in near)
        if near[0][0] > e["x0"] + 0.5 * size or max(g[1] for g in near) < e["x1"] - 1.5 * size:
            continue
        reach = near[0][1]
        for g in near[1:]:
            if g[0] - reach > UNDERLINED_GAP * size:
                break
            reach = max(reach, g[1])
        else:
            drop.add(id(e))
    return [e for e in edges if id(e) not in drop] if drop else edges


def _grid_lines(
    g: GridTable, rule_ys: list[float], rules: list[tuple], pitch: dict[float, float]
) -> list[list[_Line]]:
    """The decorated lines of each cell of a grid."""
    per_cell = []
    for chars in g.chars:
        lines = chars_to_lines(chars)
        for line in lines:
            _decorate(line, rule_ys, rules)
        _line_pitches(lines, pitch)
        per_cell.append(lines)
    return per_cell


def _nested_rows(
    g: GridTable, per_cell: list[list[_Line]], pitch: dict[float, float], page_no: int
) -> list[tuple[float, Paragraph]]:
    """A table nested in a cell as one paragraph per row, its cells' texts joined by ` | `
    (as the Word reader flattens one), each with the top of its row: read row by row, its
    rows never become rows of the outer table, nor do its columns interleave line by line."""
    rows: dict[int, list[tuple[int, list[Run]]]] = {}
    for (r0, c0, _r1, _c1, bbox), lines in zip(g.cells, per_cell, strict=True):
        pad = min([ln.x0 - bbox[0] for ln in lines] + [8.0])
        avail = bbox[2] - bbox[0] - 2 * max(pad, 0.0)
        runs: list[Run] = []
        for para, *_ in lines_to_paragraphs(lines, avail, pitch, page_no):
            if runs:
                runs.append(Run(" "))
            runs.extend(para.runs)
        if runs:
            rows.setdefault(r0, []).append((c0, runs))
    out: list[tuple[float, Paragraph]] = []
    for r0 in sorted(rows):
        joined: list[Run] = []
        for _c0, runs in sorted(rows[r0], key=itemgetter(0)):
            if joined:
                joined.append(Run(" | "))
            joined.extend(runs)
        out.append((g.rows[r0], Paragraph(runs=_merged_runs(joined), page=page_no)))
    return out


def _merged_runs(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if out and (out[-1].bold, out[-1].underline, out[-1].strike) == (
            run.bold,
            run.underline,
            run.strike,
        ):
            out[-1] = Run(out[-1].text + run.text, run.bold, run.underline, run.strike)
        else:
            out.append(run)
    return out


def _fills_over(bbox: tuple, fills: list[Fill]) -> list[Fill]:
    """The fills overlapping a table, in drawing order: only they can shade one of its
    cells (each cell lies inside the table's box), and each cell is tested against them."""
    x0, top, x1, bottom = bbox
    return [
        f
        for f in fills
        if min(x1, f[2]) - max(x0, f[0]) > 0 and min(bottom, f[3]) - max(top, f[1]) > 0
    ]


def _grid_to_part(
    g: GridTable,
    per_cell: list[list[_Line]],
    fills: list[Fill],
    pitch: dict[float, float],
    page_no: int,
    nested_lines: dict[int, list[list[_Line]]],
) -> TablePart:
    rows: dict[int, list[tuple[int, Cell]]] = {}
    part = TablePart(Table(), g.cols, [], g.bbox[1])
    nested = [
        (inner, _nested_rows(inner, nested_lines[id(inner)], pitch, page_no)) for inner in g.nested
    ]
    for (r0, c0, r1, c1, bbox), lines in zip(g.cells, per_cell, strict=True):
        pad = min([ln.x0 - bbox[0] for ln in lines] + [8.0])
        avail = bbox[2] - bbox[0] - 2 * max(pad, 0.0)
        paras = lines_to_paragraphs(lines, avail, pitch, page_no)
        placed = [(first.top, p) for p, first, _last in paras]
        for inner, inner_rows in nested:
            ix, iy = (inner.bbox[0] + inner.bbox[2]) / 2, (inner.bbox[1] + inner.bbox[3]) / 2
            if bbox[0] <= ix <= bbox[2] and bbox[1] <= iy <= bbox[3]:
                placed += inner_rows
        if len(placed) > len(paras):
            placed.sort(key=itemgetter(0))
        cell = Cell(
            paragraphs=[p for _top, p in placed],
            shading=shading(bbox, fills),
            col_span=c1 - c0,
            row_span=r1 - r0,
        )
        if paras:
            first, last = paras[0][1], paras[-1][2]
            part.ends[id(cell)] = (last.x1 - last.x0, last.size, avail)
            part.room_below[id(cell)] = bbox[3] - last.bottom
            part.starts[id(cell)] = (first.first_word_w, _starts_bullet(first))
        rows.setdefault(r0, []).append((c0, cell))
    for r in sorted(rows):
        cells = sorted(rows[r], key=itemgetter(0))
        part.table.rows.append(Row([c for _, c in cells], page=page_no, page_end=page_no))
        part.row_cols.append([c0 for c0, _ in cells])
    return part
