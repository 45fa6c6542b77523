"""HTML (whole files or the fragments converters leave inside table cells) to model blocks.

Converters of the panel's papers emit cell contents as HTML fragments (`<p>`, `<u>`, `<b>`,
`<del>`, lists, even nested tables). The formatting carries meaning (an underlined ref is the
recommendation title, a deleted date is a superseded target), so it is kept as run flags.
Top-level `<table>` elements become :class:`Table` blocks; a table nested inside a cell is
flattened into one paragraph per row, cells joined by `` | ``, so text stays in reading order.

Whole pages saved by Word or LibreOffice say the same things with styles instead of tags
(`<span style='text-decoration:line-through'>`, `<td style='background:#FFC000'>`,
`<td bgcolor="#ffc000">`), so formatting is taken from a tag's meaning (`html_style`) and
its inline style alike, and a cell's fill from either its `bgcolor` or its style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from jarap.ingest.document import Block, Cell, Paragraph, Row, Run, Table
from jarap.ingest.html_style import cell_fill, style_flags

_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr"}
_BOLD = {"b", "strong"}
_UNDERLINE = {"u", "ins"}
_STRIKE = {"del", "s", "strike"}
_SKIP = {"script", "style", "head", "title", "xml"}
# elements whose end tag HTML lets a page leave out: the next one of the same kind ends them
# a numbered list item's marker: `1.`, `12)`, `(a)`, `iv.`
_LIST_NUMBER = re.compile(r"\(?(\d{1,3}|[A-Za-z]|[ivxlIVXL]{1,5})[.)]")
_SELF_CLOSING = {"p", "li", "td", "th", "tr", "dt", "dd"}
_VOID = {"br", "img", "meta", "col", "hr", "input", "link", "wbr", "area", "base"}


@dataclass
class _Frame:
    """What is being built at one table depth."""

    blocks: list[Block] = field(default_factory=list)
    table: Table | None = None
    cell: Cell | None = None


class _BlockBuilder(HTMLParser):
    def __init__(self, page: int | None) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.fmt = {"bold": 0, "underline": 0, "strike": 0}
        self.skip = 0
        self.top: list[Block] = []
        self.tables: list[Table] = []  # open tables, outermost first
        self.cells: list[Cell | None] = []  # open cell per open table
        self.current: Paragraph | None = None
        self.nested_row: list[str] | None = None
        self.nested_cell: list[Run] | None = None
        # formatting set by an element's inline style: (tag, flags), undone at its end tag
        self.styled: list[tuple[str, tuple[str, ...]]] = []
        self.list_marker = False  # inside Word's `<![if !supportLists]>` bullet
        # open lists, innermost last: an ordered list's last item number, None for a bullet list
        self.lists: list[int | None] = []
        self.number: str | None = None  # an item's number, put before its first text
        self.marker_text = ""  # the text of Word's list marker, read so far

    # -- where text goes -------------------------------------------------
    def _target_paragraphs(self) -> list[Block] | list[Paragraph]:
        if self.tables and self.cells and self.cells[0] is not None:
            return self.cells[0].paragraphs
        return self.top

    def _break(self) -> None:
        self.current = None

    def _paragraph(self) -> Paragraph:
        if self.current is None:
            self.current = Paragraph(page=self.page)
            self._target_paragraphs().append(self.current)  # type: ignore[arg-type]
        return self.current

    def _add_text(self, text: str) -> None:
        """(An ordered list's item shows its number, as a browser does, before its first
        text, inside the paragraph the item holds: `<ol start=3>` counts on from 3, as
        LibreOffice writes a numbered paragraph that text between items interrupted.)"""
        if self.skip or not text:
            return
        if self.number is not None and text.strip():
            text, self.number = self.number + text.lstrip(), None
        run = Run(
            text,
            bold=self.fmt["bold"] > 0,
            underline=self.fmt["underline"] > 0,
            strike=self.fmt["strike"] > 0,
        )
        if len(self.tables) >= 2 and self.nested_cell is not None:
            self.nested_cell.append(run)
            return
        if not text.strip() and self.current is None:
            return
        para = self._paragraph()
        if para.runs and _same_format(para.runs[-1], run):
            para.runs[-1].text += run.text
        else:
            para.runs.append(run)

    # -- parser callbacks --------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SELF_CLOSING:  # `<p>` after `<p>`: the first ended, its style with it
            self._end_style(tag)
        flags = style_flags(attrs) if tag not in _VOID else ()
        if flags:
            self.styled.append((tag, flags))
            for flag in flags:
                self.fmt[flag] += 1
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BOLD:
            self.fmt["bold"] += 1
        elif tag in _UNDERLINE:
            self.fmt["underline"] += 1
        elif tag in _STRIKE:
            self.fmt["strike"] += 1
        elif tag == "table":
            self.tables.append(Table())
            self.cells.append(None)
            self._break()
        elif tag == "tr" and len(self.tables) == 1:
            self.tables[0].rows.append(Row(page=self.page))
        elif tag == "tr":
            self.nested_row = []
        elif tag in ("td", "th") and len(self.tables) == 1:
            table = self.tables[0]
            if not table.rows:
                table.rows.append(Row(page=self.page))
            span = _int_attr(attrs, "colspan")
            cell = Cell(
                col_span=span, row_span=_int_attr(attrs, "rowspan"), shading=cell_fill(attrs)
            )
            table.rows[-1].cells.append(cell)
            self.cells[0] = cell
            self._break()
        elif tag in ("td", "th"):
            self.nested_cell = []
        elif tag == "br":
            self._break()
        elif tag in _BLOCK_TAGS:
            self._break()
            if tag == "li" and self.lists and self.lists[-1] is not None:
                self.lists[-1] += 1
                self.number = f"{self.lists[-1]}. "
            elif tag == "li":
                self._add_text("• ")
        if tag == "ol":
            self.lists.append(_int_attr(attrs, "start") - 1 if _has(attrs, "start") else 0)
        elif tag == "ul":
            self.lists.append(None)

    def handle_endtag(self, tag: str) -> None:
        self._end_style(tag)
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BOLD:
            self.fmt["bold"] = max(0, self.fmt["bold"] - 1)
        elif tag in _UNDERLINE:
            self.fmt["underline"] = max(0, self.fmt["underline"] - 1)
        elif tag in _STRIKE:
            self.fmt["strike"] = max(0, self.fmt["strike"] - 1)
        elif tag == "table" and self.tables:
            table = self.tables.pop()
            self.cells.pop()
            if not self.tables:
                self.top.append(table)
            self._break()
        elif tag in ("td", "th") and len(self.tables) >= 2 and self.nested_cell is not None:
            text = "".join(r.text for r in self.nested_cell).strip()
            if self.nested_row is not None:
                self.nested_row.append(text)
            self.nested_cell = None
        elif tag == "tr" and len(self.tables) >= 2 and self.nested_row is not None:
            cells = [c for c in self.nested_row if c]
            if cells:
                self._break()
                self.current = None
                para = self._paragraph()
                para.runs.append(Run(" | ".join(cells)))
                self._break()
            self.nested_row = None
        elif tag in ("td", "th") and len(self.tables) == 1:
            self.cells[0] = None
            self._break()
        elif tag in _BLOCK_TAGS:
            self._break()

    def unknown_decl(self, data: str) -> None:
        """Word writes a list's bullet or number as text inside `<![if !supportLists]>…
        <![endif]>` (shown by every renderer but Word): read it as the list marker it is,
        a number kept as the item's text shows it."""
        word = data.strip().lower()
        if word.startswith("if") and "supportlists" in word.replace(" ", ""):
            self._break()
            self.skip += 1
            self.list_marker = True
            self.marker_text = ""
        elif word == "endif" and self.list_marker:
            self.skip = max(0, self.skip - 1)
            self.list_marker = False
            marker = " ".join(self.marker_text.split())
            if _LIST_NUMBER.fullmatch(marker):  # a numbered list's number: part of the text
                self.number = marker + " "
            else:  # a bullet, in whatever symbol font
                self._add_text("• ")

    def _end_style(self, tag: str) -> None:
        """Undo the inline-style formatting of the innermost open `tag` that set any."""
        for i in range(len(self.styled) - 1, -1, -1):
            if self.styled[i][0] == tag:
                for flag in self.styled.pop(i)[1]:
                    self.fmt[flag] = max(0, self.fmt[flag] - 1)
                return

    def handle_data(self, data: str) -> None:
        if self.list_marker:
            self.marker_text += data
        text = " ".join(data.split())
        if not text and data:
            self._add_text(" ")  # keeps apart two struck dates separated by a space
            return
        if data[:1].isspace() and text:
            text = " " + text
        if data[-1:].isspace() and text:
            text += " "
        self._add_text(text)


def _same_format(a: Run, b: Run) -> bool:
    return (a.bold, a.underline, a.strike) == (b.bold, b.underline, b.strike)


def _has(attrs: list[tuple[str, str | None]], name: str) -> bool:
    return any(key == name for key, _value in attrs)


def _int_attr(attrs: list[tuple[str, str | None]], name: str) -> int:
    for key, value in attrs:
        if key == name and value and value.strip().isdigit():
            return max(1, int(value))
    return 1


def _tidy(blocks: list[Block]) -> list[Block]:
    """Trim run whitespace and drop empty paragraphs so parsers see clean lines."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            if _tidy_paragraph(block):
                out.append(block)
        else:
            for row in block.rows:
                for cell in row.cells:
                    cell.paragraphs = [p for p in cell.paragraphs if _tidy_paragraph(p)]
            out.append(block)
    return out


def _tidy_paragraph(para: Paragraph) -> bool:
    runs = [r for r in para.runs if r.text]
    if not runs or not "".join(r.text for r in runs).strip():
        return False
    runs[0].text = runs[0].text.lstrip()
    runs[-1].text = runs[-1].text.rstrip()
    para.runs = [r for r in runs if r.text]
    return True


def html_to_blocks(html: str, page: int | None = None) -> list[Block]:
    """Parse HTML into paragraphs and (top-level) tables, in order."""
    builder = _BlockBuilder(page)
    builder.feed(html)
    builder.close()
    while builder.tables:  # unclosed tables in a truncated fragment
        table = builder.tables.pop()
        builder.cells.pop()
        if not builder.tables:
            builder.top.append(table)
    return _tidy(builder.top)


def html_to_paragraphs(html: str, page: int | None = None) -> list[Paragraph]:
    """A cell fragment as paragraphs: any table in it is flattened row by row."""
    out: list[Paragraph] = []
    for block in html_to_blocks(html, page):
        if isinstance(block, Paragraph):
            out.append(block)
        else:
            for row in block.rows:
                texts = [c.text for c in row.cells if c.text]
                if texts:
                    out.append(Paragraph(runs=[Run(" | ".join(texts))], page=page))
    return out
