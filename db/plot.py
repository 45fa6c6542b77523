"""`jarap slippage --plot`: each recommendation's first and latest target as a dumbbell.

The old chart drew bars by label, so two recommendations with the same label merged and
every value label above them sat one row off. Here every recommendation gets its own row,
found by `recommendation_id`, and its targets are drawn as dates (not as a number of days),
so the chart also shows *when* things were due against today and against each paper's date.
Rows are grouped by audit and coloured by priority. Needs matplotlib (the `plot` extra).
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
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
LABEL_WIDTH, LABEL_LINES = 80, 2  # a row label's size; the audit and ref are always whole
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
TEXTS_SQL = "SELECT recommendation_id, title, text FROM recommendations WHERE text IS NOT NULL"
COUNT_SQL = "SELECT COUNT(*) FROM v_slippage"


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
    text: str = ""  # the recommendation's whole text, when its title is only the start of it

    @property
    def label(self) -> str:
        """Audit and ref whole, then the title, on at most LABEL_LINES lines of LABEL_WIDTH
        characters; a title that stops mid-sentence (the start of the text, cut by the
        paper or the reader) runs on to the end of its sentence when that fits, and
        anything cut, here or before, ends with "…"."""
        head = f"{self.audit} {self.ref}".strip() + ": "
        title = " ".join(self.title.split())
        text = " ".join(self.text.split())
        cut = (
            bool(text)
            and text.startswith(title)
            and len(text) > len(title)
            and not SENTENCE_END.search(title[-1:])
        )
        if cut:
            sentence = SENTENCE_END.search(text, len(title))
            whole = text[: sentence.start() + 1] if sentence else text
            if _fits(head + whole):
                title, cut = whole, False
        if cut and _fits(head + title + "…"):
            return _wrap(head + title + "…")
        if not _fits(head + title):
            words = title.split(" ")
            while words and not _fits(head + " ".join(words) + "…"):
                words.pop()
            kept = " ".join(words).rstrip(" ,;:-")
            while not words and title and not _fits(head + title + "…"):
                title = title[:-1]  # one word longer than the room: cut by characters
            return _wrap(head + (kept if words else title) + "…")
        return _wrap(head + title)


def _wrap(label: str) -> str:
    return "\n".join(textwrap.wrap(label, LABEL_WIDTH, break_long_words=True))


def _fits(label: str) -> bool:
    return len(textwrap.wrap(label, LABEL_WIDTH, break_long_words=True)) <= LABEL_LINES


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
    texts = {(rid, title): text for rid, title, text in run_query(engine, TEXTS_SQL).rows}
    marks = [
        Mark(
            recommendation_id=r[col["recommendation_id"]],
            audit=r[col["audit_title"]] or "",
            ref=r[col["ref"]] or "",
            title=r[col["title"]] or "",
            priority=r[col["priority_level"]],
            first=_date(r[col["original_target"]]),
            latest=_date(r[col["latest_target"]]),
            text=texts.get((r[col["recommendation_id"]], r[col["title"]])) or "",
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


def draw(marks: list[Mark], papers: list[dt.date], today: dt.date, total: int | None = None) -> Any:
    """The figure (matplotlib `Figure`); row i from the top is marks[i]. `total`: how many
    recommendations there are, so the title says how many are drawn and why not the rest."""
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
    ax.set_yticks(ys, [m.label for m in marks], fontsize=6.5, linespacing=1.0)
    ax.set_ylim(len(marks) - 0.5, -0.5)
    ax.xaxis_date()
    ax.set_xlabel("target date (hollow: first stated target, filled: latest target)")
    legend = [Line2D([0], [0], color=c, lw=2, marker="o", label=p) for p, c in COLOURS.items()] + [
        Line2D([0], [0], color=NO_PRIORITY, lw=2, marker="o", label="priority unknown"),
        Line2D([0], [0], color="black", ls="--", label=f"today ({today.isoformat()})"),
        Line2D([0], [0], color="#95a5a6", ls=":", label="paper dates"),
    ]
    # beside the plot's top right corner, where the eye is, whatever the number of rows
    ax.legend(
        handles=legend, loc="upper left", bbox_to_anchor=(1.005, 1.0), fontsize=8,
        frameon=False, borderaxespad=0.0,
    )  # fmt: skip
    ax.grid(axis="x", color="#eeeeee")
    fig.tight_layout()
    levels = _paper_labels(fig, ax, papers)
    ax.set_title(_title(len(marks), total), pad=6 + LABEL_STEP * levels)
    return fig


def _title(drawn: int, total: int | None) -> str:
    title = "Target slippage per recommendation, grouped by audit"
    if total is None or total == drawn:
        return f"{title}: {drawn} recommendation(s)"
    return (
        f"{title}\n{drawn} of {total} recommendations drawn; {total - drawn} not drawn: "
        "no readable first or latest target date"
    )


LABEL_LEVELS = 4  # rows of paper-date labels above the plot before one is left out
LABEL_STEP = 9.0  # points from one row of paper-date labels to the next (6.5 pt text)


def _paper_labels(fig: Any, ax: Any, papers: list[dt.date]) -> int:
    """Each paper's date named above the plot, row by row: a label that would touch one
    already placed goes a row higher (and is left out past LABEL_LEVELS rows; its dotted
    line stays). Rows are offsets in points, so they keep apart at any size or dpi.
    Returns how many rows were used."""
    from matplotlib.dates import date2num
    from matplotlib.transforms import blended_transform_factory

    renderer = fig.canvas.get_renderer()
    where = blended_transform_factory(ax.transData, ax.transAxes)
    placed: list[list[Any]] = [[] for _ in range(LABEL_LEVELS)]
    for d in papers:
        for level in range(LABEL_LEVELS):
            label = ax.annotate(
                d.strftime("%b %Y"), xy=(date2num(d), 1.0), xycoords=where,
                xytext=(0, 2 + level * LABEL_STEP), textcoords="offset points",
                fontsize=6.5, ha="center", va="bottom", gid="paper-label",
                annotation_clip=False,
            )  # fmt: skip
            box = label.get_window_extent(renderer).expanded(1.08, 1.0)
            if not any(box.overlaps(other) for other in placed[level]):
                placed[level].append(box)
                break
            label.remove()
    return sum(1 for boxes in placed if boxes)


def plot_slippage(engine: Engine, path: str, today: dt.date | None = None) -> tuple[int, int]:
    """Draw the chart into `path` (PNG); returns how many recommendations it shows, of how
    many."""
    marks = slippage_marks(engine)
    if not marks:
        raise QueryError("nothing to plot: no recommendation has a readable target")
    total = run_query(engine, COUNT_SQL).rows[0][0]
    fig = draw(marks, paper_dates(engine), today or dt.date.today(), total)
    import matplotlib.pyplot as plt

    try:
        fig.savefig(path, dpi=110, bbox_inches="tight")
    except OSError as exc:
        raise QueryError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        plt.close(fig)
    return len(marks), total
