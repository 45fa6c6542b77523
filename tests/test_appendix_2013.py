"""The 2013–16 appendix (two auditors in one paper): the samples (two papers, September 2015
and March 2016) in Word, PDF and text give the generator's truth, and each pattern of the
layout has a test named after it."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sample_compare import FORMATS, TRUTH, compare, sample_file
from sqlalchemy import text

from jarap.cli import cli
from jarap.convert import convert
from jarap.db.engine import open_engine
from jarap.extract.dates import DateValue
from jarap.extract.reconcile import reconcile
from jarap.extract.records import Paper, Recommendation, Update
from jarap.extract.update_dates import date_yearless_updates
from jarap.extract.vocab import Status

STEM = "northshire-appendix-2016-03"
EARLIER = "northshire-appendix-2015-09"
TRUTH_JSON = json.loads((TRUTH / f"{STEM}.json").read_text(encoding="utf-8"))


def _paper(fmt: str):
    conversion = convert(sample_file(STEM, fmt))
    assert conversion.layout is not None and conversion.layout.name == "appendix-2013"
    return conversion.paper


def _rec(paper, ref: str) -> Recommendation:
    return next(r for r in paper.recommendations if r.ref == ref)


def _text_paper(tmp_path: Path, appendix: str) -> object:
    """A small text conversion of this layout (cover and one audit), read through convert."""
    path = tmp_path / "appendix.txt"
    path.write_text(
        "Subject INTERNAL AUDIT RECOMMENDATIONS UPDATE\nDate MARCH 2016\n"
        "Author : CORPORATE GOVERNANCE\nAPPENDIX A\n"
        "Status Internal Audit Report Audit Report Date\n" + appendix + "\nEND\n",
        encoding="utf-8",
    )
    return convert(path).paper


@pytest.mark.parametrize("fmt", FORMATS)
def test_samples_give_the_truth_in_every_format(fmt: str) -> None:
    problems, truth, paper = compare(STEM, fmt)
    assert problems == []
    assert len(paper.recommendations) == len(truth["recommendations"]) == 7


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_auditors_count_tables_are_summed_and_each_kept(fmt: str) -> None:
    declared = _paper(fmt).declared_counts
    want = TRUTH_JSON["declared_counts"]
    assert declared["by_priority"] == want["by_priority"]
    assert (declared["total"], declared["proposed_closed"]) == (7, 2)
    tables = declared["tables"]
    assert [(t["by_priority"], t["total"], t["proposed_closed"]) for t in tables] == [
        (t["by_priority"], t["total"], t["proposed_closed"]) for t in want["tables"]
    ]
    for table, truth in zip(tables, want["tables"], strict=True):
        assert truth["auditor"] in table["caption"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_paper_reconciles_against_both_auditors_tables(fmt: str) -> None:
    assert reconcile(_paper(fmt)) == (True, [])


@pytest.mark.parametrize("fmt", FORMATS)
def test_audit_row_gives_rag_title_and_report_number_apart(fmt: str) -> None:
    paper = _paper(fmt)
    rec = _rec(paper, "1.1")
    assert rec.audit_title == "SEIZED AND FOUND PROPERTY"
    assert rec.audit_date == DateValue("11 September 2014", datetime.date(2014, 9, 11), "day")
    assert rec.assurance is None
    # the RAG is the audit's: every recommendation of the audit has it
    assert {r.rag for r in paper.recommendations if r.audit_title == rec.audit_title} == {"amber"}
    assert _rec(paper, "3.1").rag == "red"
    assert "(3.14/15)" in rec.provenance["audit_title"].text
    assert rec.provenance["audit_title"].block.startswith("#/blocks/")
    assert paper.declared_counts["by_audit"]["SEIZED AND FOUND PROPERTY"] == {
        "High": 0,
        "Medium": 2,
        "Low": 0,
    }


def test_audit_row_wrapped_over_lines_in_a_text_conversion(tmp_path: Path) -> None:
    paper = _text_paper(
        tmp_path,
        "GREEN DIGITAL EVIDENCE \nSTORAGE\n(6.14/15)\n20 January 2015\n"
        "HIGH: 1 MEDIUM: 0 LOW: 0\nHigh Recommendation 2.1:\n"
        "Digital evidence should be copied to the evidence store.\n"
        "Person Responsible: Ch Insp Dev Raman Criminal Justice Department\n",
    )
    [rec] = paper.recommendations
    assert (rec.audit_title, rec.rag, rec.ref) == ("DIGITAL EVIDENCE STORAGE", "green", "2.1")
    assert rec.audit_date.date == datetime.date(2015, 1, 20)
    assert rec.owners == ["Ch Insp Dev Raman"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_untitled_heading_is_named_by_the_first_words_of_its_text(fmt: str) -> None:
    rec = _rec(_paper(fmt), "1.1")
    assert rec.title == "Property stores should reconcile the seized property register"
    assert rec.text.startswith("Property stores should reconcile")
    assert rec.priority == "Medium" and rec.priority_level == "medium"
    assert rec.provenance["title"].text == rec.title


def test_untitled_heading_with_its_text_on_the_same_line(tmp_path: Path) -> None:
    paper = _text_paper(
        tmp_path,
        "AMBER VOLUNTEER EXPENSES (4.13/14) 2 October 2013\n"
        "FUNDAMENTAL: 0 SIGNIFICANT: 0 HOUSEKEEPING: 1\n"
        "Housekeeping Recommendation 4.1: Volunteer expense claims should carry receipts.\n"
        "Implementation Target Date: April 2014\n",
    )
    [rec] = paper.recommendations
    assert (rec.priority, rec.ref) == ("Housekeeping", "4.1")
    assert rec.text == "Volunteer expense claims should carry receipts."
    assert rec.title == "Volunteer expense claims should carry receipts"
    assert rec.current_target.date == datetime.date(2014, 4, 30)


@pytest.mark.parametrize("fmt", FORMATS)
def test_revised_target_chain_glued_to_its_label(fmt: str) -> None:
    rec = _rec(_paper(fmt), "1.1")  # `March 2015 – revised Target DateOctober 2016`
    assert [t.value.date for t in rec.targets] == [
        datetime.date(2015, 3, 31),
        datetime.date(2016, 10, 31),
    ]
    assert rec.current_target.date == datetime.date(2016, 10, 31)
    three = _rec(_paper(fmt), "3.1")  # a chain of three over a line break
    assert [t.value.raw for t in three.targets] == ["December 2013", "June 2014", "March 2016"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_person_responsible_before_a_department_is_the_owner(fmt: str) -> None:
    paper = _paper(fmt)
    owners = {r.ref: r.owners for r in paper.recommendations}
    assert owners["1.1"] == ["Insp Carl Haddow"]
    assert owners["1.2"] == ["Maureen Tallis"]
    assert owners["4.1"] == ["Insp Rhys Madoc"]  # `Citizens in Policing Department`
    assert all(r.provenance[f"owners/{n}"].block for r in paper.recommendations for n in r.owners)


@pytest.mark.parametrize("fmt", FORMATS)
def test_people_named_in_update_text_are_not_owners(fmt: str) -> None:
    paper = _paper(fmt)
    named = {"DS Paula Okafor", "Sgt Oliver Prentice", "Mr Tom Ashdown", "PCSO Amy Brightwell"}
    assert all(named.isdisjoint(r.owners + r.former_owners) for r in paper.recommendations)
    assert "DS Paula Okafor" in _rec(paper, "1.1").updates[0].text


@pytest.mark.parametrize("fmt", FORMATS)
def test_initial_management_comment_is_neither_text_nor_update(fmt: str) -> None:
    rec = _rec(_paper(fmt), "1.1")
    assert "quarterly reconciliation will be added" not in rec.text
    assert [u.heading for u in rec.updates] == ["Update 27th August", "Update February 2016"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_update_heading_with_its_month_apart_from_its_year(fmt: str) -> None:
    [update] = _rec(_paper(fmt), "1.2").updates  # `Update August – Follow Up Audit 2015:`
    assert (update.date.date, update.date.precision) == (datetime.date(2015, 8, 31), "month")


@pytest.mark.parametrize("fmt", FORMATS)
def test_yearless_update_dated_when_exactly_one_year_fits(fmt: str) -> None:
    paper = _paper(fmt)
    # between the audit (11 September 2014) and the paper (March 2016): only 2015
    first = _rec(paper, "1.1").updates[0]
    assert (first.date.date, first.date.precision) == (datetime.date(2015, 8, 27), "day")
    # between `Update July 2014` and `Update June 2015`: only 2014
    middle = _rec(paper, "3.1").updates[1]
    assert (middle.heading, middle.date.date) == ("Update 3rd December", datetime.date(2014, 12, 3))


@pytest.mark.parametrize("fmt", FORMATS)
def test_yearless_update_left_undated_when_several_years_fit(fmt: str) -> None:
    # audit June 2013, next heading January 2016: November of 2013, 2014 and 2015 all fit
    first = _rec(_paper(fmt), "3.2").updates[0]
    assert first.heading == "Update 14th November"
    assert first.date is None
    assert first.text == "The report has been drafted."


def test_yearless_update_on_the_boundary_day_fits() -> None:
    audit_date = DateValue("27 August 2014", datetime.date(2014, 8, 27), "day")
    rec = Recommendation("AUDIT", "1.1", "t", audit_date=audit_date)
    rec.updates = [Update("Update 27th August", None, ""), Update("Update 1st June", None, "")]
    paper_date = DateValue("JULY 2015", datetime.date(2015, 7, 31), "month")
    paper = Paper(layout="appendix-2013", paper_date=paper_date)
    date_yearless_updates(rec, paper)
    # 27 August: 2014 (the audit's own day) fits, 2015 is after the paper: one year
    assert rec.updates[0].date.date == datetime.date(2014, 8, 27)
    # 1 June: after 27 August 2014 and before July 2015: 2015 only
    assert rec.updates[1].date.date == datetime.date(2015, 6, 1)


@pytest.mark.parametrize("fmt", FORMATS)
def test_completion_proposed_closed_not_adopted_and_superseded_markers(fmt: str) -> None:
    status = {r.ref: r.status for r in _paper(fmt).recommendations}
    assert status == {
        "1.1": Status.OPEN,
        "1.2": Status.PROPOSED_CLOSED,  # COMPLETED: closure is for the Panel to agree
        "2.1": Status.PROPOSED_CLOSED,
        "2.2": Status.NOT_ADOPTED,
        "3.1": Status.OPEN,
        "3.2": Status.SUPERSEDED,
        "4.1": Status.OPEN,
    }
    rec = _rec(_paper(fmt), "1.2")
    assert rec.provenance["status"].text == "COMPLETED"


@pytest.mark.parametrize("fmt", FORMATS)
def test_earlier_paper_gives_its_truth_and_bounds_yearless_updates_by_its_date(fmt: str) -> None:
    problems, _truth, paper = compare(EARLIER, fmt)
    assert problems == []
    recs = {r.ref: r for r in paper.recommendations}
    # no dated heading after it: the paper's date (September 2015) bounds it, 2015 alone fits
    assert recs["1.1"].updates[0].date.date == datetime.date(2015, 8, 27)
    # November of 2013 and of 2014 both fit before September 2015
    assert recs["3.2"].updates[0].date is None
    assert recs["2.1"].status == Status.OPEN and recs["1.2"].status == Status.PROPOSED_CLOSED


def test_untitled_recommendations_link_across_the_two_papers(tmp_path: Path) -> None:
    db = str(tmp_path / "archive.db")
    files = [str(sample_file(stem, "docx")) for stem in (EARLIER, STEM)]
    result = CliRunner().invoke(cli, ["ingest", *files, "--db", db])
    assert result.exit_code == 0, result.output
    with open_engine(db).connect() as conn:
        rows = conn.execute(
            text("SELECT recommendation_id, count(*) FROM recommendations GROUP BY 1")
        ).all()
    assert len(rows) == 7 and all(n == 2 for _id, n in rows)
