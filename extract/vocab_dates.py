"""The date vocabularies: month names as printed (abbreviations and the misspellings the
papers hold), the words a target cell prints for no date, and the words around a date that
make it an event's, not a deadline (`the meeting on 3 May 2024`). Re-exported by `vocab`."""

from __future__ import annotations

import calendar
import datetime
import re

# -- months --------------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "janaury": 1, "janurary": 1, "janury": 1,
    "february": 2, "feb": 2, "febuary": 2, "feburary": 2, "febraury": 2, "febrary": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8, "agust": 8,
    "september": 9, "sept": 9, "sep": 9, "septmber": 9, "setpember": 9, "septemeber": 9,
    "october": 10, "oct": 10, "ocotber": 10, "octobre": 10, "octber": 10,
    "november": 11, "nov": 11, "novmber": 11, "novemeber": 11,
    "december": 12, "dec": 12, "decmber": 12, "decemeber": 12,
}  # fmt: skip

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def month_number(word: str) -> int | None:
    """`Sept` -> 9; None for a word that is not a month name."""
    return MONTHS.get(word.lower().strip(".,"))


def month_end(year: int, month: int) -> datetime.date:
    """Deadlines are inclusive of the whole month, so the last day (leap years included)."""
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def has_month_word(text: str) -> bool:
    return any(month_number(w) is not None for w in text.split())


# -- no date -------------------------------------------------------------------------------

# what a target cell prints when it gives no date (`N/A`, `None`, `-`, `TBC`, `Ongoing`,
# `Completed`, `See below`): no target, and not an unreadable one
NO_DATE = re.compile(
    r"^\s*(?:not\s+applicable|n/?a|none|nil|tbc|tbd|to\s+be\s+(?:confirmed|agreed)|ongoing"
    r"|completed?|see\s+below|see\s+above)\b|^\s*[-–—]+\s*$",
    re.I,
)


# A date in a target cell that tells of an event, not a deadline: right after `on`, `at`,
# `since`, `dated`, `held`, `during`, `following` (`… the meeting on 3 May 2024`, `agreed at
# the 12 June 2024 committee`), or right before the event it dates (`… 2024 meeting`)
NARRATIVE_BEFORE_DATE = re.compile(
    r"\b(?:on|at|since|dated|held|during|following|after)\s+(?:the\s+)?$", re.I
)
NARRATIVE_AFTER_DATE = re.compile(
    r"^\s*(?:meeting|committee|panel|board|report|audit|review|visit|letter|email)\b", re.I
)
