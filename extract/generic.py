"""Generic reading: recommendations found by what the page means, where no spec fits.

The base every paper gets (issue 18): the document's blocks are walked in order and three
shapes give records, each read into the same fields by the shared steps
(`assemble.read_columns`: priority, owners, targets, updates, status):

- a table whose header names the recommendation column and two more roles: one record per
  row (a row with no text and no reference continues the row above);
- a key-value table (first column labels): one record, its ref and title from the caption
  just above;
- a labelled block (a caption, then `Label: value` lines): one record.

The audit comes from an audit column when the table has one (blank or a ditto: the audit
above), else from the nearest heading above (`generic_heading`). A priority printed only as a
cell's fill is decoded by a colour key found anywhere in the paper; a status not in a column
is the verdict that leads the update (`Partly implemented. …`), and a status printed as a
colour means what the paper's status key says. A spec that claims a paper refines this
reading; `jarap.convert` runs both and says where they disagree.

Where the linker's `audit_title.split_audit_title` lands, the heading text read here
(`generic_heading.nearest_heading`, `_audit_cell`) is what it should split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jarap.extract import fields
from jarap.extract.assemble import complete_provenance, read_columns
from jarap.extract.audit_title import read_audit_heading
from jarap.extract.colour_key import priority_key, status_key
from jarap.extract.cover import read_metadata
from jarap.extract.furniture import is_page_furniture
from jarap.extract.generic_heading import AuditHeading, nearest_heading
from jarap.extract.generic_labelled import Caption, LabelledLine, block_at, caption
from jarap.extract.generic_tables import (
    ColumnMap,
    TableHeader,
    is_repeated_header,
    key_value_roles,
    record_header,
)
from jarap.extract.records import Paper, Provenance, Recommendation, provenance_of
from jarap.extract.status import status_in_column
from jarap.extract.table_items import align_by_content
from jarap.extract.vocab import Status, is_ditto, split_ref_title
from jarap.ingest.document import Cell, Document, Paragraph, Row, Table

NAME = "generic"
PROBLEM = "read generically: check"


@dataclass
class GenericReading:
    """What the generic reader found: the paper, and how each table or block was read."""

    paper: Paper
    maps: list[ColumnMap] = field(default_factory=list)


@dataclass
class _Audit:
    title: str = ""
    assurance: str | None = None
    date: object = None
    source: Provenance | None = None

    @classmethod
    def of(cls, heading: AuditHeading) -> _Audit:
        return cls(heading.title, heading.assurance, heading.date,
                   provenance_of(heading.paragraph, heading.text))  # fmt: skip


class _Reader:
    """One walk of a document's blocks in reading order, the audit carried along."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.paper = Paper(layout=NAME, kind="tracker")
        self.maps: list[ColumnMap] = []
        self.key = priority_key(doc)
        self.status_key = status_key(doc)
        self.audit = _Audit()
        self.pending: list[Paragraph] = []
        self.first_record_block: int | None = None
        self.last_header: TableHeader | None = None  # the record table just read

    # -- the audit ---------------------------------------------------------------------

    def _take_heading(self) -> None:
        heading = nearest_heading(self.pending)
        if heading is not None:
            self.audit = _Audit.of(heading)
        self.pending = []

    # -- the walk ----------------------------------------------------------------------

    def read(self) -> GenericReading:
        blocks = self.doc.blocks
        i = 0
        while i < len(blocks):
            block = blocks[i]
            if isinstance(block, Table):
                self._table(block, i)
                i += 1
                continue
            end = i
            while end < len(blocks) and isinstance(blocks[end], Paragraph):
                end += 1
            # a footer between a caption and its table (or inside a block) is no heading
            run = [
                b
                for b in blocks[i:end]
                if isinstance(b, Paragraph) and not is_page_furniture(b.text)
            ]
            self._paragraphs(run, i)
            i = end
        if self.first_record_block is not None:
            read_metadata(blocks[: self.first_record_block], self.paper)
        return GenericReading(self.paper, self.maps)

    def _mark(self, index: int) -> None:
        if self.first_record_block is None:
            self.first_record_block = index

    def _table(self, table: Table, index: int) -> None:
        header = record_header(table)
        above, self.last_header = self.last_header, None
        if header is not None:
            self._take_heading()
            self._mark(index)
            self.maps.append(header.column_map())
            self._rows(header, table.rows[header.row_index :])
            self.last_header = header
            return
        if above is not None and not any(p.text.strip() for p in self.pending):
            width = len(above.texts)
            if table.rows and width - 2 <= len(table.rows[0].cells) <= width:
                # the same table going on: after a page break, or a row a text conversion
                # wrote a cell short (a table of its own)
                self._rows(above, table.rows)
                self.last_header = above
                return
        roles = key_value_roles(table)
        if roles is not None:
            cap = self._caption_above()
            self._take_heading()
            self._mark(index)
            self.maps.append(ColumnMap(table.locator, "key-value", 0, [
                {"index": i, "header": " ".join(table.rows[i].cells[0].text.split()),
                 "role": role} for i, role in roles.items()]))  # fmt: skip
            self._key_values(table, roles, cap)

    def _caption_above(self) -> Caption | None:
        """The caption just above a key-value table (taken off the heading candidates)."""
        while self.pending and not self.pending[-1].text.strip():
            self.pending.pop()
        if not self.pending:
            return None
        cap = caption(self.pending[-1])
        if cap is not None:
            self.pending.pop()
        return cap

    def _paragraphs(self, run: list[Paragraph], first: int) -> None:
        """A run of paragraphs between tables: each labelled block in it read, every other
        paragraph kept as a possible heading (`first`: the run's block index)."""
        j = 0
        while j < len(run):
            cap, lines, used = block_at(run, j)
            if not used:
                self.pending.append(run[j])
                j += 1
                continue
            self._take_heading()
            self.last_header = None
            self._mark(self.doc.blocks.index(run[j], first))
            self.maps.append(ColumnMap(run[j].locator, "labelled", 0, [
                {"index": k, "header": line.label, "role": line.role}
                for k, line in enumerate(lines)]))  # fmt: skip
            self._labelled(cap, lines, run[j])
            j += used

    # -- records -------------------------------------------------------------------------

    def _rows(self, header: TableHeader, rows: list[Row]) -> None:
        cols = header.columns
        audit_col = cols.get("audit")
        above = self.paper.recommendations[-1] if self.paper.recommendations else None
        width = len(header.texts)
        for row in rows:
            if is_repeated_header(row, header):
                continue
            if sum(max(1, c.col_span) for c in row.cells) < width:  # a converter dropped a cell
                row = align_by_content(row, cols, width, must_hold=frozenset({"action"}))
            cells = _grid_cells(row, width)
            text = _text(cells, cols.get("action", cols.get("title")))
            ref = _text(cells, cols.get("ref"))
            if not text and not ref:
                if above is not None and any(c.text.strip() for c in cells):
                    _continue_row(above, cells, cols)
                continue
            if audit_col is not None:
                self._audit_cell(cells[audit_col] if audit_col < len(cells) else Cell())
            grid = Row(cells, row.page, row.page_end, row.locator)
            rec = self._record(grid, cols, provenance_of(row))
            above = rec

    def _audit_cell(self, cell: Cell) -> None:
        text = " ".join(cell.text.split())
        if not text or is_ditto(text):
            return  # carried down: the audit above
        parts = read_audit_heading(text)
        self.audit = _Audit(parts.title or text, parts.assurance, parts.date, provenance_of(cell))

    def _key_values(self, table: Table, roles: dict[int, str], cap: Caption | None) -> None:
        cells: list[Cell] = []
        cols: dict[str, int] = {}
        for i, role in roles.items():
            row = table.rows[i]
            value = Cell([p for c in row.cells[1:] for p in c.paragraphs],
                         row.cells[1].shading, locator=row.cells[1].locator)  # fmt: skip
            cols[role] = len(cells)
            cells.append(value)
        if cap is not None and cap.ref is not None:
            cols["ref"] = len(cells)
            cells.append(Cell([cap.paragraph], locator=cap.paragraph.locator))
        row = Row(cells, table.rows[0].page, table.rows[-1].page, table.locator)
        opening = provenance_of(cap.paragraph) if cap else provenance_of(table.rows[0])
        self._record(row, cols, opening, cap)

    def _labelled(self, cap: Caption | None, lines: list[LabelledLine], first: Paragraph) -> None:
        cells: list[Cell] = []
        cols: dict[str, int] = {}
        for line in lines:
            paras = [p for p in [line.value, *line.lines] if p.text.strip()]
            if line.role in cols:  # a second update line: the same cell
                cells[cols[line.role]].paragraphs += paras
                continue
            cols[line.role] = len(cells)
            cells.append(Cell(paras, locator=line.value.locator))
        if cap is not None and cap.ref is not None:
            cols["ref"] = len(cells)
            cells.append(Cell([cap.paragraph], locator=cap.paragraph.locator))
        row = Row(cells, first.page, None, first.locator)
        self._record(row, cols, provenance_of(first), cap)

    def _record(
        self, row: Row, cols: dict[str, int], opening: Provenance, cap: Caption | None = None
    ) -> Recommendation:
        ref_cell = row.cells[cols["ref"]] if "ref" in cols else Cell()
        ref = _ref(cap.ref if cap and cap.ref else ref_cell.text)
        if "action" not in cols and "title" in cols:
            cols = {**cols, "action": cols["title"]}
        rec = Recommendation(audit_title=self.audit.title, ref=ref, title="")
        rec.assurance, rec.audit_date = self.audit.assurance, self.audit.date  # type: ignore[assignment]
        read_columns(rec, row, cols, status_key=self.status_key)
        ref_title = split_ref_title(" ".join(ref_cell.text.split())) if not cap else None
        if cap is not None and cap.title:
            rec.title = cap.title
        elif ref_title is not None:
            rec.ref, rec.title = ref_title
        else:
            rec.title = fields.first_sentence(rec.text)
        if not rec.text:
            rec.text = rec.title
        self._priority(rec, row, cols, cap)
        self._status(rec, row, cols)
        rec.provenance["recommendation"] = opening
        rec.provenance["ref"] = rec.provenance["title"] = (
            provenance_of(cap.paragraph) if cap else provenance_of(ref_cell, page=row.page)
        )
        if "ref" not in cols and cap is None:
            rec.provenance["ref"] = rec.provenance["title"] = rec.provenance.get("text", opening)
        if self.audit.source is not None:
            rec.provenance["audit_title"] = self.audit.source
        else:
            self.paper.warnings.append(f"recommendation {rec.ref} {rec.title!r} has no audit title")
        complete_provenance(rec, opening)
        self.paper.recommendations.append(rec)
        return rec

    def _priority(
        self, rec: Recommendation, row: Row, cols: dict[str, int], cap: Caption | None
    ) -> None:
        if rec.priority is not None:
            return
        if cap is not None and cap.priority:
            rec.priority, rec.priority_source = cap.priority, "text"
            rec.provenance["priority"] = provenance_of(cap.paragraph)
            return
        ref = [row.cells[cols["ref"]]] if "ref" in cols else []
        for cell in [*ref, *row.cells]:  # a fill the colour key decodes (the Ref cell first)
            word = self.key.fill(cell)
            if word:
                rec.priority, rec.priority_source = word, "colour"
                rec.provenance["priority"] = provenance_of(cell, f"fill {cell.shading}", row.page)
                return

    def _status(self, rec: Recommendation, row: Row, cols: dict[str, int]) -> None:
        """No status column: the verdict leading the update (`Partly implemented. …`)."""
        if "status" in cols and (
            row.cells[cols["status"]].text.strip() or row.cells[cols["status"]].shading
        ):
            return
        if rec.status is not Status.OPEN or "update" not in cols:
            return
        update = row.cells[cols["update"]]
        for para in reversed(update.paragraphs):  # the latest position first
            lead = re.split(r"[.;:–—-](?:\s|$)", " ".join(para.text.split()), maxsplit=1)[0]
            signal = status_in_column(lead) if lead and len(lead.split()) <= 5 else None
            if signal is not None:
                break
        else:
            return
        rec.status, rec.status_as_printed = signal.status, lead
        rec.provenance["status"] = provenance_of(para, lead, row.page)


def _grid_cells(row: Row, width: int) -> list[Cell]:
    """A row's cells by grid column (a cell spanning columns first, then empty ones)."""
    cells: list[Cell] = []
    for cell in row.cells:
        cells.append(cell)
        cells += [Cell(locator=cell.locator) for _ in range(max(1, cell.col_span) - 1)]
    return cells + [Cell() for _ in range(width - len(cells))]


def _text(cells: list[Cell], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return " ".join(cells[index].text.split())


# a reference a narrow column broke at its dot (`1.` / `1`)
_BROKEN_REF = re.compile(r"^(\d{1,3})\.\s+(\d{1,3})\b")


def _ref(text: str) -> str | None:
    flat = " ".join(text.replace("*", "").split()).rstrip(".")
    flat = _BROKEN_REF.sub(r"\1.\2", flat)
    if not flat:
        return None
    found = split_ref_title(flat)
    return found[0] if found else flat[:20]


def _continue_row(rec: Recommendation, cells: list[Cell], cols: dict[str, int]) -> None:
    """A row with no text and no reference: the rest of the row above (after a page break)."""
    extra = " ".join(c.text for c in cells if c.text.strip())
    rec.source_text = f"{rec.source_text}\n{extra}"


def read_generic(doc: Document) -> GenericReading:
    """The recommendations a document shows by meaning, with how each table was read."""
    return _Reader(doc).read()


__all__ = ["NAME", "PROBLEM", "GenericReading", "read_generic"]
