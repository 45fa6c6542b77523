"""The pipeline of audit-status tables: one row per audit of another panel's status report.

`Ref | Title/Published/Owner | Update | On track`, the second cell stacking the title and
labelled lines (`Published: Dec 2015`, `Follow Up: Sept 2016`, `Lead: …`, `Governance: …`,
`Assurance: …`). The table is found by its header's column roles, so the narrative sections
and other tables of the paper (inspection lists) are never read as audits; a row whose Ref cell
is empty is the rest of the row above (a long row split over table lines by a converter).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jarap.extract.columns import find_header, is_header_row, roles
from jarap.extract.cover import read_metadata
from jarap.extract.dates import DateValue, find_dates, normalise_date
from jarap.extract.fields import target_sentences
from jarap.extract.records import AuditStatus, Paper, provenance_of
from jarap.extract.table_items import align_by_content, cell_at, is_reference
from jarap.extract.vocab import AUDIT_CELL_LABELS, is_ditto
from jarap.ingest.document import Cell, Document, Paragraph, Row, Table, continue_cell

if TYPE_CHECKING:
    from jarap.extract.layouts.spec import LayoutSpec

AUDIT_ROLES = roles("audit status")
AUDIT_REQUIRED = frozenset({"ref", "title", "update", "on_track"})

# `Label: value` lines of the stacked title cell, by what the label means
_LABELS = AUDIT_CELL_LABELS
_LABEL_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z \-]{1,30}?)\s*:\s*(\S.*)$")


def _label(line: str) -> tuple[str, str] | None:
    m = _LABEL_LINE.match(line)
    if not m:
        return None
    name = next((key for key, pattern in _LABELS if pattern.match(m.group(1))), None)
    return (name, m.group(2).strip()) if name else None


def _rows(doc: Document, table: Table, start: int, width: int) -> list[Row]:
    """The status table's rows, and those of tables continuing it (same width, no header)
    after a page break, or a row a text conversion wrote one empty cell short (a table of
    its own) when it holds a reference."""
    rows = list(table.rows[start:])
    after = doc.blocks[doc.blocks.index(table) + 1 :]
    for block in after:
        if isinstance(block, Paragraph):
            if block.text.strip():
                break
            continue
        first = block.rows[0]
        short = len(first.cells) == width - 1 and any(is_reference(c.text) for c in first.cells)
        if (len(first.cells) != width and not short) or is_header_row(
            first, AUDIT_ROLES, AUDIT_REQUIRED
        ):
            break
        rows.extend(block.rows)
    return rows


def _stacks_labels(text: str) -> bool:
    return any(_label(line) for line in text.splitlines())


# what each column of the status table holds: a short row's cells go where they fit
_FITS = {
    "ref": is_reference,
    "title": _stacks_labels,
    "update": lambda t: len(t.split()) >= 3,
    "on_track": lambda t: len(t) <= 12,
}


def _date_in_force(value: str) -> DateValue:
    """A `Follow Up:` date as printed: the one in force is the last of its `revised to`
    chain, which stops at the end of its sentence (`Sept 2016, revised to January 2017. A
    later date of May 2017 is possible.` is January 2017); a range is dated by its end."""
    found = [v for _s, _e, v in find_dates(target_sentences(value)) if v.date is not None]
    if not found:
        return normalise_date(value)
    return DateValue(value, found[-1].date, found[-1].precision)


def _audit(row: Row, cols: dict[str, int], above: AuditStatus | None = None) -> AuditStatus:
    title_cell = cell_at(row, cols["title"])
    lines = [(p, " ".join(p.text.split())) for p in title_cell.paragraphs if p.text.strip()]
    audit = AuditStatus(ref=cell_at(row, cols["ref"]).text.strip() or None, title="")
    title: list[str] = []
    where = provenance_of(row)
    audit.provenance = {
        "record": where,
        "ref": provenance_of(cell_at(row, cols["ref"]), page=row.page),
    }
    for para, text in lines:
        found = _label(text)
        if found is None:
            if not any(getattr(audit, k) for k, _p in _LABELS):
                title.append(text)
                audit.provenance.setdefault("title", provenance_of(para))
            continue
        name, value = found
        if is_ditto(value) and above is not None:  # `Governance: “`: the audit above's
            setattr(audit, name, getattr(above, name))
        elif name in ("published", "follow_up"):
            setattr(audit, name, _date_in_force(value))
        else:
            setattr(audit, name, value)
        audit.provenance[name] = provenance_of(para)
    audit.title = " ".join(title)
    update = cell_at(row, cols["update"])
    audit.update = "\n".join(p.text.strip() for p in update.paragraphs if p.text.strip())
    audit.provenance["update"] = provenance_of(update, page=row.page)
    on_track = cell_at(row, cols["on_track"])
    audit.on_track = " ".join(on_track.text.split()) or None
    audit.provenance["on_track"] = provenance_of(on_track, page=row.page)
    for key in ("title", "published", "follow_up", "lead", "governance", "assurance"):
        audit.provenance.setdefault(key, where)
    audit.page_start = row.page
    return audit


def parse(doc: Document, spec: LayoutSpec) -> Paper:
    """Read an audit-status report with the given spec."""
    paper = Paper(layout=spec.name, kind=spec.kind)
    header = find_header(doc, AUDIT_ROLES, AUDIT_REQUIRED)
    if header is None:
        paper.warnings.append(f"{doc.path.name}: no audit-status table found")
        return paper
    read_metadata(doc.blocks[: doc.blocks.index(header.table)], paper)
    width = header.columns_wide
    merged: list[Row] = []
    for row in _rows(doc, header.table, header.row_index + 1, width):
        if len(row.cells) < width:
            row = align_by_content(row, header.columns, width, _FITS, frozenset({"ref", "title"}))
        if cell_at(row, header.columns["ref"]).text.strip() or not merged:
            merged.append(row.copy())
            continue
        for i, cell in enumerate(row.cells):  # the rest of the row above
            while len(merged[-1].cells) <= i:
                merged[-1].cells.append(Cell(locator=cell.locator))
            continue_cell(merged[-1].cells[i], [p.copy() for p in cell.paragraphs])
    for row in merged:
        if any(c.text for c in row.cells):
            above = paper.audits[-1] if paper.audits else None
            paper.audits.append(_audit(row, header.columns, above))
    return paper
