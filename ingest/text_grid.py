"""Tables a converter draws with rules in plain text: pandoc's `plain` and `markdown` writers.

pandoc draws a table whose cells hold several paragraphs as a grid (`+----+----+`, `|`
between cells, `+====+` under the header), and a simpler one as a multiline table: dash runs
under the header give the columns, a blank line ends each row, a full-width rule opens and
closes it. The rules say where every cell is, so nothing is guessed: grids are parsed by
docutils' grid-table parser (pandoc's grids are reStructuredText's), multiline tables by
their dash runs. Inside a cell, paragraphs are parted by blank lines, and a word longer than
the cell is cut into pieces that fill it (`Recomme` / `ndation`): a line that is one piece
exactly as wide as the cell, going on with the letters above, is the rest of that word.
Outside tables a paragraph is the lines between blank lines (pandoc wraps them at 72
characters). `**bold**` and `~~struck~~` keep their formatting (pandoc writes
strike-through in both writers).
"""

from __future__ import annotations

import re
from collections import Counter

from jarap.ingest.document import Block, Cell, Paragraph, Row, Run, Table
from jarap.ingest.text_columns import vocabulary

_GRID_RULE = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
_GRID_ROW = re.compile(r"^\s*[|+].*[|+]\s*$")
_DASH_RUNS = re.compile(r"^\s*-{3,}(?: +-{3,})+\s*$")
_DASH_FULL = re.compile(r"^\s*-{3,}\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>$'\"^&@%])")


def has_ruled_tables(text: str) -> bool:
    """Whether the text draws a table with rules: a grid's `+---+` line, or a multiline
    table's dash runs (`-----  ------`)."""
    return any(_GRID_RULE.match(line) or _DASH_RUNS.match(line) for line in text.splitlines())


_MARK = re.compile(
    r"~~(?P<strike>.+?)~~|\*\*(?P<bold>.+?)\*\*|\[(?P<span>[^\]]*)\]\{(?P<attrs>[^}]*)\}"
    r"|\[(?P<link>[^\]]*)\]\([^)]*\)",
    re.S,
)
_DASHES = (
    (re.compile(r"(?<![-\w])---(?![-\w])"), "\u2014"),
    (re.compile(r"(?<![-\w])--(?![-\w])"), "\u2013"),
)


def runs_of(text: str) -> list[Run]:
    r"""pandoc's inline marks as runs: `~~struck~~`, `**bold**`, `[underlined]{.underline}`
    (other bracketed spans and links read as their text); markdown escapes (`\-`) as the
    character, `--` and `---` as the dashes markdown means by them."""
    text = text.rstrip("\\").rstrip()  # a hard line break
    for pattern, dash in _DASHES:
        text = pattern.sub(dash, text)
    return [r for r in _marked(text, Run("")) if r.text]


def _marked(text: str, fmt: Run) -> list[Run]:
    out: list[Run] = []
    pos = 0
    for m in _MARK.finditer(text):
        out.append(_plain(text[pos : m.start()], fmt))
        if m.group("strike") is not None:
            out += _marked(m.group("strike"), Run("", fmt.bold, fmt.underline, True))
        elif m.group("bold") is not None:
            out += _marked(m.group("bold"), Run("", True, fmt.underline, fmt.strike))
        elif m.group("span") is not None:
            under = fmt.underline or "underline" in m.group("attrs")
            out += _marked(m.group("span"), Run("", fmt.bold, under, fmt.strike))
        else:
            out += _marked(m.group("link"), fmt)
        pos = m.end()
    out.append(_plain(text[pos:], fmt))
    return out


def _plain(text: str, fmt: Run) -> Run:
    return Run(_ESCAPE.sub(r"\1", text), fmt.bold, fmt.underline, fmt.strike)


def _paragraph(
    lines: list[str], width: int = 0, words: Counter[str] | None = None
) -> Paragraph | None:
    """Lines of one paragraph joined; a line that is one piece exactly `width` wide goes on
    with the word above (a word longer than the cell, cut by the writer)."""
    text = prev = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if text and width and _piece(prev, line, width, words):
            text += line
        else:
            text = f"{text} {line}" if text else line
        prev = line
    text = text.lstrip("#").strip() if text.startswith("#") else text
    runs = runs_of(text)
    return Paragraph(runs=runs) if runs else None


def _piece(above: str, line: str, width: int, words: Counter[str] | None = None) -> bool:
    """`line` is the next piece of a word cut to the cell's width: exactly as wide as the
    cell, one token under a line of one token, going on with it (lower case after a
    letter, capitals after capitals, digits after a digit, or any piece after a full piece
    that is not a whole word). Two words the paper writes whole (`Fleet` above, or a
    `management` it writes more than once) stay two, unless together they make a word it
    writes too."""
    if len(line) != width or " " in line or " " in above:
        return False
    last = above
    if words is not None and width > 2 and line[0].isalpha() and not words[_letters(last + line)]:
        # a word the paper writes whole above it, or the line a word it writes whole more
        # than once: two words, unless the two make one it writes
        if words[_letters(line)] > 1:
            return False
    if last[-1].isalpha() and (line[0].islower() or (last.isupper() and line.isupper())):
        return True
    if last[-1].isdigit() and line[0].isdigit():
        return True  # `2` / `023`
    # a piece between pieces in a column a character or two wide (`1` / `.` / `1`)
    return width <= 2 and len(last) == width and not (last.isalpha() and line.isalpha())


def _letters(text: str) -> str:
    return re.sub(r"[^\w]", "", text).lower()


def _paragraphs(
    lines: list[str], width: int = 0, words: Counter[str] | None = None
) -> list[Paragraph]:
    """Blank lines part paragraphs."""
    out: list[Paragraph] = []
    group: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            group.append(line)
            continue
        para = _paragraph(group, width, words)
        if para is not None:
            out.append(para)
        group = []
    return out


def _grid(lines: list[str], words: Counter[str] | None = None) -> Table | None:
    """A pandoc grid, parsed by docutils; None when it is not a well-formed grid."""
    try:  # a dependency of the package; imported here, where a grid is met
        from docutils.parsers.rst.tableparser import (  # type: ignore[import-untyped]
            GridTableParser,
            TableMarkupError,
        )
        from docutils.statemachine import StringList  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - an install without it
        raise ValueError("a grid table needs docutils: pip install docutils") from exc
    indent = min(len(ln) - len(ln.lstrip()) for ln in lines)
    block = StringList([ln[indent:].rstrip() for ln in lines])
    try:
        widths, head, body = GridTableParser().parse(block)
    except TableMarkupError:
        return None
    table = Table()
    for parsed in [*head, *body]:
        row = Row()
        col = 0
        for cell in parsed:
            if cell is None:
                continue
            more_rows, more_cols, _offset, content = cell
            width = sum(widths[col : col + more_cols + 1]) + more_cols - 2
            row.cells.append(
                Cell(
                    paragraphs=_paragraphs(list(content), width, words),
                    col_span=more_cols + 1,
                    row_span=more_rows + 1,
                )
            )
            col += more_cols + 1
        table.rows.append(row)
    return table


def _multiline(lines: list[str]) -> Table | None:
    """A pandoc multiline (or simple) table: the dash runs give the columns, a blank line
    ends a row (a simple table's rows are one line each: no blank lines at all)."""
    rule = next((i for i, ln in enumerate(lines) if _DASH_RUNS.match(ln)), None)
    if rule is None:
        return None
    cols = [(m.start(), m.end()) for m in re.finditer(r"-+", lines[rule])]
    bounds = [(a, cols[i + 1][0] if i + 1 < len(cols) else None) for i, (a, _b) in enumerate(cols)]
    groups: list[list[str]] = []
    header = [ln for ln in lines[:rule] if ln.strip() and not _DASH_FULL.match(ln)]
    if header:
        groups.append(header)
    body = [ln for ln in lines[rule + 1 :] if not _DASH_FULL.match(ln) and not _DASH_RUNS.match(ln)]
    if any(not ln.strip() for ln in body):
        current: list[str] = []
        for ln in [*body, ""]:
            if ln.strip():
                current.append(ln)
            elif current:
                groups.append(current)
                current = []
    else:
        groups += [[ln] for ln in body if ln.strip()]
    table = Table()
    for group in groups:
        cells = []
        for a, b in bounds:
            texts = [ln[a:b] if b is not None else ln[a:] for ln in group]
            para = _paragraph(texts)
            cells.append(Cell(paragraphs=[para] if para else []))
        table.rows.append(Row(cells=cells))
    return table if table.rows else None


def _whole_words(lines: list[str]) -> Counter[str]:
    """The words the paper writes whole: the running text's, a grid cell's where its line
    holds two words or more, and a one-token cell line's under such a line (a cut word's
    pieces stand alone on their lines, each later one under the one before, and repeat in
    every table's header)."""
    kept: list[str] = []
    above: list[str] = []
    alone: set[str] = set()  # one-token cell lines under a line of two words or more
    for line in lines:
        if not _GRID_ROW.match(line):
            kept.append(line)
            above = []
            continue
        segs = line.split("|")
        for k, seg in enumerate(segs):
            tokens = seg.split()
            if len(tokens) >= 2:
                kept.append(seg)
            elif len(tokens) == 1 and k < len(above) and len(above[k].split()) >= 2:
                alone.add(_letters(tokens[0]))
        above = segs
    # a one-token line under a line of two words is a word: a cut word's later piece
    # always stands under its earlier piece, a line of one token
    return vocabulary("\n".join([*kept, *alone, *alone]))


def ruled_to_blocks(text: str) -> list[Block]:
    """A pandoc `plain` or `markdown` file to blocks (see the module's docstring)."""
    lines = text.splitlines()
    words = _whole_words(lines)
    blocks: list[Block] = []
    prose: list[str] = []

    def flush() -> None:
        blocks.extend(_paragraphs(prose))
        prose.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        if _GRID_RULE.match(line):
            j = i + 1
            while j < len(lines) and _GRID_ROW.match(lines[j]):
                j += 1
            table = _grid(lines[i:j], words)
            if table is not None:
                flush()
                blocks.append(table)
                i = j
                continue
        if _DASH_FULL.match(line) or _DASH_RUNS.match(line):
            end = _multiline_end(lines, i)
            table = _multiline(lines[i:end]) if end > i + 1 else None
            if table is not None:
                flush()
                blocks.append(table)
                i = end
                continue
        if not _DASH_FULL.match(line):  # a rule left over (an empty table's frame)
            prose.append(line)
        i += 1
    flush()
    return blocks


def _multiline_end(lines: list[str], start: int) -> int:
    """The line after a multiline table that opens at `start`: past its closing rule (a
    full rule, or dash runs followed by a blank line or the end)."""
    seen_runs = bool(_DASH_RUNS.match(lines[start]))
    if not seen_runs:  # a full rule opens a header: its lines, then its dash runs
        j = start + 1
        while j < len(lines) and lines[j].strip() and not _DASH_RUNS.match(lines[j]):
            j += 1
        if j == start + 1 or j == len(lines) or not _DASH_RUNS.match(lines[j]):
            return start
    for j in range(start + 1, len(lines)):
        line = lines[j]
        if _DASH_RUNS.match(line):
            if seen_runs and (j + 1 == len(lines) or not lines[j + 1].strip()):
                return j + 1
            seen_runs = True
        elif _DASH_FULL.match(line):
            return j + 1 if seen_runs else start
    return start
