"""The 2022–25 Appendix table layout: one table row per recommendation.

Columns `Audit Title | Risk | Recommendation Reference | Business Owner – Action Plan Updates`
(no Threat column: that is the 2021 layout). Priorities are High / Medium / Low, printed as
`Medium Priority Recommendation:` and/or in the Risk column; audits carry `SATISFACTORY
ASSURANCE` or the newer `MODERATE OPINION March 2024`. References are `4.2`, `1.` or missing
(the short title alone). An empty Audit Title cell means the audit of the row above, except
where the next audit's heading landed at the bottom of the previous row (a page break): a
second heading in an Audit Title cell belongs to the next row. A row whose reference cell is
empty is the rest of the row above (split by a page break).

Updates are dated headings (`UPDATE August 2025:`, `August 2025 Update:`), some without a year
(`UPDATE October:`), dated here from the previous dated update (the next year when the month
comes earlier) or else the paper's date, never later than the paper. Question-and-answer
updates end `Is the recommendation 'proposed closed'? Yes/No`: the last answer decides.

The cover report's proposed-closed table (audit, H/M/L, reference, page) and its Table of
Original / Current Target Dates are read and checked against the appendix; every disagreement
is a warning in `paper.warnings`, the appendix staying authoritative.
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import re
from dataclasses import dataclass, field

from jarap.extract import fields
from jarap.extract.dates import DateValue, find_dates, normalise_date
from jarap.extract.layouts.tracker_2021 import (
    read_declared_counts,
    read_metadata,
    read_proposed_closed,
)
from jarap.extract.records import Paper, ProposedClosed, Recommendation, Update
from jarap.ingest.document import Cell, Document, Paragraph, Row, Table, continue_cell

NAME = "tracker-2022"

_REF_TITLE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})?)\.?\s+(\S.{1,150})$", re.S)
_DITTO = {"“", "”", '"', "''", "〃", "-do-", "ditto"}
_QA_CLOSED = re.compile(r"proposed\s+closed\W{0,4}\s*[:\-–]?\s*(yes|no)\b", re.I)
_LETTER = {"High": "H", "Medium": "M", "Low": "L"}
_MONTH_NUMBER = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTH_NUMBER.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTH_NUMBER["sept"] = 9


@dataclass
class _Columns:
    audit: int = 0
    risk: int = 1
    ref: int = 2
    update: int = 3


def _is_header_row(row: Row) -> bool:
    texts = [" ".join(c.text.lower().split()) for c in row.cells]
    return (
        any("audit title" in t for t in texts)
        and any("recommendation" in t and "ref" in t for t in texts)
        and any("action plan" in t or "business owner" in t for t in texts)
        and not any("threat" in t for t in texts)
    )


def _appendix_header(doc: Document) -> tuple[Table, int] | None:
    for table in doc.tables:
        for i, row in enumerate(table.rows):
            if _is_header_row(row):
                return table, i
    return None


def detect(doc: Document) -> bool:
    return _appendix_header(doc) is not None


def _columns(row: Row) -> _Columns:
    cols = _Columns()
    for i, cell in enumerate(row.cells):
        t = cell.text.lower()
        if "audit title" in t:
            cols.audit = i
        elif t.startswith("risk"):
            cols.risk = i
        elif "recommendation" in t and "ref" in t:
            cols.ref = i
        elif "action plan" in t or "business owner" in t or "update" in t:
            cols.update = i
    return cols


# -- the appendix --------------------------------------------------------------------------


@dataclass
class _Draft:
    cells: list[Cell]
    page: int | None
    page_end: int | None
    extra: list[Paragraph] = field(default_factory=list)


def _cell(cells: list[Cell], index: int) -> Cell:
    return cells[index] if 0 <= index < len(cells) else Cell()


def _copy(row: Row) -> list[Cell]:
    return [
        Cell([Paragraph(list(p.runs), p.page) for p in c.paragraphs], c.shading) for c in row.cells
    ]


def _appendix_drafts(doc: Document) -> tuple[list[_Draft], _Columns]:
    header = _appendix_header(doc)
    if header is None:
        return [], _Columns()
    table, index = header
    cols = _columns(table.rows[index])
    drafts: list[_Draft] = []
    started = False
    for block in doc.blocks:
        if block is table:
            started = True
            rows = block.rows[index + 1 :]
        elif not started:
            continue
        elif isinstance(block, Paragraph):
            text = block.text.strip()
            if drafts and text and not _is_footer(text):
                drafts[-1].extra.append(block)
            continue
        else:
            rows = block.rows
        for row in rows:
            if _is_header_row(row):
                continue  # repeated on a later page
            if _cell(row.cells, cols.ref).text.strip():
                drafts.append(_Draft(_copy(row), row.page, row.page_end or row.page))
            elif drafts and any(c.text for c in row.cells):
                current = drafts[-1]
                for i, cell in enumerate(row.cells):  # the rest of the row above
                    while len(current.cells) <= i:
                        current.cells.append(Cell())
                    continue_cell(current.cells[i], _copy(Row([cell]))[0].paragraphs)
                current.page_end = row.page_end or row.page or current.page_end
    return drafts, cols


def _is_footer(text: str) -> bool:
    return bool(re.search(r"\bPage\s+\d+\s*$", text)) and len(text) < 120


def _headings(cell: Cell) -> list[str]:
    """Audit headings in an Audit Title cell: title line(s) up to the assurance line (a date
    line after it joins it)."""
    lines = [" ".join(p.text.split()) for p in cell.paragraphs]
    lines = [t for t in lines if t and t not in _DITTO]
    out: list[str] = []
    buf: list[str] = []
    closed = False
    for line in lines:
        assurance = fields.ASSURANCE_RE.search(line)
        date_only = not assurance and find_dates(line) and len(line) < 25
        if date_only and closed and not buf:
            out[-1] += " " + line
            continue
        tail = ""
        if assurance:  # a page-break join may have glued the next heading on: "… 2024 WELL…"
            rest = line[assurance.end() :]
            dates = find_dates(rest)
            cut = assurance.end() + (dates[0][1] if dates else 0)
            if line[cut:].strip() and line[cut:].strip().upper() == line[cut:].strip():
                line, tail = line[:cut].strip(), line[cut:].strip()
        buf.append(line)
        if assurance:
            out.append(" ".join(buf))
            buf, closed = ([tail] if tail else []), True
    if buf:
        out.append(" ".join(buf))
    return out


def _ref_title(cell: Cell) -> tuple[str | None, str, list[Paragraph]]:
    paras = [p for p in cell.paragraphs if p.text.strip()]
    if not paras:
        return None, "", []
    first = " ".join(paras[0].text.split())
    m = _REF_TITLE.match(first)
    if m:
        return m.group(1), m.group(2).strip(), paras[1:]
    return None, first, paras[1:]


def _priority_word(text: str) -> str | None:
    t = " ".join(text.split()).strip().lower()
    if not t:
        return None
    letters = {"h": "High", "m": "Medium", "l": "Low"}
    if t in letters:
        return letters[t]
    for word in ("High", "Medium", "Low", "Fundamental", "Significant", "Housekeeping"):
        if re.search(rf"\b{word.lower()}\b", t):
            return word
    return None


def _status(text: str) -> tuple[str, bool]:
    """The status and whether the appendix said it explicitly (a Q&A answer)."""
    answers = _QA_CLOSED.findall(text)
    if answers:
        return ("proposed_closed" if answers[-1].lower() == "yes" else "open"), True
    if re.search(r"PROPOSED\s+CLOSED", text):
        return "proposed_closed", True
    if re.search(r"\bnot\s+adopted\b", text, re.I):
        return "not_adopted", True
    if re.search(r"\bsuperseded\b", text, re.I):
        return "superseded", True
    return "open", False


def date_yearless_updates(updates: list[Update], paper_date: DateValue | None) -> None:
    """Date `UPDATE October` from context: the previous dated update's year (the next year if
    its month is earlier), else the paper's year; never later than the paper's date."""
    limit = paper_date.date if paper_date is not None else None
    previous: datetime.date | None = None
    for update in updates:
        if update.date is not None and update.date.date is not None:
            previous = update.date.date
            continue
        month = next(
            (
                _MONTH_NUMBER[w]
                for w in re.findall(r"[a-z]+", update.heading.lower())
                if w in _MONTH_NUMBER
            ),
            None,
        )
        base = previous or limit
        if month is None or base is None:
            continue
        year = base.year + (1 if previous is not None and month < previous.month else 0)
        end = _month_end(year, month)
        while limit is not None and end > limit:
            year -= 1
            end = _month_end(year, month)
        update.date = DateValue(raw=update.heading, date=end, precision="month")
        previous = end


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _finish(
    draft: _Draft, cols: _Columns, audit: tuple, paper: Paper
) -> tuple[Recommendation, bool]:
    ref, title, rest = _ref_title(_cell(draft.cells, cols.ref))
    rec = Recommendation(audit_title="", ref=ref, title=title)
    rec.audit_title, rec.assurance, rec.audit_date = audit
    body = list(rest)
    for cell in draft.cells[cols.update :]:
        body.extend(cell.paragraphs)
    body.extend(draft.extra)
    full = "\n".join(p.text for p in body)
    rec.source_text = full
    rec.text = fields.recommendation_text(body)
    printed = fields.priority_in_text(full)
    risk = _priority_word(_cell(draft.cells, cols.risk).text)
    if printed:
        rec.priority, rec.priority_source = printed, "text"
    elif risk:
        rec.priority, rec.priority_source = risk, "column"
    if printed and risk and printed != risk:
        paper.warnings.append(
            f"{rec.audit_title} {rec.ref or rec.title}: priority printed {printed} but the "
            f"Risk column says {risk}"
        )
    rec.targets, rec.current_target = fields.extract_targets(body)
    rec.updates = fields.extract_updates(body)
    date_yearless_updates(rec.updates, paper.paper_date)
    rec.owners, rec.former_owners = fields.extract_owners(body)
    rec.status, explicit = _status(full)
    pages = [p.page for p in body if p.page is not None]
    rec.page_start = min([draft.page or pages[0], *pages]) if pages else draft.page
    rec.page_end = max([draft.page_end or pages[-1], *pages]) if pages else draft.page_end
    return rec, explicit


def _recommendations(doc: Document, paper: Paper) -> list[tuple[Recommendation, bool]]:
    drafts, cols = _appendix_drafts(doc)
    out: list[tuple[Recommendation, bool]] = []
    audit: tuple = ("", None, None)
    pending: str | None = None
    for draft in drafts:
        headings = _headings(_cell(draft.cells, cols.audit))
        if headings:
            audit = fields.split_assurance(headings[0])
            pending = headings[-1] if len(headings) > 1 else None
        elif pending is not None:  # the heading that landed in the row above
            audit, pending = fields.split_assurance(pending), None
        out.append(_finish(draft, cols, audit, paper))
    return out


# -- cover tables and the cross-check ------------------------------------------------------


@dataclass
class TargetRow:
    audit_title: str
    ref: str | None
    title: str | None
    original: DateValue | None
    current: DateValue | None


def read_target_table(doc: Document) -> list[TargetRow]:
    """The cover's `Table of Original Target Dates / Current Target Dates`."""
    out: list[TargetRow] = []
    for table in doc.tables:
        if not table.rows:
            continue
        head = [" ".join(c.text.lower().split()) for c in table.rows[0].cells]
        if not any("original target" in h for h in head) or not any(
            "current target" in h for h in head
        ):
            continue
        original = next(i for i, h in enumerate(head) if "original target" in h)
        current = next(i for i, h in enumerate(head) if "current target" in h)
        audit = ""
        for row in table.rows[1:]:
            texts = [" ".join(c.text.split()) for c in row.cells]
            if len(texts) <= max(original, current):
                continue
            if texts[0] and texts[0] not in _DITTO:
                audit = texts[0]
            ref_text = texts[1] if original > 1 else ""
            m = re.match(r"^\s*(\d{1,2}(?:\.\d{1,2})?)\.?(?:\s+(.*))?$", ref_text)
            ref, title = (m.group(1), m.group(2)) if m else (None, ref_text or None)
            out.append(
                TargetRow(
                    audit,
                    ref,
                    title,
                    normalise_date(texts[original]) if texts[original] else None,
                    normalise_date(texts[current]) if texts[current] else None,
                )
            )
    return out


def _norm(text: str) -> str:
    text = text.lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _same_audit(short: str, title: str) -> bool:
    a, b = _norm(short), _norm(title)
    if not a:
        return True
    return a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def _same_title(a: str | None, b: str | None) -> bool:
    x, y = set(_norm(a or "").split()), set(_norm(b or "").split())
    return bool(x and y) and len(x & y) / len(x | y) >= 0.6


def _find(
    recs: list[Recommendation], audit: str, ref: str | None, title: str | None
) -> Recommendation | None:
    for rec in recs:
        if not _same_audit(audit, rec.audit_title):
            continue
        if ref and rec.ref:
            if ref == rec.ref:
                return rec
        elif _same_title(title, rec.title):
            return rec
    return None


def _label(ref: str | None, title: str | None) -> str:
    return ref if ref else repr(title)


def _name(rec: Recommendation) -> str:
    return f"{rec.audit_title} {_label(rec.ref, rec.title)}"


def _differ(a: DateValue | None, b: DateValue | None) -> bool:
    if a is None or b is None:
        return (a is None) != (b is None)
    return a.date != b.date


def _raw(value: DateValue | None) -> str:
    return value.raw if value is not None else "none"


def cross_check(paper: Paper, explicit: dict[int, bool], targets: list[TargetRow]) -> None:
    """Check the cover tables against the appendix; warn where they disagree."""
    recs = paper.recommendations
    listed: set[int] = set()
    for item in paper.proposed_closed:
        rec = _find(recs, item.audit_title, item.ref, item.title)
        where = f"proposed-closed table lists {item.audit_title} {_label(item.ref, item.title)}"
        if rec is None:
            paper.warnings.append(f"{where}, not found in the appendix")
            continue
        listed.add(id(rec))
        if item.priority and rec.priority and item.priority != rec.priority:
            paper.warnings.append(
                f"{where} as {_LETTER.get(item.priority, item.priority)} "
                f"({item.priority}), the appendix says {rec.priority}"
            )
        if rec.status != "proposed_closed":
            if explicit.get(id(rec)):
                paper.warnings.append(f"{where}, the appendix does not propose it closed")
            else:
                rec.status = "proposed_closed"
        if rec.priority is None and item.priority:
            rec.priority, rec.priority_source = item.priority, "table"
    if paper.proposed_closed:
        for rec in recs:
            if rec.status == "proposed_closed" and id(rec) not in listed:
                paper.warnings.append(
                    f"{_name(rec)} is proposed closed in the appendix but not in the "
                    "proposed-closed table"
                )
    for row in targets:
        rec = _find(recs, row.audit_title, row.ref, row.title)
        if rec is None:
            paper.warnings.append(
                f"target-date table lists {row.audit_title} {_label(row.ref, row.title)}, "
                "not found in the appendix"
            )
            continue
        if _differ(row.original, rec.original_target):
            paper.warnings.append(
                f"target-date table gives {_name(rec)} original target {_raw(row.original)}, "
                f"the appendix {_raw(rec.original_target)}"
            )
        if _differ(row.current, rec.current_target):
            paper.warnings.append(
                f"target-date table gives {_name(rec)} current target {_raw(row.current)}, "
                f"the appendix {_raw(rec.current_target)}"
            )


def _page_column(items: list[ProposedClosed]) -> None:
    """This layout's proposed-closed table has no note column: its 4th column is the page."""
    for item in items:
        if not item.page_ref and re.fullmatch(r"\d+(?:\s*[-–]\s*\d+)?", item.note.strip()):
            item.page_ref, item.note = item.note.strip(), ""


def parse(doc: Document) -> Paper:
    paper = Paper(layout=NAME)
    read_metadata(doc, paper)
    paper.declared_counts = read_declared_counts(doc)
    paper.proposed_closed = read_proposed_closed(doc)
    _page_column(paper.proposed_closed)
    found = _recommendations(doc, paper)
    paper.recommendations = [rec for rec, _explicit in found]
    explicit = {id(rec): flag for rec, flag in found}
    cross_check(paper, explicit, read_target_table(doc))
    for rec in paper.recommendations:
        if not rec.audit_title:
            paper.warnings.append(f"recommendation {rec.ref} {rec.title!r} has no audit title")
    return paper
