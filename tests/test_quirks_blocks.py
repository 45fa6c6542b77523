"""Every wording of dates, owners and status a block tracker prints (issue 8), each read by a
shared step: one test per pattern, named after it, on the generated quirks paper
(samples/generate_quirks_2020.py) in Word, PDF and text, plus the shared step itself where the
paper cannot show a pattern alone. test_samples.py checks the whole paper against its truth."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from conftest import SAMPLES
from sample_compare import one_rec, sample_conversion, target_dates, update_dates

from jarap.extract import fields
from jarap.extract.records import Paper
from jarap.ingest.document import Paragraph, Run

QUIRKS = SAMPLES / "tracker-2020" / "ashdale-quirks-2020-03"
FORMATS = ("docx", "pdf", "txt")


@pytest.fixture(scope="module", params=FORMATS)
def fmt(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def paper(fmt: str) -> Paper:
    return sample_conversion(Path(f"{QUIRKS}.{fmt}"), "tracker-2020").paper  # type: ignore[return-value]


def _para(text: str) -> Paragraph:
    return Paragraph(runs=[Run(text)])


# -- update headings ----------------------------------------------------------------------


def test_update_heading_without_colon(paper: Paper) -> None:
    rec = one_rec(paper, "4.1", "PROPERTY STORES")
    update = next(u for u in rec.updates if u.heading == "UPDATE September 2019")
    assert update.date.date == datetime.date(2019, 9, 30)
    assert update.text.startswith("the supplier has delivered the new racking")


def test_update_heading_alone_on_a_line(paper: Paper) -> None:
    rec = one_rec(paper, "4.1", "PROPERTY STORES")
    update = next(u for u in rec.updates if u.heading == "Update December 2019")
    assert update.date.date == datetime.date(2019, 12, 31)
    assert update.text == "The December audits found no discrepancies in any store."


def test_update_heading_inline_after_target_date(paper: Paper) -> None:
    """`Target Date: 31st March 2019 Update June 2019: …` with no full stop between."""
    rec = one_rec(paper, "4.1", "PROPERTY STORES")
    assert target_dates(rec) == ["2019-03-31"]
    first = rec.updates[0]
    assert (first.heading, first.date.date) == ("Update June 2019", datetime.date(2019, 6, 30))
    assert " ".join(first.text.split()) == (
        "the first store audits have been completed in two of the four stores."
    )
    assert rec.owners == ["Lena Voss", "Rhys Baptiste"]  # the label after it is still read


def test_update_heading_with_two_digit_year(paper: Paper) -> None:
    rec = one_rec(paper, "4.1", "PROPERTY STORES")
    assert update_dates(rec)[-1] == ("Update Jan 20", "2020-01-31")


def test_achievements_heading_is_dated_at_the_periods_end(paper: Paper) -> None:
    rec = one_rec(paper, "4.2", "PROPERTY STORES")
    assert update_dates(rec)[0] == ("Achievements May 2018 – January 2019", "2019-01-31")


def test_summary_of_progress_between_is_dated_at_the_periods_end(paper: Paper) -> None:
    rec = one_rec(paper, "4.2", "PROPERTY STORES")
    heading = "Summary of progress between May 2019 – August 2019"
    assert (heading, "2019-08-31") in update_dates(rec)


def test_update_heading_with_two_months(paper: Paper) -> None:
    rec = one_rec(paper, "4.2", "PROPERTY STORES")
    assert ("Update March/April 2019", "2019-04-30") in update_dates(rec)


def test_yearless_heading_takes_the_one_year_that_fits(paper: Paper) -> None:
    """`UPDATE October` between `… August 2019` and `Update January 2020`: only 2019 fits."""
    rec = one_rec(paper, "4.2", "PROPERTY STORES")
    assert ("UPDATE October", "2019-10-31") in update_dates(rec)


def test_yearless_heading_stays_undated_when_two_years_fit(paper: Paper) -> None:
    """`Update 27th August` between the audit (July 2018) and `Update November 2019`: August
    2018 and August 2019 both fit, so no date, the heading and text kept as printed."""
    rec = one_rec(paper, "4.3", "PROPERTY STORES")
    first = rec.updates[0]
    assert (first.heading, first.date) == ("Update 27th August", None)
    assert first.text.startswith("the cabinet specification was agreed")


# -- owners -------------------------------------------------------------------------------


def test_owners_name_role_and_name_role(paper: Paper) -> None:
    assert one_rec(paper, "4.1", "PROPERTY STORES").owners == ["Lena Voss", "Rhys Baptiste"]


def test_owners_name_comma_role_name_comma_role(paper: Paper) -> None:
    """`Martin Keel, Head of Estates Fiona Drury, Facilities Manager`: a role before a name."""
    assert one_rec(paper, "4.2", "PROPERTY STORES").owners == ["Martin Keel", "Fiona Drury"]


def test_owners_rank_name_and_name_role(paper: Paper) -> None:
    assert one_rec(paper, "4.3", "PROPERTY STORES").owners == ["Supt Dominic Hale", "Carys Penn"]


def test_rank_followed_by_department_acronym(paper: Paper) -> None:
    assert one_rec(paper, "4.1", "ESTATES AND FACILITIES").owners == ["ACO HR Imogen Stradling"]


def test_line_that_begins_with_the_name_is_owner_and_target(paper: Paper) -> None:
    """`Owen Marsh – Estates Surveyor – … Target June 2019` with no label at all."""
    rec = one_rec(paper, "4.4", "ESTATES AND FACILITIES")
    assert rec.owners == ["Owen Marsh"]
    assert target_dates(rec) == ["2019-06-30"]
    assert "Owen Marsh" not in rec.text


def test_person_responsible_in_the_middle_of_a_paragraph(paper: Paper) -> None:
    """`… revised to 31st January 2020. … Person Responsible: Insp Gareth Lowe` on one line."""
    rec = one_rec(paper, "4.2", "ESTATES AND FACILITIES")
    assert rec.owners == ["Insp Gareth Lowe"]
    assert rec.provenance["owners/Insp Gareth Lowe"].text.startswith("Person Responsible:")


def test_signature_followed_by_unpunctuated_heading(paper: Paper) -> None:
    """`… – Tom Ferris Estates Officer UPDATE January 2020 the …`: the heading starts a new
    update (in a text conversion it may even wrap onto the next line). The signer signs an
    update; in this layout only the labelled sections name owners."""
    rec = one_rec(paper, "4.2", "ESTATES AND FACILITIES")
    assert update_dates(rec) == [
        ("Update October 2019", "2019-10-31"),
        ("UPDATE January 2020", "2020-01-31"),
    ]
    assert rec.updates[0].text.endswith("– Tom Ferris Estates Officer")
    assert rec.updates[1].text.startswith("the electronic sign-in system")
    assert "Tom Ferris" not in rec.owners


def test_signature_followed_by_unpunctuated_heading_names_the_owner_where_signatures_count() -> (
    None
):
    """The shared owner step (table layouts) reads a signature that a heading follows."""
    para = _para(
        "Forms are issued to all staff – Mazhar Ahmed Head of HRSC Progress Update July 2021 "
        "the process is embedded."
    )
    assert fields.extract_owners([para])[0] == ["Mazhar Ahmed"]


def test_work_stream_lines_each_with_owners_and_dates(paper: Paper) -> None:
    """`Person Responsible and Implementation Target Date: See below`, then `Survey Nadia
    Kerr/Tom Ferris End March 2019 excluding outbuildings end June 2019 Revised target date
    December 2019`: the strand's name is no part of a person's."""
    rec = one_rec(paper, "4.3", "ESTATES AND FACILITIES")
    assert rec.owners == ["Nadia Kerr", "Tom Ferris", "Priya Sandhu"]
    assert target_dates(rec) == [
        "2019-03-31",
        "2019-06-30",
        "2019-12-31",
        "2019-09-30",
        "2020-01-31",
        "2019-09-30",
        "2020-02-29",
    ]
    assert rec.current_target.date == datetime.date(2020, 2, 29)  # the latest strand
    assert rec.provenance["owners/Priya Sandhu"].text.startswith("Register Priya Sandhu")


def test_names_only_mentioned_in_update_prose_are_not_owners(paper: Paper) -> None:
    rec = one_rec(paper, "4.3", "PROPERTY STORES")
    assert "ACC Brian Tolley" in rec.updates[0].text
    assert rec.owners == ["Supt Dominic Hale", "Carys Penn"]


def test_each_owner_keeps_its_provenance(paper: Paper) -> None:
    for rec in paper.recommendations:
        for name in rec.owners:
            where = rec.provenance[f"owners/{name}"]
            assert name.split()[-1] in where.text, (rec.ref, name, where)
            assert where.block.startswith("#/blocks/")
            if paper.recommendations[0].page_start is not None:
                assert where.page is not None


# -- targets ------------------------------------------------------------------------------


def test_struck_date_printed_after_its_replacement_is_the_older_one(paper: Paper, fmt: str) -> None:
    """`31st January 2020 ~~31st October 2019~~`: order by strike, then position. A text
    conversion loses the strike, so it keeps the printed order."""
    rec = one_rec(paper, "4.1", "ESTATES AND FACILITIES")
    if fmt == "txt":
        assert target_dates(rec) == ["2020-01-31", "2019-10-31"]
    else:
        assert [(t.value.date.isoformat(), t.struck) for t in rec.targets] == [
            ("2019-10-31", True),
            ("2020-01-31", False),
        ]
    assert rec.current_target.date == datetime.date(2020, 1, 31)


def test_struck_date_after_a_connector_keeps_its_place() -> None:
    """`31st March 2021 revised to ~~30th June 2021~~ 30th September 2021` is in order."""
    para = Paragraph(
        runs=[
            Run("Implementation Target Date: 31st March 2021 revised to "),
            Run("30th June 2021", strike=True),
            Run(" 30th September 2021"),
        ]
    )
    targets, current = fields.extract_targets([para])
    assert [t.value.raw for t in targets] == [
        "31st March 2021",
        "30th June 2021",
        "30th September 2021",
    ]
    assert current.raw == "30th September 2021"


def test_date_before_the_word_target() -> None:
    targets, current = fields.extract_targets(
        [_para("Cabinets fitted in every store by March 2020 target.")]
    )
    assert [t.value.raw for t in targets] == ["March 2020"]
    assert current.date == datetime.date(2020, 3, 31)


def test_date_before_the_word_target_in_a_labelled_target(paper: Paper) -> None:
    rec = one_rec(paper, "4.3", "PROPERTY STORES")
    assert target_dates(rec) == ["2020-03-31"]


def test_target_milestones_bullet_list(paper: Paper) -> None:
    rec = one_rec(paper, "4.1", "RECRUITMENT AND VETTING")
    assert target_dates(rec) == ["2019-10-31", "2019-12-31", "2020-03-31"]
    assert rec.current_target.date == datetime.date(2020, 3, 31)
    assert rec.text.startswith("Management should ensure") and "milestones" not in rec.text


def test_revised_to_chain_stops_at_the_end_of_its_sentence(paper: Paper) -> None:
    """`… revised to 31st January 2020. The estates review in May 2020 will confirm …`."""
    rec = one_rec(paper, "4.2", "ESTATES AND FACILITIES")
    assert target_dates(rec) == ["2019-09-30", "2020-01-31"]
    assert rec.current_target.date == datetime.date(2020, 1, 31)


def test_inline_chain_with_glued_words(paper: Paper) -> None:
    """`March 2019 – revised Target DateOctober 2019 – revised Target DateFebruary 2020`."""
    rec = one_rec(paper, "4.2", "RECRUITMENT AND VETTING")
    assert target_dates(rec) == ["2019-03-31", "2019-10-31", "2020-02-29"]
    assert rec.current_target.date == datetime.date(2020, 2, 29)


def test_month_range_target_is_its_end(paper: Paper) -> None:
    """`Register Priya Sandhu March – Sept 2019 …`: the range ends in September."""
    rec = one_rec(paper, "4.3", "ESTATES AND FACILITIES")
    register = [t for t in rec.targets if t.source and "Register Priya" in t.source.text]
    assert [t.value.date.isoformat() for t in register] == ["2019-09-30", "2020-01-31"]


def test_excluding_part_end_month_is_a_target(paper: Paper) -> None:
    """`End March 2019 excluding outbuildings end June 2019`: both dates are targets."""
    rec = one_rec(paper, "4.3", "ESTATES AND FACILITIES")
    survey = [t.value.raw for t in rec.targets if t.source and "Survey Nadia" in t.source.text]
    assert survey[:2] == ["End March 2019", "end June 2019"]


# -- status -------------------------------------------------------------------------------


def test_last_status_signal_in_reading_order_wins(paper: Paper) -> None:
    """`Proposed closed? No` in an early update, `PROPOSED CLOSED` at the end."""
    rec = one_rec(paper, "4.1", "PURCHASE CARDS")
    assert rec.status == "proposed_closed"
    assert rec.provenance["status"].text == "PROPOSED CLOSED"


def test_proposed_closed_no_after_a_status_line_reopens() -> None:
    """The same rule the other way round, on the shared status step."""
    from jarap.extract.status import status_in_text

    assert status_in_text("PROPOSED CLOSED\nUpdate May 2020: proposed closed? No").status == "open"


def test_superseded_wherever_printed(paper: Paper) -> None:
    rec = one_rec(paper, "4.2", "PURCHASE CARDS")
    assert rec.status == "superseded"
    assert "superseded" in rec.provenance["status"].text
