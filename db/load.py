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

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from jarap.convert import Conversion, Status, convert
from jarap.db.rows import paper_id_for, paper_to_row
from jarap.ingest import discover, file_sha256
from jarap.ingest.text_reader import fs_text
from jarap.model import PaperRow


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
            source = fs_text(str(path.resolve()))  # as paper_to_row stores it
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


def remove_paper(session: Session, paper_id: str) -> None:
    session.execute(delete(PaperRow).where(PaperRow.paper_id == paper_id))
