"""The 2016–20 per-audit block layout: Appendix A as running text, one block per audit.

Each audit opens with a heading `FLEET MANAGEMENT – SATISFACTORY ASSURANCE September 2018`
(sometimes wrapped over two or three lines), usually followed by the audit report's own counts
`FUNDAMENTAL: 0 SIGNIFICANT: 4 HOUSEKEEPING: 1`. Each recommendation then opens with its
priority and reference, `Significant – 4.2 Title` (dash optional, reference sometimes after the
title), followed by the recommendation text and labelled paragraphs: `Implementation Target
Date:` (a revision chain, `(1) … (2) …` stages, or `See below` with per-strand or per-stage
dates), `Person Responsible:`, `Initial Management Response:` and dated `Update Month Year:`
entries. A line `PROPOSED CLOSED` after a recommendation proposes it closed.

A Word paper exported to PDF and converted back to text also carries noise the parser drops:
page footers `4 | P a g e`, the RAG status printed sideways (one letter a line: `A`, `M`, `B`,
`E`, `R`), `4.1 Missing Firearm… Continued` headers repeating the recommendation on a new page,
and captions of embedded attachments (`Report-` / `November 2019.docx`). After `END`, the
housekeeping recommendations tracked by SORB are listed (a table, or its text flattened).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jarap.extract import fields
from jarap.extract.dates import DateValue, find_dates, normalise_date
from jarap.extract.layouts.spec import Cue, LayoutSpec
from jarap.extract.owners import find_owners
from jarap.extract.records import Paper, Recommendation, Target
from jarap.ingest.document import Document, Paragraph, Run, Table

NAME = "tracker-2020"

_PRIORITY = r"(Fundamental|Significant|Housekeeping|High|Medium|Low)"
_REC_HEAD = re.compile(rf"^\s*{_PRIORITY}\b\s*(?:[–—-]\s*)?(?P<rest>\S.*?)\s*$", re.I)
_REF_FIRST = re.compile(r"^(\d{1,2}\.\d{1,2})\.?\s+(\S.*)$")
_REF_LAST = re.compile(r"^(\S.*?)\s+(\d{1,2}\.\d{1,2})\.?$")
_AUDIT_COUNTS = re.compile(
    r"\bFUNDAMENTAL\s*:?\s*(\d+)\s*,?\s+SIGNIFICANT\s*:?\s*(\d+)\s*,?\s+HOUSEKEEPING\s*:?\s*(\d+)"
)
_FOOTER = re.compile(r"^\s*(?:\d+\s*\|\s*)?P\s?a\s?g\s?e(?:\s*\|\s*\d+)?\s*$")
_CONTINUED = re.compile(r"\bcontinued\b\s*[.…]*\s*$|^\s*continued\b", re.I)
_CAPTION = re.compile(r"\.(?:docx?|xlsx?|pdf|msg|pptx?|csv)\s*$", re.I)
_URL = re.compile(r"^\s*(?:https?://|mailto:)\S+\s*$")
_PROPOSED_CLOSED = re.compile(r"^\s*PROPOSED\s+CLOSED\s*[.!]?\s*$")
_NOT_ADOPTED = re.compile(r"^\s*NOT\s+ADOPTED\s*[.!]?\s*$")
_SUPERSEDED = re.compile(r"^\s*SUPERSEDED\s*[.!]?\s*$")
_END = re.compile(r"^\s*END\s*$")
_RAG_WORDS = {"RED": "red", "AMBER": "amber", "GREEN": "green", "GREY": "grey", "GRAY": "grey"}
_TARGET_LABEL = re.compile(
    r"^\s*(?:Person\s+Responsible\s+and\s+)?(?:Implementation\s+|Revised\s+)?Target\s+Dates?\s*"
    r"(?:and\s+Person\s+Responsible\s*)?[:\-–]",
    re.I,
)
_OWNER_LABEL = re.compile(r"^\s*(?:Person|Officer)\s+Responsible\s*[:\-–]", re.I)
_RESPONSE_LABEL = re.compile(r"^\s*(?:Initial\s+)?Management\s+Response\b", re.I)
_SEE_BELOW = re.compile(r"^\s*see\s+below\b", re.I)
_STAGE = re.compile(r"\((\d{1,2})\)")
_OWNER_SPLIT = re.compile(
    r"\s+(?i:and|working\s+with|supported\s+by|with|&)\s+|\s*[,;]\s*|\s+\+\s+"
    r"|(?<=[a-z])\s*/\s*(?=[A-Z][a-z])"
)
_INITIAL_NAME = re.compile(r"^([A-Z]\.?\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "no one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_COUNT_ROW = re.compile(
    rf"^\s*(?P<label>{_PRIORITY[1:-1]}|Total)\s+(?P<values>(?:(?:\d+|-)\s+)*(?:\d+|-))\s*$", re.I
)


# -- detection -----------------------------------------------------------------------------


def _rec_head(text: str) -> tuple[str, str, str] | None:
    """`Significant – 4.2 Title` / `Significant  – Title 4.3` -> (priority, ref, title)."""
    flat = " ".join(text.split())
    if len(flat) > 160:
        return None
    m = _REC_HEAD.match(flat)
    if not m:
        return None
    rest = m.group("rest").strip(" –—-:")
    found = _REF_FIRST.match(rest)
    if found:
        ref, title = found.group(1), found.group(2)
    else:
        found = _REF_LAST.match(rest)
        if not found:
            return None
        title, ref = found.group(1), found.group(2)
    title = title.strip(" –—-:")
    if not title or not re.search(r"[A-Za-z]", title) or title.endswith((".", ";")):
        return None
    if re.search(r"\bRecommendation\s*:", title, re.I):
        return None
    word = m.group(1)
    return word[0].upper() + word[1:].lower(), ref, title


# -- the paper as a stream of paragraphs -------------------------------------------------------


def _table_lines(table: Table) -> list[Paragraph]:
    out = []
    for row in table.rows:
        texts = [" ".join(c.text.split()) for c in row.cells if c.text.strip()]
        if texts:
            out.append(Paragraph(runs=[Run(" | ".join(texts))], page=row.page))
    return out


def _is_noise(text: str) -> bool:
    t = text.strip()
    if not t or _FOOTER.match(t) or _URL.match(t):
        return True
    return bool(_CAPTION.search(t)) and len(t) < 80


def _rag_word(text: str) -> str | None:
    """A sideways RAG label flattened onto one line: `A M B E R` (single letters)."""
    parts = text.split()
    if len(parts) >= 3 and all(len(p) == 1 and p.isalpha() and p.isupper() for p in parts):
        return _RAG_WORDS.get("".join(parts))
    return None


def _is_upper_title(text: str) -> bool:
    t = text.strip()
    return (
        bool(t)
        and len(t) <= 90
        and t.upper() == t
        and len(re.findall(r"[A-Z]", t)) >= 3
        and not _AUDIT_COUNTS.search(t)
        and not _PROPOSED_CLOSED.match(t)
        and not _END.match(t)
    )


def _audit_heading(paras: list[Paragraph], i: int) -> tuple[str, int] | None:
    """An audit heading at paras[i] (possibly over up to three lines): its text and length."""
    text = " ".join(paras[i].text.split())
    if not _is_upper_title(text.split("–")[0].split(" - ")[0]) and not fields.ASSURANCE_RE.match(
        text
    ):
        return None
    m = fields.ASSURANCE_RE.search(text)
    if m:
        before = text[: m.start()].strip(" –—-,")
        if not before or not _is_upper_title(before) or len(text) > 140:
            return None
        used = 1
        if not find_dates(text[m.end() :]) and i + 1 < len(paras):
            nxt = paras[i + 1].text.strip()
            if len(nxt) < 30 and _only_date(nxt):
                text, used = f"{text} {nxt}", 2
        return text, used
    if not _is_upper_title(text) or i + 1 >= len(paras):
        return None
    nxt = " ".join(paras[i + 1].text.split())
    m = fields.ASSURANCE_RE.match(nxt)
    if not m:
        return None
    text, used = f"{text} {nxt}", 2
    if not find_dates(nxt[m.end() :]) and i + 2 < len(paras):
        third = paras[i + 2].text.strip()
        if len(third) < 30 and _only_date(third):
            text, used = f"{text} {third}", 3
    return text, used


def _only_date(text: str) -> bool:
    found = find_dates(text)
    if not found:
        return False
    rest = text[: found[0][0]] + text[found[-1][1] :]
    return not re.search(r"[A-Za-z0-9]", rest)


@dataclass
class _Draft:
    rec: Recommendation
    body: list[Paragraph] = field(default_factory=list)


@dataclass
class _Audit:
    heading: str
    title: str
    assurance: str | None
    date: DateValue | None
    counts: dict[str, int] | None = None


def _appendix(doc: Document) -> tuple[int, int]:
    """Block indexes: where the first audit heading is, and where `END` (or the SORB list) is."""
    paras = [b if isinstance(b, Paragraph) else None for b in doc.blocks]
    start = len(doc.blocks)
    plain = [p for p in paras if p is not None]
    index = {id(p): k for k, p in enumerate(plain)}
    for bi, para in enumerate(paras):
        if para is None:
            continue
        k = index[id(para)]
        if _audit_heading(plain, k) and any(
            _AUDIT_COUNTS.search(q.text) or _rec_head(q.text) for q in plain[k + 1 : k + 8]
        ):
            start = bi
            break
    end = len(doc.blocks)
    for bi in range(start, len(doc.blocks)):
        block = doc.blocks[bi]
        if isinstance(block, Paragraph) and (_END.match(block.text) or _is_sorb_intro(block.text)):
            end = bi
            break
    return start, end


def _is_sorb_intro(text: str) -> bool:
    return "through SORB" in text or "outside JARAP" in text


def _stream(doc: Document, start: int, end: int) -> list[Paragraph]:
    out: list[Paragraph] = []
    for block in doc.blocks[start:end]:
        if isinstance(block, Table):
            out.extend(_table_lines(block))
        else:
            out.append(block)
    return out


def _read_appendix(paras: list[Paragraph]) -> tuple[list[_Draft], list[_Audit]]:
    drafts: list[_Draft] = []
    audits: list[_Audit] = []
    audit: _Audit | None = None
    letters: list[str] = []
    pending_rag: str | None = None
    skip = 0
    paras = [p for p in paras if not _is_noise(p.text)]  # footers may split a heading
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
            if word in _RAG_WORDS:
                pending_rag = _assign_rag(paras, i, _RAG_WORDS[word], current, pending_rag)
                letters = []
            continue
        letters = []
        rag = _rag_word(text) or (_RAG_WORDS.get(text) if text.isupper() else None)
        if rag:
            pending_rag = _assign_rag(paras, i, rag, current, pending_rag)
            continue
        if _is_noise(text):
            continue
        if current is not None and _CONTINUED.search(text) and len(text) < 160:
            if re.search(r"\d\.\d", text) or current.rec.title.lower()[:12] in text.lower():
                continue
        heading = _audit_heading(paras, i)
        if heading:
            title, assurance, date = fields.split_assurance(heading[0])
            audit = _Audit(heading[0], title, assurance, date)
            audits.append(audit)
            skip = heading[1] - 1
            continue
        counts = _AUDIT_COUNTS.search(text)
        if counts and len(text) < 120:
            if audit is not None:
                audit.counts = {
                    "Fundamental": int(counts.group(1)),
                    "Significant": int(counts.group(2)),
                    "Housekeeping": int(counts.group(3)),
                }
            continue
        head = _rec_head(text)
        if head and audit is not None:
            priority, ref, title = head
            rec = Recommendation(
                audit_title=audit.title,
                ref=ref,
                title=" ".join(title.split()),
                assurance=audit.assurance,
                audit_date=audit.date,
                priority=priority,
                priority_source="text",
                rag=pending_rag,
                page_start=para.page,
                page_end=para.page,
            )
            pending_rag = None
            drafts.append(_Draft(rec))
            continue
        if current is None:
            continue
        if _PROPOSED_CLOSED.match(text):
            current.rec.status = "proposed_closed"
        elif _NOT_ADOPTED.match(text):
            current.rec.status = "not_adopted"
        elif _SUPERSEDED.match(text):
            current.rec.status = "superseded"
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
        if not t or (len(t) == 1 and t.isalpha()) or _is_noise(t):
            continue
        if _rec_head(t) or _AUDIT_COUNTS.search(t) or _is_upper_title(t):
            return rag
        break
    if current is not None and current.rec.rag is None:
        current.rec.rag = rag
        return pending
    return pending


# -- one recommendation's fields ---------------------------------------------------------------


def _join(paras: list[Paragraph]) -> Paragraph:
    runs: list[Run] = []
    for k, p in enumerate(paras):
        if k:
            runs.append(Run(" "))
        runs.extend(Run(r.text, r.bold, r.underline, r.strike) for r in p.runs)
    return Paragraph(runs=runs, page=paras[0].page if paras else None)


def _slice(para: Paragraph, start: int, end: int) -> list[Run]:
    """The runs of para.text[start:end], formatting kept."""
    out: list[Run] = []
    pos = 0
    for r in para.runs:
        a, b = max(start, pos), min(end, pos + len(r.text))
        if a < b:
            out.append(Run(r.text[a - pos : b - pos], r.bold, r.underline, r.strike))
        pos += len(r.text)
    return out


def _sections(body: list[Paragraph]) -> dict[str, list[Paragraph]]:
    """Split a recommendation's body at its labels: text, target, owner, combined, rest."""
    out: dict[str, list[Paragraph]] = {"text": [], "target": [], "owner": [], "rest": []}
    state = "text"
    for para in body:
        t = para.text
        if state in ("text", "target", "owner", "combined"):
            if _TARGET_LABEL.match(t):
                state = (
                    "combined"
                    if re.match(r"^\s*Person\s+Responsible", t, re.I)
                    or re.search(r"and\s+Person\s+Responsible", t[:80], re.I)
                    else "target"
                )
                out.setdefault(state, []).append(para)
                continue
            if _OWNER_LABEL.match(t):
                state = "owner"
                out["owner"].append(para)
                continue
            if _RESPONSE_LABEL.match(t) or fields.update_heading(t.strip()):
                state = "rest"
        out.setdefault(state, []).append(para)
    return out


def _label_split(para: Paragraph) -> tuple[Paragraph, str]:
    """The paragraph after its label (`Implementation Target Date:`), runs kept."""
    text = para.text
    colon = re.search(r"[:\-–]", text)
    start = colon.end() if colon else 0
    rest = Paragraph(runs=_slice(para, start, len(text)), page=para.page)
    return rest, rest.text


def _stages(para: Paragraph) -> list[Paragraph]:
    """`(1) … (2) …` stages of one paragraph, or the whole paragraph."""
    text = para.text
    marks = list(_STAGE.finditer(text))
    if len(marks) < 2:
        return [para]
    out = []
    for k, m in enumerate(marks):
        stop = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        out.append(Paragraph(runs=_slice(para, m.end(), stop), page=para.page))
    return out


def _stage_targets(stage: Paragraph) -> tuple[list[Target], DateValue | None]:
    labelled = Paragraph(runs=[Run("Target Date: "), *stage.runs], page=stage.page)
    return fields.extract_targets([labelled])


def _targets(sections: dict[str, list[Paragraph]]) -> tuple[list[Target], DateValue | None]:
    stages: list[Paragraph] = []
    target_paras = sections.get("target") or []
    combined = sections.get("combined") or []
    if target_paras:
        value, text = _label_split(_join(target_paras))
        if text.strip() and not _SEE_BELOW.match(text):
            stages = _stages(value)
        elif sections.get("owner"):
            owner_value, _ = _label_split(_join(sections["owner"]))
            stages = [s for s in _stages(owner_value) if find_dates(s.text)]
    if combined:
        value, text = _label_split(combined[0])
        if text.strip() and not _SEE_BELOW.match(text):
            stages.append(value)
        stages.extend(p for p in combined[1:] if find_dates(p.text))
    targets: list[Target] = []
    currents: list[DateValue] = []
    for stage in stages:
        found, current = _stage_targets(stage)
        targets.extend(found)
        if current is not None:
            currents.append(current)
    if not currents:
        return targets, None
    if len(stages) == 1:
        return targets, currents[0]
    dated = [c for c in currents if c.date is not None]
    return targets, (max(dated, key=lambda c: c.date) if dated else currents[-1])


def _owner_pieces(text: str) -> list[str]:
    text = re.sub(r"\((?!\d{1,2}\))[^()]{0,60}\)", " ", text)
    pieces: list[str] = []
    for segment in _STAGE.split(text):
        if segment.isdigit():
            continue
        found = find_dates(segment)
        if found:  # `End of October 2019 - Name` or `Strand Name End March 2018 …`
            first, last = found[0], found[-1]
            before, after = segment[: first[0]], segment[last[1] :]
            if re.search(r"[A-Z][a-z]+\s+[A-Z]", before):
                segment = before
            else:
                segment = after.strip(" -–—:")
        pieces.extend(p for p in _OWNER_SPLIT.split(segment) if p and p.strip())
    return pieces


def _names_in(piece: str) -> list[str]:
    piece = " ".join(piece.split()).strip(" .:-–—")
    if not piece:
        return []
    head = re.split(r"\s+[–—-]\s+", piece)[0]
    words = head.split()
    if len(words) == 4 and all(re.match(r"^[A-Z][a-z'\-]+$", w) for w in words):
        # two untitled names side by side (one was struck through in Word)
        pairs = [find_owners("Person Responsible: " + " ".join(p)) for p in (words[:2], words[2:])]
        if all(pairs) and not find_owners("Person Responsible: " + head):
            return [n for found in pairs for n in found]
    for k in range(0, max(1, len(words) - 1)):
        found = find_owners("Person Responsible: " + " ".join(words[k:]) + piece[len(head) :])
        if found:
            return found
        if k >= 2:
            break
    initial = _INITIAL_NAME.match(head)  # `K Eaton SHRBP`
    return [initial.group(1)] if initial else []


def _owners(sections: dict[str, list[Paragraph]]) -> tuple[list[str], list[str]]:
    owner_paras = list(sections.get("owner") or [])
    combined = sections.get("combined") or []
    texts: list[str] = []
    struck: list[str] = []
    for k, para in enumerate(owner_paras + combined):
        struck.extend(para.struck_text)
        text = para.plain_text
        if k == 0 or _OWNER_LABEL.match(text) or _TARGET_LABEL.match(text):
            colon = re.search(r":", text)
            text = text[colon.end() :] if colon else text
        if _SEE_BELOW.match(text.strip()) or not text.strip():
            continue
        if para in combined or not texts:
            texts.append(text)  # a strand line of its own
        else:
            texts[-1] += " " + text  # the owner paragraph wrapped
    current: list[str] = []
    for piece in [p for t in texts for p in _owner_pieces(t)]:
        for name in _names_in(piece):
            if name not in current:
                current.append(name)
    former = []
    for text in struck:
        for name in find_owners("Person Responsible: " + text):
            if name not in current and name not in former:
                former.append(name)
    return current, former


def _finish(draft: _Draft) -> Recommendation:
    rec = draft.rec
    body = draft.body
    sections = _sections(body)
    rec.text = " ".join(" ".join(p.text.split()) for p in sections["text"]).strip()
    rec.source_text = "\n".join(p.text for p in body)
    rec.targets, rec.current_target = _targets(sections)
    rec.owners, rec.former_owners = _owners(sections)
    rec.updates = fields.extract_updates(sections["rest"])
    pages = [p.page for p in body if p.page is not None]
    if pages:
        rec.page_start = min([rec.page_start or pages[0], *pages])
        rec.page_end = max([rec.page_end or pages[-1], *pages])
    return rec


# -- cover report --------------------------------------------------------------------------


def _number(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return _NUMBER_WORDS.get(w)


def read_declared_counts(cover: list[Paragraph], audits: list[_Audit]) -> dict | None:
    """The cover's counts table (`Fundamental - 2 - - 2` … `Total 0 15 4 0 19`), its
    proposed-closed sentence, and the counts line of each audit block."""
    by_priority: dict[str, int] = {}
    totals: list[int] | None = None
    rag_columns: list[str] = []
    proposed: int | None = None
    for para in cover:
        text = " ".join(para.text.replace("|", " ").split())
        if not rag_columns and re.search(r"\bRED\b.*\bAMBER\b.*\bGREEN\b", text):
            rag_columns = re.findall(r"\b(RED|AMBER|GREEN|GREY)\b", text)
        m = _COUNT_ROW.match(text)
        if m:
            values = m.group("values").split()
            numbers = [int(v) if v.isdigit() else 0 for v in values]
            label = m.group("label")
            if label.lower() == "total":
                totals = numbers
            else:
                by_priority[label[0].upper() + label[1:].lower()] = numbers[-1]
    flat = " ".join(" ".join(p.text.split()) for p in cover)  # a sentence wraps over lines
    for pc in re.finditer(
        r"\b(\w+)\s+recommendations?\s+(?:are\s+|have\s+been\s+)?proposed\s+(?:as\s+)?closed",
        flat,
        re.I,
    ):
        if _number(pc.group(1)) is not None:
            proposed = _number(pc.group(1))
            break
    by_audit: dict[str, dict[str, int]] = {}
    for audit in audits:
        if audit.counts is None:
            continue
        key = audit.title
        if key in by_audit:
            key = f"{audit.title} ({audit.date.raw if audit.date else '?'})"
        by_audit[key] = audit.counts
    if not by_priority and not by_audit:
        return None
    counts: dict = {
        "by_priority": by_priority,
        "total": totals[-1] if totals else (sum(by_priority.values()) if by_priority else None),
        "proposed_closed": proposed,
    }
    if totals and rag_columns and len(totals) == len(rag_columns) + 1:
        counts["by_rag"] = {c.lower(): n for c, n in zip(rag_columns, totals, strict=False)}
    if by_audit:
        counts["by_audit"] = by_audit
    return counts


def read_metadata(cover: list[Paragraph], paper: Paper) -> None:
    labelled: dict[str, str] = {}
    block: list[str] = []
    for para in [*cover, Paragraph()]:
        text = " ".join(para.text.split())
        m = re.match(r"^(Subject|Date|Author)\b\s*:?\s*(\S.*)$", text)
        if m and m.group(1).lower() not in labelled:
            key, value = m.group(1).lower(), m.group(2).strip(" :")
            if key != "date" or normalise_date(value).date is not None:
                labelled[key] = value
        if text and text.upper() == text and len(text) <= 120 and re.search(r"[A-Z]{2}", text):
            block.append(text)
            continue
        joined = " ".join(block)
        if paper.organisation is None and re.search(r"PANEL|COMMISSIONER|COMMITTEE", joined):
            paper.organisation = joined
        block = []
    paper.title = labelled.get("subject")
    paper.author = labelled.get("author")
    if "date" in labelled:
        paper.paper_date = normalise_date(labelled["date"])


# -- SORB list ------------------------------------------------------------------------------


def _sorb_from_table(table: Table) -> list[Recommendation]:
    out: list[Recommendation] = []
    for row in table.rows[1:]:
        if len(row.cells) < 3:
            continue
        rec_cell = row.cells[2]
        lines = [p.text.strip() for p in rec_cell.paragraphs if p.text.strip()]
        if not lines:
            continue
        ref_title = _ref_title(lines[0])
        audit_title, _assurance, audit_date = fields.split_assurance(row.cells[0].text)
        rec = _sorb_rec(audit_title, audit_date, ref_title, lines[0], row.cells[1].text)
        rec.text = " ".join(lines[1:])
        rec.source_text = " | ".join(c.text for c in row.cells)
        rec.page_start, rec.page_end = row.page, row.page_end or row.page
        progress = row.cells[3].text if len(row.cells) > 3 else ""
        rec.status = "closed" if re.search(r"\bclosed\b", progress, re.I) else "open"
        out.append(rec)
    return out


def _ref_title(text: str) -> tuple[str, str] | None:
    flat = " ".join(text.split())
    m = _REF_FIRST.match(flat)
    if m:
        return m.group(1), m.group(2)
    m = _REF_LAST.match(flat)
    if m:
        return m.group(2), m.group(1)
    return None


def _sorb_rec(
    audit: str, date: DateValue | None, ref_title: tuple[str, str] | None, raw: str, level: str
) -> Recommendation:
    ref, title = ref_title if ref_title else (None, raw)
    m = re.search(_PRIORITY, level, re.I)
    priority = (m.group(1)[0].upper() + m.group(1)[1:].lower()) if m else "Housekeeping"
    return Recommendation(
        audit_title=" ".join(audit.split()),
        ref=ref,
        title=" ".join(title.split()),
        section="sorb",
        audit_date=date,
        priority=priority,
        priority_source="column",
    )


_SORB_HEADER_WORDS = {
    "audit",
    "assessment",
    "level",
    "assessment level",
    "recommendation",
    "progress monitored",
    "through",
    "progress monitored through",
}


def _sorb_from_lines(paras: list[Paragraph]) -> list[Recommendation]:
    """The SORB table flattened into lines: audit name lines, `Housekeeping [ref title]`,
    the recommendation text, then `SORB` (or `Closed …`) for the progress column."""
    out: list[Recommendation] = []
    audit_lines: list[str] = []
    rec: Recommendation | None = None
    text: list[str] = []
    date: DateValue | None = None
    awaiting_title = False
    for para in paras:
        t = " ".join(para.text.split())
        low = t.lower().strip(" :")
        if not t or _is_noise(t) or low in _SORB_HEADER_WORDS:
            continue
        if rec is None and not audit_lines and not out and t.endswith(":"):
            continue  # the rest of the introduction (`… are as` / `follows:`)
        m = re.search(r"\bHousekeeping\b", t)
        if m and (rec is None or not awaiting_title):
            if rec is not None:
                rec.text = " ".join(text)
                out.append(rec)
            before, after = t[: m.start()].strip(), t[m.end() :].strip(" –-:")
            audit = " ".join([*audit_lines, before]).strip()
            audit_lines, text, date = [], [], None
            found = _ref_title(after) if after else None
            rec = _sorb_rec(audit, None, found, after, "Housekeeping")
            rec.page_start = rec.page_end = para.page
            awaiting_title = found is None
            continue
        if rec is not None and awaiting_title:
            if _only_date(t):
                date = normalise_date(t)
                rec.audit_date = date
                continue
            found = _ref_title(t)
            if found:
                rec.ref, rec.title = found[0], " ".join(found[1].split())
                awaiting_title = False
                continue
        if re.match(r"^(SORB|Closed\b.*|.*\bclosed at\b.*)$", t, re.I) and len(t) < 60:
            if rec is not None:
                if re.search(r"\bclosed\b", t, re.I):
                    rec.status = "closed"
                rec.text = " ".join(text)
                out.append(rec)
                rec, text = None, []
            continue
        if rec is None:
            audit_lines.append(t)
        else:
            text.append(t)
    if rec is not None:
        rec.text = " ".join(text)
        out.append(rec)
    return out


def read_sorb(doc: Document, start: int) -> list[Recommendation]:
    blocks = doc.blocks[start:]
    out: list[Recommendation] = []
    for block in blocks:
        if isinstance(block, Table) and block.rows:
            head = " ".join(c.text.lower() for c in block.rows[0].cells)
            if "monitored" in head or ("assessment" in head and "audit" in head):
                out.extend(_sorb_from_table(block))
    if out:
        return out
    paras = [b for b in blocks if isinstance(b, Paragraph)]
    begin = next((k for k, p in enumerate(paras) if _is_sorb_intro(p.text)), None)
    if begin is None:
        return []
    return _sorb_from_lines(paras[begin + 1 :])


# -- the paper ------------------------------------------------------------------------------


def parse(doc: Document, spec: LayoutSpec | None = None) -> Paper:
    paper = Paper(layout=NAME)
    start, end = _appendix(doc)
    cover = _stream(doc, 0, start)
    drafts, audits = _read_appendix(_stream(doc, start, end))
    read_metadata(cover, paper)
    paper.declared_counts = read_declared_counts(cover, audits)
    paper.recommendations = [_finish(d) for d in drafts]
    paper.recommendations += read_sorb(doc, end)
    if paper.paper_date is None:
        dated = [u for r in paper.recommendations for u in r.updates if u.date and u.date.date]
        if dated:
            latest = max(dated, key=lambda u: u.date.date)
            paper.paper_date = latest.date
            paper.warnings.append(
                f"paper date not printed; taken from the latest update heading {latest.heading!r}"
            )
    for rec in paper.recommendations:
        if rec.section == "main" and not rec.owners and rec.status == "open":
            paper.warnings.append(f"{rec.audit_title} {rec.ref} {rec.title!r}: no owner found")
    return paper


SPEC = LayoutSpec(
    name=NAME,
    kind="tracker",
    parse=parse,
    cues=(
        Cue(
            "recommendation headings `Significant – 4.2 Title`",
            r"^(?:Fundamental|Significant|Housekeeping|High|Medium|Low)\b\s*(?:[–—-]\s*)?"
            r"(?:\d{1,2}\.\d{1,2}\.?\s+\S|\S.*\s\d{1,2}\.\d{1,2}\.?$)",
            weight=2,
            where="paragraphs",
        ),
        Cue(
            "audit counts lines `FUNDAMENTAL: 0 SIGNIFICANT: 4`",
            r"FUNDAMENTAL\s*:?\s*\d+\s*,?\s+SIGNIFICANT\s*:?\s*\d+",
        ),
        Cue(
            "`Implementation Target Date:` labels",
            r"^(?:Person\s+Responsible\s+and\s+)?(?:Implementation\s+|Revised\s+)?"
            r"Target\s+Dates?\b[^:\n]{0,40}[:\-–]",
            where="paragraphs",
        ),
        Cue("an appendix table headed `Audit Title`", r"^Audit Title$", weight=-3, where="cells"),
    ),
    description="2016-20 per-audit blocks (Appendix A as running text)",
)
