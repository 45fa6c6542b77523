"""One document model for every reader.

Readers (PDF, Word, text/HTML) turn a file into a :class:`Document`; parsers never see a
reader. The model is deliberately plain and inspectable (like pdfplumber's objects): body
blocks in reading order, each paragraph made of runs that keep the formatting the papers
use to carry meaning (bold headings, underlined titles, struck-through superseded targets),
and tables already normalised (merged cells resolved, rows continued across pages joined).
Every paragraph and row carries the page it came from so records keep their provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    underline: bool = False
    strike: bool = False


@dataclass
class Paragraph:
    """A paragraph (or a list item / line) with its runs and the page it starts on.

    `locator` says where it is in its `Document` (`#/blocks/3`, or
    `#/blocks/5/rows/2/cells/1/paragraphs/0` inside a table), like docling's `#/texts/3`
    refs: every extracted value points back at the paragraph it was read from.
    """

    runs: list[Run] = field(default_factory=list)
    page: int | None = None
    locator: str = ""
    # Tesseract's mean word confidence (0–100) when the text was read by OCR, else None
    ocr_conf: float | None = None

    def copy(self) -> Paragraph:
        """A new paragraph with the same runs, page and locator (parsers edit copies)."""
        return Paragraph(list(self.runs), self.page, self.locator, self.ocr_conf)

    @property
    def text(self) -> str:
        # (a list, not a generator: join makes one anyway, and this runs for every cell
        # of every page read)
        return "".join([r.text for r in self.runs])

    @property
    def plain_text(self) -> str:
        """The text without struck-through runs: what is in force."""
        return "".join([r.text for r in self.runs if not r.strike])

    @property
    def struck_text(self) -> list[str]:
        """The struck-through stretches, in order (superseded values)."""
        return [r.text for r in self.runs if r.strike and r.text.strip()]

    def __repr__(self) -> str:
        t = self.text
        return f"<Paragraph p{self.page} {t[:40]!r}{'…' if len(t) > 40 else ''}>"


@dataclass
class Cell:
    """One logical cell: a merged cell appears once, with its spans."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    shading: str | None = None  # fill colour as upper-case hex "RRGGBB", None when unfilled
    col_span: int = 1
    row_span: int = 1
    locator: str = ""

    def copy(self) -> Cell:
        return Cell(
            [p.copy() for p in self.paragraphs],
            self.shading,
            self.col_span,
            self.row_span,
            self.locator,
        )

    @property
    def text(self) -> str:
        return "\n".join([p.text for p in self.paragraphs]).strip()

    @property
    def plain_text(self) -> str:
        return "\n".join([p.plain_text for p in self.paragraphs]).strip()

    def __repr__(self) -> str:
        t = self.text.replace("\n", " / ")
        return f"<Cell {t[:30]!r}{' fill=' + self.shading if self.shading else ''}>"


@dataclass
class Row:
    cells: list[Cell] = field(default_factory=list)
    page: int | None = None
    page_end: int | None = None
    locator: str = ""

    def copy(self) -> Row:
        return Row([c.copy() for c in self.cells], self.page, self.page_end, self.locator)

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def __repr__(self) -> str:
        return f"<Row p{self.page} {[t[:15] for t in self.texts]}>"


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    locator: str = ""

    @property
    def page(self) -> int | None:
        return self.rows[0].page if self.rows else None

    def __repr__(self) -> str:
        return f"<Table p{self.page} {len(self.rows)} rows>"


Block = Paragraph | Table


@dataclass
class Document:
    """A paper as read from one file, before any layout is known."""

    path: Path
    format: str  # "pdf" | "docx" | "text" | "html"
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    ocr_pages: list[int] = field(default_factory=list)  # pages read by OCR (1-based)
    # what the reader could not read, one line each (an unreadable PDF page, say): the
    # paper's first problems, so a partial paper says why before any parser speaks
    warnings: list[str] = field(default_factory=list)
    # what turned the file into the format read, when it was not read as it is
    # ("LibreOffice 7.4.7.2 (.doc to .docx, soffice --convert-to)"); None when read directly
    converted_by: str | None = None

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def assign_locators(self) -> Document:
        """Give every block, row, cell and paragraph its JSON-pointer-like locator."""
        for b, block in enumerate(self.blocks):
            block.locator = f"#/blocks/{b}"
            if isinstance(block, Table):
                for r, row in enumerate(block.rows):
                    row.locator = f"{block.locator}/rows/{r}"
                    for c, cell in enumerate(row.cells):
                        cell.locator = f"{row.locator}/cells/{c}"
                        for k, para in enumerate(cell.paragraphs):
                            para.locator = f"{cell.locator}/paragraphs/{k}"
        return self

    def resolve(self, locator: str) -> Block | Row | Cell | Paragraph:
        """The object a locator points at (the inverse of `assign_locators`)."""
        parts = locator.lstrip("#/").split("/")
        node: object = self
        for name, index in zip(parts[::2], parts[1::2], strict=True):
            node = getattr(node, name)[int(index)]
        return node  # type: ignore[return-value]

    def __repr__(self) -> str:
        return (
            f"<Document {self.path.name} {self.format} "
            f"({len(self.paragraphs)} paragraphs, {len(self.tables)} tables)>"
        )


def paragraph(text: str, page: int | None = None, **fmt: bool) -> Paragraph:
    """A one-run paragraph: handy for readers of plain text and for tests."""
    return Paragraph(runs=[Run(text, **fmt)], page=page)


def sentence_break(before: str, after: str) -> bool:
    """Whether text split at a page break ended a sentence and the next one began a new one.

    A full last line on a page looks like a paragraph cut in two; the text itself tells
    better: "… Completed." followed by "Progress Update …" are two paragraphs.
    """
    b, a = before.rstrip(), after.lstrip()
    return bool(b) and b[-1] in ".!?:" and bool(a) and (a[0].isupper() or a[0].isdigit())


def _cut_paragraph(before: str, after: str) -> bool:
    """Whether `after` is the second half of the paragraph `before` (text only, no geometry):
    it starts in lower case, or `before` stopped mid-sentence and `after` is a short fragment
    (`4.3 Contractor Key` + `Register`) rather than a labelled paragraph of its own."""
    before, after = before.rstrip(), after.strip()
    if not before or not after or before.endswith((".", "!", "?", ":")):
        return False
    return after[0].islower() or (len(after) < 40 and ":" not in after)


def continue_cell(cell: Cell, paragraphs: list[Paragraph]) -> None:
    """Add the rest of a cell split by a page break; rejoin a paragraph cut in two."""
    if not paragraphs:
        return
    if cell.paragraphs and _cut_paragraph(cell.paragraphs[-1].text, paragraphs[0].text):
        tail, first = cell.paragraphs[-1], paragraphs[0]
        tail.runs = [*tail.runs, Run(" "), *first.runs]
        paragraphs = paragraphs[1:]
    cell.paragraphs.extend(paragraphs)
