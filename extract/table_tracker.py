"""The pipeline of table trackers: an appendix table with one row per recommendation.

Every table layout runs these steps, configured by its spec: cover metadata and tables, the
appendix header found by column roles, rows and paragraphs into items, each item's audit,
reference and title, its body read by the shared field steps, the SORB list after the
appendix, and the cover tables cross-checked against what was read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jarap.extract import fields
from jarap.extract.assemble import complete_provenance, read_body, read_columns
from jarap.extract.audit_title import read_audit_heading
from jarap.extract.colour_key import ColourKey, status_key
from jarap.extract.columns import find_header, find_headers, roles
from jarap.extract.cover import (
    read_declared_counts,
    read_metadata,
    read_proposed_closed,
    read_target_table,
)
from jarap.extract.crosscheck import cross_check
from jarap.extract.furniture import row_text
from jarap.extract.options import reads_options
from jarap.extract.records import Paper, Provenance, Recommendation, provenance_of
from jarap.extract.sorb import read_sorb
from jarap.extract.table_items import (
    Draft,
    audit_headings,
    audit_sections,
    cell_at,
    read_items,
    row_items,
)
from jarap.extract.update_dates import date_yearless_updates
from jarap.extract.vocab import Status, is_ditto, priority_word, split_ref_title, status_word
from jarap.ingest.document import Cell, Document, Paragraph, Row

if TYPE_CHECKING:
    from jarap.extract.layouts.spec import LayoutSpec

# The columns of appendix tables, as their headers name them (first match wins per cell).
TRACKER_ROLES = roles("tracker appendix")

Audit = tuple[str, str | None, object]


def _split_ref_cell(cell: Cell) -> tuple[str | None, str, Paragraph | None, list[Paragraph]]:
    """Reference and title from the first line of the reference cell (a title alone where no
    reference is printed), the paragraph they came from, and the rest of the cell."""
    paras = [p for p in cell.paragraphs if p.text.strip()]
    if not paras:
        return None, "", None, []
    first = " ".join(paras[0].text.split())
    ref, title = split_ref_title(first) or (None, first)
    rest = paras[1:]
    while rest and _continues_title(title, rest[0].text):
        title = f"{title} {' '.join(rest.pop(0).text.split())}"
    return ref, title, paras[0], rest


_TITLE_END = (".", ":", ";", "?", "!")


def _continues_title(title: str, line: str) -> bool:
    """A title broken by a manual line break (`4.3 Disposal of` / `Paper Files`): the next
    line of the reference cell is the rest of the title when neither ends a sentence or
    opens a label, and the line is no new reference, priority word or long text."""
    text = " ".join(line.split())
    return (
        0 < len(text) <= 60
        and len(title) + len(text) <= 120
        and not title.endswith(_TITLE_END)
        and not text.endswith(_TITLE_END)
        and ":" not in text
        and split_ref_title(text) is None
        and priority_word(text) is None
    )


class _AuditTracker:
    """The audit each item belongs to: its own heading, the one glued into the row above, or
    (an empty or ditto cell) the previous item's."""

    def __init__(self) -> None:
        self.audit: Audit = ("", None, None)
        self.source: Provenance | None = None
        self.pending: tuple[str, Provenance] | None = None

    def for_row(self, cell: Cell, late: bool = False) -> tuple[Audit, Provenance | None]:
        """`late`: the cell's heading(s) came after the row's first page (its bottom), so
        they are the next audit's, and this row keeps the audit above."""
        headings = audit_headings(cell)
        if headings and (late or _ditto_first(cell)):
            # the heading came at the row's bottom, or after a `“` ditto glued to it: this
            # row is the audit above's, the heading is the next row's
            self.pending = (headings[-1], provenance_of(cell, headings[-1]))
            return self.audit, self.source
        if headings:
            self.audit = fields.split_assurance(headings[0])
            self.source = provenance_of(cell, headings[0])
            self.pending = (headings[-1], provenance_of(cell, headings[-1]))
            if len(headings) == 1:
                self.pending = None
        elif self.pending is not None:
            self.audit = fields.split_assurance(self.pending[0])
            self.source, self.pending = self.pending[1], None
        return self.audit, self.source

    def for_heading(self, heading: str, para: Paragraph) -> tuple[Audit, Provenance]:
        self.audit, self.source, self.pending = fields.split_assurance(heading), None, None
        self.source = provenance_of(para, heading)
        return self.audit, self.source


def _ditto_first(cell: Cell) -> bool:
    first = next((p.text for p in cell.paragraphs if p.text.strip()), "")
    return is_ditto(first)


def _set_audit(rec: Recommendation, audit: Audit) -> None:
    rec.audit_title, rec.assurance, rec.audit_date = audit  # type: ignore[assignment]


def _finish(
    draft: Draft,
    cols: dict[str, int],
    audits: _AuditTracker,
    paper: Paper,
    spec: LayoutSpec,
    cell_priority,  # noqa: ANN001 - Callable[[Cell], str | None] | None
) -> tuple[Recommendation, bool, bool]:
    """The recommendation of one draft, whether the appendix stated its status, and whether
    it was printed with an audit heading of its own (else it took the audit above)."""
    if draft.row is not None:
        row = draft.row
        ref, title, ref_para, body = _split_ref_cell(cell_at(row, cols.get("ref")))
        update = cols.get("update", cols.get("ref", 0) + 1)
        for cell in row.cells[update:]:
            body.extend(cell.paragraphs)
        audit_cell = cell_at(row, cols.get("audit"))
        # its own heading, the one that landed at the bottom of the row above, or a ditto
        # mark (`“`: the audit above, stated): only a row that prints none may be refiled
        # under the audit a cover table names
        headed = not draft.late_audit and (
            bool(audit_headings(audit_cell))
            or audits.pending is not None
            or _ditto_first(audit_cell)
        )
        audit, audit_source = audits.for_row(audit_cell, draft.late_audit)
        opening = provenance_of(row)
        page_start, page_end = row.page, row.page_end or row.page
    else:
        assert draft.opener is not None
        ref, title = split_ref_title(draft.opener.text) or (None, draft.opener.text)
        ref_para, body = draft.opener, []
        headed = bool(draft.audit_heading)
        if draft.audit_heading:
            audit, audit_source = audits.for_heading(draft.audit_heading, draft.opener)
        else:  # printed between the rows of its audit
            audit, audit_source = audits.audit, audits.source
        opening = provenance_of(draft.opener)
        page_start = page_end = draft.opener.page
    body.extend(draft.extra)
    rec = Recommendation(audit_title="", ref=ref, title=title)
    _set_audit(rec, audit)
    rec.page_start, rec.page_end = page_start, page_end
    rec.provenance["recommendation"] = opening
    if audit_source is not None:
        rec.provenance["audit_title"] = audit_source
    if ref_para is not None:
        rec.provenance["ref"] = rec.provenance["title"] = provenance_of(ref_para)
    signal = read_body(rec, body)
    risk = cell_at(draft.row, cols.get("priority"))
    printed_in_column = priority_word(risk.text)
    if rec.priority is None and printed_in_column:
        rec.priority, rec.priority_source = printed_in_column, "column"
        rec.provenance["priority"] = provenance_of(risk, page=page_start)
    elif rec.priority is None and cell_priority is not None and cell_priority(risk):
        rec.priority, rec.priority_source = cell_priority(risk), "colour"
        rec.provenance["priority"] = provenance_of(risk, f"fill {risk.shading}", page_start)
    elif rec.priority and printed_in_column and rec.priority != printed_in_column:
        paper.warnings.append(
            f"{rec.audit_title} {rec.ref or rec.title}: priority printed {rec.priority} but the "
            f"Risk column says {printed_in_column}"
        )
    if spec.options.yearless_update_dates:
        date_yearless_updates(rec, paper)
    complete_provenance(rec, opening)
    explicit_closure = signal.explicit and signal.status in (Status.OPEN, Status.PROPOSED_CLOSED)
    return rec, explicit_closure, headed


@reads_options("cover_tables", "yearless_update_dates")
def parse(doc: Document, spec: LayoutSpec) -> Paper:
    """Read a table tracker with the given spec."""
    paper = Paper(layout=spec.name, kind=spec.kind)
    if "proposed_closed" in spec.options.cover_tables:
        paper.proposed_closed = read_proposed_closed(doc)
    targets = read_target_table(doc) if "targets" in spec.options.cover_tables else []
    assert spec.header is not None, f"{spec.name}: a table layout names its header"
    roles, required = spec.header.roles, spec.header.required
    header = find_header(doc, roles, required, spec.header.forbidden)
    if header is None:
        paper.warnings.append(f"{doc.path.name}: no appendix table found")
        return paper
    cover = doc.blocks[: doc.blocks.index(header.table)]
    read_metadata(cover, paper)
    if "declared_counts" in spec.options.cover_tables:
        paper.declared_counts = read_declared_counts(cover)
    items = read_items(doc, header, roles, required)
    cell_priority = spec.hooks.cell_priority(doc) if spec.hooks.cell_priority else None
    audits = _AuditTracker()
    explicit: dict[int, bool] = {}
    unheaded: set[int] = set()
    for draft in items.drafts:
        rec, stated, headed = _finish(draft, header.columns, audits, paper, spec, cell_priority)
        paper.recommendations.append(rec)
        explicit[id(rec)] = stated
        if not headed:
            unheaded.add(id(rec))
    paper.recommendations += read_sorb(doc.blocks[items.end :])
    cross_check(paper, explicit, targets, unheaded)
    for rec in paper.recommendations:
        if rec.section == "main" and not rec.audit_title:
            paper.warnings.append(f"recommendation {rec.ref} {rec.title!r} has no audit title")
    return paper


@reads_options("cover_tables", "yearless_update_dates", "status_column", "status_from_colour")
def parse_audit_tables(doc: Document, spec: LayoutSpec) -> Paper:
    """Read a paper of one table per audit (other auditors' follow-up reports): the heading
    above each table gives the audit, its report date and opinion; each row is one action
    whose fields stand in the columns the spec's roles place."""
    paper = Paper(layout=spec.name, kind=spec.kind)
    assert spec.header is not None, f"{spec.name}: a table layout names its header"
    roles, required = spec.header.roles, spec.header.required
    headers = find_headers(doc, roles, required, spec.header.forbidden)
    if not headers:
        paper.warnings.append(f"{doc.path.name}: no audit table found")
        return paper
    cover = doc.blocks[: doc.blocks.index(headers[0].table)]
    read_metadata(cover, paper)
    if "declared_counts" in spec.options.cover_tables:
        paper.declared_counts = read_declared_counts(cover)
    # a status printed as a colour the paper's key names (`Amber`); as a fill alone only where
    # the spec says statuses are printed so (`_status_from_fill`)
    key = status_key(doc)
    named = ColourKey(names=key.names)
    for section in audit_sections(doc, headers, roles, required):
        heading = section.heading
        parts = read_audit_heading(heading.text) if heading else None
        audit: Audit = (parts.title, parts.assurance, parts.date) if parts else ("", None, None)
        cols = section.header.columns
        width = section.header.columns_wide
        items, skipped = row_items(section.rows, cols, width)
        for row in skipped:
            paper.warnings.append(
                f"row without reference or action skipped: {row_text(row)[:120]!r}"
            )
        above: Recommendation | None = None
        for row in items:
            ref = " ".join(cell_at(row, cols.get("ref")).text.split()).rstrip(".") or None
            rec = Recommendation(audit_title="", ref=ref, title="")
            _set_audit(rec, audit)
            read_columns(rec, row, cols, spec.options.status_column, status_key=named)
            if spec.options.status_from_colour:
                _status_from_fill(rec, row, cols, key)
            _ditto_owners(rec, cell_at(row, cols.get("owner")), above)
            above = rec
            rec.title = fields.first_sentence(rec.text)
            if spec.options.yearless_update_dates:
                date_yearless_updates(rec, paper)
            opening = provenance_of(row)
            rec.provenance["recommendation"] = opening
            rec.provenance["ref"] = provenance_of(cell_at(row, cols.get("ref")), page=row.page)
            rec.provenance["title"] = rec.provenance.get("text", opening)
            if heading is not None:
                rec.provenance["audit_title"] = provenance_of(heading)
            else:
                paper.warnings.append(f"recommendation {rec.ref} {rec.title!r} has no audit title")
            complete_provenance(rec, opening)
            paper.recommendations.append(rec)
    return paper


def _status_from_fill(
    rec: Recommendation, row: Row, cols: dict[str, int], key: ColourKey[Status]
) -> None:
    """A status printed only as a fill colour (the status cell, else the ref cell), decoded
    by the paper's key; a status printed in words wins."""
    status_cell = cell_at(row, cols.get("status"))
    if status_word(status_cell.text) is not None:
        return
    for cell in (status_cell, cell_at(row, cols.get("ref"))):
        found = key.fill(cell)
        if found is not None:
            rec.status = found
            rec.provenance["status"] = provenance_of(cell, f"fill {cell.shading}", row.page)
            return


def _ditto_owners(rec: Recommendation, cell: Cell, above: Recommendation | None) -> None:
    """An owner cell printing a ditto mark (`“`, also with stray text glued to it, `“ “ I
    I`) names the owners of the row above, in the same audit's table."""
    if above is None or rec.owners or not cell.text.strip() or not is_ditto(cell.text):
        return
    rec.owners = list(above.owners)
    for name in rec.owners:
        rec.provenance[f"owners/{name}"] = provenance_of(cell)
