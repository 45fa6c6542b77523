"""Which column holds what: header cells read by what they mean, not by position.

A layout names the roles its tables have (`audit`, `priority`, `ref`, `update`, …), each with
the header wordings that announce it. `header_roles` maps one header row onto those roles and
`find_header` finds the row, anywhere in the document, that names every required role. The
appendix tables, the action sheet and other panels' follow-up tables all use this one step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from jarap.ingest.document import Document, Row, Table


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


@dataclass
class Header:
    """A header row found in a table: where it is and which column holds which role."""

    table: Table
    row_index: int
    columns: dict[str, int]

    def column(self, role: str) -> int | None:
        return self.columns.get(role)


def _header_text(text: str) -> str:
    return " ".join(text.lower().split())


def header_roles(row: Row, roles: tuple[Role, ...]) -> dict[str, int]:
    """Role -> column index for one row: each cell takes the first role (in the spec's order)
    it announces, and each role its first cell."""
    found: dict[str, int] = {}
    for index, cell in enumerate(row.cells):
        text = _header_text(cell.text)
        if not text or len(text) > 120:
            continue
        for role in roles:
            if role.name not in found and role.matches(text):
                found[role.name] = index
                break
    return found


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
                return Header(table, i, found)
    return None


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
                out.append(Header(table, i, found))
                break
    return out


def best_header_fraction(
    doc: Document, roles: tuple[Role, ...], required: frozenset[str], forbidden: frozenset[str]
) -> tuple[float, dict[str, int]]:
    """How much of the required header the best row of the document shows (0..1), for
    detection: a row naming a forbidden role counts for nothing."""
    best: tuple[float, dict[str, int]] = (0.0, {})
    if not required:
        return best
    for table in doc.tables:
        for row in table.rows[:40]:
            found = header_roles(row, roles)
            if forbidden & found.keys():
                continue
            share = len(required & found.keys()) / len(required)
            if share > best[0]:
                best = (share, found)
    return best


def is_header_row(row: Row, roles: tuple[Role, ...], required: frozenset[str]) -> bool:
    """A header repeated on a later page."""
    return required <= header_roles(row, roles).keys()
