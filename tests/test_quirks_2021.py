"""The 2021 layout's quirks paper (samples/generate_quirks_2021.py), read in all three formats:
one test per issue-8 pattern it carries, named after the pattern.

Each test first checks that the generated file really shows the pattern (so a regenerated
sample that lost it fails here), then what the pipeline read from it. The whole paper against
its truth is tests/test_samples.py.
"""

from __future__ import annotations

from functools import cache

import pytest
from sample_compare import FORMATS, SAMPLES, truth_papers

from jarap.convert import convert, convert_document
from jarap.extract.records import Paper, Recommendation
from jarap.extract.sorb import _from_lines
from jarap.extract.status import status_in_text
from jarap.extract.vocab import Status
from jarap.ingest import read_document
from jarap.ingest.document import Paragraph, Run

STEM = "fenmoor-tracker-quirks-2021-12"
TXT = SAMPLES / "tracker-2021-quirks" / f"{STEM}.txt"
PAYROLL = ("PAYROLL AND EXPENSES", "LIMITED ASSURANCE")
RECORDS = ("RECORDS MANAGEMENT", "SATISFACTORY ASSURANCE")


@cache
def _paper(fmt: str) -> Paper:
    conversion = convert(SAMPLES / "tracker-2021-quirks" / f"{STEM}.{fmt}")
    assert conversion.layout is not None and conversion.layout.name == "tracker-2021"
    return conversion.paper


def _rec(fmt: str, title: str) -> Recommendation:
    found = [r for r in _paper(fmt).recommendations if r.title == title]
    assert len(found) == 1, [(r.ref, r.title) for r in _paper(fmt).recommendations]
    return found[0]


def _txt_line(snippet: str) -> tuple[int, str]:
    lines = TXT.read_text(encoding="utf-8").split("\n")
    found = [(i, line) for i, line in enumerate(lines) if snippet in line]
    assert len(found) == 1, snippet
    return found[0]


def _audit(rec: Recommendation) -> tuple[str, str | None]:
    return rec.audit_title, rec.assurance


def test_quirks_paper_has_truth_in_three_formats() -> None:
    assert STEM in truth_papers()
    assert {p.suffix for p in (SAMPLES / "tracker-2021-quirks").glob(f"{STEM}.*")} == {
        ".docx",
        ".pdf",
        ".txt",
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_ditto_mark_glued_to_stray_cell_text(fmt: str) -> None:
    assert _txt_line("<p>“ “ I I</p>")[1].count("\t") == 4
    assert _txt_line("<p>“ End</p>")
    for title in ("Overpayment Recovery", "Allowance Eligibility Checks"):
        assert _audit(_rec(fmt, title)) == PAYROLL, (fmt, title)


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_audit_title_cell_is_the_audit_above(fmt: str) -> None:
    assert _txt_line("4.3 Starters and Leavers")[1].startswith("\t\t")
    rec = _rec(fmt, "Starters and Leavers")
    assert _audit(rec) == PAYROLL and rec.ref == "4.3"
    assert rec.owners == ["Insp Gareth Lowe"]


def test_next_audits_heading_in_the_last_row_of_the_previous_audit() -> None:
    """Text conversion: `“ End` and the Records Management heading share the last Payroll
    row's Audit Title cell; the first Records row's cell is empty."""
    glued = _txt_line("4.4 Allowance Eligibility Checks")[1].split("\t")[0]
    assert glued.startswith("<p>“ End</p>") and "RECORDS MANAGEMENT" in glued
    assert _txt_line("1.Records management")[1].startswith("\t\t")
    assert _audit(_rec("txt", "Allowance Eligibility Checks")) == PAYROLL
    records = _rec("txt", "Records management")
    assert _audit(records) == RECORDS
    assert records.audit_date.date.isoformat() == "2021-08-31"


@pytest.mark.parametrize("fmt", FORMATS)
def test_reference_with_no_space_after_its_dot(fmt: str) -> None:
    rec = _rec(fmt, "Records management")
    assert (rec.ref, _audit(rec)) == ("1", RECORDS)
    assert rec.owners == ["Mr Rhodri Vance"]


def test_short_row_cells_are_placed_by_what_they_hold() -> None:
    """Text conversion: the empty Risk cell of `2 Retention Reviews` was not written (four
    cells under a five-column header)."""
    _i, line = _txt_line("2 Retention Reviews")
    assert line.count("\t") == 3
    rec = _rec("txt", "Retention Reviews")
    assert (rec.ref, _audit(rec)) == ("2", RECORDS)
    assert rec.priority == "Housekeeping"  # printed in the text: read from the update cell
    assert rec.owners == ["Mr Rhodri Vance"]
    assert rec.current_target.date.isoformat() == "2022-03-31"


def test_continuation_line_one_cell_short_joins_the_last_column() -> None:
    """Text conversion: the page-break continuation of `4.2 Mobile Device Disposal` has three
    leading TABs instead of four."""
    i, _line = _txt_line("4.2 Mobile Device Disposal")
    lines = TXT.read_text(encoding="utf-8").split("\n")
    assert lines[i + 1] == "" and lines[i + 2].startswith("\t\t\t<p>")
    assert lines[i + 2].count("\t") == 3
    rec = _rec("txt", "Mobile Device Disposal")
    assert "removed when the Panel agrees" in rec.source_text
    assert rec.title == "Mobile Device Disposal" and rec.ref == "4.2"


def test_tab_led_line_that_starts_an_item_is_a_new_row() -> None:
    """Text conversion: after a blank line, `| | Payroll Accuracy | 4.3 Starters …` begins a
    new item although its first written cell is the Threat column, not the reference."""
    i, _line = _txt_line("4.3 Starters and Leavers")
    assert TXT.read_text(encoding="utf-8").split("\n")[i - 1] == ""
    above, rec = _rec("txt", "Overpayment Recovery"), _rec("txt", "Starters and Leavers")
    assert above.owners == ["Mrs Nadia Fenwick"] and rec.owners == ["Insp Gareth Lowe"]
    assert "Starters" not in above.source_text


@pytest.mark.parametrize("fmt", FORMATS)
def test_last_closure_signal_in_reading_order_wins(fmt: str) -> None:
    """`Proposed closed? No` in the June update, `PROPOSED CLOSED` after the November one."""
    rec = _rec(fmt, "Asset Register Reconciliation")
    text = rec.source_text
    assert text.index("Proposed closed? No") < text.index("PROPOSED CLOSED")
    assert status_in_text(text).status == Status.PROPOSED_CLOSED  # the text says it itself
    assert rec.status == Status.PROPOSED_CLOSED


@pytest.mark.parametrize("fmt", FORMATS)
def test_superseded_wherever_printed(fmt: str) -> None:
    """`superseded` in the August update decides over a later `Proposed closed? no`."""
    rec = _rec(fmt, "Mobile Device Disposal")
    text = " ".join(rec.source_text.split())
    assert text.index("superseded") < text.index("closed? no")
    assert rec.status == Status.SUPERSEDED


@pytest.mark.parametrize("fmt", FORMATS)
def test_sorb_status_column_decides_not_a_body_beginning_closed(fmt: str) -> None:
    sorb = {r.title: r for r in _paper(fmt).recommendations if r.section == "sorb"}
    assert sorb["Closed File Storage"].text.startswith("Closed files")
    assert sorb["Closed File Storage"].status == Status.OPEN
    assert sorb["Spare Device Stock"].status == Status.CLOSED  # `Closed at May SORB`


def test_sorb_list_flattened_into_lines_status_column_decides() -> None:
    """The same list as a converter that flattens the table prints it: one line per cell
    paragraph. A text line beginning `Closed` is not the progress column, and the column's
    second line (`Closed at May SORB`, after `SORB`) still belongs to its recommendation."""
    lines = [
        "Records Management",
        "Housekeeping 3 Closed File Storage",
        "Closed files should be archived within 30 days.",
        "SORB",
        "ICT Asset Management",
        "Housekeeping 4.4 Spare Device Stock",
        "Spare devices should be counted every quarter.",
        "SORB",
        "Closed at May SORB",
    ]
    recs = _from_lines([Paragraph(runs=[Run(t)]) for t in lines])
    assert [(r.ref, r.status, r.text) for r in recs] == [
        ("3", Status.OPEN, "Closed files should be archived within 30 days."),
        ("4.4", Status.CLOSED, "Spare devices should be counted every quarter."),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_ditto_audit_cell_is_a_stated_audit_the_cover_cannot_refile(fmt: str) -> None:
    """A row whose Audit Title cell holds a ditto mark states its audit (the one above): a
    cover table naming another audit for it is a disagreement to report, not a reason to
    move the recommendation (only a row that prints no audit may be refiled). The sample is
    read as it is; only the cover table's audit name is changed in the Document read."""
    doc = read_document(SAMPLES / "tracker-2021" / f"northshire-tracker-2021-07.{fmt}")
    cover = next(t for t in doc.tables if t.rows[0].cells[0].text == "Audit Title")
    cell = cover.rows[1].cells[0]
    assert cell.text == "Estates Maintenance"
    cell.paragraphs[0].runs = [Run("Harbour Maintenance")]
    result = convert_document(doc).paper
    assert result is not None
    key_register = next(r for r in result.recommendations if r.ref == "4.3" and "Key" in r.title)
    assert key_register.audit_title == "ESTATES MAINTENANCE"
    assert any(
        w.startswith("proposed-closed table lists Harbour Maintenance 4.2")
        and w.endswith("not found in the appendix")
        for w in result.warnings
    ), result.warnings
