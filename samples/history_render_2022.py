"""One paper of a history series in the 2022–25 table layout, by that sample generator's own
builder and writers (samples/generate_2022.py, samples/generate.py): the builder reads its
module's RECS / PAPERS / ORGANISATION, set here to the series' for each paper."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402
import generate_2022 as g22  # noqa: E402
from history_draw import (  # noqa: E402
    MONTH_NAMES,
    HPaper,
    Series,
    audit_title,
    last_day,
    listed_in,
    month_text,
    printed_ref,
    printed_title,
    priority_word,
    stated_targets,
    target_markup,
)


def g22_recs(series: Series, paper: HPaper) -> list[g22.Rec]:
    pi = paper.index
    listed = listed_in(series, pi)
    out = []
    audits: dict[int, g22.Audit] = {}
    for rec in listed:
        a = audits.get(id(rec.audit))
        if a is None:
            title, line = audit_title(rec.audit, pi)
            opinion, _, date = line.partition(" ASSURANCE")
            if "OPINION" in line or not date:
                a = g22.Audit({0: title}, line, "", {0: title.title()})
            else:
                a = g22.Audit({0: title}, f"{opinion} ASSURANCE", date.strip(), {0: title.title()})
            audits[id(rec.audit)] = a
        closing = rec.present[pi] == "Proposed Closed"
        word = priority_word(rec, paper)
        paras = [
            g22.Para(f"**{word} Priority Recommendation:** {rec.text}"),
            g22.Para(f"Responsible Person: {{O:{rec.owner}}}"),
            g22.Para(target_markup(stated_targets(rec, pi), paper.layout)),
            g22.Para(
                f"**{{U:Update {month_text(paper.date)}}}:** Work continues; the owner reported "
                f"progress to the {series.place} board."
            ),
        ]
        if closing:
            paras += [g22.Para(t) for t in g22.QA_CLOSED]
        ref = printed_ref(rec, paper, listed)
        out.append(
            g22.Rec(
                rec.key,
                a,
                ref,
                f"{ref}." if ref and "." not in ref else ref,
                printed_title(rec, pi),
                word,
                risk_column=True,
                printed=True,
                paras=paras,
                states={0: rec.present[pi]},
            )
        )
    return out


def build(series: Series, paper: HPaper) -> tuple[Any, list[Any]]:
    """(the generator's paper, its blocks)."""
    g22.ORGANISATION = series.organisation
    month = f"{MONTH_NAMES[paper.date.month - 1].upper()} {paper.date.year}"
    gp = g22.Paper(
        paper.stem,
        month,
        dt.datetime(paper.date.year, paper.date.month, 8, 9),
        last_day(paper.date).isoformat(),
    )
    g22.RECS, g22.PAPERS = g22_recs(series, paper), [gp]
    return gp, g22.build(gp)


write_docx = gen.write_docx
write_txt = gen.write_txt
