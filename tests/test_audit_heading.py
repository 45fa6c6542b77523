"""An audit heading printed above its table (`read_audit_heading`) is read by the same split
as any printed audit title (`split_audit_title`): every generated title with its parts
(`test_audit_title._cases`), printed as a heading with a number, labels (`Audit:`, `Report
issued:`, `Opinion:`) and separators in any order, gives back the same title, date, opinion,
report number and note."""

from __future__ import annotations

import itertools

import pytest
from test_audit_title import _cases

from jarap.extract.audit_title import read_audit_heading, split_audit_title

TITLE_FORMS = ["{t}", "Audit: {t}", "{n}. {t}", "Audit {n}: {t}", "{n}) {t}"]
DATE_FORMS = ["report issued {d}", "Report issued: {d}", "final report {d}", "Issued {d}"]
OPINION_FORMS = ["{o}", "Opinion: {o}", "Assurance opinion: {o}"]
SEPARATORS = [" | ", " – ", "; "]


def _headings() -> list[tuple[str, str, str | None, str | None]]:
    """Title, date and opinion each in its own part, every order, each form in turn."""
    out = []
    titles = ["Fleet Management", "Estates & Facilities Mgt", "Payroll Phase 2", "FLEET MGMT"]
    dates = [None, "Sept 2018", "12 June 2023"]
    opinions = [None, "Limited Assurance", "Reasonable assurance"]
    combos = itertools.product(titles, dates, opinions, SEPARATORS)
    for n, (title, date, opinion, sep) in enumerate(combos):
        parts = [TITLE_FORMS[n % len(TITLE_FORMS)].format(t=title, n=n % 9 + 1)]
        if date:
            parts.append(DATE_FORMS[n % len(DATE_FORMS)].format(d=date))
        if opinion:
            parts.append(OPINION_FORMS[n % len(OPINION_FORMS)].format(o=opinion))
        for order in itertools.permutations(parts):
            if order[0] != parts[0] and parts[0][0].isdigit():
                continue  # a heading's number leads it
            out.append((sep.join(order), title, date, opinion))
    return out


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case[0])
def test_a_title_read_as_a_heading_splits_as_a_title(case: tuple) -> None:
    text, title, date, opinion, number, note = case
    heading, printed = read_audit_heading(text), split_audit_title(text)
    assert (heading.title, heading.date_raw, heading.report_no, heading.notes) == (
        title,
        date,
        number,
        (note,) if note else (),
    )
    assert heading.assurance == printed.assurance
    assert (heading.assurance or "").lower() == (opinion or "").lower()


@pytest.mark.parametrize(("text", "title", "date", "opinion"), _headings())
def test_a_heading_in_any_order_with_labels_gives_its_parts(
    text: str, title: str, date: str | None, opinion: str | None
) -> None:
    parts = read_audit_heading(text)
    assert parts.title == title
    assert parts.date_raw == date
    assert (parts.assurance or "").lower() == (opinion or "").lower()


def test_a_year_in_a_part_of_its_own_is_a_headings_date() -> None:
    parts = read_audit_heading("Audit 3: Health and Safety (2023/24) – Moderate assurance")
    assert (parts.title, parts.date_raw) == ("Health and Safety", "2023/24")
    assert split_audit_title("Audit Plan 2019/20").date is None  # a title keeps its period
