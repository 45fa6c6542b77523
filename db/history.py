"""What a recommendation's history means: revisions, slippage, closure and vanishing, once.

The export's `history` file, the `histories` table the views read (written by the linker
after every run) and `jarap check`'s "vanished" warnings all come from `history_of`, so
they cannot disagree (the rules used to live partly in Python and partly in SQL).

- **Targets.** Every date a paper states for a recommendation (its target chain, struck or
  not, then its current target), paper by paper, is read in order. A *revision* is a later
  target in a later month than the latest one so far: restating `1st July 2024` as `July
  2024` (a coarser precision, the same month) is not one, nor is a date earlier than the
  latest. The first stated target is the original one; the last revision the latest one;
  *slippage* is the days between them.
- **Closure.** Printed `closed` closes it as of that paper. Proposed closed in its last
  paper and absent from its panel's next tracker: closed as of that next tracker. A
  proposal followed by another appearance (a refused closure) does not close it.
- **Vanished.** Absent from its panel's next tracker without a closing status (closed,
  proposed closed, superseded, not adopted): a warning, unless it reappears later (then it
  is not its last paper). Superseded and not adopted are kept as printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from jarap.extract.vocab import CLOSING_STATUSES, Status


@dataclass(frozen=True)
class Stated:
    """A date as a paper printed it (a contract DateValue's three parts)."""

    raw: str
    date: dt.date | None
    precision: str | None

    def as_dict(self) -> dict[str, str | None]:
        return {
            "raw": self.raw,
            "date": self.date.isoformat() if self.date else None,
            "precision": self.precision if self.date else None,
        }


@dataclass
class Seen:
    """One kept snapshot (one per paper date), oldest first."""

    paper_date: dt.date | None
    status: str
    targets: Sequence[Stated] = ()  # the chain printed in this paper, in printed order
    current: Stated | None = None
    next_tracker: dt.date | None = None  # the panel's next tracker after this paper
    source_file: str = ""


@dataclass
class History:
    original_target: Stated | None = None
    latest_target: Stated | None = None
    revisions: int = 0
    slippage_days: int | None = None
    latest_status: str = Status.OPEN
    closed_by: dt.date | None = None
    vanished_from: dt.date | None = None  # the tracker it is missing from, unexplained
    moves: list[Stated] = field(default_factory=list)  # the original and each revision


def _month(d: dt.date) -> tuple[int, int]:
    return (d.year, d.month)


def target_moves(seen: Sequence[Seen]) -> list[Stated]:
    """The original target, then each revision (see the module docstring)."""
    moves: list[Stated] = []
    for snap in seen:
        stated = list(snap.targets) + ([snap.current] if snap.current else [])
        for value in stated:
            if value.date is None:
                continue
            if not moves:
                moves.append(value)
            elif _month(value.date) > _month(moves[-1].date):  # type: ignore[arg-type]
                moves.append(value)
    return moves


def history_of(seen: Sequence[Seen]) -> History:
    """The meaning of one recommendation's snapshots (oldest first, one per paper date)."""
    out = History()
    if not seen:
        return out
    moves = target_moves(seen)
    out.moves = moves
    if moves:
        out.original_target, out.latest_target = moves[0], moves[-1]
        out.revisions = len(moves) - 1
        out.slippage_days = (moves[-1].date - moves[0].date).days  # type: ignore[operator]
    else:  # printed without a date (`TBC`): keep the words
        first = next((t for s in seen for t in s.targets), None)
        current = next((s.current for s in reversed(seen) if s.current), None)
        out.original_target, out.latest_target = first, current or first
    last = seen[-1]
    out.latest_status = last.status
    if last.status == Status.CLOSED:
        run = len(seen) - 1
        while run > 0 and seen[run - 1].status == Status.CLOSED:
            run -= 1
        out.closed_by = seen[run].paper_date
    elif last.status == Status.PROPOSED_CLOSED and last.next_tracker is not None:
        out.latest_status, out.closed_by = Status.CLOSED, last.next_tracker
    elif (
        last.status not in CLOSING_STATUSES
        and last.paper_date is not None
        and last.next_tracker is not None
    ):
        out.vanished_from = last.next_tracker
    return out
