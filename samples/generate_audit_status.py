"""Synthetic audit-status report of another panel, with ground truth.

Run:  .venv/bin/python samples/generate_audit_status.py

An invented panel (the Westmarch Police and Crime Panel) receives a report on the audits that
gave limited assurance. Every audit, person, date and narrative below is invented. The paper
has a cover (Subject / Date / Author), narrative sections, a table of inspections (not audits:
a distractor) and the status table `Ref | Title/Published/Owner | Update | On track`, whose
second cell stacks the title, `Published: Dec 2015`, `Follow Up: Sept 2016`, `Lead: …`,
`Governance: …` and `Assurance: …` on separate lines; the On-track cell holds a tick or another
symbol. It writes

    samples/audit-status/<stem>.docx   Word (python-docx), via the 2021 generator's writer
    samples/audit-status/<stem>.pdf    the .docx converted by LibreOffice (headless)
    samples/audit-status/<stem>.txt    a text conversion (TAB rows of HTML cells)
    samples/truth/<stem>.json          what a parser should extract (`audits`)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402  - the 2021 generator's helpers
from generate import C, R, T, cell, par  # noqa: E402

DOC_DIR = HERE / "audit-status"
TRUTH_DIR = HERE / "truth"
gen.LO_PROFILE = "file:///tmp/lo-audit-status"

ORGANISATION = "WESTMARCH POLICE AND CRIME PANEL"
SUBJECT = "LIMITED ASSURANCE AUDITS: STATUS REPORT"


@dataclass
class Audit:
    ref: str
    title: str
    published: str
    follow_up: str
    lead: str
    governance: str
    assurance: str
    on_track: str
    update: list[str]


@dataclass
class Paper:
    stem: str
    month: str
    doc_date: datetime
    paper_date: str
    author: str
    audits: list[Audit] = field(default_factory=list)
    list_style: str = "li"


AUDITS = [
    Audit("LA1", "Custody Healthcare Contract", "Dec 2015", "Sept 2016", "Supt Ann Marsh",
          "Strategic Change Board", "Limited", "✓",
          ["The contract has been re-let and monthly performance meetings are held.",
           "Two of the five actions are complete; the rest are due by the follow-up audit."]),
    Audit("LA2", "Seized Cash Handling", "March 2016", "January 2017", "DCI Rob Kettle",
          "Force Assurance Board", "Limited", "✗",
          ["The new safe has been installed at two of four stations.",
           "The audit trail software is delayed by the supplier until the new year."]),
    Audit("LA3", "Firearms Licensing", "May 2016", "March 2017", "Mrs Jo Penrose",
          "Operational Delivery Board", "Limited", "✓",
          ["Renewals are now sent 16 weeks before expiry; the backlog has fallen from 410 to "
           "96 cases and is expected to clear by the end of the year."]),
]

PAPERS = [
    Paper("westmarch-audit-status-2016-10", "OCTOBER 2016", datetime(2016, 10, 3, 9, 0, 0),
          "2016-10-31", "Chief Finance Officer", AUDITS),
]


def status_cell(audit: Audit) -> C:
    return C([
        par(f"**{audit.title}**"),
        par(f"Published: {audit.published}"),
        par(f"Follow Up: {audit.follow_up}"),
        par(f"Lead: {audit.lead}"),
        par(f"Governance: {audit.governance}"),
        par(f"Assurance: {audit.assurance}"),
    ])


def status_table(paper: Paper) -> T:
    header = [cell(f"**{h}**", fill=gen.HEADER_FILL)
              for h in ("Ref", "Title/Published/Owner", "Update", "On track")]
    rows = [R(header)]
    for audit in paper.audits:
        rows.append(R([cell(audit.ref), status_cell(audit), C([par(u) for u in audit.update]),
                       cell(audit.on_track)]))
    return T(rows, [1.2, 6.0, 8.5, 1.8], size=9)


def inspections_table() -> T:
    """Not audits: the inspection list a panel paper carries beside the status table."""
    rows = [R([cell(f"**{h}**", fill=gen.HEADER_FILL)
               for h in ("Inspection", "Date", "Lead", "Status")])]
    for row in (("Crime Data Integrity", "June 2016", "ACC Priya Shah", "Report awaited"),
                ("Custody Suites", "August 2016", "C/Supt Dan Hale", "Action plan agreed")):
        rows.append(R([cell(x) for x in row]))
    return T(rows, [6.0, 3.0, 4.0, 4.5], size=9)


def build(paper: Paper) -> list:
    return [
        par(ORGANISATION, "title", size=12),
        par(f"Subject: **{SUBJECT}**", tight=True),
        par(f"Date: **{paper.month}**", tight=True),
        par(f"Author: **{paper.author}**"),
        par("**1. Purpose**"),
        par("1.1 This report updates the Panel on the audits that gave limited assurance, and "
            "on the inspections reported since the last meeting."),
        par("**2. Inspections**"),
        inspections_table(),
        par("**3. Limited assurance audits**"),
        par("3.1 The status of each audit that gave limited assurance is set out below."),
        status_table(paper),
        par("**4. Recommendation**"),
        par("4.1 The Panel is asked to note the report."),
    ]


def date_value(raw: str) -> dict:
    """The 2021 generator's date, reading `Sept` as September (its month table lacks it)."""
    value = gen.date_value(raw.replace("Sept ", "September "))
    return {**value, "raw": raw}


def audit_truth(audit: Audit) -> dict:
    return {
        "ref": audit.ref,
        "title": audit.title,
        "published": date_value(audit.published),
        "follow_up": date_value(audit.follow_up),
        "lead": audit.lead,
        "governance": audit.governance,
        "assurance": audit.assurance,
        "on_track": audit.on_track,
        "update": "\n".join(audit.update),
    }


def build_truth(paper: Paper) -> dict:
    return {
        "stem": paper.stem,
        "kind": "audit_report",
        "paper": {
            "title": SUBJECT,
            "organisation": ORGANISATION,
            "date": {"raw": paper.month, "date": paper.paper_date, "precision": "month"},
            "author": paper.author,
        },
        "audits": [audit_truth(a) for a in paper.audits],
    }


FOOTER = "Westmarch Police and Crime Panel – Audit status"


def footer_text(paper: Paper) -> str:
    """The shared page footer, in this panel's words, its month as the paper prints it."""
    return f"{FOOTER} – {paper.month} – Page "


gen.footer_text = footer_text


def main() -> int:
    return gen.write_papers(PAPERS, build, build_truth, DOC_DIR, TRUTH_DIR)


if __name__ == "__main__":
    sys.exit(main())
