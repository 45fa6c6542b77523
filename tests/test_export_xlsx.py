"""`jarap export --format xlsx`: one workbook, the contract's entities plus a data-quality sheet."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from jarap.cli import cli
from jarap.db.export import MANIFEST
from jarap.db.export_xlsx import (
    ITEM_SHEETS,
    QUALITY_COLUMNS,
    SHEETS,
    columns,
    item_sheet_of,
    labels,
)

openpyxl = pytest.importorskip("openpyxl")

# the text conversion loses the Risk colours: its priority counts cannot reconcile
UNRECONCILED = SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.txt"
LATER = SAMPLES / "tracker-2021" / "northshire-tracker-2021-11.docx"
SCHEMAS = Path(__file__).resolve().parent.parent / "db" / "schemas"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Path]:
    tmp = tmp_path_factory.mktemp("xlsx")
    db = str(tmp / "archive.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(UNRECONCILED), str(LATER), "--db", db])
    assert result.exit_code == 0, result.output
    out = tmp / "out"
    result = runner.invoke(cli, ["export", "--db", db, "--out", str(out), "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    assert "archive.xlsx" in result.output and not (out / "papers.jsonl").exists()
    return openpyxl.load_workbook(out / "archive.xlsx"), tmp


def _header(ws) -> list[str]:  # type: ignore[no-untyped-def]
    """The sheet's field names, after checking its header row shows them in words."""
    if ws.title in SHEETS:
        names = columns(ws.title)
    else:
        names = ITEM_SHEETS.get(ws.title, QUALITY_COLUMNS)
    assert [c.value for c in ws[1]] == labels(names), ws.title
    return names


def test_one_sheet_per_entity_plus_data_quality(workbook: tuple) -> None:
    wb, _ = workbook
    assert wb.sheetnames == [*SHEETS, *ITEM_SHEETS, "data_quality"]
    for ws in wb.worksheets:
        assert _header(ws)  # the header row is the fields in words, in the fields' order


def test_columns_follow_the_contract(workbook: tuple) -> None:
    wb, _ = workbook
    for name in SHEETS:
        schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text())
        fields = list(schema["properties"])
        header = _header(wb[name])
        for field in fields:
            moved = item_sheet_of(name, field)
            assert (
                field in header
                or {f"{field}_raw", f"{field}_date"} <= set(header)
                or (moved is not None and moved in wb.sheetnames)
            ), (name, field)
    recs = wb["recommendations"]
    header = _header(recs)
    assert {"current_target_raw", "current_target_date", "current_target_precision"} <= set(header)
    assert "current_target" not in header


def test_cells_are_flattened(workbook: tuple) -> None:
    from jarap.db.engine import open_engine
    from jarap.db.export import export_records

    wb, tmp = workbook
    ws = wb["recommendations"]
    header = _header(ws)
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(2)]
    records = export_records(open_engine(str(tmp / "archive.db")))["recommendations"]
    assert [r["recommendation_id"] for r in rows] == [r["recommendation_id"] for r in records]
    dated = [r for r in rows if r["current_target_date"]]
    assert dated and all(isinstance(r["current_target_date"], dt.datetime) for r in dated)
    assert any(r["owners"] for r in rows)
    assert all(r["owners"] is None or isinstance(r["owners"], str) for r in rows)
    assert "target_history_raw" not in header  # a list of dates is an item sheet, not a cell


def test_data_quality_lists_the_unreconciled_paper(workbook: tuple) -> None:
    wb, _ = workbook
    ws = wb["data_quality"]
    rows = [dict(zip(QUALITY_COLUMNS, (c.value for c in r), strict=True)) for r in ws.iter_rows(2)]
    unreconciled = [r for r in rows if r["issue"] == "paper does not reconcile"]
    assert [r["source_file"] for r in unreconciled] == [UNRECONCILED.name]
    assert "declares" in unreconciled[0]["detail"]
    assert not any(r["source_file"] == LATER.name for r in unreconciled)
    issues = {r["issue"] for r in rows}
    assert issues <= {
        "paper does not reconcile",
        "no owner",
        "no parsable target",
        "vanished without closure",
    } | {r["issue"] for r in rows if r["issue"].startswith("low-confidence link")}


def test_default_format_is_still_jsonl(workbook: tuple) -> None:
    _, tmp = workbook
    out = tmp / "jsonl"
    result = CliRunner().invoke(cli, ["export", "--db", str(tmp / "archive.db"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == {f"{n}.jsonl" for n in SHEETS} | {MANIFEST}


def test_missing_openpyxl_is_a_clear_error(
    workbook: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, tmp = workbook
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    args = ["export", "--db", str(tmp / "archive.db"), "--out", str(tmp / "x")]
    result = CliRunner().invoke(cli, [*args, "--format", "xlsx"])
    assert result.exit_code == 1
    assert "Error: xlsx export needs openpyxl" in result.output
    assert "jarap-archive[xlsx]" in result.output


# --- made for the migration team ------------------------------------------------------------


def _sheet_rows(ws) -> list[dict]:  # type: ignore[no-untyped-def]
    header = _header(ws)
    return [dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(2)]


def test_every_sheet_has_bold_header_autofilter_and_widths(workbook: tuple) -> None:
    wb, _ = workbook
    for ws in wb.worksheets:
        assert all(c.font.bold for c in ws[1]), ws.title
        assert ws.auto_filter.ref == ws.dimensions, ws.title
        assert ws.freeze_panes == "A2", ws.title
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
        assert all(w and 8 <= w <= 62 for w in widths), (ws.title, widths)
    recs = wb["recommendations"]
    header = _header(recs)
    letter = recs.cell(1, header.index("text") + 1).column_letter
    assert recs.column_dimensions[letter].width > recs.column_dimensions["A"].width  # by content


def test_every_date_column_holds_real_dates(workbook: tuple) -> None:
    wb, _ = workbook
    dated_columns = 0
    for ws in wb.worksheets:
        for name in _header(ws):
            if not name.endswith("date"):
                continue
            values = [r[name] for r in _sheet_rows(ws) if r[name] is not None]
            assert all(isinstance(v, dt.datetime) for v in values), (ws.title, name, values[:3])
            dated_columns += bool(values)
    assert dated_columns >= 10
    quality = [r for r in _sheet_rows(wb["data_quality"]) if r["recommendation_id"]]
    assert quality and any(isinstance(r["audit_date"], dt.datetime) for r in quality)


def test_target_history_and_updates_are_one_row_per_item(workbook: tuple) -> None:
    from jarap.db.engine import open_engine
    from jarap.db.export import export_records
    from jarap.db.sql import run_query

    wb, tmp = workbook
    engine = open_engine(str(tmp / "archive.db"))
    records = export_records(engine)["recommendations"]
    sheet = _sheet_rows(wb["target_history"])
    for record in records:
        mine = [
            r
            for r in sheet
            if (r["paper_id"], r["recommendation_id"])
            == (record["paper_id"], record["recommendation_id"])
        ]
        assert [r["target_raw"] for r in mine] == [t["raw"] for t in record["target_history"]]
        assert [
            r["target_date"].date().isoformat() if r["target_date"] else None for r in mine
        ] == [t["date"] for t in record["target_history"]]
    assert any(len(r["target_history"]) >= 3 for r in records)  # revised ones are several rows
    updates = _sheet_rows(wb["updates"])
    (count,) = run_query(engine, "SELECT COUNT(*) FROM updates").rows[0]
    assert len(updates) == count > 0
    assert all(r["text"] for r in updates) and any(r["update_date"] for r in updates)


def test_data_quality_score_is_filled(workbook: tuple) -> None:
    wb, _ = workbook
    rows = _sheet_rows(wb["data_quality"])
    assert rows and all(isinstance(r["score"], int | float) and 0 <= r["score"] <= 1 for r in rows)
    (paper,) = [r for r in rows if r["issue"] == "paper does not reconcile"]
    # of its printed counts, the total (12), proposed closed (2) and Housekeeping (2) agree;
    # Fundamental (4 printed, 2 found) and Significant (6, 3) do not: 3 of 5
    assert paper["score"] == 0.6


# --- what a newcomer tripped over (issue 20, item 14) ---------------------------------------


def test_every_sheet_prints_landscape_one_page_wide_with_the_header_on_every_page(
    workbook: tuple,
) -> None:
    wb, _ = workbook
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), ws.title
        assert ws.print_title_rows == "$1:$1", ws.title


def test_headers_are_words_and_every_text_cell_wraps(workbook: tuple) -> None:
    """Every header of every sheet is words (no field name like `paper_date_date`), unique
    in its sheet; every text cell wraps (long text stays in its column, no cell spills
    over an empty one beside it)."""
    wb, _ = workbook
    for ws in wb.worksheets:
        shown = [c.value for c in ws[1]]
        assert all("_" not in h for h in shown) and len(set(shown)) == len(shown), shown
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.alignment.wrap_text, (ws.title, cell.coordinate)
    assert "Paper date" in [c.value for c in wb["papers"][1]]


def test_counts_are_numbers_in_cells_not_json(workbook: tuple) -> None:
    from jarap.db.engine import open_engine
    from jarap.db.export import export_records

    wb, tmp = workbook
    papers = export_records(open_engine(str(tmp / "archive.db")))["papers"]
    rows = _sheet_rows(wb["counts"])
    for paper in papers:
        for figures in ("declared", "extracted"):
            counts = paper[f"{figures}_counts"] or {}
            mine = {
                (r["scope"], r["key"]): r["count"]
                for r in rows
                if (r["paper_id"], r["figures"]) == (paper["paper_id"], figures)
            }
            if counts.get("total") is not None:
                assert mine[("total", None)] == counts["total"]
            for word, n in (counts.get("by_priority") or {}).items():
                assert mine[("by priority", word)] == n
    assert rows and all(isinstance(r["count"], int) for r in rows)
    for r in _sheet_rows(wb["papers"]):
        assert all(not isinstance(v, str) or not v.startswith("{") for v in r.values())
