"""A paper's own colour key: which colour means what, read from the paper itself.

Some papers print a value only as a colour: a Ref or Risk cell filled red, a status cell
filled blue or printing `Amber`. They explain the colours in a key somewhere in the paper (a
legend row `RISK LEVEL | [red] Fundamental | [amber] Significant`, a table of `[blue] | Complete`
or `Blue | Implemented`). This is the one reader of such a key, for every layout and the generic
reader: each entry is a colour, a filled cell or a cell naming a colour, with the words it
means: its own words, else the words beside it, else (a colour named and nothing said) the
colour's name itself. The words are read by a vocabulary reader (a priority, a status), so the
same rule decodes any value printed as a colour. A table holding records is no key: its
cells' colours say what their own rows say, not what a colour means.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from jarap.extract.generic_tables import key_value_roles, record_header
from jarap.extract.status import status_in_column
from jarap.extract.vocab import (
    CSS_COLOURS,
    RAG_COLOURS,
    RAG_STATUS,
    Status,
    priority_word,
    rag_colour,
)
from jarap.ingest.document import Cell, Document

T = TypeVar("T")

# a key's words are a short phrase (`Not started`, `Housekeeping`); longer text is a sentence
KEY_WORDS_MAX = 40
# the names a key prints for its colours (`Blue`, `Amber`, `Grey`)
COLOUR_NAMES = frozenset(RAG_COLOURS) | frozenset(CSS_COLOURS)


@dataclass
class ColourKey(Generic[T]):
    """What each colour of a paper's key means: by fill (upper-case hex) and by the colour's
    printed name (lower case)."""

    fills: dict[str, T] = field(default_factory=dict)
    names: dict[str, T] = field(default_factory=dict)

    def fill(self, cell: Cell) -> T | None:
        """What the cell's fill means."""
        return self.fills.get(cell.shading.upper()) if cell.shading else None

    def of(self, cell: Cell) -> T | None:
        """What a cell printing a colour's name (`Amber`), or only a fill, means."""
        name = " ".join(cell.text.split()).lower()
        return self.names.get(name) if name else self.fill(cell)

    def __bool__(self) -> bool:
        return bool(self.fills or self.names)


def _words(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= KEY_WORDS_MAX else ""


def colour_key(doc: Document, meaning: Callable[[str], T | None]) -> ColourKey[T]:
    """The paper's key read by `meaning` (first entry wins per colour)."""
    key: ColourKey[T] = ColourKey()
    for table in doc.tables:
        if record_header(table) or key_value_roles(table):
            continue
        for row in table.rows:
            for i, cell in enumerate(row.cells):
                own = _words(cell.text)
                name = own.lower() if own.lower() in COLOUR_NAMES else None
                if not cell.shading and name is None:
                    continue
                beside = _words(row.cells[i + 1].text) if i + 1 < len(row.cells) else ""
                value = meaning(own) if own and name is None else None
                if value is None and beside:
                    value = meaning(beside)
                if value is None and name is not None:
                    value = meaning(name)
                if value is None:
                    continue
                if name is not None:
                    key.names.setdefault(name, value)
                if cell.shading:
                    key.fills.setdefault(cell.shading.upper(), value)
    return key


def status_of_key_text(text: str) -> Status | None:
    """What a status key's words mean: a status phrase (`Complete`, `On hold`) as a status
    column reads it, else a colour's name alone (`Blue`) as `vocab.RAG_STATUS` says."""
    signal = status_in_column(text)
    if signal is not None:
        return signal.status
    colour = rag_colour(text, tuple(RAG_STATUS))
    return RAG_STATUS[colour] if colour else None


def status_key(doc: Document) -> ColourKey[Status]:
    """The colours a paper's key gives statuses (`Blue | Implemented`)."""
    return colour_key(doc, status_of_key_text)


def priority_key(doc: Document) -> ColourKey[str]:
    """The fills a paper's key gives priorities (`[red] Fundamental`)."""
    return colour_key(doc, priority_word)


def fill_priority(doc: Document) -> Callable[[Cell], str | None]:
    """A reader of a cell's priority from its fill, through the paper's key (a layout's
    `Hooks.cell_priority`)."""
    return priority_key(doc).fill
