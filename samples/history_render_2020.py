"""One paper of a history series in the 2016–20 block layout (audit headings and
recommendation blocks as paragraphs, RAG letters set sideways), by that sample generator's own
builder and Word writer (samples/generate_2020.py): the builder reads its module's RECS / SORB /
PAPERS / ORGANISATION_LINES, set here to the series' for each paper. Its text format is Word's
plain-text save: one line a paragraph, table rows as tab-separated cells, strike lost."""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402
import generate_2020 as g20  # noqa: E402
from history_draw import (  # noqa: E402
    MONTH_NAMES,
    HPaper,
    Series,
    audit_title,
    listed_in,
    month_text,
    printed_ref,
    printed_title,
    priority_word,
    stated_targets,
    target_markup,
)

HEADINGS = ["dash", "dash", "plain", "ref-last"]


def g20_recs(series: Series, paper: HPaper) -> list[g20.Rec]:
    pi = paper.index
    rnd = random.Random(f"{series.seed}/block/{pi}")  # per paper: its headings' printing
    listed = listed_in(series, pi)
    out = []
    audits: dict[int, g20.Audit] = {}
    for rec in listed:
        a = audits.get(id(rec.audit))
        if a is None:
            title, line = audit_title(rec.audit, pi, paper.layout)
            a = g20.Audit(title, line, "", None)
            audits[id(rec.audit)] = a
        state = rec.present[pi]
        ref = printed_ref(rec, paper, listed) or ""
        out.append(
            g20.Rec(
                rec.key,
                a,
                ref,
                printed_title(rec, pi),
                priority_word(rec, paper),
                rnd.choice(HEADINGS),
                anchor=rec.text[:30],
                text=[rec.text],
                target=[target_markup(stated_targets(rec, pi), paper.layout)],
                owner=[f"Person Responsible: {{O:{rec.owner}}}"],
                response="Agreed.",
                updates=[
                    (
                        f"{{U:Update {month_text(paper.date)}}}: Work continues; the owner "
                        f"reported progress to the {series.place} board.",
                        None,
                    )
                ],
                states={0: "proposed_closed" if state == "Proposed Closed" else "open"},
                rag="GREEN" if state == "Proposed Closed" else state,
            )
        )
    return out


def build(series: Series, paper: HPaper) -> tuple[Any, list[Any]]:
    """(the generator's paper, its blocks)."""
    g20.ORGANISATION_LINES = [
        f"POLICE AND CRIME COMMISSIONER FOR {series.place.upper()}",
        "JOINT AUDIT PANEL",
    ]
    month = f"{MONTH_NAMES[paper.date.month - 1].upper()} {paper.date.year}"
    gp = g20.Paper(paper.stem, month, dt.datetime(paper.date.year, paper.date.month, 8, 9))
    g20.RECS, g20.SORB, g20.PAPERS = g20_recs(series, paper), [], [gp]
    return gp, g20.build(gp)


write_docx = g20.write_docx


def write_txt(paper: Any, blocks: list[Any], path: Path) -> None:
    lines: list[str] = []
    for blk in blocks:
        if isinstance(blk, g20.Tab):
            lines += ["\t".join(gen.plain(c).replace("\n", " ") for c in row) for row in blk.rows]
        else:
            lines.append(gen.plain(blk.markup))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
