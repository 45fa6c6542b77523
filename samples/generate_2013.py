"""Synthetic audit-panel papers in the 2013–16 appendix layout (two auditors), with ground truth.

Run:  .venv/bin/python samples/generate_2013.py   (needs LibreOffice)

Like samples/generate_2020.py (whose writers this reuses), one data structure below is the
ground truth for the fictional Northshire Police; every audit, person, date and narrative is
invented. The cover prints one counts table per auditor (High / Medium / Low for one firm,
Fundamental / Significant / Housekeeping for the other); Appendix A prints per audit a table
row `Status | Internal Audit Report | Audit Report Date` (`AMBER | TITLE (3.14/15) | date`),
a counts line, then `Medium Recommendation 1.1:` blocks with no short title. It writes

    samples/tracker-2013/<stem>.docx   Word
    samples/tracker-2013/<stem>.pdf    the .docx converted by LibreOffice (headless)
    samples/tracker-2013/<stem>.txt    the PDF's text layer (PDFium)
    samples/truth/<stem>.json          what a parser should extract

Markup: **bold**, ~~strike~~, {T:target}, {U:update heading}, {O:owner}; a year-less update
heading, or one whose month stands apart from its year, is annotated {U:heading|YYYY-MM-DD}
(or `|YYYY-MM`) with the date it must be given (or `|` alone when no single year fits, so it
stays undated).
"""

from __future__ import annotations

import datetime
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from docx import Document as DocxDocument
from docx.shared import Cm

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402  - markup and date helpers
import generate_2020 as g20  # noqa: E402  - the block-layout writers (Para, Tab, write_docx)

DOC_DIR = HERE / "tracker-2013"
TRUTH_DIR = HERE / "truth"
gen.LO_PROFILE = "file:///tmp/lo-2013"

ORGANISATION_LINES = [
    "POLICE AND CRIME COMMISSIONER FOR NORTHSHIRE",
    "JOINT AUDIT, RISK AND ASSURANCE PANEL",
]
ORGANISATION = " ".join(ORGANISATION_LINES)
SUBJECT = "INTERNAL AUDIT RECOMMENDATIONS UPDATE"
AUTHOR = "CORPORATE GOVERNANCE – NIAMH STRODE"
LEVEL = {
    "High": "high", "Medium": "medium", "Low": "low",
    "Fundamental": "high", "Significant": "medium", "Housekeeping": "low",
}  # fmt: skip
FIRMS = {
    "Harbury Audit LLP": ("High", "Medium", "Low"),
    "Tri-County Audit Partnership": ("Fundamental", "Significant", "Housekeeping"),
}
# status as printed after a block -> interchange status and the cover column it counts in
MARKERS = {
    None: ("open", None),
    "COMPLETED": ("proposed_closed", "Completed"),
    "PROPOSED CLOSED": ("proposed_closed", "Completed"),
    "NOT ADOPTED": ("not_adopted", "Not Adopted (GREY)"),
    "SUPERSEDED": ("superseded", "Not Adopted (GREY)"),
}
COLUMNS = ["RED", "AMBER", "GREEN", "Completed", "Not Adopted (GREY)"]


@dataclass
class Audit:
    rag: str
    title: str
    number: str  # the report number printed in brackets
    date: str
    firm: str
    counts: tuple[int, int, int]


@dataclass
class Rec:
    audit: Audit
    priority: str
    ref: str
    text: str
    target: str
    owner: str
    comment: str
    updates: list[str | tuple[str, tuple[int, ...]]]  # markup, or (markup, papers printing it)
    marker: str | None = None
    marker_in: tuple[int, ...] = (1,)  # the papers that print the marker


@dataclass
class Paper:
    stem: str
    month: str
    doc_date: datetime.datetime


PAPERS = [
    Paper("northshire-appendix-2015-09", "SEPTEMBER 2015", datetime.datetime(2015, 9, 7, 9, 0)),
    Paper("northshire-appendix-2016-03", "MARCH 2016", datetime.datetime(2016, 3, 7, 9, 0)),
]
LATER = (1,)  # printed in the March 2016 paper only

A_PROPERTY = Audit(
    "AMBER", "SEIZED AND FOUND PROPERTY", "3.14/15", "11 September 2014",
    "Harbury Audit LLP", (0, 2, 0),
)  # fmt: skip
A_EVIDENCE = Audit(
    "GREEN", "DIGITAL EVIDENCE STORAGE", "6.14/15", "20 January 2015",
    "Harbury Audit LLP", (1, 0, 1),
)  # fmt: skip
A_PAYROLL = Audit(
    "RED", "PAYROLL OVERTIME CLAIMS", "2.13/14", "14 June 2013",
    "Tri-County Audit Partnership", (1, 1, 0),
)  # fmt: skip
A_VOLUNTEERS = Audit(
    "AMBER", "VOLUNTEER EXPENSES", "4.13/14", "2 October 2013",
    "Tri-County Audit Partnership", (0, 0, 1),
)  # fmt: skip

RECS: list[Rec] = [
    Rec(
        A_PROPERTY,
        "Medium",
        "1.1",
        "Property stores should reconcile the seized property register with the items held "
        "every quarter, and record each difference found with the action taken.",
        # the revision glued to its label, as the old papers print it
        "Implementation Target Date: {T:March 2015} – revised Target Date{T:October 2016}",
        "Person Responsible: {O:Insp Carl Haddow} Property Department",
        "Agreed. A quarterly reconciliation will be added to the stores calendar.",
        [
            "{U:Update 27th August|2015-08-27}: The first two reconciliations have been "
            "completed; DS Paula Okafor reviewed the differences with the stores staff.",
            (
                "{U:Update February 2016}: A new register system is being procured, so the "
                "target has been revised.",
                LATER,
            ),
        ],
    ),
    Rec(
        A_PROPERTY,
        "Medium",
        "1.2",
        "Found property held for more than 28 days should be disposed of in line with the "
        "policy and the disposal recorded.",
        "Implementation Target Date: {T:June 2015}",
        "Person Responsible: {O:Maureen Tallis} Finance Department",
        "Agreed.",
        [
            "{U:Update August – Follow Up Audit 2015|2015-08}: The follow up audit found disposals "
            "recorded for every item sampled. Sgt Oliver Prentice now signs off each disposal.",
        ],
        marker="COMPLETED",
        marker_in=(0, 1),
    ),
    Rec(
        A_EVIDENCE,
        "High",
        "2.1",
        "Digital evidence held on removable media should be copied to the evidence store "
        "and the media destroyed once the copy is verified.",
        "Implementation Target Date: {T:31st July 2015} – revised Target Date "
        "{T:31st January 2016}",
        "Person Responsible: {O:Ch Insp Dev Raman} Criminal Justice Department",
        "Agreed; the evidence store has capacity for the backlog.",
        [
            "{U:Update July 2015}: Copying of the backlog has started.",
            (
                "{U:Update January 2016}: The backlog has been copied and verified.",
                LATER,
            ),
        ],
        marker="PROPOSED CLOSED",
    ),
    Rec(
        A_EVIDENCE,
        "Low",
        "2.2",
        "Evidence store access logs should be reviewed monthly by the store manager.",
        "Implementation Target Date: {T:September 2015}",
        "Person Responsible: {O:Gareth Lusk} ICT Department",
        "Not agreed: access is already alerted in real time.",
        [
            (
                "{U:Update October 2015}: The Panel accepted the management response.",
                LATER,
            ),
        ],
        marker="NOT ADOPTED",
    ),
    Rec(
        A_PAYROLL,
        "Fundamental",
        "3.1",
        "Overtime claims should be authorised by a supervisor before payment and checked "
        "against duty records.",
        "Implementation Target Date: {T:December 2013} – revised Target Date {T:June 2014} – "
        "revised Target Date {T:March 2016}",
        "Person Responsible: {O:Supt Lorna Fenwick} Human Resources Department",
        "Agreed. The duty system will hold the authorisation.",
        [
            "{U:Update July 2014}: Authorisation in the duty system is being tested.",
            "{U:Update 3rd December|2014-12-03}: Testing found errors in the interface; "
            "Mr Tom Ashdown of the supplier is correcting them.",
            "{U:Update June 2015}: The interface is live in two departments.",
        ],
    ),
    Rec(
        A_PAYROLL,
        "Significant",
        "3.2",
        "Payroll should run a monthly exception report of overtime above 40 hours.",
        "Implementation Target Date: {T:March 2014}",
        "Person Responsible: {O:Ian Corbett} Payroll Department",
        "Agreed.",
        [
            "{U:Update 14th November|}: The report has been drafted.",
            (
                "{U:Update January 2016}: Replaced by the duty system's own exception alerts.",
                LATER,
            ),
        ],
        marker="SUPERSEDED",
    ),
    Rec(
        A_VOLUNTEERS,
        "Housekeeping",
        "4.1",
        "Volunteer expense claims should carry receipts for every item over £5.",
        "Implementation Target Date: {T:April 2014} – revised Target Date {T:April 2016}",
        "Person Responsible: {O:Insp Rhys Madoc} Citizens in Policing Department",
        "Agreed. The claim form will be changed.",
        [
            (
                "{U:Update December – Follow Up Audit 2015|2015-12}: The new claim form is in use; "
                "PCSO Amy Brightwell collects the receipts for each team.",
                LATER,
            ),
        ],
    ),
]


# ======================================================================================
# Paper content
# ======================================================================================


def marker_of(rec: Rec, pi: int) -> str | None:
    return rec.marker if pi in rec.marker_in else None


def status_of(rec: Rec, pi: int) -> str:
    return MARKERS[marker_of(rec, pi)][0]


def column_of(rec: Rec, pi: int) -> str:
    return MARKERS[marker_of(rec, pi)][1] or rec.audit.rag


def updates_of(rec: Rec, pi: int) -> list[str]:
    return [
        u if isinstance(u, str) else u[0] for u in rec.updates if isinstance(u, str) or pi in u[1]
    ]


def counts(pi: int) -> dict[str, dict[str, dict[str, int]]]:
    """Per firm, per priority, per cover column."""
    table = {f: {p: dict.fromkeys(COLUMNS, 0) for p in prios} for f, prios in FIRMS.items()}
    for rec in RECS:
        table[rec.audit.firm][rec.priority][column_of(rec, pi)] += 1
    return table


def _heading_markup(markup: str) -> str:
    """`{U:Update 27th August|2015-08-27}` prints as `Update 27th August`."""
    return re.sub(r"\{U:([^}|]*)\|[^}]*\}", r"{U:\1}", markup)


def build(paper: Paper) -> list:
    pi = PAPERS.index(paper)
    Para, Tab = g20.Para, g20.Tab
    b: list = [Para(line, bold=True, center=True) for line in ORGANISATION_LINES]
    b += [
        Para(f"Subject **{SUBJECT}**"),
        Para(f"Date **{paper.month}**"),
        Para(f"Author : **{AUTHOR}**"),
        Para("Purpose of Report", bold=True),
        Para(
            "1. This report gives the Panel the business owners' updates on the internal audit "
            "recommendations made by the Force's two internal auditors."
        ),
    ]
    for k, (firm, rows) in enumerate(counts(pi).items(), start=2):
        b.append(Para(f"{k}. Recommendations made by {firm}:"))
        table = [["Priority", *COLUMNS, "Total"]]
        totals = [0] * len(COLUMNS)
        for prio, row in rows.items():
            vals = [row[c] for c in COLUMNS]
            totals = [a + v for a, v in zip(totals, vals, strict=True)]
            table.append([prio] + [str(v) if v else "-" for v in vals] + [str(sum(vals))])
        table.append(["Total"] + [str(v) for v in totals] + [str(sum(totals))])
        b.append(Tab(table, [3.2, 1.3, 1.7, 1.7, 2.6, 4.0, 1.3]))
    b += [
        Para("Person to Contact", bold=True),
        Para("Niamh Strode – Corporate Governance, Northshire Police"),
        Para("APPENDIX A", bold=True, page_break=True),
    ]
    prev: Audit | None = None
    for rec in RECS:
        a = rec.audit
        if a is not prev:
            b.append(
                Tab(
                    [
                        ["Status", "Internal Audit Report", "Audit Report Date"],
                        [a.rag, f"{a.title} ({a.number})", a.date],
                    ],
                    [2.5, 9.0, 5.0],
                )
            )
            hi, mid, lo = (w.upper() for w in FIRMS[a.firm])
            b.append(Para(f"{hi}: {a.counts[0]} {mid}: {a.counts[1]} {lo}: {a.counts[2]}"))
            prev = a
        b.append(Para(f"{rec.priority} Recommendation {rec.ref}:", bold=True))
        b.append(Para(rec.text))
        b.append(Para(rec.target))
        b.append(Para(rec.owner))
        b.append(Para(f"Initial Management Comment: {rec.comment}"))
        b += [Para(_heading_markup(u)) for u in updates_of(rec, pi)]
        if marker_of(rec, pi):
            b.append(Para(rec.marker, bold=True))
    b.append(Para("END", bold=True))
    return b


def set_column_widths(path: Path, widths: list[list[float]]) -> None:
    """Give each table's grid its column widths (LibreOffice lays tables out by `w:gridCol`,
    which the shared writer leaves equal), so a priority word or a header is not wrapped."""
    doc = DocxDocument(str(path))
    for table, cols in zip(doc.tables, widths, strict=True):
        table.autofit = False
        for col, width in zip(table.columns, cols, strict=True):
            col.width = Cm(width)
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(gen._deterministic_zip(buf.getvalue()))


def write_txt(pdf: Path, path: Path) -> None:
    """The PDF's text layer page by page (PDFium, as a PDF-to-text converter reads it): table
    rows come out as lines of cells, the footer as `N | P a g e`."""
    doc = pdfium.PdfDocument(str(pdf))
    pages = []
    for page in doc:
        textpage = page.get_textpage()
        pages.append(textpage.get_text_range().replace("\r\n", "\n"))
        textpage.close()
        page.close()
    doc.close()
    out = "\n".join(pages)
    out = re.sub(r"(?m)^(\d+) \| Page\s*$", r"\1 | P a g e ", out)
    path.write_text(out, encoding="utf-8")


# ======================================================================================
# Ground truth
# ======================================================================================


def title_of(text: str) -> str:
    """No short title is printed: the title is the first eight words of the text's first
    sentence (trailing punctuation dropped)."""
    sentence = re.split(r"(?<=[.;:])\s", text, maxsplit=1)[0]
    return " ".join(sentence.split()[:8]).rstrip(".,;:")


def update_date(ann: str) -> dict | None:
    heading, _, iso = ann.partition("|")
    if "|" not in ann:
        return gen.date_value(heading)
    if not iso:
        return {"raw": heading, "date": None, "precision": None}
    if len(iso) == 7:  # a month named apart from its year
        year, month = map(int, iso.split("-"))
        return {"raw": heading, "date": gen.last_day(year, month), "precision": "month"}
    return {"raw": heading, "date": iso, "precision": "day"}


def rec_truth(rec: Rec, pi: int) -> dict:
    markup = (rec.target, rec.owner, *updates_of(rec, pi))
    ann = [a for m in markup for a in gen.annotations(m)]
    targets = [gen.date_value(v) for k, v in ann if k == "T"]
    a = rec.audit
    return {
        "audit_title": a.title,
        "report_number": a.number,
        "assurance": None,
        "audit_date": gen.date_value(a.date),
        "ref": rec.ref,
        "title": title_of(rec.text),
        "priority": rec.priority,
        "priority_printed": True,
        "priority_level": LEVEL[rec.priority],
        "section": "main",
        "status": status_of(rec, pi),
        "rag": a.rag.lower(),
        "owners": [v for k, v in ann if k == "O"],
        "former_owners": [],
        "original_target": targets[0] if targets else None,
        "target_history": targets,
        "current_target": targets[-1] if targets else None,
        "update_dates": [update_date(v) for k, v in ann if k == "U"],
        "text_anchor": rec.text[:40],
    }


def build_truth(paper: Paper) -> dict:
    pi = PAPERS.index(paper)
    n = counts(pi)
    tables = []
    for firm, rows in n.items():
        by_priority = {p: sum(row.values()) for p, row in rows.items()}
        tables.append(
            {
                "auditor": firm,
                "by_priority": by_priority,
                "total": sum(by_priority.values()),
                "proposed_closed": sum(row["Completed"] for row in rows.values()),
            }
        )
    by_audit = {}
    for rec in RECS:
        words = FIRMS[rec.audit.firm]
        by_audit[rec.audit.title] = dict(zip(words, rec.audit.counts, strict=True))
    return {
        "stem": paper.stem,
        "paper": {
            "title": SUBJECT,
            "organisation": ORGANISATION,
            "date": gen.date_value(paper.month.title()) | {"raw": paper.month},
            "author": AUTHOR,
        },
        "declared_counts": {
            "by_priority": {p: c for t in tables for p, c in t["by_priority"].items()},
            "total": sum(t["total"] for t in tables),
            "proposed_closed": sum(t["proposed_closed"] for t in tables),
            "by_audit": by_audit,
            "tables": tables,
        },
        "proposed_closed_list": [],
        "recommendations": [rec_truth(r, pi) for r in RECS],
    }


def main() -> int:
    DOC_DIR.mkdir(exist_ok=True)
    TRUTH_DIR.mkdir(exist_ok=True)
    g20.SUBJECT = SUBJECT  # the Word writer's document properties
    for paper in PAPERS:
        blocks = build(paper)
        docx = DOC_DIR / f"{paper.stem}.docx"
        g20.write_docx(paper, blocks, docx)
        set_column_widths(docx, [b.widths for b in blocks if isinstance(b, g20.Tab)])
        pdf = gen.convert_pdf(docx, paper)
        write_txt(pdf, DOC_DIR / f"{paper.stem}.txt")
        gen.save_truth(TRUTH_DIR, paper.stem, build_truth(paper))
        print("wrote", paper.stem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
