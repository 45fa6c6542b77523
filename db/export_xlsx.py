"""`jarap export --format xlsx`: the interchange-v1 entities as one Excel workbook.

One sheet per interchange file (papers, recommendations, actions, audits, history) with the
contract's fields as columns, in the contract's order: a DateValue `x` becomes `x_raw`,
`x_date` (an Excel date) and `x_precision`; a list of names becomes one cell joined with
"; "; a paper's declared and extracted counts give its total as a cell and every figure
as a row of the `counts` sheet (numbers, not a JSON string). Lists of dated items get a
sheet of their own with one row per item (`target_history`, `updates`, `action_updates`),
keyed by paper and recommendation (or action), because an importer takes rows, not joined
strings. A `data_quality` sheet lists what a migration lead must look at before importing.

Made for import and for print: the header row in words (`labels`: "Paper date", "Paper date
as printed", not `paper_date_date`), bold, with autofilter and frozen; column widths from
the content, text wrapped in them; every date a real Excel date; landscape pages one page
wide with the header on each; and every text cell that a spreadsheet would run as a formula
(`=HYPERLINK(…)` printed in a paper) stored as text. Needs openpyxl (the `xlsx` extra).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jarap.db.export import WORKBOOK, export_records, load_papers, publish, vanished_records
from jarap.db.linker import LOW_CONFIDENCE
from jarap.db.sql import FORMULA_START
from jarap.db.twins import current_twins, problem_lines
from jarap.extract.vocab import Status
from jarap.model import LinkRow, PaperRow, RecommendationRow

__all__ = ["WORKBOOK", "export_xlsx"]

SEP = "; "
CELL_MAX = 32767  # Excel's limit on one cell's text
WIDTH_MIN, WIDTH_MAX = 8, 60  # column widths, in characters
WIDTH_ROWS = 500  # rows looked at to size a column

# field kinds: s = scalar, d = DateValue, l = list of str, j = object (JSON), c = a paper's
# counts (its total is a cell; every figure is one row of the `counts` sheet); the lists of
# dated items (dl = list of DateValue, u = action updates [{date, text}]) are not cells of
# the entity's sheet: each item is one row of an item sheet (ITEM_SHEETS)
SHEETS: dict[str, list[tuple[str, str]]] = {
    "papers": [
        ("paper_id", "s"), ("source_file", "s"), ("sha256", "s"), ("format", "s"),
        ("kind", "s"), ("title", "s"), ("organisation", "s"), ("paper_date", "d"),
        ("pages", "s"), ("declared_counts", "c"), ("extracted_counts", "c"),
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

ITEM_SHEETS: dict[str, list[str]] = {
    "target_history": [
        "paper_id", "paper_date", "recommendation_id", "audit_title", "ref", "position",
        "target_raw", "target_date", "target_precision", "struck",
    ],
    "updates": [
        "paper_id", "paper_date", "recommendation_id", "audit_title", "ref", "position",
        "heading", "update_raw", "update_date", "update_precision", "text",
    ],
    "action_updates": [
        "paper_id", "action_id", "position", "update_raw", "update_date", "update_precision",
        "text",
    ],
    "counts": ["paper_id", "source_file", "figures", "scope", "key", "count"],
}  # fmt: skip

QUALITY_COLUMNS = [
    "issue", "source_file", "paper_id", "recommendation_id", "audit_title", "audit_date",
    "ref", "title", "score", "detail",
]  # fmt: skip
# `score`, 0-1, how far the row's subject can be trusted: for a paper the share of its own
# printed counts that the extracted rows regenerate; for a recommendation the linker's
# confidence that this snapshot belongs to its recommendation_id (links.score)


def columns(sheet: str) -> list[str]:
    """The header row of one entity sheet."""
    out: list[str] = []
    for name, kind in SHEETS[sheet]:
        if kind == "d":
            out += [f"{name}_raw", f"{name}_date", f"{name}_precision"]
        elif kind == "c":
            out.append(f"{name}_total")
        elif kind not in ITEM_KINDS:
            out.append(name)
    return out


ITEM_KINDS = ("dl", "u")


def item_sheet_of(sheet: str, field: str) -> str | None:
    """Where a list field of an entity sheet went (`target_history` -> its own sheet)."""
    kind = dict(SHEETS[sheet]).get(field)
    if kind == "c":
        return "counts"
    if kind not in ITEM_KINDS:
        return None
    return {"target_history": "target_history", "update_dates": "updates"}.get(
        field, "action_updates"
    )


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
        elif kind in ITEM_KINDS:
            continue
        elif kind == "l":
            cells.append(SEP.join(str(v) for v in value or []) or None)
        elif kind == "c":
            cells.append((value or {}).get("total"))
        elif kind == "j":
            cells.append(json.dumps(value, ensure_ascii=False) if value is not None else None)
        else:
            cells.append(value)
    return cells


def _paper_score(p: PaperRow) -> float | None:
    """Share of the paper's printed counts (total, proposed closed, each priority) that the
    extracted rows regenerate."""
    declared, got = p.declared_counts or {}, p.extracted_counts or {}
    checks = [(declared.get("total"), got.get("total"))]
    if declared.get("proposed_closed") is not None:
        checks.append((declared["proposed_closed"], got.get("proposed_closed")))
    found = got.get("by_priority") or {}
    checks += [(n, found.get(word, 0)) for word, n in (declared.get("by_priority") or {}).items()]
    checks = [(d, g) for d, g in checks if d is not None]
    if not checks:
        return None
    return round(sum(1 for d, g in checks if d == g) / len(checks), 3)


def data_quality_rows(engine: Engine) -> list[dict[str, Any]]:
    """What a migration lead must check: unreconciled papers, twins that read one paper
    differently, recommendations without an owner or a readable target, low-confidence
    links, recommendations that vanished."""
    rows: list[dict[str, Any]] = []
    with Session(engine) as session:
        papers = load_papers(session)
        link_of = {link.recommendation_pk: link for link in session.scalars(select(LinkRow))}
        rows += twin_rows(session)
        for p in papers:
            if p.reconciled is False:
                rows.append(
                    {
                        "issue": "paper does not reconcile",
                        "source_file": p.source_file,
                        "paper_id": p.paper_id,
                        "score": _paper_score(p),
                        "detail": SEP.join(p.warnings or []) or "declared counts differ",
                    }
                )
        latest: dict[str, tuple[RecommendationRow, PaperRow]] = {}
        for p in papers:  # oldest first, so the last one kept is the latest snapshot
            for r in p.recommendations:
                latest[r.recommendation_id] = (r, p)
        for r, p in latest.values():
            if r.status == Status.CLOSED:
                continue  # nothing left to own or to meet
            base = _rec_cells(r, p, link_of)
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
            .order_by(
                LinkRow.score,
                PaperRow.paper_date.asc().nulls_last(),
                PaperRow.source_file,
                RecommendationRow.seq,
            )
        )
        for link, r, p in session.execute(stmt):
            rows.append(
                {
                    **_rec_cells(r, p, link_of),
                    "issue": f"low-confidence link ({link.method})",
                    "detail": link.matched_to,
                }
            )
        for v in vanished_records(papers):
            r, p = latest[v["recommendation_id"]]
            rows.append(
                {
                    **_rec_cells(r, p, link_of),
                    "issue": "vanished without closure",
                    "detail": v["warning"],
                }
            )
    return rows


def _rec_cells(r: RecommendationRow, p: PaperRow, link_of: dict[int, LinkRow]) -> dict[str, Any]:
    link = link_of.get(r.id)
    return {
        "source_file": p.source_file,
        "paper_id": p.paper_id,
        "recommendation_id": r.recommendation_id,
        "audit_title": r.audit_title,
        "audit_date": r.audit_date,
        "ref": r.ref,
        "title": r.title,
        "score": link.score if link is not None else None,
    }


def item_rows(engine: Engine) -> dict[str, list[list[Any]]]:
    """The item sheets: one row per stated target, per dated update, per action update."""
    out: dict[str, list[list[Any]]] = {name: [] for name in ITEM_SHEETS if name != "counts"}
    with Session(engine) as session:
        for p in load_papers(session):
            for r in p.recommendations:
                key = [p.paper_id, p.paper_date, r.recommendation_id, r.audit_title, r.ref]
                for t in r.targets:
                    out["target_history"].append(
                        [*key, t.position, t.raw, t.date, t.precision, t.struck]
                    )
                for u in r.updates:
                    out["updates"].append(
                        [*key, u.position, u.heading, u.date_raw, u.date, u.precision, u.text]
                    )
            for a in p.actions:
                for au in a.updates:
                    out["action_updates"].append(
                        [
                            p.paper_id,
                            a.action_id,
                            au.position,
                            au.date_raw,
                            au.date,
                            au.precision,
                            au.text,
                        ]
                    )
    return out


# how each part of a paper's counts is named in the `counts` sheet
COUNT_SCOPES = {
    "total": "total",
    "proposed_closed": "proposed closed",
    "by_priority": "by priority",
    "by_rag": "by RAG",
    "by_audit": "by audit",
}


def count_rows(papers: list[dict[str, Any]]) -> list[list[Any]]:
    """Every figure of every paper's declared and extracted counts as one row with a real
    number (a count in a JSON string can be neither summed nor filtered)."""
    rows: list[list[Any]] = []

    def walk(key: list[str], value: Any, head: list[Any]) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk([*key, str(k)], v, head)
        elif isinstance(value, list):  # one set of counts per table, named by its caption
            for i, item in enumerate(value, 1):
                name = item.get("caption") if isinstance(item, dict) else None
                walk([*key, str(name or f"#{i}")], item, head)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            rows.append([*head, " / ".join(key) or None, value])

    for paper in papers:
        for field in ("declared_counts", "extracted_counts"):
            for scope, value in (paper.get(field) or {}).items():
                head = [
                    paper["paper_id"],
                    paper["source_file"],
                    field.removesuffix("_counts"),
                    COUNT_SCOPES.get(scope, scope.replace("_", " ")),
                ]
                walk([], value, head)
    return rows


# header words written as people write them
WORDS = {"id": "ID", "sha256": "SHA-256", "rag": "RAG", "url": "URL"}


def labels(header: list[str]) -> list[str]:
    """The header row people see: words, not field names. A DateValue's three columns
    (`x_raw`, `x_date`, `x_precision`) are "X as printed", "X" and "X precision"; other
    names have their underscores as spaces. `FIELDS` maps each label back."""
    names = set(header)
    out = []
    for name in header:
        stem, _, part = name.rpartition("_")
        if (
            stem
            and {f"{stem}_raw", f"{stem}_date"} <= names
            and part in ("raw", "date", "precision")
        ):
            words = (
                stem.split("_") + {"raw": ["as", "printed"], "date": [], "precision": [part]}[part]
            )
        else:
            words = name.split("_")
        words = [WORDS.get(w, w) for w in words]
        out.append(" ".join([words[0][:1].upper() + words[0][1:], *words[1:]]))
    return out


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > CELL_MAX:
            value = value[: CELL_MAX - 20] + " …[truncated]"
    return value


def _fill(ws: Any, header: list[str], rows: list[list[Any]]) -> None:
    """Header and rows, then what makes a sheet importable and printable: text that a
    spreadsheet would run as a formula stored as text, dates formatted as dates, text
    wrapped (long text stays in its column; a name never spills over an empty cell
    beside it), bold header in words, autofilter, frozen header, widths from the content,
    and a print setup (landscape, one page wide, the header on every page)."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.append(labels(header))
    for row in rows:
        ws.append([_clean(c) for c in row])
    widths = [len(h) for h in labels(header)]
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, cells in enumerate(ws.iter_rows(min_row=2), 2):
        for i, cell in enumerate(cells):
            value = cell.value
            if isinstance(value, str):
                if value.startswith(FORMULA_START):
                    cell.data_type = "s"  # openpyxl writes a str starting "=" as a formula
                cell.alignment = wrap
                size = len(value)
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
                size = 10
            else:
                size = len(str(value)) if value is not None else 0
            if r <= WIDTH_ROWS:
                widths[i] = max(widths[i], size)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = wrap
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(width, WIDTH_MIN), WIDTH_MAX) + 2
    ws.auto_filter.ref = ws.dimensions
    ws.freeze_panes = "A2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def export_xlsx(engine: Engine, out_dir: Path, *, force: bool = False) -> dict[str, int]:
    """Write `archive.xlsx` into out_dir (see `export.publish`); returns rows per sheet."""
    try:
        from openpyxl import Workbook
    except ImportError as exc:
        raise RuntimeError("xlsx export needs openpyxl: pip install 'jarap-archive[xlsx]'") from exc
    records = export_records(engine)
    items = item_rows(engine)
    quality = data_quality_rows(engine)
    wb = Workbook()
    wb.remove(wb.active)
    counts: dict[str, int] = {}
    for sheet in SHEETS:
        rows = [flatten(sheet, record) for record in records.get(sheet, [])]
        _fill(wb.create_sheet(sheet), columns(sheet), rows)
        counts[sheet] = len(rows)
    items["counts"] = count_rows(records.get("papers", []))
    for sheet, header in ITEM_SHEETS.items():
        _fill(wb.create_sheet(sheet), header, items[sheet])
        counts[sheet] = len(items[sheet])
    _fill(
        wb.create_sheet("data_quality"),
        QUALITY_COLUMNS,
        [[row.get(c) for c in QUALITY_COLUMNS] for row in quality],
    )
    counts["data_quality"] = len(quality)
    def write(folder: Path) -> dict[str, int]:
        # built in memory, then written in one go: openpyxl's ZipFile on a file that fails
        # mid-way (a full disk) is left open, and its __del__ prints a second traceback
        buffer = io.BytesIO()
        wb.save(buffer)
        (folder / WORKBOOK).write_bytes(buffer.getvalue())
        return counts

    return publish(out_dir, [WORKBOOK], write, force=force)


def twin_rows(session: Session) -> list[dict[str, Any]]:
    """One row per disagreement between a twin file and the paper kept (`db.twins`)."""
    files, twins = current_twins(session)
    out = []
    for twin in twins:
        kept = files.get(twin.twin_of or "", twin.twin_of or "")
        for line in problem_lines(twin, kept):
            out.append(
                {
                    "issue": "twins disagree",
                    "source_file": twin.source_file,
                    "paper_id": twin.paper_id,
                    "detail": line,
                }
            )
    return out
