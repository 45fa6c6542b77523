"""The 2022–25 table layout: what the field-by-field truth comparison does not cover."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from sample_compare import FORMATS, sample_file

from jarap.convert import convert, convert_document
from jarap.extract.dates import DateValue
from jarap.extract.layouts import tracker_2022
from jarap.extract.records import Paper, Recommendation, Update
from jarap.extract.update_dates import date_yearless_updates
from jarap.ingest.document import Cell, Document, Row, Table, paragraph

OLD, NEW = "northshire-tracker-2024-07", "northshire-tracker-2025-09"


def _paper(stem: str, fmt: str):
    conversion = convert(sample_file(stem, fmt))
    assert conversion.layout is not None and conversion.layout.name == tracker_2022.NAME
    return conversion.paper


def _rec(paper, audit_start: str, ref_or_title: str):
    return next(
        r
        for r in paper.recommendations
        if r.audit_title.startswith(audit_start) and ref_or_title in (r.ref, r.title)
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_cover_tables_disagreeing_with_the_appendix_are_warned(fmt: str) -> None:
    paper = _paper(NEW, fmt)
    assert len(paper.warnings) == 2, paper.warnings
    priority, target = sorted(paper.warnings)
    assert "proposed-closed table" in priority and "as M (Medium)" in priority
    assert "the appendix says Low" in priority
    assert "target-date table" in target and "current target 30th June 2025" in target
    assert "the appendix Aug 2025" in target
    # the appendix stays authoritative
    rec = _rec(paper, "DIGITAL EVIDENCE", "3")
    assert (rec.priority, rec.status) == ("Low", "proposed_closed")
    assert _rec(paper, "DIGITAL EVIDENCE", "1").current_target.date == datetime.date(2025, 8, 31)


@pytest.mark.parametrize("fmt", FORMATS)
def test_agreeing_cover_tables_give_no_warning(fmt: str) -> None:
    assert _paper(OLD, fmt).warnings == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_yearless_update_is_dated_from_context(fmt: str) -> None:
    # "UPDATE October" after "Update July 2024": the previous update's year
    rec = _rec(_paper(NEW, fmt), "DIGITAL EVIDENCE", "2")
    october = next(u for u in rec.updates if u.heading == "UPDATE October")
    assert (october.date.date, october.date.precision) == (datetime.date(2024, 10, 31), "month")
    # "UPDATE June" with no dated update before it: the paper's year (July 2024)
    rec = _rec(_paper(OLD, fmt), "DIGITAL EVIDENCE", "3")
    assert rec.updates[0].heading == "UPDATE June"
    assert rec.updates[0].date.date == datetime.date(2024, 6, 30)


def _update(heading: str, date: datetime.date | None = None) -> Update:
    value = DateValue(heading, date, "month") if date else None
    return Update(heading=heading, date=value, text="")


def test_yearless_update_gets_a_year_only_when_one_fits() -> None:
    """The shared rule: a year only when exactly one fits between the audit's date (or the
    dated heading before) and the dated heading after (or the paper's date); never a guess."""
    paper = Paper(
        layout="tracker-2022",
        paper_date=DateValue("SEPTEMBER 2025", datetime.date(2025, 9, 30), "month"),
    )
    updates = [
        _update("UPDATE October"),  # nothing before it: 2024? 2023? not guessed
        _update("Update November 2024", datetime.date(2024, 11, 30)),
        _update("UPDATE February"),  # between November 2024 and the paper: February 2025
        _update("UPDATE December"),  # after February 2025 and before September 2025: none fits
    ]
    date_yearless_updates(Recommendation("A", "1", "t", updates=updates), paper)
    assert [u.date.date if u.date else None for u in updates] == [
        None,
        datetime.date(2024, 11, 30),
        datetime.date(2025, 2, 28),
        None,
    ]
    assert updates[0].heading == "UPDATE October"  # the heading is kept as printed
    audited = _update("UPDATE October")
    rec = Recommendation(
        "A",
        "1",
        "t",
        audit_date=DateValue("March 2024", datetime.date(2024, 3, 31), "month"),
        updates=[audited, _update("Update November 2024", datetime.date(2024, 11, 30))],
    )
    date_yearless_updates(rec, paper)  # after the March 2024 audit: October 2024
    assert audited.date.date == datetime.date(2024, 10, 31)


@pytest.mark.parametrize("fmt", FORMATS)
def test_question_and_answer_proposed_closed(fmt: str) -> None:
    old, new = _paper(OLD, fmt), _paper(NEW, fmt)
    # "'proposed closed'? No" in July 2024; the same cell adds "… Yes" in September 2025
    assert _rec(old, "VETTING", "4.2").status == "open"
    assert _rec(new, "VETTING", "4.2").status == "proposed_closed"
    assert _rec(new, "VETTING", "4.1").status == "open"  # its only answer is No
    assert _rec(old, "CONTRACT", "Supplier Performance Reviews").status == "proposed_closed"


@pytest.mark.parametrize("fmt", FORMATS)
def test_audit_heading_landed_in_the_row_above(fmt: str) -> None:
    paper = _paper(NEW, fmt)
    register = _rec(paper, "CONTRACT", "Contract Register")
    assert (register.ref, register.assurance) == (None, "LIMITED OPINION")
    assert "collaboration units" in register.source_text  # the row's page-break remainder
    first, second = [r for r in paper.recommendations if r.audit_title == "WELLBEING SUPPORT"]
    assert (first.ref, second.ref) == ("1", "2")
    assert first.assurance == "SUBSTANTIAL OPINION"
    assert first.audit_date.date == datetime.date(2025, 5, 31)


def _doc(*rows: list[str], cover: list[list[str]] | None = None) -> Document:
    def row(texts: list[str]) -> Row:
        return Row(cells=[Cell([paragraph(x) for x in t.split("\n") if x]) for t in texts])

    blocks: list = [paragraph("Date SEPTEMBER 2025")]
    if cover:
        blocks.append(Table(rows=[row(r) for r in cover]))
    header = [
        "Audit Title",
        "Risk",
        "Recommendation Reference",
        "Business Owner – Action Plan Updates",
    ]
    blocks.append(Table(rows=[row(header), *[row(r) for r in rows]]))
    return Document(path=Path("synthetic.docx"), format="docx", blocks=blocks)


def test_explicit_no_against_the_proposed_closed_table_is_warned() -> None:
    doc = _doc(
        [
            "FLEET\nMODERATE OPINION March 2024",
            "High",
            "1. Telematics",
            "Target Date: March 2025\nIs the recommendation 'proposed closed'? No",
        ],
        ["", "", "2. Fuel Cards", "Target Date: June 2025"],
        cover=[
            ["Audit", "Priority (H/M/L)", "Recommendation proposed closed", "Page"],
            ["Fleet", "H", "1. Telematics", "3"],
            ["", "L", "2. Fuel Cards", "3"],
        ],
    )
    conversion = convert_document(doc.assign_locators())
    assert conversion.layout is not None and conversion.layout.name == tracker_2022.NAME
    paper = conversion.paper
    telematics, fuel = paper.recommendations
    assert telematics.status == "open"  # the appendix's explicit answer wins
    assert fuel.status == "proposed_closed"  # no answer: the cover table decides
    assert fuel.priority == "Low" and fuel.priority_source == "table"
    assert fuel.audit_title == "FLEET"  # empty Audit Title: the audit above
    assert len(paper.warnings) == 1 and "does not propose it closed" in paper.warnings[0]
