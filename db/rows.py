"""A converted paper as database rows: the one place records become `PaperRow` trees.

Kept apart from loading (transactions, replacement, batches) so storing a new field is a
change here and nowhere else.

The paper and its recommendations, actions and audits are ORM objects; the many small rows
under each of those (target revisions, updates, owners, provenance: ~70% of a paper's rows)
are plain column values, inserted in bulk once their parents have ids (`add_paper`). Made
as ORM objects, they were most of the writer's time (each object's instrumentation and its
unit-of-work bookkeeping cost more than its INSERT).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from jarap.db.identity import action_key, recommendation_key
from jarap.db.series import series_of
from jarap.extract.reconcile import extracted_counts
from jarap.extract.records import (
    RECORD_FIELDS,
    Action,
    AuditStatus,
    DateValue,
    Paper,
    Provenance,
    Recommendation,
)
from jarap.ingest import fs_text
from jarap.ingest.document import Document, Table
from jarap.model import (
    ActionRow,
    ActionUpdateRow,
    AuditStatusRow,
    Base,
    DocumentTextRow,
    OwnerRow,
    PaperRow,
    ProvenanceRow,
    RecommendationRow,
    TargetRevisionRow,
    UpdateRow,
)


def paper_id_for(sha256: str) -> str:
    return sha256[:16]


def _date_columns(prefix: str, value: DateValue | None) -> dict:
    return {
        f"{prefix}_raw": value.raw if value else None,
        prefix: value.date if value else None,
        f"{prefix}_precision": value.precision if value else None,
    }


def _entry_date(value: DateValue | None) -> dict:
    """The date columns of a dated entry (an update of a recommendation or an action)."""
    return {
        "date_raw": value.raw if value else None,
        "date": value.date if value else None,
        "precision": value.precision if value else None,
    }


def document_text_rows(doc: Document) -> list[DocumentTextRow]:
    """Every paragraph and table cell of a document, with its locator and page."""
    rows: list[DocumentTextRow] = []
    table_no = 0
    for block in doc.blocks:
        if isinstance(block, Table):
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row.cells):
                    rows.append(
                        DocumentTextRow(
                            kind="cell",
                            block=cell.locator,
                            table_no=table_no,
                            row_no=r,
                            col_no=c,
                            page=row.page,
                            text=fs_text(cell.text),
                        )
                    )
            table_no += 1
        elif block.text.strip():
            rows.append(
                DocumentTextRow(
                    kind="paragraph",
                    block=block.locator,
                    page=block.page,
                    text=fs_text(block.text),
                )
            )
    return rows


@dataclass
class Children:
    """Rows of one table under one parent object, as column values (its key not yet set)."""

    model: type[Base]
    parent_key: str  # the column naming the parent's id
    parent: RecommendationRow | ActionRow
    rows: list[dict[str, Any]]


@dataclass
class PaperRows:
    """A paper's rows: `paper` with its recommendations, actions and audits attached, and
    the rows under those, stored by `add_paper`."""

    paper: PaperRow
    children: list[Children] = field(default_factory=list)


def add_paper(session: Session, rows: PaperRows) -> PaperRow:
    """Add a paper's rows to the session's transaction: the ORM objects, flushed so they
    have ids, then each child table in one bulk INSERT (rows in the order built, so their
    ids follow the paper's order as before)."""
    session.add(rows.paper)
    session.flush()
    by_model: dict[type[Base], list[dict[str, Any]]] = {}
    for group in rows.children:
        parent_id = group.parent.id
        for child in group.rows:
            child[group.parent_key] = parent_id
        by_model.setdefault(group.model, []).extend(group.rows)
    for model, children in by_model.items():
        if children:
            session.execute(insert(model), children)
    return rows.paper


def paper_to_row(
    paper: Paper,
    path: Path,
    sha: str,
    fmt: str,
    pages: int | None,
    document: Document | None = None,
) -> PaperRows:
    """The rows of a converted (and so reconciled) paper."""
    children: list[Children] = []
    row = PaperRow(
        paper_id=paper_id_for(sha),
        source_file=fs_text(path.name),
        source_path=fs_text(str(path.resolve())),
        sha256=sha,
        format=fmt,
        kind=paper.kind,
        layout=paper.layout,
        title=paper.title,
        organisation=paper.organisation,
        series=series_of(paper.organisation),
        converted_by=document.converted_by if document is not None else None,
        author=paper.author,
        pages=pages,
        declared_counts=paper.declared_counts,
        extracted_counts=extracted_counts(paper.recommendations)
        if paper.kind == "tracker"
        else None,
        reconciled=paper.reconciled,
        reconciliation=[c.as_dict() for c in paper.reconciliation],
        cover_checks=[c.as_dict() for c in paper.cover_checks],
        warnings=[fs_text(w) for w in paper.warnings],
        proposed_closed_list=[
            {"audit_title": p.audit_title, "priority": p.priority, "ref": p.ref, "title": p.title}
            for p in paper.proposed_closed
        ],
        **_date_columns("paper_date", paper.paper_date),
    )
    row.recommendations = [
        _rec_row(rec, seq, children) for seq, rec in enumerate(paper.recommendations)
    ]
    row.actions = [_action_row(action, seq, children) for seq, action in enumerate(paper.actions)]
    row.audits = [_audit_row(audit, seq) for seq, audit in enumerate(paper.audits)]
    if paper.kind == "unknown" and document is not None:
        row.document_text = document_text_rows(document)  # kept, and queryable, as text
    return PaperRows(row, children)


def _provenance_rows(
    sources: dict[str, Provenance], fields: tuple[str, ...], other_key: str
) -> list[dict[str, Any]]:
    """One row per field that has a source: an extracted value without one is a parser bug,
    so it is refused here rather than stored without a locator. (`other_key`, the parent
    column not used, is given as None so every row has the same columns.)"""
    rows = []
    for name in fields:
        where = sources.get(name)
        if where is None or not where.block:
            raise ValueError(f"no provenance for {name!r}")
        rows.append(
            {
                "field": name,
                "page": where.page,
                "block": where.block,
                "text": where.text,
                "method": where.method or None,
                other_key: None,
            }
        )
    return rows


def _where(source: Provenance | None) -> dict:
    if source is None or not source.block:
        raise ValueError("an extracted value has no provenance")
    return {"page": source.page, "block": source.block}


ACTION_FIELDS = (
    "record",
    "meeting_date",
    "minute",
    "paper_ref",
    "action",
    "owners",
    "target",
    "status",
)
RECOMMENDATION_FIELDS = RECORD_FIELDS  # every field the extraction gives a source


def _audit_row(audit: AuditStatus, seq: int) -> AuditStatusRow:
    where = audit.provenance.get("record")
    return AuditStatusRow(
        seq=seq,
        ref=audit.ref,
        title=audit.title,
        lead=audit.lead,
        governance=audit.governance,
        assurance=audit.assurance,
        on_track=audit.on_track,
        update_text=audit.update,
        source={k: v.as_dict() for k, v in audit.provenance.items()},
        **_where(where),
        **_date_columns("published", audit.published),
        **_date_columns("follow_up", audit.follow_up),
    )


def _action_row(action: Action, seq: int, children: list[Children]) -> ActionRow:
    row = ActionRow(
        seq=seq,
        action_id=action_key(action),
        minute=action.minute,
        paper_ref=action.paper_ref,
        action=action.action,
        owners=action.owners,
        status=action.status,
        page_start=action.page_start,
        **_date_columns("meeting_date", action.meeting_date),
        **_date_columns("target", action.target),
    )
    updates = [
        {"position": i, "text": u.text, **_entry_date(u.date), **_where(u.source)}
        for i, u in enumerate(action.updates)
    ]
    provenance = _provenance_rows(action.provenance, ACTION_FIELDS, "recommendation_pk")
    children.append(Children(ActionUpdateRow, "action_pk", row, updates))
    children.append(Children(ProvenanceRow, "action_pk", row, provenance))
    return row


def _rec_row(rec: Recommendation, seq: int, children: list[Children]) -> RecommendationRow:
    row = RecommendationRow(
        seq=seq,
        recommendation_id=recommendation_key(rec),
        audit_title=rec.audit_title,
        assurance=rec.assurance,
        ref=rec.ref,
        title=rec.title,
        priority=rec.priority,
        priority_level=rec.priority_level,
        priority_source=rec.priority_source,
        section=rec.section,
        status=rec.status,
        rag=rec.rag,
        text=rec.text,
        source_text=rec.source_text,
        page_start=rec.page_start,
        page_end=rec.page_end,
        **_date_columns("audit_date", rec.audit_date),
        **_date_columns("original_target", rec.original_target),
        **_date_columns("current_target", rec.current_target),
    )
    targets = [
        {
            "position": i,
            "raw": t.value.raw,
            "date": t.value.date,
            "precision": t.value.precision,
            "struck": t.struck,
            "source_text": t.source_text,
            **_where(t.source),
        }
        for i, t in enumerate(rec.targets)
    ]
    updates = [
        {
            "position": i,
            "heading": u.heading,
            "text": u.text,
            **_entry_date(u.date),
            **_where(u.source),
        }
        for i, u in enumerate(rec.updates)
    ]
    names = [(n, False) for n in rec.owners] + [(n, True) for n in rec.former_owners]
    owners = []
    for i, (name, former) in enumerate(names):
        source = rec.provenance.get(f"owners/{name}")
        owners.append(
            {
                "position": i,
                "name": name,
                "former": former,
                **_where(source),
                "source_text": source.text if source else "",
            }
        )
    provenance = _provenance_rows(rec.provenance, RECOMMENDATION_FIELDS, "action_pk")
    for model, rows in (
        (TargetRevisionRow, targets),
        (UpdateRow, updates),
        (OwnerRow, owners),
        (ProvenanceRow, provenance),
    ):
        children.append(Children(model, "recommendation_pk", row, rows))
    return row
