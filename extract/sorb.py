"""The housekeeping list tracked outside the panel (by SORB), printed after the appendix.

Printed as a table `Audit | Assessment level | Recommendation | Progress monitored through`,
or (in a text conversion) as that table flattened into lines. The progress column decides the
status (`Closed at May SORB`), never the recommendation's own wording.
"""

from __future__ import annotations

import re

from jarap.extract import fields
from jarap.extract.assemble import complete_provenance
from jarap.extract.dates import DateValue, normalise_date
from jarap.extract.furniture import is_page_furniture, only_date, row_text
from jarap.extract.records import Recommendation, provenance_of
from jarap.extract.vocab import Status, priority_word, ref_and_title
from jarap.ingest.document import Block, Paragraph, Table

_CLOSED = re.compile(r"\bclosed\b", re.I)
# a line of the progress column (`SORB`, `Closed at May SORB`): never a line of the text that
# merely begins with "Closed" (`Closed files should be archived …`)
_PROGRESS = re.compile(r"^(?:SORB|.*\bclosed at\b.*|closed\b.*\bSORB\b.*)$", re.I)
_HEADER_WORDS = {
    "audit",
    "assessment",
    "level",
    "assessment level",
    "recommendation",
    "progress monitored",
    "through",
    "progress monitored through",
}


def is_sorb_intro(text: str) -> bool:
    """The sentence that introduces the list (`… monitored through SORB …`)."""
    return "through SORB" in text or "outside JARAP" in text


def is_sorb_header(texts: list[str]) -> bool:
    """The list's header row: `Audit | Assessment level | … | Progress monitored through`."""
    head = " ".join(" ".join(t.lower().split()) for t in texts)
    return "monitored through" in head or ("assessment level" in head and "audit" in head)


def _sorb_rec(
    audit: str, date: DateValue | None, found: tuple[str, str] | None, raw: str, level: str
) -> Recommendation:
    ref, title = found if found else (None, raw)
    return Recommendation(
        audit_title=" ".join(audit.split()),
        ref=ref,
        title=" ".join(title.split()),
        section="sorb",
        audit_date=date,
        priority=priority_word(level) or "Housekeeping",
        priority_source="column",
    )


def _from_table(table: Table) -> list[Recommendation]:
    out: list[Recommendation] = []
    for row in table.rows[1:]:
        if len(row.cells) < 3:
            continue
        rec_cell = row.cells[2]
        lines = [p.text.strip() for p in rec_cell.paragraphs if p.text.strip()]
        if not lines:
            continue
        audit_title, _assurance, audit_date = fields.split_assurance(row.cells[0].text)
        rec = _sorb_rec(
            audit_title, audit_date, ref_and_title(lines[0]), lines[0], row.cells[1].text
        )
        rec.text = " ".join(lines[1:])
        rec.source_text = row_text(row)
        rec.page_start, rec.page_end = row.page, row.page_end or row.page
        progress = row.cells[3] if len(row.cells) > 3 else None
        closed = progress is not None and _CLOSED.search(progress.text)
        rec.status = Status.CLOSED if closed else Status.OPEN
        where = provenance_of(row)
        rec.provenance = {
            "recommendation": where,
            "audit_title": provenance_of(row.cells[0]),
            "ref": provenance_of(rec_cell),
            "title": provenance_of(rec_cell),
            "text": provenance_of(rec_cell),
            "priority": provenance_of(row.cells[1]),
            "status": provenance_of(progress) if progress is not None else where,
        }
        out.append(rec)
    return out


def _from_lines(paras: list[Paragraph]) -> list[Recommendation]:
    """The table flattened into lines: audit name lines, `Housekeeping [ref title]`, the
    recommendation text, then `SORB` and/or `Closed at … SORB` for the progress column (the
    column's second line belongs to the recommendation its first line ended)."""
    out: list[Recommendation] = []
    audit_lines: list[str] = []
    rec: Recommendation | None = None
    ended: Recommendation | None = None  # the one a progress line just ended
    text: list[str] = []
    awaiting_title = False

    def close() -> None:
        assert rec is not None
        rec.text = " ".join(text)
        out.append(rec)

    for para in paras:
        t = " ".join(para.text.split())
        low = t.lower().strip(" :")
        if not t or is_page_furniture(t) or low in _HEADER_WORDS:
            continue
        if rec is None and not audit_lines and not out and t.endswith(":"):
            continue  # the rest of the introduction (`… are as` / `follows:`)
        m = re.search(r"\bHousekeeping\b", t)
        if m and (rec is None or not awaiting_title):
            if rec is not None:
                close()
            before, after = t[: m.start()].strip(), t[m.end() :].strip(" –-:")
            audit = " ".join([*audit_lines, before]).strip()
            audit_lines, text = [], []
            found = ref_and_title(after) if after else None
            rec = _sorb_rec(audit, None, found, after, "Housekeeping")
            rec.page_start = rec.page_end = para.page
            rec.provenance = {"recommendation": provenance_of(para)}  # the rest: completed
            awaiting_title = found is None
            continue
        if rec is not None and awaiting_title:
            if only_date(t):
                rec.audit_date = normalise_date(t)
                continue
            found = ref_and_title(t)
            if found:
                rec.ref, rec.title = found[0], " ".join(found[1].split())
                rec.provenance["ref"] = rec.provenance["title"] = provenance_of(para)
                awaiting_title = False
                continue
        if _PROGRESS.match(t) and len(t) < 60:
            target = rec if rec is not None else ended
            if target is not None:
                if _CLOSED.search(t):
                    target.status = Status.CLOSED
                target.provenance["status"] = provenance_of(para)
            if rec is not None:
                close()
                ended, rec, text = rec, None, []
            continue
        ended = None
        if rec is None:
            audit_lines.append(t)
        else:
            text.append(t)
    if rec is not None:
        close()
    return out


def read_sorb(blocks: list[Block]) -> list[Recommendation]:
    """The SORB list in the blocks after the appendix: from its table, else from its lines."""
    found = _read_sorb(blocks)
    for rec in found:
        complete_provenance(rec, rec.provenance["recommendation"])
    return found


def _read_sorb(blocks: list[Block]) -> list[Recommendation]:
    out: list[Recommendation] = []
    for block in blocks:
        if isinstance(block, Table) and block.rows and is_sorb_header(block.rows[0].texts):
            out.extend(_from_table(block))
    if out:
        return out
    paras = [b for b in blocks if isinstance(b, Paragraph)]
    begin = next((k for k, p in enumerate(paras) if is_sorb_intro(p.text)), None)
    if begin is None:
        return []
    return _from_lines(paras[begin + 1 :])
