"""The 2022–25 table layout's quirks paper (samples/generate_quirks_2022.py): one named test
per converter artefact or cover-table pattern it carries, each on the real generated files.
(That the paper matches its truth in all three formats is tests/test_samples.py.)"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from sample_compare import sample_conversion

from jarap.convert import Conversion, convert
from jarap.extract.cover import read_target_table
from jarap.extract.records import CoverCheck, Paper, Recommendation
from jarap.ingest import read_document
from jarap.ingest.document import Document
from jarap.ingest.pdf_reader import BACKENDS

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "tracker-2022"
STEM = "kelstow-tracker-quirks-2022"
FORMATS = ("docx", "pdf", "txt")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def path(fmt: str) -> Path:
    return SAMPLES / f"{STEM}.{fmt}"


def conversion(fmt: str) -> Conversion:
    return sample_conversion(path(fmt), "tracker-2022")


def paper(fmt: str) -> Paper:
    result = conversion(fmt).paper
    assert result is not None
    return result


def rec(fmt: str, audit: str, ref: str) -> Recommendation:
    found = [r for r in paper(fmt).recommendations if r.audit_title == audit and r.ref == ref]
    assert len(found) == 1, [(r.audit_title, r.ref) for r in paper(fmt).recommendations]
    return found[0]


def txt_line(start: str) -> str:
    """The one line of the text conversion whose cells include one starting `start`."""
    lines = path("txt").read_text(encoding="utf-8").splitlines()
    hits = [ln for ln in lines if any(c.startswith(start) for c in ln.split("\t"))]
    assert len(hits) == 1, hits
    return hits[0]


def appendix_rows(doc: Document) -> list:
    table = next(t for t in doc.tables if t.rows and t.rows[0].texts[:2] == ["Audit Title", "Risk"])
    return table.rows[1:]


def updates(r: Recommendation) -> list[str]:
    return [u.date.date.isoformat() for u in r.updates if u.date is not None]


# -- text conversion -----------------------------------------------------------------------


def test_short_row_cells_are_placed_by_what_they_hold() -> None:
    """The empty Risk cell of 4.1 was not written: 3 cells under a 4-column header."""
    assert len(txt_line("<p>RECORDS MANAGEMENT").split("\t")) == 3
    r = rec("txt", "RECORDS MANAGEMENT", "4.1")
    assert (r.title, r.priority, r.assurance) == ("Retention Schedule", "High", "LIMITED OPINION")
    assert r.owners == ["Mr Owen Tarrant"]
    assert r.current_target.date.isoformat() == "2025-01-31"


def test_tab_led_line_after_a_blank_line_that_starts_an_item_is_a_new_row() -> None:
    lines = path("txt").read_text(encoding="utf-8").splitlines()
    line = next(ln for ln in lines if ln.startswith("\t\t3. Pool Car"))
    assert lines[lines.index(line) - 1] == ""
    r = rec("txt", "FLEET MANAGEMENT", "3")
    assert (r.title, r.priority, r.owners) == ("Pool Car Decommissioning", "Low", ["Sgt Dana Pell"])


def test_tab_led_line_after_a_continuation_that_starts_an_item_is_a_new_row() -> None:
    lines = path("txt").read_text(encoding="utf-8").splitlines()
    line = txt_line("<p>4.2 Access")
    assert line.startswith("\t\t") and lines[lines.index(line) - 1].startswith("\t\t\t")
    r = rec("txt", "RECORDS MANAGEMENT", "4.2")
    assert (r.title, r.priority) == ("Access to Archived Files", "Medium")
    assert rec("txt", "RECORDS MANAGEMENT", "4.1").owners == ["Mr Owen Tarrant"]


def test_continuation_one_cell_short_joins_the_long_last_cell() -> None:
    """fleet-1's page-break continuation lost one empty leading cell (3 under 4 columns)."""
    assert txt_line("<p><b>UPDATE October 2024:</b> The remaining vans").count("\t") == 2
    r = rec("txt", "FLEET MANAGEMENT", "1")
    assert updates(r) == ["2024-07-31", "2024-10-31"]
    assert r.title == "Telematics Rollout"


def test_continuation_belongs_to_the_row_above_not_an_older_row_of_its_width() -> None:
    """A 4-cell continuation after the 3-cell row 4.1 is the rest of 4.1, not of 3. (the
    latest 4-cell row)."""
    assert txt_line("<p><b>UPDATE October 2024:</b> The schedule").startswith("\t\t\t")
    assert updates(rec("txt", "RECORDS MANAGEMENT", "4.1")) == ["2024-07-31", "2024-10-31"]
    assert updates(rec("txt", "FLEET MANAGEMENT", "3")) == ["2024-10-31"]


def test_recommendation_printed_as_paragraphs_between_rows() -> None:
    lines = path("txt").read_text(encoding="utf-8").splitlines()
    at = lines.index("2. Fuel Card Controls")
    assert lines[at + 1].startswith("**Medium Priority Recommendation:**")
    r = rec("txt", "FLEET MANAGEMENT", "2")
    assert (r.title, r.priority, r.owners) == ("Fuel Card Controls", "Medium", ["Mrs Ada Quist"])
    assert updates(r) == ["2024-10-31"] and updates(rec("txt", "FLEET MANAGEMENT", "1"))


def test_next_audits_heading_in_the_last_row_of_the_previous_audit() -> None:
    """PAYROLL's heading landed on the continuation line of 4.3 (the bottom of that row)."""
    assert txt_line("<p>PAYROLL</p>").startswith("<p>PAYROLL</p>")
    last = rec("txt", "RECORDS MANAGEMENT", "4.3")
    assert (last.assurance, last.audit_date.date.isoformat()) == ("LIMITED OPINION", "2024-02-29")
    assert "The first collection is booked for December." in last.text or any(
        "first collection" in u.text for u in last.updates
    )
    first = rec("txt", "PAYROLL", "1")
    assert (first.title, first.assurance) == ("Overtime Approval", "MODERATE OPINION")


@pytest.mark.parametrize("fmt", FORMATS)
def test_reference_with_no_space_after_its_dot(fmt: str) -> None:
    r = rec(fmt, "FLEET MANAGEMENT", "1")
    assert r.title == "Telematics Rollout"
    assert r.provenance["ref"].text.startswith("1.Telematics")


# -- PDF and Word --------------------------------------------------------------------------


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_nested_date_table_stays_inside_its_cell(backend: str) -> None:
    """The small `date | progress` table in 1.'s update cell: one paragraph per nested row
    in that cell, never rows of the appendix table (nor refs like `27 th Aug 2024`)."""
    doc = read_document(path("pdf"), backend)
    rows = appendix_rows(doc)
    assert len(rows) == 10
    cell = rows[0].cells[3]
    texts = [p.text for p in cell.paragraphs]
    assert "27th Aug 2024 | Trackers fitted to 20 of 60 vans." in texts
    assert "30th Sep 2024 | Trackers fitted to 45 of 60 vans." in texts
    at = texts.index("27th Aug 2024 | Trackers fitted to 20 of 60 vans.")
    assert texts[at - 1].startswith("Update July 2024:")
    assert texts[at + 2].startswith("UPDATE October 2024:")


def test_docx_reader_keeps_a_nested_table_inside_its_cell() -> None:
    with zipfile.ZipFile(path("docx")) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    assert len(root.findall(f".//{W}tc//{W}tbl")) == 1  # a real table inside a cell
    doc = read_document(path("docx"))
    rows = appendix_rows(doc)
    assert len(rows) == 10
    texts = [p.text for p in rows[0].cells[3].paragraphs]
    at = texts.index("27th Aug 2024 | Trackers fitted to 20 of 60 vans.")
    assert texts[at + 1] == "30th Sep 2024 | Trackers fitted to 45 of 60 vans."
    assert [r.ref for r in paper("docx").recommendations].count("27") == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_broken_by_a_manual_line_break_stays_whole(fmt: str) -> None:
    r = rec(fmt, "RECORDS MANAGEMENT", "4.3")
    assert r.title == "Disposal of Paper Files"
    assert not r.text.startswith("Paper Files")


def test_title_line_break_is_in_every_file() -> None:
    """So the test above can fail: each format really carries the break."""
    with zipfile.ZipFile(path("docx")) as z:
        assert b"Disposal of</w:t><w:br/><w:t>Paper Files" in z.read("word/document.xml")
    assert "<p>4.3 Disposal of<br>Paper Files</p>" in path("txt").read_text(encoding="utf-8")
    rows = appendix_rows(read_document(path("pdf")))
    assert [p.text for p in rows[5].cells[2].paragraphs] == ["4.3 Disposal of", "Paper Files"]


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_word_broken_at_a_narrow_cell_edge_is_rejoined(backend: str) -> None:
    """The narrow reference column breaks `Recommendation` and `Decommissioning` at its
    edge; a word that merely wrapped (`1.Telematics` / `Rollout`) keeps its space."""
    doc = read_document(path("pdf"), backend)
    header = next(t for t in doc.tables if t.rows[0].texts[:2] == ["Audit Title", "Risk"])
    assert header.rows[0].texts[2] == "Recommendation Reference"
    rows = appendix_rows(doc)
    assert rows[2].cells[2].text == "3. Pool Car Decommissioning"
    assert rows[0].cells[2].text == "1.Telematics Rollout"
    assert rows[4].cells[2].text == "4.2 Access to Archived Files"


# -- the cover tables as evidence ----------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_target_table_with_audit_heading_rows_is_read_in_every_format(fmt: str) -> None:
    rows = read_target_table(read_document(path(fmt)))
    assert [(r.audit_title, r.ref) for r in rows] == [
        ("FLEET MANAGEMENT", "1"),
        ("FLEET MANAGEMENT", "2"),
        ("FLEET MANAGEMENT", "3"),
        ("RECORDS MANAGEMENT", "4.1"),
        ("RECORDS MANAGEMENT", "4.2"),
        ("RECORDS MANAGEMENT", "4.3"),
        ("PAYROLL", "1"),
        ("PAYROLL", "2"),
        ("FIREARMS LICENSING", "1"),
        ("FIREARMS LICENSING", "2"),
    ]
    assert rows[0].audit_date.date.isoformat() == "2023-09-30"
    assert rows[5].title == "Disposal of Paper Files"
    assert (rows[4].original.date.isoformat(), rows[4].current.date.isoformat()) == (
        "2024-03-31",
        "2024-12-31",
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_target_table_fills_a_recommendation_without_a_target(fmt: str) -> None:
    r = rec(fmt, "RECORDS MANAGEMENT", "4.2")
    assert [t.value.date.isoformat() for t in r.targets] == ["2024-03-31", "2024-12-31"]
    assert r.current_target.date.isoformat() == "2024-12-31"
    source = r.provenance["current_target"]
    assert source == r.provenance["original_target"] == r.targets[0].source
    assert "4.2 Access to Archived Files" in source.text and "31st December 2024" in source.text
    assert source.block.startswith("#/blocks/") and "/rows/" in source.block


@pytest.mark.parametrize("fmt", FORMATS)
def test_target_table_that_differs_keeps_the_appendix_and_warns(fmt: str) -> None:
    r = rec(fmt, "PAYROLL", "1")
    assert r.current_target.date.isoformat() == "2024-09-30"
    assert paper(fmt).warnings == [
        "target-date table gives PAYROLL 1 current target 31st October 2024, the appendix "
        "30th September 2024"
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_proposed_closed_table_files_an_unheaded_recommendation_under_its_audit(
    fmt: str,
) -> None:
    """The appendix prints no heading for Firearms Licensing: its rows took PAYROLL from
    above until the proposed-closed table named the audit of its first row."""
    r = rec(fmt, "Firearms Licensing", "1")
    assert (r.title, r.assurance, r.audit_date) == ("Licence Renewal Backlog", None, None)
    assert "Firearms Licensing" in r.provenance["audit_title"].text
    # the unheaded row after it took its audit from that row, so it moves with it
    after = rec(fmt, "Firearms Licensing", "2")
    assert (after.title, after.priority, after.status) == (
        "Secure Storage Visits",
        "Medium",
        "open",
    )
    assert [x.ref for x in paper(fmt).recommendations if x.audit_title == "PAYROLL"] == ["1", "2"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_proposed_closed_table_sets_a_priority_the_appendix_does_not_print(fmt: str) -> None:
    r = rec(fmt, "Firearms Licensing", "1")
    assert (r.priority, r.priority_source) == ("Low", "table")
    assert r.provenance["priority"].text.startswith("Firearms Licensing | L")


@pytest.mark.parametrize("fmt", FORMATS)
def test_cover_checks_record_every_comparison(fmt: str) -> None:
    checks = paper(fmt).cover_checks
    assert {(c.table, c.field) for c in checks} == {
        ("proposed_closed", "listed"),
        ("proposed_closed", "priority"),
        ("proposed_closed", "status"),
        ("target_dates", "listed"),
        ("target_dates", "original_target"),
        ("target_dates", "current_target"),
    }
    assert sum(c.table == "target_dates" and c.field == "listed" for c in checks) == 10
    unexpected = [c for c in checks if c.outcome != "agrees"]
    assert [(c.table, c.label, c.field, c.outcome) for c in unexpected] == [
        ("proposed_closed", "Firearms Licensing 1", "listed", "filled"),
        ("proposed_closed", "Firearms Licensing 2", "listed", "filled"),
        ("proposed_closed", "Firearms Licensing 1", "priority", "filled"),
        ("target_dates", "RECORDS MANAGEMENT 4.2", "original_target", "filled"),
        ("target_dates", "RECORDS MANAGEMENT 4.2", "current_target", "filled"),
        ("target_dates", "PAYROLL 1", "current_target", "differs"),
    ]
    assert CoverCheck("proposed_closed", "Payroll 2", "status", "agrees") in checks


def test_date_led_line_is_not_a_reference() -> None:
    """A nested date table's row read apart (`27 th Aug 2024 | …`, the superscript ordinal
    split off) must not open a recommendation with ref `27`."""
    from jarap.extract.table_items import split_ref_title

    assert split_ref_title("27 th Aug 2024 | Trackers fitted to 20 of 60 vans.") is None
    assert split_ref_title("12 May 2024 Trackers fitted") is None
    assert split_ref_title("1. May Day Planning") == ("1", "May Day Planning")
    assert split_ref_title("1.Telematics Rollout") == ("1", "Telematics Rollout")


@pytest.mark.parametrize("fmt", FORMATS)
def test_cover_checks_record_a_priority_letter_that_differs(fmt: str) -> None:
    """The 2025-09 paper's cover disagrees with its appendix twice: each is a warning and a
    `differs` check, the appendix's value kept."""
    result = convert(SAMPLES / f"northshire-tracker-2025-09.{fmt}").paper
    differs = [
        (c.table, c.label, c.field, c.detail) for c in result.cover_checks if c.outcome != "agrees"
    ]
    assert differs == [
        (
            "proposed_closed",
            "Digital Evidence Storage 3",
            "priority",
            "the table Medium, the appendix Low",
        ),
        (
            "target_dates",
            "Digital Evidence Storage 1",
            "current_target",
            "the table 30th June 2025, the appendix Aug 2025",
        ),
    ]
    assert len(result.warnings) == 2
    low = next(r for r in result.recommendations if r.title == "Training for Exhibit Officers")
    assert low.priority == "Low"
