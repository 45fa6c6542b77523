"""What converting one file gives: a status, the problems found and the paper read.

These are the types a worker sends the writer, apart from the reading that makes them
(`jarap.convert`): the writer stores a `Conversion` and needs none of the reading rules
(the layouts, the field readers, the owner tokenizer's tables, the date patterns), whose
import was most of its start-up. Like docling's `ConversionResult`, a conversion carries a
status and a list of problems, so a paper with problems is never reported as clean, and
the output of each step is kept for inspection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the reading's own types: a worker's results without them (batch._slim)
    from jarap.extract.generic_tables import ColumnMap
    from jarap.extract.layouts import LayoutScore
    from jarap.extract.records import Paper
    from jarap.ingest.document import Document


class Status(StrEnum):
    """How one file came through: `unchanged` is only given at load time (known hash)."""

    SUCCESS = "success"
    PARTIAL = "partial"
    FAILED = "failed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: a stable code, a line for people, where it is."""

    code: str
    message: str
    locator: str | None = None

    def __str__(self) -> str:
        return self.message


@dataclass
class Step:
    """One step's output, kept so `inspect` can show how a result came about."""

    name: str
    output: Any

    def __repr__(self) -> str:
        return f"<Step {self.name}: {self.output!r}>"


@dataclass
class Conversion:
    path: Path
    status: Status
    document: Document | None = None
    paper: Paper | None = None
    layout: LayoutScore | None = None
    candidates: list[LayoutScore] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    trace: list[Step] = field(default_factory=list)
    # the reading used: `spec` (a layout claimed it), `generic` (read by meaning), `none`
    reading: str = "none"
    # how each table (or labelled block) the reading used was read: its column -> role map
    tables: list[ColumnMap] = field(default_factory=list)

    @property
    def error(self) -> str | None:
        """The reason a failed file failed (its first problem)."""
        if self.status is Status.FAILED and self.problems:
            return self.problems[0].message
        return None

    def __repr__(self) -> str:
        layout = self.layout.name if self.layout else "no layout"
        return (
            f"<Conversion {self.path.name} {self.status} {layout} ({len(self.problems)} problems)>"
        )
