"""`jarap prune`: remove the papers whose file is gone, with every kept older version of
theirs, and say exactly which rows go.

A paper's kept versions form a chain through `superseded_by` (v1 -> v2 -> v3): removing
only the versions that point at the current paper left v1 pointing at a row that no longer
exists. The plan follows the chain to its end, and `--dry-run` prints the same plan that a
real run carries out, so what is listed is what is removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from jarap.db.engine import writer_lock
from jarap.db.load import missing_files
from jarap.db.skipped import prune_skipped
from jarap.model import PaperRow
from jarap.model.entities import IngestFailureRow


@dataclass(frozen=True)
class Removal:
    """One paper row that prune removes: a current paper whose file is gone, or a kept
    older version of one (`kept_for` names the current paper it belongs to)."""

    source_path: str
    paper_id: str
    kept_for: str | None = None


def prune_plan(session: Session) -> list[Removal]:
    """Every row a prune removes, each current paper followed by its kept versions
    (newest first, to the end of the chain)."""
    plan: list[Removal] = []
    for paper in missing_files(session):
        plan.append(Removal(paper.source_path, paper.paper_id))
        frontier, seen = [paper.paper_id], {paper.paper_id}
        while frontier:
            older = session.execute(
                select(PaperRow.paper_id, PaperRow.source_path)
                .where(PaperRow.superseded_by.in_(frontier))
                .order_by(PaperRow.ingested_at.desc(), PaperRow.paper_id)
            ).all()
            frontier = [pid for pid, _ in older if pid not in seen]
            seen.update(frontier)
            plan += [Removal(src, pid, paper.paper_id) for pid, src in older if pid in frontier]
    return plan


def prune_missing(engine: Engine) -> list[Removal]:
    """Carry out `prune_plan` in one transaction (with the failure records of files since
    deleted); returns what was removed."""
    with Session(engine) as session, session.begin():
        writer_lock(session.connection())
        plan = prune_plan(session)
        for removal in reversed(plan):  # the oldest first: nothing points at a removed row
            row = session.get(PaperRow, removal.paper_id)
            if row is not None:
                session.delete(row)
                session.flush()
        session.execute(
            delete(IngestFailureRow).where(
                IngestFailureRow.source_path.in_(
                    [
                        f.source_path
                        for f in session.scalars(select(IngestFailureRow))
                        if not Path(f.source_path).exists()  # a failed file since deleted
                    ]
                )
            )
        )
        prune_skipped(session)
    return plan


def prune_summary(plan: list[Removal], *, dry_run: bool) -> str:
    """`2 paper(s) removed (1 current, 1 kept older version)`; `… would be removed` on a
    dry run."""
    kept = sum(1 for r in plan if r.kept_for is not None)
    verb = "would be removed" if dry_run else "removed"
    line = f"{len(plan)} paper(s) {verb}"
    if plan:
        line += f" ({len(plan) - kept} current, {kept} kept older version(s))"
    return line
