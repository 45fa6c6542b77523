"""The status vocabularies: the `Status` enum, every status phrase by name and the
vocabularies that order them, RAG and other colour names (what a status colour means when a
key says nothing more), and the columns of a cover's counts table. Re-exported by `vocab`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, cached_property

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


# the single words of status phrases: never part of a name, and allowed around a date
STATUS_TERMS = frozenset(
    "complete completed implemented ongoing open closed outstanding partially superseded".split()
)


# CSS colour names a saved web page uses for fills (Word writes highlight names: yellow,
# red …) -> RRGGBB, the form a .docx fill takes (read by ingest/html_style.py)
CSS_COLOURS = {
    "black": "000000",
    "white": "FFFFFF",
    "red": "FF0000",
    "lime": "00FF00",
    "green": "008000",
    "blue": "0000FF",
    "yellow": "FFFF00",
    "orange": "FFA500",
    "aqua": "00FFFF",
    "cyan": "00FFFF",
    "fuchsia": "FF00FF",
    "magenta": "FF00FF",
    "silver": "C0C0C0",
    "gray": "808080",
    "grey": "808080",
    "maroon": "800000",
    "olive": "808000",
    "navy": "000080",
    "purple": "800080",
    "teal": "008080",
}
