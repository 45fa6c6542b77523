"""One item's body into a recommendation's fields, each with its provenance.

Every layout ends here: given the paragraphs that belong to one recommendation (runs kept, so
struck-through text is known) this step reads its text, priority, targets, updates, owners
and status with the shared field extractors, and records for each value the paragraph, row
or cell it came from. A field the paper does not state (status `open` by default) points at
the recommendation's own opening block, so no value is ever without a locator.
"""

from __future__ import annotations

from collections.abc import Sequence

from jarap.extract import fields
from jarap.extract.colour_key import ColourKey
from jarap.extract.furniture import page_range
from jarap.extract.records import (
    RECORD_FIELDS,
    Provenance,
    Recommendation,
    Update,
    provenance_of,
)
from jarap.extract.status import StatusSignal, status_in_column, status_in_text
from jarap.extract.vocab import Status, priority_word
from jarap.ingest.document import Cell, Paragraph, Row


def _find_paragraph(body: Sequence[Paragraph], needle: str) -> Paragraph | None:
    return next((p for p in body if needle and needle in p.text), None)


def _signal_paragraph(body: Sequence[Paragraph], signal: StatusSignal) -> Paragraph | None:
    """The paragraph of `"\\n".join(body)` in which the status signal stands."""
    if not signal.explicit:
        return None
    offset = 0
    for para in body:
        end = offset + len(para.text)
        if offset <= signal.start <= end:
            return para
        offset = end + 1
    return None


def read_body(rec: Recommendation, body: Sequence[Paragraph]) -> StatusSignal:
    """Fill the recommendation's fields from its body; return the status signal found (the
    cross-checks need to know whether the appendix stated the status)."""
    full = "\n".join(p.text for p in body)
    rec.source_text = full
    rec.text = fields.recommendation_text(body)
    printed = fields.priority_in_text(full)
    if printed:
        rec.priority, rec.priority_source = printed, "text"
        where = next((p for p in body if fields.priority_in_text(p.text)), None)
        if where is not None:
            rec.provenance["priority"] = provenance_of(where)
    text_para = _find_paragraph(body, rec.text[:40])
    if text_para is not None:
        rec.provenance["text"] = provenance_of(text_para)
    rec.targets, rec.current_target = fields.extract_targets(body)
    rec.updates = fields.extract_updates(body)
    rec.owners, rec.former_owners, owner_sources = fields.extract_owners(body)
    for name, para in owner_sources.items():
        rec.provenance[f"owners/{name}"] = provenance_of(para)
    signal = status_in_text(full)
    rec.status = signal.status
    signal_para = _signal_paragraph(body, signal)
    if signal_para is not None:
        rec.provenance["status"] = provenance_of(signal_para, full[signal.start : signal.end])
    rec.page_start, rec.page_end = page_range(rec.page_start, rec.page_end, body)
    return signal


def read_columns(
    rec: Recommendation,
    row: Row,
    cols: dict[str, int],
    status_vocabulary: str = "status column",
    status_key: ColourKey[Status] | None = None,
) -> None:
    """Fill the recommendation's fields from a row whose columns each hold one field (a
    follow-up table: action, priority, owner, original and revised dates, status, update),
    each value's provenance its cell. Used where the columns name these roles. A status
    printed only as a colour (`Amber`, or a fill) is read through the paper's `status_key`
    (`colour_key.status_key`) where it has one."""

    def at(role: str) -> Cell:
        i = cols.get(role)
        return row.cells[i] if i is not None and i < len(row.cells) else Cell()

    action, update = at("action"), at("update")
    rec.text = " ".join(action.text.split())
    rec.source_text = "\n".join(c.text for c in row.cells)
    if action.paragraphs:
        rec.provenance["text"] = provenance_of(action)
    priority = at("priority")
    if priority_word(priority.text):
        rec.priority, rec.priority_source = priority_word(priority.text), "column"
        rec.provenance["priority"] = provenance_of(priority, page=row.page)
    rec.owners, sources = fields.owners_in_cell(at("owner"))
    for name, para in sources.items():
        rec.provenance[f"owners/{name}"] = provenance_of(para)
    rec.targets = fields.targets_in_cells([at("original"), at("revised")])
    rec.current_target = rec.targets[-1].value if rec.targets else None
    rec.updates = fields.extract_updates(update.paragraphs)
    if not rec.updates and update.text.strip():
        rec.updates = [Update("", None, update.text.strip(), row.page, provenance_of(update))]
    status = at("status")
    keyed = _keyed_status(status, status_key) if status_key else None
    signal = (
        status_in_column(status.text, status_vocabulary) or keyed or status_in_text(update.text)
    )
    rec.status = signal.status
    rec.status_as_printed = " ".join(status.text.split()) or None
    where = status if status.text.strip() else update
    if signal.explicit and where.paragraphs:
        rec.provenance["status"] = provenance_of(where, page=row.page)
    rec.page_start, rec.page_end = row.page, row.page_end or row.page


def _keyed_status(cell: Cell, key: ColourKey[Status]) -> StatusSignal | None:
    """A status cell printing a colour's name or only a fill, decoded by the paper's key."""
    if status_in_column(cell.text) is not None:
        return None
    found = key.of(cell)
    return StatusSignal(found, 0, len(cell.text), True) if found is not None else None


def complete_provenance(rec: Recommendation, opening: Provenance) -> None:
    """Give every field without a more precise source the recommendation's opening block, and
    every target and update its paragraph (or that block)."""
    rec.provenance.setdefault("recommendation", opening)
    for key in RECORD_FIELDS:
        rec.provenance.setdefault(key, opening)
    owners = [rec.provenance.get(f"owners/{n}") for n in rec.owners]
    if owners and owners[0] is not None:
        rec.provenance["owners"] = owners[0]
    for name in [*rec.owners, *rec.former_owners]:
        rec.provenance.setdefault(f"owners/{name}", rec.provenance["owners"])
    for target in rec.targets:
        if target.source is None:
            target.source = opening
    if rec.targets:
        first = rec.targets[0].source or opening
        rec.provenance["original_target"] = first
        current = next(
            (t.source for t in reversed(rec.targets) if t.value == rec.current_target), None
        )
        rec.provenance["current_target"] = current or first
    for update in rec.updates:
        if update.source is None:
            update.source = opening
