"""The files a folder walk left out, kept for `jarap status`: what a folder held besides
papers is visible after the batch's output has scrolled away.

Each walk of a folder replaces the rows under it (a file since removed or renamed stops
being listed); `jarap prune` drops rows whose file is gone.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import Engine, delete, or_, select
from sqlalchemy.orm import Session

from jarap.db.engine import writer_lock
from jarap.ingest import fs_text
from jarap.model.entities import SkippedFileRow
from jarap.output import Skipped


def _stored(path: Path) -> str:
    """A path as stored (absolute; a name that is not UTF-8 in its escaped form)."""
    return fs_text(os.path.abspath(path))


def record_skipped(engine: Engine, roots: Iterable[Path], skipped: Skipped) -> None:
    """Replace the rows under each folder walked with what this walk left out."""
    folders = [_stored(r) for r in roots if r.is_dir()]
    if not folders:
        return
    with Session(engine) as session, session.begin():
        writer_lock(session.connection())
        under = [
            or_(
                SkippedFileRow.source_path == f,
                SkippedFileRow.source_path.startswith(f.rstrip(os.sep) + os.sep, autoescape=True),
            )
            for f in folders
        ]
        session.execute(delete(SkippedFileRow).where(or_(*under)))
        session.add_all(
            SkippedFileRow(
                source_path=_stored(f.path),
                extension=f.extension[:40],
                reason=f.why.replace("(s)", ""),
            )
            for f in skipped.files
        )


def skipped_summary(session: Session) -> tuple[int, Counter[str]]:
    """How many files the walks left out, and by extension."""
    exts = Counter(session.scalars(select(SkippedFileRow.extension)))
    return sum(exts.values()), exts


def prune_skipped(session: Session) -> None:
    """Drop the rows of files that are gone."""
    for row in session.scalars(select(SkippedFileRow)):
        if not os.path.lexists(row.source_path):
            session.delete(row)
