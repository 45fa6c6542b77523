"""Every issue-8 wording the 2013–16 appendix can print (two auditors, audit rows with a RAG,
untitled `Medium Recommendation 1.1:` blocks, year-less update headings), each read by a
shared step: one test per pattern, named after it, on the generated quirks paper
(samples/generate_quirks_2013.py) in Word, PDF and text, plus the shared step itself where
the paper cannot show a pattern alone. test_samples.py checks the whole paper against its
truth."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from sample_compare import one_rec, sample_conversion, target_dates, update_dates

from jarap.cli import cli
from jarap.extract.labelled import labelled_sections, staged_targets
from jarap.extract.reconcile import reconcile
from jarap.extract.records import Paper
from jarap.extract.vocab import Status
from jarap.ingest.document import Paragraph, Run
from jarap.ingest.pdf_layout import PagePara
from jarap.ingest.pdf_pages import pages_to_blocks

QUIRKS = SAMPLES / "tracker-2013" / "rydale-quirks-2013-12"
TRUTH = json.loads((SAMPLES / "truth" / "rydale-quirks-2013-12.json").read_text(encoding="utf-8"))
FORMATS = ("docx", "pdf", "txt")
HARBURY, TRI_COUNTY = "Harbury Audit LLP", "Tri-County Audit Partnership"


@pytest.fixture(scope="module", params=FORMATS)
def fmt(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def paper(fmt: str) -> Paper:
    return sample_conversion(Path(f"{QUIRKS}.{fmt}"), "appendix-2013").paper  # type: ignore[return-value]


def _table(paper: Paper, auditor: str) -> dict:
    [table] = [t for t in paper.declared_counts["tables"] if auditor in t["caption"]]
    return table


# -- declared counts ----------------------------------------------------------------------


def test_one_count_table_per_auditor_summed_into_by_priority(paper: Paper) -> None:
    declared = paper.declared_counts
    assert declared["by_priority"] == TRUTH["declared_counts"]["by_priority"]
    assert (declared["total"], declared["proposed_closed"]) == (7, 1)
    assert _table(paper, HARBURY)["by_priority"] == {"High": 1, "Medium": 2, "Low": 1}
    assert _table(paper, TRI_COUNTY)["by_priority"] == {
        "Fundamental": 1,
        "Significant": 1,
        "Housekeeping": 1,
    }
    assert declared["by_rag"] == {"red": 1, "amber": 3, "green": 0}  # the two tables summed


def test_count_columns_read_by_meaning_in_any_order(paper: Paper) -> None:
    """Harbury prints `Priority | Completed | RED | AMBER | GREEN | Total | Not adopted`,
    Tri-County `Priority | Total | Not adopted | Completed | GREEN | AMBER | RED`: neither
    row's last number is its total, Completed sits in a different place in each and the
    colours come in both orders."""
    harbury, tri = _table(paper, HARBURY), _table(paper, TRI_COUNTY)
    assert (harbury["total"], harbury["proposed_closed"]) == (4, 1)
    assert harbury["by_rag"] == {"red": 0, "amber": 2, "green": 0}
    assert (tri["total"], tri["proposed_closed"]) == (3, 0)
    assert tri["by_rag"] == {"red": 1, "amber": 1, "green": 0}


def test_paper_reconciles_by_priority_rag_and_audit(paper: Paper) -> None:
    assert reconcile(paper) == (True, [])
    scopes = {c.scope for c in paper.reconciliation}
    assert {"total", "proposed_closed", "priority", "rag", "audit"} <= scopes
    assert all(c.ok for c in paper.reconciliation)


def test_jarap_check_reconciles_the_quirks_paper_in_every_format(db_path: str) -> None:
    files = [f"{QUIRKS}.{fmt}" for fmt in FORMATS]
    ingest = CliRunner().invoke(cli, ["ingest", *files, "--db", db_path])
    assert ingest.exit_code == 0, ingest.output
    result = CliRunner().invoke(cli, ["check", "--db", db_path])
    # every format reconciles; the one problem is where the twins read the paper differently
    # (the text conversion loses the strike-through that dates an original target)
    assert "do not reconcile" not in result.output and "vanished" not in result.output
    twins = [line for line in result.output.splitlines() if line.startswith("twin ")]
    assert result.exit_code == (1 if twins else 0), result.output
    assert all(line.endswith(".docx: 1 disagreement(s)") for line in twins), twins
    lines = result.output.splitlines()
    for fmt in FORMATS:
        name = f"{QUIRKS.name}.{fmt}"
        start = lines.index(f"{name}: declared=7 extracted=7 ok")
        block = lines[start : start + 9]
        assert "    proposed closed: 1 = 1" in block
        assert (
            "    by priority: High 1 = 1, Medium 2 = 2, Low 1 = 1, Fundamental 1 = 1, "
            "Significant 1 = 1, Housekeeping 1 = 1"
        ) in block
        assert "    by RAG: red 1 = 1, amber 3 = 3, green 0 = 0" in block
        assert (
            "    by audit: CASH OFFICE CONTROLS: Fundamental 1 >= 1, Significant 1 >= 1, "
            "Housekeeping 0 >= 0"
        ) in block


# -- update headings ----------------------------------------------------------------------


def test_yearless_heading_takes_the_one_year_that_fits(paper: Paper) -> None:
    """`Update October:` after `Update March/April 2013`, before the paper (December 2013)."""
    assert ("Update October", "2013-10-31") in update_dates(one_rec(paper, "1.2"))


def test_yearless_heading_bounded_by_the_headings_either_side(paper: Paper) -> None:
    """`Update 5th December:` between `Update July 2012` and `Update October 2013`: December
    2012 alone fits (the paper's date, December 2013, would let 2013 in too)."""
    assert update_dates(one_rec(paper, "3.2")) == [
        ("Update July 2012", "2012-07-31"),
        ("Update 5th December", "2012-12-05"),
        ("Update October 2013", "2013-10-31"),
    ]


def test_yearless_heading_stays_undated_when_two_years_fit(paper: Paper) -> None:
    """`Update 14th November:` after `Update September 2012`, before December 2013: November
    of 2012 and of 2013 both fit, so no date, the heading and text kept as printed."""
    last = one_rec(paper, "3.1").updates[-1]
    assert (last.heading, last.date) == ("Update 14th November", None)
    assert last.text.startswith("Reconciliations are signed by a second officer")


def test_update_heading_with_two_digit_year(paper: Paper) -> None:
    """`Update Jan 13:` is January 2013, not the 13th of a January."""
    first = one_rec(paper, "1.1").updates[0]
    assert (first.heading, first.date.date, first.date.precision) == (
        "Update Jan 13",
        datetime.date(2013, 1, 31),
        "month",
    )


def test_update_heading_with_two_months(paper: Paper) -> None:
    assert update_dates(one_rec(paper, "1.2"))[0] == ("Update March/April 2013", "2013-04-30")


def test_update_heading_without_colon(paper: Paper) -> None:
    update = one_rec(paper, "1.1").updates[1]
    assert (update.heading, update.date.date) == ("UPDATE May 2013", datetime.date(2013, 5, 31))
    assert update.text.startswith("the supplier has issued new cards")
    [only] = one_rec(paper, "4.1").updates
    assert (only.heading, only.text) == (
        "Update August 2013",
        "the first two reconciliations found no differences.",
    )


def test_update_heading_alone_on_a_line(paper: Paper) -> None:
    first = one_rec(paper, "2.1").updates[0]
    assert (first.heading, first.date.date) == ("Update June 2013", datetime.date(2013, 6, 30))
    assert first.text == "Registers have been issued to every custody suite."


# -- owners -------------------------------------------------------------------------------


def test_owners_name_role_and_name_role(paper: Paper) -> None:
    assert one_rec(paper, "1.1").owners == ["Lena Voss", "Rhys Baptiste"]


def test_owners_rank_name_and_name_role(paper: Paper) -> None:
    assert one_rec(paper, "1.2").owners == ["Supt Dominic Hale", "Carys Penn"]


def test_rank_followed_by_department_acronym(paper: Paper) -> None:
    assert one_rec(paper, "2.1").owners == ["ACO HR Imogen Stradling"]


def test_names_only_mentioned_in_update_prose_are_not_owners(paper: Paper) -> None:
    fuel, cash = one_rec(paper, "1.2"), one_rec(paper, "3.1")
    assert "ACC Brian Tolley" in fuel.updates[1].text and "Joanne Pike" in fuel.updates[1].text
    assert fuel.owners == ["Supt Dominic Hale", "Carys Penn"]
    assert "Mr Tom Ashdown" in cash.updates[-1].text
    assert cash.owners == ["Ch Insp Dev Raman"]
    assert all(not r.former_owners for r in paper.recommendations)


def test_each_owner_keeps_its_provenance(paper: Paper) -> None:
    for rec in paper.recommendations:
        for name in rec.owners:
            where = rec.provenance[f"owners/{name}"]
            assert where.text.startswith("Person Responsible:"), (rec.ref, name, where)
            assert name.split()[-1] in where.text
            assert where.block.startswith("#/blocks/")


# -- targets ------------------------------------------------------------------------------


def test_revised_to_chain_stops_at_the_end_of_its_sentence(paper: Paper) -> None:
    """`March 2013 revised to September 2013. The fleet review in March 2014 will …`."""
    rec = one_rec(paper, "1.1")
    assert target_dates(rec) == ["2013-03-31", "2013-09-30"]
    assert rec.current_target.date == datetime.date(2013, 9, 30)


def test_month_range_target_is_its_end(paper: Paper) -> None:
    """`Implementation Target Date: March – Sept 2013` is September 2013."""
    rec = one_rec(paper, "1.2")
    assert [(t.value.date, t.value.precision) for t in rec.targets] == [
        (datetime.date(2013, 9, 30), "month")
    ]


def test_date_before_the_word_target(paper: Paper) -> None:
    """`Implementation Target Date: returns in place by November 2013 target`."""
    rec = one_rec(paper, "2.2")
    assert target_dates(rec) == ["2013-11-30"]
    assert rec.current_target.date == datetime.date(2013, 11, 30)


def test_struck_date_printed_after_its_replacement_is_the_older_one(paper: Paper, fmt: str) -> None:
    """`31st July 2013 ~~30th April 2013~~`: order by strike, then position. A text
    conversion loses the strike, so it keeps the printed order."""
    rec = one_rec(paper, "2.1")
    if fmt == "txt":
        assert target_dates(rec) == ["2013-07-31", "2013-04-30"]
    else:
        assert [(t.value.date.isoformat(), t.struck) for t in rec.targets] == [
            ("2013-04-30", True),
            ("2013-07-31", False),
        ]
    assert rec.current_target.date == datetime.date(2013, 7, 31)


def test_inline_chain_with_glued_words(paper: Paper) -> None:
    """`June 2013 – revised Target DateJanuary 2014`."""
    rec = one_rec(paper, "4.1")
    assert target_dates(rec) == ["2013-06-30", "2014-01-31"]


# -- status -------------------------------------------------------------------------------


def test_last_status_signal_in_reading_order_wins(paper: Paper) -> None:
    """`Proposed closed? No` in an update, `PROPOSED CLOSED` as the block's last line."""
    rec = one_rec(paper, "2.1")
    assert rec.status == Status.PROPOSED_CLOSED
    assert rec.provenance["status"].text == "PROPOSED CLOSED"


def test_superseded_wherever_printed(paper: Paper) -> None:
    """Said only in an update's prose, with no `SUPERSEDED` line: still superseded, and so
    counted in the cover's Not adopted column, not in its RAG columns."""
    rec = one_rec(paper, "3.2")
    assert rec.status == Status.SUPERSEDED
    assert "superseded" in rec.provenance["status"].text


def test_not_adopted_status_line(paper: Paper) -> None:
    rec = one_rec(paper, "2.2")
    assert rec.status == Status.NOT_ADOPTED
    assert rec.provenance["status"].text == "NOT ADOPTED"


# -- converter artefacts ------------------------------------------------------------------


def test_continued_header_on_a_new_page_inside_a_block(paper: Paper, fmt: str) -> None:
    """`Fundamental Recommendation 3.1 Continued` opens page 4 in the middle of 3.1's
    updates: it is neither a new recommendation nor text of the block."""
    assert [r.ref for r in paper.recommendations] == [
        "1.1",
        "1.2",
        "2.1",
        "2.2",
        "3.1",
        "3.2",
        "4.1",
    ]
    rec = one_rec(paper, "3.1")
    assert [u.heading for u in rec.updates] == ["Update September 2012", "Update 14th November"]
    assert "Continued" not in rec.source_text
    if fmt == "pdf":
        assert (rec.page_start, rec.page_end) == (3, 4)


def test_page_footer_inside_a_block(paper: Paper, fmt: str) -> None:
    """2.2 runs over a page: the footer (`2 | P a g e` in the text conversion) lands in the
    middle of its text and is dropped."""
    rec = one_rec(paper, "2.2")
    assert "P a g e" not in rec.source_text and "| Page" not in rec.source_text
    assert rec.owners == ["Gareth Lusk"]
    assert rec.updates[0].text == "The Panel accepted the management response."
    if fmt == "pdf":
        assert (rec.page_start, rec.page_end) == (2, 3)


def test_text_that_fills_its_last_line_keeps_apart_from_the_target_label(paper: Paper) -> None:
    """3.1's text ends at the right margin, so the PDF reader joins it to the label line
    under it (`… by a second officer. Implementation Target Date: December 2012 – …`)."""
    rec = one_rec(paper, "3.1")
    assert rec.text.endswith("reconciled to the till rolls by a second officer.")
    assert target_dates(rec) == ["2012-12-31", "2013-06-30"]


def test_target_label_after_a_full_stop_opens_the_target_section() -> None:
    """The shared labelled step cuts a paragraph at `Implementation Target Date:` after a
    sentence, not at `revised Target Date` inside the chain."""
    para = Paragraph(
        runs=[
            Run(
                "Takings should be banked daily. Implementation Target Date: May 2014 – "
                "revised Target Date: June 2014"
            )
        ]
    )
    sections = labelled_sections([para])
    assert [p.text.strip() for p in sections["text"]] == ["Takings should be banked daily."]
    targets, current = staged_targets(sections)
    assert [t.value.raw for t in targets] == ["May 2014", "June 2014"]
    assert current.date == datetime.date(2014, 6, 30)


def test_rest_of_a_paragraph_at_the_top_of_the_next_page(paper: Paper) -> None:
    """2.2's text breaks over a page (in the text conversion the footer `2 | P a g e` lands
    mid-sentence); its last two lines sit at the very top of the next page, inside the
    band where running headers are printed. They are the rest of the paragraph, not a
    header, and the target line under them stays apart."""
    rec = one_rec(paper, "2.2")
    assert rec.text.endswith(
        "signed by the custody sergeant and the supplier's driver, and the lists should be "
        "checked against the supplier's credit notes every month by the custody business "
        "manager, who should report any difference to the head of custody."
    )
    assert target_dates(rec) == ["2013-11-30"]


def test_band_paragraph_printed_once_is_no_running_header() -> None:
    """The page step: a running header repeats in the band of several pages; two lines in
    the band of one page only (the rest of a paragraph) continue the paragraph before the
    break, while a single line there (a heading at the top of a page) starts anew."""
    height = 842.0

    def para(text: str, top: float, bottom: float, used: float = 100.0) -> PagePara:
        return PagePara(
            Paragraph(runs=[Run(text)]), top, bottom, (used, 11.0, 500.0), (60.0, False)
        )

    full = 495.0  # the last line before the break is full: the next word would not fit
    pages = [
        ([para("OFFICIAL", 30, 42), para("The lists should be", 100, 112, used=full)], height),
        (
            [
                para("OFFICIAL", 30, 42),
                para("checked monthly by the manager.", 57, 80),
                para("Each list is kept for a year.", 100, 112, used=full),
            ],
            height,
        ),
        ([para("OFFICIAL", 30, 42), para("Medium Recommendation 1.3:", 57, 69)], height),
    ]
    texts = [b.text for b in pages_to_blocks(pages)]
    assert texts == [
        "OFFICIAL",
        "The lists should be checked monthly by the manager.",
        "OFFICIAL",
        "Each list is kept for a year.",
        "OFFICIAL",
        "Medium Recommendation 1.3:",
    ]
