"""An audit's printed title, split into what identifies the audit and what only describes it.

Papers print an audit's name with whatever the clerk had to hand: its report date (`Fleet
Management – Sept 2018`), its assurance opinion (`FLEET MGMT (Limited Assurance)`), the
auditor's report number (`Payroll (3.14/15)`) and notes (`[Revisit audit]`). Left in the title
they stop two printings of one audit from matching (a date's digits look like `PHASE 2`'s), and
a bracketed opinion read as an alias makes two unrelated audits look alike. Every heading
reader calls `split_audit_title`, so every layout stores the same parts; the linker calls it
again on stored titles (`match_key`), so papers stored before it are read alike too. A heading
printed above an audit's table with its parts labelled (`Payroll | Report issued: May 2023 |
Opinion: Limited`) is read by `read_audit_heading`, the same split with the labels dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jarap.extract.dates import DateValue, find_dates
from jarap.extract.vocab import ABBREVIATIONS, ASSURANCE_RE, normalise_title

# a date in a title says which audit only at month or day precision: `2019/20` (a year) is
# part of a name (`Audit Plan 2019/20`) as often as a date
DATE_PRECISIONS = frozenset({"day", "month"})

_NOTE = re.compile(r"\[([^\]]{1,60})\]")
# `(3.14/15)`, `(Report 3.14/15)`, `Report No. 12/2019`, `Ref: IA/2018/07`
_REPORT_NO = re.compile(
    r"\(\s*(?:(?:report|ref)\s*(?:no\.?|number)?\s*:?\s*)?(\d{1,3}(?:\.\d{1,3})?\s*/\s*\d{2,4})\s*\)"
    r"|\b(?:report|ref)\s*(?:no\.?|number)?\s*:?\s*([A-Z]{0,4}/?\d{1,4}(?:[./]\d{1,4}){1,2})\b",
    re.I,
)
_SEPARATORS = " -–—,:;|/"
_DIGIT = re.compile(r"\d")
# words a number belongs to (`PAYROLL PHASE 2 Sept 2018`): that number is no date's day
_NUMBERING = re.compile(r"\b(?:phase|part|stage|lot|tranche|wave|no\.?)\s*$", re.I)


@dataclass(frozen=True)
class AuditTitle:
    """The parts of a printed audit title; `title` is what is left to name the audit."""

    title: str
    date: DateValue | None = None
    assurance: str | None = None
    report_no: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def date_raw(self) -> str | None:
        return self.date.raw if self.date else None

    @property
    def match_key(self) -> str:
        return match_key(self.title)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _tidy(text: str) -> str:
    """Empty brackets and dangling separators left where parts were taken out."""
    out = " ".join(text.split())
    while True:
        before = out
        out = re.sub(r"\(\s*[-–—,:;]*\s*\)|\[\s*\]", " ", out)
        out = re.sub(r"\s+([,;:)])", r"\1", out)
        out = re.sub(r"\(\s+", "(", out)
        out = " ".join(out.split()).strip(_SEPARATORS)
        # an opening bracket left without its closing one: `FLEET MGMT (`
        if out.count("(") > out.count(")"):
            out = out[: out.rfind("(")] + out[out.rfind("(") + 1 :]
        out = " ".join(out.split()).strip(_SEPARATORS)
        if out == before:
            return out


def _take_parts(flat: str) -> AuditTitle:
    """The parts of a flat title (notes, report number, opinion, a month or day date) taken
    out; the title is what is left, tidied (it may be empty)."""
    work = flat
    notes = tuple(m.group(1).strip() for m in _NOTE.finditer(work))
    work = _NOTE.sub(lambda m: " " * len(m.group(0)), work)
    report_no = None
    m = _REPORT_NO.search(work)
    if m:
        report_no = re.sub(r"\s+", "", m.group(1) or m.group(2))
        work = _blank(work, m.start(), m.end())
    assurance = None
    m = ASSURANCE_RE.search(work)
    if m:
        assurance = m.group(1)
        work = _blank(work, m.start(), m.end())
    date = None
    # a date needs a digit (a year at least): most titles have none, and are not scanned
    dates = [d for d in find_dates(work) if d[2].date is not None] if _DIGIT.search(work) else []
    if dates and _NUMBERING.search(work[: dates[-1][0]]):
        skip = re.match(r"\d+", work[dates[-1][0] :])
        cut = dates[-1][0] + (skip.end() if skip else 0)
        dates = [(a + cut, b + cut, v) for a, b, v in find_dates(work[cut:]) if v.date is not None]
    if dates:
        start, end, value = dates[-1]
        if value.precision in DATE_PRECISIONS:
            date = value
            work = _blank(work, start, end)
    return AuditTitle(_tidy(work), date, assurance, report_no, notes)


def split_audit_title(text: str) -> AuditTitle:
    """`Fleet Management – Sept 2018`, `FLEET MGMT (Limited Assurance)`, `Payroll (3.14/15)
    [Revisit audit]` -> title, report date, assurance opinion, report number, notes.

    A date is taken only at month or day precision and only the last one printed (a title
    naming a period, `Audit Plan 2019/20`, keeps it); when nothing but parts would be left,
    the text is kept as the title."""
    flat = " ".join(text.split())
    parts = _take_parts(flat)
    if not re.search(r"[A-Za-z]{2}", parts.title):
        return AuditTitle(_tidy(flat))
    return parts


# a heading's leading number (`2.`, `B)`, `Audit 3:`), its parts' separators, and the words a
# heading prints around the title (`report issued`, `Opinion:`, `Audit:`)
_HEADING_NUMBER = re.compile(r"^\s*(?:audit\s+)?(?:\d{1,2}[.:)]\s*|[A-Z][.:)]\s+)", re.I)
_HEADING_PARTS = re.compile(r"\s[–—-]\s|\s*[()|;:]\s*|,\s")
_HEADING_WORDS = re.compile(
    r"\b(?:audit|internal|final|draft|report|issued|dated?|published|opinion|assurance|level|"
    r"rating|overall|of|on|in)\b",
    re.I,
)


def read_audit_heading(text: str) -> AuditTitle:
    """A heading above an audit's table, its parts in any order with their labels: `Payroll
    Controls – report issued March 2023 – Limited Assurance`, `2. Fleet Fuel Cards (final
    report 12 June 2023): Reasonable assurance`, `Audit: Payroll | Opinion: Limited assurance`.

    The parts are taken as in any title (`_take_parts`); what is left is the title and the
    labels that stood by the parts, so the title is the first part (between dashes, brackets,
    colons, bars) that says more than a date and the heading's words. A heading prints its
    report date in a part of its own, so a year (`(2023/24)`) is its date too: the first date
    printed where no month or day date was. The title is empty when no part names the
    audit."""
    flat = _HEADING_NUMBER.sub("", " ".join(text.split()), count=1)
    parts = _take_parts(flat)
    title = ""
    for part in _HEADING_PARTS.split(parts.title):
        rest = part
        for start, end, _value in find_dates(part):
            rest = _blank(rest, start, end)
        if re.search(r"[A-Za-z]{2}", _HEADING_WORDS.sub(" ", rest)):
            title = " ".join(rest.split()).strip(" -–—,.:")
            break
    date = parts.date
    if date is None:
        outside = flat
        m = ASSURANCE_RE.search(flat)
        if m:
            outside = _blank(flat, m.start(), m.end())
        date = next((v for _a, _b, v in find_dates(outside) if v.date is not None), None)
    return AuditTitle(title, date, parts.assurance, parts.report_no, parts.notes)


def match_key(title: str) -> str:
    """A title as the linker compares it: `normalise_title` with the short forms of
    `ABBREVIATIONS` expanded (`FLEET MGMT` and `Fleet Management` give one key)."""
    words = normalise_title(title).split()
    return " ".join(ABBREVIATIONS.get(w, w) for w in words)
