"""Which column holds what: header cells read by what they mean, not by position.

A layout names the roles its tables have (`audit`, `priority`, `ref`, `update`, …), each with
the header wordings that announce it. `header_roles` maps one header row onto those roles and
`find_header` finds the row, anywhere in the document, that names every required role. The
appendix tables, the action sheet and other panels' follow-up tables all use this one step.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from jarap.extract.vocab import HEADER_ROLES
from jarap.ingest.document import Cell, Document, Row, Table


@dataclass(frozen=True)
class Role:
    """A column role and the header wordings (regexes, lower-case text) that announce it."""

    name: str
    cues: tuple[str, ...]

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The cues as one compiled alternation: detection tests every role of every spec
        against the first rows of every table, and `re.search` with a string pattern paid a
        cache lookup per cue per cell (a tenth of an ingest)."""
        return re.compile("|".join(f"(?:{cue})" for cue in self.cues))

    def matches(self, header: str) -> bool:
        return self.pattern.search(header) is not None


def roles(name: str) -> tuple[Role, ...]:
    """The roles of a named kind of table (`vocab.HEADER_ROLES`), in checking order."""
    return tuple(Role(role, cues) for role, cues in HEADER_ROLES[name])


@dataclass
class Header:
    """A header row found in a table: where it is and which column holds which role."""

    table: Table
    row_index: int
    columns: dict[str, int]
    width: int = 0  # grid columns (0: the header row's cells)

    def column(self, role: str) -> int | None:
        return self.columns.get(role)

    @property
    def columns_wide(self) -> int:
        """How many columns the table's rows have under this header."""
        return self.width or len(self.table.rows[self.row_index].cells)


def _header_text(text: str) -> str:
    return " ".join(text.lower().split())


# a cell longer than this is body text, never a header
HEADER_MAX = 120


def header_texts(row: Row) -> list[str]:
    """Each grid column's text as header cues read it (lower case, spaces collapsed; a cell
    spanning columns over each of them, so roles index the columns of the rows below), ""
    for a cell too long to be a header: computed once per row where many role sets test the
    same rows."""
    texts = []
    for cell in row.cells:
        text = _header_text(cell.text)
        texts += [text if len(text) <= HEADER_MAX else ""] * max(1, cell.col_span)
    return texts


def texts_below(top: Row, below: Row, text: Callable[[Cell], str]) -> list[str]:
    """The texts of the row under `top` by grid column. A reader that leaves out the places a
    cell above covers (`row_span` 2: PDF) gets them back as empty texts; one that keeps them
    as empty cells (Word, text) is read as it is."""
    width = sum(max(1, c.col_span) for c in top.cells)
    if sum(max(1, c.col_span) for c in below.cells) >= width:
        return [text(c) for c in below.cells for _ in range(max(1, c.col_span))]
    out: list[str] = []
    rest = list(below.cells)
    for cell in top.cells:
        span = max(1, cell.col_span)
        if cell.row_span >= 2:
            out += [""] * span
            continue
        taken = 0
        while rest and taken < span:
            nxt = rest.pop(0)
            out += [text(nxt)] * max(1, nxt.col_span)
            taken += max(1, nxt.col_span)
        out += [""] * (span - taken)
    return out


# a second header row (sub-columns under a group cell) has only short cells
SUBHEADER_MAX = 30


def with_subheader(
    table: Table, i: int, roles: tuple[Role, ...], found: dict[str, int]
) -> tuple[int, dict[str, int], list[str]] | None:
    """A group header over a row of sub-columns (`Target date` over `Original | Revised`):
    the header's last row, roles and texts read with the row below, when that row is short
    cells only and names more roles that way; None otherwise."""
    if i + 1 >= len(table.rows):
        return None
    top, below = table.rows[i], table.rows[i + 1]
    below_texts = [_header_text(c.text) for c in below.cells]
    if not any(below_texts) or any(len(t) > SUBHEADER_MAX for t in below_texts):
        return None
    upper = header_texts(top)
    lower = texts_below(top, below, lambda c: _header_text(c.text))
    if len(lower) != len(upper):
        return None
    pairs = zip(upper, lower, strict=True)
    joined = [" ".join(f"{a} {b}".split()) if a != b else a for a, b in pairs]
    both = roles_in(joined, roles)
    if len(both) <= len(found) or not found.keys() <= both.keys():
        return None
    return i + 1, both, joined


def roles_in(texts: list[str], roles: tuple[Role, ...]) -> dict[str, int]:
    """Role -> column index for one row's header texts: each cell takes the first role (in
    the spec's order) it announces, and each role its first cell."""
    found: dict[str, int] = {}
    any_role = _any_role(roles)
    for index, text in enumerate(texts):
        if not text or any_role.search(text) is None:  # (most cells: no role's cue at all)
            continue
        for role in roles:
            if role.name not in found and role.matches(text):
                found[role.name] = index
                break
    return found


_ANY_ROLE: dict[int, tuple[tuple[Role, ...], re.Pattern[str]]] = {}


def _any_role(roles: tuple[Role, ...]) -> re.Pattern[str]:
    """Every cue of a role set as one pattern: a cell none of them matches is passed over
    in one search. Kept by the tuple's id (the tuple kept with it, so the id stays its
    own): role sets are the specs' constants, and hashing one cost more than the search."""
    known = _ANY_ROLE.get(id(roles))
    if known is None or known[0] is not roles:
        if len(_ANY_ROLE) > 256:  # role sets made on the fly (tests): never a growing cache
            _ANY_ROLE.clear()
        pattern = re.compile("|".join(f"(?:{role.pattern.pattern})" for role in roles))
        known = _ANY_ROLE[id(roles)] = (roles, pattern)
    return known[1]


def header_roles(row: Row, roles: tuple[Role, ...]) -> dict[str, int]:
    """Role -> column index for one row (see `roles_in`)."""
    return roles_in(header_texts(row), roles)


def find_header(
    doc: Document,
    roles: tuple[Role, ...],
    required: frozenset[str],
    forbidden: frozenset[str] = frozenset(),
) -> Header | None:
    """The first row of any table that names every required role and no forbidden one."""
    for table in doc.tables:
        for i, row in enumerate(table.rows):
            found = header_roles(row, roles)
            if required <= found.keys() and not (forbidden & found.keys()):
                return _header(table, i, roles, found)
    return None


def _header(table: Table, i: int, roles: tuple[Role, ...], found: dict[str, int]) -> Header:
    """The header at row i, read with a row of sub-columns under it where there is one."""
    grouped = with_subheader(table, i, roles, found)
    if grouped is None:
        return Header(table, i, found, len(header_texts(table.rows[i])))
    return Header(table, grouped[0], grouped[1], len(grouped[2]))


def find_headers(
    doc: Document,
    roles: tuple[Role, ...],
    required: frozenset[str],
    forbidden: frozenset[str] = frozenset(),
) -> list[Header]:
    """Every table's first row that names every required role and no forbidden one: papers
    that print one table per audit repeat the header on each."""
    out: list[Header] = []
    for table in doc.tables:
        for i, row in enumerate(table.rows):
            found = header_roles(row, roles)
            if required <= found.keys() and not (forbidden & found.keys()):
                out.append(_header(table, i, roles, found))
                break
    return out


# detection looks for a header among a table's first rows only
HEADER_SEARCH_ROWS = 40


def header_candidates(doc: Document) -> list[list[str]]:
    """The header texts of the rows detection looks at: each table's first rows."""
    return [header_texts(row) for table in doc.tables for row in table.rows[:HEADER_SEARCH_ROWS]]


def best_header_fraction(
    candidates: list[list[str]],
    roles: tuple[Role, ...],
    required: frozenset[str],
    forbidden: frozenset[str],
) -> tuple[float, dict[str, int]]:
    """How much of the required header the best of the candidate rows (`header_candidates`)
    shows (0..1), for detection: a row naming a forbidden role counts for nothing."""
    best: tuple[float, dict[str, int]] = (0.0, {})
    if not required:
        return best
    for texts in candidates:
        found = roles_in(texts, roles)
        if forbidden & found.keys():
            continue
        share = len(required & found.keys()) / len(required)
        if share > best[0]:
            best = (share, found)
            if share == 1:  # no later row can beat it
                break
    return best


def is_header_row(row: Row, roles: tuple[Role, ...], required: frozenset[str]) -> bool:
    """A header repeated on a later page."""
    return required <= header_roles(row, roles).keys()
