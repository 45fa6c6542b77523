"""`jarap slippage --plot`: each recommendation's first and latest target as a dumbbell.

The old chart drew bars by label, so two recommendations with the same label merged and
every value label above them sat one row off. Here every recommendation gets its own row,
found by `recommendation_id`, and its targets are drawn as dates (not as a number of days),
so the chart also shows *when* things were due against today and against each paper's date.
Rows are grouped by audit and coloured by priority. Needs matplotlib (the `plot` extra).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from jarap.db.sql import QueryError, run_query

MARKS_SQL = """
SELECT recommendation_id, audit_title, audit_date, ref, title, priority_level,
       original_target, latest_target
FROM v_slippage
WHERE original_target IS NOT NULL AND latest_target IS NOT NULL
"""
PAPER_DATES_SQL = "SELECT DISTINCT paper_date FROM papers WHERE paper_date IS NOT NULL"

COLOURS = {"high": "#c0392b", "medium": "#e67e22", "low": "#7f8c8d"}
NO_PRIORITY = "#34495e"
LABEL_MAX = 90  # characters of a row label; the audit and ref are always kept whole


@dataclass(frozen=True)
class Mark:
    """One row of the chart: one recommendation, first stated target to latest."""

    recommendation_id: str
    audit: str
    ref: str
    title: str
    priority: str | None
    first: dt.date
    latest: dt.date

    @property
    def label(self) -> str:
        head = f"{self.audit} {self.ref}".strip() + ": "
        room = max(LABEL_MAX - len(head), 12)
        title = self.title if len(self.title) <= room else self.title[: room - 1] + "…"
        return head + " ".join(title.split())


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _ref_key(ref: str) -> tuple:
    """4.10 after 4.9: numeric parts compare as numbers."""
    parts = ref.replace(".", " ").split()
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def slippage_marks(engine: Engine) -> list[Mark]:
    """One mark per recommendation with a readable first and latest target, grouped by
    audit (audits in order of their first target), refs in order within each audit."""
    result = run_query(engine, MARKS_SQL)
    col = {c: i for i, c in enumerate(result.columns)}
    marks = [
        Mark(
            recommendation_id=r[col["recommendation_id"]],
            audit=r[col["audit_title"]] or "",
            ref=r[col["ref"]] or "",
            title=r[col["title"]] or "",
            priority=r[col["priority_level"]],
            first=_date(r[col["original_target"]]),
            latest=_date(r[col["latest_target"]]),
        )
        for r in result.rows
    ]
    starts: dict[str, dt.date] = {}
    for m in marks:
        starts[m.audit] = min(starts.get(m.audit, m.first), m.first)
    marks.sort(key=lambda m: (starts[m.audit], m.audit, _ref_key(m.ref), m.recommendation_id))
    return marks


def paper_dates(engine: Engine) -> list[dt.date]:
    return sorted({_date(r[0]) for r in run_query(engine, PAPER_DATES_SQL).rows})


def draw(marks: list[Mark], papers: list[dt.date], today: dt.date) -> Any:
    """The figure (matplotlib `Figure`); row i from the top is marks[i]."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.dates import date2num
        from matplotlib.lines import Line2D
    except ImportError as exc:
        raise QueryError(
            "--plot needs matplotlib: pip install 'jarap-archive[plot]' (the plot extra)"
        ) from exc
    fig, ax = plt.subplots(figsize=(15, 0.26 * len(marks) + 2.2))
    ys = list(range(len(marks)))
    colours = [COLOURS.get(m.priority or "", NO_PRIORITY) for m in marks]
    # dates as matplotlib day numbers throughout, so every artist holds the same kind of x
    first = date2num([m.first for m in marks])
    latest = date2num([m.latest for m in marks])
    ax.hlines(ys, first, latest, colors=colours, lw=2)
    ax.scatter(
        first, ys, facecolors="white", edgecolors=colours, zorder=3,
        s=28, label="first target",
    )  # fmt: skip
    ax.scatter(latest, ys, c=colours, zorder=3, s=28, label="latest target")
    for i in range(1, len(marks)):
        if marks[i].audit != marks[i - 1].audit:
            ax.axhline(i - 0.5, color="#dddddd", lw=0.8)
    for d in papers:
        ax.axvline(date2num(d), color="#95a5a6", lw=0.7, ls=":", gid="paper")
    ax.axvline(date2num(today), color="black", lw=1.2, ls="--", gid="today")
    if papers:  # each paper's date named along the top
        top = ax.secondary_xaxis("top")
        top.set_xticks(
            date2num(papers), [d.strftime("%b %Y") for d in papers], fontsize=6, rotation=60
        )
        top.set_xlabel("papers", fontsize=8)
    ax.set_yticks(ys, [m.label for m in marks], fontsize=7)
    ax.set_ylim(len(marks) - 0.5, -0.5)
    ax.xaxis_date()
    ax.set_xlabel("target date (hollow: first stated target, filled: latest target)")
    ax.set_title("Target slippage per recommendation, grouped by audit", pad=52 if papers else 6)
    legend = [Line2D([0], [0], color=c, lw=2, marker="o", label=p) for p, c in COLOURS.items()] + [
        Line2D([0], [0], color=NO_PRIORITY, lw=2, marker="o", label="priority unknown"),
        Line2D([0], [0], color="black", ls="--", label=f"today ({today.isoformat()})"),
        Line2D([0], [0], color="#95a5a6", ls=":", label="paper dates"),
    ]
    ax.legend(
        handles=legend, loc="upper center", bbox_to_anchor=(0.5, -0.5 / (len(marks) ** 0.5 + 1)),
        ncol=len(legend), fontsize=8, frameon=False,
    )  # fmt: skip
    ax.grid(axis="x", color="#eeeeee")
    fig.tight_layout()
    return fig


def plot_slippage(engine: Engine, path: str, today: dt.date | None = None) -> int:
    """Draw the chart into `path` (PNG); returns how many recommendations it shows."""
    marks = slippage_marks(engine)
    if not marks:
        raise QueryError("nothing to plot: no recommendation has a readable target")
    fig = draw(marks, paper_dates(engine), today or dt.date.today())
    import matplotlib.pyplot as plt

    try:
        fig.savefig(path, dpi=110, bbox_inches="tight")
    except OSError as exc:
        raise QueryError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        plt.close(fig)
    return len(marks)
