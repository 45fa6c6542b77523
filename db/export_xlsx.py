"""`jarap export --format xlsx`: the interchange-v1 entities as one Excel workbook.

One sheet per interchange file (papers, recommendations, actions, audits, history) with the
contract's fields as columns, in the contract's order: a DateValue `x` becomes `x_raw`,
`x_date` (an Excel date) and `x_precision`; a list becomes one cell joined with "; " (a list
of DateValues gives three such cells); an object (declared counts) is written as JSON.
A `data_quality` sheet lists what a migration lead must look at before importing.
Needs openpyxl (the `xlsx` extra).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jarap.db.export import export_records, load_papers, vanished_records
from jarap.db.linker import LOW_CONFIDENCE
from jarap.model import LinkRow, PaperRow, RecommendationRow

WORKBOOK = "archive.xlsx"
SEP = "; "
CELL_MAX = 32767  # Excel's limit on one cell's text

# field kinds: s = scalar, d = DateValue, l = list of str, dl = list of DateValue,
# j = object (JSON), u = action updates [{date, text}]
SHEETS: dict[str, list[tuple[str, str]]] = {
    "papers": [
        ("paper_id", "s"), ("source_file", "s"), ("sha256", "s"), ("format", "s"),
        ("kind", "s"), ("title", "s"), ("organisation", "s"), ("paper_date", "d"),
        ("pages", "s"), ("declared_counts", "j"), ("extracted_counts", "j"),
        ("reconciled", "s"), ("warnings", "l"),
    ],
    "recommendations": [
        ("paper_id", "s"), ("source_file", "s"), ("paper_date", "d"),
        ("recommendation_id", "s"), ("audit_title", "s"), ("assurance", "s"),
        ("audit_date", "d"), ("ref", "s"), ("title", "s"), ("priority", "s"),
        ("priority_level", "s"), ("section", "s"), ("status", "s"), ("rag", "s"),
        ("owners", "l"), ("original_target", "d"), ("target_history", "dl"),
        ("current_target", "d"), ("update_dates", "dl"), ("text", "s"),
        ("page_start", "s"), ("page_end", "s"),
    ],
    "actions": [
        ("paper_id", "s"), ("action_id", "s"), ("meeting_date", "d"), ("minute", "s"),
        ("paper_ref", "s"), ("action", "s"), ("owners", "l"), ("target", "d"),
        ("updates", "u"), ("status", "s"),
    ],
    "audits": [
        ("paper_id", "s"), ("ref", "s"), ("title", "s"), ("published", "d"),
        ("follow_up", "d"), ("lead", "s"), ("governance", "s"), ("assurance", "s"),
        ("on_track", "s"), ("update", "s"),
    ],
    "history": [
        ("recommendation_id", "s"), ("audit_title", "s"), ("audit_date", "d"), ("ref", "s"),
        ("title", "s"), ("priority_level", "s"), ("first_seen", "d"), ("last_seen", "d"),
        ("papers", "s"), ("original_target", "d"), ("latest_target", "d"),
        ("revisions", "s"), ("slippage_days", "s"), ("latest_status", "s"),
        ("closed_by", "d"),
    ],
}  # fmt: skip

QUALITY_COLUMNS = [
    "issue", "source_file", "paper_id", "recommendation_id", "audit_title", "audit_date",
    "ref", "title", "score", "detail",
]  # fmt: skip


def columns(sheet: str) -> list[str]:
    """The header row of one entity sheet."""
    out: list[str] = []
    for name, kind in SHEETS[sheet]:
        if kind in ("d", "dl"):
            out += [f"{name}_raw", f"{name}_date", f"{name}_precision"]
        else:
            out.append(name)
    return out


def _iso(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def flatten(sheet: str, record: dict[str, Any]) -> list[Any]:
    """One interchange record as the cells of its sheet row."""
    cells: list[Any] = []
    for name, kind in SHEETS[sheet]:
        value = record.get(name)
        if kind == "d":
            value = value or {}
            cells += [value.get("raw"), _iso(value.get("date")), value.get("precision")]
        elif kind == "dl":
            items = value or []
            cells += [
                SEP.join(str(d.get("raw") or "") for d in items) or None,
                SEP.join(str(d.get("date") or "") for d in items) or None,
                SEP.join(str(d.get("precision") or "") for d in items) or None,
            ]
        elif kind == "l":
            cells.append(SEP.join(str(v) for v in value or []) or None)
        elif kind == "j":
            cells.append(json.dumps(value, ensure_ascii=False) if value is not None else None)
        elif kind == "u":
            parts = [
                f"{(u.get('date') or {}).get('raw') or 'undated'}: {u.get('text', '')}"
                for u in value or []
            ]
            cells.append(SEP.join(parts) or None)
        else:
            cells.append(value)
    return cells


def data_quality_rows(engine: Engine) -> list[dict[str, Any]]:
    """What a migration lead must check: unreconciled papers, recommendations without an
    owner or a readable target, low-confidence links, recommendations that vanished."""
    rows: list[dict[str, Any]] = []
    with Session(engine) as session:
        papers = load_papers(session)
        for p in papers:
            if p.reconciled is False:
                rows.append(
                    {
                        "issue": "paper does not reconcile",
                        "source_file": p.source_file,
                        "paper_id": p.paper_id,
                        "detail": SEP.join(p.warnings or []) or "declared counts differ",
                    }
                )
        latest: dict[str, tuple[RecommendationRow, PaperRow]] = {}
        for p in papers:  # oldest first, so the last one kept is the latest snapshot
            for r in p.recommendations:
                latest[r.recommendation_id] = (r, p)
        for r, p in latest.values():
            if r.status == "closed":
                continue  # nothing left to own or to meet
            base = _rec_cells(r, p)
            if not any(not o.former for o in r.owners):
                rows.append({**base, "issue": "no owner", "detail": f"status {r.status}"})
            if r.current_target is None:
                detail = (
                    f"target {r.current_target_raw!r} is not a date"
                    if r.current_target_raw
                    else "no target stated"
                )
                rows.append({**base, "issue": "no parsable target", "detail": detail})
        stmt = (
            select(LinkRow, RecommendationRow, PaperRow)
            .join(RecommendationRow, RecommendationRow.id == LinkRow.recommendation_pk)
            .join(PaperRow, PaperRow.paper_id == RecommendationRow.paper_id)
            .where(LinkRow.score < LOW_CONFIDENCE)
            .order_by(LinkRow.score, PaperRow.paper_date, RecommendationRow.seq)
        )
        for link, r, p in session.execute(stmt):
            rows.append(
                {
                    **_rec_cells(r, p),
                    "issue": f"low-confidence link ({link.method})",
                    "score": link.score,
                    "detail": link.matched_to,
                }
            )
        for v in vanished_records(papers):
            rows.append(
                {
                    "issue": "vanished without closure",
                    "source_file": v["source_file"],
                    "recommendation_id": v["recommendation_id"],
                    "audit_title": v["audit_title"],
                    "audit_date": v["audit_date"],
                    "ref": v["ref"],
                    "title": v["title"],
                    "detail": v["warning"],
                }
            )
    return rows


def _rec_cells(r: RecommendationRow, p: PaperRow) -> dict[str, Any]:
    return {
        "source_file": p.source_file,
        "paper_id": p.paper_id,
        "recommendation_id": r.recommendation_id,
        "audit_title": r.audit_title,
        "audit_date": r.audit_date_raw,
        "ref": r.ref,
        "title": r.title,
    }


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > CELL_MAX:
            value = value[: CELL_MAX - 20] + " …[truncated]"
    return value


def export_xlsx(engine: Engine, out_dir: Path) -> dict[str, int]:
    """Write `archive.xlsx` into out_dir; returns the rows written per sheet."""
    try:
        from openpyxl import Workbook
    except ImportError as exc:
        raise RuntimeError("xlsx export needs openpyxl: pip install 'jarap-archive[xlsx]'") from exc
    out_dir.mkdir(parents=True, exist_ok=True)
    records = export_records(engine)
    quality = data_quality_rows(engine)
    wb = Workbook()
    wb.remove(wb.active)
    counts: dict[str, int] = {}
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet)
        header = columns(sheet)
        ws.append(header)
        for record in records.get(sheet, []):
            ws.append([_clean(c) for c in flatten(sheet, record)])
        for i, name in enumerate(header, 1):
            if name.endswith("_date"):
                for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.number_format = "yyyy-mm-dd"
        ws.freeze_panes = "A2"
        counts[sheet] = len(records.get(sheet, []))
    ws = wb.create_sheet("data_quality")
    ws.append(QUALITY_COLUMNS)
    for row in quality:
        ws.append([_clean(row.get(c)) for c in QUALITY_COLUMNS])
    ws.freeze_panes = "A2"
    counts["data_quality"] = len(quality)
    wb.save(out_dir / WORKBOOK)
    return counts
