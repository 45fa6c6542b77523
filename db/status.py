"""`jarap status`: what in the archive needs a person's attention, without changing it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, Exists, exists, func, or_, select
from sqlalchemy.orm import Session

from jarap import version
from jarap.db.load import NOTHING_READ, missing_files
from jarap.db.skipped import skipped_summary
from jarap.model import ActionRow, AuditStatusRow, PaperRow, RecommendationRow
from jarap.model.entities import IngestFailureRow
from jarap.output import by_count, escape, one_line, reason


@dataclass
class ArchiveStatus:
    papers: int = 0
    superseded: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # path, reason
    missing: list[tuple[str, str]] = field(default_factory=list)  # path, paper_id
    outdated: list[str] = field(default_factory=list)  # paths parsed by an older extractor
    unread: list[tuple[str, str]] = field(default_factory=list)  # path, layout: no records
    not_read: int = 0  # files folder walks left out (skipped_files)
    not_read_by_extension: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        out = [
            f"{self.papers} paper(s) loaded, {self.superseded} older version(s) kept, "
            f"extractor version {version.EXTRACTOR_VERSION}"
        ]
        if self.outdated:
            out.append(
                f"{len(self.outdated)} paper(s) stale: parsed by an older extractor than "
                f"version {version.EXTRACTOR_VERSION}; jarap ingest re-reads them"
            )
        out += [
            f"failed   {escape(path)}: {one_line(reason(why, Path(path)))}"
            for path, why in self.failures
        ]
        out += [
            f"missing  {escape(path)} ({pid}): file gone (jarap prune)"
            for path, pid in self.missing
        ]
        out += [f"outdated {escape(path)}: parsed by an older extractor" for path in self.outdated]
        out += [
            f"unread   {escape(path)}: "
            + (
                "no known layout, stored as text: nothing extracted"
                if layout == "unknown"
                else f"{NOTHING_READ} (layout {layout})"
            )
            for path, layout in self.unread
        ]
        if self.not_read:
            by = ", ".join(f"{n} {escape(e)}" for e, n in by_count(self.not_read_by_extension))
            out.append(
                f"not read {self.not_read} file(s) in the folders ingested ({by}): "
                "no reader for them (the skipped_files table names each)"
            )
        if not (self.failures or self.missing or self.outdated or self.unread):
            out.append("nothing needs attention")
        return out


def archive_status(engine: Engine) -> ArchiveStatus:
    report = ArchiveStatus()
    with Session(engine) as session:
        current = PaperRow.superseded_by.is_(None)
        report.papers = (
            session.scalar(select(func.count()).select_from(PaperRow).where(current)) or 0
        )
        report.superseded = (
            session.scalar(
                select(func.count())
                .select_from(PaperRow)
                .where(PaperRow.superseded_by.is_not(None))
            )
            or 0
        )
        report.failures = [
            (f.source_path, f.reason)
            for f in session.scalars(
                select(IngestFailureRow).order_by(IngestFailureRow.source_path)
            )
        ]
        report.not_read, report.not_read_by_extension = skipped_summary(session)
        report.missing = [(p.source_path, p.paper_id) for p in missing_files(session)]
        older = PaperRow.extractor_version < version.EXTRACTOR_VERSION
        old = or_(PaperRow.extractor_version.is_(None), older)
        report.outdated = list(
            session.scalars(
                select(PaperRow.source_path).where(current, old).order_by(PaperRow.source_path)
            )
        )
        report.unread = [
            (path, layout or "unknown")
            for path, layout in session.execute(
                select(PaperRow.source_path, PaperRow.layout)
                .where(
                    current, *(~_has(row) for row in (RecommendationRow, ActionRow, AuditStatusRow))
                )
                .order_by(PaperRow.source_path)
            )
        ]
    return report


def _has(row: type[RecommendationRow] | type[ActionRow] | type[AuditStatusRow]) -> Exists:
    """Whether the paper has rows of this table (a correlated EXISTS)."""
    return exists().where(row.paper_id == PaperRow.paper_id)
