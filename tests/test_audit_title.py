"""The parts of a printed audit title: every combination of the parts a paper prints around
a title (date, opinion, report number, note, in brackets or after a dash, any case) gives
back the same title, date, opinion, number and note."""

from __future__ import annotations

import itertools

import pytest

from jarap.extract.audit_title import match_key, split_audit_title

TITLES = ["Fleet Management", "FLEET MGMT", "Estates & Facilities Mgt", "Payroll Phase 2"]
DATES = [None, "Sept 2018", "March 2019", "12 June 2023"]
OPINIONS = [None, "Limited Assurance", "SATISFACTORY ASSURANCE", "Reasonable assurance"]
NUMBERS = [None, "3.14/15", "12/19"]
NOTES = [None, "Revisit audit"]
WRAPS = ["{} – {}", "{} ({})", "{} {}", "{} - {}"]
# a bare `12/19` is a date: a report number is printed in brackets or after its label
NUMBER_WRAPS = ["{} ({})", "{} – Report No. {}", "{} (Report {})"]


def _cases() -> list[tuple[str, str, str | None, str | None, str | None, str | None]]:
    out = []
    for n, (title, date, opinion, number, note) in enumerate(
        itertools.product(TITLES, DATES, OPINIONS, NUMBERS, NOTES)
    ):
        text = title
        for k, part in enumerate((number, opinion, date)):
            if part:
                wraps = NUMBER_WRAPS if part is number else WRAPS
                text = wraps[(n + k) % len(wraps)].format(text, part)
        if note:
            text = f"{text} [{note}]"
        out.append((text, title, date, opinion, number, note))
    return out


@pytest.mark.parametrize(("text", "title", "date", "opinion", "number", "note"), _cases())
def test_every_part_printed_around_an_audit_title_is_split_off(
    text: str,
    title: str,
    date: str | None,
    opinion: str | None,
    number: str | None,
    note: str | None,
) -> None:
    parts = split_audit_title(text)
    assert parts.title == title
    assert parts.date_raw == date
    assert (parts.assurance or "").lower() == (opinion or "").lower()
    assert parts.report_no == number
    assert parts.notes == ((note,) if note else ())


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("FLEET MGMT", "Fleet Management"),
        ("Estates & Facilities Mgt", "ESTATES AND FACILITIES MANAGEMENT"),
        ("HR Dept Review", "HR Department Review"),
    ],
)
def test_abbreviated_audit_titles_share_the_match_key(short: str, long: str) -> None:
    assert match_key(short) == match_key(long)


def test_a_title_that_names_a_period_keeps_it() -> None:
    assert split_audit_title("Audit Plan 2019/20").title == "Audit Plan 2019/20"
    assert split_audit_title("PAYROLL PHASE 2").title == "PAYROLL PHASE 2"
