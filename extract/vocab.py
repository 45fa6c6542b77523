"""The closed vocabularies of the papers, each defined once: months, statuses, priorities,
ditto marks, the `ref title` pattern, and how alike two titles are.

Every step and layout that needs one of these imports it from here, so a new spelling (a
misspelt month, a new ditto mark, `P3` as a priority) is added in one place and reaches every
paper. The database and the export use the same `Status` enum.
"""

from __future__ import annotations

import calendar
import datetime
import re
from difflib import SequenceMatcher
from enum import StrEnum

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


# -- status --------------------------------------------------------------------------------


class Status(StrEnum):
    """A recommendation's status as of one paper (interchange-v1 `status`)."""

    OPEN = "open"
    PROPOSED_CLOSED = "proposed_closed"
    CLOSED = "closed"
    NOT_ADOPTED = "not_adopted"
    SUPERSEDED = "superseded"


# statuses after which a recommendation is no longer open (nor overdue)
CLOSING_STATUSES = frozenset(
    {Status.PROPOSED_CLOSED, Status.CLOSED, Status.NOT_ADOPTED, Status.SUPERSEDED}
)


# the words a status column prints, checked in this order (`Not implemented` before
# `Implemented`, `Proposed closed` before `Closed`): what each means for the record
STATUS_WORDS: tuple[tuple[re.Pattern[str], Status], ...] = tuple(
    (re.compile(pattern, re.I), status)
    for pattern, status in (
        (r"\bproposed\s+(?:as\s+)?closed\b", Status.PROPOSED_CLOSED),
        (r"\bnot\s+(?:yet\s+)?(?:implemented|started|complete[d]?)\b", Status.OPEN),
        (r"\bpart(?:ly|ially)\s+(?:implemented|complete[d]?)\b", Status.OPEN),
        (r"\bsuperseded\b", Status.SUPERSEDED),
        (r"\bnot\s+(?:adopted|accepted)\b|\brisk\s+accepted\b", Status.NOT_ADOPTED),
        (r"\b(?:implemented|complete[d]?|closed)\b", Status.CLOSED),
        (r"\b(?:ongoing|in\s+progress|outstanding|open|overdue|pending)\b", Status.OPEN),
    )
)


def status_word(text: str | None) -> Status | None:
    """What a printed status (`Partly implemented`, `In progress`) means; None for a cell
    that prints no status word."""
    flat = " ".join((text or "").split())
    return next((status for pattern, status in STATUS_WORDS if pattern.search(flat)), None)


# -- priorities ----------------------------------------------------------------------------

PRIORITY_WORDS = ("Fundamental", "Significant", "Housekeeping", "High", "Medium", "Low")
PRIORITY_LEVELS = {
    "fundamental": "high",
    "high": "high",
    "significant": "medium",
    "medium": "medium",
    "housekeeping": "low",
    "low": "low",
}
PRIORITY_LETTERS = {"H": "High", "M": "Medium", "L": "Low"}
_PRIORITY_WORD_RE = re.compile(rf"\b({'|'.join(PRIORITY_WORDS)})\b", re.I)
# numbered scales (`1 (High)`, `Priority 2`, `P3`): 1 is the most urgent, as every auditor
# using numbers prints it; the number is read as the word of the same rank
PRIORITY_NUMBERS = {"1": "High", "2": "Medium", "3": "Low"}
NUMBERED_PRIORITY = r"(?:priority\s*|p)[1-3]\b|[1-3](?=\s*\(|\s*$)"
_NUMBERED_PRIORITY_RE = re.compile(rf"^\s*(?:{NUMBERED_PRIORITY})", re.I)


def priority_level(priority: str | None) -> str | None:
    return PRIORITY_LEVELS.get((priority or "").strip().lower())


def priority_word(text: str | None) -> str | None:
    """The priority a cell or label prints: a word (`Significant`), a letter (`M`), a number
    (`1 (High)`, `Priority 2`, `P3`: the word of its rank), or a word a narrow PDF cell broke
    in two (`Housekeepin g`); None when it prints none."""
    if not text:
        return None
    flat = " ".join(text.split())
    if flat.upper() in PRIORITY_LETTERS:
        return PRIORITY_LETTERS[flat.upper()]
    numbered = _NUMBERED_PRIORITY_RE.match(flat)
    if numbered:
        return PRIORITY_NUMBERS[re.sub(r"\D", "", numbered.group(0))]
    m = _PRIORITY_WORD_RE.search(flat)
    if m:
        return m.group(1)[0].upper() + m.group(1)[1:].lower()
    squeezed = "".join(flat.lower().split())
    for word in PRIORITY_WORDS:
        if word.lower() in squeezed:
            return word
    return None


# -- references and ditto marks ------------------------------------------------------------

DITTO = frozenset({"“", "”", '"', "''", "``", "〃", "-do-", "ditto"})

# `4.2 Title`, `1. Title`, `3 Title`, `1.Records management` (no space after the dot, where a
# word follows): a reference of one or two numbers, then the title
REF_TITLE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})?)(?:\.?\s+|\.(?=[A-Za-z]))(\S.{1,150})$", re.S)
_DITTO_LEAD = re.compile(r"^\s*(?:[“”\"〃]|''|``)")


def is_ditto(text: str) -> bool:
    """A ditto mark (the audit of the row above), also when a converter glued stray cell
    text to it (`“ “ I I`, `“ End`): a mark followed by no more than a few letters."""
    flat = " ".join(text.split())
    if flat in DITTO:
        return True
    m = _DITTO_LEAD.match(flat)
    if not m:
        return False
    rest = re.sub(r"[“”\"〃'`]", "", flat[m.end() :])
    return len(rest.replace(" ", "")) <= 4


_REF_ALONE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})?)\.?\s*$")
_REF_LAST = re.compile(r"^(\S.*?)\s+(\d{1,2}\.\d{1,2})\.?$")


_ORDINAL = re.compile(r"^(?:st|nd|rd|th)\b", re.I)


def _is_day_date(ref: str, title: str) -> bool:
    """`27 th Aug 2024`, `3 March 2024`: a day of the month and its month, not a reference
    and a title (a date table nested in a cell, a superscript ordinal read apart)."""
    if not ref.isdigit() or not 1 <= int(ref) <= 31:
        return False
    words = _ORDINAL.sub("", title).split()
    return bool(words) and month_number(words[0]) is not None


def split_ref_title(text: str) -> tuple[str, str] | None:
    """`4.2 Contractor Key Register` -> ("4.2", "Contractor Key Register"); None without a ref,
    and None for a line that opens with a day date (`27 th Aug 2024`)."""
    flat = text.strip()
    m = REF_TITLE.match(flat)
    if not m or len(m.group(2)) > 150:
        return None
    dotted = flat[m.end(1) : m.end(1) + 1] == "."  # `1. May Day Planning` is a reference
    if not dotted and _is_day_date(m.group(1), m.group(2)):
        return None
    return m.group(1), " ".join(m.group(2).split())


def ref_and_title(text: str) -> tuple[str, str] | None:
    """Like `split_ref_title`, also reading `Title 4.2` (the 2016–20 papers print either)."""
    flat = " ".join(text.split())
    found = split_ref_title(flat)
    if found:
        return found
    m = _REF_LAST.match(flat)
    return (m.group(2), m.group(1)) if m else None


def split_ref(text: str) -> tuple[str | None, str | None]:
    """A cell holding a reference, a reference and title, or a title alone."""
    flat = " ".join(text.split())
    found = split_ref_title(flat)
    if found:
        return found
    m = _REF_ALONE.match(flat)
    if m:
        return m.group(1), None
    return None, flat or None


# -- titles --------------------------------------------------------------------------------

TITLE_STOP = frozenset({"AND", "OF", "THE", "FOR", "IN", "ON", "TO", "A"})


def normalise_title(title: str) -> str:
    """Upper case, `&` as AND, no brackets or punctuation: what two printings of one title share."""
    t = title.upper().replace("&", " AND ")
    t = re.sub(r"\([^)]*\)", " ", t)  # "(GDPR)"
    t = re.sub(r"[^A-Z0-9]+", " ", t)
    return " ".join(t.split())


def title_words(norm: str) -> set[str]:
    return {w for w in norm.split() if w not in TITLE_STOP}


def word_overlap(a: str | None, b: str | None) -> float:
    """Shared words over all words (Jaccard) of two titles as printed, stop words ignored."""
    wa, wb = title_words(normalise_title(a or "")), title_words(normalise_title(b or ""))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def title_similarity(a: str, b: str, floor: float = 0.0) -> float:
    """How alike two normalised titles are (0..1): the better of shared words and spelling.

    With a `floor`, a score below it is 0.0, and the cheap upper bounds of difflib skip the
    full ratio of pairs that cannot reach it (the linker compares thousands of pairs)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    wa, wb = title_words(a), title_words(b)
    overlap = len(wa & wb) / max(1, len(wa | wb))
    matcher = SequenceMatcher(None, a, b)
    bound = floor - 0.0005  # scores are rounded to 3 places before the comparison
    if overlap < bound and (matcher.real_quick_ratio() < bound or matcher.quick_ratio() < bound):
        return 0.0
    score = round(max(matcher.ratio(), overlap), 3)
    return score if score >= floor else 0.0


SAME_TITLE = 0.6  # word overlap at which two printings name the same recommendation


def same_title(a: str | None, b: str | None) -> bool:
    return word_overlap(a, b) >= SAME_TITLE


def same_audit(short: str, title: str) -> bool:
    """Whether a cover table's audit name (`FLEET`, `Fleet Mgmt`) names this audit."""
    a, b = normalise_title(short), normalise_title(title)
    if not a:
        return True
    return a in b or b in a or SequenceMatcher(None, a, b).ratio() >= 0.85


# --- generic reading (issue 18) -----------------------------------------------------------
# What a column header or a label names, by its words (lower case, spaces collapsed), for the
# generic reader (`extract.generic`): checked in this order and the first match wins, so
# `Action owner` is an owner before it is an action, `Recommendation ref` a reference before
# it is a recommendation, and `Revised target date` revised before it is a date.
GENERIC_ROLE_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ref", (r"^ref\b", r"^no\.?$", r"^#$", r"^item\b", r"^id$",
             r"^(?:rec(?:ommendation)?|action|finding)s?\.? ?(?:no\b|ref|number|#)")),
    ("audit", (r"^audit\b(?! recommendation)", r"^review\b", r"^(?:report|assignment)$")),
    ("owner", (r"responsib", r"owner", r"officer", r"^lead\b", r"^manager\b", r"accountable",
               r"^by whom")),
    ("priority", (r"priority", r"^risk\b", r"rating", r"^grade", r"categor", r"significance")),
    ("revised", (r"revised", r"^new\b.*date", r"current target", r"extended", r"^revision")),
    ("original", (r"original", r"(?<!up)date\b", r"^target", r"^due\b", r"deadline", r"timescale")),
    ("status", (r"status", r"^rag\b", r"implemented\?")),
    ("update", (r"update", r"comment", r"progress", r"position", r"^notes?$")),
    ("action", (r"recommendation", r"action", r"finding", r"^issue", r"description",
                r"response")),
    ("title", (r"^title$", r"^subject$")),
)  # fmt: skip

# roles that make a table (or a labelled block) a recommendation's: the text, and at least
# two of these beside it (the two dates count once)
GENERIC_RECORD_ROLES = frozenset({"ref", "owner", "original", "revised", "status", "priority",
                                  "update"})  # fmt: skip

# a paragraph that opens one recommendation: `Recommendation 3:`, `Rec 2.1 –`, `Ref 4 –`
RECORD_CAPTION = (
    r"^(?:recommendation|rec|ref(?:erence)?|action|finding|issue)\.?\s*(?:no\.?\s*)?"
    r"(\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?)\b\.?\s*[:.–—-]?\s*(.*)$"
)
# a numbered caption: `2.1 Title`, `3. Title`
NUMBERED_CAPTION = r"^(\d{1,3}(?:\.\d{1,3}){0,2})\.?\s+(\S.*)$"
# a priority printed in a caption: `(Medium priority)`, `– Priority: High`
CAPTION_PRIORITY = r"\(\s*([^()]{1,30}?)\s+priority\s*\)|\bpriority\s*[:–-]?\s*(\w+(?:\s*\(\w+\))?)"

# a paragraph naming the audit by a label: `Audit: Payroll`, `Audit title: …`
AUDIT_LABEL = r"^\s*(?:audit(?:\s+(?:title|area|name|report))?|review|report title)\s*:"
# a caption naming the audit: `Table 2: Payroll Controls – …`
AUDIT_CAPTION = r"^\s*(?:table|appendix|annex|schedule)\s+[\w.]{1,4}\s*[:.–—-]\s*"
# the metadata line under an audit heading: `Original report issued: March 2023 | Assurance
# opinion: Limited`
AUDIT_METADATA = (
    r"(?i)\b(?:report\s+(?:issued|date|dated)|issued|published|(?:assurance\s+)?opinion|"
    r"assurance\s+(?:level|rating)|final\s+report)\s*:"
)
