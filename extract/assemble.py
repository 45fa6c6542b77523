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
from jarap.extract.furniture import page_range
from jarap.extract.records import Provenance, Recommendation, provenance_of
from jarap.extract.status import StatusSignal, status_in_text
from jarap.ingest.document import Paragraph

# the fields every recommendation has a provenance entry for
RECORD_FIELDS = (
    "recommendation",
    "audit_title",
    "ref",
    "title",
    "text",
    "priority",
    "status",
    "owners",
    "original_target",
    "current_target",
)


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
    para = _signal_paragraph(body, signal)
    if para is not None:
        rec.provenance["status"] = provenance_of(para, full[signal.start : signal.end])
    rec.page_start, rec.page_end = page_range(rec.page_start, rec.page_end, body)
    return signal


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
