"""Other internal auditors' follow-up tables (the `follow-up` layout): one table per audit
under a heading paragraph, columns found by what they mean.

The samples are two invented auditors' reports in different wordings and column orders
(samples/generate_follow_up.py); every pattern the layout must read has its own test, on the
samples and on a paper built here in yet another wording and column order.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sample_compare import FORMATS, SAMPLES, TRUTH, compare, sample_file

from jarap.cli import cli
from jarap.convert import convert, convert_document
from jarap.extract.assemble import RECORD_FIELDS
from jarap.extract.audit_title import read_audit_heading
from jarap.extract.records import Recommendation
from jarap.extract.vocab import Status, priority_word, status_word
from jarap.ingest.document import Cell, Document, Row, Table, paragraph

STEMS = sorted(p.stem for p in (SAMPLES / "follow-up").glob("*.docx"))
CASES = [(stem, fmt) for stem in STEMS for fmt in FORMATS]


def _truth(stem: str) -> dict:
    return json.loads((TRUTH / f"{stem}.json").read_text(encoding="utf-8"))


def _records(stem: str, fmt: str) -> list[Recommendation]:
    conversion = convert(sample_file(stem, fmt))
    assert conversion.layout is not None and conversion.layout.name == "follow-up"
    return conversion.paper.recommendations


def test_two_wordings_in_three_formats() -> None:
    assert len(STEMS) == 2
    headers = set()
    for stem in STEMS:
        assert all(sample_file(stem, fmt).is_file() for fmt in FORMATS)
        text = sample_file(stem, "txt").read_text(encoding="utf-8")
        headers.add(next(line for line in text.splitlines() if "Priority</b>" in line))
    assert len(headers) == 2  # different wordings and column orders


@pytest.mark.parametrize(("stem", "fmt"), CASES)
def test_follow_up_records_equal_truth(stem: str, fmt: str) -> None:
    problems, truth, paper = compare(stem, fmt)
    assert problems == []
    assert paper.layout == "follow-up"
    assert paper.title == truth["paper"]["title"]
    assert paper.author == truth["paper"]["author"]
    assert paper.organisation == truth["paper"]["organisation"]
    assert paper.declared_counts["by_priority"] == truth["declared_counts"]["by_priority"]
    assert paper.reconciled is True


@pytest.mark.parametrize(("stem", "fmt"), CASES)
def test_status_and_priority_as_printed_are_kept(stem: str, fmt: str) -> None:
    """The word the status column prints is kept (`Recommendation.status_as_printed`, and the
    status provenance text in the database); the priority as printed is its provenance text."""
    for rec, want in zip(_records(stem, fmt), _truth(stem)["recommendations"], strict=True):
        assert rec.status_as_printed == want["status_as_printed"]
        assert rec.provenance["status"].text == want["status_as_printed"]
        assert rec.provenance["priority"].text == want["priority_as_printed"]


@pytest.mark.parametrize(("stem", "fmt"), CASES)
def test_summary_and_definition_tables_are_not_actions(stem: str, fmt: str) -> None:
    """Counts by priority or by audit, and what `Priority 1` means, sit in tables of their own
    (one after the last audit table in the second wording): none of their rows is an action."""
    conversion = convert(sample_file(stem, fmt))
    doc, recs = conversion.document, conversion.paper.recommendations
    assert len(recs) == len(_truth(stem)["recommendations"])
    audit_tables = set()
    for rec in recs:
        block = rec.provenance["recommendation"].block.split("/rows/")[0]
        audit_tables.add(block)
    other = [
        table
        for table in doc.tables
        if [c.text.strip() for c in table.rows[0].cells][:2]
        in (["Priority", "Definition"], ["Priority", "Implemented"], ["Audit", "Priority 1"])
    ]
    assert len(other) >= 2  # the summary and the definitions, at least
    assert all(table.locator not in audit_tables for table in other)
    assert not any(r.ref in ("P1", "P2", "P3", "High", "Total") for r in recs)


@pytest.mark.parametrize(("stem", "fmt"), CASES)
def test_every_follow_up_value_has_a_locator(stem: str, fmt: str) -> None:
    conversion = convert(sample_file(stem, fmt))
    for rec in conversion.paper.recommendations:
        for key in RECORD_FIELDS:
            where = rec.provenance[key]
            assert where.block.startswith("#/blocks/"), (key, where)
            conversion.document.resolve(where.block)
        assert all(t.source is not None for t in rec.targets)
        assert all(u.source is not None for u in rec.updates)


# -- each pattern, by name -----------------------------------------------------------------


def test_numbered_priorities_read_as_their_rank() -> None:
    assert [priority_word(t) for t in ("1 (High)", "Priority 2", "P3", "High")] == [
        "High",
        "Medium",
        "Low",
        "High",
    ]
    assert priority_word("2 (Medium)") == "Medium" and priority_word("Priority") is None
    recs = _records("haldenmoor-follow-up-2024-06", "pdf")
    printed = {r.provenance["priority"].text: (r.priority, r.priority_level) for r in recs}
    assert printed["P1"] == ("High", "high")
    assert printed["Priority 2"] == ("Medium", "medium")
    assert printed["P3"] == ("Low", "low")
    assert printed["High"] == ("High", "high")


def test_status_words_map_to_status() -> None:
    words = {
        "Implemented": Status.CLOSED,
        "Superseded": Status.SUPERSEDED,
        "Partly implemented": Status.OPEN,
        "Not implemented": Status.OPEN,
        "Ongoing": Status.OPEN,
        "In progress": Status.OPEN,
    }
    assert {w: status_word(w) for w in words} == words
    seen = {r.status_as_printed: r.status for stem in STEMS for r in _records(stem, "docx")}
    assert seen == words


def test_revised_column_with_several_revisions_keeps_each() -> None:
    """`Feb 2024; revised May 2024; revised Sep 2024` under an original of October 2023."""
    rec = _records("haldenmoor-follow-up-2024-06", "txt")[0]
    history = [t.value.date.isoformat() for t in rec.targets]
    assert history == ["2023-10-31", "2024-02-29", "2024-05-31", "2024-09-30"]
    assert rec.current_target.date.isoformat() == "2024-09-30"
    assert rec.original_target.date.isoformat() == "2023-10-31"


def test_dash_or_na_is_no_target() -> None:
    recs = {r.ref: r for r in _records("haldenmoor-follow-up-2023-11", "pdf")[3:]}
    assert [t.value.date.isoformat() for t in recs["2.1"].targets] == ["2023-07-31"]  # `-`
    assert recs["2.3"].targets == [] and recs["2.3"].current_target is None  # N/A, N/A


def audit_heading_parts(text: str) -> tuple:
    parts = read_audit_heading(text)
    return parts.title, parts.assurance, parts.date


def test_audit_heading_gives_title_date_and_opinion() -> None:
    title, opinion, date = audit_heading_parts(
        "Payroll Controls – report issued March 2023 – Limited Assurance"
    )
    assert (title, opinion, date.date.isoformat()) == (
        "Payroll Controls",
        "Limited Assurance",
        "2023-03-31",
    )
    title, opinion, date = audit_heading_parts(
        "2. Fleet Fuel Cards (final report 12 June 2023): Reasonable assurance"
    )
    assert (title, opinion, date.date.isoformat()) == (
        "Fleet Fuel Cards",
        "Reasonable assurance",
        "2023-06-12",
    )


@pytest.mark.parametrize(
    ("heading", "parts"),
    [
        (
            "Audit: Payroll Controls | Opinion: Limited assurance | Issued 4 May 2023",
            ("Payroll Controls", "Limited assurance", "2023-05-04"),
        ),
        (
            "March 2023 – Payroll Controls – Limited Assurance",
            ("Payroll Controls", "Limited Assurance", "2023-03-31"),
        ),
        (
            "Audit 3: Health and Safety (2023/24) – Moderate assurance",
            ("Health and Safety", "Moderate assurance", "2024-03-31"),
        ),
    ],
)
def test_audit_heading_parts_in_any_order(heading: str, parts: tuple) -> None:
    title, opinion, date = audit_heading_parts(heading)
    assert (title, opinion, date.date.isoformat()) == parts


def test_row_without_reference_or_action_is_reported() -> None:
    """A row that is neither an action nor the rest of one is said in a warning, not lost."""
    doc = _third_wording()
    table = doc.blocks[5]
    table.rows.insert(1, _row("", "", "", "Actions agreed with the Treasurer", "", "", "", ""))
    paper = convert_document(doc.assign_locators()).paper
    assert [r.ref for r in paper.recommendations] == ["A1", "B1", "B2"]
    assert any("Actions agreed with the Treasurer" in w for w in paper.warnings)


def test_owners_from_owner_column() -> None:
    recs = _records("haldenmoor-follow-up-2023-11", "txt")
    assert recs[0].owners == ["Priya Nandra"]  # `Name, Role`
    assert recs[2].owners == ["Priya Nandra", "Gareth Lyle"]  # `A / B`
    recs = _records("haldenmoor-follow-up-2024-06", "docx")
    assert recs[1].owners == ["Lena Fairburn"]  # `Role – Name`


# -- a paper in a third wording, built here ------------------------------------------------


def _row(*texts: str) -> Row:
    return Row(cells=[Cell([paragraph(line) for line in t.split("\n") if line]) for t in texts])


HEADER = (
    "Status",
    "Update / Comments",
    "Responsible owner",
    "Management action",
    "Agreed date",
    "Priority",
    "Rec ref",
    "Revised date",
)


def _third_wording() -> Document:
    """Columns in yet another order and wording; the second audit's table continues after a
    page break (a footer, then a table of the same columns with no header, whose first row is
    the rest of the row above)."""
    blocks = [
        paragraph("ASHBY VALE AUDIT COMMITTEE"),
        paragraph("Subject: Follow-up of internal audit actions"),
        paragraph("Date: 3 March 2025"),
        Table(rows=[_row("Priority", "Definition"), _row("1 (High)", "Act at once.")]),
        paragraph("Treasury Management – Substantial assurance – report dated January 2024"),
        Table(
            rows=[
                _row(*HEADER),
                _row(
                    "Implemented",
                    "Update February 2025: Done.",
                    "Nadia Petrov, Treasurer",
                    "Counterparty limits will be reviewed yearly.",
                    "31 December 2024",
                    "Priority 2",
                    "A1",
                    "-",
                ),
            ]
        ),
        paragraph("Grants to Community Groups – Limited assurance – report dated June 2024"),
        Table(
            rows=[
                _row(*HEADER),
                _row(
                    "In progress",
                    "Update February 2025: Forms drafted.",
                    "Grants Officer – Ivo Marsh",
                    "Grant claims will be checked against receipts.",
                    "30 September 2024",
                    "P1",
                    "B1",
                    "Dec 2024; revised Apr 2025",
                ),
            ]
        ),
        paragraph("Ashby Vale Audit Committee – Page 2"),
        Table(
            rows=[
                _row("", "Monitoring visits restart in May.", "", "", "", "", "", ""),
                _row(
                    "Not implemented",
                    "No progress reported.",
                    "Grants Officer – Ivo Marsh",
                    "Monitoring visits will be recorded.",
                    "N/A",
                    "P3",
                    "B2",
                    "N/A",
                ),
            ]
        ),
    ]
    return Document(Path("ashby-vale-follow-up.docx"), "docx", blocks).assign_locators()


def test_columns_in_any_order_with_synonyms() -> None:
    conversion = convert_document(_third_wording())
    assert conversion.layout is not None and conversion.layout.name == "follow-up"
    recs = conversion.paper.recommendations
    assert [(r.audit_title, r.ref) for r in recs] == [
        ("Treasury Management", "A1"),
        ("Grants to Community Groups", "B1"),
        ("Grants to Community Groups", "B2"),
    ]
    first, second, third = recs
    assert (first.priority, first.status, first.owners) == (
        "Medium",
        Status.CLOSED,
        ["Nadia Petrov"],
    )
    assert first.assurance == "Substantial assurance"
    assert first.audit_date.date.isoformat() == "2024-01-31"
    assert (second.priority, second.status, second.owners) == ("High", Status.OPEN, ["Ivo Marsh"])
    assert [t.value.date.isoformat() for t in second.targets] == [
        "2024-09-30",
        "2024-12-31",
        "2025-04-30",
    ]
    assert second.title == "Grant claims will be checked against receipts"
    assert (third.priority, third.targets, third.status_as_printed) == (
        "Low",
        [],
        "Not implemented",
    )


def test_table_continued_after_page_break_is_same_audit() -> None:
    """The row split by the page break is one action: its rest joins the row above."""
    recs = convert_document(_third_wording()).paper.recommendations
    grants = recs[1]
    assert "Monitoring visits restart in May." in grants.updates[-1].text
    assert recs[2].audit_title == "Grants to Community Groups"


def test_paper_without_audit_tables_is_not_claimed() -> None:
    """Summary and definition tables alone make no follow-up paper."""
    doc = _third_wording()
    doc.blocks = doc.blocks[:4]
    conversion = convert_document(doc.assign_locators())
    assert conversion.layout is None or conversion.layout.name != "follow-up"
    assert conversion.paper.recommendations == []


def test_printed_status_and_priority_are_queryable(tmp_path: Path) -> None:
    """Where the printed words are stored: the provenance text of `status` and `priority`."""
    db = tmp_path / "archive.db"
    paper = sample_file("haldenmoor-follow-up-2024-06", "pdf")
    result = CliRunner().invoke(cli, ["ingest", str(paper), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as con:
        rows = con.execute(
            "SELECT r.ref, r.status, p.text FROM provenance p"
            " JOIN recommendations r ON r.id = p.recommendation_pk"
            " WHERE p.field = 'status' ORDER BY r.id"
        ).fetchall()
    want = _truth("haldenmoor-follow-up-2024-06")["recommendations"]
    assert rows == [(t["ref"], t["status"], t["status_as_printed"]) for t in want]
