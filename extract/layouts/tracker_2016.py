"""The 2016–20 per-audit block layout (trackers up to about January 2020).

Appendix A is a run of audit blocks: a heading `FLEET MANAGEMENT – SATISFACTORY ASSURANCE
September 2018`, a counts line `FUNDAMENTAL: 0 SIGNIFICANT: 4 HOUSEKEEPING: 1`, then per
recommendation a heading `Significant – 4.2 Title` (dash optional, the ref sometimes after the
title), its text, `Implementation Target Date: … revised to …`, `Person Responsible:` (sometimes
per stage, or "See below" followed by stage lines), `Initial Management Response:`, dated
`Update Month Year:` entries and `PROPOSED CLOSED`. RAG is printed sideways, one letter a line.
Pages end with `N | P a g e` and a recommendation running on repeats its heading with
`Continued`. After `END` comes the housekeeping list tracked by SORB.

The papers reach us mostly as pdftotext output, so the parser works on lines: it re-joins
lines into logical paragraphs (a new one starts at a label, an update heading or a list item)
before the shared field extractors see them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract import fields
from extract.dates import DateValue, find_dates, normalise_date
from extract.layouts.tracker_2021 import read_declared_counts as read_counts_table
from extract.owners import find_owners
from extract.records import Paper, Recommendation, Target
from ingest.document import Document, Paragraph, Run, Table

NAME = "tracker-2016"

_COUNTS = re.compile(
    r"FUNDAMENTAL:?\s*(\d+)\s+SIGNIFICANT:?\s*(\d+)\s+HOUSEKEEPING:?\s*(\d+)", re.I
)
_REC_HEAD = re.compile(
    r"^\s*(Fundamental|Significant|Housekeeping|High|Medium|Low)\b\s*[–—-]?\s*(.+)$"
)
_REF_FIRST = re.compile(r"^(\d{1,2}\.\d{1,2})\s+(.+)$")
_REF_LAST = re.compile(r"^(.+?)\s+(\d{1,2}\.\d{1,2})$")
_CONTINUED = re.compile(r"continued", re.I)
_FOOTER = re.compile(r"^\s*\d+\s*\|\s*P\s*a\s*g\s*e\s*$|^mailto:", re.I)
_END = re.compile(r"^\s*END\s*$")
_LABEL = re.compile(
    r"^\s*(?:\(?\d+\)|[ivx]+\.|[•\-]|(?:initial\s+|original\s+)?management\s+response|"
    r"implementation\s+target|person\s+responsible|responsible\s+person|target\s+date|"
    r"(?:[\w&]+\s+){0,3}(?:update|progress)\b[^:]{0,40}:|proposed\s+closed|note:|"
    r"action\s+from|jarap\s+action)",
    re.I,
)
_TARGET_LABEL = re.compile(r"implementation\s+target\s+date|^\s*target\s+date", re.I)
_SEE_BELOW = re.compile(r"see\s+below", re.I)
_RESPONSE = re.compile(r"^\s*(?:initial\s+)?management\s+response|^\s*update\b", re.I)
_OWNER_LABEL = re.compile(r"person\s+responsible|responsible\s+person", re.I)
_BARE_HEADING = re.compile(
    r"^\s*[A-Z][A-Z0-9 &()'’,/]{2,}\s*[–—-]\s*(?:\w+\s+)?(?:ASSURANCE|OPINION)\b", re.I
)
_RAG = {"RED": "red", "AMBER": "amber", "GREEN": "green", "GREY": "grey", "GRAY": "grey"}
_PROPOSED_CLOSED_N = re.compile(r"there\s+are\s+(\d+)\s+recommendations?\s+proposed\s+closed", re.I)


def _lines(doc: Document) -> list[Paragraph]:
    """Every paragraph in reading order (table cells included), footers dropped."""
    out: list[Paragraph] = []
    for block in doc.blocks:
        paras = (
            [p for row in block.rows for cell in row.cells for p in cell.paragraphs]
            if isinstance(block, Table)
            else [block]
        )
        for para in paras:
            for piece in (
                para.text.split("\n") if "\n" in para.text and not para.struck_text else [None]
            ):
                p = para if piece is None else Paragraph(runs=[Run(piece)], page=para.page)
                if p.text.strip() and not _FOOTER.match(p.text):
                    out.append(p)
    return out


def detect(doc: Document) -> bool:
    return sum(1 for p in _lines(doc) if _COUNTS.search(p.text)) >= 1


@dataclass
class _Block:
    rec: Recommendation
    lines: list[Paragraph] = field(default_factory=list)


def _heading_start(lines: list[Paragraph], counts_at: int, floor: int) -> int:
    """Where the audit heading above a counts line starts (it may span a few lines)."""
    start = counts_at
    for k in range(counts_at - 1, max(floor, counts_at - 5) - 1, -1):
        text = lines[k].text.strip()
        if len(text) > 90 or text.endswith((".", ":")) or _REC_HEAD.match(text):
            break
        if re.search(r"PROPOSED\s+CLOSED|^END$|CONTINUED", text, re.I):
            break
        if not (fields.ASSURANCE_RE.search(text) or text.upper() == text or find_dates(text)):
            break
        start = k
        if (
            re.search(r"[A-Z]{3}", text)
            and not fields.ASSURANCE_RE.search(text)
            and not find_dates(text)
        ):
            break
    return start


def _rec_heading(text: str) -> tuple[str, str | None, str] | None:
    m = _REC_HEAD.match(text)
    if not m or _CONTINUED.search(text):
        return None
    rest = " ".join(m.group(2).split())
    found = _REF_FIRST.match(rest)
    if found:
        return m.group(1), found.group(1), found.group(2).strip()
    found = _REF_LAST.match(rest)
    if found:
        return m.group(1), found.group(2), found.group(1).strip()
    return None


def _rag_letters(lines: list[Paragraph], i: int) -> tuple[str, int] | None:
    """`A` `M` `B` `E` `R` printed one letter a line -> ("amber", lines used)."""
    letters = ""
    k = i
    while k < len(lines) and re.fullmatch(r"[A-Z]", lines[k].text.strip()):
        letters += lines[k].text.strip()
        k += 1
    return (_RAG[letters], k - i) if letters in _RAG else None


def _paragraphs(lines: list[Paragraph]) -> list[Paragraph]:
    """Re-join wrapped lines: a new paragraph starts at a label, heading or list item."""
    out: list[Paragraph] = []
    for line in lines:
        text = line.text.strip()
        if out and not _LABEL.match(text) and not out[-1].text.rstrip().endswith(":"):
            prev = out[-1]
            prev.runs = [*prev.runs, Run(" "), *line.runs]
        else:
            out.append(Paragraph(runs=list(line.runs), page=line.page))
    return out


def _targets(paras: list[Paragraph]) -> tuple[list[Target], DateValue | None]:
    """Every date of the target statement (and of its "See below" stage lines), in order."""
    targets: list[Target] = []
    for i, para in enumerate(paras):
        if not _TARGET_LABEL.search(para.text):
            continue
        block = [para]
        if _SEE_BELOW.search(para.text):
            for nxt in paras[i + 1 :]:
                if _RESPONSE.match(nxt.text):
                    break
                block.append(nxt)
        for p in block:
            text = p.text
            label = _TARGET_LABEL.search(text)
            start = label.end() if label and p is para else 0
            struck = [(a, b) for a, b in _spans(p) if b > start]
            dated = [(s, v) for s, _e, v in find_dates(text[start:]) if v.date is not None]
            for s, value in dated:
                is_struck = any(a <= start + s < b for a, b in struck)
                targets.append(Target(value, struck=is_struck, source_text=text[:300]))
            if not dated and p is para:
                rest = text[start:].strip(" :-–")
                if rest and not _SEE_BELOW.match(rest):
                    word = re.match(
                        r"^(ongoing|completed?|not\s+applicable|n/?a|tbc)\b", rest, re.I
                    )
                    if word:
                        targets.append(
                            Target(normalise_date(word.group(0)), source_text=text[:300])
                        )
        staged = len(block) > 1 or bool(re.search(r"\(\d\)", para.text))
        break
    else:
        staged = False
    live = [t for t in targets if not t.struck]
    if staged and any(t.value.date for t in live):
        return targets, max((t for t in live if t.value.date), key=lambda t: t.value.date).value
    return targets, (live[-1].value if live else None)


def _spans(para: Paragraph) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for run in para.runs:
        if run.strike:
            spans.append((pos, pos + len(run.text)))
        pos += len(run.text)
    return spans


_OWNER_SPLIT = re.compile(
    r"\(\d+\)|/|,|;|\band\b|\bworking\s+with\b|\bsupported\s+by\b|\s[–—-]\s|\(|\)"
)
_CAPITAL_WORD = re.compile(r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")


def _owner_names(text: str) -> list[str]:
    """Names in a `Person Responsible:` statement, split at stage numbers, dates, `and`, `/`
    and role dashes first, so each piece holds at most one person for the rules to find."""
    for _s, _e, value in reversed(find_dates(text)):
        text = text.replace(value.raw, " ; ")
    names: list[str] = []
    for chunk in _OWNER_SPLIT.split(text):
        chunk = chunk.strip(" .:")
        if not chunk:
            continue
        found = find_owners("Person Responsible: " + chunk)
        words = chunk.split()
        if not found and len(words) == 4 and all(_CAPITAL_WORD.match(w) for w in words):
            found = find_owners("Person Responsible: " + " ".join(words[:2]))
            found += find_owners("Person Responsible: " + " ".join(words[2:]))
        names.extend(n for n in found if n not in names)
    return names


def _owners(paras: list[Paragraph]) -> tuple[list[str], list[str]]:
    """Owners from `Person Responsible:` and from the stage lines under a "See below"."""
    owners: list[str] = []
    former: list[str] = []
    for i, para in enumerate(paras):
        m = _OWNER_LABEL.search(para.text)
        if not m:
            continue
        statements = [para.plain_text[m.end() :]]
        former += [n for s in para.struck_text for n in _owner_names(s)]
        if _SEE_BELOW.search(para.text):
            for nxt in paras[i + 1 :]:
                if _RESPONSE.match(nxt.text):
                    break
                statements.append(nxt.plain_text)
        for statement in statements:
            owners += [n for n in _owner_names(statement) if n not in owners]
    return owners, [f for f in dict.fromkeys(former) if f not in owners]


def _finish(block: _Block, context_year: int | None) -> Recommendation:
    rec = block.rec
    paras = _paragraphs(block.lines)
    rec.source_text = "\n".join(p.text for p in paras)
    body: list[str] = []
    for p in paras:
        if _LABEL.match(p.text):
            break
        body.append(p.text)
    rec.text = " ".join(body).strip()
    rec.targets, rec.current_target = _targets(paras)
    rec.updates = fields.extract_updates(paras)
    rec.owners, rec.former_owners = _owners(paras)
    if re.search(r"PROPOSED\s+CLOSED", rec.source_text):
        rec.status = "proposed_closed"
    elif rec.rag == "grey" or re.search(r"\bnot\s+adopted\b", rec.source_text, re.I):
        rec.status = "not_adopted"
    elif re.search(r"\bsuperseded\b", rec.source_text, re.I):
        rec.status = "superseded"
    pages = [p.page for p in block.lines if p.page is not None]
    if pages:
        rec.page_start, rec.page_end = min(pages), max(pages)
    return rec


def _audit_heading(lines: list[Paragraph], start: int, end: int) -> tuple:
    text = " ".join(p.text.strip() for p in lines[start:end])
    return fields.split_assurance(text.strip(" –-"))


def _main_blocks(lines: list[Paragraph]) -> tuple[list[_Block], dict, int]:
    counts_at = [i for i, p in enumerate(lines) if _COUNTS.search(p.text)]
    end = next((i for i, p in enumerate(lines) if _END.match(p.text)), len(lines))
    first = min(counts_at, default=end)
    bare = [
        i
        for i, p in enumerate(lines)
        if first - 5 <= i < end and _BARE_HEADING.match(p.text) and not _COUNTS.search(p.text)
    ]
    blocks: list[_Block] = []
    by_audit: dict[str, dict[str, int]] = {}
    audit: tuple = ("", None, None)
    pending_rag: str | None = None
    current_audit_started = False
    floor = 0
    starts = {}
    for c in counts_at:
        if c < end:
            starts[_heading_start(lines, c, floor)] = c
            floor = c + 1
    for b in bare:
        if not any(start <= b <= c for start, c in starts.items()):
            starts[b] = b + 1  # heading with no counts line: the block starts after it
    i = min(starts) if starts else end
    while i < end:
        if i in starts:
            c = starts[i]
            audit = _audit_heading(lines, i, c)
            m = _COUNTS.search(lines[c].text)
            by_audit[audit[0]] = dict(
                zip(
                    ("Fundamental", "Significant", "Housekeeping"),
                    map(int, m.groups()),
                    strict=True,
                )
            )
            i = c + 1
            pending_rag = None
            current_audit_started = True
            continue
        text = lines[i].text.strip()
        rag = _rag_letters(lines, i)
        if rag:
            current = blocks[-1] if blocks else None
            if current is None or current_audit_started or current.rec.rag:
                pending_rag = rag[0]
            else:
                current.rec.rag = rag[0]
            i += rag[1]
            continue
        head = _rec_heading(text)
        if head:
            priority, ref, title = head
            rec = Recommendation(audit_title=audit[0], ref=ref, title=title, priority=priority)
            rec.assurance, rec.audit_date = audit[1], audit[2]
            rec.priority_source = "text"
            rec.rag, pending_rag = pending_rag, None
            rec.page_start = lines[i].page
            blocks.append(_Block(rec))
            current_audit_started = False
            i += 1
            continue
        if blocks and not (_CONTINUED.search(text) and re.search(r"\d\.\d", text)):
            blocks[-1].lines.append(lines[i])
        i += 1
    return blocks, by_audit, end


def _sorb(lines: list[Paragraph], end: int) -> list[Recommendation]:
    """The housekeeping list after END: audit name lines, `Housekeeping Title 4.2`, text, SORB."""
    out: list[Recommendation] = []
    words: list[str] = []
    rec: Recommendation | None = None
    started = False
    for k in range(end + 1, len(lines)):
        text = " ".join(lines[k].text.split())
        if not started:
            started = "progress monitored" in text.lower() or text.lower() == "through"
            continue
        if text.upper().startswith("SORB"):
            rec = None
            words = []
            continue
        m = re.match(r"^(.*?)\bHousekeeping\b\s*(.*)$", text)
        if m:
            words.append(m.group(1).strip())
            rest = m.group(2).strip()
            rec = Recommendation(
                audit_title=" ".join(w for w in words if w),
                ref=None,
                title=rest,
                section="sorb",
                priority="Housekeeping",
                priority_source="column",
            )
            rec.page_start = rec.page_end = lines[k].page
            out.append(rec)
            _split_ref(rec)
            continue
        if rec is not None and rec.ref is None:
            if find_dates(text) and not rec.audit_date and len(text) < 20:
                rec.audit_date = normalise_date(text)
                continue
            rec.title = (rec.title + " " + text).strip()
            _split_ref(rec)
            continue
        if rec is not None:
            rec.text = (rec.text + " " + text).strip()
            continue
        words.append(text)
    return out


def _split_ref(rec: Recommendation) -> None:
    for pattern, ref_group, title_group in ((_REF_FIRST, 1, 2), (_REF_LAST, 2, 1)):
        m = pattern.match(rec.title)
        if m:
            rec.ref, rec.title = m.group(ref_group), m.group(title_group).strip()
            return


def _declared(doc: Document, lines: list[Paragraph], by_audit: dict) -> dict | None:
    counts = read_counts_table(doc)
    if counts is None:
        by_priority: dict[str, int] = {}
        total = None
        for p in lines:
            m = re.match(
                r"^\s*(Fundamental|Significant|Housekeeping|Total)((?:\s+(?:-|\d+)){2,})\s*$",
                p.text,
            )
            if not m:
                continue
            values = m.group(2).split()
            last = int(values[-1]) if values[-1].isdigit() else 0
            if m.group(1) == "Total":
                total = last
            else:
                by_priority[m.group(1)] = last
        if by_priority:
            counts = {
                "by_priority": by_priority,
                "total": total if total is not None else sum(by_priority.values()),
            }
    for p in lines:
        m = _PROPOSED_CLOSED_N.search(p.text)
        if m:
            counts = counts or {}
            counts["proposed_closed"] = int(m.group(1))
            break
    if by_audit:
        counts = counts or {}
        counts["by_audit"] = by_audit
    return counts


def _metadata(lines: list[Paragraph], paper: Paper) -> None:
    for i, p in enumerate(lines[:80]):
        text = p.text.strip()
        if paper.organisation is None and re.match(r"^POLICE\b", text) and text.upper() == text:
            parts = [text]
            for q in lines[i + 1 : i + 5]:
                t = q.text.strip()
                if t.upper() != t or len(t) > 60:
                    break
                parts.append(t)
                if "PANEL" in t:
                    break
            paper.organisation = " ".join(parts)
        m = re.match(r"^(Subject|Date|Author)\s*:?\s*(.+)$", text)
        if m and len(m.group(2)) < 120:
            value = m.group(2).strip(" :*")
            if m.group(1) == "Subject" and paper.title is None:
                paper.title = value
            elif m.group(1) == "Date" and paper.paper_date is None:
                paper.paper_date = normalise_date(value)
            elif m.group(1) == "Author" and paper.author is None:
                paper.author = value


def parse(doc: Document) -> Paper:
    paper = Paper(layout=NAME)
    lines = _lines(doc)
    _metadata(lines, paper)
    blocks, by_audit, end = _main_blocks(lines)
    year = paper.paper_date.date.year if paper.paper_date and paper.paper_date.date else None
    paper.recommendations = [_finish(b, year) for b in blocks]
    paper.recommendations += _sorb(lines, end)
    paper.declared_counts = _declared(doc, lines, by_audit)
    if paper.paper_date is None or paper.paper_date.date is None:
        dated = [u.date for r in paper.recommendations for u in r.updates if u.date and u.date.date]
        if dated:
            latest = max(dated, key=lambda d: d.date)
            paper.paper_date = DateValue(latest.raw, latest.date, latest.precision)
            paper.warnings.append(
                f"paper date not printed; taken from the latest update heading ({latest.raw})"
            )
    return paper
