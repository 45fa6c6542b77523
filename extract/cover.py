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

from jarap.extract.columns import Role, header_roles
from jarap.extract.dates import DateValue, normalise_date
from jarap.extract.records import Paper, ProposedClosed, Provenance, provenance_of
from jarap.extract.vocab import is_ditto, priority_word, split_ref_title
from jarap.ingest.document import Document, Row, Table

# -- metadata ------------------------------------------------------------------------------

_LABEL = re.compile(r"^(Subject|Date|Author)\b\s*:?\s*(\S.*)$")
_ORGANISATION = re.compile(r"PANEL|COMMISSIONER|COMMITTEE|POLICE")


def read_metadata(doc: Document, paper: Paper) -> None:
    """Subject, date and author from `Label: value` paragraphs or two-cell table rows, and the
    organisation from the capitalised letterhead."""
    labelled: dict[str, str] = {}
    for para in doc.paragraphs[:60]:
        text = " ".join(para.text.split())
        m = _LABEL.match(text)
        if m and m.group(1).lower() not in labelled:
            key, value = m.group(1).lower(), m.group(2).strip(" :")
            if key != "date" or normalise_date(value).date is not None:
                labelled[key] = value
        elif paper.organisation is None and len(text) > 20 and text.upper() == text:
            if _ORGANISATION.search(text):
                paper.organisation = text
    for table in doc.tables[:3]:
        for row in table.rows:
            if len(row.cells) >= 2:
                key = row.cells[0].text.strip().strip(":").lower()
                if key in ("subject", "date", "author") and key not in labelled:
                    labelled[key] = row.cells[1].text.strip()
    paper.title = labelled.get("subject")
    paper.author = labelled.get("author")
    if "date" in labelled:
        paper.paper_date = normalise_date(labelled["date"])


# -- declared counts -----------------------------------------------------------------------


def _count(text: str) -> int:
    text = text.strip()
    return int(text) if text.isdigit() else 0


def _last_number(values: list[str]) -> int:
    for v in reversed(values):
        if v.strip().isdigit():
            return int(v.strip())
    return 0


def read_declared_counts(doc: Document) -> dict | None:
    """The cover report's counts table: by priority (its Total column), by RAG, closed."""
    for table in doc.tables:
        if not table.rows or "priority" not in table.rows[0].cells[0].text.lower():
            continue
        by_priority: dict[str, int] = {}
        totals: list[int] | None = None
        for row in table.rows[1:]:
            label = row.cells[0].text.strip() if row.cells else ""
            values = [c.text for c in row.cells[1:]]
            if not values or not any(v.strip().isdigit() or v.strip() == "-" for v in values):
                continue
            numbers = [_count(v) for v in values]
            if label.lower().startswith("total"):
                totals = numbers
            elif label:
                by_priority[label] = _last_number(values)
        if not by_priority:
            continue
        counts: dict = {"by_priority": by_priority, "total": sum(by_priority.values())}
        if totals is not None:
            counts["total"] = _last_number([c.text for c in table.rows[-1].cells[1:]])
            if len(totals) >= 6:
                counts["by_rag"] = {"red": totals[0], "amber": totals[1], "green": totals[2]}
                counts["proposed_closed"] = totals[3] + totals[4]
        return counts
    return None


# -- proposed-closed table -----------------------------------------------------------------

PROPOSED_CLOSED_ROLES = (
    Role("audit", (r"^audit",)),
    Role("priority", (r"^risk", r"^priority", r"\(h/m/l\)")),
    Role("ref", (r"reference", r"^recommendation", r"^ref\b")),
    Role("page", (r"^page",)),
    Role("note", (r"proposed closed", r"comment", r"note", r"reason", r"status")),
)
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


TARGET_TABLE_ROLES = (
    Role("original", (r"original.*target", r"agreed.*date")),
    Role("current", (r"current.*target", r"revised.*date")),
    Role("audit", (r"^audit",)),
    Role("ref", (r"^ref\b", r"reference", r"recommendation")),
)
_REF_ONLY = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})?)\.?(?:\s+(.*))?$")


def read_target_table(doc: Document) -> list[TargetRow]:
    """Each row of the cover's original/current target table, under the audit it names."""
    out: list[TargetRow] = []
    for table in doc.tables:
        if not table.rows:
            continue
        cols = header_roles(table.rows[0], TARGET_TABLE_ROLES)
        if "original" not in cols or "current" not in cols:
            continue
        audit = ""
        for row in table.rows[1:]:
            texts = [" ".join(c.text.split()) for c in row.cells]
            if len(texts) <= max(cols["original"], cols["current"]):
                continue
            audit_text = texts[cols.get("audit", 0)]
            if audit_text and not is_ditto(audit_text):
                audit = audit_text
            ref_text = texts[cols["ref"]] if "ref" in cols else ""
            m = _REF_ONLY.match(ref_text)
            ref, title = (m.group(1), m.group(2)) if m else (None, ref_text or None)
            original, current = texts[cols["original"]], texts[cols["current"]]
            out.append(
                TargetRow(
                    audit,
                    ref,
                    title,
                    normalise_date(original) if original else None,
                    normalise_date(current) if current else None,
                    provenance_of(row),
                )
            )
    return out
