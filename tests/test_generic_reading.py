"""Generic reading (issue 18): a paper no spec claims is read by what its tables and labels
mean; the reading used and each table's column -> role map are shown by `jarap inspect`; a
spec that claims a paper and finds no records in it does not claim it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from jarap.cli import cli
from jarap.convert import convert, convert_document
from jarap.extract.generic import PROBLEM
from jarap.extract.layouts import LAYOUTS
from jarap.extract.layouts.spec import Cue, LayoutSpec
from jarap.extract.records import Paper, Recommendation
from jarap.ingest import read_document

# an invented register: the audit in a column (a ditto below), a header cell wrapped over two
# lines (`Rec` / `no`), priorities as a word and as numbers, owners in three forms
REGISTER = (
    "**TESTFORD BOROUGH COUNCIL AUDIT COMMITTEE**\n\n"
    "Date: 12 March 2024\n\n"
    "**Register of recommendations**\n\n"
    "<b>Audit</b>\t<p><b>Rec</b></p> <p><b>no</b></p>\t<b>Recommendation</b>\t<b>Priority</b>\t"
    "<b>Responsible officer</b>\t<b>Target date</b>\t<b>Status</b>\n"
    "Payroll Controls\t1.1\tCheck overtime claims against rosters every month. Keep the "
    "evidence.\tHigh\tAnn Fairley, Payroll Manager\t31/03/2024\tImplemented\n"
    "“\t1.2\tReview the leavers list weekly.\t2 (Medium)\tTom Brack / Sue Lane\t30 June 2024\t"
    "In progress\n"
    "Fleet Fuel Cards\t2.1\tReconcile fuel card statements before payment.\tP3\t"
    "Head of Fleet – Dan Oakes\tSeptember 2024\tNot started\n"
)

# invented labelled paragraphs under an audit heading with a metadata line under it
LABELLED = (
    "**Kestrel Valley NHS Trust – Audit Committee**\n\n"
    "**Estates Maintenance**\n\n"
    "Original report issued: May 2023 | Assurance opinion: Limited assurance\n\n"
    "**Recommendation 3: Keep the planned maintenance log up to date (Medium priority)**\n\n"
    "Management response: The log will be reviewed monthly by the estates team.\n\n"
    "Responsible officer: Priya Oldham\n\n"
    "Target date: 31 October 2023\n\n"
    "Revised target: 31 March 2024\n\n"
    "Position at follow-up (February 2024): Partly implemented. Two sites remain.\n\n"
    "**Recommendation 4: Test the legionella controls (High priority)**\n\n"
    "Management response: Testing will be contracted out.\n\n"
    "Responsible officer: Priya Oldham\n\n"
    "Target date: 30 November 2023\n\n"
    "Position at follow-up (February 2024): Implemented.\n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_register_no_spec_claims_is_read_generically(tmp_path: Path) -> None:
    result = convert(_write(tmp_path, "register.txt", REGISTER))
    assert result.layout is None and result.reading == "generic"
    assert str(result.status) == "partial"
    assert any(p.code == "read_generically" and PROBLEM in p.message for p in result.problems)
    assert result.paper is not None and result.paper.layout == "generic"
    got = [
        (r.audit_title, r.ref, r.priority_level, str(r.status), r.current_target.date.isoformat())
        for r in result.paper.recommendations
        if r.current_target and r.current_target.date
    ]
    assert got == [
        ("Payroll Controls", "1.1", "high", "closed", "2024-03-31"),
        ("Payroll Controls", "1.2", "medium", "open", "2024-06-30"),
        ("Fleet Fuel Cards", "2.1", "low", "open", "2024-09-30"),
    ]
    owners = [r.owners for r in result.paper.recommendations]
    assert owners == [["Ann Fairley"], ["Tom Brack", "Sue Lane"], ["Dan Oakes"]]


def test_labelled_paragraphs_with_a_metadata_line_are_read(tmp_path: Path) -> None:
    result = convert(_write(tmp_path, "labelled.txt", LABELLED))
    assert result.reading == "generic" and result.paper is not None
    recs = result.paper.recommendations
    assert [(r.ref, r.title, r.priority) for r in recs] == [
        ("3", "Keep the planned maintenance log up to date", "Medium"),
        ("4", "Test the legionella controls", "High"),
    ]
    assert {r.audit_title for r in recs} == {"Estates Maintenance"}
    assert recs[0].assurance == "Limited assurance" and recs[0].audit_date is not None
    assert recs[0].audit_date.date.isoformat() == "2023-05-31"
    assert [str(r.status) for r in recs] == ["open", "closed"]
    assert [r.current_target.date.isoformat() for r in recs if r.current_target] == [
        "2024-03-31",
        "2023-11-30",
    ]


def test_inspect_json_shows_the_reading_and_each_tables_column_roles(tmp_path: Path) -> None:
    path = _write(tmp_path, "register.txt", REGISTER)
    result = CliRunner().invoke(cli, ["inspect", str(path), "--json"])
    report = json.loads(result.output)
    assert report["reading"] == "generic" and report["layout"] is None
    (table,) = report["tables"]
    assert table["how"] == "header" and table["block"].startswith("#/blocks/")
    roles = {c["header"]: c["role"] for c in table["columns"]}
    assert roles == {
        "audit": "audit",
        "rec no": "ref",  # a header wrapped over two lines is read whole
        "recommendation": "action",
        "priority": "priority",
        "responsible officer": "owner",
        "target date": "original",
        "status": "status",
    }
    text = CliRunner().invoke(cli, ["inspect", str(path)]).output
    assert "reading: generic" in text and "rec no -> ref" in text


def test_inspect_json_shows_the_spec_reading_of_a_sample() -> None:
    path = Path(__file__).parent.parent / "samples/follow-up/haldenmoor-follow-up-2023-11.docx"
    report = json.loads(CliRunner().invoke(cli, ["inspect", str(path), "--json"]).output)
    assert report["reading"] == "spec" and report["layout"]["name"] == "follow-up"
    assert report["tables"] and all(t["how"] == "header" for t in report["tables"])
    assert {"ref", "action", "owner", "status"} <= {
        c["role"] for c in report["tables"][0]["columns"]
    }


def test_a_spec_that_claims_a_paper_and_finds_no_records_does_not_claim_it(
    tmp_path: Path,
) -> None:
    greedy = LayoutSpec(
        name="claims-everything",
        kind="tracker",
        parse=lambda doc, spec: Paper(layout=spec.name),
        cues=(Cue("any text at all", r"\w"),),
    )
    doc = read_document(_write(tmp_path, "register.txt", REGISTER))
    result = convert_document(doc, [greedy, *LAYOUTS])
    assert result.candidates[0].name == "claims-everything"
    assert result.layout is None and result.reading == "generic"
    assert {"claim_without_records", "read_generically"} <= {p.code for p in result.problems}
    assert result.paper is not None and len(result.paper.recommendations) == 3


# an invented follow-up report in the follow-up spec's layout, but with a metadata line under
# the audit heading and a sentence before the table
FOLLOW_UP = (
    "Subject: Follow-up of internal audit recommendations\n\n"
    "**Payroll Controls**\n\n"
    "Original report issued: March 2023 | Assurance opinion: Limited assurance\n\n"
    "The table below sets out each agreed action and the position reported by management.\n\n"
    "<b>Ref</b>\t<b>Recommendation</b>\t<b>Priority</b>\t<b>Responsible officer</b>\t"
    "<b>Original date</b>\t<b>Status</b>\n"
    "1\tReconcile overtime claims to rosters.\tHigh\tAnn Fairley\t31/03/2024\tImplemented\n"
    "2\tRemove leavers from the payroll promptly.\tMedium\tTom Brack\t30/06/2024\t"
    "Partly implemented\n"
)


def test_an_audit_heading_with_a_metadata_line_and_a_sentence_before_the_table(
    tmp_path: Path,
) -> None:
    result = convert(_write(tmp_path, "follow-up.txt", FOLLOW_UP))
    assert result.layout is not None and result.layout.name == "follow-up"
    assert result.reading == "spec"
    recs = result.paper.recommendations if result.paper else []
    assert [r.ref for r in recs] == ["1", "2"]
    for rec in recs:
        assert rec.audit_title == "Payroll Controls"
        assert rec.assurance == "Limited assurance"
        assert rec.audit_date is not None and rec.audit_date.date.isoformat() == "2023-03-31"
    assert not any(p.code == "generic_disagrees" for p in result.problems)


def test_a_spec_reading_fewer_records_than_generic_reading_is_a_problem(tmp_path: Path) -> None:
    def one_row(doc, spec):  # noqa: ANN001, ANN202 - a spec that misses rows
        paper = Paper(layout=spec.name)
        paper.recommendations.append(Recommendation(audit_title="Payroll Controls", ref="1.1",
                                                    title="Check overtime claims"))  # fmt: skip
        return paper

    partial = LayoutSpec(
        name="misses-rows", kind="tracker", parse=one_row, cues=(Cue("a register", r"Register"),)
    )
    doc = read_document(_write(tmp_path, "register.txt", REGISTER))
    result = convert_document(doc, [partial])
    assert result.reading == "spec" and result.layout is not None
    problems = [p for p in result.problems if p.code == "generic_disagrees"]
    assert len(problems) == 1
    assert "misses-rows read 1 recommendation(s), generic reading 3" in problems[0].message
    assert str(result.status) == "partial"


# an invented register whose status column prints only a colour, decoded by a key table
RAG_REGISTER = (
    "**Status key**\n\n"
    "Blue\tImplemented\n"
    "Amber\tNot started\n"
    "Red\tOverdue\n\n"
    "<b>Audit</b>\t<b>Ref</b>\t<b>Agreed action</b>\t<b>Owner</b>\t<b>Due date</b>\t"
    "<b>RAG</b>\n"
    "Debt Recovery\t1.1\tChase debts over 90 days weekly.\tLena Hart\t31/05/2024\tBlue\n"
    "“\t1.2\tWrite off small balances under the scheme.\tLena Hart\t30/06/2024\tAmber\n"
)


def test_a_status_printed_as_a_colour_is_read_through_the_papers_key(tmp_path: Path) -> None:
    result = convert(_write(tmp_path, "rag.txt", RAG_REGISTER))
    assert result.reading == "generic" and result.paper is not None
    recs = result.paper.recommendations
    assert [(r.ref, str(r.status), r.status_as_printed) for r in recs] == [
        ("1.1", "closed", "Blue"),
        ("1.2", "open", "Amber"),
    ]


def test_a_row_a_text_conversion_wrote_one_cell_short_is_placed_by_meaning(
    tmp_path: Path,
) -> None:
    short = REGISTER + (
        "Fleet Fuel Cards\t2.2\tCancel the cards of leavers the day they leave.\tLow\t"
        "Dan Oakes\tImplemented\n"  # no target date: the converter left its cell out
    )
    result = convert(_write(tmp_path, "register.txt", short))
    assert result.paper is not None
    last = result.paper.recommendations[-1]
    assert (last.ref, last.priority, str(last.status), last.owners) == (
        "2.2",
        "Low",
        "closed",
        ["Dan Oakes"],
    )
    assert last.current_target is None
