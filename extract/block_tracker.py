"""The pipeline of block trackers: an appendix printed as running text, one block per audit.

Each audit opens with a heading `FLEET MANAGEMENT – SATISFACTORY ASSURANCE September 2018`
(sometimes wrapped over two or three lines), or with a table row under `Status | Internal
Audit Report | Audit Report Date` that gives the audit's own RAG, its title, its report number
in brackets and its date (`AMBER | SEIZED AND FOUND PROPERTY (3.14/15) | 11 September 2014`),
often followed by the audit report's own counts (`FUNDAMENTAL: 0 SIGNIFICANT: 4 HOUSEKEEPING:
1`, `HIGH: 0 MEDIUM: 1 LOW: 0`). Each recommendation then opens with its priority word,
optionally `Recommendation`, its reference and a title where one is printed: `Significant –
4.2 Title` (dash optional, reference sometimes after the title), `Medium Recommendation 1.1:`
(no title: the title is the first words of the text). Its text and labelled paragraphs (read
by `extract.labelled`) and dated updates follow. A line `PROPOSED CLOSED` or `COMPLETED` (or
`NOT ADOPTED`, `SUPERSEDED`) after a recommendation is its status; a recommendation without a
RAG of its own has its audit's.

Converted papers also carry noise this pipeline drops: page footers and captions
(`extract.furniture`), the RAG status printed sideways (one letter a line: `A`, `M`, `B`, `E`,
`R`), `4.1 Missing Firearm… Continued` headers repeating the recommendation on a new page.
After `END`, the housekeeping recommendations tracked by SORB are listed (`extract.sorb`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jarap.extract import fields
from jarap.extract.assemble import complete_provenance
from jarap.extract.audit_title import split_audit_title
from jarap.extract.cover import read_declared_counts, read_metadata
from jarap.extract.dates import DateValue, find_dates
from jarap.extract.furniture import is_page_furniture, only_date, page_range, table_as_paragraphs
from jarap.extract.headings import (
    AUDIT_COUNTS,
    COUNT_PAIRS,
    END,
    PRIORITY,
    audit_heading_at,
    is_upper_title,
)
from jarap.extract.labelled import labelled_sections, staged_owners, staged_targets
from jarap.extract.options import reads_options
from jarap.extract.records import Paper, Provenance, Recommendation, provenance_of
from jarap.extract.sorb import is_sorb_intro, read_sorb
from jarap.extract.status import status_in_text
from jarap.extract.update_dates import date_yearless_updates
from jarap.extract.vocab import (
    ASSURANCE_RE,
    RAG_WORD,
    Status,
    first_words,
    rag_colour,
    ref_and_title,
    status_word,
)
from jarap.ingest.document import Block, Document, Paragraph, Run, Table

if TYPE_CHECKING:
    from jarap.extract.layouts.spec import LayoutSpec

_REC_HEAD = re.compile(rf"^\s*{PRIORITY}\b\s*(?:[–—-]\s*)?(?P<rest>\S.*?)\s*$", re.I)

# `Recommendation 1.1:` after the priority word: the reference, then the text or a title
_LABELLED_REF = re.compile(
    r"^Recommendation\s+(?P<ref>\d{1,2}\.\d{1,2})\.?\s*(?::\s*(?P<text>.*)|(?P<title>[^:]*))$",
    re.I | re.S,
)
# a header row naming an audit table's columns (`Status | Internal Audit Report | Audit Report
# Date`), in one row or one cell a line
_AUDIT_TABLE_HEADER = re.compile(
    r"^(?:(?:RAG\s+)?Status|Internal\s+Audit(?:\s+Report)?|Audit\s+Report\s+Date)"
    r"(?:\s*\|?\s*(?:Internal\s+Audit(?:\s+Report)?|(?:Audit\s+)?(?:Report\s+)?Date))*$",
    re.I,
)
_ROW_RAG = re.compile(rf"^({RAG_WORD})\b\s*\|?\s*(?=\S)")
_REPORT_NUMBER = re.compile(r"\(([^()]*\d[^()]*)\)\s*$")
_CONTINUED = re.compile(r"\bcontinued\b\s*[.…]*\s*$|^\s*continued\b", re.I)


# -- detection -----------------------------------------------------------------------------


def _rec_head(text: str) -> tuple[str, str, str, str] | None:
    """`Significant – 4.2 Title` / `Significant  – Title 4.3` -> (priority, ref, title, "");
    `Medium Recommendation 1.1: text` -> (priority, ref, "", text): no title printed."""
    flat = " ".join(text.split())
    m = _REC_HEAD.match(flat)
    if not m:
        return None
    word = m.group(1)
    priority = word[0].upper() + word[1:].lower()
    labelled = _LABELLED_REF.match(m.group("rest"))
    if labelled:
        title = (labelled.group("title") or "").strip(" –—-")
        return priority, labelled.group("ref"), title, (labelled.group("text") or "").strip()
    if len(flat) > 160:
        return None
    rest = m.group("rest").strip(" –—-:")
    found = ref_and_title(rest)
    if not found or "." not in found[0]:
        return None  # the 2016-20 references are always section.item
    ref, title = found
    title = title.strip(" –—-:")
    if not title or not re.search(r"[A-Za-z]", title) or title.endswith((".", ";")):
        return None
    if re.search(r"\bRecommendation\s*:", title, re.I):
        return None
    return priority, ref, title, ""


# -- the paper as a stream of paragraphs -------------------------------------------------------


def _rag_word(text: str) -> str | None:
    """A sideways RAG label flattened onto one line: `A M B E R` (single letters)."""
    parts = text.split()
    if len(parts) >= 3 and all(len(p) == 1 and p.isalpha() and p.isupper() for p in parts):
        return rag_colour("".join(parts))
    return None


def _audit_row(paras: list[Paragraph], i: int) -> tuple[str, int, str | None, str | None] | None:
    """An audit printed as a table row with its own RAG at paras[i]: `AMBER | SEIZED AND FOUND
    PROPERTY (3.14/15) | 11 September 2014` (a text conversion prints the cells space-separated
    and may wrap the title onto the next lines). Returns the heading without RAG and report
    number, the paragraphs it used, the RAG and the report number."""
    first = " ".join(paras[i].text.split())
    m = _ROW_RAG.match(first)
    if not m or len(first) > 160:
        return None
    text, used = first[m.end() :], 1
    while not _ends_with_date(text) and i + used < len(paras) and used < 4:
        nxt = " ".join(paras[i + used].text.split())
        if len(nxt) > 80 or not (only_date(nxt) or is_upper_title(nxt.strip(" |"))):
            return None
        text, used = f"{text} {nxt}", used + 1
    found = find_dates(text)
    if not found or not _ends_with_date(text):
        return None
    # the cell's title carries its report number and may carry an opinion, a note or its
    # date (`FLEET MGMT (Limited Assurance) (3.14/15)`): the shared split takes them out
    parts = split_audit_title(text[: found[-1][0]].replace("|", " "))
    title, number = parts.title.strip(" –—-,"), parts.report_no
    other = _REPORT_NUMBER.search(title)  # a number in a form of its own: `(IA 14-07)`
    if other and number is None:
        title, number = title[: other.start()].strip(" –—-,"), other.group(1)
    if not is_upper_title(title) or ASSURANCE_RE.search(title):
        return None
    opinion = f" – {parts.assurance}" if parts.assurance else ""
    heading = f"{title}{opinion} {found[-1][2].raw}"
    return heading, used, rag_colour(m.group(1)), number


def _ends_with_date(text: str) -> bool:
    found = find_dates(text)
    return bool(found) and not re.search(r"[A-Za-z0-9]", text[found[-1][1] :])


@dataclass
class _Draft:
    rec: Recommendation
    body: list[Paragraph] = field(default_factory=list)
    status_at: int | None = None  # where in the body a status line was printed


@dataclass
class _Audit:
    heading: str
    title: str
    assurance: str | None
    date: DateValue | None
    counts: dict[str, int] | None = None
    source: Provenance | None = None
    rag: str | None = None  # printed for the audit as a whole, in its table row
    number: str | None = None  # the audit report's number, `3.14/15`


def _appendix(doc: Document) -> tuple[int, int]:
    """Block indexes: where the first audit heading is (a paragraph, or a table row giving an
    audit with its RAG), and where `END` (or the SORB list) is."""
    flat: list[tuple[int, Paragraph, bool]] = []  # block index, paragraph, read from a table
    for bi, block in enumerate(doc.blocks):
        if isinstance(block, Table):
            flat.extend((bi, p, True) for p in table_as_paragraphs(block))
        else:
            flat.append((bi, block, False))
    plain = [p for _bi, p, _t in flat]
    start = len(doc.blocks)
    for k, (bi, _para, in_table) in enumerate(flat):
        found = _audit_row(plain, k) or (None if in_table else audit_heading_at(plain, k))
        if found and any(
            AUDIT_COUNTS.search(q.text) or _rec_head(q.text) for q in plain[k + 1 : k + 8]
        ):
            start = bi
            break
    end = len(doc.blocks)
    for bi in range(start, len(doc.blocks)):
        block = doc.blocks[bi]
        if isinstance(block, Paragraph) and (END.match(block.text) or is_sorb_intro(block.text)):
            end = bi
            break
    return start, end


def _stream(doc: Document, start: int, end: int) -> list[Paragraph]:
    out: list[Paragraph] = []
    for block in doc.blocks[start:end]:
        if isinstance(block, Table):
            out.extend(table_as_paragraphs(block))
        else:
            out.append(block)
    return out


def _read_appendix(paras: list[Paragraph], status_lines: str) -> tuple[list[_Draft], list[_Audit]]:
    drafts: list[_Draft] = []
    audits: list[_Audit] = []
    audit: _Audit | None = None
    letters: list[str] = []
    pending_rag: str | None = None
    skip = 0
    paras = [p for p in paras if not is_page_furniture(p.text)]  # footers may split a heading
    for i, para in enumerate(paras):
        if skip:
            skip -= 1
            continue
        text = para.text.strip()
        current = drafts[-1] if drafts else None
        # sideways RAG letters, one a line
        if len(text) == 1 and text.isalpha() and text.isupper():
            letters.append(text)
            word = "".join(letters)
            colour = rag_colour(word)
            if colour is not None:
                pending_rag = _assign_rag(paras, i, colour, current, pending_rag)
                letters = []
            continue
        letters = []
        rag = _rag_word(text) or (rag_colour(text) if text.isupper() and text.isalpha() else None)
        if rag:
            pending_rag = _assign_rag(paras, i, rag, current, pending_rag)
            continue
        if is_page_furniture(text):
            continue
        if current is not None and _CONTINUED.search(text) and len(text) < 160:
            if re.search(r"\d\.\d", text) or current.rec.title.lower()[:12] in text.lower():
                continue
        if _AUDIT_TABLE_HEADER.match(text):
            continue
        row = _audit_row(paras, i)
        heading = row[:2] if row else audit_heading_at(paras, i)
        if heading:
            title, assurance, date = fields.split_assurance(heading[0])
            audit = _Audit(
                heading[0], title, assurance, date, source=provenance_of(para, heading[0])
            )
            if row:
                audit.rag, audit.number = row[2], row[3]
                audit.source = provenance_of(para, " ".join(p.text for p in paras[i : i + row[1]]))
            audits.append(audit)
            skip = heading[1] - 1
            continue
        counts = AUDIT_COUNTS.search(text)
        if counts and len(text) < 120:
            if audit is not None:
                audit.counts = {
                    word[0].upper() + word[1:].lower(): int(n)
                    for word, n in COUNT_PAIRS.findall(counts.group(0))
                }
            continue
        head = _rec_head(text)
        if head and audit is not None:
            priority, ref, title, inline = head
            rec = Recommendation(
                audit_title=audit.title,
                ref=ref,
                title=" ".join(title.split()),
                assurance=audit.assurance,
                audit_date=audit.date,
                priority=priority,
                priority_source="text",
                rag=pending_rag or audit.rag,
                page_start=para.page,
                page_end=para.page,
            )
            pending_rag = None
            where = provenance_of(para)
            rec.provenance = {
                "recommendation": where,
                "ref": where,
                "title": where,
                "priority": where,
            }
            if audit.source is not None:
                rec.provenance["audit_title"] = audit.source
            drafts.append(_Draft(rec))
            if inline:  # the text begins on the heading's own line
                drafts[-1].body.append(
                    Paragraph(runs=[Run(inline)], page=para.page, locator=para.locator)
                )
            continue
        if current is None:
            continue
        marker = status_word(text, status_lines)
        if marker is not None:
            current.rec.status = marker
            current.rec.provenance["status"] = provenance_of(para)
            current.status_at = len(current.body)
        else:
            current.body.append(para)
    return drafts, audits


def _assign_rag(
    paras: list[Paragraph], i: int, rag: str, current: _Draft | None, pending: str | None
) -> str | None:
    """A RAG label belongs to the recommendation that follows it when a heading comes next,
    else to the one it is printed beside."""
    for nxt in paras[i + 1 : i + 12]:
        t = nxt.text.strip()
        if not t or (len(t) == 1 and t.isalpha()) or is_page_furniture(t):
            continue
        if _rec_head(t) or AUDIT_COUNTS.search(t) or is_upper_title(t):
            return rag
        break
    if current is not None and current.rec.rag is None:
        current.rec.rag = rag
        return pending
    return pending


def _status_in_body(draft: _Draft) -> None:
    """The last status signal in reading order wins: a status line (`PROPOSED CLOSED`) unless
    the text after it says otherwise; without one, what the text says (`proposed closed?
    No`, `superseded` in an update), through the shared status step."""
    after = draft.body[draft.status_at :] if draft.status_at is not None else draft.body
    signal = status_in_text("\n".join(p.text for p in after))
    if not signal.explicit:
        return
    draft.rec.status = signal.status
    offset = 0
    for para in after:
        if offset <= signal.start < offset + len(para.text) + 1:
            draft.rec.provenance["status"] = provenance_of(para, para.text)
            break
        offset += len(para.text) + 1


def _finish(draft: _Draft) -> Recommendation:
    rec = draft.rec
    body = draft.body
    _status_in_body(draft)
    sections = labelled_sections(body)
    rec.text = " ".join(" ".join(p.text.split()) for p in sections["text"]).strip()
    rec.source_text = "\n".join(p.text for p in body)
    rec.targets, rec.current_target = staged_targets(sections)
    rec.owners, rec.former_owners, owner_sources = staged_owners(sections)
    for name, para in owner_sources.items():
        rec.provenance[f"owners/{name}"] = provenance_of(para)
    rec.updates = fields.extract_updates(sections["rest"])
    if sections["text"]:
        rec.provenance["text"] = provenance_of(sections["text"][0], rec.text)
    if not rec.title:  # no title printed: named by the first words of its text
        rec.title = first_words(rec.text)
        if sections["text"]:
            rec.provenance["title"] = provenance_of(sections["text"][0], rec.title)
    rec.page_start, rec.page_end = page_range(rec.page_start, rec.page_end, body)
    complete_provenance(rec, rec.provenance["recommendation"])
    return rec


# -- cover report --------------------------------------------------------------------------


def _declared_counts(cover: list[Block], audits: list[_Audit]) -> dict | None:
    """The cover's counts (the shared step) and the counts line of each audit block."""
    counts = read_declared_counts(cover)
    by_audit: dict[str, dict[str, int]] = {}
    titles = [a.title for a in audits if a.counts is not None]
    for audit in audits:
        if audit.counts is None:
            continue
        key = audit.title
        if titles.count(key) > 1:  # an area and its re-audit: each keyed by its own date
            key = f"{audit.title} ({audit.date.raw if audit.date else '?'})"
        by_audit[key] = audit.counts
    if by_audit:
        counts = counts or {"by_priority": {}, "total": None, "proposed_closed": None}
        counts["by_audit"] = by_audit
    return counts


# -- the paper ------------------------------------------------------------------------------


@reads_options("yearless_update_dates", "status_lines")
def parse(doc: Document, spec: LayoutSpec) -> Paper:
    """Read a block tracker with the given spec."""
    paper = Paper(layout=spec.name, kind=spec.kind)
    start, end = _appendix(doc)
    drafts, audits = _read_appendix(_stream(doc, start, end), spec.options.status_lines)
    read_metadata(doc.blocks[:start], paper)
    paper.declared_counts = _declared_counts(doc.blocks[:start], audits)
    paper.recommendations = [_finish(d) for d in drafts]
    if spec.options.yearless_update_dates:
        for rec in paper.recommendations:
            date_yearless_updates(rec, paper)
    paper.recommendations += read_sorb(doc.blocks[end:])
    if paper.paper_date is None:
        dated = [
            (u.date.date, u)
            for r in paper.recommendations
            for u in r.updates
            if u.date and u.date.date
        ]
        if dated:
            latest = max(dated, key=lambda pair: pair[0])[1]
            paper.paper_date = latest.date
            paper.warnings.append(
                f"paper date not printed; taken from the latest update heading {latest.heading!r}"
            )
    for rec in paper.recommendations:
        if rec.section == "main" and not rec.owners and rec.status == Status.OPEN:
            paper.warnings.append(f"{rec.audit_title} {rec.ref} {rec.title!r}: no owner found")
    return paper
