"""A recommendation body split at its labels, and the targets and owners of each stage.

The block layouts print labelled paragraphs: `Implementation Target Date:` (a revision chain,
`(1) … (2) …` stages, or `See below` with per-strand lines), `Person Responsible:`, the
combined `Person Responsible and Implementation Target Date:`, `Initial Management
Response:` (or `Comment:`) and dated updates. This step splits a body at those labels and
reads each stage's targets (through the shared target step) and owners, keeping where each
came from.
"""

from __future__ import annotations

import re

from jarap.extract import fields
from jarap.extract.dates import DateValue, find_dates
from jarap.extract.owners import find_owners
from jarap.extract.records import Target
from jarap.ingest.document import Paragraph, Run

_TARGET_LABEL = re.compile(
    r"^\s*(?:Person\s+Responsible\s+and\s+)?(?:Implementation\s+|Revised\s+)?Target\s+"
    r"(?:Dates?|milestones?)\s*(?:and\s+Person\s+Responsible\s*)?[:\-–]",
    re.I,
)
# an owner label inside a paragraph (a reader joined it to the target line before it)
_INLINE_OWNER_LABEL = re.compile(
    r"(?<=\S)\s+(?=(?:Person|Officer)\s+Responsible\s*:|Responsible\s+(?:Person|Officer)\s*:)",
    re.I,
)
# a target label after the sentence before it: a PDF reader joins a text whose last line
# fills the width to the label paragraph under it (`… by a second officer. Implementation
# Target Date: December 2012`)
_INLINE_TARGET_LABEL = re.compile(
    r"(?<=[.;!?])\s+(?=(?:Implementation\s+|Revised\s+)?Target\s+Dates?\s*:)", re.I
)
# a line that begins with the owner's name and role and states a target, with no label:
# `Owen Marsh – Estates Surveyor – testing of every outlet. Target June 2019`
_NAME_LED = re.compile(r"^\s*(?P<name>[A-Z][\w'’/.-]*(?:\s+[A-Z][\w'’.-]*){1,3})\s+[–—-]\s+\S")
# a line that opens the owner section: the shared owner label at its start
_OWNER_LABEL = re.compile(r"^\s*" + fields.OWNER_LABEL.pattern, re.I)
_RESPONSE_LABEL = re.compile(r"^\s*(?:Initial\s+)?Management\s+(?:Response|Comments?)\b", re.I)
_SEE_BELOW = re.compile(r"^\s*see\s+below\b", re.I)
_STAGE = fields.STAGE


def _join(paras: list[Paragraph]) -> Paragraph:
    runs: list[Run] = []
    for k, p in enumerate(paras):
        if k:
            runs.append(Run(" "))
        runs.extend(Run(r.text, r.bold, r.underline, r.strike) for r in p.runs)
    return Paragraph(
        runs=runs,
        page=paras[0].page if paras else None,
        locator=paras[0].locator if paras else "",
    )


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


def _split_at(para: Paragraph, cuts: list[int]) -> list[Paragraph]:
    """The paragraph cut at these offsets, runs (and so strike-through) kept."""
    bounds = [0, *sorted(set(cuts)), len(para.text)]
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if para.text[a:b].strip():
            out.append(Paragraph(runs=_slice(para, a, b), page=para.page, locator=para.locator))
    return out


def _split_labels(para: Paragraph) -> list[Paragraph]:
    """A paragraph cut where a label or a dated update heading starts inside it: a reader
    (or the paper) ran `Person Responsible:`, `Implementation Target Date:` (after a full
    stop) or `Update June 2019:` into the line before."""
    text = para.text
    cuts = [m.end() for m in _INLINE_OWNER_LABEL.finditer(text)]
    cuts += [m.end() for m in _INLINE_TARGET_LABEL.finditer(text)]
    cuts += fields.inline_heading_starts(text)
    return _split_at(para, cuts) if cuts else [para]


def is_name_led_target(text: str) -> bool:
    """`First Last – Role … Target June 2025`: a line that begins with a person's name and
    states a target is an owner-and-target statement without labels."""
    m = _NAME_LED.match(text)
    if not m or find_owners("Person Responsible: " + m.group("name")) != [m.group("name")]:
        return False
    return any(
        find_dates(text[a.end() : a.end() + 70]) for a in fields.TARGET_ANCHOR.finditer(text)
    )


def labelled_sections(body: list[Paragraph]) -> dict[str, list[Paragraph]]:
    """Split a recommendation's body at its labels: text, target, owner, combined (`Person
    Responsible and Implementation Target Date:` and its strand lines), strand (a line led
    by the owner's name with its target), rest. A label or heading run into the line before
    it starts a section all the same."""
    out: dict[str, list[Paragraph]] = {"text": [], "target": [], "owner": [], "rest": []}
    state = "text"
    pieces: list[tuple[Paragraph, bool]] = []  # piece, run into the line before it
    for para in body:
        pieces.extend((piece, k > 0) for k, piece in enumerate(_split_labels(para)))
    for para, run_in in pieces:
        t = para.text
        if state == "text" and out["text"] and is_name_led_target(t):
            out.setdefault("strand", []).append(para)
            continue
        if run_in and state != "rest" and fields.update_heading(t.strip()):
            # `Target Date: … Update June 2019: …`: the update and the lines it wraps onto are
            # updates, and the labels that may follow it still open their sections
            state = "run-in update"
        if state == "run-in update" and not (_TARGET_LABEL.match(t) or _OWNER_LABEL.match(t)):
            if _RESPONSE_LABEL.match(t):
                state = "rest"
            out["rest"].append(para)
            continue
        if state in ("text", "target", "owner", "combined", "run-in update"):
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
    rest = Paragraph(runs=_slice(para, start, len(text)), page=para.page, locator=para.locator)
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
        out.append(
            Paragraph(runs=_slice(para, m.end(), stop), page=para.page, locator=para.locator)
        )
    return out


def _stage_targets(stage: Paragraph) -> tuple[list[Target], DateValue | None]:
    labelled = Paragraph(
        runs=[Run("Target Date: "), *stage.runs], page=stage.page, locator=stage.locator
    )
    return fields.extract_targets([labelled])


def staged_targets(sections: dict[str, list[Paragraph]]) -> tuple[list[Target], DateValue | None]:
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
    stages.extend(p for p in _strand_lines(sections) if find_dates(p.text))
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
    dated = [(c.date, c) for c in currents if c.date is not None]
    return targets, (max(dated, key=lambda pair: pair[0])[1] if dated else currents[-1])


def _strand_lines(sections: dict[str, list[Paragraph]]) -> list[Paragraph]:
    """Lines that each state owners and targets of one strand: those under a combined label
    and those led by the owner's name."""
    return [*(sections.get("combined") or [])[1:], *(sections.get("strand") or [])]


def _strand_owners(text: str) -> list[str]:
    """The owners of one strand line. The line opens with the strand's name (`Survey Nadia
    Kerr/Tom Ferris End March 2019 …`), a word that is no part of a person's name: an
    untitled first name read with it (`Survey Nadia Kerr`) is read without it. A rank is no
    strand name (`Supt Dominic Hale` is kept whole)."""
    full = fields.owners_in_statement(text)
    first, _, rest = text.strip().partition(" ")
    if not full or not rest:
        return full
    shorter = fields.owners_in_statement(rest)
    if shorter and full[0] == f"{first} {shorter[0]}" and not find_owners(full[0]):
        return [*shorter, *(n for n in full[1:] if n not in shorter)]
    return full


def staged_owners(
    sections: dict[str, list[Paragraph]],
) -> tuple[list[str], list[str], dict[str, Paragraph]]:
    """Current and former owners of the owner and combined sections (and of lines led by
    the owner's name; where they name no person, their posts: `fields.owners_named`), and
    per name the paragraph it was read from."""
    owner_paras = list(sections.get("owner") or [])
    combined = [*(sections.get("combined") or []), *(sections.get("strand") or [])]
    texts: list[str] = []
    where: list[Paragraph] = []
    struck: list[tuple[str, Paragraph]] = []
    for k, para in enumerate(owner_paras + combined):
        struck.extend((t, para) for t in para.struck_text)
        text = para.plain_text
        if k == 0 or _OWNER_LABEL.match(text) or _TARGET_LABEL.match(text):
            colon = re.search(r":", text)
            text = text[colon.end() :] if colon else text
        if _SEE_BELOW.match(text.strip()) or not text.strip():
            continue
        if para in combined or not texts:
            texts.append(text)  # a strand line of its own
            where.append(para)
        else:
            texts[-1] += " " + text  # the owner paragraph wrapped
    strands = set(map(id, _strand_lines(sections)))

    def names_of(text: str, para: Paragraph) -> list[str]:
        return _strand_owners(text) if id(para) in strands else fields.owners_in_statement(text)

    current, sources = fields.owners_named(list(zip(texts, where, strict=True)), names_of)
    former = []
    for text, para in struck:
        for name in find_owners("Person Responsible: " + text):
            if name not in current and name not in former:
                former.append(name)
                sources[name] = para
    return current, former, sources
