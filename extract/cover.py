"""The cover report: the paper's own metadata and summary tables, read once for every layout.

A tracker's cover prints its subject, date and author, a table of counts (by priority and
RAG), a table of the recommendations proposed closed, and (2022 on) a table of original and
current target dates. They are evidence: the counts let the parser check itself, the two
lists are cross-checked against the appendix (`extract.crosscheck`). Tables are found by
what their header cells say, and their columns are placed by meaning (`extract.columns`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jarap.extract.columns import header_roles, roles
from jarap.extract.dates import DateValue, normalise_date
from jarap.extract.records import Paper, ProposedClosed, Provenance, provenance_of
from jarap.extract.vocab import (
    COUNT_LINE_COLUMN,
    COVER_LABEL,
    COVER_LABELS,
    NUMBERED_PRIORITY,
    ORGANISATION_WORDS,
    PRIORITY_WORDS,
    RAG_HEADER,
    RAG_ORDER,
    count_column,
    is_ditto,
    priority_word,
    split_ref,
    split_ref_title,
)
from jarap.ingest.document import Block, Document, Row, Table

# -- metadata ------------------------------------------------------------------------------


def _cover_lines(blocks: list[Block]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                texts = [" ".join(c.text.split()) for c in row.cells]
                if len(texts) >= 2 and texts[0].strip(":").lower() in COVER_LABELS:
                    lines.append(f"{texts[0].strip(':')}: {texts[1]}")
                else:
                    lines.append(" | ".join(t for t in texts if t))
        else:
            lines.append(" ".join(block.text.split()))
    return lines


def read_metadata(blocks: list[Block], paper: Paper) -> None:
    """Subject, date and author from `Label: value` lines or two-cell table rows (a date that
    is not a date is not taken), and the organisation from the capitalised letterhead (its
    lines joined: a letterhead wraps)."""
    labelled: dict[str, str] = {}
    letterhead: list[str] = []
    for text in [*_cover_lines(blocks), ""]:
        m = COVER_LABEL.match(text)
        if m and m.group(1).lower() not in labelled:
            key, value = m.group(1).lower(), m.group(2).strip(" :|")
            if key != "date" or normalise_date(value).date is not None:
                labelled[key] = value
        if text and text.upper() == text and len(text) <= 120 and re.search(r"[A-Z]{2}", text):
            letterhead.append(text)
            continue
        joined = " ".join(letterhead)
        if paper.organisation is None and ORGANISATION_WORDS.search(joined) and len(joined) > 20:
            paper.organisation = joined
        letterhead = []
    paper.title = labelled.get("subject")
    paper.author = labelled.get("author")
    if "date" in labelled:
        paper.paper_date = normalise_date(labelled["date"])


# -- declared counts -----------------------------------------------------------------------


_COUNT_LINE = re.compile(
    rf"^\s*(?P<label>{'|'.join(PRIORITY_WORDS)}|Total|{NUMBERED_PRIORITY})\s+"
    r"(?P<values>(?:(?:\d+|-)\s+)*(?:\d+|-))\s*$",
    re.I,
)
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "no one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_PROPOSED_SENTENCE = re.compile(
    r"\b(\w+)\s+recommendations?\s+(?:are\s+|have\s+been\s+)?proposed\s+(?:as\s+)?closed",
    re.I,
)


def _header_columns(block_row: list[str]) -> list[str]:
    """The meanings of a counts header's columns, in order: one per cell of a table row, or
    one per column name of a line of text (`Priority RED AMBER GREEN Not Adopted (GREY)
    Total`)."""
    if len(block_row) > 1:
        cells = block_row
    else:
        cells = [m.group(0) for m in COUNT_LINE_COLUMN.finditer(block_row[0])]
    return [m for m in (count_column(c) for c in cells if c.strip() not in ("", "-")) if m]


def _count_values(texts: list[str]) -> tuple[str, list[int]] | None:
    """A counts row: a priority (or Total) label and its numbers (`-` or blank is 0)."""
    if len(texts) > 1:
        label, values = texts[0].strip(), [t.strip() for t in texts[1:]]
        if not _COUNT_LINE.match(label + " 0") or not any(v.isdigit() for v in values):
            return None
        if not all(v.isdigit() or v in ("", "-") for v in values):
            return None
        return label, [int(v) if v.isdigit() else 0 for v in values]
    m = _COUNT_LINE.match(" ".join(texts[0].split()))
    if not m:
        return None
    return m.group("label"), [int(v) if v.isdigit() else 0 for v in m.group("values").split()]


def _block_rows(blocks: list[Block]) -> list[list[str]]:
    rows: list[list[str]] = []
    for block in blocks:
        if isinstance(block, Table):
            rows.extend([c.text for c in row.cells] for row in block.rows)
        else:
            rows.append([block.text])
    return rows


def _count_tables(blocks: list[Block]) -> list[dict]:
    """Each counts table of the cover: a RED / AMBER / GREEN header opens one (a paper with two
    auditors prints one per auditor, each in its own priorities), and the priority and Total
    rows under it fill it. The caption is the line printed just before its header."""
    tables: list[dict] = []
    current: dict | None = None
    caption = ""
    for texts in _block_rows(blocks):
        joined = " ".join(" ".join(texts).split())
        if not texts or not joined:
            continue
        if RAG_HEADER.search(joined) and (current is None or current["by_priority"]):
            columns = _header_columns(texts)
            current = {"caption": caption, "columns": columns, "by_priority": {}, "totals": None}
            tables.append(current)
            continue
        found = _count_values(texts)
        if found is None:
            caption = joined
            continue
        if current is None:  # counts printed without a header
            current = {"caption": "", "columns": [], "by_priority": {}, "totals": None}
            tables.append(current)
        columns = current["columns"]
        label, values = found
        named = dict(zip(columns, values, strict=False)) if len(values) >= len(columns) else {}
        if "total" not in named:
            named["total"] = values[-1] if len(values) > len(columns) else sum(values)
        if label.lower() == "total":
            current["totals"] = named
        else:
            current["by_priority"][priority_word(label) or label] = named["total"]
    return [t for t in tables if t["by_priority"]]


def _table_counts(table: dict) -> dict:
    """One counts table as declared counts: by priority, total, RAG, proposed closed."""
    by_priority, totals = table["by_priority"], table["totals"]
    counts: dict = {
        "by_priority": by_priority,
        "total": totals["total"] if totals else sum(by_priority.values()),
        "proposed_closed": None,
    }
    if totals is not None:
        rag = {k: totals[k] for k in RAG_ORDER if k in totals}
        if rag:
            counts["by_rag"] = rag
        if "proposed_closed" in totals or "not_adopted_closed" in totals:
            counts["proposed_closed"] = totals.get("proposed_closed", 0) + totals.get(
                "not_adopted_closed", 0
            )
    return counts


def _summed(parts: list[dict]) -> dict:
    """Several auditors' tables as one paper's counts: every figure added up, each table kept
    in `tables` (with its caption, which names the auditor)."""
    by_priority: dict[str, int] = {}
    by_rag: dict[str, int] = {}
    for part in parts:
        for word, n in part["by_priority"].items():
            by_priority[word] = by_priority.get(word, 0) + n
        for colour, n in part.get("by_rag", {}).items():
            by_rag[colour] = by_rag.get(colour, 0) + n
    closed = [p["proposed_closed"] for p in parts if p["proposed_closed"] is not None]
    counts: dict = {
        "by_priority": by_priority,
        "total": sum(p["total"] for p in parts),
        "proposed_closed": sum(closed) if closed else None,
        "tables": parts,
    }
    running = [p["running"] for p in parts if "running" in p]
    if running:
        counts["running"] = sum(running)
    if by_rag:
        counts["by_rag"] = by_rag
    return counts


def _grids(table: Table) -> list[list[str]]:
    """Each row's texts by grid column: a merged cell's text in every column it spans. A
    cell merged down from the row above leaves its column empty in the rows below, whether
    the reader kept a placeholder for it (Word) or left it out (PDF)."""
    width = max((sum(max(1, c.col_span) for c in row.cells) for row in table.rows), default=0)
    below: dict[int, int] = {}  # column -> rows still covered by a cell merged down
    out: list[list[str]] = []
    for row in table.rows:
        spans = sum(max(1, c.col_span) for c in row.cells)
        skip = {j for j, n in below.items() if n > 0} if spans < width else set()
        texts: list[str] = []
        for cell in row.cells:
            while len(texts) in skip:
                texts.append("")
            start = len(texts)
            texts += [" ".join(cell.text.split())] * max(1, cell.col_span)
            if cell.row_span > 1:
                for j in range(start, len(texts)):
                    below[j] = cell.row_span
        out.append(texts)
        below = {j: n - 1 for j, n in below.items() if n > 1}
    return out


def _number(text: str) -> int | None:
    flat = text.strip()
    return int(flat) if flat.isdigit() else 0 if flat in ("", "-", "–", "—") else None


def _spread_groups(head: list[list[str]]) -> list[list[str]]:
    """Group cells spread over their sub-columns where a conversion printed a group's text in
    its first column only (the reference converter's text): a group cell with a sub-header
    under it stands over the empty cells to its right that have sub-headers too."""
    subs = head[-1]
    out = []
    for row in head[:-1]:
        spread, current = [], ""
        for j, text in enumerate(row):
            under = j < len(subs) and bool(subs[j])
            if text:
                current = text if under else ""
                spread.append(text)
            else:
                spread.append(current if under else "")
                current = current if under else ""
        out.append(spread)
    return [*out, subs]


def _grouped_columns(head: list[list[str]]) -> dict[int, tuple[str, str | None]] | None:
    """Each column's meaning under a header of two rows, a group cell over its sub-columns
    (`Total Reported` over `RED High | AMBER Medium | GREEN Low`): a priority column of the
    counts made, unless its group counts the running or closed ones (then what
    `vocab.COUNT_COLUMNS` says the group means); otherwise what the group and sub-header
    mean together. A column of shares (`%`) counts nothing."""
    head = _spread_groups(head) if len(head) > 1 else head
    width = max(len(r) for r in head)
    cols: dict[int, tuple[str, str | None]] = {}
    for j in range(1, width):
        parts = [r[j] for r in head if j < len(r) and r[j]]
        joined = " ".join(dict.fromkeys(parts))
        if "%" in joined or re.search(r"\bper\s*cent", joined, re.I):
            continue
        sub = parts[-1] if parts else ""
        group = count_column(" ".join(parts[:-1])) if len(parts) > 1 else None
        meaning = group if group in _NOT_MADE else count_column(joined)
        priority = priority_word(sub) if meaning not in _NOT_MADE else None
        if priority is not None:
            cols[j] = ("priority", priority)
        elif meaning is not None:
            cols[j] = (meaning, None)
    return cols if any(m == "priority" for m, _p in cols.values()) else None


# the count columns of those closed, not adopted or still running: a priority word printed
# under them is their priority, not the counts made
_NOT_MADE = frozenset({"proposed_closed", "not_adopted_closed", "not_adopted", "running"})


def _grouped_part(label: str, values: dict[int, int], cols: dict) -> dict:
    by_priority: dict[str, int] = {}
    for j, (meaning, priority) in cols.items():
        if meaning == "priority":
            by_priority[priority] = by_priority.get(priority, 0) + values.get(j, 0)
    named: dict[str, int] = {}
    for j, (meaning, _p) in cols.items():
        if meaning != "priority":
            named[meaning] = named.get(meaning, 0) + values.get(j, 0)
    closed = [named[k] for k in ("proposed_closed", "not_adopted_closed") if k in named]
    part: dict = {
        "by_priority": by_priority,
        "total": named.get("total", sum(by_priority.values())),
        "proposed_closed": sum(closed) if closed else None,
        "caption": label,
    }
    if "running" in named:
        part["running"] = named["running"]
    return part


def _grouped_table(table: Table) -> list[dict]:
    """A counts table whose header has a group row over sub-columns, priorities across and
    one row per auditor (or a Total row alone): one part per auditor row."""
    grid = _grids(table)
    first_data = next(
        (i for i, r in enumerate(grid) if len(r) > 1 and any(_number(t) for t in r[1:])), None
    )
    if first_data is None or first_data == 0:
        return []
    head = grid[:first_data]
    spans = any(c.col_span > 1 for row in table.rows[:first_data] for c in row.cells)
    if len(head) < 2 and not spans:
        return []
    cols = _grouped_columns(head)
    if cols is None:
        return []
    parts: list[dict] = []
    total_row: dict | None = None
    for texts in grid[first_data:]:
        numbers = {j: _number(texts[j]) for j in cols if j < len(texts)}
        if not texts or any(v is None for v in numbers.values()):
            continue
        values = {j: v for j, v in numbers.items() if v is not None}
        part = _grouped_part(texts[0], values, cols)
        if _TOTAL_LABEL.match(texts[0]):
            total_row = part
        else:
            parts.append(part)
    return parts or ([total_row] if total_row else [])


_TOTAL_LABEL = re.compile(r"^\s*(?:grand\s+)?totals?\b", re.I)


def read_declared_counts(blocks: list[Block]) -> dict | None:
    """The cover's counts table(s), read by what each column means (RED / AMBER / GREEN /
    GREY, proposed closed, not adopted, Total), whether printed as a table or as lines of
    text; the proposed-closed count from its column, else from the sentence that states it.
    Where the cover prints one table per auditor, the figures are summed and each table is
    kept in `tables`."""
    grouped = [p for b in blocks if isinstance(b, Table) for p in _grouped_table(b)]
    tables = [] if grouped else _count_tables(blocks)
    if not tables and not grouped:
        return None
    parts = grouped or [_table_counts(t) for t in tables]
    if len(parts) == 1:
        counts = parts[0]
        counts.pop("caption", None)
    else:
        for part, table in zip(parts, tables, strict=False):
            part["caption"] = table["caption"]
        counts = _summed(parts)
    if counts["proposed_closed"] is None:
        flat = " ".join(" ".join(" ".join(t).split()) for t in _block_rows(blocks))
        for m in _PROPOSED_SENTENCE.finditer(flat):
            word = m.group(1).lower()
            number = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
            if number is not None:
                counts["proposed_closed"] = number
                break
    return counts


# -- proposed-closed table -----------------------------------------------------------------

PROPOSED_CLOSED_ROLES = roles("proposed closed")
_PAGE = re.compile(r"\d+(?:\s*[-–]\s*\d+)?")


def _is_proposed_closed_table(table: Table) -> bool:
    head = [c.text.lower() for c in table.rows[0].cells] if table.rows else []
    return any("proposed closed" in h for h in head) and any("audit" in h for h in head)


def _cell_text(row: Row, index: int | None) -> str:
    if index is None or index >= len(row.cells):
        return ""
    return row.cells[index].text.strip()


def read_proposed_closed(doc: Document) -> list[ProposedClosed]:
    """The cover's list of recommendations proposed closed: audit, priority, ref and title,
    note and page, each column placed by what its header says."""
    out: list[ProposedClosed] = []
    for table in doc.tables:
        if not _is_proposed_closed_table(table):
            continue
        cols = header_roles(table.rows[0], PROPOSED_CLOSED_ROLES)
        for k, role in enumerate(("audit", "priority", "ref", "note", "page")):
            cols.setdefault(role, k)  # a header that names nothing: the usual order
        audit = ""
        found: list[ProposedClosed] = []
        for row in table.rows[1:]:
            if len(row.cells) < 3:
                continue
            audit_text = _cell_text(row, cols["audit"])
            if audit_text and not is_ditto(audit_text):
                audit = audit_text
            ref_text = _cell_text(row, cols["ref"])
            ref, title = split_ref_title(ref_text) or (None, ref_text)
            printed = _cell_text(row, cols["priority"])
            note, page = _cell_text(row, cols["note"]), _cell_text(row, cols["page"])
            if not page and _PAGE.fullmatch(note):
                note, page = "", note  # a fourth column of page numbers is the page column
            item = ProposedClosed(
                audit, None if is_ditto(printed) else priority_word(printed), ref, title, note, page
            )
            item.source = provenance_of(row)
            found.append(item)
        for i, item in enumerate(found):
            if item.priority is None and i:
                item.priority = found[i - 1].priority  # a ditto priority
        out.extend(found)
    return out


# -- original / current target table -------------------------------------------------------


@dataclass
class TargetRow:
    """A row of the cover's `Table of Original Target Dates / Current Target Dates`."""

    audit_title: str
    ref: str | None
    title: str | None
    original: DateValue | None
    current: DateValue | None
    source: Provenance | None = None
    audit_date: DateValue | None = None  # from an audit-heading row (`FLEET – September 2018`)


TARGET_TABLE_ROLES = roles("target dates")
_HEADING_DATE = re.compile(r"^(?P<audit>.*?\S)\s*[–—-]\s*(?P<date>\S.*)$")


def _audit_heading_row(texts: list[str]) -> tuple[str, DateValue | None] | None:
    """A row that names an audit for the rows under it: one cell of text (merged across
    the table, or the others empty), `FLEET – September 2018`, with no reference in it."""
    filled = [t for t in texts if t]
    if len(filled) != 1 or split_ref_title(filled[0]):
        return None
    m = _HEADING_DATE.match(filled[0])
    if m:
        date = normalise_date(m.group("date"))
        if date.date is not None:
            return m.group("audit"), date
    return filled[0], None


def read_target_table(doc: Document) -> list[TargetRow]:
    """Each row of the cover's original/current target table, under the audit it names: in
    an Audit column, or in an audit-heading row above it (`FLEET – September 2018`, one cell
    merged across the table)."""
    out: list[TargetRow] = []
    for table in doc.tables:
        if not table.rows:
            continue
        cols = header_roles(table.rows[0], TARGET_TABLE_ROLES)
        if "original" not in cols or "current" not in cols:
            continue
        audit, audit_date = "", None
        for row in table.rows[1:]:
            texts = [" ".join(c.text.split()) for c in row.cells]
            heading = _audit_heading_row(texts) if "audit" not in cols else None
            if heading is not None:
                audit, audit_date = heading
                continue
            if len(texts) <= max(cols["original"], cols["current"]):
                continue
            audit_text = texts[cols["audit"]] if "audit" in cols else ""
            if audit_text and not is_ditto(audit_text):
                audit = audit_text
            ref, title = split_ref(texts[cols["ref"]] if "ref" in cols else "")
            original, current = texts[cols["original"]], texts[cols["current"]]
            out.append(
                TargetRow(
                    audit,
                    ref,
                    title,
                    normalise_date(original) if original else None,
                    normalise_date(current) if current else None,
                    provenance_of(row),
                    audit_date,
                )
            )
    return out
