"""Loading papers: file -> conversion (in a worker) -> rows, one transaction per file.

Idempotent by content: a file whose SHA-256 is already stored is skipped without being read,
so re-ingesting an unchanged archive costs only hashing, unless the paper was parsed by an
older extractor (`jarap.version.EXTRACTOR_VERSION`) or `reparse` is asked for. A known hash
at a new path is a moved file: its path is updated, nothing is re-read. A file at a path
already loaded but with new content supersedes its old version, which is kept (never
deleted); a new version that loses its layout or most of its records does not replace the
old one without `force`. One bad file is reported (and recorded for `jarap status`) and
the batch goes on; nothing already committed is touched.

Reading and parsing happen in worker processes (`db.batch`) with time and memory limits;
this module is the one writer. Every write transaction takes the writer lock (SQLite
`BEGIN IMMEDIATE`, a PostgreSQL advisory lock) and re-checks the hash inside it, so two
ingests into one archive neither duplicate a paper nor fail on the other's insert.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jarap import version
from jarap.convert import Conversion, Status
from jarap.db.batch import Limits, Pool, Task, default_jobs, relaxed_collector
from jarap.db.engine import writer_lock
from jarap.db.rows import add_paper, paper_id_for, paper_to_row
from jarap.ingest import discover, file_sha256
from jarap.ingest.text_reader import fs_text
from jarap.model import ActionRow, PaperRow, RecommendationRow
from jarap.model.entities import IngestFailureRow

# a new version keeping fewer than this share of the old one's records is refused
KEEP_SHARE = 0.5


@dataclass
class FileResult:
    """What happened to one file: the per-file status a batch import reports."""

    path: Path
    status: Status
    # what the database did: loaded | replaced | reparsed | moved | reinstated | same | kept
    action: str | None = None
    layout: str | None = None
    recommendations: int = 0
    actions: int = 0
    audits: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    paper_id: str | None = None
    pages: int = 0
    detail: str | None = None  # e.g. the old path of a moved file

    @property
    def ok(self) -> bool:
        return self.status is not Status.FAILED


@dataclass
class IngestOptions:
    """How a batch runs: `force` lets a poorer new version replace the loaded one,
    `reparse` re-extracts known files, `jobs` worker processes with `limits` each."""

    force: bool = False
    reparse: bool = False
    jobs: int = field(default_factory=default_jobs)
    limits: Limits = field(default_factory=Limits)
    # what a worker is doing (OCR of a page), for a progress display: (file, note)
    on_note: Callable[[Path, str], None] | None = None


@dataclass
class _Known:
    paper_id: str
    source_path: str
    extractor_version: int | None
    superseded_by: str | None


@dataclass
class _Batch:
    engine: Engine
    options: IngestOptions
    known: dict[str, _Known]
    failed_paths: set[str]


def _source(path: Path) -> str:
    """The path as stored: a name that is not UTF-8 in its escaped form (see fs_text)."""
    return fs_text(str(path.resolve()))


def ingest_paths(
    engine: Engine, paths: Iterable[Path], options: IngestOptions | None = None
) -> Iterator[FileResult]:
    """Ingest every paper under `paths`: known files first (no reading), then the rest
    through the worker pool, yielding each file's result as it is stored."""
    options = options or IngestOptions()
    with Session(engine) as session:
        known = {
            sha: _Known(pid, src, version, sup)
            for sha, pid, src, version, sup in session.execute(
                select(
                    PaperRow.sha256,
                    PaperRow.paper_id,
                    PaperRow.source_path,
                    PaperRow.extractor_version,
                    PaperRow.superseded_by,
                )
            )
        }
        failed_paths = set(session.scalars(select(IngestFailureRow.source_path).distinct()))
    batch = _Batch(engine, options, known, failed_paths)
    tasks: list[Task] = []
    for path in discover(paths):
        try:
            sha = file_sha256(path)
        except OSError as exc:
            message = str(exc) if str(path) in str(exc) else f"{path}: cannot read ({exc})"
            yield _record_failure(batch, FileResult(path, Status.FAILED, error=message), None)
            continue
        result = _known_file(batch, path, sha)
        if result is None:
            tasks.append(Task(path, sha))
        else:
            yield result
    if not tasks:
        return
    with relaxed_collector(), Pool(options.jobs, options.limits, options.on_note) as pool:
        for task, conversion in pool.run(tasks):
            yield store_conversion(engine, conversion, task.sha, batch=batch)


def _known_file(batch: _Batch, path: Path, sha: str) -> FileResult | None:
    """The result for a file whose hash is stored, or None when it must be (re)parsed."""
    k = batch.known.get(sha)
    if k is None:
        return None
    source = _source(path)
    if k.superseded_by is not None:
        if k.source_path == source:
            return _reinstate(batch, path, sha, k)
        return None  # a kept old version's content at another path: parse as new
    if k.source_path != source:
        if Path(k.source_path).exists():
            return FileResult(
                path, Status.UNCHANGED, "same", paper_id=k.paper_id, detail=k.source_path
            )
        return _move(batch, path, k)
    if batch.options.reparse or (k.extractor_version or 1) < version.EXTRACTOR_VERSION:
        return None
    _clear_failures(batch, source)
    return FileResult(path, Status.UNCHANGED, paper_id=k.paper_id)


def _move(batch: _Batch, path: Path, k: _Known) -> FileResult:
    """A known file at a new path, its old path gone: the paper (and its kept older
    versions) now live at the new path."""
    source = _source(path)
    with Session(batch.engine) as session, session.begin():
        writer_lock(session.connection())
        session.execute(
            update(PaperRow)
            .where(PaperRow.source_path == k.source_path)
            .values(source_path=source, source_file=path.name)
        )
    old, k.source_path = k.source_path, source
    _clear_failures(batch, source)
    return FileResult(path, Status.UNCHANGED, "moved", paper_id=k.paper_id, detail=old)


def _reinstate(batch: _Batch, path: Path, sha: str, k: _Known) -> FileResult:
    """The file went back to a version kept as superseded: that version is current again."""
    source = _source(path)
    with Session(batch.engine) as session, session.begin():
        writer_lock(session.connection())
        session.execute(
            update(PaperRow)
            .where(
                PaperRow.source_path == source,
                PaperRow.superseded_by.is_(None),
                PaperRow.paper_id != k.paper_id,
            )
            .values(superseded_by=k.paper_id)
        )
        session.execute(
            update(PaperRow).where(PaperRow.paper_id == k.paper_id).values(superseded_by=None)
        )
    k.superseded_by = None
    _clear_failures(batch, source)
    return FileResult(path, Status.SUCCESS, "reinstated", paper_id=k.paper_id)


def _record_failure(batch: _Batch | None, result: FileResult, sha: str | None) -> FileResult:
    """Keep the reason a path failed, for `jarap status` (replacing its earlier reason)."""
    if batch is None:
        return result
    source = str(result.path.absolute())
    try:
        source = _source(result.path)
    except OSError:
        pass
    with Session(batch.engine) as session, session.begin():
        writer_lock(session.connection())
        session.execute(delete(IngestFailureRow).where(IngestFailureRow.source_path == source))
        session.add(IngestFailureRow(source_path=source, sha256=sha, reason=result.error or ""))
    batch.failed_paths.add(source)
    return result


def _clear_failures(batch: _Batch | None, source: str) -> None:
    if batch is None or source not in batch.failed_paths:
        return
    with Session(batch.engine) as session, session.begin():
        writer_lock(session.connection())
        session.execute(delete(IngestFailureRow).where(IngestFailureRow.source_path == source))
    batch.failed_paths.discard(source)


def _record_count(session: Session, paper_id: str) -> tuple[int, str | None]:
    recs = session.scalar(
        select(func.count())
        .select_from(RecommendationRow)
        .where(RecommendationRow.paper_id == paper_id)
    )
    acts = session.scalar(
        select(func.count()).select_from(ActionRow).where(ActionRow.paper_id == paper_id)
    )
    layout = session.scalar(select(PaperRow.layout).where(PaperRow.paper_id == paper_id))
    return (recs or 0) + (acts or 0), layout


class _Refused(Exception):
    """A new version that would lose data: the transaction rolls back, the old stays."""


def _poorer(old: tuple[int, str | None], new_count: int, new_layout: str) -> str | None:
    """Why a new version must not replace the loaded one, or None when it may."""
    old_count, old_layout = old
    if old_layout not in (None, "unknown") and new_layout == "unknown":
        return f"its layout is no longer recognised (was {old_layout})"
    if old_count and new_count < old_count * KEEP_SHARE:
        return f"it has {new_count} records where the loaded version has {old_count}"
    return None


def store_conversion(
    engine: Engine,
    conversion: Conversion,
    sha: str,
    *,
    force: bool = False,
    batch: _Batch | None = None,
) -> FileResult:
    """Store one converted file in one transaction; a failed conversion stores nothing."""
    if batch is not None:
        force = force or batch.options.force
    path, paper, doc = conversion.path, conversion.paper, conversion.document
    if conversion.status is Status.FAILED or paper is None or doc is None:
        error = conversion.error or f"{path.name}: could not be read"
        return _record_failure(batch, FileResult(path, Status.FAILED, error=error), sha)
    pid = paper_id_for(sha)
    source = _source(path)
    new_count = len(paper.recommendations) + len(paper.actions)
    try:
        rows = paper_to_row(paper, path, sha, doc.format, doc.pages, doc)
        row = rows.paper
        row.extractor_version = version.EXTRACTOR_VERSION
        with Session(engine) as session, session.begin():
            writer_lock(session.connection())
            same = session.get(PaperRow, pid)
            reparse = batch is not None and (
                batch.options.reparse
                or (same is not None and (same.extractor_version or 1) < version.EXTRACTOR_VERSION)
            )
            if same is not None and not reparse:
                # another ingest stored these bytes while we were parsing them
                return FileResult(path, Status.UNCHANGED, paper_id=pid)
            if same is not None:
                old_pids = [pid]
                action = "reparsed"
            else:
                old_pids = list(
                    session.scalars(
                        select(PaperRow.paper_id).where(
                            PaperRow.source_path == source, PaperRow.superseded_by.is_(None)
                        )
                    )
                )
                action = "replaced" if old_pids else "loaded"
            if not force:
                for old_pid in old_pids:
                    why = _poorer(_record_count(session, old_pid), new_count, paper.layout)
                    if why:
                        raise _Refused(why)
            if same is not None:
                row.ingested_at = same.ingested_at
                session.delete(same)
                session.flush()
            add_paper(session, rows)
            if same is None and old_pids:
                session.execute(
                    update(PaperRow)
                    .where(PaperRow.paper_id.in_(old_pids))
                    .values(superseded_by=pid)
                )
    except _Refused as refused:
        error = (
            f"{path.name}: not replaced: {refused}; the loaded version is kept "
            "(use --force to replace it)"
        )
        return _record_failure(batch, FileResult(path, Status.FAILED, "kept", error=error), sha)
    except IntegrityError:
        # the other writer won the race for these bytes; what it stored is the same paper
        return FileResult(path, Status.UNCHANGED, paper_id=pid)
    except Exception as exc:  # noqa: BLE001 - the transaction rolled back; earlier files stay
        error = f"{path.name}: could not be stored ({exc})"
        return _record_failure(batch, FileResult(path, Status.FAILED, error=error), sha)
    if batch is not None:
        batch.known[sha] = _Known(pid, source, version.EXTRACTOR_VERSION, None)
        _clear_failures(batch, source)
    return FileResult(
        path,
        conversion.status,
        action,
        layout=paper.layout,
        recommendations=len(paper.recommendations),
        actions=len(paper.actions),
        audits=len(paper.audits),
        warnings=list(paper.warnings),
        paper_id=pid,
        pages=doc.pages or 0,
    )


def missing_files(session: Session) -> list[PaperRow]:
    """Current papers whose file is no longer at its path (for `status` and `prune`)."""
    rows = session.scalars(
        select(PaperRow).where(PaperRow.superseded_by.is_(None)).order_by(PaperRow.source_path)
    )
    return [p for p in rows if not Path(p.source_path).exists()]


def prune_missing(engine: Engine) -> list[tuple[str, str]]:
    """Delete the papers whose file is gone, with their kept older versions (and the
    failure records of files since deleted); returns the (source_path, paper_id) of each
    paper removed."""
    with Session(engine) as session, session.begin():
        writer_lock(session.connection())
        gone = missing_files(session)
        removed = [(p.source_path, p.paper_id) for p in gone]
        for paper in gone:
            for old in session.scalars(
                select(PaperRow).where(PaperRow.superseded_by == paper.paper_id)
            ):
                session.delete(old)
            session.delete(paper)
        for failure in session.scalars(select(IngestFailureRow)):
            if not Path(failure.source_path).exists():  # a failed file since deleted
                session.delete(failure)
    return removed
