"""Tables set as whitespace columns in plain text (`pdftotext -layout`, a printer's text).

A layout-preserving converter writes a table as lines whose cells sit in character columns:
no TAB, no rule, cells wrapped over several lines, a page footer and a form feed (`\\f`)
where the table crosses a page. The columns are found by geometry alone: consecutive lines
that share gutters (character positions blank on every line, at least two wide, with text
on both sides) are a table, and the gutters are the column boundaries. Rows and paragraphs
are found by meaning of the layout, not of any paper's words:

* a new row starts where the table's leftmost column begins a new value after a line on
  which it was empty, where a cell begins with an item reference (`4.2 …`) after an empty
  line in its column, or where most cells the line fills are not the wrapped rest of the
  cell above (a cell line wraps when the line above it in that column had no room for the
  next word: the column's widest line is its width);
* a cell line starts a new paragraph when the line above it had room for its first word;
* page furniture (footers, page numbers, a running header repeated on every page) is
  dropped, and a table that goes on over a form feed is joined to the table before it,
  its first row continuing the last one when its leftmost column is empty (as the PDF
  reader joins rows split across pages). A page shows no column that is empty all the way
  down it (a colour-only column), so the columns of the next page are matched to the
  columns that have text.

Prose lines outside tables stay a paragraph each, as the reference converter's lines are
(joining them by the room-for-the-next-word rule read fewer records on the tuned samples:
a body line's width is too uneven for it). The result is `Table`/`Row`/`Cell`/`Paragraph`
of the one document model, so the layouts read it as they read any other format.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from jarap.extract.furniture import is_page_furniture, only_date
from jarap.extract.vocab import split_ref_title
from jarap.extract.vocab_dates import month_number
from jarap.ingest.document import Block, Cell, Paragraph, Row, Run, Table, continue_cell
from jarap.ingest.text_marks import GLYPH_BULLETS

GUTTER = 2  # blank characters between two columns, at least
# the share of the room up to the next column a cell's text can use: a cell's padding and
# the converter's character grid leave the rest blank (wrap tests use the larger of this and
# the column's widest line)
ROOM = 0.8
# character counts of a proportional font are not widths: a line a little shorter than the
# widest may still have had no room for the next word (taken so when the sentence goes on)
SLACK = 0.9
FULL = 0.9  # the quantile of a column's line lengths taken as its width
_SPAN = re.compile(r"\S+(?: \S+)*")  # words separated by single spaces
# a list bullet as converters write it: a glyph (often a Symbol-font private-use one) and
# spaces; the document model keeps list items as paragraphs without their bullet
_BULLETS = re.escape("".join(sorted(GLYPH_BULLETS)))
_BULLET = re.compile(rf"^[{_BULLETS}]\s+")
_BARE_REF = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+\.?|[A-Z]{1,3}\d{1,2}(?:\.\d{1,2})?)(?:\s|$)")
# a label opening a paragraph (`Target Date: …`, `Update March 2021: …`): a paragraph of
# its own in every layout that writes one, never the wrapped rest of the line above
_LABEL = re.compile(r"^[A-Z][\w/()'’ -]{0,40}:(?:\s|$)")
_VALUE = re.compile(r"^[-–—\d.,%£$/]{1,6}$")  # a number or a dash: a value, never a wrap


def has_columns(text: str) -> bool:
    """Whether the text sets a table as whitespace columns: a run of lines the finder takes
    for a table, two of them with text either side of a gutter, and a gap wider than
    `GUTTER` at one of its gutters on some line. (Two spaces after a full stop line up on
    lines of justified prose, and a reference converter spaces a line's parts apart; a
    column's ragged edge leaves a wider gap somewhere.)"""
    for number, page in enumerate(text.split("\f"), start=1):
        lines = [
            _Line(_tight_bullets(raw.rstrip().expandtabs()), number) for raw in page.splitlines()
        ]
        for item in _segments(lines):
            if isinstance(item, _Run) and _ragged(item) and _multi_lines(item) >= 2:
                return True
    return False


def _multi_lines(run: _Run) -> int:
    return sum(len(line.spans) >= 2 for line in run.lines)


def _ragged(run: _Run) -> bool:
    cols = run.table_columns()
    gutters = [(a[1], b[0]) for a, b in zip(cols, cols[1:], strict=False)]
    for line in run.lines:
        spans = line.spans
        for (_a0, a1), (b0, _b1) in zip(spans, spans[1:], strict=False):
            if b0 - a1 > GUTTER and any(a1 <= g1 and b0 >= g0 for g0, g1 in gutters):
                return True
    return False


def _gaps(line: str) -> set[int]:
    """Positions inside runs of two or more blanks between words of the line."""
    spans = list(_SPAN.finditer(line))
    out: set[int] = set()
    for a, b in zip(spans, spans[1:], strict=False):
        out.update(range(a.end(), b.start()))
    return out


@dataclass
class _Line:
    text: str
    page: int

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in _SPAN.finditer(self.text)]


@dataclass
class _Run:
    """Consecutive lines of one table on one page."""

    lines: list[_Line] = field(default_factory=list)
    filled: set[int] = field(default_factory=set)

    def add(self, line: _Line) -> _Run:
        self.lines.append(line)
        for a, b in line.spans:
            self.filled.update(range(a, b))
        return self

    def columns(self) -> list[tuple[int, int]]:
        """Column extents: the union of the lines' text, cut at gutters."""
        return _side_by_side(_stretches(self.filled), self.lines)

    def table_columns(self) -> list[tuple[int, int]]:
        """The columns of the table the run is: as `columns`, unless a header cell spans
        sub-columns (`Target date` over `Original` and `Revised`): the gutters are then
        those of the lines below its first few, where that gives more columns."""
        best = self.columns()
        for k in range(1, min(HEADER_LINES, len(self.lines) // 3) + 1):
            filled: set[int] = set()
            for line in self.lines[k:]:
                for a, b in line.spans:
                    filled.update(range(a, b))
            cols = _side_by_side(_stretches(filled), self.lines[k:])
            if len(cols) > len(best):
                best = cols
        return best


HEADER_LINES = 4  # a header's lines, at most, whose spanning cells may cross a gutter


def _stretches(filled: set[int]) -> list[tuple[int, int]]:
    """Filled positions cut into stretches where at least GUTTER blank positions part them."""
    if not filled:
        return []
    cols: list[tuple[int, int]] = []
    start = prev = None
    for x in sorted(filled):
        if start is None:
            start = prev = x
        elif prev is not None and x - prev - 1 >= GUTTER:
            cols.append((start, prev + 1))
            start = x
        prev = x
    assert start is not None and prev is not None
    cols.append((start, prev + 1))
    return cols


def _side_by_side(cols: list[tuple[int, int]], lines: list[_Line]) -> list[tuple[int, int]]:
    """Two stretches are two columns only where some line has text in both: a ditto mark
    at a cell's left edge and centred words further in are one column."""
    if not cols:
        return []
    merged = [cols[0]]
    for col in cols[1:]:
        left = merged[-1]
        if not any(
            any(a < left[1] and b > left[0] for a, b in line.spans)
            and any(a < col[1] and b > col[0] for a, b in line.spans)
            for line in lines
        ):
            merged[-1] = (left[0], col[1])
        else:
            merged.append(col)
    return merged


def _crosses(line: _Line, cols: list[tuple[int, int]]) -> bool:
    """A span of the line covers a whole gutter of the columns: prose, not a table line."""
    gutters = [(a[1], b[0]) for a, b in zip(cols, cols[1:], strict=False)]
    return any(s <= g0 and e >= g1 for s, e in line.spans for g0, g1 in gutters)


def _is_tabular(run: _Run, continuing: bool = False) -> bool:
    """Two lines with text either side of a gutter, or one with three columns; at the top
    of a page under a table that may go on (`continuing`), one line in two columns."""
    cols = run.columns()
    if len(cols) < 2:
        return False
    multi = sum(len(line.spans) >= 2 for line in run.lines)
    return multi >= 2 or (multi == 1 and (len(cols) >= 3 or continuing))


def _column_of(a: int, cols: list[tuple[int, int]]) -> int:
    """The column a span starting at `a` belongs to: the last one starting at or before it."""
    return max((i for i, (c0, _c1) in enumerate(cols) if c0 <= a + 1), default=0)


def _cells_of(line: _Line, cols: list[tuple[int, int]]) -> list[str]:
    """The line's text in each column (a span goes to the column it starts in)."""
    out = [""] * len(cols)
    for a, b in line.spans:
        index = _column_of(a, cols)
        out[index] = (out[index] + "  " + line.text[a:b]).strip()
    return out


def _widths(lines: list[_Line], cols: list[tuple[int, int]]) -> list[int]:
    """Each column's width: how far its left-aligned lines reach (a wrapped line runs to
    the cell's edge; a centred or right-aligned line says nothing of it), or else a high
    quantile of its text's lengths."""
    reach: list[list[int]] = [[] for _ in cols]
    lengths: list[list[int]] = [[] for _ in cols]
    for line in lines:
        ends: dict[int, tuple[int, int]] = {}
        for a, b in line.spans:
            i = _column_of(a, cols)
            start, _end = ends.get(i, (a, b))
            ends[i] = (start, b)
        for i, (a, b) in ends.items():
            lengths[i].append(b - a)
            if a <= cols[i][0] + 1:
                reach[i].append(b - cols[i][0])
    return [max(r) if r else _line_width(n) for r, n in zip(reach, lengths, strict=True)]


def _line_width(lengths: list[int]) -> int:
    """The width lines of wrapped text fill: most of them run to it, a paragraph's last line
    falls short, and a few run past it (a proportional font's narrow letters, a line set
    apart): a high quantile of the lengths, not their maximum."""
    if not lengths:
        return 0
    ordered = sorted(lengths)
    return ordered[int(FULL * (len(ordered) - 1))] if len(ordered) >= 4 else ordered[-1]


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0] if text else ""


def _wraps(above: str, text: str, width: int) -> bool:
    """`text` is the wrapped rest of `above`: the line above had no room for its first
    word."""
    if not above or not text or _BULLET.match(text):
        return False
    need = len(above) + 1 + len(_first_word(text))
    if need > width:
        return True
    # mid-sentence on both sides: a line nearly full (letter widths vary) wrapped
    return need > SLACK * width and above[-1].islower() and text[0].islower()


def _begins_ref(text: str) -> bool:
    return bool(_BARE_REF.match(text)) or split_ref_title(text) is not None


def _kind(text: str) -> str | None:
    """`number` or `date` when the text is one value and nothing else (`31 August` over
    `2023` is one date wrapped: two kinds)."""
    if _VALUE.match(text):
        return "number"
    return "date" if only_date(text) else None


def _new_row(
    first: list[str], prev: list[str], cur: list[str], started: list[bool], widths: list[int]
) -> bool:
    """Whether line `cur` opens a new row (`first`: the current row's first line, `prev`:
    the line above, `started`: the columns the current row has text in)."""
    if cur[0] and not prev[0]:
        return True
    if any(
        c and (_BARE_REF.match(c) and i < len(cur) - 1 or not p and _begins_ref(c))
        for i, (p, c) in enumerate(zip(prev, cur, strict=True))
    ):
        return True  # an item's reference opens a row (`4.2`, `R3`; a list number `1.`
        # or a reference in the last, long column only after a line that left it empty)
    if any(c[0].islower() for c in cur if c):
        return False  # a sentence goes on in some cell: the row goes on
    if any(p and c and _kind(p) == _kind(c) is not None for p, c in zip(prev, cur, strict=True)):
        return True  # a number under a number, a date under a date: values do not wrap
    restarts = [i for i, c in enumerate(cur[:-1]) if c and not prev[i] and started[i]]
    if len(restarts) >= 2:
        return True  # columns begin again together after the row above left them
    filled = [i for i, c in enumerate(cur) if c]
    if len(filled) < 2 or not set(filled) >= {i for i, c in enumerate(first) if c}:
        return False
    # every cell of the row's first line begins again, none in lower case (the rest of a
    # sentence): a table of one-line rows (counts, lists). Widths cannot tell here: a
    # one-line row's cell is as wide as its text
    return not any(cur[i][0].islower() for i in filled)


def _clean(text: str) -> str:
    return _BULLET.sub("", text.strip())


_WORD = re.compile(r"[^\W\d_]+")


def vocabulary(text: str) -> Counter[str]:
    """The paper's own words (lower case) and how often it writes each: evidence for a word
    broken at a cell's edge."""
    return Counter(w.lower() for w in _WORD.findall(text))


def broken_word(above: str, text: str, words: Counter[str], width: int = 0) -> bool:
    """A word too long for a narrow cell broken at its edge (`Decommissio` / `ning`). The
    PDF reader decides by glyph widths; a text conversion has none, so the evidence is the
    paper's vocabulary and the month names: the two halves make a word the paper writes
    whole, at least as often as it writes the second half alone (which it does only where
    the word is broken), or a month name; or the line above is one word filling the
    column (`width`) and the second half is no word the paper writes (`Responsi` /
    `bility`)."""
    head = _WORD.findall(above[-40:])
    tail = _WORD.match(text)
    if not head or tail is None or not above[-1].isalpha() or tail.start() != 0:
        return False
    first = tail.group()
    if not (first[0].islower() or (head[-1].isupper() and first.isupper())):
        return False
    whole = words[(head[-1] + first).lower()]
    if whole > 0 and words[first.lower()] <= whole:
        return True
    if month_number(head[-1] + first) is not None and month_number(first) is None:
        return True  # `Decem` / `ber`: a month name every paper writes
    alone = " " not in above.strip() and len(above.strip()) >= width - 1
    return alone and width > 0 and words[first.lower()] <= 1


_NUMBER_HEAD = re.compile(r"(?:^|\s)[\d./-]*\d[./-]?$")


def broken_number(above: str, text: str) -> bool:
    """A number, date or reference broken at a narrow cell's edge (`28/02/2` / `021`,
    `1.` / `1`): the line above ends inside one and the line below goes on with digits."""
    return (
        bool(_NUMBER_HEAD.search(above))
        and text[:1].isdigit()
        and (above[-1] in "./-" or text.split(" ", 1)[0].isdigit() and "/" in above.split()[-1])
    )


def _add_line(
    paras: list[Paragraph],
    above: str,
    text: str,
    width: int,
    page: int,
    words: Counter[str] | None = None,
) -> None:
    """A cell's or the body's next line: the rest of the paragraph above when that line had
    no room for its first word, else a paragraph of its own."""
    text = " ".join(text.split())
    if paras and above and _wraps(above, text, width) and broken_number(above, text):
        paras[-1].runs.append(Run(text))
    elif paras and above and words and broken_word(above, text, words, width):
        paras[-1].runs.append(Run(text))
    elif (
        paras and _wraps(above, text, width) and not _BULLET.match(text) and not _LABEL.match(text)
    ):
        paras[-1].runs.append(Run(" " + text))
    else:
        paras.append(Paragraph(runs=[Run(_clean(text))], page=page))


def _run_to_table(run: _Run, words: Counter[str] | None = None) -> Table:
    cols = run.table_columns()
    grid = [_cells_of(line, cols) for line in run.lines]
    measured = _widths(run.lines, cols)
    widths = [
        max(
            measured[i],
            int(ROOM * (cols[i + 1][0] - cols[i][0] - GUTTER)) if i + 1 < len(cols) else 0,
        )
        for i in range(len(cols))
    ]
    table = Table()
    rows: list[list[list[Paragraph]]] = []
    above: list[str] = [""] * len(cols)
    first: list[str] = grid[0]
    started = [bool(c) for c in first]
    for k, (line, cells) in enumerate(zip(run.lines, grid, strict=True)):
        if k == 0 or _new_row(first, grid[k - 1], cells, started, widths):
            first = cells
            started = [False] * len(cols)
            rows.append([[] for _ in cols])
            table.rows.append(Row(page=line.page, page_end=line.page))
            above = [""] * len(cols)
        started = [s or bool(c) for s, c in zip(started, cells, strict=True)]
        for i, text in enumerate(cells):
            if text:
                _add_line(rows[-1][i], above[i], text, widths[i], line.page, words)
                above[i] = " ".join(text.split())
            else:
                above[i] = ""
    for row, cells_ in zip(table.rows, rows, strict=True):
        row.cells = [Cell(paragraphs=ps) for ps in cells_]
    return table


def _furniture(pages: list[list[str]]) -> set[str]:
    """Running headers and footers: a page's first or last line that recurs, digits aside,
    on at least half of the pages (and on two or more)."""
    if len(pages) < 2:
        return set()
    edges: Counter[str] = Counter()
    for lines in pages:
        filled = [line.strip() for line in lines if line.strip()]
        for line in {*filled[:1], *filled[-1:]}:
            edges[_shape(line)] += 1
    return {s for s, n in edges.items() if n >= max(2, len(pages) // 2)}


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()))


def _segments(lines: list[_Line], continuing: bool = False) -> list[_Run | _Line]:
    """Lines to table runs and prose lines, in order (`None`-free); a blank line ends a run."""
    out: list[_Run | _Line] = []
    block: list[_Line] = []

    def flush() -> None:
        i = 0
        while i < len(block):
            run = _Run().add(block[i])
            j = i + 1
            while j < len(block) and not _crosses(block[j], run.columns()):
                run.add(block[j])
                j += 1
            rest = _Run()
            for line in run.lines[1:]:
                rest.add(line)
            top = continuing and not any(isinstance(o, _Run) or o.text for o in out)
            # a one-span line straight under a prose line ends that paragraph
            tail = i > 0 and not isinstance(out[-1], _Run) and len(block[i].spans) == 1
            if not tail and _is_tabular(run, top) and not _crosses(block[i], rest.columns()):
                out.append(run)
                i = j
            else:
                out.append(block[i])
                i += 1
        block.clear()

    for line in lines:
        if not line.text.strip():
            flush()
            out.append(_Line("", line.page))
            continue
        block.append(line)
    flush()
    return _across_blank_lines(out)


def _blank(item: _Run | _Line) -> bool:
    return isinstance(item, _Line) and not item.text


def _across_blank_lines(items: list[_Run | _Line]) -> list[_Run | _Line]:
    """A table whose cells hold paragraphs set apart by spacing goes on after a blank line:
    a table run after blank lines whose columns all start where the run above has columns
    is the same table."""
    out: list[_Run | _Line] = []
    for item in items:
        if isinstance(item, _Run):
            k = len(out)
            while k > 0 and _blank(out[k - 1]):
                k -= 1
            above = out[k - 1] if k > 0 and k < len(out) else None
            if isinstance(above, _Run) and _aligned(above.columns(), item.columns()):
                del out[k:]
                for line in item.lines:
                    above.add(line)
                continue
        out.append(item)
    return out


def _aligned(before: list[tuple[int, int]], after: list[tuple[int, int]]) -> bool:
    starts = [c[0] for c in before]
    return len(after) <= len(before) and all(any(abs(c[0] - x) <= 1 for x in starts) for c in after)


Columns = list[tuple[int, int]]


def _match_columns(prev: Table, new: Table, at: tuple[Columns, Columns]) -> list[int] | None:
    """Where each column of `new` goes in `prev`: in order when the widths agree; when the
    new page shows fewer columns, the previous table's columns left empty below its first
    row are the ones it cannot show, or else (a header row alone above the break) the
    nearest by position (`at`: both tables' column extents)."""
    width, got = len(prev.rows[0].cells), len(new.rows[0].cells)
    if got == width:
        return list(range(width))
    if got > width:
        return None
    body = prev.rows[1:]
    shown = [i for i in range(width) if any(r.cells[i].text for r in body)]
    if body and len(shown) == got:
        return shown
    before, after = at
    where = [min(range(width), key=lambda i: abs(before[i][0] - c[0])) for c in after]
    return where if len(set(where)) == got and where == sorted(where) else None


def _join_page(prev: Table, new: Table, at: tuple[Columns, Columns]) -> bool:
    """Append a table that goes on over a page break to the one before it."""
    where = _match_columns(prev, new, at)
    if where is None:
        return False
    width = len(prev.rows[0].cells)
    for k, row in enumerate(new.rows):
        cells = [Cell() for _ in range(width)]
        for i, cell in zip(where, row.cells, strict=True):
            cells[i] = cell
        if k == 0 and not cells[0].text and not any(_begins_ref(c.text) for c in cells):
            last = prev.rows[-1]
            for i, cell in enumerate(cells):
                continue_cell(last.cells[i], cell.paragraphs)
            last.page_end = row.page
            continue
        prev.rows.append(Row(cells=cells, page=row.page, page_end=row.page_end))
    return True


_BULLET_GAP = re.compile(
    r"([\u2022\u00b7\u25aa\u25e6\u2023\u2043\uf0a7\uf0b7\uf0d8\uf076\uf0fc])( {2,})"
)


def _tight_bullets(line: str) -> str:
    """A bullet glyph set apart from its text by a tab stop, moved next to the text (the
    text keeps its column): otherwise the gap reads as a gutter."""
    return _BULLET_GAP.sub(lambda m: m.group(2)[1:] + m.group(1) + " ", line)


def columns_to_blocks(text: str) -> list[Block]:
    """A layout-preserving text conversion to blocks (see the module's docstring)."""
    pages = [[_tight_bullets(line) for line in page.splitlines()] for page in text.split("\f")]
    furniture = _furniture(pages)
    lines = [
        _Line(raw.rstrip().expandtabs(), number)
        for number, page in enumerate(pages, start=1)
        for raw in page
        if not (raw.strip() and (is_page_furniture(raw) or _shape(raw.strip()) in furniture))
    ]
    by_page: dict[int, list[_Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    blocks: list[Block] = []
    open_table: Table | None = None  # a table that may go on over the next page break
    open_cols: Columns = []
    words = vocabulary(text)
    for page in sorted(by_page):
        first = True
        for item in _segments(by_page[page], continuing=open_table is not None):
            if isinstance(item, _Run):
                table, cols = _run_to_table(item, words), item.table_columns()
                if not (
                    first
                    and open_table is not None
                    and _join_page(open_table, table, (open_cols, cols))
                ):
                    blocks.append(table)
                    open_table, open_cols = table, cols
                first = False
                continue
            text = " ".join(item.text.split())
            if not text:
                continue
            first, open_table = False, None
            blocks.append(Paragraph(runs=[Run(_clean(text))], page=page))
    return blocks
