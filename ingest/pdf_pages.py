"""Pages' blocks to one document: tables and paragraphs carried on over page breaks.

Backend-neutral, like :mod:`jarap.ingest.pdf_layout`. A table row split by a page break
comes back as a row whose first cells are empty (or whose short cells finished above), a
repeated header row is Word's "repeat header row", and a paragraph runs on when the next
page's first word would not have fitted on the last line before the break.
"""

from __future__ import annotations

import re
from typing import Any

from jarap.ingest.document import Cell, Paragraph, Row, Run, Table, sentence_break
from jarap.ingest.pdf_layout import PLAIN, PagePara, TablePart, joins_tight

EDGE_TOL = 3.0  # column edges of two table parts within this (pt) are the same column
MARGIN_BAND = 0.1  # a paragraph this near the top/bottom edge is a running header/footer


def _in_band(block: PagePara, height: float) -> bool:
    """A paragraph wholly in the top or bottom band of the page."""
    return block.bottom <= MARGIN_BAND * height or block.top >= (1 - MARGIN_BAND) * height


def _shape(block: PagePara) -> str:
    """A band paragraph's text with its numbers blanked: `2 | Page` and `3 | Page` agree."""
    return re.sub(r"\d+", "#", " ".join(block.para.text.split()).lower())


def _is_margin(block: PagePara, height: float, running: set[str]) -> bool:
    """A running header or footer: a band paragraph that other pages' bands print too, or a
    single line there (a heading at the top of a page is no continuation). Two or more lines
    in the band printed once are the rest of a paragraph carried over a page break (Word and
    LibreOffice keep two lines either side of a break)."""
    if not _in_band(block, height):
        return False
    one_line = block.bottom - block.top < 1.6 * block.end[1]
    return one_line or _shape(block) in running


def _is_running(block: PagePara | TablePart, height: float, running: set[str]) -> bool:
    """A running header or footer proper: a band paragraph other pages' bands print too."""
    return isinstance(block, PagePara) and _in_band(block, height) and _shape(block) in running


def _running_shapes(pages: list[tuple[list[Any], float]]) -> set[str]:
    """What the band of more than one page prints: running headers and footers. The band
    alone does not say it: the rest of a paragraph carried over a page break may be one or
    two lines at the very top of the next page, inside the band, printed once."""
    seen: dict[str, int] = {}
    for blocks, height in pages:
        shapes = {_shape(b) for b in blocks if isinstance(b, PagePara) and _in_band(b, height)}
        for shape in shapes:
            seen[shape] = seen.get(shape, 0) + 1
    return {shape for shape, n in seen.items() if n > 1 or len(pages) == 1}


def _same_columns(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= EDGE_TOL for x, y in zip(a, b, strict=True))


def _norm(texts: list[str]) -> list[str]:
    return [" ".join(t.split()) for t in texts]


def _continue_table(prev: TablePart, part: TablePart, page_no: int) -> None:
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
    prev.room_below.update(part.room_below)


def _pair_cells(prev: TablePart, row: Row, cols: list[int]) -> list[tuple[Cell, Cell | None]]:
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


# a cell's last line sits within this many font sizes of the cell's bottom edge when its
# text fills the cell (the cell padding and the line's leading)
_RUN_ON_ROOM = 2.0


def _is_row_continuation(
    prev: TablePart, part: TablePart, row: Row, pairs: list[tuple[Cell, Cell | None]]
) -> bool:
    """Whether a page's first row is the rest of the row the previous page ended with.

    The plain sign is leading cells left empty (their text all fitted on the first page).
    When the first cell ran on too, the row still shows it: a short cell (the reference)
    finished above and is empty here, and some cell's text broke inside a paragraph.
    """
    texts = row.texts
    if len(texts) < 2:
        return False
    leading = min(2, len(texts) - 1)
    if not any(texts[:leading]) and any(texts[leading:]):
        return True
    finished = any(t is not None and t.text and not c.text for c, t in pairs)

    def ran_on(c: Cell, t: Cell | None) -> bool:
        """The cell's text above broke inside a paragraph, and filled its cell to the
        bottom (a short reference at the top of a tall row cannot run on)."""
        return (
            t is not None
            and bool(c.paragraphs)
            and bool(t.paragraphs)
            and _break_inside(prev.ends.get(id(t)), part.starts[id(c)])
            and prev.room_below[id(t)] < _RUN_ON_ROOM * prev.ends[id(t)][1]
        )

    # the row's first printed cell must itself run on: a new row whose first printed cell
    # is a new reference (`2.6` under `2.5`, its Theme cell left empty) is no continuation,
    # however full another cell's last line above was
    lead = next(((c, t) for c, t in pairs if c.text), None)
    return finished and lead is not None and ran_on(*lead)


def _merge_row(
    prev: TablePart,
    part: TablePart,
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
        prev.room_below[id(target)] = part.room_below[id(cell)]
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
    gap = "" if joins_tight("".join(r.text for r in a), b[0].text) else " "
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
    open_part: TablePart | None = None  # the previous page's closing table
    open_para: PagePara | None = None  # the previous page's closing paragraph
    running = _running_shapes(pages)
    for page_no, (blocks, height) in enumerate(pages, start=1):
        margin = [isinstance(b, PagePara) and _is_margin(b, height, running) for b in blocks]
        first = next((b for b, m in zip(blocks, margin, strict=True) if not m), None)
        # a table goes on over running headers and footers only: a line printed once at the
        # top of the page (a heading or caption kept with its table) opens something new
        first_body = next((b for b in blocks if not _is_running(b, height, running)), None)
        join_table = (
            isinstance(first, TablePart)
            and isinstance(open_part, TablePart)
            and _same_columns(open_part.col_edges, first.col_edges)
            and first is first_body
        )
        join_para = (  # and a line printed once at the top (a heading) opens something new
            isinstance(first, PagePara)
            and open_para is not None
            and _break_inside(open_para.end, first.start)
            and first is first_body
        )
        last_part: TablePart | None = None
        last_para: PagePara | None = None
        for b, is_margin in zip(blocks, margin, strict=True):
            starts_page = b is first  # (a bool: `b is first` would narrow b to first's type)
            if isinstance(b, PagePara):
                if join_para and starts_page and open_para is not None:
                    open_para.para.runs = _join_runs(open_para.para.runs, b.para.runs)
                    open_para.end = b.end
                    b = open_para
                else:
                    out.append(b.para)
                if not is_margin:
                    last_part, last_para = None, b
                elif not _is_running(b, height, running):
                    last_part = None  # a line printed once under the table ends it
            else:
                if join_table and starts_page and open_part is not None:
                    _continue_table(open_part, b, page_no)
                    b = open_part
                else:
                    out.append(b.table)
                last_part, last_para = b, None
        open_part, open_para = last_part, last_para
    return out
