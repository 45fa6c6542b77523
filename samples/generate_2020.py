"""Synthetic audit-panel papers in the 2016–20 per-audit block layout, with ground truth.

Run:  /work/venv/bin/python samples/generate_2020.py

Like samples/generate.py (whose markup, date and writer helpers this reuses), one data
structure below is the ground truth for the fictional Northshire Police; every audit, person,
date and narrative is invented. For every paper it writes

    samples/tracker-2020/<stem>.docx   Word: audit blocks as paragraphs, sideways RAG letters,
                                       struck-through superseded targets, page footers
                                       `N | P a g e`, `… Continued` headers after page breaks
    samples/tracker-2020/<stem>.pdf    the .docx converted by LibreOffice (headless)
    samples/tracker-2020/<stem>.txt    `pdftotext` of that PDF (the reference conversion)
    samples/truth/<stem>.json          what a parser should extract

Markup in the texts: **bold**, ~~strike~~, {T:target}, {U:update heading}, {O:owner}.
A recommendation with per-stage targets has its current target as the latest stage date.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402  - the 2021 generator's helpers

DOC_DIR = HERE / "tracker-2020"
TRUTH_DIR = HERE / "truth"
gen.LO_PROFILE = "file:///tmp/lo-2020"

ORGANISATION_LINES = [
    "POLICE AND CRIME COMMISSIONER FOR NORTHSHIRE",
    "JOINT AUDIT, RISK AND ASSURANCE PANEL",
]
ORGANISATION = " ".join(ORGANISATION_LINES)
SUBJECT = "INTERNAL AUDIT RECOMMENDATIONS AND TRACKING"
AUTHOR = "INSPECTORATE – ELLEN MARCHBANK"
LEVEL = {"Fundamental": "high", "Significant": "medium", "Housekeeping": "low"}
RAG_OF = {"open": "AMBER", "proposed_closed": "GREEN"}


@dataclass
class Audit:
    title: str
    assurance: str
    date: str
    counts: tuple[int, int, int] | None  # FUNDAMENTAL, SIGNIFICANT, HOUSEKEEPING as printed
    split: bool = False  # heading printed over three lines


@dataclass
class Rec:
    key: str
    audit: Audit
    ref: str
    title: str
    priority: str
    heading: str  # "dash" | "plain" | "ref-last"
    anchor: str
    text: list[str]
    target: list[str]  # the target paragraph(s), or "" when in the owner / strand lines
    owner: list[str]
    response: str
    updates: list[tuple[str, tuple[int, ...] | None]]  # markup, papers (None = all)
    states: dict[int, str]  # paper index -> open | proposed_closed
    stages: bool = False  # several stage targets: the latest is in force
    continued_before: int | None = None  # update index printed after a page break
    rag: str | None = None  # overrides RAG_OF


@dataclass
class SorbRec:
    audit: str
    ref: str
    title: str
    text: str
    anchor: str
    progress: dict[int, str]


@dataclass
class Paper:
    stem: str
    month: str
    doc_date: datetime.datetime


PAPERS = [
    Paper("northshire-tracker-2019-07", "JULY 2019", datetime.datetime(2019, 7, 8, 9, 0)),
    Paper("northshire-tracker-2020-01", "JANUARY 2020", datetime.datetime(2020, 1, 13, 9, 0)),
]
JUL, JAN = (0,), (1,)

A_CUSTODY = Audit("CUSTODY RECORDS AND DETENTION", "LIMITED ASSURANCE", "November 2017", (1, 3, 2))
A_FLEET = Audit("FLEET TELEMATICS", "SATISFACTORY ASSURANCE", "October 2018", (0, 2, 1))
A_INFOSEC = Audit(
    "INFORMATION SECURITY –", "SATISFACTORY ASSURANCE", "March 2019", (0, 2, 0), split=True
)
A_TRAINING = Audit("OFFICER SAFETY TRAINING", "Satisfactory Assurance", "June 2019", (0, 2, 0))
A_PENSIONS = Audit("POLICE PENSIONS ADMINISTRATION", "SIGNIFICANT ASSURANCE", "November 2019", None)

LONG = (
    "The custody improvement group met monthly through the period and reviewed every "
    "detention log raised by the suites. Sergeants were reminded of the standard expected "
    "when a log is closed, and a short guide was placed in each charge room. The group "
    "agreed that the review would continue until two clear months of full compliance had "
    "been recorded, and asked the business support team to report any exceptions."
)

RECS: list[Rec] = [
    Rec(
        "custody-4.1",
        A_CUSTODY,
        "4.1",
        "Detention Log Reviews",
        "Fundamental",
        "dash",
        anchor="review every detention log within 24 hours",
        text=[
            "Custody sergeants should review every detention log within 24 hours of release "
            "and record the review on the custody system, so that gaps in the log are found "
            "while the detainee's details are still fresh."
        ],
        target=[
            "Implementation Target Date: {T:31st March 2018} revised to {T:30th September "
            "2018} revised to {T:31st March 2019} revised to {T:31st December 2019}"
        ],
        owner=["Person Responsible: {O:C/Insp Harriet Dunmore} – Head of Custody"],
        response="Agreed. A daily review sheet will be introduced in every suite.",
        updates=[
            ("{U:Update June 2018}: The review sheet is in use in two of the three suites.", None),
            ("{U:Update November 2018}: " + LONG, None),
            ("{U:Update March 2019}: Compliance reached 86% in February. " + LONG, None),
            (
                "{U:Update June 2019}: The review is now recorded on the custody system. "
                "Dip samples continue weekly.",
                None,
            ),
            (
                "{U:Update October 2019}: Two months of full compliance have not yet been "
                "recorded; the target has been revised to December.",
                JAN,
            ),
            ("{U:Update December 2019}: " + LONG, JAN),
        ],
        states={0: "open", 1: "open"},
        continued_before=3,
    ),
    Rec(
        "custody-4.3",
        A_CUSTODY,
        "4.3",
        "Cell Check Frequencies",
        "Significant",
        "ref-last",
        anchor="checks on detainees are carried out at the frequency",
        text=[
            "The Force should ensure that checks on detainees are carried out at the "
            "frequency set in each care plan and that missed checks are escalated."
        ],
        target=[],
        owner=["Person Responsible and Implementation Target Date: See below"],
        response="",
        updates=[
            ("Suites {O:Sgt Rowan Tillett} {T:End March 2018} revised to {T:End July 2018}", None),
            (
                "Escalation {O:Insp Maya Corrigan} {T:End June 2018} revised to "
                "{T:End November 2019}",
                None,
            ),
            (
                "Initial Management Response: Agreed. Check times will be shown on the suite "
                "screens.",
                None,
            ),
            (
                "{U:Update August 2018}: Screens updated in all suites. Escalation guidance is "
                "being drafted.",
                None,
            ),
            ("{U:Update May 2019}: The escalation guidance has been approved and briefed.", None),
            (
                "{U:Update November 2019}: Audit of cell checks shows full compliance for "
                "three months. Proposed closed.",
                JAN,
            ),
        ],
        states={0: "open", 1: "proposed_closed"},
        stages=True,
    ),
    Rec(
        "fleet-4.2",
        A_FLEET,
        "4.2",
        "Telematics Data Retention",
        "Significant",
        "plain",
        anchor="retention period for vehicle telematics data",
        text=[
            "A retention period for vehicle telematics data should be agreed and applied, and "
            "data held beyond it should be deleted."
        ],
        target=["Implementation Target Date: ~~{T:30th June 2019}~~ {T:31st March 2020}"],
        owner=["Person Responsible: {O:Colin Ashby} – Fleet Manager"],
        response="Agreed. The retention period will be set with the Data Protection Officer.",
        updates=[
            (
                "{U:Update January 2019}: Options have been drafted for the Data Protection "
                "Officer.",
                None,
            ),
            (
                "{U:Update May 2019}: The supplier cannot yet delete data automatically. A "
                "revised date has been agreed with the supplier.",
                None,
            ),
            ("Fleet Telematics Retention Options.xlsx", JAN),
            (
                "{U:Update November 2019}: The supplier release with automatic deletion is "
                "being tested.",
                JAN,
            ),
        ],
        states={0: "open", 1: "open"},
    ),
    Rec(
        "infosec-4.1",
        A_INFOSEC,
        "4.1",
        "Removable Media Controls",
        "Significant",
        "dash",
        anchor="block the use of unencrypted removable media",
        text=[
            "The Force should block the use of unencrypted removable media on all desktop "
            "devices and keep a register of approved encrypted devices."
        ],
        target=[
            "Implementation Target Date: (1) {T:30th September 2019} (2) {T:31st January 2020}"
        ],
        owner=[
            "Person Responsible: (1) {O:Tobias Wren} – ICT Security Manager (2) "
            "{O:Dr Alison Fairweather}"
        ],
        response="(1) Device control will be enabled by group policy. (2) The register will be "
        "held by Information Management.",
        updates=[
            ("{U:Update July 2019}: Group policy tested on 200 devices.", None),
            (
                "{U:Update December 2019}: Device control is live; the register is being "
                "populated.",
                JAN,
            ),
        ],
        states={0: "open", 1: "open"},
        stages=True,
    ),
    Rec(
        "training-4.1",
        A_TRAINING,
        "4.1",
        "Refresher Training Records",
        "Significant",
        "plain",
        anchor="refresher training is recorded against each officer",
        text=[
            "The Force should ensure that officer safety refresher training is recorded "
            "against each officer on the training database."
        ],
        target=["Implementation Target Date: See below for each stage."],
        owner=[
            "Person Responsible: (1) {T:End of October 2019} - {O:Priya Natt} Head of "
            "Learning (2) {T:End of December 2019} - {O:Supt Owen Reddy}"
        ],
        response="Agreed. Records will be migrated from the course spreadsheets.",
        updates=[
            ("{U:Update November 2019}: Migration of course records is complete.", JAN),
            (
                "{U:Update December 2019}: Reconciliation of records against attendance "
                "lists is complete. Considered completed and proposed closed.",
                JAN,
            ),
        ],
        states={1: "proposed_closed"},
        stages=True,
    ),
    Rec(
        "training-4.2",
        A_TRAINING,
        "4.2",
        "Trainer Accreditation",
        "Significant",
        "dash",
        anchor="accreditation of every officer safety trainer",
        text=["The accreditation of every officer safety trainer should be checked annually."],
        target=["Implementation Target Date: {T:31st January 2020}"],
        owner=["Person Responsible: {O:Priya Natt} Head of Learning"],
        response="Agreed.",
        updates=[("{U:Update December 2019}: Checks booked for January.", JAN)],
        states={1: "open"},
    ),
    Rec(
        "pensions-4.1",
        A_PENSIONS,
        "4.1",
        "Scheme Member Data Checks",
        "Significant",
        "dash",
        anchor="reconcile scheme member data with the payroll",
        text=["The Force should reconcile scheme member data with the payroll every quarter."],
        target=["Implementation Target Date: {T:Q1 2020}"],
        owner=["Person Responsible: {O:Gemma Oduya} – Pensions Manager"],
        response="Agreed. Report finalised recently – a first update will follow.",
        updates=[],
        states={1: "open"},
    ),
]

SORB: list[SorbRec] = [
    SorbRec(
        "Fleet Telematics",
        "4.5",
        "Driver Log-in Reminders",
        "Drivers should be reminded to log in to the telematics unit at the start of each journey.",
        "reminded to log in to the telematics unit",
        {0: "SORB", 1: "SORB"},
    ),
    SorbRec(
        "Custody Records",
        "4.6",
        "Property Bag Labels",
        "Property bag labels should show the custody record number.",
        "labels should show the custody record number",
        {1: "SORB"},
    ),
]


# ======================================================================================
# Paper content
# ======================================================================================


@dataclass
class Para:
    markup: str
    bold: bool = False
    center: bool = False
    size: float | None = None
    page_break: bool = False  # a page break before it
    tabs: bool = False  # columns set by tab stops


@dataclass
class Tab:
    rows: list[list[str]]
    widths: list[float]


Block = Para | Tab


def recs_of(pi: int) -> list[Rec]:
    return [r for r in RECS if pi in r.states]


def visible_updates(rec: Rec, pi: int) -> list[str]:
    return [m for m, on in rec.updates if on is None or pi in on]


def heading(rec: Rec) -> str:
    if rec.heading == "dash":
        return f"{rec.priority} – {rec.ref} {rec.title}"
    if rec.heading == "ref-last":
        return f"{rec.priority} – {rec.title} {rec.ref}"
    return f"{rec.priority} {rec.ref} {rec.title}"


def counts(pi: int) -> dict[str, dict[str, int]]:
    table = {p: {"RED": 0, "AMBER": 0, "GREEN": 0, "GREY": 0} for p in LEVEL}
    for rec in recs_of(pi):
        table[rec.priority][rag_of(rec, pi)] += 1
    return table


def rag_of(rec: Rec, pi: int) -> str:
    return rec.rag or RAG_OF[rec.states[pi]]


def build(paper: Paper) -> list[Block]:
    pi = PAPERS.index(paper)
    n = counts(pi)
    pcs = sum(1 for r in recs_of(pi) if r.states[pi] == "proposed_closed")
    b: list[Block] = [Para(line, bold=True, center=True) for line in ORGANISATION_LINES]
    b += [
        Para(f"Subject **{SUBJECT}**"),
        Para(f"Date **{paper.month}**"),
        Para(f"Author : **{AUTHOR}**"),
        Para("Purpose of Report", bold=True),
        Para(
            "1. This report gives the Panel the business owners' updates on the internal audit "
            "recommendations made by Harbury Audit LLP."
        ),
        Para(
            "2. Recommendations are graded Fundamental, Significant or Housekeeping. The table "
            "below shows how many are outstanding, completed or superseded:"
        ),
    ]
    rows = [["Priority of Recommendation", "RED", "AMBER", "GREEN", "GREY", "Total"]]
    totals = [0, 0, 0, 0]
    for prio, row in n.items():
        vals = [row[c] for c in ("RED", "AMBER", "GREEN", "GREY")]
        totals = [a + v for a, v in zip(totals, vals, strict=True)]
        rows.append([prio] + [str(v) if v else "-" for v in vals] + [str(sum(vals))])
    rows.append(["Total"] + [str(v) for v in totals] + [str(sum(totals))])
    b += [Para("\t".join(row), tabs=True) for row in rows]  # a tabbed table, as typed
    b += [
        Para(
            "3. Housekeeping recommendations of audits graded Satisfactory or above are tracked "
            "by the Force through SORB and are listed at the end of Appendix A."
        ),
        Para(
            f"4. Where business owners propose closure the Panel's agreement is needed; there "
            f"are {pcs} recommendations proposed closed."
        ),
        Para("Person to Contact", bold=True),
        Para("Ellen Marchbank – Inspectorate, Northshire Police"),
        Para("APPENDIX A", bold=True, page_break=True),
    ]
    prev: Audit | None = None
    for rec in recs_of(pi):
        a = rec.audit
        if a is not prev:
            if a.split:
                b += [
                    Para(a.title, bold=True),
                    Para(a.assurance, bold=True),
                    Para(a.date, bold=True),
                ]
            else:
                b.append(Para(f"{a.title} – {a.assurance} {a.date}", bold=True))
            if a.counts:
                f, s, h = a.counts
                b.append(Para(f"FUNDAMENTAL: {f} SIGNIFICANT: {s} HOUSEKEEPING: {h}", bold=True))
            prev = a
        b += [Para(letter, bold=True, size=8) for letter in rag_of(rec, pi)]
        b.append(Para(heading(rec), bold=True))
        b += [Para(t) for t in rec.text]
        b += [Para(t) for t in rec.target]
        b += [Para(t) for t in rec.owner]
        if rec.response:
            b.append(Para(f"Initial Management Response: {rec.response}"))
        for k, u in enumerate(visible_updates(rec, pi)):
            if k == rec.continued_before:
                b.append(Para(f"{rec.ref} {rec.title}… Continued", bold=True, page_break=True))
            b.append(Para(u))
        if rec.states[pi] == "proposed_closed":
            b.append(Para("PROPOSED CLOSED", bold=True))
    b += [
        Para("END", bold=True),
        Para(
            "‘Housekeeping’ Recommendations monitored outside JARAP by the Force/OPCC through "
            "SORB are as follows:"
        ),
    ]
    rows = [["Audit", "Assessment level", "Recommendation", "Progress monitored through"]]
    for s in SORB:
        if pi in s.progress:
            rows.append([s.audit, "Housekeeping", f"{s.title} {s.ref}\n{s.text}", s.progress[pi]])
    b.append(Tab(rows, [3.5, 3.0, 6.5, 3.0]))
    return b


# ======================================================================================
# Writers
# ======================================================================================


def _footer(section) -> None:
    fp = section.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    fp._p.append(fld)
    run = fp.add_run(" | Page")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), "60")  # Word's spaced "P a g e" footer style
    run._r.get_or_add_rPr().append(spacing)


def _runs(dp, markup: str, bold: bool, size: float | None) -> None:
    for r in gen.runs_of(markup):
        run = dp.add_run(r.text)
        run.bold = (r.bold or bold) or None
        run.font.strike = r.strike or None
        if size:
            run.font.size = Pt(size)


def write_docx(paper: Paper, blocks: list[Block], path: Path) -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.2)
    sec.top_margin = sec.bottom_margin = Cm(2.0)
    _footer(sec)
    for blk in blocks:
        if isinstance(blk, Tab):
            table = doc.add_table(rows=len(blk.rows), cols=len(blk.widths))
            table.style = "Table Grid"
            for ri, row in enumerate(blk.rows):
                for ci, text in enumerate(row):
                    cell = table.cell(ri, ci)
                    cell.width = Cm(blk.widths[ci])
                    for k, line in enumerate(text.split("\n")):
                        dp = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                        _runs(dp, line, ri == 0, None)
            doc.add_paragraph()
            continue
        dp = doc.add_paragraph()
        dp.paragraph_format.space_after = Pt(2 if blk.size else 6)
        if blk.page_break:
            dp.paragraph_format.page_break_before = True
        if blk.tabs:
            for k in range(5):
                dp.paragraph_format.tab_stops.add_tab_stop(Cm(5.5 + 2.0 * k))
        if blk.center:
            dp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _runs(dp, blk.markup, blk.bold, blk.size)
    cp = doc.core_properties
    cp.author = cp.last_modified_by = "Northshire Police Inspectorate"
    cp.title, cp.subject, cp.comments = SUBJECT, f"JARAP {paper.month.title()}", ""
    cp.created = cp.modified = paper.doc_date
    cp.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(gen._deterministic_zip(buf.getvalue()))


def write_txt(pdf: Path, path: Path, blocks: list[Block]) -> None:
    """`pdftotext` of the PDF, with its two tables laid out row by row as in the reference
    conversion (this poppler reads these small tables column by column) and the footer's
    spaced `P a g e` as the reference prints it."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.replace("\f", "\n")
    out = re.sub(r"(?m)^(\d+) \| Page\s*$", r"\1 | P a g e ", out)
    counts = [
        gen.plain(b.markup).replace("\t", " ") for b in blocks if isinstance(b, Para) and b.tabs
    ]
    start = out.index("Priority of Recommendation")
    end = out.index("3. Housekeeping")
    out = out[:start] + "\n\n".join(counts) + "\n\n" + out[end:]
    sorb = next(b for b in blocks if isinstance(b, Tab))
    lines = ["Audit", "Assessment", "level", "Recommendation", "Progress monitored", "through", ""]
    for row in sorb.rows[1:]:
        title, text = row[2].split("\n", 1)
        lines += [row[0], "", f"{row[1]} {title}", "", text, "", row[3], ""]
    start = out.index("Progress monitored") if "Audit\n" not in out else out.rindex("Audit\n")
    page = re.search(r"\n\d+ \| P a g e \n*$", out)
    out = out[:start] + "\n".join(lines) + "\n" + (page.group(0) if page else "")
    path.write_text(out, encoding="utf-8")


# ======================================================================================
# Ground truth
# ======================================================================================


def rec_truth(rec: Rec, pi: int) -> dict:
    markup = [*rec.target, *rec.owner, *visible_updates(rec, pi)]
    ann = [a for m in markup for a in gen.annotations(m)]
    targets = [gen.date_value(v) for k, v in ann if k == "T"]
    current = targets[-1] if targets else None
    if rec.stages and targets:
        current = max(targets, key=lambda t: t["date"])
    body = " ".join(gen.plain(t) for t in rec.text)
    assert rec.anchor in body, rec.key
    a = rec.audit
    return {
        "audit_title": a.title.rstrip(" –"),
        "assurance": a.assurance,
        "audit_date": gen.date_value(a.date),
        "ref": rec.ref,
        "title": rec.title,
        "priority": rec.priority,
        "priority_printed": True,
        "priority_level": LEVEL[rec.priority],
        "section": "main",
        "status": rec.states[pi],
        "rag": rag_of(rec, pi).lower(),
        "owners": list(dict.fromkeys(v for k, v in ann if k == "O")),
        "former_owners": [],
        "original_target": targets[0] if targets else None,
        "target_history": targets,
        "current_target": current,
        "update_dates": [gen.date_value(v) for k, v in ann if k == "U"],
        "text_anchor": rec.anchor,
    }


def sorb_truth(s: SorbRec, pi: int) -> dict:
    assert s.anchor in s.text
    return {
        "audit_title": s.audit,
        "assurance": None,
        "audit_date": None,
        "ref": s.ref,
        "title": s.title,
        "priority": "Housekeeping",
        "priority_printed": True,
        "priority_level": "low",
        "section": "sorb",
        "status": "closed" if "closed" in s.progress[pi].lower() else "open",
        "rag": None,
        "owners": [],
        "former_owners": [],
        "original_target": None,
        "target_history": [],
        "current_target": None,
        "update_dates": [],
        "text_anchor": s.anchor,
    }


def build_truth(paper: Paper) -> dict:
    pi = PAPERS.index(paper)
    n = counts(pi)
    by_audit = {}
    for rec in recs_of(pi):
        if rec.audit.counts:
            f, s, h = rec.audit.counts
            by_audit[rec.audit.title] = {"Fundamental": f, "Significant": s, "Housekeeping": h}
    return {
        "stem": paper.stem,
        "paper": {
            "title": SUBJECT,
            "organisation": ORGANISATION,
            "date": gen.date_value(paper.month.title()) | {"raw": paper.month},
            "author": AUTHOR,
        },
        "declared_counts": {
            "by_priority": {p: sum(row.values()) for p, row in n.items()},
            "total": sum(sum(row.values()) for row in n.values()),
            "proposed_closed": sum(1 for r in recs_of(pi) if r.states[pi] == "proposed_closed"),
            "by_audit": by_audit,
            "table": n,
        },
        "proposed_closed_list": [],
        "recommendations": [rec_truth(r, pi) for r in recs_of(pi)]
        + [sorb_truth(s, pi) for s in SORB if pi in s.progress],
    }


def main() -> int:
    DOC_DIR.mkdir(exist_ok=True)
    TRUTH_DIR.mkdir(exist_ok=True)
    for paper in PAPERS:
        blocks = build(paper)
        docx = DOC_DIR / f"{paper.stem}.docx"
        write_docx(paper, blocks, docx)
        pdf = gen.convert_pdf(docx, paper)
        write_txt(pdf, DOC_DIR / f"{paper.stem}.txt", blocks)
        (TRUTH_DIR / f"{paper.stem}.json").write_text(
            json.dumps(build_truth(paper), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print("wrote", paper.stem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
