"""The follow-up layout's quirks paper (samples/generate_quirks_follow_up.py): one named test
per converter artefact or wording it carries, each on the real generated files. (That the
paper matches its truth in all three formats is tests/test_samples.py.)"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree
from sample_compare import sample_conversion

from jarap.convert import Conversion
from jarap.extract.fields import targets_in_cells
from jarap.extract.records import Paper, Recommendation
from jarap.extract.status import status_in_column
from jarap.extract.table_items import align_by_content
from jarap.extract.vocab import Status
from jarap.ingest import read_document
from jarap.ingest.document import Cell, Row, paragraph
from jarap.ingest.pdf_reader import BACKENDS

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "follow-up-quirks"
STEM = "brackwater-follow-up-quirks-2024-06"
FORMATS = ("docx", "pdf", "txt")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WIDTH = (
    9  # Theme | Ref | Recommendation | Priority | Officer | Original | Revised | Status | Update
)


def path(fmt: str) -> Path:
    return SAMPLES / f"{STEM}.{fmt}"


def conversion(fmt: str) -> Conversion:
    return sample_conversion(path(fmt), "follow-up")


def paper(fmt: str) -> Paper:
    result = conversion(fmt).paper
    assert result is not None
    return result


def rec(fmt: str, ref: str) -> Recommendation:
    found = [r for r in paper(fmt).recommendations if r.ref == ref]
    assert len(found) == 1, [(r.audit_title, r.ref) for r in paper(fmt).recommendations]
    return found[0]


def txt_lines() -> list[str]:
    return path("txt").read_text(encoding="utf-8").splitlines()


def txt_line(ref: str) -> int:
    """The index of the text conversion's line whose Ref cell is `ref`."""
    hits = [i for i, ln in enumerate(txt_lines()) if ln.split("\t")[1:2] == [ref]]
    assert len(hits) == 1, hits
    return hits[0]


def months(r: Recommendation) -> list[str]:
    return [u.date.date.isoformat()[:7] for u in r.updates if u.date is not None]


def iso(values) -> list[str]:  # noqa: ANN001 - targets
    return [t.value.date.isoformat() for t in values]


def test_the_paper_prints_a_panel_of_its_own() -> None:
    """Not Haldenmoor's: its actions are no part of that panel's series."""
    for fmt in FORMATS:
        assert paper(fmt).organisation.startswith("BRACKWATER")
        assert "HALDENMOOR" not in path("txt").read_text(encoding="utf-8")


# -- text conversion -----------------------------------------------------------------------


def test_short_row_cells_are_placed_by_what_they_hold() -> None:
    """1.2's empty Revised Date cell was not written: 8 cells under 9. Its status and update
    stay in their columns and its date is the original one."""
    assert txt_lines()[txt_line("1.2")].count("\t") == WIDTH - 2
    r = rec("txt", "1.2")
    assert (r.audit_title, r.priority, r.owners) == (
        "Fleet Maintenance",
        "Medium",
        ["ACO HR Sam Reid"],
    )
    assert r.status_as_printed == "In progress"
    assert iso(r.targets) == ["2024-04-30"]
    assert months(r) == ["2024-05"]


def test_short_row_alignment_prefers_an_empty_revised_date() -> None:
    """Where the dropped cell could be either date column, the revised one was empty."""
    cols = {"ref": 1, "action": 2, "priority": 3, "owner": 4, "original": 5, "revised": 6}
    cols |= {"status": 7, "update": 8}
    texts = ["", "1.2", "Driver appraisals should include", "Priority 2", "A B", "30 April 2024"]
    row = Row(cells=[Cell([paragraph(t)] if t else []) for t in [*texts, "Ongoing", "Update"]])
    placed = align_by_content(row, cols, WIDTH)
    assert [c.text for c in placed.cells] == [*texts, "", "Ongoing", "Update"]


def test_continuation_belongs_to_the_short_row_above_not_an_older_row_of_its_width() -> None:
    """A 9-cell continuation after the 8-cell row 1.2 is the rest of 1.2's update, not of 1.1
    (the latest 9-cell row)."""
    lines = txt_lines()
    at = txt_line("1.2")
    assert lines[at + 1] == "" and lines[at + 2].startswith("\t" * (WIDTH - 1) + "<p>The check")
    assert rec("txt", "1.2").updates[-1].text.endswith("two of five depots.")
    assert all("depots" not in u.text for u in rec("txt", "1.1").updates)


def test_tab_led_line_after_a_continuation_that_starts_an_item_is_a_new_row() -> None:
    lines = txt_lines()
    at = txt_line("1.3")
    assert lines[at].startswith("\t1.3\t") and lines[at - 1].startswith("\t" * (WIDTH - 1))
    r = rec("txt", "1.3")
    assert (r.title, r.priority) == (
        "Vans overdue for a service should be taken off the road",
        "Low",
    )
    assert "Vans overdue" not in rec("txt", "1.2").text


def test_tab_led_line_after_a_blank_line_that_starts_an_item_is_a_new_row() -> None:
    lines = txt_lines()
    at = txt_line("2.2")
    assert lines[at].startswith("\t2.2\t") and lines[at - 1] == ""
    r = rec("txt", "2.2")
    assert (r.title, r.owners) == (
        "Staff should be tested with simulated phishing emails",
        ["Lena Fairburn", "Omar Shah"],
    )
    assert rec("txt", "2.1").owners == ["Lena Fairburn"]


def test_continuation_one_cell_short_joins_the_long_last_cell() -> None:
    """2.1's page-break continuation lost one empty leading cell (8 under 9 columns)."""
    lines = txt_lines()
    line = next(ln for ln in lines if "<p>The ICT strategy" in ln)
    assert line.startswith("\t" * (WIDTH - 2) + "<p>") and line.count("\t") == WIDTH - 2
    r = rec("txt", "2.1")
    assert r.updates[0].heading == "Update October 2023"
    assert "replaces this action" in r.updates[0].text


@pytest.mark.parametrize("fmt", FORMATS)
def test_ditto_mark_in_the_owner_column_names_the_row_above(fmt: str) -> None:
    """`“` in the Owner column (`“ “ I I` in the text conversion: stray text glued to it)."""
    assert "\t“ “ I I\t" in txt_lines()[txt_line("2.3")]
    assert rec(fmt, "1.3").owners == ["ACO HR Sam Reid"]
    assert rec(fmt, "2.3").owners == ["Lena Fairburn", "Omar Shah"]


# -- PDF and Word --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_broken_by_a_manual_line_break_stays_whole(fmt: str) -> None:
    assert rec(fmt, "1.1").title == "Vehicle defects must be logged on the day they are found"


def test_title_line_break_is_in_every_file() -> None:
    """So the test above can fail: each format really carries the break."""
    with zipfile.ZipFile(path("docx")) as z:
        assert b"on the day they</w:t><w:br/><w:t>are found." in z.read("word/document.xml")
    assert "on the day they<br>are found.</p>" in path("txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("backend", BACKENDS)
def test_word_broken_at_a_narrow_cell_edge_is_rejoined(backend: str) -> None:
    """The narrow Status column breaks `implemented` at its edge (`impleme` / `nted`)."""
    with pdfplumber.open(path("pdf")) as pdf:
        words = [w["text"] for w in pdf.pages[1].extract_words()]
    assert words.count("impleme") == 1 and words.count("Impleme") == 1 and "nted" in words
    doc = read_document(path("pdf"), backend)
    table = next(t for t in doc.tables if t.rows[0].texts[:2] == ["Theme", "Ref"])
    assert table.rows[1].cells[7].text == "Partly implemented (Jan 24) Implemented (May 24)"
    assert rec("pdf", "1.1").status == Status.CLOSED


@pytest.mark.parametrize("backend", BACKENDS)
def test_nested_table_stays_inside_its_cell(backend: str) -> None:
    """The `depot | progress` table in 1.3's update cell: one paragraph per nested row in
    that cell, never rows of the audit table."""
    doc = read_document(path("pdf"), backend)
    table = next(t for t in doc.tables if t.rows[0].texts[:2] == ["Theme", "Ref"])
    assert [r.texts[1] for r in table.rows[1:]] == ["1.1", "1.2", "1.3"]
    texts = [p.text for p in table.rows[3].cells[8].paragraphs]
    at = texts.index("North depot | 12 of 20 vans serviced")
    assert texts[at + 1] == "South depot | 8 of 20 vans serviced"
    assert texts[at - 1].startswith("Update April 2024:")


def test_docx_reader_keeps_a_nested_table_inside_its_cell() -> None:
    with zipfile.ZipFile(path("docx")) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    assert len(root.findall(f".//{W}tc//{W}tbl")) == 1  # a real table inside a cell
    for fmt in FORMATS:
        assert [r.ref for r in paper(fmt).recommendations] == [
            "1.1",
            "1.2",
            "1.3",
            "2.1",
            "2.2",
            "2.3",
        ]
        assert months(rec(fmt, "1.3")) == ["2024-04", "2024-05"]


# -- update headings -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_update_headings_in_their_variants(fmt: str) -> None:
    """`Update Jan 24:`, `Update March/April 2024:` (the period's end), `UPDATE May 2024 –`
    without a colon, `Update October 2023` alone on its line."""
    assert months(rec(fmt, "1.1")) == ["2024-01", "2024-04"]
    assert months(rec(fmt, "1.2"))[0] == "2024-05"
    assert rec(fmt, "1.2").updates[0].text.startswith("the new appraisal form")
    assert months(rec(fmt, "2.1")) == ["2023-10"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_yearless_update_heading_is_dated_only_when_one_year_fits(fmt: str) -> None:
    """`Update February:` after `Update Jan 24:`, before the June 2024 paper: February 2024.
    `Update May:` after a March 2022 audit, before the paper: 2022, 2023 and 2024 fit, so
    it stays undated with its heading kept."""
    feb = rec(fmt, "2.3").updates[1]
    assert (feb.heading, feb.date.date.isoformat()) == ("Update February", "2024-02-29")
    (may,) = rec(fmt, "2.2").updates
    assert may.heading == "Update May" and may.date is None


# -- owners, targets, status ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_owner_wordings(fmt: str) -> None:
    """`Name – Role and Name2 – Role2`; a rank and department acronym kept with the name;
    `Role – Name`; a name in the update prose (`Kate Moss`) is no owner."""
    assert rec(fmt, "1.1").owners == ["Dan Price", "Mia Holt"]
    assert rec(fmt, "1.2").owners == ["ACO HR Sam Reid"]
    assert rec(fmt, "2.1").owners == ["Lena Fairburn"]
    assert "Kate Moss" in rec(fmt, "1.2").updates[0].text
    assert all("Kate Moss" not in r.owners for r in paper(fmt).recommendations)


@pytest.mark.parametrize("fmt", FORMATS)
def test_target_wordings(fmt: str) -> None:
    """A range (`April – June 2024` is June), a date before the word (`March 2024 target`),
    a revised-to chain that stops at its sentence's end (`… revised to 30 June 2024.
    September 2024 is possible …` leaves September out)."""
    assert iso(rec(fmt, "1.1").targets) == ["2023-12-31", "2024-06-30"]
    r = rec(fmt, "1.3")
    assert iso(r.targets) == ["2024-03-31", "2024-05-31", "2024-06-30"]
    assert r.current_target.date.isoformat() == "2024-06-30"


def test_revised_chain_stops_at_the_end_of_its_sentence() -> None:
    def cells(text: str) -> list[Cell]:
        return [Cell([paragraph(text)])]

    chain = "31 May 2024, revised to 30 June 2024. September 2024 is possible."
    assert iso(targets_in_cells(cells(chain))) == ["2024-05-31", "2024-06-30"]
    again = "31 May 2024. Revised to 30 June 2024 at the board."
    assert iso(targets_in_cells(cells(again))) == ["2024-05-31", "2024-06-30"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_status_last_signal_wins_and_superseded_wherever_printed(fmt: str) -> None:
    """`Partly implemented (Jan 24) Implemented (May 24)` is closed; `Not implemented –
    Superseded by …` is superseded; an update saying "implemented at two of five depots"
    under `In progress` stays open: the status column decides."""
    assert rec(fmt, "1.1").status == Status.CLOSED
    assert rec(fmt, "2.1").status == Status.SUPERSEDED
    assert rec(fmt, "1.2").status == Status.OPEN
    assert "implemented" in rec(fmt, "1.2").updates[-1].text


def test_status_column_reads_its_last_word() -> None:
    assert status_in_column("Ongoing; Implemented May 2024").status == Status.CLOSED
    assert status_in_column("Implemented? Not implemented").status == Status.OPEN
    assert status_in_column("Not implemented").status == Status.OPEN
    assert status_in_column("Partly implemented").status == Status.OPEN
    assert status_in_column("Superseded – Implemented elsewhere").status == Status.SUPERSEDED
    assert status_in_column("see the update") is None
