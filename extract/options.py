"""The one options object a layout spec gives the shared pipeline it runs, and the mark a
pipeline carries of the options it honours.

Kept apart from `extract.layouts` so the pipelines (`table_tracker`, `block_tracker`) can
import it without importing the registry that imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TypeVar

from jarap.extract.vocab import STATUS_VOCABULARIES

COVER_TABLES = frozenset({"declared_counts", "proposed_closed", "targets"})


@dataclass(frozen=True)
class LayoutOptions:
    """Everything a spec may ask of the shared pipeline it runs, in one place. Each option a
    spec sets is checked when the registry loads (`check_spec`): a known value, and a
    pipeline that reads it, so no option is silently ignored."""

    # which cover tables the papers print: declared_counts, proposed_closed, targets
    cover_tables: frozenset[str] = frozenset()
    # whether year-less update headings (`UPDATE October`) are dated from context (the shared
    # `extract.update_dates` rule) or left undated, as this layout's readers expect
    yearless_update_dates: bool = False
    # the status vocabulary (`vocab.STATUS_VOCABULARIES`) of a status printed on a line of
    # its own under a recommendation (`COMPLETED`, `PROPOSED CLOSED`)
    status_lines: str = "status line"
    # the status vocabulary of a status column (`Completed` closed, or proposed closed where
    # the panel agrees closure: `status column, closure to agree`)
    status_column: str = "status column"
    # whether a status printed only as a fill colour is decoded by the paper's own colour key
    # (`extract.colour_key`)
    status_from_colour: bool = False

    def errors(self) -> list[str]:
        """What is wrong with the values themselves."""
        out = [f"unknown cover table {t!r}" for t in sorted(self.cover_tables - COVER_TABLES)]
        for name in (self.status_lines, self.status_column):
            if name not in STATUS_VOCABULARIES:
                out.append(f"unknown status vocabulary {name!r}")
        return out

    def set_options(self) -> set[str]:
        """The options this spec sets (those that differ from the default)."""
        default = LayoutOptions()
        return {f.name for f in fields(self) if getattr(self, f.name) != getattr(default, f.name)}


F = TypeVar("F")


def reads_options(*names: str) -> Callable[[F], F]:
    """Mark a pipeline with the options it honours: a spec running it may set only these."""
    known = {f.name for f in fields(LayoutOptions)}
    unknown = set(names) - known
    assert not unknown, f"unknown options {sorted(unknown)}"

    def mark(parse: F) -> F:
        parse.options_read = frozenset(names)  # type: ignore[attr-defined]
        return parse

    return mark
