"""The audit-status layout's quirks paper (samples/generate_quirks_audit_status.py): one named
test per converter artefact or wording it carries, each on the real generated files. (That
the paper matches its truth in all three formats is tests/test_audit_status.py.)"""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree

from jarap.convert import convert
from jarap.extract.records import AuditStatus, Paper
from jarap.ingest import read_document
from jarap.ingest.document import Table
from jarap.ingest.pdf_reader import BACKENDS
from jarap.ingest.text_reader import lines_to_blocks

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "audit-status"
STEM = "yewdale-audit-status-quirks-2017-03"
FORMATS = ("docx", "pdf", "txt")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def path(fmt: str) -> Path:
    return SAMPLES / f"{STEM}.{fmt}"


@cache
def paper(fmt: str) -> Paper:
    result = convert(path(fmt))
    assert result.layout is not None and result.layout.name == "audit-status", result
    assert result.paper is not None
    return result.paper


def audit(fmt: str, ref: str) -> AuditStatus:
    found = [a for a in paper(fmt).audits if a.ref == ref]
    assert len(found) == 1, [a.ref for a in paper(fmt).audits]
    return found[0]


def txt_lines() -> list[str]:
    return path("txt").read_text(encoding="utf-8").splitlines()


def txt_line(ref: str) -> int:
    hits = [i for i, ln in enumerate(txt_lines()) if ln.split("\t")[0] == ref]
    assert len(hits) == 1, hits
    return hits[0]


def status_table(fmt: str, backend: str | None = None) -> Table:
    doc = read_document(path(fmt), backend) if backend else read_document(path(fmt))
    return next(
        t
        for t in doc.tables
        if t.rows and t.rows[0].texts[0] == "Ref" and "On track" in t.rows[0].texts
    )


def test_the_paper_prints_a_panel_of_its_own() -> None:
    """Not Westmarch's: its audits are no part of that panel's series."""
    for fmt in FORMATS:
        assert paper(fmt).organisation == "YEWDALE POLICE AND CRIME PANEL"
        assert [a.ref for a in paper(fmt).audits] == ["YA1", "YA2", "YA3", "YA4"]


# -- text conversion -----------------------------------------------------------------------


def test_short_row_cells_are_placed_by_what_they_hold() -> None:
    """YA4's empty Update cell was not written: 3 cells under 4, the ✗ in the third. It is
    the On-track mark by what it holds, and the update is empty."""
    cells = txt_lines()[txt_line("YA4")].split("\t")
    assert len(cells) == 3 and cells[2] == "✗"
    a = audit("txt", "YA4")
    assert (a.title, a.on_track, a.update, a.lead) == ("Property Store", "✗", "", "Mrs Dee Carr")


def test_continuation_belongs_to_the_short_row_above_not_an_older_row_of_its_width() -> None:
    """A 4-cell continuation after the 3-cell row YA4 carries the rest of YA4's title cell,
    not of YA3's (the latest 4-cell row)."""
    lines = txt_lines()
    at = txt_line("YA4")
    assert lines[at + 1] == "" and lines[at + 2].startswith("\t<p>Governance:")
    assert lines[at + 2].count("\t") == 3
    assert audit("txt", "YA4").assurance == "Limited"
    assert audit("txt", "YA3").governance == "Finance Board"


def test_continuation_one_cell_short_of_a_long_cell_that_is_not_last() -> None:
    """YA2's update ran over a page break; its continuation did not write its empty last
    (On track) cell: 3 cells, the text the Update cell's, not the On-track column's."""
    lines = txt_lines()
    at = txt_line("YA2")
    assert lines[at + 2] == "\t\t<p>The supplier says the work is on track.</p>"
    a = audit("txt", "YA2")
    assert a.on_track == "✗"
    assert a.update.endswith("\nThe supplier says the work is on track.")


def test_one_cell_short_continuation_of_an_update_column_that_is_last() -> None:
    """Where the long cell is last, a line one cell short lost a leading cell: the text
    goes to the last column (the 2021–25 tables' rule, kept)."""
    blocks = lines_to_blocks(["A\tB\tC", "1\t<p>Title</p>\tLong update text.", "", "\tMore text."])
    (table,) = [b for b in blocks if isinstance(b, Table)]
    assert [p.text for p in table.rows[1].cells[2].paragraphs] == [
        "Long update text.",
        "More text.",
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_ditto_mark_in_a_repeated_labelled_line_is_the_audit_above(fmt: str) -> None:
    """`Governance: “` (`Governance: “ “ I I` in the text conversion, stray text glued)."""
    assert "<p>Governance: “ “ I I</p>" in path("txt").read_text(encoding="utf-8")
    assert audit(fmt, "YA4").governance == audit(fmt, "YA3").governance == "Finance Board"


# -- PDF and Word --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_broken_by_a_manual_line_break_stays_whole(fmt: str) -> None:
    assert audit(fmt, "YA1").title == "Vehicle Fleet Telematics"
    assert audit(fmt, "YA1").published.date.isoformat() == "2015-11-30"


def test_title_line_break_is_in_every_file() -> None:
    """So the test above can fail: each format really carries the break."""
    with zipfile.ZipFile(path("docx")) as z:
        assert b"Vehicle Fleet</w:t><w:br/><w:t>Telematics" in z.read("word/document.xml")
    assert "<b>Vehicle Fleet<br>Telematics</b>" in path("txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("backend", BACKENDS)
def test_word_broken_at_a_narrow_cell_edge_is_rejoined(backend: str) -> None:
    """The narrow title column breaks `Telecommunications` at its edge."""
    with pdfplumber.open(path("pdf")) as pdf:
        words = [w["text"] for w in pdf.pages[0].extract_words()]
    assert "Telecommuni" in words and "Telecommunications" not in words
    table = status_table("pdf", backend)
    assert table.rows[2].cells[1].paragraphs[0].text == "Telecommunications Masts"
    assert audit("pdf", "YA2").title == "Telecommunications Masts"


@pytest.mark.parametrize("backend", BACKENDS)
def test_nested_table_stays_inside_its_cell(backend: str) -> None:
    """The `depot | progress` table in YA1's update cell: one paragraph per nested row in
    that cell, never rows (audits) of the status table."""
    table = status_table("pdf", backend)
    assert [r.texts[0] for r in table.rows[1:]] == ["YA1", "YA2", "YA3", "YA4"]
    texts = [p.text for p in table.rows[1].cells[2].paragraphs]
    at = texts.index("North depot | 30 of 35 vans fitted")
    assert texts[at + 1] == "South depot | 10 of 25 vans fitted"


def test_nested_table_is_a_real_table_in_word_and_html_in_the_text() -> None:
    with zipfile.ZipFile(path("docx")) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    assert len(root.findall(f".//{W}tc//{W}tbl")) == 1
    assert "<table><tr><td>North depot</td>" in path("txt").read_text(encoding="utf-8")
    for fmt in FORMATS:
        assert audit(fmt, "YA1").update.splitlines()[1:3] == [
            "North depot | 30 of 35 vans fitted",
            "South depot | 10 of 25 vans fitted",
        ]


# -- dates and the on-track column ---------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_follow_up_range_is_dated_by_its_end(fmt: str) -> None:
    value = audit(fmt, "YA1").follow_up
    assert (value.raw, value.date.isoformat()) == ("March – Sept 2017", "2017-09-30")


@pytest.mark.parametrize("fmt", FORMATS)
def test_follow_up_revised_chain_stops_at_the_end_of_its_sentence(fmt: str) -> None:
    """`Sept 2016, revised to January 2017. A later date of May 2017 is possible.`: the date
    in force is January 2017, the whole line kept as printed."""
    value = audit(fmt, "YA2").follow_up
    assert value.date.isoformat() == "2017-01-31"
    assert value.raw.endswith("May 2017 is possible.")


@pytest.mark.parametrize("fmt", FORMATS)
def test_on_track_column_decides_not_the_update(fmt: str) -> None:
    """YA2's update says the work is on track; its On-track cell says ✗."""
    a = audit(fmt, "YA2")
    assert "on track" in a.update and a.on_track == "✗"
