"""An appendix table, read as a stream of rows and paragraphs, into one draft per item.

Converters break appendix tables in the same few ways whatever the layout: a row split by a
page break (the rest comes as a row whose reference cell is empty), an audit heading pushed
into a row of its own or glued to the bottom of the row above, cells spilled out as plain
paragraphs, a whole recommendation printed as paragraphs between rows. So the table is read
as a stream: a row or paragraph that starts an item opens a draft, and what follows belongs to
it until the next one. What starts an item is stated by meaning: a reference and title
(`4.2 Title`), or a short title whose row opens with the recommendation's own label.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from jarap.extract.columns import Header, Role, is_header_row
from jarap.extract.dates import find_dates
from jarap.extract.furniture import is_page_furniture, row_as_paragraph
from jarap.extract.generic_heading import (
    is_audit_heading,
    is_metadata_line,
    is_sentence,
    nearest_heading,
)
from jarap.extract.headings import END, audit_heading_at
from jarap.extract.sorb import is_sorb_header, is_sorb_intro
from jarap.extract.vocab import (
    ASSURANCE_RE,
    is_ditto,
    priority_word,
    split_ref_title,
    status_word,
)
from jarap.ingest.document import Cell, Document, Paragraph, Row, Table, continue_cell

_RECOMMENDATION_LABEL = re.compile(r"^\s*(?:\w+\s+)?(?:priority\s+)?recommendation\s*:", re.I)


@dataclass
class Draft:
    """One item while its row(s) and spill-over are still being collected."""

    row: Row | None = None  # the opening row (a copy), continuation rows merged into it
    opener: Paragraph | None = None  # or the paragraph that opened it (`4.2 Title`)
    audit_heading: str | None = None  # the spilled heading above a paragraph item
    extra: list[Paragraph] = field(default_factory=list)  # what followed the row
    # the Audit Title cell was empty on the opening row and a heading came with a
    # continuation (after a page break): printed at the row's bottom, it is the next audit's
    late_audit: bool = False

    @property
    def locator(self) -> str:
        if self.row is not None:
            return self.row.locator
        return self.opener.locator if self.opener is not None else ""


@dataclass
class AppendixItems:
    drafts: list[Draft]
    header: Header
    end: int  # block index after the appendix (where the SORB list may start)


def cell_at(row: Row | None, index: int | None) -> Cell:
    if row is None or index is None or not 0 <= index < len(row.cells):
        return Cell()
    return row.cells[index]


def _first_paragraph(cell: Cell) -> Paragraph | None:
    return next((p for p in cell.paragraphs if p.text.strip()), None)


def _stream(doc: Document, header: Header, roles: tuple[Role, ...], required: frozenset[str]):
    """Rows and paragraphs from below the header to `END` or the SORB list; yields
    (block index, item) and finally (index after the appendix, None)."""
    started = False
    for bi, block in enumerate(doc.blocks):
        if block is header.table:
            started = True
            rows = block.rows[header.row_index + 1 :]
        elif not started:
            continue
        elif isinstance(block, Paragraph):
            if END.match(block.text):
                yield bi + 1, None
                return
            if is_sorb_intro(block.text):
                yield bi, None
                return
            yield bi, block
            continue
        else:
            if block.rows and is_sorb_header(block.rows[0].texts):
                yield bi, None
                return
            rows = block.rows
        for row in rows:
            if is_header_row(row, roles, required):
                continue  # the header repeated on a later page
            ended = _cut_at_end(row)
            yield bi, row
            if ended:
                yield bi + 1, None
                return
    yield len(doc.blocks), None


def _cut_at_end(row: Row) -> bool:
    """Drop an `END` marker a converter left inside the last row; True when found."""
    for cell in row.cells:
        for k, para in enumerate(cell.paragraphs):
            if END.match(para.text):
                cell.paragraphs = cell.paragraphs[:k]
                return True
    return False


def align_short_row(row: Row, cols: dict[str, int], width: int) -> Row:
    """A row the converter wrote with fewer cells than the header (an empty cell left out),
    its cells placed by what they hold: the reference-and-title cell in the reference
    column, the last (long, update) cell in the update column, a priority word in the
    priority column and the rest, in order, before them."""
    if len(row.cells) >= width or "ref" not in cols or "update" not in cols:
        return row
    at = next(
        (
            i
            for i, cell in enumerate(row.cells)
            if (first := _first_paragraph(cell)) is not None and split_ref_title(first.text)
        ),
        None,
    )
    if at is None:
        return row
    placed: list[Cell] = [Cell(locator=f"{row.locator}/cells/-") for _ in range(width)]
    placed[cols["ref"]] = row.cells[at]
    after = row.cells[at + 1 :]
    if after:
        placed[cols["update"]] = after[-1]
        for k, cell in enumerate(after[:-1]):  # anything between, in order
            placed[min(cols["ref"] + 1 + k, cols["update"] - 1)] = cell
    before = row.cells[:at]
    free = [i for i in range(cols["ref"]) if i not in (cols.get("priority"),)]
    for cell in before:
        if "priority" in cols and priority_word(cell.text) and len(cell.text) < 30:
            placed[cols["priority"]] = cell
        elif free:
            placed[free.pop(0)] = cell
    return Row(placed, row.page, row.page_end, row.locator)


def opens_item(row: Row, cols: dict[str, int]) -> bool:
    """A row starts an item when its reference cell begins `4.2 Title`, or holds a short
    title and the row's body opens with the recommendation's own label."""
    first = _first_paragraph(cell_at(row, cols.get("ref")))
    if first is None:
        return False
    if split_ref_title(first.text):
        return True
    title = " ".join(first.text.split())
    if len(title) > 100 or title.endswith((".", ";", ",")):
        return False
    body = _first_paragraph(cell_at(row, cols.get("update")))
    return body is not None and bool(_RECOMMENDATION_LABEL.match(body.text))


def continues(row: Row, cols: dict[str, int]) -> bool:
    """A row that is the rest of the row above: split by a page break before its first line
    ended (`ESTATES` / `MAINTENANCE`), or an audit heading pushed into a row of its own
    (`SATISFACTORY ASSURANCE May 2021`)."""
    title = _first_paragraph(cell_at(row, cols.get("audit")))
    first = title.text.strip() if title else ""
    capitals = first.upper() == first and re.search(r"[A-Z]", first)
    if first and not (capitals or ASSURANCE_RE.search(first)):
        return False
    return any(c.text for c in row.cells)


def _spilled_heading(items: list[Row | Paragraph], i: int) -> tuple[str, int] | None:
    """An audit heading spilled out as paragraphs (`WELLBEING` / `SATISFACTORY ASSURANCE` /
    date): its text and how many following paragraphs it used."""
    paras: list[Paragraph] = []
    for item in items[i : i + 3]:
        if not isinstance(item, Paragraph) or (paras and split_ref_title(item.text)):
            break
        paras.append(item)
    found = audit_heading_at(paras, 0) if paras else None
    return (found[0], found[1] - 1) if found else None


def _merge(draft: Draft, row: Row, audit: int | None = None) -> None:
    assert draft.row is not None
    if audit is not None and not _has_text(cell_at(draft.row, audit)):
        draft.late_audit = draft.late_audit or _has_text(cell_at(row, audit))
    for i, cell in enumerate(row.cells):
        while len(draft.row.cells) <= i:
            draft.row.cells.append(Cell(locator=cell.locator))
        continue_cell(draft.row.cells[i], [p.copy() for p in cell.paragraphs])
    draft.row.page_end = row.page_end or row.page or draft.row.page_end


def _has_text(cell: Cell) -> bool:
    return any(p.text.strip() and not is_ditto(p.text) for p in cell.paragraphs)


def read_items(
    doc: Document, header: Header, roles: tuple[Role, ...], required: frozenset[str]
) -> AppendixItems:
    """One draft per item of the appendix table under `header`."""
    cols = header.columns
    stream = list(_stream(doc, header, roles, required))
    end = stream[-1][0]
    items: list[Row | Paragraph] = [
        item
        for _bi, item in stream
        if item is not None and not (isinstance(item, Paragraph) and is_page_furniture(item.text))
    ]
    width = header.columns_wide
    drafts: list[Draft] = []
    pending_audit: str | None = None
    in_row = False  # the previous item was a row of the current draft
    consumed = 0  # paragraphs already read as part of an audit heading
    for i, item in enumerate(items):
        if consumed:
            consumed -= 1
            continue
        current = drafts[-1] if drafts else None
        continuing, in_row = in_row, False
        if isinstance(item, Row):
            item = align_short_row(item, cols, width)
            if opens_item(item, cols):
                drafts.append(Draft(row=item.copy()))
                pending_audit, in_row = None, True
            elif (
                current is not None
                and current.row is not None
                and continuing
                and continues(item, cols)
            ):
                _merge(current, item, cols.get("audit"))
                in_row = True
            elif current is not None:
                para = row_as_paragraph(item)
                if para is not None:
                    current.extra.append(para)
            continue
        heading = _spilled_heading(items, i)
        if heading:
            pending_audit, consumed = heading
            continue
        if split_ref_title(item.text) and (pending_audit or _labelled_next(items, i)):
            drafts.append(Draft(opener=item, audit_heading=pending_audit))
            pending_audit = None
            continue
        if current is not None and not (pending_audit and _is_heading_remainder(item)):
            current.extra.append(item)
    return AppendixItems(drafts, header, end)


def _labelled_next(items: list[Row | Paragraph], i: int) -> bool:
    """A `2. Title` paragraph followed by the recommendation's own label (`Medium Priority
    Recommendation:`): a recommendation printed as paragraphs between the table's rows."""
    nxt = items[i + 1] if i + 1 < len(items) else None
    return isinstance(nxt, Paragraph) and bool(_RECOMMENDATION_LABEL.match(nxt.text))


def _is_heading_remainder(para: Paragraph) -> bool:
    text = para.text.strip()
    return len(text) < 60 and ":" not in text


# -- audit headings ------------------------------------------------------------------------


def audit_headings(cell: Cell) -> list[str]:
    """Audit headings in an Audit Title cell: title line(s) up to the assurance line (a date
    line after it joins it). A page-break join may have glued the next audit's heading on,
    so a cell can hold two."""
    lines = [" ".join(p.text.split()) for p in cell.paragraphs]
    lines = [t for t in lines if t and not is_ditto(t)]
    out: list[str] = []
    buf: list[str] = []
    closed = False
    for line in lines:
        assurance = ASSURANCE_RE.search(line)
        date_only = not assurance and find_dates(line) and len(line) < 25
        if date_only and closed and not buf:
            out[-1] += " " + line
            continue
        tail = ""
        if assurance:  # "… 2024 WELL…": the next heading glued on
            rest = line[assurance.end() :]
            dates = find_dates(rest)
            cut = assurance.end() + (dates[0][1] if dates else 0)
            glued = line[cut:].strip()
            # a heading has letters: `)` closing `(Limited Assurance)` is no next heading
            if re.search(r"[A-Z]{2}", glued) and glued.upper() == glued:
                line, tail = line[:cut].strip(), line[cut:].strip()
        buf.append(line)
        if assurance:
            out.append(" ".join(buf))
            buf, closed = ([tail] if tail else []), True
    if buf:
        out.append(" ".join(buf))
    return out


# -- one table per audit -------------------------------------------------------------------


@dataclass
class AuditSection:
    """One audit's table: the heading paragraph above it, its header and its item rows (the
    rest of the table continued on the next page included)."""

    heading: Paragraph | None
    header: Header
    rows: list[Row]


def _continues_table(table: Table, header: Header) -> bool:
    """A table with the same columns and no header of its own: the same table after a page
    break, or a row a text conversion wrote one empty cell short (it stands as a table of
    its own) when that row holds a reference. A table of other columns (a summary,
    definitions) is not."""
    width = header.columns_wide
    if not table.rows:
        return False
    first = table.rows[0]
    if len(first.cells) == width:
        return True
    return len(first.cells) == width - 1 and any(is_reference(c.text) for c in first.cells)


_BARE_REF = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Z]{1,3}\d{1,2}(?:\.\d{1,2})?)$")
_NO_TARGET = re.compile(r"^(?:-|–|n/?a|none|tbc)$", re.I)


def is_reference(text: str) -> bool:
    """A reference cell's text: bare (`2.2`, `LA1`) or with its title (`4.2 Title`)."""
    flat = " ".join(text.split())
    return bool(_BARE_REF.match(flat)) or split_ref_title(flat) is not None


# what each column role's cell may hold: a cell of a short row goes where it fits
_FITS = {
    "ref": is_reference,
    "action": lambda t: len(t.split()) >= 3,
    "priority": lambda t: priority_word(t) is not None and len(t) < 30,
    "status": lambda t: status_word(t) is not None,
    "original": lambda t: bool(find_dates(t) or _NO_TARGET.match(t)),
    "revised": lambda t: bool(find_dates(t) or _NO_TARGET.match(t)),
    "owner": lambda t: not find_dates(t) and status_word(t) is None,
}
_MUST_HOLD = frozenset({"ref", "action"})


def align_by_content(
    row: Row,
    cols: dict[str, int],
    width: int,
    fits: dict[str, Callable[[str], bool]] | None = None,
    must_hold: frozenset[str] = _MUST_HOLD,
) -> Row:
    """A row of a one-field-per-column table written with an empty cell or two left out (a
    text conversion): its cells, in order, placed in the columns whose meaning fits what
    they hold (a date under a date column, a status word under Status, the long update
    last). Where two placements fit alike, the missing cells are the later ones (a revised
    date is left empty more often than an original one). `fits` and `must_hold` say what
    a layout's own column roles hold (default: a follow-up table's)."""
    fits = _FITS if fits is None else fits
    missing = width - len(row.cells)
    if not 0 < missing <= 2 or not cols:
        return row
    role_at = {i: role for role, i in cols.items()}
    texts = [" ".join(c.text.split()) for c in row.cells]

    def misfits(gaps: tuple[int, ...]) -> int:
        placed = [i for i in range(width) if i not in gaps]
        bad = sum(1 for g in gaps if role_at.get(g) in must_hold)
        for i, text in zip(placed, texts, strict=True):
            role = role_at.get(i)
            if not text:
                bad += role in must_hold
            elif role is not None and role in fits and not fits[role](text):
                bad += 1
        return bad

    options = list(itertools.combinations(range(width), missing))
    best = min(options, key=lambda gaps: (misfits(gaps), [-g for g in gaps]))
    placed = [i for i in range(width) if i not in best]
    cells = [Cell(locator=f"{row.locator}/cells/-") for _ in range(width)]
    for i, cell in zip(placed, row.cells, strict=True):
        cells[i] = cell
    return Row(cells, row.page, row.page_end, row.locator)


def _heading_above(paras: list[Paragraph]) -> Paragraph | None:
    """The paragraph directly above a table is its audit heading, read by the one rule of
    audit headings (`generic_heading`: a `Table 2:` caption or an `Audit:` label taken off);
    a body sentence (`The table below sets out …`) or the metadata line under the heading
    (`Report issued: … | Opinion: …`) is passed over to the nearest heading above, the
    metadata kept with it."""
    if not paras:
        return None
    last = paras[-1]
    if not (is_sentence(last.text) or is_metadata_line(last.text) or is_audit_heading(last)):
        return last
    heading = nearest_heading(paras)
    return heading.as_paragraph() if heading is not None else last


def audit_sections(
    doc: Document, headers: list[Header], roles: tuple[Role, ...], required: frozenset[str]
) -> list[AuditSection]:
    """Papers of one table per audit: each table under a header, with the paragraph directly
    above it as its audit heading, and the tables that continue it after page breaks. Tables
    in between that do not continue it (counts, definitions) hold no items."""
    starts = {id(h.table): h for h in headers}
    sections: list[AuditSection] = []
    current: AuditSection | None = None
    above: list[Paragraph] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if not is_page_furniture(block.text):
                above.append(block)
                current = None
            continue
        header = starts.get(id(block))
        if header is not None:
            heading = _heading_above(above)
            current = AuditSection(heading, header, list(block.rows[header.row_index + 1 :]))
            sections.append(current)
        elif current is not None and _continues_table(block, current.header):
            current.rows += block.rows
        else:
            current = None
        above = []
    for section in sections:
        section.rows = [r for r in section.rows if not is_header_row(r, roles, required)]
    return sections


def row_items(
    rows: list[Row], cols: dict[str, int], width: int | None = None
) -> tuple[list[Row], list[Row]]:
    """One row per item: a row with a reference and an action opens one; a row with an empty
    reference cell is the rest of the row above (split by a page break). A row narrower
    than the header (`width`) has its cells placed by what they hold. Also returns the rows
    with text that are neither, for the caller to report."""
    items: list[Row] = []
    skipped: list[Row] = []
    for row in rows:
        if width is not None and len(row.cells) < width:
            row = align_by_content(row, cols, width)
        ref = cell_at(row, cols.get("ref")).text.strip()
        if ref and cell_at(row, cols.get("action")).text.strip():
            items.append(row.copy())
        elif items and not ref and any(c.text.strip() for c in row.cells):
            _merge(Draft(row=items[-1]), row)
        elif any(c.text.strip() for c in row.cells):
            skipped.append(row)
    return items, skipped
