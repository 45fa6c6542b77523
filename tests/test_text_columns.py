"""The whitespace-column table finder (ingest/text_columns.py) on tables drawn by a seeded
generator: column count, column widths, cell lengths (so wraps), a page break with a footer
and a form feed inside the table, and a colour-only column left empty, all drawn, none picked.
Every drawn table must read back to its cells, row by row."""

from __future__ import annotations

import random
import textwrap

import pytest

from jarap.ingest.document import Table
from jarap.ingest.text_columns import columns_to_blocks
from jarap.ingest.text_reader import is_column_layout

WORDS = (
    "review control register owner payroll fleet custody property update agreed "
    "quarterly schedule training supplier system report retention evidence monthly board"
).split()


def _cell(rng: random.Random, ref: str | None) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 14))]
    text = " ".join(words).capitalize()
    return f"{ref} {text}" if ref else text


def _draw(seed: int) -> tuple[str, list[list[str]]]:
    """A paper: a prose line, a table set in columns, a prose line; returns the text and
    the table's cells (header first)."""
    rng = random.Random(seed)
    ncols = rng.randint(2, 5)
    widths = [rng.randint(12, 40) for _ in range(ncols)]
    gap = rng.randint(2, 5)
    empty = rng.randrange(1, ncols) if ncols > 2 and rng.random() < 0.4 else None
    header = [f"Heading{i} {rng.choice(WORDS)}".title() for i in range(ncols)]
    rows = [header]
    for r in range(rng.randint(2, 7)):
        rows.append(
            [
                "" if i == empty else _cell(rng, f"{r + 1}.{i + 1}" if i == 0 else None)
                for i in range(ncols)
            ]
        )
    lines: list[str] = ["Introduction to the report, a line of prose."]
    break_after = rng.randint(2, len(rows) - 1)
    for k, row in enumerate(rows):
        wrapped = [textwrap.wrap(c, w) or [""] for c, w in zip(row, widths, strict=True)]
        for j in range(max(len(w) for w in wrapped)):
            parts = [
                (w[j] if j < len(w) else "").ljust(width)
                for w, width in zip(wrapped, widths, strict=True)
            ]
            lines.append((" " * gap).join(parts).rstrip())
        if k == break_after:
            lines += ["", "", "Council Audit Panel – Page 1", "\f"]
    lines += ["", "Closing remarks of the report."]
    return "\n".join(lines).replace("\n\f\n", "\f"), rows


@pytest.mark.parametrize("seed", range(60))
def test_a_drawn_whitespace_table_reads_back_to_its_cells(seed: int) -> None:
    text, rows = _draw(seed)
    assert is_column_layout(text)
    tables = [b for b in columns_to_blocks(text) if isinstance(b, Table)]
    assert len(tables) == 1, [len(t.rows) for t in tables]
    got = [[" ".join(c.text.split()) for c in r.cells] for r in tables[0].rows]
    want = [[" ".join(c.split()) for c in row] for row in rows]
    assert got == want


def test_tab_rows_keep_the_reference_reading() -> None:
    """The reference converter's TAB rows never go to the column finder."""
    assert not is_column_layout("Audit\tRef\tUpdate\nFleet  x\t4.1  Title\tDone\n")
    assert not is_column_layout("One paragraph.\nAnother paragraph.\n")


def test_justified_prose_with_two_spaces_after_full_stops_is_not_a_table() -> None:
    """Two spaces after a full stop can line up on consecutive lines of prose, and a
    reference conversion spaces a line's parts apart: neither is a column layout."""
    prose = (
        "Update May 2022: The new register has been issued to all teams.  The older lists\n"
        "have been withdrawn from the shared drive and the archive.  Owners have confirmed\n"
        "their entries for the first quarter and the checks are now done.  A dip sample is\n"
        "Target Date: 30th June 2022   revised 30th September 2022   revised March 2023\n"
    )
    assert not is_column_layout(prose)
    assert is_column_layout(
        prose + "\nName        Role\nAda Quist   Finance lead\nJo Baxter   Fleet\n"
    )
