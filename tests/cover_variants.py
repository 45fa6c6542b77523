"""A generator of cover count tables, written as Word documents, each with its truth.

The variation is described, not picked. Two families of counts table, with invented figures:

- GROUPED: one row per auditor (one or two auditors), under two header rows: a group header
  (`Total Reported`, `Recommendations made`, …) merged over one sub-column per priority — the
  priority printed alone or after its key colour (`RED High`) — beside a single `Total
  running` column and a group (`Completed and proposed closed`, …) merged over `Completed` and
  `Proposed closed`; the groups in any order, a `Total` row under the auditors or not.
- RAG ROWS: one row per priority and a Total row, under one header row of RAG colours (in
  any order, GREY or not), a `Total` and maybe a `Proposed closed` column; one table, or one
  per auditor each under its own caption.

Priorities come from every scale the vocabulary knows. Every paper belongs to a combination
of its variation's parts; a fixed share of combinations (by a hash of their names) is HELD
BACK from the development loop and scored apart. Written as Word (`write_docx`), as the
reference converter's text (`write_txt`), and through LibreOffice as PDF (in the test).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from form_variants import held_back

SCALES = {
    "high": ("High", "Medium", "Low"),
    "fundamental": ("Fundamental", "Significant", "Housekeeping"),
    "critical": ("Critical", "High", "Medium", "Low"),
    "major": ("Major", "Moderate", "Minor"),
    "essential": ("Essential", "Important", "Desirable"),
    "numbered": ("Priority 1", "Priority 2", "Priority 3"),
}
# the words a numbered scale means (the vocabulary reads `Priority 2` as Medium)
NUMBER_WORDS = {"Priority 1": "High", "Priority 2": "Medium", "Priority 3": "Low"}
KEY_COLOURS = ("RED", "AMBER", "GREEN", "GREEN")
REPORTED = ("Total Reported", "Recommendations made", "Reported to date")
RUNNING = ("Total running", "Still open", "Remaining")
CLOSED = ("Completed and proposed closed", "Closed this period")
AUDITORS = ("Brightwell Audit LLP", "Eastmoor Internal Audit", "Tarn Assurance")


@dataclass
class CoverCase:
    family: str
    combination: tuple[str, ...]
    intro: str
    tables: list[tuple[str, list[list[tuple[str, int]]]]]  # caption, rows of (text, span)
    truth: dict = field(default_factory=dict)

    @property
    def held_back(self) -> bool:
        return held_back(*self.combination)


def _label(word: str) -> str:
    return NUMBER_WORDS.get(word, word)


def _grouped(
    rng: random.Random, scale: str, coloured: bool, order: str, total_row: bool
) -> CoverCase:
    words = SCALES[scale]
    auditors = rng.sample(AUDITORS, rng.randint(1, 2))
    reported_name, running_name, closed_name = (
        rng.choice(REPORTED), rng.choice(RUNNING), rng.choice(CLOSED),
    )  # fmt: skip
    subs = [f"{KEY_COLOURS[i]} {w}" if coloured else w for i, w in enumerate(words)]
    # drawn, not crossed: the running count by priority too, a column of shares (`%`)
    running_by_priority, share = rng.random() < 0.5, rng.random() < 0.5
    groups = {
        "reported": [(reported_name, len(words))],
        "running": [(running_name, len(words) if running_by_priority else 1)],
        "closed": [(closed_name, 2)],
        "share": [("% implemented", 1)],
    }
    second = {
        "reported": subs,
        "running": subs if running_by_priority else [""],
        "closed": ["Completed", "Proposed closed"],
        "share": [""],
    }
    keys = (
        ["reported", "running", "closed"]
        if order == "reported first"
        else ["closed", "reported", "running"]
    ) + (["share"] if share else [])
    head1: list[tuple[str, int]] = [("Auditor", 1)]
    head2: list[tuple[str, int]] = [("", 1)]
    for k in keys:
        head1 += groups[k]
        head2 += [(s, 1) for s in second[k]]
    rows = [head1, head2]
    by_priority: dict[str, int] = {}
    total = closed = 0
    sums: list = [0] * (len(head2) - 1)
    for auditor in auditors:
        made = [rng.randint(0, 30) for _ in words]
        completed, proposed = rng.randint(0, 6), rng.randint(0, 6)
        running = max(0, sum(made) - completed - proposed)
        split = [max(0, n - rng.randint(0, 3)) for n in made]
        values = {
            "reported": made,
            "running": split if running_by_priority else [running],
            "closed": [completed, proposed],
            "share": [f"{round(100 * (completed + proposed) / max(1, sum(made)))}%"],
        }
        flat = [v for k in keys for v in values[k]]
        sums = [b if isinstance(b, str) else a + b for a, b in zip(sums, flat, strict=True)]
        rows.append([(auditor, 1), *((str(v), 1) for v in flat)])
        for w, n in zip(words, made, strict=True):
            by_priority[_label(w)] = by_priority.get(_label(w), 0) + n
        total += sum(made)
        closed += completed + proposed
    if total_row:
        rows.append([("Total", 1), *((str(v), 1) for v in sums)])
    truth = {"by_priority": by_priority, "total": total, "proposed_closed": closed}
    combination = (
        "grouped", scale, f"coloured={coloured}", order, f"total row={total_row}",
        f"running by priority={running_by_priority}", f"share={share}",
    )  # fmt: skip
    intro = "The table below summarises the recommendations reported, still open and closed."
    return CoverCase("grouped", combination, intro, [("", rows)], truth)


def _rag_rows(
    rng: random.Random, scale: str, grey: bool, closed_col: bool, per_auditor: bool
) -> CoverCase:
    words = SCALES[scale]
    colours = ["RED", "AMBER", "GREEN"] + (["GREY"] if grey else [])
    rng.shuffle(colours)
    header = ["Priority", *colours, "Total"] + (["Proposed closed"] if closed_col else [])
    auditors = rng.sample(AUDITORS, 2) if per_auditor else [""]
    tables = []
    by_priority: dict[str, int] = {}
    total = closed = 0
    for auditor in auditors:
        rows = [[(h, 1) for h in header]]
        sums = [0] * (len(header) - 1)
        for w in words:
            rag = [rng.randint(0, 12) for _ in colours]
            shut = rng.randint(0, 3) if closed_col else None
            values = [*rag, sum(rag)] + ([shut] if shut is not None else [])
            sums = [a + b for a, b in zip(sums, values, strict=True)]
            rows.append([(w, 1), *((str(v), 1) for v in values)])
            by_priority[_label(w)] = by_priority.get(_label(w), 0) + sum(rag)
        rows.append([("Total", 1), *((str(v), 1) for v in sums)])
        total += sums[len(colours)]
        closed += sums[-1] if closed_col else 0
        caption = f"Recommendations reported by {auditor}" if auditor else ""
        tables.append((caption, rows))
    truth = {
        "by_priority": by_priority,
        "total": total,
        "proposed_closed": closed if closed_col else None,
    }
    combination = (
        "rag rows",
        scale,
        f"grey={grey}",
        f"closed column={closed_col}",
        f"per auditor={per_auditor}",
    )
    intro = "The position of the recommendations by priority and RAG status is:"
    return CoverCase("rag rows", combination, intro, tables, truth)


def cover_cases(seed: int = 18) -> list[CoverCase]:
    """One case per combination of the variation's parts."""
    rng = random.Random(seed)
    out: list[CoverCase] = []
    for scale in SCALES:
        for coloured in (True, False):
            for order in ("reported first", "closed first"):
                for total_row in (True, False):
                    out.append(_grouped(rng, scale, coloured, order, total_row))
        for grey in (True, False):
            for closed_col in (True, False):
                for per_auditor in (True, False):
                    out.append(_rag_rows(rng, scale, grey, closed_col, per_auditor))
    return out


def _merge_right(table, r: int, c: int, span: int) -> None:  # noqa: ANN001
    if span > 1:
        table.cell(r, c).merge(table.cell(r, c + span - 1))


def _merge_down(table, col: int) -> None:  # noqa: ANN001
    """A single header over the two header rows (`Total running`): merged vertically."""
    top = table.cell(0, col)
    top.merge(table.cell(1, col))


def write_docx(case: CoverCase, path: Path) -> Path:
    """The cover as a Word document: letterhead, subject and date, the intro, the table(s)."""
    doc = Document()
    doc.add_paragraph("NORTHSHIRE JOINT AUDIT AND ASSURANCE PANEL")
    doc.add_paragraph("Subject: Internal audit recommendations – progress report")
    doc.add_paragraph("Date: 14 March 2024")
    doc.add_paragraph(case.intro)
    for caption, rows in case.tables:
        if caption:
            doc.add_paragraph(caption)
        width = sum(span for _text, span in rows[0])
        table = doc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            c = 0
            for text, span in row:
                table.cell(r, c).text = text
                c += span
        for r, row in enumerate(rows[:1]):
            c = 0
            for _text, span in row:
                _merge_right(table, r, c, span)
                c += span
        if case.family == "grouped":
            # a single header over both header rows is one cell merged down
            c = 0
            for text, span in rows[0]:
                if span == 1 and c > 0 and not rows[1][c][0]:
                    _merge_down(table, c)
                    table.cell(0, c).text = text
                c += span
        _keep_header(table)
        doc.add_paragraph("")
    doc.add_paragraph("Appendix A follows.")
    doc.save(str(path))
    return path


def write_txt(case: CoverCase, path: Path) -> Path:
    """The cover as the reference converter writes text: paragraphs as lines, a table row as
    TAB-separated cells, a merged cell's text in its first column and the rest empty."""
    lines = [
        "NORTHSHIRE JOINT AUDIT AND ASSURANCE PANEL",
        "Subject: Internal audit recommendations – progress report",
        "Date: 14 March 2024",
        case.intro,
    ]
    for caption, rows in case.tables:
        if caption:
            lines.append(caption)
        for row in rows:
            lines.append("\t".join(t for text, span in row for t in [text] + [""] * (span - 1)))
        lines.append("")
    lines.append("Appendix A follows.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _keep_header(table) -> None:  # noqa: ANN001
    """Mark the first row as a repeated header row, as covers do."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)
