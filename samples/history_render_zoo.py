"""One paper of a history series in one of the layout zoo's forms (samples/generate_zoo.py:
audit tables, a register, key-value tables, labelled paragraphs, numbered blocks), by that
generator's own builder and the shared writers. A panel keeps one combination of the zoo's
choices (form, headers, date, priority, status and owner forms) for the whole series, drawn
from the seed among those that print a reference and both target dates (what a history is
read from). The zoo's papers are follow-ups: a recommendation is `Implemented` (closed) in
the paper that reports it, where the trackers propose a closure for the next one."""

from __future__ import annotations

import copy
import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402
import generate_zoo as zoo  # noqa: E402
from history_draw import (  # noqa: E402
    HPaper,
    HRec,
    Series,
    audit_title,
    last_day,
    listed_in,
    printed_ref,
    printed_title,
    stated_targets,
)

# the tracker's states as a follow-up prints them: (status words, colour of a RAG key)
STATUS = {
    "RED": (("Overdue", "open"), "Red"),
    "AMBER": (("In progress", "open"), "Green"),
    "GREEN": (("Partly implemented", "open"), "Green"),
    "Proposed Closed": (("Implemented", "closed"), "Blue"),
}


def combination(series: Series) -> zoo.Combination:
    """The series' combination: one that prints references and both target dates."""
    rnd = random.Random(f"{series.seed}/zoo")
    while True:
        combo = zoo._combination(rnd)
        table = combo.form in ("audit_tables", "register")
        if not table or {"ref", "original", "revised"} <= set(combo.columns):
            return combo


def month_precision(series: Series) -> bool:
    """Whether the series prints its dates as `March 2024` (else with the day)."""
    return combination(series).date_form == "month_year"


def zoo_ref(series: Series, rec: HRec, paper: HPaper, listed: list[HRec]) -> str | None:
    """The reference a zoo paper prints: numbered blocks number every recommendation of the
    paper in turn (Word's list numbers or typed), so a reference changes whenever an earlier
    one leaves; the other forms print the tracker's."""
    if combination(series).form == "numbered_blocks":
        return str(listed.index(rec) + 1)
    return printed_ref(rec, paper, listed)


def _rec(rec: Any, series: Series, paper: HPaper, listed: list[Any], combo: zoo.Combination):  # noqa: ANN001, ANN202
    pi = paper.index
    (printed, status), colour = STATUS[rec.present[pi]]
    if combo.status_form == "rag_key":
        printed, status = colour, next(s for c, _f, _p, s in zoo.RAG_KEY if c == colour)
    chain = [d for d, _how in stated_targets(rec, pi)]
    title = printed_title(rec, pi)
    return zoo.Rec(
        ref=zoo_ref(series, rec, paper, listed) or "",
        action=f"{title}. {rec.text}",
        title=f"{title}.",
        level=rec.priority.lower(),
        status_printed=printed,
        status=status,
        original=chain[0],
        revised=chain[-1] if len(chain) > 1 else None,
        owners_printed=rec.owner,
        owner_surnames=[rec.owner.split()[-1]],
        update=zoo.UPDATES[(series.seed + pi + rec.seq) % len(zoo.UPDATES)],
    )


def build(series: Series, paper: HPaper) -> tuple[Any, list[Any]]:
    """(the generator's paper, its blocks)."""
    zoo._install_keep_with_next()
    combo = copy.deepcopy(combination(series))
    pi = paper.index
    listed = listed_in(series, pi)
    audits: dict[int, zoo.Audit] = {}
    for rec in listed:
        a = audits.get(id(rec.audit))
        if a is None:
            title, _line = audit_title(rec.audit, pi, paper.layout)
            opinion = rec.audit.opinion.split()[0].title()
            a = audits[id(rec.audit)] = zoo.Audit(title.title(), opinion, rec.audit.report)
        a.recs.append(_rec(rec, series, paper, listed, combo))
    when = last_day(paper.date)
    zp = zoo.ZooPaper(
        stem=paper.stem,
        seed=f"{series.seed}/{pi}",
        held_back=False,
        combination=combo,
        organisation=series.organisation.title(),
        paper_date=when,
        audits=list(audits.values()),
    )
    zp.month = when.strftime("%B %Y")
    zp.doc_date = dt.datetime(when.year, when.month, when.day, 9)
    return zp, zoo.build(zp)


write_docx = gen.write_docx
write_txt = gen.write_txt
