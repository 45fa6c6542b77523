"""A paper's series: the panel that published it, so papers are compared with their own.

An archive holds many panels' papers (several forces' audit committees, each publishing
its own trackers). A recommendation can only be followed, closed or missed in the papers
of the panel that tracks it: force B's later tracker says nothing about force A's open
recommendations, and two forces' `FLEET MANAGEMENT` audits of one month are two audits.

The series is the printed organisation (the letterhead), normalised so two printings of
one name agree: case, spacing, punctuation, and the joining words `&`, AND, OF, THE, FOR
dropped. The reference panel prints its own name both as `POLICE & CRIME COMMISSIONER FOR
LEICESTERSHIRE JOINT AUDIT, RISK & ASSURANCE PANEL` (January 2020) and `POLICE AND CRIME
COMMISSIONER FOR LEICESTERSHIRE JOINT, AUDIT AND RISK ASSURANCE PANEL` (July 2021): the
`and` moves, the other words keep their order. Papers with no organisation
printed form one series together, `UNATTRIBUTED` (what the whole archive was before).
It is computed once, here, when a paper is stored (`db.rows`) or migrated (0007), and
stored in `papers.series`; the linker, the views and the export only read it.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterable

# lower case: a normalised organisation is upper case, so no printed name can equal it
UNATTRIBUTED = "unattributed"
JOINING = frozenset({"AND", "OF", "THE", "FOR"})  # dropped: printings move or swap them


def series_of(organisation: str | None) -> str:
    """The series key of a printed organisation: its words in upper case and in printed
    order, punctuation, spacing and the `JOINING` words dropped; `UNATTRIBUTED` when no
    word is printed.

    >>> series_of("Police & Crime  Commissioner for Northshire, Joint Audit Panel")
    'POLICE CRIME COMMISSIONER NORTHSHIRE JOINT AUDIT PANEL'
    """
    words = re.sub(r"[\W_]+", " ", (organisation or "").replace("&", " and ")).upper().split()
    return " ".join(w for w in words if w not in JOINING) or UNATTRIBUTED


def tracker_dates_by_series(
    papers: Iterable[tuple[str, str, dt.date | None]],
) -> dict[str, list[dt.date]]:
    """Sorted tracker paper dates of each series, from (series, kind, paper_date) triples."""
    out: dict[str, set[dt.date]] = {}
    for series, kind, date in papers:
        if kind == "tracker" and date is not None:
            out.setdefault(series, set()).add(date)
    return {series: sorted(dates) for series, dates in out.items()}


def next_tracker(
    trackers: dict[str, list[dt.date]], series: str, after: dt.date | None
) -> dt.date | None:
    """The first tracker date of `series` after `after`: the paper a recommendation still
    open at `after` should appear in next (None: no later tracker, or an undated paper)."""
    if after is None:
        return None
    dates = trackers.get(series, [])
    i = bisect_right(dates, after)
    return dates[i] if i < len(dates) else None
