"""A paper's own colour key: which fill colour means what, read from the paper itself.

Some papers print a value only as a cell's fill (a status cell coloured blue, a Ref cell
coloured red) and explain the colours in a key somewhere in the paper: a table of filled
cells each holding, or standing beside, the words it means (`[blue] Complete`, `[amber]
Delayed`). The key is read by a vocabulary reader (a status, a priority), so the same rule
decodes any value printed as a colour.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from jarap.extract.vocab import RAG_STATUS, Status, rag_colour, status_word
from jarap.ingest.document import Document

T = TypeVar("T")


def colour_key(doc: Document, meaning: Callable[[str], T | None]) -> dict[str, T]:
    """Fill colour (upper-case hex) -> what the key says it means: a filled cell whose own
    text, or else the text of the cell after it, the reader gives a meaning (first wins)."""
    key: dict[str, T] = {}
    for table in doc.tables:
        for row in table.rows:
            for i, cell in enumerate(row.cells):
                if not cell.shading:
                    continue
                beside = row.cells[i + 1].text if i + 1 < len(row.cells) else ""
                value = meaning(cell.text) if cell.text.strip() else None
                if value is None and beside.strip():
                    value = meaning(beside)
                if value is not None:
                    key.setdefault(cell.shading.upper(), value)
    return key


def status_of_key_text(text: str) -> Status | None:
    """What a status key's words mean: a status phrase (`Complete`, `On track`), else a
    colour name alone (`Blue`) read as `vocab.RAG_STATUS` says."""
    found = status_word(text)
    if found is not None:
        return found
    colour = rag_colour(text, tuple(RAG_STATUS))
    return RAG_STATUS[colour] if colour else None


def status_key(doc: Document) -> dict[str, Status]:
    return colour_key(doc, status_of_key_text)
