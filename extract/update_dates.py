"""Update headings printed without a year (`UPDATE October:`, `Update 27th August:`).

A year-less heading gets a year only when exactly one year fits between what comes before
it (the audit report's date, or the dated heading before it) and what comes after it (the
dated heading after it, or the paper's date): trackers list updates oldest first, so those
bound it. Otherwise its date stays null, the heading kept as printed. Never a guess.
"""

from __future__ import annotations

import datetime
import re

from jarap.extract.dates import DateValue
from jarap.extract.records import Paper, Recommendation
from jarap.extract.vocab import month_end, month_number

_DAY_MONTH = re.compile(r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]+)\b")


def _span(value: DateValue | None) -> tuple[datetime.date, datetime.date] | None:
    """The days a date covers: a day, or its whole month, quarter or year."""
    if value is None or value.date is None:
        return None
    end = value.date
    months = {"month": 1, "quarter": 3, "year": 12}.get(value.precision or "")
    if months is None:
        return end, end
    first = end.month - months + 1
    return datetime.date(end.year + (first - 1) // 12, (first - 1) % 12 + 1, 1), end


def _day_month(heading: str) -> tuple[int | None, int] | None:
    for m in _DAY_MONTH.finditer(heading):
        month = month_number(m.group(2))
        if month is not None:
            return (int(m.group(1)) if m.group(1) else None), month
    return None


def date_yearless_updates(rec: Recommendation, paper: Paper) -> None:
    """`Update 27th August:` takes a year only when exactly one year puts it between the audit
    report's date (or the dated heading before it) and the dated heading after it (or the
    paper's date); otherwise it stays undated, its heading kept as printed."""
    spans = [_span(u.date) for u in rec.updates]
    for k, update in enumerate(rec.updates):
        found = _day_month(update.heading) if spans[k] is None else None
        if found is None:
            continue
        before = [s for s in [_span(rec.audit_date), *spans[:k]] if s is not None]
        after = [s for s in [*spans[k + 1 :], _span(paper.paper_date)] if s is not None]
        if not before or not after:
            continue
        low, high = before[-1][0], after[0][1]
        day, month = found
        fits = []
        for year in range(low.year, high.year + 1):
            last = month_end(year, month)
            first = last.replace(day=day) if day and day <= last.day else last.replace(day=1)
            end = first if day else last
            if end >= low and first <= high:
                fits.append((first, end))
        if len(fits) == 1:
            date = fits[0][1]
            update.date = DateValue(update.heading, date, "day" if day else "month")
            spans[k] = _span(update.date)
