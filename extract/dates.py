"""One date normaliser for the whole project.

Audit-panel papers write target dates in dozens of hand-typed forms ("End of Oct 2019",
"Qtr 3 / 4 2025", "2.2.16", "1<sup>st</sup> December 2025", "2019/20FY"). Every extractor must
read them the same way, so they all come here. A target is a deadline, so every value is the
LAST day of the period the text names, with a precision saying how wide that period was.

The regex layer handles the forms the papers actually use, cheaply and predictably; dateparser
is only a guarded last resort for a short, year-bearing string the regexes did not take,
because it is ~100x slower and happily reads "Oct-16" as 16 October or "today" as a date.

Choices the interchange spec leaves open (tests pin them down):

* Two-digit years are always 20xx. After a month name ("Sept 16", "Oct-16", "Dec,16") a
  two-digit number is a year only if it is 00-29: "March 31" is a day without a year, not
  March 2031, and is left alone.
* Seasons: spring = Mar-May, summer = Jun-Aug, autumn/fall = Sep-Nov, winter Y = Dec Y to
  Feb Y+1 (so "Winter 2020" and "Winter 2020/21" both end 2021-02-28/29).
* "early/mid/late Y" split the calendar year in thirds (Apr 30, Aug 31, Dec 31); with a
  financial year ("late 2020/21") the thirds run from April (Jul 31, Nov 30, Mar 31).
  "end (of) 2020" is year precision. "early/mid/late/end March 2020" stay month precision.
* "Q3 2025" and "H1 2021" are calendar periods; with a financial year ("Q3 2025/26",
  "3rd Qtr 2025-26", "H1 2025/26") they are financial periods (FY starts 1 April).
  "2019-2020" with consecutive years is a financial year, like "2019/20".
* A range whose left side has no year ("26th Jan - 12th Feb 2021", "March/April 2022",
  "Spring/Summer 2020") is one expression worth its end. When both sides carry a year
  ("September 2018 - April 2021") find_dates returns them separately.
* normalise_date takes the last date of a cell ("X revised to Y" -> Y) unless the last one is
  flagged as the old one ("originally", "previously", "was"). A cell with more than three
  words that are not dates or date furniture ("revised", "target", "complete"...) is prose and
  gives None; use find_dates for prose.
* Bare years are found for 1990-2099 only (target dates, not statute years from the 1900s).
"""

from __future__ import annotations

import datetime
import functools
import html
import re
from collections.abc import Callable
from typing import Any

from jarap.extract.records import DateValue
from jarap.extract.vocab import MONTHS, STATUS_TERMS, month_end

__all__ = ["DateValue", "find_dates", "normalise_date"]

PRECISIONS = ("day", "month", "quarter", "half", "season", "year")


# --------------------------------------------------------------------------- vocabulary

_MONTHS = MONTHS

_MON_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
# Lookarounds on letters instead of \b so "Mar" never matches inside "Market", but "Oct-16"
# and "Dec,16" still do.
_MON = rf"(?<![a-z])(?P<mon>{_MON_ALT})(?![a-z])\.?"
_MON_ANON = rf"(?<![a-z])(?:{_MON_ALT})(?![a-z])\.?"
_Y4 = r"(?:19|20)\d\d"
# Ordinal suffix, possibly split by a space ("31 st") or wrapped in HTML ("1<sup>st</sup>").
_ORD = r"(?:[ \t]?(?:<sup[^>]{0,40}>\s*)?(?:st|nd|rd|th)(?![a-z])(?:\s*</sup>)?)"
_WEEK_PRE = r"(?:(?:w/c|w/e|w\.[ce]\.?|week\s+(?:commencing|beginning|ending))\s*:?\s*)"
_WEEKDAY = (
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thurs?|fri|sat|sun)\.?,?\s+)"
)
# A two-digit year must not be the day of a following month ("26 Jan 12 Feb 2021").
_YY_END = rf"(?![a-z0-9]|[./:]\d|\s*[-–/]?\s*{_MON_ANON})"
_RANGE_SEP = r"\s*(?:-|–|—|/|&|\bto\b|\band\b|\bor\b|\buntil\b|\btill\b)\s*"

_FLAGS = re.IGNORECASE

_YEAR_PART = (
    r"(?P<fyp>(?:FY|financial\s+year)\s*:?\s*)?"
    r"(?P<y1>(?:19|20)\d\d|\d\d)"
    r"(?:\s*[/\-–]\s*(?P<y2>(?:19|20)\d\d|\d\d)(?!\d))?"
    r"(?P<fys>\s*FY(?![a-z]))?"
    r"(?![a-z0-9])"
)

# --------------------------------------------------------------------------- helpers

Cand = tuple[int, int, datetime.date, str, str]  # start, end, date, precision, kind
Handler = Callable[[re.Match[str], int | None], "Cand | None"]


_month_end = month_end


def _yy(text: str) -> int:
    """Two-digit years are 20xx: the archive starts in the 2010s, never 1916."""
    return 2000 + int(text)


def _year(text: str) -> int:
    return int(text) if len(text) == 4 else _yy(text)


def _consecutive(y1: str, y2: str | None) -> bool:
    """A financial year is written as two consecutive years; anything else is not one."""
    if not y2 or len(y1) != 4:
        return False
    first = int(y1)
    return int(y2) == first + 1 if len(y2) == 4 else int(y2) == (first + 1) % 100


def _month_of(m: re.Match[str]) -> int:
    return _MONTHS[m.group("mon").lower().rstrip(".")]


def _is_word_may(m: re.Match[str]) -> bool:
    """Lower-case "may"/"march" are usually verbs; without a 4-digit year they are not dates."""
    return m.group("mon").rstrip(".") in ("may", "march")


def _year_part(m: re.Match[str]) -> tuple[int, bool, int] | None:
    """(first year, is financial year, end offset) from a _YEAR_PART match."""
    y1, y2 = m.group("y1"), m.group("y2")
    if _consecutive(y1, y2):
        return int(y1), True, m.end()
    if len(y1) != 4 or m.group("fyp"):
        return None  # "Q3 25" or "Q3 FY2025": too ambiguous to guess
    return int(y1), False, m.end("y1")


# --------------------------------------------------------------------------- handlers


def _day_month_year(m: re.Match[str], ctx: int | None) -> int | None:
    """A day-and-month date's year: the four digits it prints, else the two its form allows
    (`3 May 24`), else the year around it (`3 May` in a paper of 2024), but not for the word
    `May` alone; None when it has none."""
    y4, yy = m.group("y"), m.groupdict().get("yy")
    if y4:
        return int(y4)
    if yy:
        return _yy(yy)
    if ctx is not None and not _is_word_may(m):
        return ctx
    return None


def _h_day_first(m: re.Match[str], ctx: int | None) -> Cand | None:
    year = _day_month_year(m, ctx)
    if year is None:
        return None
    day = datetime.date(year, _month_of(m), int(m.group("d")))
    return m.start(), m.end(), day, "day", "day"


def _h_month_first(m: re.Match[str], ctx: int | None) -> Cand | None:
    year = _day_month_year(m, ctx)
    if year is None:
        return None
    day = datetime.date(year, _month_of(m), int(m.group("d")))
    return m.start(), m.end(), day, "day", "mday"


def _h_month_year(m: re.Match[str], ctx: int | None) -> Cand | None:
    y4, yy = m.group("y"), m.group("yy")
    if y4:
        year = int(y4)
    else:
        if int(yy) > 29 or _is_word_may(m):
            return None
        year = _yy(yy)
    return m.start(), m.end(), _month_end(year, _month_of(m)), "month", "month"


def _h_numeric_dmy(m: re.Match[str], ctx: int | None) -> Cand | None:
    day = datetime.date(_year(m.group("y")), int(m.group("m")), int(m.group("d")))
    return m.start(), m.end(), day, "day", "num"


def _h_iso(m: re.Match[str], ctx: int | None) -> Cand | None:
    day = datetime.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return m.start(), m.end(), day, "day", "num"


def _h_numeric_my(m: re.Match[str], ctx: int | None) -> Cand | None:
    end = _month_end(int(m.group("y")), int(m.group("m")))
    return m.start(), m.end(), end, "month", "num"


def _quarter_end(year: int, fy: bool, q: int) -> datetime.date:
    """FY quarters start in April: Q1 Apr-Jun, ..., Q4 Jan-Mar of the following year."""
    if fy:
        return _month_end(year + 1, 3) if q == 4 else _month_end(year, 3 + 3 * q)
    return _month_end(year, 3 * q)


def _h_quarter(m: re.Match[str], ctx: int | None) -> Cand | None:
    yp = _year_part(m)
    if yp is None:
        return None
    year, fy, end = yp
    q = int(m.group("q") or m.group("qb"))
    q2 = m.group("q2")
    q_end = max(q, int(q2)) if q2 else q
    return m.start(), end, _quarter_end(year, fy, q_end), "quarter", "quarter"


def _h_year_quarter(m: re.Match[str], ctx: int | None) -> Cand | None:
    y1, y2 = m.group("ya"), m.group("yb")
    fy = _consecutive(y1, y2)
    if y2 and not fy:
        return None
    return m.start(), m.end(), _quarter_end(int(y1), fy, int(m.group("q"))), "quarter", "quarter"


def _h_half(m: re.Match[str], ctx: int | None) -> Cand | None:
    yp = _year_part(m)
    if yp is None:
        return None
    year, fy, end = yp
    first = m.group("h") == "1" or (m.group("hw") or "").lower() in ("first", "1st")
    if fy:
        value = _month_end(year, 9) if first else _month_end(year + 1, 3)
    else:
        value = _month_end(year, 6 if first else 12)
    return m.start(), end, value, "half", "half"


_SEASON_END = {"spring": (0, 5), "summer": (0, 8), "autumn": (0, 11), "fall": (0, 11),
               "winter": (1, 2)}  # fmt: skip
_QUAL_END_CAL = {"early": 4, "beginning": 4, "start": 4, "mid": 8, "late": 12}
_QUAL_END_FY = {"early": (0, 7), "beginning": (0, 7), "start": (0, 7), "mid": (0, 11),
                "late": (1, 3)}  # fmt: skip


def _h_season(m: re.Match[str], ctx: int | None) -> Cand | None:
    y4, y2, yy = m.group("y"), m.group("y2"), m.group("yy")
    fy = bool(y4) and _consecutive(y4, y2)
    end = m.end() if fy or not y4 else m.end("y")
    season, qual = m.group("season"), m.group("qual")
    if season:
        year = int(y4) if y4 else _yy(yy)
        if fy and season.lower() != "winter":
            end = m.end("y")  # "Spring 2020/21": the season of the first year; FY left alone
        add, month = _SEASON_END[season.lower()]
        return m.start(), end, _month_end(year + add, month), "season", "season"
    if not y4:
        return None  # "late 20" is too likely to be something else
    year, q = int(y4), qual.lower()
    if q == "end":
        value = _month_end(year + 1, 3) if fy else _month_end(year, 12)
        return m.start(), end, value, "year", "season"
    if fy:
        add, month = _QUAL_END_FY[q]
        return m.start(), end, _month_end(year + add, month), "season", "season"
    return m.start(), end, _month_end(year, _QUAL_END_CAL[q]), "season", "season"


def _h_fy(m: re.Match[str], ctx: int | None) -> Cand | None:
    y1, y2 = m.group("y1"), m.group("y2")
    if y1 is None:
        y1, y2 = str(_yy(m.group("a"))), m.group("b")
    if not _consecutive(y1, y2):
        return None
    return m.start(), m.end(), datetime.date(int(y1) + 1, 3, 31), "year", "fy"


def _h_year(m: re.Match[str], ctx: int | None) -> Cand | None:
    return m.start(), m.end(), datetime.date(int(m.group("y")), 12, 31), "year", "year"


# --------------------------------------------------------------------------- patterns

# Cheap substring gates so a cell only pays for the patterns it could possibly match; this keeps
# the common forms at a few microseconds.
_MONTH_GATE = re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|agu|sep|set|oct|oco|nov|dec").search
_SEASON_GATE = re.compile(r"early|mid|late|end|beginning|start|spring|summer|autumn|fall|winter"
                          ).search  # fmt: skip
Gate = Callable[[str], bool]


def _g_month(low: str) -> bool:
    return _MONTH_GATE(low) is not None


def _g_numeric(low: str) -> bool:
    return "/" in low or "." in low or "-" in low


def _g_quarter(low: str) -> bool:
    return "q" in low


def _g_half(low: str) -> bool:
    return "h1" in low or "h2" in low or "half" in low


def _g_season(low: str) -> bool:
    return _SEASON_GATE(low) is not None


def _g_fy(low: str) -> bool:
    return "/" in low or "-" in low or "–" in low


def _g_always(low: str) -> bool:
    return True


# (pattern, handler, gate), each pattern compiled on first use (`_pattern`): compiling them
# all cost ~9 ms of every process that imports this module, the writer included, which
# reads only stored audit titles, most with no digit and so no pattern
_PATTERNS: list[tuple[str, Handler, Gate]] = [
    (
        rf"(?<![\w.]){_WEEK_PRE}?{_WEEKDAY}?(?:the\s+)?(?P<d>[0-3]?\d)(?!\d){_ORD}?"
        rf"(?:\s+of\s+|\s*[\-./,]?\s*){_MON}"
        rf"(?:(?:\s*[,.\-/]\s*|\s*)(?:of\s+)?(?P<y>{_Y4})(?![a-z0-9])"
        rf"|(?:\s*[,'’]\s*|\s+|[\-./])(?P<yy>\d\d){_YY_END})?",
        _h_day_first, _g_month),
    (
        rf"(?<![\w.]){_WEEK_PRE}?{_WEEKDAY}?{_MON}\s*(?:the\s+)?(?P<d>[0-3]?\d)(?!\d)"
        rf"(?:{_ORD}?(?:\s*,\s*|\s+)(?P<y>{_Y4})(?![a-z0-9])|{_ORD}(?!\s*,?\s*\d))",
        _h_month_first, _g_month),
    (
        r"(?<![\w.])(?:(?:the\s+)?(?:end|early|mid|late|beginning|start)(?:\s*-\s*|\s+)"
        r"(?:of\s+)?(?:the\s+)?(?:month\s+of\s+)?)?"
        rf"{_MON}(?:\s*[,.\-/]?\s*(?:of\s+)?(?P<y>{_Y4})(?![a-z0-9])"
        rf"|(?:\s*[,'’]\s*|\s+|[\-./])(?P<yy>\d\d){_YY_END})",
        _h_month_year, _g_month),
    (
        rf"(?<![\w/.\-]){_WEEK_PRE}?(?P<d>\d{{1,2}}) ?(?P<sep>[./\-]) ?(?P<m>\d{{1,2}}) ?(?P=sep) ?"
        rf"(?P<y>{_Y4}|\d\d)(?![\w]|[./\-]\d)",
        _h_numeric_dmy, _g_numeric),
    (
        rf"(?<![\w/.\-])(?P<y>{_Y4})(?P<sep>[\-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})"
        r"(?![\w]|[./\-]\d)",
        _h_iso, _g_numeric),
    (
        rf"(?<![\w/.\-])(?P<m>0?[1-9]|1[0-2])[/.\-](?P<y>{_Y4})(?![\w]|[./\-]\d)",
        _h_numeric_my, _g_numeric),
    (
        r"(?<![\w.])(?:(?P<q>[1-4])(?:st|nd|rd|th)?\s*(?:qtr|quarter)\.?(?:\s+of)?"
        r"|(?:q|qtr\.?|quarter)\s*(?P<qb>[1-4]))"
        r"(?:\s*(?:/|-|–|&|\band\b|\bto\b|\bor\b)\s*(?:q|qtr\.?|quarter)?\s*(?P<q2>[1-4])"
        r"(?:st|nd|rd|th)?(?:\s*(?:qtr|quarter)\.?)?)?"
        rf"(?![0-9])[\s,]*(?:of\s+)?(?:the\s+)?{_YEAR_PART}",
        _h_quarter, _g_quarter),
    (
        rf"(?<![\w/.])(?:FY\s*)?(?P<ya>{_Y4})(?:\s*[/\-–]\s*(?P<yb>{_Y4}|\d\d))?(?:\s*FY)?"
        r"\s*[,\-]?\s*(?:q|qtr\.?|quarter)\s*(?P<q>[1-4])(?![\w])",
        _h_year_quarter, _g_quarter),
    (
        r"(?<![\w.])(?:H(?P<h>[12])|(?P<hw>first|second|1st|2nd)\s+half(?:\s+of)?(?:\s+the)?)"
        rf"[\s,]*{_YEAR_PART}",
        _h_half, _g_half),
    (
        r"(?<![\w.])(?:(?P<qual>early|mid|late|end|beginning|start)(?:\s*-\s*|\s+)(?:of\s+)?"
        r"(?:the\s+)?(?:(?:calendar|financial)\s+)?(?:year\s+)?"
        r"|(?P<season>spring|summer|autumn|fall|winter)(?:\s*-\s*|\s+)(?:of\s+)?)"
        rf"(?:(?P<y>{_Y4})(?:\s*[/\-–]\s*(?P<y2>{_Y4}|\d\d)(?!\d))?|'?(?P<yy>\d\d))"
        r"(?![a-z0-9])",
        _h_season, _g_season),
    (
        rf"(?<![\w/.])(?:(?:FY|financial\s+year)\s*:?\s*)?(?P<y1>{_Y4})\s*[/\-–]\s*"
        r"(?P<y2>(?:19|20)\d\d|\d\d)(?!\d)(?:\s*FY(?![a-z]))?(?![a-z0-9])"
        r"|(?<![\w/.])FY\s*(?P<a>\d\d)\s*[/\-]\s*(?P<b>\d\d)(?![a-z0-9])",
        _h_fy, _g_fy),
    (r"(?<![\w/.£$€#])(?P<y>199\d|20\d\d)(?![a-z0-9%]|[./,]\d)", _h_year, _g_always),
]


@functools.cache
def _pattern(prio: int) -> re.Pattern[str]:
    return re.compile(_PATTERNS[prio][0], _FLAGS)


# Yearless left halves of ranges, by the kind of the right half they may join.
_LEFT_DAY_MONTH = rf"(?<![\w.])[0-3]?\d{_ORD}?(?:\s+of\s+|\s*[\-./,]?\s*){_MON_ANON}"
_LEFT_MONTH_DAY = rf"(?<![\w.]){_MON_ANON}\s*[0-3]?\d(?!\d){_ORD}?"
_LEFT_BARE_DAY = rf"(?<![\w.])(?P<ld>[0-3]?\d){_ORD}?"
_RANGE_LEFT: dict[str, str] = {  # compiled on first use, as `_PATTERNS` (`_range_left`)
    "day": rf"(?:{_LEFT_DAY_MONTH}|{_LEFT_MONTH_DAY}|{_LEFT_BARE_DAY}){_RANGE_SEP}$",
    "mday": rf"(?:{_LEFT_MONTH_DAY}|{_LEFT_DAY_MONTH}){_RANGE_SEP}$",
    "month": rf"{_MON_ANON}{_RANGE_SEP}$",
    "season": r"(?<![\w.])(?:spring|summer|autumn|fall|winter)" + _RANGE_SEP + "$",
}


@functools.cache
def _range_left(kind: str) -> re.Pattern[str]:
    return re.compile(_RANGE_LEFT[kind], _FLAGS)


_RANGE_WINDOW = 40
_RANGE_WORDS = ("to", "and", "or", "until", "till")


def _extend_range(text: str, cand: Cand) -> Cand:
    """Pull a yearless left half into the span: "March/April 2022" is one period ending April."""
    start, end, value, precision, kind = cand
    if kind not in _RANGE_LEFT or start == 0:
        return cand
    before = text[max(0, start - 8):start].rstrip().lower()
    if not before or not (before[-1] in "-–—/&" or before.endswith(_RANGE_WORDS)):
        return cand  # no separator right before: skip the regex, most candidates end here
    window_start = max(0, start - _RANGE_WINDOW)
    m = _range_left(kind).search(text, window_start, start)
    if m is None:
        return cand
    if m.groupdict().get("ld") is not None and int(m.group("ld")) >= value.day:
        return cand  # "Recommendation 30 - 28 Feb": not a day range
    return m.start(), end, value, precision, kind


def _scan_text(text: str, ctx: int | None) -> tuple[Cand, ...]:
    """All date expressions, leftmost-longest and non-overlapping."""
    if not any(ch.isdigit() for ch in text):
        return ()  # every form the regexes take has a digit (a year, a day or a quarter)
    cands: list[tuple[int, int, int, Cand]] = []
    low = text.lower()
    for prio, (_source, handler, gate) in enumerate(_PATTERNS):
        if not gate(low):
            continue
        for m in _pattern(prio).finditer(text):
            try:
                cand = handler(m, ctx)
            except (ValueError, OverflowError):
                cand = None  # 31 February, month 13, absurd context years
            if cand is None:
                continue
            cand = _extend_range(text, cand)
            if cand[1] > cand[0]:
                cands.append((cand[0], -cand[1], prio, cand))
    cands.sort(key=lambda c: c[:3])
    chosen: list[Cand] = []
    last_end = 0
    for _, _, _, cand in cands:
        if cand[0] >= last_end:
            chosen.append(cand)
            last_end = cand[1]
    return tuple(chosen)


# Cells repeat endlessly across papers (every tracker reprints last quarter's targets), so
# short strings are cached; whole paragraphs are not, so the cache cannot hoard documents.
_CACHE_SIZE = 8192
_CACHE_MAX_LEN = 300
_scan_cached = functools.lru_cache(maxsize=_CACHE_SIZE)(_scan_text)


def _scan(text: str, ctx: int | None) -> tuple[Cand, ...]:
    return _scan_cached(text, ctx) if len(text) <= _CACHE_MAX_LEN else _scan_text(text, ctx)


# --------------------------------------------------------------------------- cleaning

_SUP_TAG = re.compile(r"</?sup\b[^>]{0,40}>", re.IGNORECASE)
_OTHER_TAG = re.compile(r"<[^<>]{0,200}>")
_WS = re.compile(r"\s+")
_LABEL = re.compile(
    r"^(?:(?:revised|original|originally|new|amended|agreed|current|proposed|implementation"
    r"|final|target|completion|due|expected|anticipated|estimated)\s+){0,3}"
    r"(?:(?P<word>dates?|deadline|timescales?)\b\s*(?P<c1>[:\-–])?|target\s*(?P<c2>:))\s*",
    re.IGNORECASE,
)


def _clean(text: str) -> str:
    """What a reader sees: tags gone (<sup> without a gap), entities decoded, spaces collapsed."""
    text = _SUP_TAG.sub("", text)
    text = _OTHER_TAG.sub(" ", text)
    text = html.unescape(text)
    return _WS.sub(" ", text).strip()


def _strip_label(text: str) -> str:
    """Drop "Target Date:" and kin; raw should be the value, not the cell's caption."""
    m = _LABEL.match(text)
    if m is None:
        return text
    rest = text[m.end():]
    if not rest:
        return text
    if m.group("c1") or m.group("c2") or any(ch.isdigit() for ch in rest):
        return rest
    return text


# --------------------------------------------------------------------------- normalise

_FILLER = frozenset(
    """revised revision revisions to target targets date dates deadline
    completion due by end of the in on new now extended extension original originally was
    previously formerly and then implementation update updated progress agreed
    proposed expected estimated anticipated planned before from until till no later than
    approx approximately circa est tbc for at latest week commencing ending beginning w c e
    or timescale timescales amended current final historical delayed deferred moved""".split()
) | STATUS_TERMS  # `Completed 31/03/2024`: a status beside a date leaves it a date
_MAX_PROSE_WORDS = 3
_OLD_MARK = re.compile(
    r"(?:originally|previously|formerly|was|old|original(?:\s+target)?(?:\s+date)?)"
    r"\s*[:\-–(]?\s*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
_BARE_MONTH = re.compile(rf"{_MON}", re.IGNORECASE)
_MONTH_WORD = re.compile(rf"(?<![a-z])(?:{_MON_ALT})(?![a-z])", re.IGNORECASE)


def _pick(text: str, cands: tuple[Cand, ...]) -> Cand:
    """The current target in a revision chain is the last one, unless marked as the old one."""
    for cand in reversed(cands):
        if not _OLD_MARK.search(text[max(0, cand[0] - 30):cand[0]]):
            return cand
    return cands[-1]


def _leftover_words(text: str, cands: tuple[Cand, ...]) -> list[str]:
    pieces, pos = [], 0
    for start, end, *_ in cands:
        pieces.append(text[pos:start])
        pos = end
    pieces.append(text[pos:])
    return _WORD.findall(" ".join(pieces))


def _bare_month(text: str, ctx: int | None) -> DateValue | None:
    """"UPDATE October" means October of the paper's year, when we know it."""
    if ctx is None or any(ch.isdigit() for ch in text):
        return None
    words = _WORD.findall(text)
    if not words or len(words) > 6:
        return None
    found = list(_BARE_MONTH.finditer(text))
    if len(found) != 1:
        return None
    m = found[0]
    if m.group("mon").islower():
        return None  # lower-case month words in a heading are usually verbs ("may", "march")
    if m.group("mon").lower().rstrip(".") == "may":
        following = _WORD.search(text, m.end())
        if following and following.group()[0].islower():
            return None  # "May need ..." is a modal verb
    try:
        return DateValue(text, _month_end(ctx, _month_of(m)), "month")
    except (ValueError, OverflowError):
        return None


# --------------------------------------------------------------------------- dateparser

_RELATIVE = re.compile(
    r"\b(?:today|tomorrow|yesterday|tonight|now|ago|next|last|this|coming|in|within|after"
    r"|before|hence|day|days|week|weeks|fortnight|fortnights|month|months|year|years|hour"
    r"|hours|minute|minutes|second|seconds|noon|midnight|weekend)\b",
    re.IGNORECASE,
)
_HAS_Y4 = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_HAS_NUMERIC = re.compile(r"(?<!\d)\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}(?!\d)")
_DP_MAX_LEN = 60
_RELATIVE_BASE = datetime.datetime(2000, 1, 1)
_DP_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "last",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "RELATIVE_BASE": _RELATIVE_BASE,
}


@functools.lru_cache(maxsize=1)
def _date_data_parser() -> Any:
    """Imported lazily: dateparser costs ~0.5 s to load and most runs never need it."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=_DP_SETTINGS)


def _dateparser_allowed(text: str) -> bool:
    """dateparser turns "today" or "in 2 days" into dates; only let it see absolute dates."""
    if not text or len(text) > _DP_MAX_LEN or _RELATIVE.search(text):
        return False
    return bool(_HAS_Y4.search(text) or _HAS_NUMERIC.search(text))


def _dateparser_parse(text: str) -> tuple[datetime.date, str] | None:
    """Last resort; the result must agree with a year printed in the text."""
    if not _dateparser_allowed(text):
        return None
    data = _date_data_parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    value: datetime.date = data.date_obj.date()
    years = {int(y) for y in _HAS_Y4.findall(text)}
    if years and value.year not in years:
        return None
    period = data.period or "day"
    if period == "year":
        return datetime.date(value.year, 12, 31), "year"
    if period == "month":
        return _month_end(value.year, value.month), "month"
    return value, "day"


# --------------------------------------------------------------------------- public API


def _coerce(text: object, context_year: object) -> tuple[str, int | None]:
    """Callers feed cells straight from parsers; None or numbers must not crash the caller."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    ctx = context_year if isinstance(context_year, int) and not isinstance(context_year, bool) \
        else None
    if ctx is not None and not 1 <= ctx <= 9999:
        ctx = None
    return text, ctx


def _normalise_text(text: str, ctx: int | None) -> DateValue:
    clean = _strip_label(_clean(text))
    if not clean:
        return DateValue(clean, None, None)
    cands = _scan(clean, ctx)
    if cands:
        words = [w for w in _leftover_words(clean, cands) if w.lower() not in _FILLER]
        if len(words) > _MAX_PROSE_WORDS:
            return DateValue(clean, None, None)
        best = _pick(clean, cands)
        if all(c[4] == "year" for c in cands) and _MONTH_WORD.search(clean):
            finer = _dateparser_parse(clean)  # "2020 March 31": the year alone undersells it
            if finer is not None and finer[1] != "year":
                return DateValue(clean, finer[0], finer[1])
        return DateValue(clean, best[2], best[3])
    bare = _bare_month(clean, ctx)
    if bare is not None:
        return bare
    parsed = _dateparser_parse(clean)
    if parsed is not None:
        return DateValue(clean, parsed[0], parsed[1])
    return DateValue(clean, None, None)


_normalise_cached = functools.lru_cache(maxsize=_CACHE_SIZE)(_normalise_text)


def _normalise(text: str, ctx: int | None) -> DateValue:
    if len(text) <= _CACHE_MAX_LEN:
        return _normalise_cached(text, ctx)
    return _normalise_text(text, ctx)


def normalise_date(text: str, *, context_year: int | None = None) -> DateValue:
    """Whole string -> one DateValue. Non-dates give date=None, precision=None, raw kept.

    Meant for a target-date cell: labels like "Target Date:" are dropped from raw, HTML tags
    removed, and of several dates the current (last) one wins. Never raises.
    """
    try:
        clean_text, ctx = _coerce(text, context_year)
        return _normalise(clean_text, ctx)
    except Exception:  # noqa: BLE001 - the contract is "never raises" for any cell text
        try:
            raw = text.strip() if isinstance(text, str) else ""
        except Exception:  # noqa: BLE001
            raw = ""
        return DateValue(raw, None, None)


def _find_text(text: str, ctx: int | None) -> tuple[tuple[int, int, DateValue], ...]:
    found = tuple(
        (start, end, DateValue(text[start:end], value, precision))
        for start, end, value, precision, _ in _scan(text, ctx)
    )
    if found:
        return found
    # A short cell the regexes could not read still gets dateparser, as one whole span.
    stripped = text.strip()
    if not stripped or len(stripped) > _DP_MAX_LEN:
        return ()
    parsed = _dateparser_parse(stripped)
    if parsed is None:
        return ()
    start = text.index(stripped)
    return ((start, start + len(stripped), DateValue(stripped, parsed[0], parsed[1])),)


_find_cached = functools.lru_cache(maxsize=_CACHE_SIZE)(_find_text)


def _find(text: str, ctx: int | None) -> tuple[tuple[int, int, DateValue], ...]:
    return _find_cached(text, ctx) if len(text) <= _CACHE_MAX_LEN else _find_text(text, ctx)


def find_dates(
    text: str, *, context_year: int | None = None
) -> list[tuple[int, int, DateValue]]:
    """Every date expression inside a longer string, in order, as (start, end, DateValue).

    raw == text[start:end] exactly (HTML included), so callers can cut revision chains like
    "31 December 2018 revised to 31st March 2019 30th September 2019" apart. Month names count
    only with a year, or as day+month when context_year is given. Never raises.
    """
    try:
        clean_text, ctx = _coerce(text, context_year)
        return list(_find(clean_text, ctx))
    except Exception:  # noqa: BLE001 - the contract is "never raises"
        return []
