"""The pipeline of action tables: one row per action a panel raised in its minutes.

Columns are placed by their roles (`Meeting Date · Minute No. · Paper · Action · Person
Responsible · Target Date · Update`, in any order and wording the spec's roles name). The
update cell accumulates dated entries (`2.2.16 – …`): an entry starts at a date that leads
it, and an action is closed when its last entry says `CLOSE`. Sheets print the date that
leads an entry in bold (`**14.1.16** – …`): in a cell with bold dates, a date not in bold
leads only after the end of a sentence (`… for February. 28.02.17 – TOR …`, as the reference
sheet prints one), so a date in a sentence (`the board held 14/6/18 – …`) never starts an
entry whatever word is before it. Without bold, the words before each date decide.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jarap.extract.columns import header_roles, roles
from jarap.extract.dates import normalise_date
from jarap.extract.records import Action, ActionUpdate, Paper, Provenance, provenance_of
from jarap.extract.vocab import POST_LIST_SPLIT, Status
from jarap.ingest.document import Cell, Document, Row

if TYPE_CHECKING:
    from jarap.extract.layouts.spec import LayoutSpec

_ENTRY = re.compile(r"(?:^|(?<=[\s\x00]))(\d{1,2}[./]\d{1,2}[./]\d{2,4})\s*(?:[–—-]\s*|(?=[A-Z]))")
_CLOSED = re.compile(r"\bCLOSED?\b")
# a date after one of these words is inside a sentence ("a meeting on the 6/3/17 – …", "the
# last update 29/12/16 – …"), not the date that leads an entry
_IN_SENTENCE = frozenset(
    "on the of by from until till since before after at in to dated update updated last "
    "next meeting week w/c".split()
)


# put before a date printed in bold (the reader keeps bold runs in every format)
LEAD_MARK = "\x00"


def _leads_entry(text: str, start: int) -> bool:
    before = text[:start].split()
    return not before or before[-1].lower().strip(",") not in _IN_SENTENCE


def _bold_led(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] == LEAD_MARK


def _after_sentence(text: str, start: int) -> bool:
    """Nothing before the date, or the end of a sentence (`… for February. 28.02.17 – …`)."""
    before = text[:start].replace(LEAD_MARK, " ").rstrip()
    return not before or before.endswith((".", "!", "?", ":"))


ACTION_ROLES = roles("action sheet")
ACTION_REQUIRED = frozenset({"minute", "action", "update"})


def _header_columns(row: Row, spec: LayoutSpec) -> dict[str, int] | None:
    roles = spec.header.roles if spec.header else ACTION_ROLES
    required = spec.header.required if spec.header else ACTION_REQUIRED
    cols = header_roles(row, roles)
    return cols if required <= cols.keys() else None


def split_updates(text: str, source: Provenance | None = None) -> list[ActionUpdate]:
    """`2.2.16 – Ongoing 20.06.16 – Still considered … CLOSE` -> dated entries in order: an
    entry starts at a date that leads it, never at a date inside a sentence."""
    found = list(_ENTRY.finditer(text))
    any_bold = any(_bold_led(text, m.start()) for m in found)
    marks = [
        m
        for m in found
        if _bold_led(text, m.start())
        or (_leads_entry(text, m.start()) and (not any_bold or _after_sentence(text, m.start())))
    ]
    updates: list[ActionUpdate] = []

    def clean(piece: str) -> str:
        return " ".join(piece.replace(LEAD_MARK, " ").split())

    if marks and clean(text[: marks[0].start()]):
        updates.append(ActionUpdate(None, clean(text[: marks[0].start()]), source))
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        entry = ActionUpdate(normalise_date(m.group(1)), clean(text[m.end() : end]), source)
        updates.append(entry)
    if not marks and clean(text):
        updates.append(ActionUpdate(None, clean(text), source))
    return updates


def _marked_text(cell: Cell) -> str:
    """The cell's text with LEAD_MARK before each date printed in bold at the start of a run."""
    paras = []
    for para in cell.paragraphs:
        pieces = []
        for run in para.runs:
            body = run.text.lstrip()
            lead = run.bold and _ENTRY.match(body.rstrip() + " –")
            mark = LEAD_MARK if lead else ""
            pieces.append(run.text[: len(run.text) - len(body)] + mark + body)
        paras.append("".join(pieces))
    return " ".join(" ".join(paras).split())


def _owners(text: str) -> list[str]:
    parts = POST_LIST_SPLIT.split(text)
    return [p.strip() for p in parts if p.strip()]


def _cell_text(row: Row, index: int | None) -> str:
    if index is None or index >= len(row.cells):
        return ""
    return " ".join(row.cells[index].text.split())


def _action(row: Row, cols: dict[str, int]) -> Action | None:
    action = _cell_text(row, cols["action"])
    minute = _cell_text(row, cols["minute"])
    if not action or not minute:
        return None
    update_cell = row.cells[cols["update"]] if cols["update"] < len(row.cells) else None
    where = provenance_of(update_cell) if update_cell else provenance_of(row)
    updates = split_updates(_marked_text(update_cell), where) if update_cell else []
    last = updates[-1].text if updates else ""
    target = _cell_text(row, cols.get("target"))
    provenance = {
        key: provenance_of(row.cells[i])
        if i is not None and i < len(row.cells)
        else provenance_of(row)
        for key, i in (
            ("meeting_date", cols.get("meeting")),
            ("minute", cols.get("minute")),
            ("paper_ref", cols.get("paper")),
            ("action", cols.get("action")),
            ("owners", cols.get("owner")),
            ("target", cols.get("target")),
            ("status", cols.get("update")),
        )
    }
    provenance["record"] = provenance_of(row)
    return Action(
        meeting_date=normalise_date(_cell_text(row, cols.get("meeting"))),
        minute=minute,
        paper_ref=_cell_text(row, cols.get("paper")) or None,
        action=action,
        owners=_owners(_cell_text(row, cols.get("owner"))),
        target=normalise_date(target) if target else None,
        updates=updates,
        status=Status.CLOSED if _CLOSED.search(last) else Status.OPEN,
        page_start=row.page,
        provenance=provenance,
    )


def parse(doc: Document, spec: LayoutSpec) -> Paper:
    """Read an action table with the given spec."""
    paper = Paper(layout=spec.name, kind=spec.kind)
    heads = [" ".join(p.text.split()) for p in doc.paragraphs[:6] if p.text.strip()]
    if heads:
        paper.organisation = heads[0]
        paper.title = next((h for h in heads[1:] if "ACTION" in h.upper()), None)
    for table in doc.tables:
        cols = None
        for row in table.rows:
            found = _header_columns(row, spec)
            if found:
                cols = found
                continue
            if cols is None:
                continue
            action = _action(row, cols)
            if action is not None:
                paper.actions.append(action)
            elif any(c.text for c in row.cells):
                paper.warnings.append(f"row without minute or action skipped: {row.texts[:3]}")
    return paper
