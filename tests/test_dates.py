"""Tests for extract.dates: the interchange spec's date forms, pinned one by one.

Every extractor relies on these readings, so a change here is a change to the archive's data.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jarap.extract import dates
from jarap.extract.dates import DateValue, find_dates, normalise_date

PRECISIONS = {"day", "month", "quarter", "half", "season", "year"}

FORMS: list[tuple[str, str, str]] = [
    # months and "end of" months
    ("March 2019", "2019-03-31", "month"),
    ("End October 2021", "2021-10-31", "month"),
    ("End of October 2021", "2021-10-31", "month"),
    ("end Oct 2021", "2021-10-31", "month"),
    ("Dec 2021", "2021-12-31", "month"),
    ("Sept 2019", "2019-09-30", "month"),
    ("Sep 19", "2019-09-30", "month"),
    ("Oct-16", "2016-10-31", "month"),
    ("Sept 16", "2016-09-30", "month"),
    ("Dec,16", "2016-12-31", "month"),
    ("Febuary 2020", "2020-02-29", "month"),
    ("Feb 2024", "2024-02-29", "month"),
    ("Feb 2023", "2023-02-28", "month"),
    ("mid-March 2020", "2020-03-31", "month"),
    ("03/2020", "2020-03-31", "month"),
    # month ranges sharing a year: the end
    ("March/April 2022", "2022-04-30", "month"),
    ("March - April 2022", "2022-04-30", "month"),
    ("March to April 2022", "2022-04-30", "month"),
    ("September 2018 – April 2021", "2021-04-30", "month"),
    # quarters, calendar and financial
    ("Qtr 3 / 4 2025", "2025-12-31", "quarter"),
    ("Q3/4 2025", "2025-12-31", "quarter"),
    ("Q3 2025", "2025-09-30", "quarter"),
    ("Quarter 1 2024", "2024-03-31", "quarter"),
    ("3rd Qtr 2025-26", "2025-12-31", "quarter"),
    ("Q1 2025/26", "2025-06-30", "quarter"),
    ("Q4 2025/26", "2026-03-31", "quarter"),
    ("2025/26 Q2", "2025-09-30", "quarter"),
    # financial years and plain years
    ("2019/20FY", "2020-03-31", "year"),
    ("2019/20 FY", "2020-03-31", "year"),
    ("FY 2019/20", "2020-03-31", "year"),
    ("2016/17", "2017-03-31", "year"),
    ("2019-20", "2020-03-31", "year"),
    ("2019-2020", "2020-03-31", "year"),
    ("2020", "2020-12-31", "year"),
    ("end of 2020", "2020-12-31", "year"),
    ("end 2020/21", "2021-03-31", "year"),
    # seasons and thirds of the year
    ("early 2020", "2020-04-30", "season"),
    ("mid 2020", "2020-08-31", "season"),
    ("mid-2020", "2020-08-31", "season"),
    ("late 2020", "2020-12-31", "season"),
    ("late 2020/21", "2021-03-31", "season"),
    ("Spring 2020", "2020-05-31", "season"),
    ("Summer 2020", "2020-08-31", "season"),
    ("Autumn 2020", "2020-11-30", "season"),
    ("Winter 2020", "2021-02-28", "season"),
    ("Winter 2023", "2024-02-29", "season"),
    ("Winter 2020/21", "2021-02-28", "season"),
    ("Spring/Summer 2020", "2020-08-31", "season"),
    # halves
    ("first half 2021", "2021-06-30", "half"),
    ("second half of 2021", "2021-12-31", "half"),
    ("H1 2021", "2021-06-30", "half"),
    ("H2 2021", "2021-12-31", "half"),
    ("H1 2025/26", "2025-09-30", "half"),
    ("H2 2025/26", "2026-03-31", "half"),
    # day dates, textual
    ("30th September 2021", "2021-09-30", "day"),
    ("30 September 2021", "2021-09-30", "day"),
    ("September 30th 2021", "2021-09-30", "day"),
    ("September 30, 2021", "2021-09-30", "day"),
    ("August 31st 2022", "2022-08-31", "day"),
    ("1<sup>st</sup> December 2025", "2025-12-01", "day"),
    ("31 st March 2019", "2019-03-31", "day"),
    ("11 th Dec 2020", "2020-12-11", "day"),
    ("3rd of March 2020", "2020-03-03", "day"),
    ("Tuesday 3rd March 2020", "2020-03-03", "day"),
    ("31-Mar-20", "2020-03-31", "day"),
    ("29 Feb 2024", "2024-02-29", "day"),
    # day dates, numeric (day first; two-digit years are 20xx)
    ("2.2.16", "2016-02-02", "day"),
    ("3.2.16", "2016-02-03", "day"),
    ("07/12/15", "2015-12-07", "day"),
    ("31/03/2017", "2017-03-31", "day"),
    ("31.03.2020", "2020-03-31", "day"),
    ("31-03-2020", "2020-03-31", "day"),
    ("2020-03-31", "2020-03-31", "day"),
    ("w/c 18/8/25", "2025-08-18", "day"),
    ("week commencing 18/8/25", "2025-08-18", "day"),
    ("Complete 31.03.2020", "2020-03-31", "day"),
    # day ranges: the end
    ("26th Jan – 12th Feb 2021", "2021-02-12", "day"),
    ("26 - 28 Feb 2021", "2021-02-28", "day"),
    # labels, chains and revisions
    ("Target Date: 31 March 2020", "2020-03-31", "day"),
    ("Revised Target Date 1st December 2025", "2025-12-01", "day"),
    ("Implementation Target Date: End of October 2019 revised to March 2020", "2020-03-31",
     "month"),
    ("31 December 2018 revised to 31st March 2019 30th September 2019", "2019-09-30", "day"),
    ("31 March 2020 (originally 31 December 2019)", "2020-03-31", "day"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "iso", "precision"), FORMS)
def test_forms(text: str, iso: str, precision: str) -> None:
    value = normalise_date(text)
    assert (value.date.isoformat() if value.date else None, value.precision) == (iso, precision)


@pytest.mark.parametrize(("text", "iso", "precision"), FORMS)
def test_forms_without_dateparser(
    text: str, iso: str, precision: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All spec forms are the regex layer's job; dateparser is 100x slower and must not be hit."""

    def boom(_: str) -> None:
        raise AssertionError("dateparser called")

    monkeypatch.setattr(dates, "_dateparser_parse", boom)
    value = dates._normalise_text(text, None)  # uncached, so no earlier result can hide a call
    assert value.date is not None and value.date.isoformat() == iso


@pytest.mark.parametrize(("text", "iso", "precision"), FORMS)
def test_forms_found_in_prose(text: str, iso: str, precision: str) -> None:
    """Embedded in a sentence, each form is still found with a span that cuts out exactly it."""
    sentence = f"The panel noted: {text}. No further action."
    found = find_dates(sentence)
    assert found, text
    for start, end, value in found:
        assert value.raw == sentence[start:end]
    last = found[-1][2]
    if "originally" not in text:
        assert last.date is not None and last.date.isoformat() == iso


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("  March 2019 ", "March 2019"),
        ("Target Date: 31 March 2020", "31 March 2020"),
        ("Target date - 31 March 2020", "31 March 2020"),
        ("Revised Target Date 1st December 2025", "1st December 2025"),
        ("Implementation Target Date: End of October 2019 revised to March 2020",
         "End of October 2019 revised to March 2020"),
        ("1<sup>st</sup> December 2025", "1st December 2025"),
        ("31&nbsp;March\n2020", "31 March 2020"),
        ("Completed", "Completed"),
        ("Dates to be agreed", "Dates to be agreed"),
    ],
)  # fmt: skip
def test_raw(text: str, raw: str) -> None:
    assert normalise_date(text).raw == raw


NON_DATES = [
    "Completed",
    "See below",
    "Not applicable",
    "Ongoing",
    "TBC",
    "six months following the completion of 4.2 above",
    "",
    "   ",
    "May need further work",
    "The force may 16 officers",
    "Recommendation 4.2 is being reviewed by the head of professional standards",
    "£2020 was spent",
    "31/02/2020",
    "13/13/2020",
    "Q3",
    "Q3 25",
    "March 31",
    "today",
    "tomorrow",
    "in 2 days",
    "2 weeks ago",
    "next month",
    "UPDATE October",
    "The review found that 12 of 14 actions were complete in March 2020 and others slipped",
]


@pytest.mark.parametrize("text", NON_DATES)
def test_non_dates(text: str) -> None:
    value = normalise_date(text)
    assert (value.date, value.precision) == (None, None)
    assert value.raw == text.strip()


@pytest.mark.parametrize("text", ["today", "tomorrow", "in 2 days", "2 weeks ago", "next week"])
def test_relative_words_never_reach_dateparser(text: str) -> None:
    assert not dates._dateparser_allowed(text)
    assert find_dates(text) == []


def test_dateparser_is_the_last_resort() -> None:
    """A run-together form no regex takes still parses, as one whole span in find_dates."""
    assert dates._scan_text("2020March31", None) == ()
    assert normalise_date("2020March31") == DateValue("2020March31", datetime.date(2020, 3, 31),
                                                      "day")  # fmt: skip
    found = find_dates(" 2020March31 ")
    assert [(s, e, v.raw) for s, e, v in found] == [(1, 12, "2020March31")]


def test_dateparser_refines_a_bare_year() -> None:
    value = normalise_date("2020 March 31")
    assert (value.date, value.precision) == (datetime.date(2020, 3, 31), "day")


def test_dateparser_guard_rejects_long_and_yearless() -> None:
    assert not dates._dateparser_allowed("x" * 61 + " 2020")
    assert not dates._dateparser_allowed("Oct-16")
    assert dates._dateparser_allowed("2020March31")


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("UPDATE October", "2020-10-31", "month"),
        ("July Progress Update", "2020-07-31", "month"),
        ("End October", "2020-10-31", "month"),
        ("26th Jan", "2020-01-26", "day"),
        ("March 31st", "2020-03-31", "day"),
        ("26th Jan – 12th Feb", "2020-02-12", "day"),
        ("March 2019", "2019-03-31", "month"),  # an explicit year beats the context
    ],
)
def test_context_year(text: str, iso: str, precision: str) -> None:
    value = normalise_date(text, context_year=2020)
    assert (value.date.isoformat() if value.date else None, value.precision) == (iso, precision)


@pytest.mark.parametrize(
    "text", ["UPDATE October", "July Progress Update", "26th Jan", "March 31st"]
)
def test_yearless_without_context_is_none(text: str) -> None:
    assert normalise_date(text).date is None
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text", ["May need further work", "section 1 may apply", "we may 16 things", "march"]
)
def test_may_as_a_verb_is_not_a_month(text: str) -> None:
    assert normalise_date(text, context_year=2020).date is None
    assert find_dates(text, context_year=2020) == []


def test_long_text_is_not_cached() -> None:
    """Whole paragraphs bypass the cache; results must be the same either way."""
    text = "Revised to 31st March 2019. " + "Narrative without dates. " * 20
    before = dates._find_cached.cache_info().currsize
    assert [v.raw for _, _, v in find_dates(text)] == ["31st March 2019"]
    assert normalise_date(text).date is None  # prose
    assert dates._find_cached.cache_info().currsize == before


def test_bare_month_is_not_found_in_prose() -> None:
    """find_dates needs a year (or day+month with context_year) before a month name counts."""
    assert find_dates("Progress in October was slow", context_year=2020) == []
    assert [v.raw for _, _, v in find_dates("Due 3 October", context_year=2020)] == ["3 October"]


def _spans(text: str, context_year: int | None = None) -> list[tuple[str, str | None, str | None]]:
    return [
        (v.raw, v.date.isoformat() if v.date else None, v.precision)
        for _, _, v in find_dates(text, context_year=context_year)
    ]


def test_find_dates_revision_chain() -> None:
    assert _spans("31 December 2018 revised to 31st March 2019 30th September 2019") == [
        ("31 December 2018", "2018-12-31", "day"),
        ("31st March 2019", "2019-03-31", "day"),
        ("30th September 2019", "2019-09-30", "day"),
    ]


def test_find_dates_revised_target_label() -> None:
    text = "Revised Target Date 1st December 2025"
    assert find_dates(text) == [(20, 37, DateValue("1st December 2025",
                                                   datetime.date(2025, 12, 1), "day"))]  # fmt: skip


def test_find_dates_end_of_chain() -> None:
    assert _spans("Implementation Target Date: End of October 2019 revised to March 2020") == [
        ("End of October 2019", "2019-10-31", "month"),
        ("March 2020", "2020-03-31", "month"),
    ]


def test_find_dates_both_ends_of_a_dated_range() -> None:
    assert _spans("Historical Progress September 2018 – April 2021") == [
        ("September 2018", "2018-09-30", "month"),
        ("April 2021", "2021-04-30", "month"),
    ]


def test_find_dates_yearless_range_is_one() -> None:
    assert _spans("Workshops 26th Jan – 12th Feb 2021 then review") == [
        ("26th Jan – 12th Feb 2021", "2021-02-12", "day")
    ]


def test_find_dates_keeps_html_in_raw() -> None:
    text = "Target 1<sup>st</sup> December 2025."
    [(start, end, value)] = find_dates(text)
    assert value.raw == text[start:end] == "1<sup>st</sup> December 2025"
    assert value.date == datetime.date(2025, 12, 1)


def test_find_dates_complete_prefix() -> None:
    assert find_dates("Complete 31.03.2020") == [
        (9, 19, DateValue("31.03.2020", datetime.date(2020, 3, 31), "day"))
    ]


def test_find_dates_day_range_needs_ascending_days() -> None:
    """"Recommendation 30 - 28 Feb" is a number then a date, not a day range."""
    assert _spans("Recommendation 30 - 28 Feb 2021") == [("28 Feb 2021", "2021-02-28", "day")]


def test_two_digit_years_are_this_century() -> None:
    for text in ("3.2.16", "07/12/99", "31 Mar 99"):
        value = normalise_date(text)
        assert value.date is not None and value.date.year >= 2000, text


def test_to_json() -> None:
    assert normalise_date("Q3 2025").to_json() == {
        "raw": "Q3 2025",
        "date": "2025-09-30",
        "precision": "quarter",
    }
    assert normalise_date("TBC").to_json() == {"raw": "TBC", "date": None, "precision": None}


def test_value_is_frozen() -> None:
    value = normalise_date("March 2019")
    with pytest.raises(AttributeError):
        value.raw = "x"  # type: ignore[misc]


@pytest.mark.parametrize("bad", [None, 2020, 3.5, b"March 2020", ["March 2020"]])
def test_odd_inputs_do_not_raise(bad: object) -> None:
    assert isinstance(normalise_date(bad), DateValue)  # type: ignore[arg-type]
    assert isinstance(find_dates(bad), list)  # type: ignore[arg-type]


@pytest.mark.parametrize("ctx", [0, -5, 10**9, True, "2020", 9999])
def test_odd_context_years_do_not_raise(ctx: object) -> None:
    for text in ("26th Jan", "Winter 9999", "UPDATE October", "Q4 9999/00"):
        normalise_date(text, context_year=ctx)  # type: ignore[arg-type]
        find_dates(text, context_year=ctx)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- properties

_TOKENS = [
    "March", "may", "May", "Sept", "Dec", "Oct-", "Qtr", "Q", "H1", "H2", "FY", "st", "th",
    "<sup>", "</sup>", "End", "of", "early", "mid-", "Winter", "Spring", "revised", "to", "w/c",
    "today", "in", "days", "2020", "2019/20", "20", "16", "31", "1", "3", "12", "2025-26",
    "/", ".", "-", "–", ",", " ", "  ", "\n", "&nbsp;", "'", "(", ")", ":", "Target Date:",
]  # fmt: skip
date_like = st.lists(
    st.one_of(st.sampled_from(_TOKENS), st.text("0123456789/.- ", max_size=6)), max_size=14
).map(" ".join)
context_years = st.one_of(st.none(), st.integers(min_value=1990, max_value=2040))


def _check(text: str, context_year: int | None) -> None:
    value = normalise_date(text, context_year=context_year)
    assert isinstance(value, DateValue)
    assert (value.date is None) == (value.precision is None)
    assert value.precision is None or value.precision in PRECISIONS
    previous_end = 0
    for start, end, found in find_dates(text, context_year=context_year):
        assert previous_end <= start < end <= len(text)
        assert found.raw == text[start:end]
        assert found.date is not None and found.precision in PRECISIONS
        previous_end = end


@settings(max_examples=300, deadline=None)
@given(st.text(), context_years)
def test_never_raises_on_any_text(text: str, context_year: int | None) -> None:
    _check(text, context_year)


@settings(max_examples=300, deadline=None)
@given(date_like, context_years)
def test_never_raises_on_date_like_text(text: str, context_year: int | None) -> None:
    _check(text, context_year)
