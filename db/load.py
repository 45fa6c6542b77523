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
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from jarap import version
from jarap.conversion import Conversion, Status
from jarap.db.batch import (
    Limits,
    Pool,
    StoreTimeout,
    Task,
    default_jobs,
    memory_limit,
    relaxed_collector,
    time_limit,
)
from jarap.db.engine import writer_lock
from jarap.db.rows import add_paper, paper_id_for, paper_to_row
from jarap.ingest import discover, file_sha256, fs_text
from jarap.model import ActionRow, PaperRow, RecommendationRow
from jarap.model.entities import IngestFailureRow

NOTHING_READ = "no recommendation, action or audit was found"
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

    @property
    def read(self) -> bool:
        """The file was read and stored in this run (not skipped as known)."""
        return self.ok and self.action in ("loaded", "replaced", "reparsed")

    @property
    def records(self) -> int:
        """What was extracted: recommendations, actions and audits."""
        return self.recommendations + self.actions + self.audits


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
    # content of stored paths looked at in this batch (None: not a readable file)
    hashes: dict[str, str | None] = field(default_factory=dict)


def _source(path: Path) -> str:
    """The path as stored: a name that is not UTF-8 in its escaped form (see fs_text)."""
    return fs_text(str(path.resolve()))


def ingest_paths(
    engine: Engine,
    paths: Iterable[Path],
    options: IngestOptions | None = None,
    pool: Pool | None = None,
) -> Iterator[FileResult]:
    """Ingest every paper under `paths`: known files first (no reading), then the rest
    through the worker pool (`pool`, the caller's, already started, or one of its own),
    yielding each file's result as it is stored."""
    options = options or IngestOptions()
    # Core statements on the tables: only columns are read, and an ORM select costs ~2x a
    # Core one to compile, the first one also configuring every mapper (see design notes)
    papers, failures = PaperRow.__table__.c, IngestFailureRow.__table__.c
    with engine.connect() as conn:
        known = {
            sha: _Known(pid, src, version, sup)
            for sha, pid, src, version, sup in conn.execute(
                select(
                    papers.sha256,
                    papers.paper_id,
                    papers.source_path,
                    papers.extractor_version,
                    papers.superseded_by,
                )
            )
        }
        failed_paths = set(conn.scalars(select(failures.source_path).distinct()))
    batch = _Batch(engine, options, known, failed_paths)
    tasks: list[Task] = []
    for path in discover(paths):
        try:
            sha = file_sha256(path)
        except OSError as exc:
            message = str(exc) if str(path) in str(exc) else f"{path}: cannot read ({exc})"
            yield _record_failure(batch, FileResult(path, Status.FAILED, error=message), None)
            continue
        batch.hashes[_source(path)] = sha
        result = _known_file(batch, path, sha)
        if result is None:
            tasks.append(Task(path, sha))
        else:
            yield result
    if not tasks:
        if pool is not None:
            pool.close()  # nothing to read: a worker started early stops loading now
        return
    limits = options.limits
    if pool is not None:
        pool.on_note = options.on_note
    pool_cm = Pool(options.jobs, limits, options.on_note) if pool is None else nullcontext(pool)
    with relaxed_collector(), memory_limit(limits.memory_mb), pool_cm as running:
        for task, conversion in running.run(tasks):
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
        if _holds(batch, k.source_path, sha):
            return FileResult(
                path, Status.UNCHANGED, "same", paper_id=k.paper_id, detail=k.source_path
            )
        return _move(batch, path, k)
    if batch.options.reparse or (k.extractor_version or 1) < version.EXTRACTOR_VERSION:
        return None
    _clear_failures(batch, source)
    return FileResult(path, Status.UNCHANGED, paper_id=k.paper_id)


def _holds(batch: _Batch, source: str, sha: str) -> bool:
    """Whether the file at a stored path still has this content: a file's identity is its
    content and a path only its name, so a known content at a new path is a copy only while
    its old path still holds it; otherwise (gone, or holding other bytes after names were
    swapped) it moved."""
    if source not in batch.hashes:
        try:
            old = Path(source)
            batch.hashes[source] = file_sha256(old) if old.is_file() else None
        except OSError:
            batch.hashes[source] = None
    return batch.hashes[source] == sha


def _versions_of(session: Session, paper_id: str) -> list[str]:
    """The paper and every kept older version of it (the chain through `superseded_by`)."""
    chain, frontier = [paper_id], [paper_id]
    while frontier:
        frontier = [
            pid
            for pid in session.scalars(
                select(PaperRow.paper_id).where(PaperRow.superseded_by.in_(frontier))
            )
            if pid not in chain
        ]
        chain += frontier
    return chain


def _move(batch: _Batch, path: Path, k: _Known) -> FileResult:
    """A known content at a new path, its old path gone or holding other bytes: the paper
    and its own kept older versions (not every row that once had that path: after a swap
    the other paper lives there) now live at the new path."""
    source = _source(path)
    with Session(batch.engine) as session, session.begin():
        writer_lock(session.connection())
        moved = _versions_of(session, k.paper_id)
        session.execute(
            update(PaperRow)
            .where(PaperRow.paper_id.in_(moved))
            .values(source_path=source, source_file=path.name)
        )
    old = k.source_path
    for known in batch.known.values():
        if known.paper_id in moved:
            known.source_path = source
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
    try:
        with Session(batch.engine) as session, session.begin():
            writer_lock(session.connection())
            session.execute(
                delete(IngestFailureRow).where(IngestFailureRow.source_path == source)
            )
            session.add(
                IngestFailureRow(source_path=source, sha256=sha, reason=result.error or "")
            )
    except (SQLAlchemyError, OSError) as exc:
        # the archive cannot take even this (a full disk): the file is still reported, and
        # the batch goes on to report every other file
        result.error = f"{result.error} (not recorded for status: {database_reason(exc)})"
        return result
    batch.failed_paths.add(source)
    return result


def database_reason(exc: BaseException) -> str:
    """The first line of what the database said, without SQLAlchemy's wrapping (the SQL,
    the parameters, a link to sqlalche.me)."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


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
    limits = batch.options.limits if batch is not None else None
    try:
        with time_limit(limits.timeout) if limits else nullcontext():
            return _store(engine, conversion, sha, force=force, batch=batch)
    except StoreTimeout as exc:
        error = f"{path.name}: storing timed out after {exc} (nothing stored)"
    except MemoryError:
        mb = limits.memory_mb if limits else None
        error = f"{path.name}: over the memory limit ({mb} MB) while storing (nothing stored)"
    return _record_failure(batch, FileResult(path, Status.FAILED, error=error), sha)


def _store(
    engine: Engine, conversion: Conversion, sha: str, *, force: bool, batch: _Batch | None
) -> FileResult:
    path, paper, doc = conversion.path, conversion.paper, conversion.document
    assert paper is not None and doc is not None
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
                papers = PaperRow.__table__.c
                old_pids = list(
                    session.scalars(
                        select(papers.paper_id).where(
                            papers.source_path == source, papers.superseded_by.is_(None)
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
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - the transaction rolled back; earlier files stay
        error = f"{path.name}: could not be stored ({database_reason(exc)})"
        return _record_failure(batch, FileResult(path, Status.FAILED, error=error), sha)
    if batch is not None:
        batch.known[sha] = _Known(pid, source, version.EXTRACTOR_VERSION, None)
        _clear_failures(batch, source)
    return _nothing_read_is_not_success(
        FileResult(
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
    )


def _nothing_read_is_not_success(result: FileResult) -> FileResult:
    """A paper stored with no recommendation, action or audit was not read, whatever
    layout claimed it: it is reported partial, with the reason (an unknown layout already
    says why)."""
    if result.records or result.layout == "unknown":  # unknown: partial already, and why
        return result
    result.status = Status.PARTIAL
    result.warnings.append(f"{result.path.name}: {NOTHING_READ} (layout {result.layout})")
    return result


def missing_files(session: Session) -> list[PaperRow]:
    """Current papers whose file is no longer at its path (for `status` and `prune`)."""
    rows = session.scalars(
        select(PaperRow).where(PaperRow.superseded_by.is_(None)).order_by(PaperRow.source_path)
    )
    return [p for p in rows if not Path(p.source_path).exists()]
