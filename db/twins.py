"""Twins: one paper held in two files (the Word original and its PDF, a text conversion).

Archives and committee websites hold the same paper in several formats. Stored as papers of
their own they made every snapshot count two or three times. Two current papers are twins
when they have the same series, date, kind and title, and the same recommendations (at
least `TWIN_SHARE` of their (audit, reference, title) keys shared, the audit's month left
out: one file may miss a date the other read, a disagreement listed like any other). The
twins of a group are one paper: the richest source is kept as the paper (`RICHER`), the
others record `twin_of` = its id and `twin_problems` = every field where they read the
paper differently; they stay in the archive as files (their hash, path and format: a
re-ingest is `unchanged`), but the linker, the views and the export's recommendations read
the kept one only. Decided on every link run over the whole archive, so the outcome does
not depend on which file arrived first.

`RICHER`: the source that read more of the paper (priorities, struck targets and owners:
what cell colours and strike-through carry, which a text conversion loses), then Word, PDF,
HTML, text, then the smaller paper id.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from jarap.db.link_cluster import audit_parts
from jarap.extract.vocab import normalise_title
from jarap.model import ActionRow, AuditStatusRow, PaperRow, RecommendationRow

TWIN_SHARE = 0.8
FORMAT_ORDER = {"docx": 0, "pdf": 1, "html": 2, "text": 3}
RICHER = "more fields read (priorities, struck targets, owners), then Word, PDF, HTML, text"
COMPARED = ("priority_level", "status", "original_target", "current_target", "owners")


@dataclass
class _Paper:
    row: PaperRow
    recs: dict[tuple[str, str, str], RecommendationRow] = field(default_factory=dict)
    others: set[tuple[str, str]] = field(default_factory=set)  # actions, audit-status rows

    @cached_property
    def keys(self) -> set[object]:
        """What `_share` compares: its recommendations' keys without the audit's month,
        and its other rows (computed once: a paper meets every head of its group)."""
        return {_loose(k) for k in self.recs} | self.others

    @property
    def richness(self) -> tuple[int, int, str]:
        read = sum(
            (r.priority_level is not None)
            + sum(1 for t in r.targets if t.struck)
            + sum(1 for o in r.owners if not o.former)
            for r in self.recs.values()
        )
        return (-read, FORMAT_ORDER.get(self.row.format, 4), self.row.paper_id)


def _key(r: RecommendationRow) -> tuple[str, str, str]:
    audit, _aliases, month = audit_parts(r.audit_title, r.audit_date)
    return (f"{audit}|{month}", (r.ref or "").strip().rstrip("."), normalise_title(r.title))


def _value(r: RecommendationRow, name: str) -> Any:
    if name == "owners":
        return sorted(o.name for o in r.owners if not o.former)
    value = getattr(r, name)
    return value.isoformat() if isinstance(value, dt.date) else value


def disagreements(kept: _Paper, twin: _Paper) -> list[dict[str, Any]]:
    """Every recommendation field the twins read differently, and what one lists alone."""
    out: list[dict[str, Any]] = []
    for key in sorted(set(kept.recs) | set(twin.recs)):
        a, b = kept.recs.get(key), twin.recs.get(key)
        label = f"{(a or b).audit_title} {(a or b).ref or (a or b).title}"  # type: ignore[union-attr]
        if a is None or b is None:
            where = kept.row.source_file if a is not None else twin.row.source_file
            out.append({"recommendation": label, "field": "listed", "kept": a is not None,
                        "twin": b is not None, "detail": f"only in {where}"})  # fmt: skip
            continue
        for name in COMPARED:
            va, vb = _value(a, name), _value(b, name)
            if va != vb:
                out.append({"recommendation": label, "field": name, "kept": va, "twin": vb})
    return out


def _groups(session: Session) -> list[list[_Paper]]:
    rows = session.scalars(
        select(PaperRow).where(PaperRow.superseded_by.is_(None)).order_by(PaperRow.paper_id)
    ).all()
    by_key: dict[tuple[str, dt.date | None, str, str], list[PaperRow]] = defaultdict(list)
    for p in rows:
        by_key[(p.series, p.paper_date, p.kind, normalise_title(p.title or ""))].append(p)
    return [[_Paper(p) for p in group] for group in by_key.values() if len(group) > 1]


def _load(session: Session, papers: list[_Paper]) -> None:
    ids = [p.row.paper_id for p in papers]
    recs = session.scalars(
        select(RecommendationRow)
        .where(RecommendationRow.paper_id.in_(ids))
        .options(selectinload(RecommendationRow.targets), selectinload(RecommendationRow.owners))
    ).all()
    by_paper = {p.row.paper_id: p for p in papers}
    for r in recs:
        by_paper[r.paper_id].recs.setdefault(_key(r), r)
    for pid, action in session.execute(
        select(ActionRow.paper_id, ActionRow.action_id).where(ActionRow.paper_id.in_(ids))
    ):
        by_paper[pid].others.add(("action", action))
    for pid, ref, title in session.execute(
        select(AuditStatusRow.paper_id, AuditStatusRow.ref, AuditStatusRow.title).where(
            AuditStatusRow.paper_id.in_(ids)
        )
    ):
        by_paper[pid].others.add(("audit", f"{ref}|{normalise_title(title or '')}"))


def _loose(key: tuple[str, str, str]) -> tuple[str, str, str]:
    """A recommendation's key without its audit's month: one twin may miss a date the other
    read (a PDF row broken over a page), and is the same paper all the same."""
    return (key[0].rsplit("|", 1)[0], key[1], key[2])


def _share(a: _Paper, b: _Paper) -> float:
    ka, kb = a.keys, b.keys
    if not ka and not kb:  # nothing read from either: nothing shows they are one paper
        return 0.0
    return len(ka & kb) / len(ka | kb)


def resolve_twins(session: Session) -> int:
    """Mark every current paper's twin status (see the module docstring); returns how many
    papers are twins of another."""
    decided: dict[str, tuple[str | None, list[dict[str, Any]] | None]] = {}
    for group in _groups(session):
        _load(session, group)
        clusters: list[list[_Paper]] = []
        for paper in sorted(group, key=lambda p: p.richness):
            home = next((c for c in clusters if _share(c[0], paper) >= TWIN_SHARE), None)
            if home is None:
                clusters.append([paper])
            else:
                home.append(paper)
        for cluster in clusters:
            kept = cluster[0]
            decided[kept.row.paper_id] = (None, None)
            for twin in cluster[1:]:
                decided[twin.row.paper_id] = (kept.row.paper_id, disagreements(kept, twin))
    changes = []
    twins = 0
    c = PaperRow.__table__.c  # Core: columns only
    for p in session.execute(
        select(c.paper_id, c.twin_of, c.twin_problems).where(c.superseded_by.is_(None))
    ):
        twin_of, problems = decided.get(p.paper_id, (None, None))
        twins += twin_of is not None
        if (p.twin_of, p.twin_problems) != (twin_of, problems):
            changes.append({"paper_id": p.paper_id, "twin_of": twin_of, "twin_problems": problems})
    if changes:
        session.execute(update(PaperRow), changes)
    return twins


def problem_lines(twin: PaperRow, kept_file: str) -> list[str]:
    """`jarap check`'s words for one twin's disagreements with the paper kept."""
    lines = []
    for d in twin.twin_problems or []:
        if d["field"] == "listed":
            lines.append(f"{d['recommendation']}: {d['detail']}")
        else:
            what = d["field"].replace("_", " ")
            lines.append(
                f"{d['recommendation']}: {what} {d['kept']!r} in {kept_file}, "
                f"{d['twin']!r} in {twin.source_file}"
            )
    return lines


def relabel_twins(session: Session) -> int:
    """Give each twin's snapshots the `recommendation_id` of the kept paper's snapshot of the
    same recommendation (same audit, reference and title), so a query on `recommendations`
    finds a twin file's rows under the id the archive uses; returns how many changed."""
    twins = session.scalars(
        select(PaperRow).where(PaperRow.superseded_by.is_(None), PaperRow.twin_of.is_not(None))
    ).all()
    if not twins:
        return 0
    kept_ids = {t.twin_of for t in twins if t.twin_of}
    rows = session.scalars(
        select(RecommendationRow).where(
            RecommendationRow.paper_id.in_(kept_ids | {t.paper_id for t in twins})
        )
    ).all()
    by_paper: dict[str, list[RecommendationRow]] = defaultdict(list)
    for r in rows:
        by_paper[r.paper_id].append(r)
    changes = []
    for twin in twins:
        kept = by_paper.get(twin.twin_of or "", [])
        ids = {_key(r): r.recommendation_id for r in kept}
        loose: dict[tuple[str, str, str], str | None] = {}
        for r in kept:  # a key without the month names one recommendation, or none
            k = _loose(_key(r))
            loose[k] = None if k in loose else r.recommendation_id
        for r in by_paper.get(twin.paper_id, []):
            rid = ids.get(_key(r)) or loose.get(_loose(_key(r)))
            if rid is not None and rid != r.recommendation_id:
                changes.append({"id": r.id, "recommendation_id": rid})
    if changes:
        session.execute(update(RecommendationRow), changes)
    return len(changes)


def current_twins(session: Session) -> tuple[dict[str, str], list[PaperRow]]:
    """Every paper's file by id, and the current papers held as a twin of another (by date
    and file): what the export and the workbook list about twins."""
    rows = session.execute(select(PaperRow.paper_id, PaperRow.source_file))
    files = {pid: name for pid, name in rows}
    twins = session.scalars(
        select(PaperRow)
        .where(PaperRow.superseded_by.is_(None), PaperRow.twin_of.is_not(None))
        .order_by(PaperRow.paper_date, PaperRow.source_file)
    ).all()
    return files, list(twins)
