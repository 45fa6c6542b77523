"""The interchange-v1 export: the archive as five JSON-lines files (the public contract).

Everything is read back from the database, never from parser objects, so the export shows
exactly what analysts query. Field names and meanings are fixed by `interchange-v1.md`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from jarap.db.history import Seen, Stated, history_of
from jarap.db.linker import FORMAT_RANK
from jarap.db.series import next_tracker, tracker_dates_by_series
from jarap.db.twins import current_twins
from jarap.extract.vocab import CLOSING_STATUSES as CLOSING
from jarap.model import ActionRow, AuditStatusRow, PaperRow, RecommendationRow
from jarap.output import escape

FILES = ("papers", "recommendations", "actions", "audits", "history")
WORKBOOK = "archive.xlsx"
# every file an export of either format writes: what a new export may remove as stale
OWN_FILES = (*(f"{name}.jsonl" for name in FILES), WORKBOOK)
T = TypeVar("T")


def date_value(raw: str | None, date: dt.date | None, precision: str | None) -> dict | None:
    """The contract's DateValue; null when nothing was stated at all."""
    if raw is None and date is None:
        return None
    return {
        "raw": raw if raw is not None else date.isoformat(),  # type: ignore[union-attr]
        "date": date.isoformat() if date else None,
        "precision": precision if date else None,
    }


def paper_record(p: PaperRow) -> dict[str, Any]:
    return {
        "paper_id": p.paper_id,
        "source_file": p.source_file,
        "sha256": p.sha256,
        "format": p.format,
        "kind": p.kind,
        "title": p.title,
        "organisation": p.organisation,
        "paper_date": date_value(p.paper_date_raw, p.paper_date, p.paper_date_precision),
        "pages": p.pages,
        "declared_counts": p.declared_counts,
        "extracted_counts": p.extracted_counts,
        "reconciled": p.reconciled,
        "warnings": list(p.warnings or []),
    }


def recommendation_record(r: RecommendationRow, p: PaperRow) -> dict[str, Any]:
    return {
        "paper_id": p.paper_id,
        "source_file": p.source_file,
        "paper_date": date_value(p.paper_date_raw, p.paper_date, p.paper_date_precision),
        "recommendation_id": r.recommendation_id,
        "audit_title": r.audit_title,
        "assurance": r.assurance,
        "audit_date": date_value(r.audit_date_raw, r.audit_date, r.audit_date_precision),
        "ref": r.ref,
        "title": r.title,
        "priority": r.priority,
        "priority_level": r.priority_level,
        "section": r.section,
        "status": r.status,
        "rag": r.rag,
        "owners": [o.name for o in r.owners if not o.former],
        "original_target": date_value(
            r.original_target_raw, r.original_target, r.original_target_precision
        ),
        "target_history": [date_value(t.raw, t.date, t.precision) for t in r.targets],
        "current_target": date_value(
            r.current_target_raw, r.current_target, r.current_target_precision
        ),
        "update_dates": [
            date_value(u.date_raw, u.date, u.precision) for u in r.updates if u.date_raw
        ],
        "text": r.text,
        "page_start": r.page_start,
        "page_end": r.page_end,
    }


def audit_record(a: AuditStatusRow, p: PaperRow) -> dict[str, Any]:
    return {
        "paper_id": p.paper_id,
        "ref": a.ref,
        "title": a.title,
        "published": date_value(a.published_raw, a.published, a.published_precision),
        "follow_up": date_value(a.follow_up_raw, a.follow_up, a.follow_up_precision),
        "lead": a.lead,
        "governance": a.governance,
        "assurance": a.assurance,
        "on_track": a.on_track,
        "update": a.update_text,
    }


def action_record(a: ActionRow, p: PaperRow) -> dict[str, Any]:
    return {
        "paper_id": p.paper_id,
        "action_id": a.action_id,
        "meeting_date": date_value(a.meeting_date_raw, a.meeting_date, a.meeting_date_precision)
        or {"raw": "", "date": None, "precision": None},
        "minute": a.minute,
        "paper_ref": a.paper_ref,
        "action": a.action,
        "owners": list(a.owners or []),
        "target": date_value(a.target_raw, a.target, a.target_precision),
        "updates": [
            {"date": date_value(u.date_raw, u.date, u.precision), "text": u.text} for u in a.updates
        ],
        "status": a.status,
    }


@dataclass
class _Snapshot:
    rec: RecommendationRow
    paper: PaperRow

    @property
    def when(self) -> tuple[dt.date, str]:
        return (self.paper.paper_date or dt.date.min, self.paper.paper_id)


def _groups(papers: list[PaperRow]) -> dict[str, list[_Snapshot]]:
    """Snapshots by recommendation_id, oldest paper first."""
    groups: dict[str, list[_Snapshot]] = defaultdict(list)
    for p in papers:
        for r in p.recommendations:
            groups[r.recommendation_id].append(_Snapshot(r, p))
    for snaps in groups.values():
        snaps.sort(key=lambda s: s.when)
    return groups


def _tracker_dates(papers: list[PaperRow]) -> dict[str, list[dt.date]]:
    """Tracker dates per series: only the publishing panel's own later tracker is the paper
    a recommendation should have appeared in next (the rule `papers.next_tracker_date`
    stores, recomputed here so an export never depends on the linker having run)."""
    return tracker_dates_by_series((p.series, p.kind, p.paper_date) for p in papers)


def _next_tracker(tracker_dates: dict[str, list[dt.date]], snap: _Snapshot) -> dt.date | None:
    return next_tracker(tracker_dates, snap.paper.series, snap.paper.paper_date)


def history_records(papers: list[PaperRow]) -> Iterator[dict[str, Any]]:
    """One line per recommendation across papers: first/last seen, targets moved, closure."""
    tracker_dates = _tracker_dates(papers)
    for rid, snaps in _groups(papers).items():
        yield _history(rid, snaps, tracker_dates)


# a recommendation last seen in one of these states has left the tracker for a stated reason
CLOSING_STATUSES = CLOSING


def _kept(snaps: list[_Snapshot]) -> list[_Snapshot]:
    """One snapshot per paper date (the format `v_snapshot` keeps: Word, PDF, then text), so
    a paper ingested in two formats is one paper of the history (undated papers each)."""
    out: dict[object, _Snapshot] = {}
    for s in snaps:
        key = s.paper.paper_date or s.paper.paper_id
        rank = (FORMAT_RANK.get(s.paper.format, 3), s.paper.paper_id)
        held = out.get(key)
        if held is None or rank < (FORMAT_RANK.get(held.paper.format, 3), held.paper.paper_id):
            out[key] = s
    return sorted(out.values(), key=lambda s: (s.paper.paper_date is None, s.when))


def _stated(raw: str | None, date: dt.date | None, precision: str | None) -> Stated | None:
    if raw is None and date is None:
        return None
    return Stated(raw if raw is not None else date.isoformat(), date, precision)  # type: ignore[union-attr]


def seen_of(snaps: list[_Snapshot], tracker_dates: dict[str, list[dt.date]]) -> list[Seen]:
    """What `db.history` reads of each kept snapshot."""
    out = []
    for s in _kept(snaps):
        targets = [t for t in (_stated(t.raw, t.date, t.precision) for t in s.rec.targets) if t]
        out.append(
            Seen(
                paper_date=s.paper.paper_date,
                status=s.rec.status,
                targets=targets,
                current=_stated(
                    s.rec.current_target_raw, s.rec.current_target, s.rec.current_target_precision
                ),
                next_tracker=_next_tracker(tracker_dates, s),
                source_file=s.paper.source_file,
            )
        )
    return out


def vanished_records(papers: list[PaperRow]) -> list[dict[str, Any]]:
    """Recommendations absent from their own series' later tracker paper without being
    proposed closed (another panel's papers never count): `db.history`'s rule.

    The history keeps their last status (they are not silently closed); these rows are the
    warnings `jarap check` prints and the data-quality sheet lists.
    """
    tracker_dates = _tracker_dates(papers)
    out = []
    for rid, snaps in _groups(papers).items():
        kept = _kept(snaps)
        meaning = history_of(seen_of(kept, tracker_dates))
        if meaning.vanished_from is None:
            continue
        last = kept[-1]
        seen = last.paper.paper_date
        assert seen is not None
        absent_from = meaning.vanished_from
        out.append(
            {
                "recommendation_id": rid,
                "audit_title": last.rec.audit_title,
                "audit_date": last.rec.audit_date_raw,
                "audit_date_iso": last.rec.audit_date.isoformat() if last.rec.audit_date else None,
                "ref": last.rec.ref,
                "title": last.rec.title,
                "last_status": last.rec.status,
                "last_seen": seen.isoformat(),
                "source_file": last.paper.source_file,
                "absent_from": absent_from.isoformat(),
                "warning": (
                    f"vanished without closure after {last.paper.source_file} "
                    f"({seen.isoformat()}): {last.rec.status} there, absent from the "
                    f"{absent_from.isoformat()} tracker"
                ),
            }
        )
    return out


def _history(
    rid: str, snaps: list[_Snapshot], tracker_dates: dict[str, list[dt.date]]
) -> dict[str, Any]:
    kept = _kept(snaps)
    first, last = kept[0], kept[-1]
    latest = last.rec
    meaning = history_of(seen_of(kept, tracker_dates))
    closed_by = None
    if meaning.closed_by is not None:
        paper = next((s.paper for s in kept if s.paper.paper_date == meaning.closed_by), None)
        if paper is not None:
            closed_by = _paper_date(paper)
        else:  # the panel's next tracker, which does not list it
            day = meaning.closed_by.isoformat()
            closed_by = {"raw": day, "date": day, "precision": "day"}
    return {
        "recommendation_id": rid,
        "audit_title": latest.audit_title,
        "audit_date": date_value(
            latest.audit_date_raw, latest.audit_date, latest.audit_date_precision
        ),
        "ref": latest.ref,
        "title": latest.title,
        "priority_level": latest.priority_level,
        "first_seen": _paper_date(first.paper),
        "last_seen": _paper_date(last.paper),
        "papers": len(kept),
        "original_target": meaning.original_target.as_dict() if meaning.original_target else None,
        "latest_target": meaning.latest_target.as_dict() if meaning.latest_target else None,
        "revisions": meaning.revisions,
        "slippage_days": meaning.slippage_days,
        "latest_status": meaning.latest_status,
        "closed_by": closed_by,
    }


def _paper_date(p: PaperRow) -> dict | None:
    return date_value(p.paper_date_raw, p.paper_date, p.paper_date_precision)


def paper_order(p: PaperRow) -> tuple[bool, dt.date, str, str]:
    """The order papers are exported and reported in: by date, papers without one last,
    then by file name in code-point order, then by id. Sorted here, not by the database:
    SQLite puts NULL first and compares text by bytes, PostgreSQL puts NULL last and
    compares by the server's locale, so `ORDER BY` gave each backend its own export."""
    return (p.paper_date is None, p.paper_date or dt.date.min, p.source_file, p.paper_id)


def load_papers(session: Session) -> list[PaperRow]:
    stmt = (
        select(PaperRow)
        .options(
            selectinload(PaperRow.recommendations).selectinload(RecommendationRow.targets),
            selectinload(PaperRow.recommendations).selectinload(RecommendationRow.updates),
            selectinload(PaperRow.recommendations).selectinload(RecommendationRow.owners),
            selectinload(PaperRow.actions).selectinload(ActionRow.updates),
        )
        # kept older versions are not exported; a twin's paper is its kept source's (db.twins)
        .where(PaperRow.superseded_by.is_(None), PaperRow.twin_of.is_(None))
    )
    return sorted(session.scalars(stmt), key=paper_order)


def export_records(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    with Session(engine) as session:
        papers = load_papers(session)
        out: dict[str, list[dict[str, Any]]] = {name: [] for name in FILES}
        for p in papers:
            out["papers"].append(paper_record(p))
            out["recommendations"].extend(recommendation_record(r, p) for r in p.recommendations)
            out["actions"].extend(action_record(a, p) for a in p.actions)
            out["audits"].extend(audit_record(a, p) for a in p.audits)
        out["history"] = list(history_records(papers))
        out["papers"] += twin_records(session)
    return out


def twin_records(session: Session) -> list[dict[str, Any]]:
    """The files held as another format of a paper (`db.twins`): listed as files, with a
    warning naming the paper whose recommendations they share (exported once, there)."""
    kept, twins = current_twins(session)
    out = []
    for p in twins:
        record = paper_record(p)
        n = len(p.twin_problems or [])
        record["warnings"] = [
            *record["warnings"],
            f"twin of {kept.get(p.twin_of or '', p.twin_of)}: the same paper in another "
            f"format, its recommendations exported once from there; {n} disagreement(s)",
        ]
        out.append(record)
    return out


MANIFEST = ".jarap-export.json"  # what an export wrote into its folder: name -> SHA-256


class ExportRefused(RuntimeError):
    """The folder holds a file by one of our names that we did not write."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _manifest(out_dir: Path) -> dict[str, str]:
    """The files a previous export wrote here, as it wrote them (empty when none did)."""
    try:
        files = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def _ours(out_dir: Path, name: str, manifest: dict[str, str]) -> bool:
    """Whether `name` in the folder is exactly what an export wrote (not a user's own
    file, nor one of ours that a user has since edited)."""
    path = out_dir / name
    return name in manifest and path.is_file() and _sha256(path) == manifest[name]


def _refuse_foreign(out_dir: Path, names: Iterable[str], manifest: dict[str, str]) -> None:
    for name in names:
        path = out_dir / name
        if (path.exists() or path.is_symlink()) and not _ours(out_dir, name, manifest):
            raise ExportRefused(
                f"{escape(path)} was not written by jarap export (or was changed since): "
                "not overwritten; move it away or use --force"
            )


def publish(
    out_dir: Path, names: Iterable[str], write: Callable[[Path], T], *, force: bool = False
) -> T:
    """Run `write(folder)` on a temporary folder inside `out_dir`, then move what it wrote
    into place and remove our own files of the other format that it did not write (an old
    `archive.xlsx` beside new jsonl files), so the folder holds one consistent export.

    Only what an export wrote is ever replaced or removed: the manifest (MANIFEST) records
    each file's SHA-256 as written, and a file by one of our `names` that it does not
    vouch for (a user's own `papers.jsonl`, or ours edited since) stops the export before
    anything is written, unless `force`; a file of the other format that it does not vouch
    for is left alone. Any failure before the move leaves the previous export as it was;
    the temporary folder is always removed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = _manifest(out_dir)
    if not force:
        _refuse_foreign(out_dir, names, manifest)
    tmp = Path(tempfile.mkdtemp(prefix=".jarap-export-", dir=out_dir))
    try:
        result = write(tmp)
        written = {p.name: _sha256(p) for p in sorted(tmp.iterdir())}
        for name in written:
            os.replace(tmp / name, out_dir / name)
        for name in OWN_FILES:
            if name not in written and _ours(out_dir, name, manifest):
                (out_dir / name).unlink()
        (tmp / MANIFEST).write_text(
            json.dumps({"written_by": "jarap export", "files": written}, indent=1) + "\n",
            encoding="utf-8",
        )
        os.replace(tmp / MANIFEST, out_dir / MANIFEST)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return result


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def export_jsonl(engine: Engine, out_dir: Path, *, force: bool = False) -> dict[str, int]:
    """Write the five files (see `publish`); returns how many lines each got."""
    records = export_records(engine)

    def write(folder: Path) -> dict[str, int]:
        for name, rows in records.items():
            write_jsonl(folder / f"{name}.jsonl", rows)
        return {name: len(rows) for name, rows in records.items()}

    return publish(out_dir, [f"{name}.jsonl" for name in FILES], write, force=force)
