"""Text conversions of papers (`.txt`, `.md`, `.html`) into the document model.

Users hold converter output like the reference files: paragraphs as lines (bold as
`**…**`), table rows as TAB-separated lines whose cells are HTML fragments, and rows split by
a page break written as a new line that starts with TABs (one per empty leading cell). That
continuation belongs to the row above, so it is joined here, as the PDF reader joins rows
split across pages. Plain lines and small tables that a converter spilled out of a cell are
kept as blocks in order; layout parsers read the appendix as a stream and attach them.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from jarap.extract.vocab import split_ref_title
from jarap.ingest.document import Block, Cell, Document, Paragraph, Row, Run, Table, continue_cell
from jarap.ingest.html_blocks import html_to_blocks, html_to_paragraphs
from jarap.ingest.text_columns import columns_to_blocks, has_columns
from jarap.ingest.text_grid import has_ruled_tables, ruled_to_blocks

_RULE_LINE = re.compile(r"^[\s|:\-–—=+]+$")
_BOLD_MD = re.compile(r"\*\*(.+?)\*\*")
_HTML_TAG = re.compile(r"<(p|u|b|i|del|s|strike|ul|ol|li|div|table|span|br|sup|strong|em)\b", re.I)


# a byte-order mark names the encoding; UTF-16 text is full of NUL bytes, so it is looked
# for before the binary check (Windows "Unicode" text exports are UTF-16 LE with a BOM)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _bom_encoding(data: bytes) -> str | None:
    return next((enc for bom, enc in _BOMS if data.startswith(bom)), None)


def decode_text(path: Path, data: bytes) -> str:
    """A byte-order mark first; then UTF-8; Windows-1252 is what older converters wrote."""
    bom = _bom_encoding(data)
    if bom is not None:
        try:
            return data.decode(bom)
        except UnicodeDecodeError as exc:
            raise ValueError(f"{path.name}: broken {bom.upper()} text ({exc.reason})") from exc
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(f"{path.name}: not a text file (neither UTF-8 nor Windows-1252)")


def read_text(path: Path) -> Document:
    data = path.read_bytes()
    if _bom_encoding(data) is None and b"\x00" in data[:4096]:
        raise ValueError(f"{path.name}: binary content in a text file")
    text = decode_text(path, data)
    suffix = path.suffix.lower()
    if is_html_document(text) or (suffix in (".html", ".htm") and "\t" not in text):
        return Document(path=path, format="html", blocks=html_to_blocks(text))
    fmt = "html" if suffix in (".html", ".htm") else "text"
    if "\t" not in text and has_ruled_tables(text):
        return Document(path=path, format=fmt, blocks=ruled_to_blocks(text))
    if is_column_layout(text):
        return Document(path=path, format=fmt, blocks=columns_to_blocks(text))
    return Document(path=path, format=fmt, blocks=lines_to_blocks(text.splitlines()))


def is_column_layout(text: str) -> bool:
    """Whether the text sets its tables as whitespace columns (a layout-preserving
    converter: `pdftotext -layout`) rather than as the reference converter's TAB rows or
    as pipe rows: decided by content, so each form keeps its own reading."""
    if "\t" in text or any(_is_table_line(line) for line in text.splitlines()):
        return False
    return has_columns(text)


# what a saved web page opens with, after any byte-order mark, whitespace, XML declaration,
# doctype and comments (Word starts with `<html xmlns:v=…>`, LibreOffice with `<!DOCTYPE html>`)
_PAGE_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html\b|<html\b)", re.I | re.S
)
_BODY = re.compile(r"<body\b[^>]*>", re.I)


def is_html_document(text: str) -> bool:
    """Whether `text` is a whole HTML page (by its structure, never by its whitespace: pages
    saved by LibreOffice indent their markup with TABs), as opposed to a text conversion
    whose table cells hold HTML fragments: a page opens with a doctype or `<html>`, or holds
    a `<body>` element that begins before any TAB-separated row does."""
    head = text[:4096]
    if _PAGE_START.match(head):
        return True
    body = _BODY.search(text)
    if body is None:
        return False
    before = text[: body.start()]
    return not any("\t" in line.strip() for line in before.splitlines())


def markdown_runs(line: str) -> list[Run]:
    """`**bold**` spans as bold runs; stray `**` (a bold span broken over lines) dropped."""
    runs: list[Run] = []
    pos = 0
    for m in _BOLD_MD.finditer(line):
        if m.start() > pos:
            runs.append(Run(line[pos : m.start()].replace("**", "")))
        runs.append(Run(m.group(1), bold=True))
        pos = m.end()
    rest = line[pos:]
    if rest:
        bold = rest.lstrip().startswith("**") or (not runs and rest.rstrip().endswith("**"))
        runs.append(Run(rest.replace("**", ""), bold=bold))
    return [r for r in runs if r.text]


def cell_from_text(text: str) -> Cell:
    text = text.strip()
    if not text:
        return Cell()
    if _HTML_TAG.search(text):
        return Cell(paragraphs=html_to_paragraphs(text))
    return Cell(paragraphs=[Paragraph(runs=markdown_runs(text))])


def split_row(line: str) -> list[str]:
    if "\t" in line:
        return line.split("\t")
    inner = line.strip().strip("|")
    return [c.strip() for c in inner.split("|")]


def _is_table_line(line: str) -> bool:
    return (
        "\t" in line.strip("\t")
        or "\t" in line
        or (line.lstrip().startswith("|") and line.count("|") >= 2)
    )


def _table_width(table: Table) -> int:
    return max((len(r.cells) for r in table.rows), default=0)


def _starts_item(cells: list[str]) -> bool:
    """The line begins a new item (`3. Title`, `4.2 Title`): a new row, never the rest of the
    row above. The reference is in the line's first written cell, or in a later one that is
    not the last (`| | Threat | 4.3 Title | update` of a layout with a column before the
    reference); the last cell is the long update text, whose lines may be numbered. A
    table with a reference column of its own prints a bare reference (`2.2`) and then the
    item's text in the next cell."""
    written = [c for c in cells if c.strip()]
    candidates = written[:1] + written[1:-1]
    return any(_begins_with_ref(c) for c in candidates) or _bare_ref_then_text(written)


_BARE_REF = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Z]{1,3}\d{1,2}(?:\.\d{1,2})?)$")


def _bare_ref_then_text(written: list[str]) -> bool:
    """The first written cell is a bare reference and the next one holds words."""
    if len(written) < 3:
        return False
    first, nxt = (cell_from_text(c).text for c in written[:2])
    return bool(_BARE_REF.match(" ".join(first.split()))) and len(nxt.split()) >= 3


def _begins_with_ref(text: str) -> bool:
    paras = cell_from_text(text).paragraphs
    return bool(paras) and split_ref_title(paras[0].text) is not None


def _is_item_row(row: Row) -> bool:
    """A row that holds an item's reference and title (`4.1 Title`): an appendix row, even
    when the converter wrote it with fewer cells than the header (so it stands as a table of
    its own). A continuation after it belongs to it, not to an older, wider row."""
    if any(c.paragraphs and split_ref_title(c.paragraphs[0].text) is not None for c in row.cells):
        return True
    return _bare_ref_then_text([c.text for c in row.cells if c.text.strip()])


def _continue_row(blocks: list[Block], cells: list[str]) -> bool:
    """Join a continuation line to the row above it: the last row of the latest table wide
    enough for it, or of an item row the converter wrote short (a table of its own; a line
    wider than it carries the rest of its last, long cell). A line one cell short of that
    row lost one of its empty leading cells (its text is the rest of the row's last, long
    cell), or, where the long cell is not the last (`… | Update | On track`), its empty
    last cell."""
    lead = 0
    while lead < len(cells) and not cells[lead].strip():
        lead += 1
    rest = [c for c in cells[lead:] if c.strip()]
    if not rest:
        return True
    if _starts_item(cells):
        return False
    tables = [b for b in reversed(blocks) if isinstance(b, Table) and b.rows]
    if not tables:
        return False
    target = next(
        (t for t in tables if _table_width(t) > lead or _is_item_row(t.rows[-1])), tables[0]
    )
    row = target.rows[-1]
    width = _table_width(target)
    if len(cells) == width - 1 and len(rest) == 1 and lead == width - 2 and _long_last(row):
        cells = ["", *cells]  # one empty leading cell not written: the last column's text
    elif len(cells) > width and len(rest) == 1 and lead == len(cells) - 1:
        cells = cells[len(cells) - width :]  # the row above was written short: its last cell
    if lead + len(cells[lead:]) <= width or all(not c.strip() for c in cells[width:]):
        # the rest of each cell, column by column
        for index, text in enumerate(cells[:width]):
            if text.strip():
                while len(row.cells) <= index:
                    row.cells.append(Cell())
                continue_cell(row.cells[index], cell_from_text(text).paragraphs)
        return True
    # more cells than the table has columns: a table spilled into the cell at `lead`
    index = min(lead, len(row.cells) - 1)
    texts = [" ".join(p.text for p in cell_from_text(c).paragraphs) for c in rest]
    row.cells[index].paragraphs.append(Paragraph(runs=[Run(" | ".join(texts))]))
    return True


def _long_last(row: Row) -> bool:
    """Whether the row's last cell can be the long text a line continues (an update), so a
    line one cell short lost a leading cell. A last cell holding only a mark (`On track`:
    ✓ / ✗) cannot: the long text is the cell before it, and the line lost its empty last
    cell."""
    last = row.cells[-1].text.strip() if row.cells else ""
    return not last or len(last) > 3


def lines_to_blocks(lines: list[str]) -> list[Block]:
    """Lines to blocks. A TAB-led line continues the row above only where a converter writes
    continuations: after a blank line (the page break) or after another continuation line;
    straight after a row it is a new row whose first cells are empty."""
    blocks: list[Block] = []
    after_break = True
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            after_break = True
            continue
        if _RULE_LINE.match(line):
            continue
        continuing, after_break = after_break, False
        if _is_table_line(line):
            cells = split_row(line)
            if line.startswith("\t") and continuing and _continue_row(blocks, cells):
                after_break = True  # a run of continuation lines
                continue
            row = Row(cells=[cell_from_text(c) for c in cells])
            last = blocks[-1] if blocks else None
            if isinstance(last, Table) and _fits(last, row):
                last.rows.append(row)
            else:
                blocks.append(Table(rows=[row]))
            continue
        text = line.strip()
        if text.startswith("#"):
            text = text.lstrip("#").strip()
        runs = markdown_runs(text)
        if runs:
            blocks.append(Paragraph(runs=runs))
    for block in blocks:
        if isinstance(block, Table):
            _trim_trailing_empty(block)
    return blocks


def _fits(table: Table, row: Row) -> bool:
    """Same table when the row has the table's width (ignoring empty cells at its end)."""
    width = _table_width(table)
    cells = row.cells
    n = len(cells)
    while n > width and not cells[n - 1].paragraphs:
        n -= 1
    return n == width or (n < width and len(cells) >= width)


def _trim_trailing_empty(table: Table) -> None:
    width = min(len(r.cells) for r in table.rows) if table.rows else 0
    width = max(width, 1)
    for row in table.rows:
        while len(row.cells) > width and not row.cells[-1].paragraphs:
            row.cells.pop()
