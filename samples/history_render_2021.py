"""One paper of a history series in the 2021 table layout, by that sample generator's own
builder and writers (samples/generate_2021.py, samples/generate.py): the builder reads its
module's RECS / SORB_RECS / PAPERS / ORGANISATION, set here to the series' for each paper.
Priority is the Risk cell's colour, its word printed in the text for some recommendations."""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402
import generate_2021 as g21  # noqa: E402
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

THREATS = ["Financial Control", "Value for Money", "Service Delivery", "Information Compliance"]
REF_STYLES = ["u", "u", "u-title", "plain"]


def g21_recs(series: Series, paper: HPaper) -> list[g21.Rec]:
    pi = paper.index
    rnd = random.Random(f"{series.seed}/2021/{pi}")  # per paper: its cells' printing
    listed = listed_in(series, pi)
    out = []
    audits: dict[int, g21.Audit] = {}
    for rec in listed:
        a = audits.get(id(rec.audit))
        if a is None:
            title, line = audit_title(rec.audit, pi)
            short = (rec.audit.short or rec.audit.area).title()
            a = g21.Audit(title, line, "", short)
            audits[id(rec.audit)] = a
        word = priority_word(rec, paper)
        printed = rnd.random() < 0.5
        label = f"__{word} Recommendation:__" if printed else "__Recommendation:__"
        paras = [
            g21.Para(f"{label} {rec.text}"),
            g21.Para(f"Person Responsible: {{O:{rec.owner}}}"),
            g21.Para(target_markup(stated_targets(rec, pi), paper.layout)),
            g21.Para(
                f"__{{U:Update {month_text(paper.date)}}}:__ Work continues; the owner "
                f"reported progress to the {series.place} board."
            ),
        ]
        ref = printed_ref(rec, paper, listed) or ""
        out.append(
            g21.Rec(
                rec.key,
                a,
                ref,
                printed_title(rec, pi),
                word,
                printed=printed,
                threat=rnd.choice(THREATS),
                anchor=rec.text[:30],
                paras=paras,
                states={0: g21.S(rec.present[pi])},
                ref_style=rnd.choice(REF_STYLES),
            )
        )
    return out


def build(series: Series, paper: HPaper) -> tuple[Any, list[Any]]:
    """(the generator's paper, its blocks)."""
    g21.ORGANISATION = series.organisation
    month = f"{MONTH_NAMES[paper.date.month - 1].upper()} {paper.date.year}"
    areas = sorted({a.area.title() for a in series.audits})
    gp = g21.Paper(
        paper.stem,
        month,
        f"{month_text(paper.date)}",
        dt.datetime(paper.date.year, paper.date.month, 8, 9),
        areas,
        [f"5. The {series.place} panel receives this tracker at each meeting."],
        "li",
    )
    g21.RECS, g21.SORB_RECS, g21.PAPERS = g21_recs(series, paper), [], [gp]
    return gp, g21.build_blocks(gp)


write_docx = gen.write_docx
write_txt = gen.write_txt
