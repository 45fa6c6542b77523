"""The 2021 Appendix-A table layout: one table row per recommendation.

Columns `Audit Title | Risk | Threat to Delivering | Recommendation Reference | Business Owner
Update`. `“` in the Audit Title column means the audit of the row above. Priority is printed
in the text (`Significant Recommendation:`) or only as the Risk cell's colour, decoded through
the paper's own legend row (`RISK LEVEL | FUNDAMENTAL | SIGNIFICANT | Housekeeping`). After a
paragraph `END`, a second table lists the housekeeping recommendations tracked by SORB.

Converters break this table badly (cells spilled as plain lines, an audit heading pushed into a
row of its own, a whole row flattened into paragraphs), so the appendix is read as a stream of
rows and paragraphs: a row or paragraph that starts with a reference opens a recommendation and
everything up to the next one belongs to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jarap.extract import fields
from jarap.extract.dates import normalise_date
from jarap.extract.records import Paper, ProposedClosed, Recommendation
from jarap.ingest.document import Cell, Document, Paragraph, Row, Run, Table, continue_cell

NAME = "tracker-2021"

_REF_TITLE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})?)\.?\s+(\S.{1,150})$", re.S)
_DITTO = {"“", "”", '"', "''", "``", "〃", "-do-", "ditto"}
_END = re.compile(r"^\s*END\s*$")


def detect(doc: Document) -> bool:
    return _appendix_header(doc) is not None


@dataclass
class _Columns:
    audit: int = 0
    risk: int = 1
    ref: int = 3
    update: int = 4


@dataclass
class _Draft:
    """A recommendation while its row and spill-over are still being collected."""

    rec: Recommendation
    body: list[Paragraph] = field(default_factory=list)
    risk_cell: Cell | None = None
    row: Row | None = None
    previous: Recommendation | None = None


def _is_header_row(row: Row) -> bool:
    texts = [c.text.lower() for c in row.cells]
    return (
        any("audit title" in t for t in texts)
        and any("recommendation" in t and "ref" in t for t in texts)
        and any("threat" in t for t in texts)
    )


def _appendix_header(doc: Document) -> tuple[Table, int] | None:
    for table in doc.tables:
        for i, row in enumerate(table.rows):
            if _is_header_row(row):
                return table, i
    return None


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
        elif "update" in t or "action plan" in t or "business owner" in t:
            cols.update = i
    if cols.update <= cols.ref:
        cols.update = cols.ref + 1
    return cols


# -- the appendix as a stream ----------------------------------------------------------------


def _appendix_items(doc: Document) -> tuple[list[Row | Paragraph], _Columns, int]:
    """Rows and paragraphs from the appendix header to `END`, and the block index after it."""
    header = _appendix_header(doc)
    if header is None:
        return [], _Columns(), len(doc.blocks)
    header_table, header_index = header
    cols = _columns(header_table.rows[header_index])
    items: list[Row | Paragraph] = []
    started = False
    for bi, block in enumerate(doc.blocks):
        if block is header_table:
            started = True
            rows = block.rows[header_index + 1 :]
        elif not started:
            continue
        elif isinstance(block, Paragraph):
            if _END.match(block.text):
                return items, cols, bi + 1
            if _is_sorb_intro(block.text):
                return items, cols, bi
            items.append(block)
            continue
        else:
            if _is_sorb_header(block.rows[0]):
                return items, cols, bi
            rows = block.rows
        for row in rows:
            if _is_header_row(row):
                continue  # a header repeated on a later page
            ended = _cut_at_end(row)
            items.append(row)
            if ended:
                return items, cols, bi + 1
    return items, cols, len(doc.blocks)


def _cut_at_end(row: Row) -> bool:
    """Drop an `END` marker a converter left inside the last row; True when found."""
    for cell in row.cells:
        for k, para in enumerate(cell.paragraphs):
            if _END.match(para.text):
                cell.paragraphs = cell.paragraphs[:k]
                return True
    return False


def _is_sorb_intro(text: str) -> bool:
    return "through SORB" in text or "outside JARAP" in text


def _is_sorb_header(row: Row) -> bool:
    texts = " ".join(c.text.lower() for c in row.cells)
    return "monitored through" in texts or ("assessment level" in texts and "audit" in texts)


def _cell(row: Row, index: int) -> Cell | None:
    return row.cells[index] if 0 <= index < len(row.cells) else None


def _ref_title(para: Paragraph | None) -> tuple[str, str] | None:
    if para is None:
        return None
    m = _REF_TITLE.match(para.text.strip())
    if not m or len(m.group(2)) > 150:
        return None
    return m.group(1), " ".join(m.group(2).split())


def _audit_from_text(text: str, previous: Recommendation | None) -> tuple[str, str | None, object]:
    flat = " ".join(text.split())
    if not flat or flat in _DITTO:
        if previous is None:
            return "", None, None
        return previous.audit_title, previous.assurance, previous.audit_date
    return fields.split_assurance(flat)


def _is_audit_heading(items: list[Row | Paragraph], i: int) -> tuple[str, int] | None:
    """An audit heading spilled out as paragraphs: `WELLBEING` / `SATISFACTORY ASSURANCE` / date."""
    para = items[i]
    if not isinstance(para, Paragraph):
        return None
    text = para.text.strip()
    if not text or text.upper() != text or len(text) > 80 or not re.search(r"[A-Z]{3}", text):
        return None
    following = []
    for p in items[i + 1 : i + 3]:
        if not isinstance(p, Paragraph) or len(p.text) > 60 or _ref_title(p):
            break
        following.append(p.text.strip())
    if following and fields.ASSURANCE_RE.search(following[0]):
        if len(following) > 1 and not fields.find_dates(following[1]):
            following = following[:1]
        return " ".join([text, *following]), len(following)
    if fields.ASSURANCE_RE.search(text):
        return text, 0
    return None


def _stream_to_drafts(items: list[Row | Paragraph], cols: _Columns) -> list[_Draft]:
    drafts: list[_Draft] = []
    pending_audit: str | None = None
    opened = False  # the previous item opened the current recommendation
    consumed = 0  # paragraphs already read as part of an audit heading
    for i, item in enumerate(items):
        if consumed:
            consumed -= 1
            continue
        current = drafts[-1] if drafts else None
        was_opened, opened = opened, False
        if isinstance(item, Row):
            ref_cell = _cell(item, cols.ref)
            found = _ref_title(ref_cell.paragraphs[0]) if ref_cell and ref_cell.paragraphs else None
            if found:
                drafts.append(_row_draft(item, cols, found, current.rec if current else None))
                pending_audit = None
                opened = True
                continue
            if (
                current is not None
                and current.row is not None
                and was_opened
                and _continues(item, cols)
            ):
                for index, cell in enumerate(item.cells):
                    if index < len(current.row.cells):
                        continue_cell(current.row.cells[index], cell.paragraphs)
                ref_cell = current.row.cells[cols.ref]
                found = _ref_title(ref_cell.paragraphs[0])
                if found:
                    drafts[-1] = _row_draft(current.row, cols, found, current.previous)
                    drafts[-1].rec.page_end = item.page_end or item.page
                continue
            if current is not None:
                current.body.extend(_row_as_paragraphs(item))
            continue
        heading = _is_audit_heading(items, i)
        if heading:
            pending_audit, consumed = heading
            continue
        found = _ref_title(item) if pending_audit else None
        if found:
            rec = Recommendation(audit_title="", ref=found[0], title=found[1])
            _set_audit(rec, fields.split_assurance(pending_audit or ""))
            rec.page_start = rec.page_end = item.page
            drafts.append(_Draft(rec))
            pending_audit = None
            continue
        if current is not None and not (pending_audit and _is_heading_remainder(item)):
            current.body.append(item)
    return drafts


def _is_heading_remainder(para: Paragraph) -> bool:
    text = para.text.strip()
    return len(text) < 60 and ":" not in text


def _continues(row: Row, cols: _Columns) -> bool:
    """A row that is the rest of the row above, split by a page break before its first line
    ended (`ESTATES` / `MAINTENANCE`), or an audit heading pushed into a row of its own
    (`SATISFACTORY ASSURANCE May 2021`)."""
    title = _cell(row, cols.audit)
    first = title.paragraphs[0].text.strip() if title and title.paragraphs else ""
    capitals = first.upper() == first and re.search(r"[A-Z]", first)
    if first and not (capitals or fields.ASSURANCE_RE.search(first)):
        return False
    ref_cell = _cell(row, cols.ref)
    if ref_cell is not None and ref_cell.paragraphs and _ref_title(ref_cell.paragraphs[0]):
        return False
    return any(c.text for c in row.cells)


def _set_audit(rec: Recommendation, audit: tuple) -> None:
    rec.audit_title, rec.assurance, rec.audit_date = audit


def _row_as_paragraphs(row: Row) -> list[Paragraph]:
    texts = [c.text.replace("\n", " ") for c in row.cells if c.text]
    if not texts:
        return []
    return [Paragraph(runs=[Run(" | ".join(texts))], page=row.page)]


def _row_draft(
    row: Row, cols: _Columns, ref_title: tuple[str, str], previous: Recommendation | None
) -> _Draft:
    audit_cell = _cell(row, cols.audit)
    audit = _audit_from_text(audit_cell.text if audit_cell else "", previous)
    rec = Recommendation(audit_title="", ref=ref_title[0], title=ref_title[1])
    _set_audit(rec, audit)
    ref_cell = _cell(row, cols.ref)
    body = list(ref_cell.paragraphs[1:]) if ref_cell else []
    for cell in row.cells[cols.update :]:
        body.extend(cell.paragraphs)
    rec.page_start = row.page
    rec.page_end = row.page_end or row.page
    copy = Row(
        cells=[
            Cell([Paragraph(list(p.runs), p.page) for p in c.paragraphs], c.shading)
            for c in row.cells
        ],
        page=row.page,
        page_end=row.page_end,
    )
    return _Draft(rec, body, _cell(row, cols.risk), copy, previous)


# -- cover tables --------------------------------------------------------------------------


def _count(text: str) -> int:
    text = text.strip()
    return int(text) if text.isdigit() else 0


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


def _last_number(values: list[str]) -> int:
    for v in reversed(values):
        if v.strip().isdigit():
            return int(v.strip())
    return 0


def read_proposed_closed(doc: Document) -> list[ProposedClosed]:
    out: list[ProposedClosed] = []
    for table in doc.tables:
        head = [c.text.lower() for c in table.rows[0].cells] if table.rows else []
        if not any("proposed closed" in h for h in head) or not any("audit" in h for h in head):
            continue
        audit = ""
        for row in table.rows[1:]:
            texts = [c.text.strip() for c in row.cells]
            if len(texts) < 3:
                continue
            if texts[0] and texts[0] not in _DITTO:
                audit = texts[0]
            m = _REF_TITLE.match(texts[2])
            ref, title = (m.group(1), " ".join(m.group(2).split())) if m else (None, texts[2])
            priority = texts[1] if texts[1] not in _DITTO else None
            note = texts[3] if len(texts) > 3 else ""
            page_ref = texts[4] if len(texts) > 4 else ""
            out.append(ProposedClosed(audit, _priority_word(priority), ref, title, note, page_ref))
        for i, item in enumerate(out):
            if item.priority is None and i:
                item.priority = out[i - 1].priority
    return out


def _priority_word(text: str | None) -> str | None:
    if not text:
        return None
    letter = {"H": "High", "M": "Medium", "L": "Low"}
    t = text.strip()
    if t.upper() in letter:
        return letter[t.upper()]
    squeezed = "".join(t.lower().split())  # narrow PDF cells wrap words: "Housekeepin g"
    for word in fields.PRIORITY_WORDS:
        if word.lower() in squeezed:
            return word
    return None


def read_colour_legend(doc: Document) -> dict[str, str]:
    """Fill colour -> priority word, from the paper's own `RISK LEVEL` legend row."""
    legend: dict[str, str] = {}
    for table in doc.tables:
        for row in table.rows:
            if not row.cells or "risk level" not in row.cells[0].text.lower():
                continue
            for cell in row.cells[1:]:
                word = _priority_word(cell.text)
                if cell.shading and word:
                    legend[cell.shading.upper()] = word
    return legend


def read_metadata(doc: Document, paper: Paper) -> None:
    labelled: dict[str, str] = {}
    for para in doc.paragraphs[:60]:
        text = " ".join(para.text.split())
        m = re.match(r"^(Subject|Date|Author)\s*:?\s*(.+)$", text)
        if m and m.group(1).lower() not in labelled:
            labelled[m.group(1).lower()] = m.group(2).strip(" :")
        elif paper.organisation is None and len(text) > 20 and text.upper() == text:
            if re.search(r"PANEL|COMMISSIONER|COMMITTEE|POLICE", text):
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


# -- SORB list ------------------------------------------------------------------------------


def read_sorb(doc: Document, start: int) -> list[Recommendation]:
    out: list[Recommendation] = []
    for block in doc.blocks[start:]:
        if not isinstance(block, Table) or not block.rows or not _is_sorb_header(block.rows[0]):
            continue
        for row in block.rows[1:]:
            if len(row.cells) < 3:
                continue
            rec_cell = row.cells[2]
            found = _ref_title(rec_cell.paragraphs[0]) if rec_cell.paragraphs else None
            ref, title = (
                found
                if found
                else (None, rec_cell.paragraphs[0].text if rec_cell.paragraphs else "")
            )
            body = rec_cell.paragraphs[1:]
            rec = Recommendation(
                audit_title=row.cells[0].text.strip(),
                ref=ref,
                title=title,
                section="sorb",
                priority=_priority_word(row.cells[1].text),
                priority_source="column",
                text=" ".join(p.text for p in body).strip(),
                source_text=" | ".join(c.text for c in row.cells),
                page_start=row.page,
                page_end=row.page_end or row.page,
            )
            progress = row.cells[3].text if len(row.cells) > 3 else ""
            rec.status = "closed" if re.search(r"\bclosed\b", progress, re.I) else "open"
            out.append(rec)
    return out


# -- fields --------------------------------------------------------------------------------


def _finish(draft: _Draft, legend: dict[str, str], closed: list[ProposedClosed]) -> Recommendation:
    rec = draft.rec
    body = draft.body
    full = "\n".join(p.text for p in body)
    rec.source_text = full
    rec.text = fields.recommendation_text(body)
    printed = fields.priority_in_text(full)
    if printed:
        rec.priority, rec.priority_source = printed, "text"
    elif draft.risk_cell is not None and _priority_word(draft.risk_cell.text):
        rec.priority, rec.priority_source = _priority_word(draft.risk_cell.text), "column"
    elif draft.risk_cell is not None and draft.risk_cell.shading:
        colour = legend.get(draft.risk_cell.shading.upper())
        if colour:
            rec.priority, rec.priority_source = colour, "colour"
    if rec.priority is None:
        listed = next((c for c in closed if _same_item(rec, c) and c.priority), None)
        if listed is not None:
            rec.priority, rec.priority_source = listed.priority, "table"
    targets, current = fields.extract_targets(body)
    rec.targets, rec.current_target = targets, current
    rec.updates = fields.extract_updates(body)
    rec.owners, rec.former_owners = fields.extract_owners(body)
    rec.status = _status(full, rec, closed)
    pages = [p.page for p in body if p.page is not None]
    if pages:
        rec.page_start = min([rec.page_start or pages[0], *pages])
        rec.page_end = max([rec.page_end or pages[-1], *pages])
    return rec


def _status(text: str, rec: Recommendation, closed: list[ProposedClosed]) -> str:
    if re.search(r"PROPOSED\s+CLOSED|proposed\s+closed'?\??\s*[:\-–]?\s*Yes", text):
        return "proposed_closed"
    if any(_same_item(rec, item) for item in closed):
        return "proposed_closed"
    if re.search(r"\bnot\s+adopted\b", text, re.I):
        return "not_adopted"
    if re.search(r"\bsuperseded\b", text, re.I):
        return "superseded"
    return "open"


def _same_item(rec: Recommendation, item: ProposedClosed) -> bool:
    if item.ref and rec.ref and item.ref != rec.ref:
        return False
    a = re.sub(r"[^a-z0-9]+", " ", rec.title.lower()).split()
    b = re.sub(r"[^a-z0-9]+", " ", item.title.lower()).split()
    overlap = len(set(a) & set(b)) / max(1, len(set(a) | set(b)))
    audit_ok = not item.audit_title or item.audit_title.lower()[:6] in rec.audit_title.lower()
    return overlap >= 0.6 and audit_ok


def parse(doc: Document) -> Paper:
    paper = Paper(layout=NAME)
    read_metadata(doc, paper)
    paper.declared_counts = read_declared_counts(doc)
    paper.proposed_closed = read_proposed_closed(doc)
    legend = read_colour_legend(doc)
    items, cols, after = _appendix_items(doc)
    drafts = _stream_to_drafts(items, cols)
    paper.recommendations = [_finish(d, legend, paper.proposed_closed) for d in drafts]
    paper.recommendations += read_sorb(doc, after)
    for item in paper.proposed_closed:
        if not any(_same_item(r, item) for r in paper.recommendations):
            paper.warnings.append(
                f"proposed-closed table lists {item.audit_title} {item.ref} {item.title!r}, "
                "not found in the appendix"
            )
    for rec in paper.recommendations:
        if rec.section == "main" and not rec.audit_title:
            paper.warnings.append(f"recommendation {rec.ref} {rec.title!r} has no audit title")
    return paper
