"""What a page prints that is not content, and how tables read as text.

Page footers (`4 | P a g e`, `… Page 3`), links and captions of embedded attachments land in
the reading order of every format; each step that walks paragraphs skips them with
`is_page_furniture`. A table row read as running text is `a | b | c`, written once here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jarap.extract.dates import find_dates
from jarap.ingest.document import Paragraph, Row, Run, Table

_FOOTER = re.compile(r"^\s*(?:\d+\s*\|\s*)?P\s?a\s?g\s?e(?:\s*\|\s*\d+)?\s*$")
_PAGE_LINE = re.compile(r"\bPage\s+\d+\s*(?:of\s+\d+)?\s*$")
_CAPTION = re.compile(r"\.(?:docx?|xlsx?|pdf|msg|pptx?|csv)\s*$", re.I)
_URL = re.compile(r"^\s*(?:https?://|mailto:)\S+\s*$")


def is_page_furniture(text: str) -> bool:
    """A footer, page number line, bare link or attachment caption (or nothing at all)."""
    t = text.strip()
    if not t or _FOOTER.match(t) or _URL.match(t):
        return True
    if _PAGE_LINE.search(t) and len(t) < 120:
        return True
    return bool(_CAPTION.search(t)) and len(t) < 80


def row_text(row: Row) -> str:
    """A row as one line of text: its non-empty cells joined by ` | `."""
    return " | ".join(words for words in (" ".join(c.text.split()) for c in row.cells) if words)


def row_as_paragraph(row: Row) -> Paragraph | None:
    """A row read as running text (a table inside a block layout, a stray row), locatable."""
    text = row_text(row)
    return Paragraph(runs=[Run(text)], page=row.page, locator=row.locator) if text else None


def table_as_paragraphs(table: Table) -> list[Paragraph]:
    return [p for p in (row_as_paragraph(r) for r in table.rows) if p is not None]


def only_date(text: str) -> bool:
    """The text is a date and nothing else (`September 2018`, `(May 2021)`)."""
    found = find_dates(text)
    if not found:
        return False
    rest = text[: found[0][0]] + text[found[-1][1] :]
    return not re.search(r"[A-Za-z0-9]", rest)


def page_range(
    start: int | None, end: int | None, paragraphs: Iterable[Paragraph]
) -> tuple[int | None, int | None]:
    """The pages a record spans: its opening row's pages widened by its body's pages."""
    pages = [p.page for p in paragraphs if p.page is not None]
    if not pages:
        return start, end
    return min([start or pages[0], *pages]), max([end or pages[-1], *pages])
