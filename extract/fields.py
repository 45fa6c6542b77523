"""Field extractors shared by every tracker layout: priority, status, targets, updates, owners.

They work on a recommendation's body paragraphs (with runs, so struck-through text is known)
rather than on one string, because what a value means depends on where it stands: a date
after "Target Date:" is a target, the same date after "Update" dates a progress narrative,
and a struck-through date is a superseded target.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from jarap.extract.audit_title import split_audit_title
from jarap.extract.dates import DateValue, find_dates, normalise_date
from jarap.extract.owners import find_owners, owners_from_runs
from jarap.extract.records import Target, Update, provenance_of
from jarap.extract.vocab import (
    MONTHS,
    NARRATIVE_AFTER_DATE,
    NARRATIVE_BEFORE_DATE,
    NO_DATE,
    OWNER_LABEL,
    OWNER_SPLIT,
    PANEL_SCALES,
    has_month_word,
    post_named,
    priority_alternation,
)
from jarap.ingest.document import Cell, Paragraph

_PRIORITY_IN_TEXT = re.compile(
    rf"\b({priority_alternation(*PANEL_SCALES)})(?:\s+Priority)?\s+Recommendation\s*:",
    re.I,
)
# a label glued to the date after it (`revised Target DateOctober 2016`, as old papers
# print it) still ends at `Date`: the label is followed by a capital, not a word boundary
TARGET_ANCHOR = re.compile(
    r"\b(?:(?:implementation\s+|revised\s+|original\s+|new\s+)?target\s+dates?"
    r"(?-i:(?=[A-Z][a-z]))"
    r"|(?:(?:implementation\s+|revised\s+|original\s+|new\s+)?target(?:\s+(?:end\s+)?"
    r"(?:date|dates|release\s+of\s+\w+|go[\s-]live\s+date|milestones?|completion\s+date))?"
    r"|(?:will\s+be\s+)?achieved\s+by|implementation\s+by|revised\s+to|deadline"
    r"|complete(?=\s+\d))\b)",
    re.I,
)
_HEADING_WORD = r"(?:update|progress|findings|achievements?)"
_UPDATE_HEADING = re.compile(
    rf"^\s*(?P<heading>[^:.]{{0,90}}?\b{_HEADING_WORD}\b[^:.]{{0,60}}?)\s*:",
    re.I,
)
# a heading printed without a colon: the heading word, then at once a date with a month
# (`UPDATE May 2024 – the supplier…`, `Update December 2019` alone on its line, `UPDATE
# January 2020 the system…` run into its text)
_BARE_HEADING = re.compile(
    r"^\s*(?P<word>(?:[A-Z][a-z]+\s+){0,2}(?:UPDATE|Update|PROGRESS|Progress|ACHIEVEMENTS|"
    r"Achievements?)\b)\s+(?P<rest>\S.*)$",
    re.S,
)
# where a bare heading's date may end: the end of the line, a dash, or lower-case text
_BARE_END = re.compile(r"^(?:\s*$|\s*[–—-]\s|\s+[a-z])")
_FORMERLY = re.compile(r"\b(previously|formerly|replacing|took over from)\b", re.I)
_SIGNATURE = re.compile(r"(?:^|\s)[–—-]\s+([A-Z][^–—]{2,70})$")


def priority_in_text(text: str) -> str | None:
    """`Significant Recommendation:` / `Medium Priority Recommendation:` as printed."""
    m = _PRIORITY_IN_TEXT.search(text)
    if not m:
        return None
    word = m.group(1)
    return word[0].upper() + word[1:].lower()


def recommendation_text(body: Sequence[Paragraph]) -> str:
    """The text after `Recommendation:` (or `Medium Priority Recommendation:`), else the
    first paragraph: trackers print the auditor's wording under that label."""
    for para in body:
        m = re.match(
            r"^\s*(?:\w+\s+)?(?:priority\s+)?recommendation\s*:\s*(.*)$", para.text, re.I | re.S
        )
        if m:
            return m.group(1).strip()
    return body[0].text.strip() if body else ""


def split_assurance(text: str) -> tuple[str, str | None, DateValue | None]:
    """`FLEET MANAGEMENT SATISFACTORY ASSURANCE September 2018` -> title, assurance, date:
    the parts `extract.audit_title.split_audit_title` finds (one rule for every layout)."""
    parts = split_audit_title(text)
    return parts.title, parts.assurance, parts.date


def first_sentence(text: str, limit: int = 120) -> str:
    """A short title for an action printed without one: its first sentence (cut at a word
    boundary when long), full stop dropped."""
    flat = " ".join(text.split())
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", flat, maxsplit=1)[0].rstrip(".")
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0]
    return sentence


# -- targets -------------------------------------------------------------------------------


def _struck_dates(para: Paragraph) -> list[tuple[int, DateValue]]:
    """Dates printed struck through, with their offset in the paragraph text."""
    out: list[tuple[int, DateValue]] = []
    pos = 0
    for run in para.runs:
        if run.strike and run.text.strip():
            for start, _end, value in find_dates(run.text):
                out.append((pos + start, value))
        pos += len(run.text)
    return out


def _struck_spans(para: Paragraph) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for run in para.runs:
        if run.strike:
            spans.append((pos, pos + len(run.text)))
        pos += len(run.text)
    return spans


def _in_spans(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


# the end of a sentence: a full stop after a word or a date, then a capital (`31.03.2020`
# and `Sept.` before a year are not)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)])\.\s+(?=[A-Z])")


def _struck_after_replacement(
    found: list[Target], where: dict[int, tuple[int, int]], text: str
) -> list[Target]:
    """One paragraph's targets in history order: a struck date printed right after the date
    that replaced it (`31st January 2020 ~~31st October 2019~~`, tracked changes printed
    insertion first) is the older one all the same, so it goes before it: order by strike,
    then position. A struck date after a connector (`A revised to ~~B~~ C`) stays put."""
    out = list(found)
    for k in range(1, len(out)):
        prev, cur = out[k - 1], out[k]
        if cur.struck and not prev.struck and id(prev) in where and id(cur) in where:
            between = text[where[id(prev)][1] : where[id(cur)][0]]
            if not re.search(r"[A-Za-z0-9]", between):
                out[k - 1], out[k] = cur, prev
    return out


def extract_targets(paragraphs: Sequence[Paragraph]) -> tuple[list[Target], DateValue | None]:
    """Every target stated, in order (struck and 'revised to' ones included), and the one in force.

    A labelled target (`Target Date: …`) takes every date up to the end of its paragraph or the
    next label, so revision chains are kept whole; a phrase (`target end date Dec 2021`) takes
    the first date close after it; `Target milestones:` with nothing after it takes the dates
    of the next paragraph. The one in force is the last unstruck date of a revision chain, or
    the latest of several milestones.
    """
    targets: list[Target] = []
    revised = False
    for i, para in enumerate(paragraphs):
        done_before = len(targets)
        where: dict[int, tuple[int, int]] = {}  # id of a target -> its span in the text
        text = para.text
        struck = _struck_spans(para)
        anchors = list(TARGET_ANCHOR.finditer(text))
        for k, anchor in enumerate(anchors):
            stop = anchors[k + 1].start() if k + 1 < len(anchors) else len(text)
            after = text[anchor.end() : stop]
            labelled = (
                after.lstrip().startswith((":", "-", "–")) or "revised" in anchor.group(0).lower()
            )
            if "revised" in anchor.group(0).lower():
                revised = True
            window = after if labelled else after[:70]
            end = _SENTENCE_END.search(window)
            if end and labelled:  # a chain stops at the end of its sentence
                window = window[: end.start()]
            found = find_dates(window)
            base = anchor.end()
            if not labelled and found:
                found = found[:1]
            if not labelled and not found and k == 0:  # `… by March 2025 target`
                lead = text[max(0, anchor.start() - 40) : anchor.start()]
                before = find_dates(lead)
                if before and not lead[before[-1][1] :].strip():
                    base = anchor.start() - len(lead)
                    found = before[-1:]
            if not found and "milestone" in anchor.group(0).lower() and not after.strip(" :"):
                if i + 1 < len(paragraphs):
                    nxt = paragraphs[i + 1]
                    for _s, _e, value in find_dates(nxt.text):
                        if value.date is not None:
                            targets.append(
                                Target(value, source_text=nxt.text[:300], source=provenance_of(nxt))
                            )
                continue
            if not found:
                raw = after.strip(" :-–").split(".")[0].strip()
                stated = NO_DATE.match(raw) if labelled else None
                if stated:
                    value = normalise_date(stated.group(0))
                    targets.append(
                        Target(value, source_text=text[:300], source=provenance_of(para))
                    )
                continue
            for start, end_at, value in found:
                if value.date is None:
                    continue
                is_struck = _in_spans(base + start, struck)
                revised = revised or is_struck
                done = anchor.group(0).lower() == "complete"  # "Complete 31.03.2020": met
                target = Target(
                    value,
                    struck=is_struck,
                    done=done,
                    source_text=text[:300],
                    source=provenance_of(para),
                )
                targets.append(target)
                where[id(target)] = (base + start, base + end_at)
        # struck dates outside any anchor window are superseded targets too
        for offset, value in _struck_dates(para):
            if not any(t.struck and t.value == value for t in targets):
                if any(a.start() <= offset for a in anchors) or not anchors:
                    targets.append(
                        Target(
                            value, struck=True, source_text=text[:300], source=provenance_of(para)
                        )
                    )
                    revised = True
        targets[done_before:] = _struck_after_replacement(targets[done_before:], where, text)
    return targets, current_target(targets, revised)


def targets_in_cells(cells: Sequence[Cell]) -> list[Target]:
    """Every date printed in target columns, in column order (`Original Date`, then `Revised
    Date` which may hold `Dec 2022; revised Jun 2023`); `-`, `N/A` print no target. A
    `revised to` chain stops at the end of its sentence: a later sentence's dates are
    targets only when it states a revision itself (`September 2024 is possible if …` is not)."""
    out: list[Target] = []
    for cell in cells:
        for para in cell.paragraphs:
            for value in _deadlines(target_sentences(para.text)):
                out.append(Target(value, source_text=para.text[:300], source=provenance_of(para)))
    return out


def _deadlines(text: str) -> list[DateValue]:
    """The dates of a target cell that are deadlines: a date in narrative (`revised to 30
    September 2024 following the meeting on 3 May 2024`) tells of an event and is left out,
    unless the cell prints no other date (then it is the only target it gives)."""
    dated = [(s, e, v) for s, e, v in find_dates(text) if v.date is not None]
    kept = [
        v
        for s, e, v in dated
        if not NARRATIVE_BEFORE_DATE.search(text[:s]) and not NARRATIVE_AFTER_DATE.match(text[e:])
    ]
    return kept if kept else [v for _s, _e, v in dated]


_REVISION = re.compile(r"\b(?:revised|extended|deferred|new target)\b", re.I)


def target_sentences(text: str) -> str:
    """A target's first sentence and the later ones that state a revision: a `revised to`
    chain stops at the end of its sentence (`… to 30 June 2024. September 2024 is possible`)."""
    starts = [0, *(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]
    kept = [
        text[a:b]
        for k, (a, b) in enumerate(itertools.pairwise(starts))
        if k == 0 or _REVISION.search(text[a:b])
    ]
    return " ".join(kept)


def current_target(targets: list[Target], revised: bool) -> DateValue | None:
    live = [t for t in targets if not t.struck and not t.done]
    if not live:
        return None
    dated = [(t.value.date, t) for t in live if t.value.date is not None]
    if revised or not dated:
        return live[-1].value
    return max(dated, key=lambda pair: pair[0])[1].value


# -- updates -------------------------------------------------------------------------------


_MONTH_WORD = re.compile(
    rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?({'|'.join(sorted(MONTHS, key=len, reverse=True))})\b",
    re.I,
)


def _month_of_year(heading: str, year: DateValue) -> DateValue | None:
    """`Update August – Follow Up Audit 2015`: a month (and day) named apart from the year
    dates the heading to that month of that year, not to the whole year."""
    if not re.fullmatch(r"\d{4}", year.raw.strip()):
        return None
    m = _MONTH_WORD.search(heading[: heading.rfind(year.raw)])
    if not m:
        return None
    value = normalise_date(f"{m.group(1) or ''} {m.group(2)} {year.raw}".strip())
    return value if value.date is not None else None


def _bare_heading(text: str) -> tuple[str, int] | None:
    """A heading without a colon: the heading word and a month-dated date right after it;
    returns the heading and where its text begins."""
    m = _BARE_HEADING.match(text)
    if not m:
        return None
    rest = m.group("rest")
    found = find_dates(rest[:40])
    if found and found[0][0] == 0 and found[0][2].precision in ("day", "month"):
        end = found[0][1]
    else:
        month = _MONTH_WORD.match(rest)  # `UPDATE October` alone: a year-less heading
        if not month or rest[month.end() :].strip():
            return None
        end = month.end()
    if not _BARE_END.match(rest[end:]):
        return None
    heading = f"{m.group('word')} {rest[:end]}"
    after = m.start("rest") + end
    dash = re.match(r"\s*[–—-]\s", text[after:])
    return heading, after + (dash.end() if dash else 0)


def update_heading(text: str) -> tuple[str, DateValue | None] | None:
    """`Progress Update July 2021:` -> ("Progress Update July 2021", July 2021); also a
    heading without a colon (`UPDATE May 2024 – …`, `Update December 2019` alone)."""
    found = heading_and_text(text)
    return found[:2] if found else None


def heading_and_text(text: str) -> tuple[str, DateValue | None, str] | None:
    """An update heading at the start of text: the heading, its date and the text after it.
    `Summary of progress between May 2019 – August 2019:` is dated at the period's end."""
    m = _UPDATE_HEADING.match(text)
    bare = None if m and not _bare_first(text, m) else _bare_heading(text)
    if bare:
        heading, body_at = bare
    elif m:
        heading, body_at = m.group("heading").strip(), m.end()
    else:
        return None
    heading = heading.strip()
    dates = [v for _s, _e, v in find_dates(heading) if v.date is not None]
    if dates and dates[-1].precision == "year":
        dates[-1] = _month_of_year(heading, dates[-1]) or dates[-1]
    return heading, (dates[-1] if dates else None), text[body_at:].strip()


def _bare_first(text: str, m: re.Match) -> bool:
    """Whether a bare heading comes before the colon of a colon heading with prose between
    (`UPDATE October 2019 – the board agreed: …`): then the colon is the text's, not the
    heading's (`Achievements May 2018 – January 2019:` is one heading, a period)."""
    bare = _bare_heading(text)
    return bare is not None and bool(re.search(r"\b[a-z]{2,}", text[bare[1] : m.end()]))


_INLINE_HEADING = re.compile(
    r"(?<=[.!?])\s+(?=(?:[A-Z][a-z]+\s+){0,2}(?:Update|UPDATE|Progress|Findings)\b[^:.]{0,40}"
    r"\b(?:19|20)\d\d\b[^:.]{0,20}:)"
)
# a dated heading run into the text before it with no full stop: after a date (`Target
# Date: 31st March 2019 Update June 2019: …`) or a signature (`– Tom Ferris Estates Officer
# UPDATE January 2020 the …`), never after a lower-case word (`the Update May 2019 report`)
_RUN_IN_HEADING = re.compile(
    r"(?<=[A-Za-z0-9).!?])\s+(?=(?:UPDATE|Update)\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Z][a-z]{2,8}"
    r"\s+(?:19|20)?\d\d\b)"
)


def inline_heading_starts(text: str) -> list[int]:
    """Where a dated update heading starts inside a paragraph (a reader joined it to the line
    before, or the paper printed it with no full stop before): after a sentence's end, a date
    or a signature."""
    starts = [m.end() for m in _INLINE_HEADING.finditer(text)]
    for m in _RUN_IN_HEADING.finditer(text):
        before = text[: m.start()].split()
        last = before[-1] if before else ""
        if last[:1].isupper() or last[:1].isdigit() or last.endswith((".", "!", "?", ")")):
            if heading_and_text(text[m.end() :]) is not None:
                starts.append(m.end())
    return sorted(set(starts))


def _split_inline_headings(paragraphs: Sequence[Paragraph]) -> list[tuple[str, Paragraph]]:
    """Paragraph texts, split where a dated heading starts inside one (joined by a reader)."""
    out: list[tuple[str, Paragraph]] = []
    carried = ""  # a heading word a line ended with, when the next line begins with its date
    for k, para in enumerate(paragraphs):
        text = carried + para.text
        carried = ""
        word = _TRAILING_HEADING_WORD.search(text)
        if word and k + 1 < len(paragraphs):
            nxt = paragraphs[k + 1].text.lstrip()
            if heading_and_text(f"{word.group(1)} {nxt}") is not None:
                carried, text = word.group(1) + " ", text[: word.start()]
        cuts = [0, *inline_heading_starts(text), len(text)]
        for a, b in zip(cuts, cuts[1:], strict=False):
            out.append((text[a:b], para))
    return out


# a text conversion wraps `… Estates Officer UPDATE` / `January 2020 the …` over two lines
_TRAILING_HEADING_WORD = re.compile(r"(?<=[A-Za-z0-9)])\s+(UPDATE|Update)\s*$")


# a label after an update ends it: its text is not the update's
_ENDS_UPDATE = re.compile(
    r"^\s*(?:target|person responsible|responsible person"
    r"|(?:initial\s+)?management\s+(?:response|comments?)\s*:)",
    re.I,
)


def extract_updates(paragraphs: Sequence[Paragraph]) -> list[Update]:
    """Dated progress narratives: a heading paragraph and the paragraphs that follow it."""
    updates: list[Update] = []
    current: Update | None = None
    for raw, para in _split_inline_headings(paragraphs):
        text = raw.strip()
        found = heading_and_text(text)
        if found and (found[1] is not None or re.search(r"\b[A-Z][a-z]+\b", found[0])):
            heading, date, _body = found
            if date is None and not has_month_word(heading):
                found = None
        if found:
            heading, date, body = found
            current = Update(
                heading=heading,
                date=date,
                text=body,
                page=para.page,
                source=provenance_of(para, text),
            )
            updates.append(current)
        elif current is not None:
            if _ENDS_UPDATE.match(text):
                current = None
            else:
                current.text = (current.text + "\n" + text).strip()
    return updates


# -- owners --------------------------------------------------------------------------------


P = TypeVar("P")


def owners_named(
    statements: Sequence[tuple[str, P]],
    names_of: Callable[[str, P], list[str]] | None = None,
) -> tuple[list[str], dict[str, P]]:
    """The owners a list of owner statements names, in order, each with where it was read:
    the people (`names_of`, `owners_in_statement` unless a layout reads its lines otherwise);
    where no statement names a person, the posts they name (`Head of ICT / Finance
    Director`). One rule for an owner cell, a block's owner section and its strand lines."""
    names: list[str] = []
    sources: dict[str, P] = {}
    for text, where in statements:
        for name in names_of(text, where) if names_of else owners_in_statement(text):
            if name not in names:
                names.append(name)
                sources[name] = where
    if not names:  # a post as the owner where the statements name only posts
        for text, where in statements:
            for post in posts_in_statement(text):
                if post not in names:
                    names.append(post)
                    sources[post] = where
    return names, sources


def owners_in_cell(cell: Cell) -> tuple[list[str], dict[str, Paragraph]]:
    """The people an owner column names (`Priya Nandra, Payroll Manager`, `Fleet Manager –
    Tom Ashdown`, `A / B`), else its posts: each paragraph an owner statement. Per cell, not
    per paragraph: a PDF cell's second line is often the first line's job title."""
    return owners_named([(para.plain_text, para) for para in cell.paragraphs])


# an owner statement: `(1)` stage marks, an initial and surname (the joiners: `vocab.OWNER_SPLIT`)
STAGE = re.compile(r"\((\d{1,2})\)")
INITIAL_NAME = re.compile(r"^([A-Z]\.?\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")


def owner_pieces(text: str) -> list[str]:
    """The pieces of an owner statement that can each name people: stages `(1) … (2)`,
    names joined by `and`, `,`, `/`, `+`, dates and brackets left out."""
    text = re.sub(r"\((?!\d{1,2}\))[^()]{0,60}\)", " ", text)
    pieces: list[str] = []
    for segment in STAGE.split(text):
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
        pieces.extend(p for p in OWNER_SPLIT.split(segment) if p and p.strip())
    return pieces


def names_in(piece: str) -> list[str]:
    """The people one piece of an owner statement names (titled or not, `K Eaton`)."""
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
    # a role or a service may be printed before the name (`Head of Estates Fiona Drury`,
    # `Track My Crime Dan Granger`): the name is the first run of words that reads as one
    for k in range(0, max(1, len(words) - 1)):
        found = find_owners("Person Responsible: " + " ".join(words[k:]) + piece[len(head) :])
        if found:
            return found
    initial = INITIAL_NAME.match(head)  # `K Eaton SHRBP`
    return [initial.group(1)] if initial else []


def owners_in_statement(text: str) -> list[str]:
    """Every person an owner statement names (the text after `Person Responsible:`), in
    order: one reader for every layout."""
    out: list[str] = []
    for piece in owner_pieces(text):
        for name in names_in(piece):
            if name not in out:
                out.append(name)
    return out


def posts_in_statement(text: str) -> list[str]:
    """The posts an owner statement names (`Head of ICT / Finance Director`): the owners
    where the paper names only posts, no person."""
    pieces = [q for p in owner_pieces(text) for q in re.split(r"\s*/\s*", p)]
    return list(dict.fromkeys(p for p in map(post_named, pieces) if p))


def extract_owners(
    paragraphs: Sequence[Paragraph],
) -> tuple[list[str], list[str], dict[str, Paragraph]]:
    """People named where the papers name owners: after a responsibility label, on a target
    line, or as the `– Name Role` signature ending a paragraph. Names in narrative prose
    ("met with ACC Smith") are participants, not owners, so they are not taken. Returns the
    current and former owners and, per name, the paragraph it was read from.
    """
    sources: dict[str, Paragraph] = {}
    current: list[str] = []
    former: list[str] = []
    posts: dict[str, Paragraph] = {}
    after_milestones = False
    for para in paragraphs:
        text = para.plain_text.replace(" supported by ", " and ")
        if para.struck_text:
            for name in owners_from_runs([(r.text, r.strike) for r in para.runs])[1]:
                former.append(name)
                sources.setdefault(name, para)
        candidates: list[str] = []
        label = OWNER_LABEL.search(text)
        if label:
            candidates.append(text[label.start() :])
        for anchor in TARGET_ANCHOR.finditer(text):
            candidates.append(text[anchor.start() : anchor.start() + 200])
        if after_milestones:  # the milestone lines under a bare "Target milestones:"
            candidates.append("… – " + text)
        after_milestones = bool(re.search(r"milestones?\s*:?\s*$", text, re.I))
        cuts = [0, *inline_heading_starts(text), len(text)]  # `… – Name Role UPDATE May …`
        lines = [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
        for piece in (p for line in lines for p in re.split(r"(?<=[.!?])\s+|\s•\s", line)):
            sig = _SIGNATURE.search(piece.strip())
            if sig:
                candidates.append("… – " + sig.group(1))
        for k, cand in enumerate(candidates):
            before = ""
            m = _FORMERLY.search(cand)
            if m:  # "Supt Quist (previously Insp Pike)": the earlier owner is a former one
                cand, before = cand[: m.start()], cand[m.end() :]
            statement = label is not None and k == 0
            names = owners_in_statement(cand[cand.find(":") + 1 :]) if statement else []
            if statement and not names:
                for post in posts_in_statement(_first_line(cand[cand.find(":") + 1 :])):
                    posts.setdefault(post, para)
            for name in names if statement else find_owners(cand):
                if name not in current:
                    current.append(name)
                    sources.setdefault(name, para)
            for name in find_owners("Person Responsible: " + before) if before else []:
                former.append(name)
                sources.setdefault(name, para)
    if not current:  # the body names only posts after its owner label (`Head of ICT`)
        current = list(posts)
        sources.update(posts)
    former = [f for f in dict.fromkeys(former) if f not in current]
    return current, former, sources


def _first_line(text: str) -> str:
    """An owner statement up to the end of its sentence or line: what follows is prose."""
    return re.split(r"(?<=[a-z)])\.\s|\n|\s[–—-]\s(?=[a-z])", text, maxsplit=1)[0]
