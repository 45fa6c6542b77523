"""Tables read by what their headers and labels mean, for the generic reader.

A recommendation table is one whose header names the recommendation (or action) column and
at least two of ref, owner, date, status, priority and update. The header is read whole: a
cell wrapped over lines is joined with a space (`Rec` / `no` is `rec no`), a group cell
spanning sub-columns (`Target date` over `Original | Revised`) is read with each of them, and
roles are matched by words (`vocab.GENERIC_ROLE_CUES`). A key-value table (no header, the
first column's cells name roles) is one recommendation. (A colour key is read by
`extract.colour_key`, which skips the tables these find.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jarap.extract.columns import HEADER_MAX, SUBHEADER_MAX, Role, roles_in, texts_below
from jarap.extract.vocab import GENERIC_RECORD_ROLES, GENERIC_ROLE_CUES
from jarap.ingest.document import Cell, Row, Table

GENERIC_ROLES: tuple[Role, ...] = tuple(Role(name, cues) for name, cues in GENERIC_ROLE_CUES)

# a header is looked for among a table's first rows; a second header row has short cells
HEADER_ROWS = 3


@dataclass
class ColumnMap:
    """How one table (or labelled block) was read: where, how, and each column's (or label's)
    header text and role; what `jarap inspect` shows."""

    block: str
    how: str  # "header" | "key-value" | "labelled"
    header_rows: int = 0
    columns: list[dict] = field(default_factory=list)  # {"index", "header", "role"}

    def as_dict(self) -> dict:
        return {
            "block": self.block,
            "how": self.how,
            "header_rows": self.header_rows,
            "columns": self.columns,
        }


# a word a narrow PDF cell broke before its last letter (`Origina` / `l`, `Revise` / `d`)
_BROKEN_WORD = re.compile(r"\b([a-z]{3,}) ([b-hj-z])\b")


def cell_header(cell: Cell) -> str:
    """A header cell as one phrase: its lines joined with a space, lower case."""
    text = " ".join(" ".join(p.text for p in cell.paragraphs).split()).lower()
    text = re.sub(r"\s+(?=[.,:;)])", "", text.replace("*", ""))  # `rec . ref`: a PDF's `Rec.`
    return _BROKEN_WORD.sub(r"\1\2", text)


def grid_texts(row: Row) -> list[str]:
    """A row's header texts by grid column: a cell spanning columns repeats over them."""
    texts: list[str] = []
    for cell in row.cells:
        texts += [cell_header(cell)] * max(1, cell.col_span)
    return texts


def _role_texts(texts: list[str]) -> list[str]:
    return [t if len(t) <= HEADER_MAX else "" for t in texts]


def is_record_header(roles: dict[str, int]) -> bool:
    """The text column and at least two of the others (the two dates count once)."""
    if "action" not in roles and "title" not in roles:
        return False
    others = {("date" if r in ("original", "revised") else r) for r in roles}
    return len(others & ({"date"} | GENERIC_RECORD_ROLES)) >= 2


@dataclass
class TableHeader:
    table: Table
    row_index: int  # the first row after the header
    header_rows: int
    columns: dict[str, int]  # role -> grid column
    texts: list[str]  # each grid column's header text

    def column_map(self) -> ColumnMap:
        by_index = {i: role for role, i in self.columns.items()}
        return ColumnMap(
            self.table.locator,
            "header",
            self.header_rows,
            [
                {"index": i, "header": text, "role": by_index.get(i)}
                for i, text in enumerate(self.texts)
            ],
        )


def grid_below(top: Row, below: Row) -> list[str]:
    """The header texts of the row under `top` by grid column (`columns.texts_below`)."""
    return texts_below(top, below, cell_header)


def _subheader(row: Row) -> bool:
    texts = [cell_header(c) for c in row.cells]
    return any(texts) and all(len(t) <= SUBHEADER_MAX for t in texts)


def record_header(table: Table) -> TableHeader | None:
    """The header of a recommendation table, among its first rows (one row, or a group row
    over a row of sub-columns); None for any other table."""
    for i, row in enumerate(table.rows[:HEADER_ROWS]):
        top = grid_texts(row)
        roles = roles_in(_role_texts(top), GENERIC_ROLES)
        if i + 1 < len(table.rows) and _subheader(table.rows[i + 1]):
            below = grid_below(row, table.rows[i + 1])
            if len(below) == len(top):
                joined = [" ".join(f"{a} {b}".split()) if a != b else a for a, b in
                          zip(top, below, strict=True)]  # fmt: skip
                both = roles_in(_role_texts(joined), GENERIC_ROLES)
                if is_record_header(both) and len(both) > len(roles):
                    return TableHeader(table, i + 2, 2, both, joined)
        if is_record_header(roles):
            return TableHeader(table, i + 1, 1, roles, top)
    return None


def is_repeated_header(row: Row, header: TableHeader) -> bool:
    """A header printed again (a table continued on a new page)."""
    texts = grid_texts(row)
    return (
        len(texts) == len(header.texts)
        and texts == header.texts[: len(texts)]
        or (is_record_header(roles_in(_role_texts(texts), GENERIC_ROLES)))
    )


def label_role(text: str) -> str | None:
    """The role a label (`Responsible Officer`, `Agreed Implementation Date`) names."""
    label = " ".join(text.replace("*", "").split()).lower().rstrip(":")
    if not label or len(label) > 60:
        return None
    found = roles_in([label], GENERIC_ROLES)
    return next(iter(found), None)


def key_value_roles(table: Table) -> dict[int, str] | None:
    """Row index -> role of a key-value table (first cells name roles: at least three, one of
    them the recommendation's text or enough others); None for any other table."""
    if not table.rows or any(len(r.cells) < 2 for r in table.rows):
        return None
    roles: dict[int, str] = {}
    for i, row in enumerate(table.rows):
        role = label_role(row.cells[0].text)
        if role is not None and role not in roles.values():
            roles[i] = role
    names = set(roles.values())
    if len(roles) < 3 or not is_record_header({n: 0 for n in names}):
        return None
    if len(roles) < len([r for r in table.rows if r.cells[0].text.strip()]) / 2:
        return None
    return roles
