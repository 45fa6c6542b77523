"""Every vocabulary of the papers, defined once, as data: months, status phrases and the
vocabularies that order them, RAG colours, assurance opinions, priority words and scales,
header-role cues and labels, cover count columns and labels, owner joiners and post words,
no-date words, ditto marks, the `ref title` pattern, and how alike two titles are.

Each entry names the meaning it maps to. Every step and layout that needs one imports it
from here, and a spec refers to entries by name (a status vocabulary, a priority scale, a
set of header roles), so a new spelling is added in one place and reaches every paper, and
where a word means something else in another place the place names which vocabulary
applies. `tests/test_vocab_one_home.py` fails on a module that restates one. The database
and the export use the same `Status` enum.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from functools import cache, cached_property

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


@dataclass(frozen=True)
class Phrase:
    """One entry of a vocabulary: a name a spec can refer to, the pattern of its printed
    forms, and the meaning it maps to."""

    name: str
    pattern: str
    meaning: str
    cased: bool = False  # printed in capitals only (a line `COMPLETED`, not a word in prose)

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, 0 if self.cased else re.I)


# every status phrase the papers print, by name. Order matters where one phrase is inside
# another: a vocabulary lists its entries longest meaning first (`Not implemented` before
# `Implemented`, `Proposed closed` before `Closed`, `Complete – awaiting check` before
# `Complete`).
STATUS_PHRASES: dict[str, Phrase] = {
    p.name: p
    for p in (
        Phrase("proposed closed", r"\bproposed\s+(?:as\s+|for\s+)?clos(?:ed|ure)\b",
               Status.PROPOSED_CLOSED),
        # done by the owner, not yet verified by the auditor: closure is still to agree
        Phrase("complete - awaiting check",
               r"\bcomplete[d]?\W{0,3}\s*(?:[-–—,(]\s*)?(?:awaiting|pending|subject\s+to)\s+"
               r"(?:audit\s+)?(?:check|verification|validation|review|testing|evidence)\b",
               Status.PROPOSED_CLOSED),
        Phrase("not implemented",
               r"\bnot\s+(?:yet\s+)?(?:implemented|complete[d]?)\b", Status.OPEN),
        Phrase("partly implemented",
               r"\bpart(?:ly|ially)\s+(?:implemented|complete[d]?)\b", Status.OPEN),
        Phrase("superseded", r"\bsuperseded\b", Status.SUPERSEDED),
        # overtaken by events: replaced, as a superseded one is
        Phrase("no longer applicable",
               r"\bno\s+longer\s+(?:applicable|relevant|required)\b", Status.SUPERSEDED),
        Phrase("not accepted",
               r"\bnot\s+(?:adopted|accepted|agreed)\b|\brisk\s+accepted\b", Status.NOT_ADOPTED),
        Phrase("implemented", r"\b(?:fully\s+)?implemented\b", Status.CLOSED),
        Phrase("complete", r"\bcomplete[d]?\b", Status.CLOSED),
        Phrase("closed", r"\bclosed\b", Status.CLOSED),
        Phrase("in progress",
               r"\b(?:ongoing|in\s+progress|outstanding|open|pending|on\s+track|"
               r"on\s+target|underway|under\s+way)\b", Status.OPEN),
        Phrase("delayed", r"\bdelayed\b|\bbehind\s+schedule\b", Status.OPEN),
        Phrase("overdue", r"\b(?:overdue|past\s+(?:its\s+)?(?:target|due))\b", Status.OPEN),
        Phrase("not started", r"\bnot\s+(?:yet\s+)?(?:started|begun|due)\b", Status.OPEN),
        # `COMPLETED` printed on a line of its own by a panel's own tracker: done by the owner,
        # closure is the panel's to agree, so it is proposed (a spec names this vocabulary)
        Phrase("completed for the panel",
               r"^\s*(?:RECOMMENDATION\s+)?COMPLETED?\s*[.!]?\s*$", Status.PROPOSED_CLOSED, True),
        Phrase("proposed closed line", r"^\s*PROPOSED\s+CLOSED\s*[.!]?\s*$",
               Status.PROPOSED_CLOSED, True),
        Phrase("not adopted line", r"^\s*NOT\s+ADOPTED\s*[.!]?\s*$", Status.NOT_ADOPTED, True),
        Phrase("superseded line", r"^\s*SUPERSEDED\s*[.!]?\s*$", Status.SUPERSEDED, True),
        # an owner's report of done, where closure is the panel's to agree (a spec names the
        # vocabulary `status column, closure to agree` for such papers)
        Phrase("implemented, to agree", r"\b(?:fully\s+)?implemented\b", Status.PROPOSED_CLOSED),
        Phrase("complete, to agree", r"\bcomplete[d]?\b", Status.PROPOSED_CLOSED),
        # in running text, only the plain words say it (`not agreed` may be about a date)
        Phrase("not adopted", r"\bnot\s+adopted\b", Status.NOT_ADOPTED),
        # `Proposed closed? Yes` / `proposed closed: No`: the answer decides (group 1)
        Phrase("proposed closed answer", r"proposed\s+closed\W{0,4}\s*[:\-–]?\s*(yes|no)\b",
               Status.PROPOSED_CLOSED),
        Phrase("proposed closed in capitals", r"PROPOSED\s+CLOSED", Status.PROPOSED_CLOSED, True),
    )
}  # fmt: skip

# The status vocabularies: which phrases a reader checks, in this order. A spec names one
# (`LayoutOptions.status_column`, `status_lines`); a word means what its vocabulary says.
STATUS_VOCABULARIES: dict[str, tuple[str, ...]] = {
    # a status column or cell: `Completed` is closed (the auditor's verdict)
    "status column": (
        "proposed closed", "complete - awaiting check", "not implemented", "partly implemented",
        "superseded", "no longer applicable", "not accepted", "implemented", "complete",
        "closed", "in progress", "delayed", "overdue", "not started",
    ),
    # a status column of a panel whose owners report `Implemented` / `Complete` and the panel
    # agrees closure at the meeting: proposed closed until then
    "status column, closure to agree": (
        "proposed closed", "complete - awaiting check", "not implemented", "partly implemented",
        "superseded", "no longer applicable", "not accepted", "implemented, to agree",
        "complete, to agree", "closed", "in progress", "delayed", "overdue", "not started",
    ),
    # a status printed as a line of its own under a recommendation in the panel's tracker
    "status line": (
        "proposed closed line", "completed for the panel", "not adopted line", "superseded line",
    ),
}  # fmt: skip


@cache
def status_vocabulary(name: str) -> tuple[tuple[re.Pattern[str], Status], ...]:
    """A named status vocabulary as (pattern, status) pairs, in checking order."""
    return tuple(
        (STATUS_PHRASES[n].regex, Status(STATUS_PHRASES[n].meaning))
        for n in STATUS_VOCABULARIES[name]
    )


def status_cell(*names: str) -> str:
    """A pattern (case-insensitive, multi-line) of a cell that prints nothing but one of the
    named status phrases: `Partly implemented`, `In progress`."""
    alternatives = "|".join(STATUS_PHRASES[n].pattern for n in names)
    return rf"(?im)^\s*(?:{alternatives})\s*$"


# the words a status column prints, checked in order: what each means for the record
STATUS_WORDS: tuple[tuple[re.Pattern[str], Status], ...] = status_vocabulary("status column")


def status_word(text: str | None, vocabulary: str = "status column") -> Status | None:
    """What a printed status (`Partly implemented`, `In progress`) means; None for a cell
    that prints no status word."""
    flat = " ".join((text or "").split())
    words = status_vocabulary(vocabulary)
    return next((status for pattern, status in words if pattern.search(flat)), None)


# -- RAG colours ---------------------------------------------------------------------------

# the colour names a RAG column, key or counts header prints -> the colour recorded
RAG_COLOURS: dict[str, str] = {
    "red": "red", "amber": "amber", "green": "green", "grey": "grey", "gray": "grey",
    "blue": "blue",
}  # fmt: skip
# the colours a tracker's counts and records are kept in (blue, where a key prints it, means
# complete and is counted with the status it decodes to)
RAG_ORDER = ("red", "amber", "green", "grey")
# a tracker's RAG word as printed (`AMBER`, `GRAY`), for patterns that find one in a line
RAG_WORD = r"(?:RED|AMBER|GREEN|GREY|GRAY)"
# a RED / AMBER / GREEN header, the colours in whatever order the paper prints them
RAG_HEADER = re.compile(r"^(?=.*\bRED\b)(?=.*\bAMBER\b)(?=.*\bGREEN\b)")
# what a status colour means when a key says nothing more (Blue complete, Green on track,
# Amber delayed, Red overdue, Grey superseded or not adopted): for a reader of status from
# a fill colour (`LayoutOptions.status_from_colour`, `extract.colour_key`)
RAG_STATUS: dict[str, Status] = {
    "blue": Status.CLOSED, "green": Status.OPEN, "amber": Status.OPEN, "red": Status.OPEN,
    "grey": Status.NOT_ADOPTED,
}  # fmt: skip


def rag_colour(word: str | None, colours: tuple[str, ...] = RAG_ORDER) -> str | None:
    """`AMBER`, `Amber`, `Gray` -> the colour recorded, when it is one of `colours` (a
    tracker's four unless a key adds blue); None for any other word."""
    colour = RAG_COLOURS.get((word or "").strip(" .:()").lower())
    return colour if colour in colours else None


# -- cover tables --------------------------------------------------------------------------

# What a counts column means, by its header: checked in this order, so `Not Adopted proposed
# closed` is a not-adopted column proposed for closure (counted as proposed closed) and not a
# second proposed-closed one, while `Not Adopted (GREY)` is not adopted and nothing more. On
# a cover, `Completed` counts what owners completed this period: proposed for closure, which
# the panel agrees at the meeting (a status column's `Completed` is closed: another
# vocabulary). `running` / `remaining` / `still open` / `outstanding` columns count those
# still open.
COUNT_COLUMNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("not_adopted_closed", re.compile(r"not\s+(?:adopted|accepted).*proposed\s+closed", re.I)),
    ("not_adopted", re.compile(r"not\s+(?:adopted|accepted)", re.I)),
    ("proposed_closed", re.compile(r"proposed\s+closed|completed", re.I)),
    ("red", re.compile(r"\bRED\b")),
    ("amber", re.compile(r"\bAMBER\b")),
    ("green", re.compile(r"\bGREEN\b")),
    ("grey", re.compile(r"\bGRE[YA]\b")),
    ("running", re.compile(r"\b(?:running|remaining|still\s+open|outstanding)\b", re.I)),
    ("total", re.compile(r"\btotal\b", re.I)),
)
# A column name in a counts header printed as one line of text, with the colour some papers
# print after it in brackets (`Not Adopted (GREY)` is one column, not two).
COUNT_LINE_COLUMN = re.compile(
    r"(?:not\s+(?:adopted|accepted)(?:\s+proposed\s+closed)?|proposed\s+closed|completed"
    rf"|\b{RAG_WORD}\b|\btotal\b)"
    rf"(?:\s*\({RAG_WORD}\))?",
    re.I,
)


def count_column(text: str) -> str | None:
    """What a counts table's column header means (`AMBER Medium` -> amber); None for none."""
    return next((name for name, pattern in COUNT_COLUMNS if pattern.search(text)), None)


# -- no date -------------------------------------------------------------------------------

# what a target cell prints when it gives no date (`N/A`, `None`, `-`, `TBC`, `Ongoing`,
# `Completed`, `See below`): no target, and not an unreadable one
NO_DATE = re.compile(
    r"^\s*(?:not\s+applicable|n/?a|none|nil|tbc|tbd|to\s+be\s+(?:confirmed|agreed)|ongoing"
    r"|completed?|see\s+below|see\s+above)\b|^\s*[-–—]+\s*$",
    re.I,
)
# -- owners ------------------------------------------------------------------------------

# the words that make a job title a post (`Head of ICT`, `Payroll Manager`, `Chief Finance
# Officer`): where an owner statement names no person, the post it names is the owner; a
# department alone (`Finance`, `ICT Services`) names no one
POST_WORDS = (
    "head", "manager", "director", "officer", "lead", "controller", "coordinator",
    "co-ordinator", "secretary", "accountant", "adviser", "advisor", "partner", "treasurer",
    "clerk", "superintendent", "inspector", "analyst", "administrator", "chief", "deputy",
    "commissioner", "owner", "supervisor", "leader",
)  # fmt: skip
_TITLE_WORD = r"(?:[A-Z][\w'&.-]*|&|and|of|for|the)"
POST = re.compile(
    rf"^(?:{_TITLE_WORD}\s+){{0,5}}?(?i:{'|'.join(POST_WORDS)})\b(?:\s+{_TITLE_WORD}){{0,6}}$"
)


def post_named(text: str) -> str | None:
    """`Head of ICT`, `Payroll Manager` -> the post as printed; None for anything that is not
    a job title made of capitalised words around a post word."""
    flat = " ".join(text.split()).strip(" .,;:-–—")
    if not flat or not flat[0].isupper() or len(flat) > 80:
        return None
    return flat if POST.match(flat) else None


# A date in a target cell that tells of an event, not a deadline: right after `on`, `at`,
# `since`, `dated`, `held`, `during`, `following` (`… the meeting on 3 May 2024`, `agreed at
# the 12 June 2024 committee`), or right before the event it dates (`… 2024 meeting`)
NARRATIVE_BEFORE_DATE = re.compile(
    r"\b(?:on|at|since|dated|held|during|following|after)\s+(?:the\s+)?$", re.I
)
NARRATIVE_AFTER_DATE = re.compile(
    r"^\s*(?:meeting|committee|panel|board|report|audit|review|visit|letter|email)\b", re.I
)
# the single words of status phrases: never part of a name, and allowed around a date
STATUS_TERMS = frozenset(
    "complete completed implemented ongoing open closed outstanding partially superseded".split()
)


# -- assurance opinions --------------------------------------------------------------------

# the opinion an audit report gives, as printed -> its level on one scale (4 best); an
# audit heading prints one with `assurance` or `opinion` after it
ASSURANCE_OPINIONS: dict[str, int] = {
    "full": 4, "substantial": 4, "significant": 3, "reasonable": 3, "adequate": 3,
    "satisfactory": 3, "moderate": 2, "partial": 2, "limited": 1, "unsatisfactory": 1,
    "minimal": 0, "no": 0, "nil": 0,
}  # fmt: skip
_OPINION_ALTERNATION = "|".join(sorted(ASSURANCE_OPINIONS, key=len, reverse=True))
OPINION_WORD = rf"(?:{_OPINION_ALTERNATION})"
# `Limited Assurance`, `MODERATE OPINION`, `Reasonable assurance`: the opinion as printed
ASSURANCE_RE = re.compile(rf"\b({OPINION_WORD}\s+(?:ASSURANCE|OPINION))\b", re.I)


def opinion_level(text: str | None) -> int | None:
    """`Limited Assurance` -> 1; None when the text gives no opinion."""
    m = ASSURANCE_RE.search(text or "")
    return ASSURANCE_OPINIONS[m.group(1).split()[0].lower()] if m else None


# -- priorities ----------------------------------------------------------------------------

# every priority word the papers print -> its level (interchange `priority_level`); the word
# itself is kept as printed (`priority`). Scales seen: Critical / High / Medium / Low;
# Fundamental / Significant / Housekeeping / Merits attention; Major / Moderate / Minor;
# Essential / Important / Desirable.
PRIORITY_LEVELS: dict[str, str] = {
    "critical": "high", "fundamental": "high", "high": "high", "major": "high",
    "essential": "high",
    "significant": "medium", "medium": "medium", "moderate": "medium", "important": "medium",
    "housekeeping": "low", "low": "low", "minor": "low", "desirable": "low",
    "merits attention": "low",
}  # fmt: skip
PRIORITY_WORDS = (
    "Fundamental", "Significant", "Housekeeping", "Critical", "High", "Medium", "Low",
    "Major", "Moderate", "Minor", "Essential", "Important", "Desirable", "Merits attention",
)  # fmt: skip
# the scales by name, each most urgent first: a spec names the scales its papers print, so
# a cue or heading pattern matches those words and no others
PRIORITY_SCALES: dict[str, tuple[str, ...]] = {
    "fundamental": ("Fundamental", "Significant", "Housekeeping"),
    "high": ("High", "Medium", "Low"),
    "critical": ("Critical", "High", "Medium", "Low"),
    "merits attention": ("Fundamental", "Significant", "Merits attention"),
    "major": ("Major", "Moderate", "Minor"),
    "essential": ("Essential", "Important", "Desirable"),
}
# the two scales the panel's own trackers print (before and since about 2022)
PANEL_SCALES = ("fundamental", "high")


def priority_alternation(*scales: str) -> str:
    """A regex alternation (no group) of the words of the named scales, in scale order:
    `priority_alternation("fundamental")` -> `Fundamental|Significant|Housekeeping`."""
    words = dict.fromkeys(w for name in scales for w in PRIORITY_SCALES[name])
    return "|".join(w.replace(" ", r"\s+") for w in words)


# the words a narrow PDF cell may break in two (`Housekeepin g`), found with spaces removed
_BREAKABLE_PRIORITIES = ("Fundamental", "Significant", "Housekeeping", "High", "Medium", "Low")
PRIORITY_LETTERS = {"H": "High", "M": "Medium", "L": "Low"}
PRIORITY_ALTERNATION = "|".join(w.replace(" ", r"\s+") for w in PRIORITY_WORDS)
_PRIORITY_WORD_RE = re.compile(rf"\b({PRIORITY_ALTERNATION})\b", re.I)
# numbered scales (`1 (High)`, `Priority 2`, `P3`, `Priority 4`): 1 is the most urgent, as
# every auditor using numbers prints it; a number alone is read as the word of its rank on
# High / Medium / Low (a fourth rank is Low too); a word printed beside it wins
PRIORITY_NUMBERS = {"1": "High", "2": "Medium", "3": "Low", "4": "Low"}
NUMBERED_PRIORITY = r"(?:priority\s*|p)[1-4]\b|[1-4](?=\s*\(|\s*$)"
_NUMBERED_PRIORITY_RE = re.compile(rf"^\s*(?:{NUMBERED_PRIORITY})", re.I)


def _as_printed(word: str) -> str:
    flat = " ".join(word.split())
    return flat[0].upper() + flat[1:].lower()


_KEY_COLOUR = re.compile(rf"^{RAG_WORD}\s+(?=\S)", re.I)


def priority_level(priority: str | None) -> str | None:
    return PRIORITY_LEVELS.get(" ".join((priority or "").split()).lower())


def priority_word(text: str | None) -> str | None:
    """The priority a cell or label prints: a word (`Significant`), a letter (`M`), a number
    (`1 (High)`, `Priority 2`, `P3`: the word of its rank), or a word a narrow PDF cell broke
    in two (`Housekeepin g`); None when it prints none."""
    if not text:
        return None
    # a priority printed after its key colour (`RED High`, `AMBER Priority 2`)
    flat = _KEY_COLOUR.sub("", " ".join(text.split()))
    if flat.upper() in PRIORITY_LETTERS:
        return PRIORITY_LETTERS[flat.upper()]
    m = _PRIORITY_WORD_RE.search(flat)
    numbered = _NUMBERED_PRIORITY_RE.match(flat)
    if numbered:
        return (
            _as_printed(m.group(1)) if m else PRIORITY_NUMBERS[re.sub(r"\D", "", numbered.group(0))]
        )
    if m:
        return _as_printed(m.group(1))
    squeezed = "".join(flat.lower().split())
    for word in _BREAKABLE_PRIORITIES:
        if word.lower() in squeezed:
            return word
    return None


# -- role cues: column headers and labels --------------------------------------------------

# The columns each kind of table has, as their headers name them: role -> header wordings
# (regexes on the lower-cased header text), checked in this order, the first match winning
# per header cell (so `Action Owner` is an owner before it is an action). A spec or reader
# names the set it reads (`columns.roles("follow-up")`).
HEADER_ROLES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    # the panel's own appendix tables (2021-25)
    "tracker appendix": (
        ("audit", (r"audit title", r"^audit$", r"^audit (?:area|report)")),
        ("priority", (r"^risk\b", r"^priority\b")),
        ("threat", (r"threat",)),
        ("ref", (r"recommendation.*ref", r"^ref\b", r"^recommendation$")),
        ("update", (r"update", r"action plan", r"business owner", r"progress")),
    ),
    # other auditors' follow-up tables, one per audit
    "follow-up": (
        # a register's audit column: the spec's papers never print one (`forbidden`)
        ("audit", (r"^audit\b(?! recommendation)", r"^review$")),
        ("ref", (r"^ref\b", r"^no\.?$", r"^#$", r"^(?:rec(?:ommendation)?|action)\.? (?:no|ref)")),
        ("owner", (r"responsib", r"owner", r"^(?:lead )?officer", r"^lead\b")),
        ("action", (r"management action", r"agreed action", r"^recommendation", r"^action\b")),
        ("priority", (r"^priority", r"^risk\b", r"^rating", r"^grade")),
        ("revised", (r"revised", r"^new .*date", r"current target")),
        ("original", (r"original", r"^agreed .*date", r"implementation date", r"^(?:target|due)")),
        ("status", (r"status",)),
        ("update", (r"update", r"comment", r"progress", r"position")),
    ),
    # another panel's table of audits and how each is going
    "audit status": (
        ("ref", (r"^ref\b", r"^no\.?$")),
        ("title", (r"title", r"published", r"^audit\b")),
        ("update", (r"update", r"progress", r"position")),
        ("on_track", (r"on track", r"^rag$", r"^status$")),
    ),
    # the panel's own rolling action sheet
    "action sheet": (
        ("meeting", (r"meeting",)),
        ("minute", (r"minute",)),
        ("paper", (r"^paper",)),
        ("action", (r"^action",)),
        ("owner", (r"responsible", r"owner", r"^lead")),
        ("target", (r"target",)),
        ("update", (r"update", r"progress")),
    ),
    # the cover's list of recommendations proposed closed
    "proposed closed": (
        ("audit", (r"^audit",)),
        ("priority", (r"^risk", r"^priority", r"\(h/m/l\)")),
        ("ref", (r"reference", r"^recommendation", r"^ref\b")),
        ("page", (r"^page",)),
        ("note", (r"proposed closed", r"comment", r"note", r"reason", r"status")),
    ),
    # the cover's table of original and current target dates
    "target dates": (
        ("original", (r"original.*target", r"agreed.*date")),
        ("current", (r"current.*target", r"revised.*date")),
        ("audit", (r"^audit",)),
        ("ref", (r"^ref\b", r"reference", r"recommendation")),
        ("context", (r"context", r"comment", r"reason", r"note")),
    ),
}  # fmt: skip

# `Label: value` lines of an audit-status table's stacked title cell, by what the label means
AUDIT_CELL_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("published", re.compile(r"^(?:published|issued|report(?:ed)?|final report)\b", re.I)),
    ("follow_up", re.compile(r"^follow[\s-]*up\b", re.I)),
    ("lead", re.compile(r"^(?:lead|owner|responsible|sponsor)\b", re.I)),
    ("governance", re.compile(r"^(?:governance|board|oversight)\b", re.I)),
    ("assurance", re.compile(r"^(?:assurance|opinion|rating)\b", re.I)),
)
# the label before an owner in running text (`Person Responsible:`, `Action owner –`)
OWNER_LABEL = re.compile(
    r"\b(?:(?:person|officer)\s+responsible|responsible\s+(?:person|officer|owner|manager)|"
    r"(?:lead|accountable)\s+(?:officer|manager)|action\s+owner|business\s+owner|owner|lead)"
    r"\s*[:\-–]",
    re.I,
)
# How owners are joined, one rule by meaning for every reader. Between people (`A and B`,
# `A, B`, `A / B`, `A working with B`) a slash separates only words, not a rank's own slash
# (`C/Insp`, `D/Supt`); in a list of posts or initials (an action sheet's `DCC/CFO`, `HR &
# Finance`) every slash separates. A name reader's tokens are joined by the same words.
OWNER_SPLIT = re.compile(
    r"\s+(?i:and|working\s+with|supported\s+by|with|&)\s+|\s*[,;]\s*|\s+\+\s+"
    r"|(?<=[a-z])\s*/\s*(?=[A-Z][a-z])"
)
POST_LIST_SPLIT = re.compile(r"\s*(?:/|;|&|\n|,)\s*|\s+and\s+")
OWNER_SEPARATOR_TOKENS = frozenset({"/", "&", ",", "and", "or", "+"})
# the cover's metadata labels (`Subject:`, `Date |`, `Author`) and the words of a
# letterhead that name the organisation
COVER_LABELS = ("subject", "date", "author")
COVER_LABEL = re.compile(r"^(Subject|Date|Author)\b\s*[:|]?\s*(\S.*)$")
ORGANISATION_WORDS = re.compile(r"PANEL|COMMISSIONER|COMMITTEE|POLICE")


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
    """Whether a cover table's audit name (`FLEET`, `Fleet Mgmt`, `HR Recruitment`, `GDPR`)
    names this audit: the same words, a part of them, or a short form of them."""
    a, b = normalise_title(short), normalise_title(title)
    if not a:
        return True
    if f" {a} " in f" {b} " or f" {b} " in f" {a} " or SequenceMatcher(None, a, b).ratio() >= 0.85:
        return True
    bracketed = {normalise_title(m) for m in re.findall(r"\(([^)]*)\)", title)}
    return a in bracketed or _short_form(a.split(), b.split())


def _abbreviates(short: str, word: str) -> bool:
    """`PROC` of PROCUREMENT (its start), `MGMT` of MANAGEMENT (its letters in order, first
    and last kept)."""
    if short == word or (len(short) >= 3 and word.startswith(short)):
        return True
    if len(short) < 3 or short[0] != word[0] or short[-1] != word[-1]:
        return False
    rest = iter(word)
    return all(letter in rest for letter in short)


def _short_form(short: list[str], words: list[str]) -> bool:
    """Every word of the short name stands, in order, for a word of the title or for the
    initials of a run of its words (`HR` for HUMAN RESOURCES)."""
    words = [w for w in words if w not in TITLE_STOP]
    short = [w for w in short if w not in TITLE_STOP]
    i = 0
    for part in short:
        for j in range(i, len(words)):
            if _abbreviates(part, words[j]):
                i = j + 1
                break
            n = len(part)
            if 2 <= n <= 5 and "".join(w[0] for w in words[j : j + n]) == part:
                i = j + n
                break
        else:
            return False
    return bool(short)


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
