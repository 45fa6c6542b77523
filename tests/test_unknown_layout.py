"""A paper no layout claims is still ingested: its paragraphs and every table cell are stored
with provenance and can be queried through `v_document_paragraphs` and `v_document_cells`;
the ingest line and `jarap check` say it is unknown. A scanned PDF is reported as needing OCR
and not counted as loaded."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from jarap.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
TEXT = (
    "Internal Audit Recommendations Tracker\n\n"
    "This paper reports progress on the open recommendations agreed with the panel.\n\n"
    "Audit\tRisk\tUpdate\n"
    "Fleet Management\t\tTarget date 31/03/2017 revised to 30/09/2017\n"
    "Payroll\tAmber\tComplete\n"
)


def _sql(db: str, query: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(cli, ["sql", query, "--db", db, "--format", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


@pytest.mark.parametrize("fmt", ["docx", "pdf", "txt"])
def test_unknown_layout_is_stored_and_its_tables_are_queryable(
    tmp_path: Path, db_path: str, fmt: str
) -> None:
    if fmt == "txt":
        paper = tmp_path / "formatting.txt"
        paper.write_text(TEXT, encoding="utf-8")
    else:
        paper = FIXTURES / f"formatting.{fmt}"
    result = CliRunner().invoke(cli, ["ingest", str(paper), "--db", db_path, "--jobs", "1"])
    assert result.exit_code == 1, result.output  # unknown layout: stored, and said so
    assert "layout=unknown" in result.output and "no known paper layout" in result.output
    paragraphs = _sql(db_path, "SELECT block, page, text FROM v_document_paragraphs")
    assert paragraphs[0]["text"] == "Internal Audit Recommendations Tracker"
    assert all(p["block"].startswith("#/blocks/") for p in paragraphs)
    assert (paragraphs[0]["page"] == "1") == (fmt == "pdf")
    cells = _sql(
        db_path,
        "SELECT table_no, row_no, col_no, text FROM v_document_cells "
        "WHERE text LIKE '%revised to%'",
    )
    assert len(cells) == 1
    assert (cells[0]["table_no"], cells[0]["row_no"], cells[0]["col_no"]) == ("0", "1", "2")
    assert cells[0]["text"].startswith("Target date 31/03/2017 revised to 30/09/2017")
    checked = CliRunner().invoke(cli, ["check", "--db", db_path])
    assert f"{paper.name}: unknown layout" in checked.output


def test_a_scanned_pdf_needs_ocr_and_is_not_loaded(tmp_path: Path, db_path: str) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes((FIXTURES / "no_text_layer.pdf").read_bytes())
    result = CliRunner().invoke(cli, ["ingest", str(scan), "--db", db_path, "--jobs", "1"])
    assert result.exit_code == 1
    assert "FAILED" in result.output and "no text layer" in result.output
    assert "loaded" not in result.output.split("linked")[0].replace("no text", "")
    assert _sql(db_path, "SELECT count(*) AS n FROM papers") == [{"n": "0"}]
