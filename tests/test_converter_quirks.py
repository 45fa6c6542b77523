"""Converter artefacts of text conversions (TAB rows with HTML cells), each read by the
shared steps: one test per pattern, named after it, on a paper written in the test."""

from __future__ import annotations

from pathlib import Path

from jarap.convert import convert
from jarap.extract.vocab import is_ditto, split_ref_title

HEADER = "Audit Title\tRisk\tRecommendation Reference\tBusiness Owner – Action Plan Updates"
FLEET = "<p>FLEET</p><p>MODERATE OPINION March 2024</p>"


def _body(text: str, owner: str = "Insp Jo Baxter", target: str = "March 2025") -> str:
    return (
        f"<p>Recommendation: {text}</p><p>Responsible Person: {owner}</p>"
        f"<p>Target Date: {target}</p>"
    )


def _paper(tmp_path: Path, *lines: str) -> list:
    path = tmp_path / "tracker.txt"
    path.write_text("\n".join(["Date: 8 July 2025", "", HEADER, *lines, ""]), encoding="utf-8")
    conversion = convert(path)
    assert conversion.layout is not None and conversion.layout.name == "tracker-2022"
    return conversion.paper.recommendations


def test_short_row_cells_are_placed_by_what_they_hold(tmp_path: Path) -> None:
    """The empty Risk cell was not written: 3 cells under a 4-column header."""
    recs = _paper(
        tmp_path,
        f"{FLEET}\tHigh\t1. Telematics\t{_body('Fit trackers to every van.')}",
        f"\t2. Fuel Cards\t{_body('Review fuel card limits.', 'Mrs Ada Quist', 'June 2025')}",
    )
    assert [(r.ref, r.title) for r in recs] == [("1", "Telematics"), ("2", "Fuel Cards")]
    fuel = recs[1]
    assert fuel.audit_title == "FLEET" and fuel.owners == ["Mrs Ada Quist"]
    assert fuel.current_target.date.isoformat() == "2025-06-30"


def test_tab_led_line_that_starts_an_item_is_a_new_row(tmp_path: Path) -> None:
    """After a blank line a TAB-led line is a continuation only when it continues something."""
    recs = _paper(
        tmp_path,
        f"{FLEET}\tHigh\t1. Telematics\t{_body('Fit trackers to every van.')}",
        "",
        f"\t\t2. Fuel Cards\t{_body('Review fuel card limits.', 'Mrs Ada Quist')}",
    )
    assert [r.ref for r in recs] == ["1", "2"]
    assert recs[0].owners == ["Insp Jo Baxter"] and recs[1].owners == ["Mrs Ada Quist"]


def test_continuation_line_after_a_page_break_joins_the_row_above(tmp_path: Path) -> None:
    recs = _paper(
        tmp_path,
        f"{FLEET}\tHigh\t1. Telematics\t{_body('Fit trackers to every van.')}",
        "",
        "\t\t\t<p>Update May 2025: trackers are fitted to 40 of 60 vans.</p>",
    )
    assert len(recs) == 1
    assert [u.date.date.isoformat() for u in recs[0].updates] == ["2025-05-31"]


def test_continuation_line_one_cell_short_joins_the_last_column(tmp_path: Path) -> None:
    """The converter dropped one of the empty leading cells of the continuation."""
    recs = _paper(
        tmp_path,
        f"{FLEET}\tHigh\t1. Telematics\t{_body('Fit trackers to every van.')}",
        "",
        "\t\t<p>Update May 2025: trackers are fitted to 40 of 60 vans.</p>",
    )
    assert (recs[0].ref, recs[0].title) == ("1", "Telematics")
    assert [u.heading for u in recs[0].updates] == ["Update May 2025"]


def test_recommendation_printed_as_paragraphs_between_rows(tmp_path: Path) -> None:
    recs = _paper(
        tmp_path,
        f"{FLEET}\tHigh\t1. Telematics\t{_body('Fit trackers to every van.')}",
        "2. Fuel Cards",
        "Medium Priority Recommendation: Review fuel card limits.",
        "Responsible Person: Mrs Ada Quist",
        "Target Date: June 2025",
    )
    assert [(r.ref, r.title) for r in recs] == [("1", "Telematics"), ("2", "Fuel Cards")]
    fuel = recs[1]
    assert (fuel.audit_title, fuel.priority) == ("FLEET", "Medium")
    assert fuel.owners == ["Mrs Ada Quist"] and recs[0].owners == ["Insp Jo Baxter"]


def test_ditto_mark_glued_to_stray_cell_text(tmp_path: Path) -> None:
    assert is_ditto("“ “ I I") and is_ditto("“ End") and not is_ditto("“Fleet Management")
    recs = _paper(
        tmp_path,
        f"{FLEET}\tHigh\t1. Telematics\t{_body('Fit trackers to every van.')}",
        f"“ “ I I\tLow\t2. Fuel Cards\t{_body('Review fuel card limits.')}",
    )
    assert [r.audit_title for r in recs] == ["FLEET", "FLEET"]


def test_empty_audit_title_cell_is_the_audit_above(tmp_path: Path) -> None:
    recs = _paper(
        tmp_path,
        f"{FLEET}\tHigh\t1. Telematics\t{_body('Fit trackers to every van.')}",
        f"<p></p>\tLow\t2. Fuel Cards\t{_body('Review fuel card limits.')}",
    )
    assert [(r.audit_title, r.assurance) for r in recs] == [("FLEET", "MODERATE OPINION")] * 2


def test_next_audits_heading_in_the_last_row_of_the_previous_audit(tmp_path: Path) -> None:
    glued = f"{FLEET}<p>PAYROLL</p><p>LIMITED OPINION May 2024</p>"
    recs = _paper(
        tmp_path,
        f"{glued}\tHigh\t1. Telematics\t{_body('Fit trackers to every van.')}",
        f"\tLow\t1. Overtime\t{_body('Approve overtime in advance.')}",
    )
    assert [(r.audit_title, r.ref) for r in recs] == [("FLEET", "1"), ("PAYROLL", "1")]
    assert recs[1].assurance == "LIMITED OPINION"


def test_reference_with_no_space_after_its_dot(tmp_path: Path) -> None:
    assert split_ref_title("1.Records management") == ("1", "Records management")
    assert split_ref_title("27.08.2021 Update") is None  # a date is not a reference
    recs = _paper(tmp_path, f"{FLEET}\tHigh\t1.Records management\t{_body('Keep a register.')}")
    assert [(r.ref, r.title) for r in recs] == [("1", "Records management")]
