"""A layout as data: what its papers show (cues), what their tables hold (column roles),
which cover tables they print, and the few hooks whose logic is really the layout's own.

Detection is scoring, not a chain of true/false checks: every spec weighs the evidence it
finds in a document (the header row its appendix table must have, words and patterns its
papers print, things they never print) into a score between 0 and 1, and keeps the evidence
so `jarap inspect` can show why a paper was read the way it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from jarap.extract.columns import Role, best_header_fraction, header_candidates
from jarap.extract.options import LayoutOptions
from jarap.extract.records import Paper
from jarap.ingest.document import Cell, Document


@dataclass(frozen=True)
class Cue:
    """One piece of evidence: a pattern some paragraph (or cell) of the paper matches.

    A negative weight is evidence against the layout (something its papers never print)."""

    what: str
    pattern: str
    weight: float = 1.0
    where: str = "text"  # "paragraphs" | "cells" | "text" (both)
    min_count: int = 1

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.M)


@dataclass(frozen=True)
class HeaderCue:
    """The header row a layout's main table must have: roles required, roles it never has."""

    roles: tuple[Role, ...]
    required: frozenset[str]
    forbidden: frozenset[str] = frozenset()
    weight: float = 3.0


@dataclass(frozen=True)
class Hooks:
    """Logic that is one layout's own, called by the shared pipeline where it applies."""

    # given the document, a reader of priority from a Risk cell (e.g. its colour via a legend)
    cell_priority: Callable[[Document], Callable[[Cell], str | None]] | None = None


@dataclass(frozen=True)
class LayoutSpec:
    name: str
    kind: str  # the interchange `kind`: tracker | action_sheet | audit_report
    parse: Callable[[Document, LayoutSpec], Paper]  # the shared pipeline this layout runs
    header: HeaderCue | None = None
    cues: tuple[Cue, ...] = ()
    options: LayoutOptions = field(default_factory=LayoutOptions)
    hooks: Hooks = field(default_factory=Hooks)
    description: str = ""

    def read(self, doc: Document) -> Paper:
        """Parse a document as this layout (no detection, no reconciliation)."""
        return self.parse(doc, self)

    def __repr__(self) -> str:
        return f"<LayoutSpec {self.name}>"


def check_spec(spec: LayoutSpec) -> list[str]:
    """Why a spec cannot be registered: an option with an unknown value, or one its
    pipeline does not read (it would be silently ignored)."""
    out = [f"{spec.name}: {e}" for e in spec.options.errors()]
    honoured: frozenset[str] = getattr(spec.parse, "options_read", frozenset())
    for name in sorted(spec.options.set_options() - honoured):
        pipeline = getattr(spec.parse, "__qualname__", repr(spec.parse))
        out.append(f"{spec.name}: option {name!r} is not read by its pipeline {pipeline}")
    return out


@dataclass
class DocumentText:
    """A document's paragraph and cell texts, gathered once for every spec to score."""

    paragraphs: str
    cells: str
    header_rows: list[list[str]]  # see `header_candidates`

    @classmethod
    def of(cls, doc: Document) -> DocumentText:
        paras = "\n".join(" ".join(p.text.split()) for p in doc.paragraphs)
        cells = "\n".join(
            " ".join(c.text.split()) for t in doc.tables for r in t.rows for c in r.cells
        )
        return cls(paras, cells, header_candidates(doc))

    @cached_property
    def text(self) -> str:
        """Paragraphs and cells: made once, where every spec's cues read it."""
        return self.paragraphs + "\n" + self.cells

    def where(self, where: str) -> str:
        if where == "paragraphs":
            return self.paragraphs
        if where == "cells":
            return self.cells
        return self.text


@dataclass
class LayoutScore:
    spec: LayoutSpec
    score: float
    evidence: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def layout(self) -> LayoutSpec:
        return self.spec

    def __repr__(self) -> str:
        return f"<LayoutScore {self.name} {self.score:.2f}>"


def score(spec: LayoutSpec, doc: Document, text: DocumentText) -> LayoutScore:
    """Weighted share of the spec's evidence found in the document (0..1)."""
    total = got = 0.0
    evidence: list[str] = []
    if spec.header is not None:
        head = spec.header
        share, cols = best_header_fraction(
            text.header_rows, head.roles, head.required, head.forbidden
        )
        total += head.weight
        # the pipeline can only read the table under a full header, so only a full one counts
        got += head.weight if share == 1 else 0.0
        named = ", ".join(sorted(head.required & cols.keys())) or "none"
        sign = "+" if share == 1 else " "
        evidence.append(f"{sign} header row names {share:.0%} of its columns ({named})")
    for cue in spec.cues:
        count = len(cue.regex.findall(text.where(cue.where)))
        if cue.weight > 0:
            total += cue.weight
        if count >= cue.min_count:
            got += cue.weight
            sign = "+" if cue.weight > 0 else "-"
            evidence.append(f"{sign} {cue.what} ({count}x)")
        elif cue.weight > 0:  # looked for and not found: evidence too, of what is missing
            evidence.append(f"  {cue.what} ({count}x)")
    value = max(0.0, got) / total if total else 0.0
    return LayoutScore(spec, round(value, 3), evidence)
