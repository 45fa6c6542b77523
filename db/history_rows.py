"""The `histories` table: `db.history`'s meaning of every recommendation, for the views.

Written by the linker at the end of every run that changed anything (ids, papers, next
trackers), from the snapshots `v_snapshot` keeps (one per paper date, `links.format_no = 1`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from jarap.db.history import Seen, Stated, history_of
from jarap.model import LinkRow, PaperRow, RecommendationRow, TargetRevisionRow
from jarap.model.entities import HistoryRow

CHUNK = 5000  # ids per IN list (SQLite's and PostgreSQL's parameter limits)


def _stated(raw: str | None, date: dt.date | None, precision: str | None) -> Stated | None:
    if raw is None and date is None:
        return None
    return Stated(raw if raw is not None else date.isoformat(), date, precision)  # type: ignore[union-attr]


def store_histories(session: Session, only: set[str] | None = None) -> int:
    """Recompute the rows of `histories`: all of them, or `only` these recommendations'
    (an incremental link run: what it relinked, and what a moved next tracker touches);
    returns how many were written."""
    if only is None:
        session.execute(delete(HistoryRow))
        rows = _kept_rows(session, None)
    else:
        rows = []
        ids = sorted(only)
        for i in range(0, len(ids), CHUNK):
            chunk = ids[i : i + CHUNK]
            session.execute(delete(HistoryRow).where(HistoryRow.recommendation_id.in_(chunk)))
            rows += _kept_rows(session, chunk)
    return _write(session, rows)


def _kept_rows(session: Session, ids: list[str] | None) -> list[Any]:
    r, lk, p = RecommendationRow.__table__.c, LinkRow.__table__.c, PaperRow.__table__.c
    stmt = (  # Core: columns only (an ORM select costs ~2x to compile)
        select(
            r.id,
            lk.recommendation_id,
            p.paper_date,
            p.paper_id,
            p.next_tracker_date,
            p.source_file,
            r.status,
            r.current_target_raw,
            r.current_target,
            r.current_target_precision,
        )
        .select_from(LinkRow.__table__)
        .join(RecommendationRow.__table__, r.id == lk.recommendation_pk)
        .join(PaperRow.__table__, p.paper_id == r.paper_id)
        .where(lk.format_no == 1)
    )
    if ids is not None:
        stmt = stmt.where(lk.recommendation_id.in_(ids))
    return list(session.connection().execute(stmt))  # Core rows: no ORM overhead


def _write(session: Session, rows: list[Any]) -> int:
    targets: dict[int, list[Stated]] = defaultdict(list)
    pks = [r.id for r in rows]
    tr = TargetRevisionRow.__table__.c
    for i in range(0, len(pks), CHUNK):
        chunk = pks[i : i + CHUNK]
        for t in session.connection().execute(
            select(tr.recommendation_pk, tr.raw, tr.date, tr.precision)
            .where(tr.recommendation_pk.in_(chunk))
            .order_by(tr.recommendation_pk, tr.position)
        ):
            value = _stated(t.raw, t.date, t.precision)
            if value is not None:
                targets[t.recommendation_pk].append(value)
    groups: dict[str, list[tuple[tuple[bool, dt.date, str], Seen]]] = defaultdict(list)
    for r in rows:
        order = (r.paper_date is None, r.paper_date or dt.date.min, r.paper_id)
        seen = Seen(
            paper_date=r.paper_date,
            status=r.status,
            targets=targets.get(r.id, []),
            current=_stated(r.current_target_raw, r.current_target, r.current_target_precision),
            next_tracker=r.next_tracker_date,
            source_file=r.source_file,
        )
        groups[r.recommendation_id].append((order, seen))
    values = []
    for rid, snapshots in groups.items():
        snapshots.sort(key=lambda x: x[0])
        h = history_of([s for _o, s in snapshots])
        o, lt = h.original_target, h.latest_target
        values.append(
            {
                "recommendation_id": rid,
                "original_target_raw": o.raw if o else None,
                "original_target": o.date if o else None,
                "original_target_precision": o.precision if o and o.date else None,
                "latest_target_raw": lt.raw if lt else None,
                "latest_target": lt.date if lt else None,
                "latest_target_precision": lt.precision if lt and lt.date else None,
                "revisions": h.revisions,
                "slippage_days": h.slippage_days,
                "latest_status": h.latest_status,
                "closed_by": h.closed_by,
                "vanished_from": h.vanished_from,
            }
        )
    if values:  # Core executemany: the ORM's bulk insert costs 3x as much here
        session.connection().execute(insert(HistoryRow), values)
    return len(values)
