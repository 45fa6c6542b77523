"""One paper of a history series in the 2013–16 appendix layout, by that sample generator's own
builder (samples/generate_2013.py): the builder reads its module's RECS / PAPERS / FIRMS /
ORGANISATION_LINES, set here to the series' for each paper. Per audit a row `Status |
Internal Audit Report | Audit Report Date` (`AMBER | FLEET MANAGEMENT (3.14/15) | 12 March
2014`) and a counts line, then `Significant Recommendation 2.1:` blocks that print no title: a
reader names a recommendation by the first words of its text. References are `k.n`, `k` the
audit's place in the appendix, so they change whenever an audit before it leaves. The text
format is Word's plain-text save (one line a paragraph, table rows as tab-separated cells)."""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402
import generate_2013 as g13  # noqa: E402
import generate_2020 as g20  # noqa: E402
from history_draw import (  # noqa: E402
    MONTH_NAMES,
    HAudit,
    HPaper,
    Series,
    audit_title,
    listed_in,
    month_text,
    printed_ref,
    priority_word,
    stated_targets,
    target_markup,
)

WORDS = ("Fundamental", "Significant", "Housekeeping")  # the one auditor's vocabulary
MARKER = {"Proposed Closed": "PROPOSED CLOSED"}


def firm(series: Series) -> str:
    return f"{series.place.split()[0]} Audit Partnership"


def audit_date(audit: HAudit) -> str:
    """The audit row's report date: a day of the report month, the same in every paper."""
    day = random.Random(f"{audit.area}/{audit.report}").randint(1, 28)
    return f"{day} {MONTH_NAMES[audit.report.month - 1]} {audit.report.year}"


def audit_cell(audit: HAudit, pi: int) -> str:
    """The audit's title as the row prints it before its report number (which the builder
    always adds in brackets)."""
    title, _line = audit_title(audit, pi, "2013")
    return " ".join(title.replace(f"({audit.number})", "").split())


def g13_recs(series: Series, paper: HPaper) -> list[g13.Rec]:
    pi = paper.index
    listed = listed_in(series, pi)
    audits: dict[int, g13.Audit] = {}
    out = []
    for rec in listed:
        a = audits.get(id(rec.audit))
        if a is None:
            mine = [r for r in listed if r.audit is rec.audit]
            counts = tuple(sum(priority_word(r, paper) == w for r in mine) for w in WORDS)
            states = {r.present[pi] for r in mine}
            rag = next((s for s in ("RED", "AMBER", "GREEN") if s in states), "GREEN")
            a = g13.Audit(
                rag, audit_cell(rec.audit, pi), rec.audit.number, audit_date(rec.audit),
                firm(series), counts,  # type: ignore[arg-type]
            )  # fmt: skip
            audits[id(rec.audit)] = a
        state = rec.present[pi]
        out.append(
            g13.Rec(
                a,
                priority_word(rec, paper),
                printed_ref(rec, paper, listed) or "",
                rec.text,
                target_markup(stated_targets(rec, pi), paper.layout),
                f"Person Responsible: {{O:{rec.owner}}} {series.place.split()[0]} Department",
                "Agreed.",
                [
                    f"{{U:Update {month_text(paper.date)}}}: Work continues; the owner reported "
                    f"progress to the {series.place} panel."
                ],
                marker=MARKER.get(state),
                marker_in=(0,),
            )
        )
    return out


def build(series: Series, paper: HPaper) -> tuple[Any, list[Any]]:
    """(the generator's paper, its blocks)."""
    g13.ORGANISATION_LINES = [
        f"POLICE AND CRIME COMMISSIONER FOR {series.place.upper()}",
        "JOINT AUDIT PANEL",
    ]
    g13.FIRMS = {firm(series): WORDS}
    month = f"{MONTH_NAMES[paper.date.month - 1].upper()} {paper.date.year}"
    gp = g13.Paper(paper.stem, month, dt.datetime(paper.date.year, paper.date.month, 7, 9))
    g13.RECS, g13.PAPERS = g13_recs(series, paper), [gp]
    return gp, g13.build(gp)


def write_docx(paper: Any, blocks: list[Any], path: Path) -> None:
    subject, g20.SUBJECT = g20.SUBJECT, g13.SUBJECT  # the Word writer's document properties
    try:
        g20.write_docx(paper, blocks, path)
    finally:
        g20.SUBJECT = subject
    g13.set_column_widths(path, [b.widths for b in blocks if isinstance(b, g20.Tab)])


def write_txt(paper: Any, blocks: list[Any], path: Path) -> None:
    lines: list[str] = []
    for blk in blocks:
        if isinstance(blk, g20.Tab):
            lines += ["\t".join(gen.plain(c).replace("\n", " ") for c in row) for row in blk.rows]
        else:
            lines.append(gen.plain(blk.markup))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
