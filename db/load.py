"""Loading papers: file -> document -> parsed paper -> rows, one transaction per file.

Idempotent by content: a file whose SHA-256 is already stored is skipped without being read,
so re-ingesting an unchanged archive costs only hashing. A file at a path already loaded but
with new content replaces its old version. One bad file is reported and the batch goes on;
nothing already committed is touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jarap.db.identity import action_key, recommendation_key
from jarap.extract.dates import DateValue
from jarap.extract.reconcile import extracted_counts
from jarap.extract.records import Action, Paper, Recommendation
from jarap.ingest import discover, file_sha256
from jarap.model import (
    ActionRow,
    ActionUpdateRow,
    OwnerRow,
    PaperRow,
    RecommendationRow,
    TargetRevisionRow,
    UpdateRow,
)
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from jarap.convert import Conversion, Status, convert


@dataclass
class FileResult:
    """What happened to one file: the per-file status a batch import reports."""

    path: Path
    status: Status
    action: str | None = None  # what the database did: loaded | replaced
    layout: str | None = None
    recommendations: int = 0
    actions: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    paper_id: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is not Status.FAILED


def paper_id_for(sha256: str) -> str:
    return sha256[:16]


def ingest_paths(engine: Engine, paths: Iterable[Path]) -> Iterator[FileResult]:
    for path in discover(paths):
        yield ingest_file(engine, path)


def ingest_file(engine: Engine, path: Path) -> FileResult:
    try:
        sha = file_sha256(path)
    except OSError as exc:
        return FileResult(path, Status.FAILED, error=f"{path}: cannot read ({exc.strerror or exc})")
    pid = paper_id_for(sha)
    with Session(engine) as session:
        if session.get(PaperRow, pid) is not None:
            return FileResult(path, Status.UNCHANGED, paper_id=pid)
    conversion = convert(path)
    return store_conversion(engine, conversion, sha)


def store_conversion(engine: Engine, conversion: Conversion, sha: str) -> FileResult:
    """Store one converted file in one transaction; a failed conversion stores nothing."""
    path, paper, doc = conversion.path, conversion.paper, conversion.document
    if conversion.status is Status.FAILED or paper is None or doc is None:
        return FileResult(path, Status.FAILED, error=conversion.error)
    pid = paper_id_for(sha)
    try:
        row = paper_to_row(paper, path, sha, doc.format, doc.pages)
        with Session(engine) as session, session.begin():
            source = str(path.resolve())
            old = session.scalars(select(PaperRow).where(PaperRow.source_path == source)).all()
            for previous in old:
                session.delete(previous)
            session.flush()
            session.add(row)
    except Exception as exc:  # noqa: BLE001 - the transaction rolled back; earlier files stay
        return FileResult(path, Status.FAILED, error=f"{path.name}: could not be stored ({exc})")
    return FileResult(
        path,
        conversion.status,
        "replaced" if old else "loaded",
        layout=paper.layout,
        recommendations=len(paper.recommendations),
        actions=len(paper.actions),
        warnings=list(paper.warnings),
        paper_id=pid,
    )


def _date_columns(prefix: str, value: DateValue | None) -> dict:
    return {
        f"{prefix}_raw": value.raw if value else None,
        prefix: value.date if value else None,
        f"{prefix}_precision": value.precision if value else None,
    }


def paper_to_row(paper: Paper, path: Path, sha: str, fmt: str, pages: int | None) -> PaperRow:
    """The rows of a converted (and so reconciled) paper."""
    row = PaperRow(
        paper_id=paper_id_for(sha),
        source_file=path.name,
        source_path=str(path.resolve()),
        sha256=sha,
        format=fmt,
        kind=paper.kind,
        layout=paper.layout,
        title=paper.title,
        organisation=paper.organisation,
        author=paper.author,
        pages=pages,
        declared_counts=paper.declared_counts,
        extracted_counts=extracted_counts(paper.recommendations)
        if paper.kind == "tracker"
        else None,
        reconciled=paper.reconciled,
        warnings=paper.warnings,
        proposed_closed_list=[
            {"audit_title": p.audit_title, "priority": p.priority, "ref": p.ref, "title": p.title}
            for p in paper.proposed_closed
        ],
        **_date_columns("paper_date", paper.paper_date),
    )
    row.recommendations = [_rec_row(rec, seq) for seq, rec in enumerate(paper.recommendations)]
    row.actions = [_action_row(action, seq) for seq, action in enumerate(paper.actions)]
    return row


def _action_row(action: Action, seq: int) -> ActionRow:
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
    row.updates = [
        ActionUpdateRow(
            position=i,
            text=u.text,
            date_raw=u.date.raw if u.date else None,
            date=u.date.date if u.date else None,
            precision=u.date.precision if u.date else None,
        )
        for i, u in enumerate(action.updates)
    ]
    return row


def _rec_row(rec: Recommendation, seq: int) -> RecommendationRow:
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
    row.targets = [
        TargetRevisionRow(
            position=i,
            raw=t.value.raw,
            date=t.value.date,
            precision=t.value.precision,
            struck=t.struck,
            source_text=t.source_text,
        )
        for i, t in enumerate(rec.targets)
    ]
    row.updates = [
        UpdateRow(
            position=i,
            heading=u.heading,
            date_raw=u.date.raw if u.date else None,
            date=u.date.date if u.date else None,
            precision=u.date.precision if u.date else None,
            text=u.text,
            page=u.page,
        )
        for i, u in enumerate(rec.updates)
    ]
    names = [(n, False) for n in rec.owners] + [(n, True) for n in rec.former_owners]
    row.owners = [OwnerRow(position=i, name=n, former=f) for i, (n, f) in enumerate(names)]
    return row


def remove_paper(session: Session, paper_id: str) -> None:
    session.execute(delete(PaperRow).where(PaperRow.paper_id == paper_id))
