"""Synthetic follow-up reports of other internal auditors, with ground truth.

Run:  .venv/bin/python samples/generate_follow_up.py

An invented panel (the Haldenmoor Combined Authority's Audit and Standards Committee) receives
follow-up reports from two invented internal auditors, each in its own wording and column
order. Every audit, person, date and narrative below is invented. Each report has a cover
(Subject / Date / Author, a summary table of counts by priority, a table defining the
priorities) and then one table per audit under a heading paragraph giving the audit, its
report date and its assurance opinion. For every paper it writes

    samples/follow-up/<stem>.docx   Word (python-docx), via the 2021 generator's writer
    samples/follow-up/<stem>.pdf    the .docx converted by LibreOffice (headless)
    samples/follow-up/<stem>.txt    a text conversion in the 2021 generator's style (TAB rows
                                    of HTML cells)
    samples/truth/<stem>.json       what a parser should extract

Wording A (Brackwater Audit Partnership): `Ref | Recommendation | Priority | Responsible
Officer | Original Date | Revised Date | Status | Update`, priorities `1 (High)`, headings
`Payroll Controls – report issued March 2023 – Limited Assurance`, owners `Name, Role`.
Wording B (Kestrel Assurance Services): `No. | Agreed Management Action | Action Owner |
Current Status | Priority | Agreed Implementation Date | Revised Target | Comments`,
priorities `P1` / `Priority 2` / `High`, headings `2. Fleet Fuel Cards (final report 12 June
2023): Reasonable assurance`, owners `Role – Name`, a summary by audit on the cover and the
priority definitions again after the last table (neither holds actions).

Statuses: `Implemented` -> closed, `Superseded` -> superseded, `Partly implemented`, `Not
implemented`, `Ongoing`, `In progress` -> open. A revised date may hold several revisions
(`Dec 2023; revised Jun 2024`), `-` or `N/A` (no target). Priorities 1/2/3 mean High/Medium/
Low. The title of an action is the first sentence of its text.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402  - the 2021 generator's helpers
from generate import C, NewSection, P, R, T, cell, par  # noqa: E402

DOC_DIR = HERE / "follow-up"
TRUTH_DIR = HERE / "truth"
gen.LO_PROFILE = "file:///tmp/lo-follow-up"

ORGANISATION = "HALDENMOOR COMBINED AUTHORITY AUDIT AND STANDARDS COMMITTEE"
SUBJECT = "INTERNAL AUDIT FOLLOW-UP OF AGREED ACTIONS"
LEVEL = {"High": "high", "Medium": "medium", "Low": "low"}
PRIORITY_OF = {  # printed priority -> the word it means
    "1 (High)": "High", "2 (Medium)": "Medium", "3 (Low)": "Low",
    "P1": "High", "Priority 2": "Medium", "P3": "Low", "High": "High",
}  # fmt: skip
STATUS_OF = {
    "Implemented": "closed", "Superseded": "superseded", "Partly implemented": "open",
    "Not implemented": "open", "Ongoing": "open", "In progress": "open",
}  # fmt: skip
NO_TARGET = ("-", "N/A")


@dataclass
class Action:
    ref: str
    text: str  # the recommendation / agreed action; its first sentence is the title
    priority: str  # as printed
    owner: str  # as printed
    owners: list[str]  # the people it names
    original: str
    revised: str
    status: str  # as printed
    updates: list[str]  # paragraphs of the update cell
    update_dates: list[str] = field(default_factory=list)  # raw dates of dated updates


@dataclass
class Audit:
    title: str
    date: str
    assurance: str
    actions: list[Action]


@dataclass
class Paper:
    stem: str
    month: str
    doc_date: datetime
    paper_date: str
    auditor: str
    author: str
    columns: list[tuple[str, str]]  # header, Action attribute
    widths: list[float]
    heading: str  # format of the audit heading
    audits: list[Audit]
    by_audit: bool = False  # a summary table by audit on the cover
    definitions_after: bool = False  # the priority definitions again after the last table
    list_style: str = "li"


A = Paper(
    stem="haldenmoor-follow-up-2023-11",
    month="November 2023",
    doc_date=datetime(2023, 11, 6, 9, 0, 0),
    paper_date="2023-11-30",
    auditor="Brackwater Audit Partnership",
    author="Brackwater Audit Partnership – Helen Coyle",
    columns=[
        ("Ref", "ref"),
        ("Recommendation", "text"),
        ("Priority", "priority"),
        ("Responsible Officer", "owner"),
        ("Original Date", "original"),
        ("Revised Date", "revised"),
        ("Status", "status"),
        ("Update", "updates"),
    ],
    widths=[1.2, 6.0, 2.0, 3.2, 2.4, 3.0, 2.4, 6.4],
    heading="{title} – report issued {date} – {assurance}",
    audits=[
        Audit(
            "Payroll Controls",
            "March 2023",
            "Limited Assurance",
            [
                Action(
                    "1.1",
                    "Starter forms must be approved before first pay. Approval should be "
                    "evidenced on the HR system.",
                    "1 (High)",
                    "Priya Nandra, Payroll Manager",
                    ["Priya Nandra"],
                    "30 June 2023",
                    "-",
                    "Implemented",
                    ["Update September 2023: Approval is now a mandatory step in the system."],
                    ["September 2023"],
                ),
                Action(
                    "1.2",
                    "Overtime claims should be reconciled monthly. Variances must be "
                    "reported to the Finance Manager.",
                    "2 (Medium)",
                    "Gareth Lyle, Finance Manager",
                    ["Gareth Lyle"],
                    "31 August 2023",
                    "Dec 2023; revised Mar 2024",
                    "Partly implemented",
                    [
                        "Update October 2023: Reconciliations done for two months; the rest are "
                        "delayed by the system upgrade."
                    ],
                    ["October 2023"],
                ),
                Action(
                    "1.3",
                    "Leavers should be removed from the payroll within five days.",
                    "3 (Low)",
                    "Priya Nandra / Gareth Lyle",
                    ["Priya Nandra", "Gareth Lyle"],
                    "30 September 2023",
                    "January 2024",
                    "Not implemented",
                    ["Update October 2023: A new leavers checklist is in draft."],
                    ["October 2023"],
                ),
            ],
        ),
        Audit(
            "Building Maintenance Contracts",
            "May 2023",
            "Reasonable Assurance",
            [
                Action(
                    "2.1",
                    "Contract variations must be signed off by the budget holder.",
                    "2 (Medium)",
                    "Ruth Okafor, Head of Estates",
                    ["Ruth Okafor"],
                    "31 July 2023",
                    "-",
                    "Implemented",
                    ["Update August 2023: A sign-off form is in use for every variation."],
                    ["August 2023"],
                ),
                Action(
                    "2.2",
                    "The contract register should be kept up to date. Expiry dates "
                    "should be flagged six months ahead.",
                    "1 (High)",
                    "Ruth Okafor, Head of Estates",
                    ["Ruth Okafor"],
                    "30 September 2023",
                    "Dec 2023; revised Jun 2024",
                    "Partly implemented",
                    [
                        "Update July 2023: The register has been rebuilt.",
                        "Update October 2023: Expiry alerts are being tested.",
                    ],
                    ["July 2023", "October 2023"],
                ),
                Action(
                    "2.3",
                    "Paper job sheets should be scanned and kept with the order.",
                    "3 (Low)",
                    "Sam Whitlow, Estates Officer",
                    ["Sam Whitlow"],
                    "N/A",
                    "N/A",
                    "Superseded",
                    ["Update October 2023: Superseded by the mobile job-sheet system."],
                    ["October 2023"],
                ),
            ],
        ),
    ],
)

B = Paper(
    stem="haldenmoor-follow-up-2024-06",
    month="June 2024",
    doc_date=datetime(2024, 6, 10, 9, 0, 0),
    paper_date="2024-06-30",
    auditor="Kestrel Assurance Services",
    author="Kestrel Assurance Services – Omar Delaney",
    columns=[
        ("No.", "ref"),
        ("Agreed Management Action", "text"),
        ("Action Owner", "owner"),
        ("Current Status", "status"),
        ("Priority", "priority"),
        ("Agreed Implementation Date", "original"),
        ("Revised Target", "revised"),
        ("Comments", "updates"),
    ],
    widths=[1.2, 6.2, 3.2, 2.4, 2.0, 2.8, 3.0, 6.2],
    heading="{n}. {title} (final report {date}): {assurance}",
    by_audit=True,
    definitions_after=True,
    audits=[
        Audit(
            "Fleet Fuel Cards",
            "12 June 2023",
            "Reasonable assurance",
            [
                Action(
                    "1",
                    "Fuel card PINs will be reissued to named drivers only.",
                    "P1",
                    "Fleet Manager – Tom Ashdown",
                    ["Tom Ashdown"],
                    "31 October 2023",
                    "Feb 2024; revised May 2024; revised Sep 2024",
                    "In progress",
                    ["Progress at May 2024: Half of the cards have been reissued."],
                    ["May 2024"],
                ),
                Action(
                    "2",
                    "Monthly fuel reports will be checked against mileage logs.",
                    "Priority 2",
                    "Head of Transport – Lena Fairburn",
                    ["Lena Fairburn"],
                    "30 November 2023",
                    "-",
                    "Implemented",
                    ["Progress at January 2024: Checks started in December and are evidenced."],
                    ["January 2024"],
                ),
                Action(
                    "3",
                    "Lost cards will be cancelled the same day.",
                    "P3",
                    "Fleet Manager – Tom Ashdown",
                    ["Tom Ashdown"],
                    "31 December 2023",
                    "-",
                    "Ongoing",
                    ["Progress at May 2024: A same-day process is agreed with the supplier."],
                    ["May 2024"],
                ),
            ],
        ),
        Audit(
            "Information Governance",
            "9 November 2023",
            "Limited assurance",
            [
                Action(
                    "1",
                    "Subject access requests will be logged centrally. Response times "
                    "will be reported each quarter.",
                    "High",
                    "Data Protection Officer – Ama Quarshie",
                    ["Ama Quarshie"],
                    "31 March 2024",
                    "Jul 2024",
                    "In progress",
                    ["Progress at May 2024: The log is live; the first report is due in July."],
                    ["May 2024"],
                ),
                Action(
                    "2",
                    "Retention schedules will be reviewed by every department.",
                    "Priority 2",
                    "Data Protection Officer – Ama Quarshie",
                    ["Ama Quarshie"],
                    "29 February 2024",
                    "N/A",
                    "Superseded",
                    ["Superseded by the records management policy approved in April."],
                    [],
                ),
                Action(
                    "3",
                    "Staff will complete the data protection course every year.",
                    "P3",
                    "Head of HR – Colm Brennan",
                    ["Colm Brennan"],
                    "30 April 2024",
                    "-",
                    "Implemented",
                    ["Progress at May 2024: 96% of staff have completed the course."],
                    ["May 2024"],
                ),
                Action(
                    "4",
                    "Clear desk checks will be carried out each month.",
                    "Priority 2",
                    "Head of HR – Colm Brennan",
                    ["Colm Brennan"],
                    "31 May 2024",
                    "-",
                    "Not implemented",
                    ["No checks have been recorded yet."],
                    [],
                ),
            ],
        ),
    ],
)

PAPERS = [A, B]


def level_of(action: Action) -> str:
    return PRIORITY_OF[action.priority]


def title_of(action: Action) -> str:
    """The first sentence of the action's text."""
    return re.split(r"(?<=\.)\s+", action.text)[0].rstrip(".")


def actions_of(paper: Paper) -> list[tuple[Audit, Action]]:
    return [(a, x) for a in paper.audits for x in a.actions]


# -- the paper -----------------------------------------------------------------------------


def priority_label(paper: Paper, word: str) -> str:
    number = {"High": 1, "Medium": 2, "Low": 3}[word]
    return word if paper is A else f"Priority {number}"


def summary_table(paper: Paper) -> T:
    """Counts by priority: not actions."""
    head = ["Priority", "Implemented", "Outstanding", "Total"]
    rows = [R([cell(h, fill=gen.HEADER_FILL) for h in head])]
    for word in ("High", "Medium", "Low"):
        mine = [x for _a, x in actions_of(paper) if level_of(x) == word]
        done = sum(1 for x in mine if STATUS_OF[x.status] != "open")
        rows.append(
            R(
                [
                    cell(priority_label(paper, word)),
                    cell(str(done)),
                    cell(str(len(mine) - done)),
                    cell(str(len(mine))),
                ]
            )
        )
    total = actions_of(paper)
    done = sum(1 for _a, x in total if STATUS_OF[x.status] != "open")
    rows.append(
        R([cell("Total"), cell(str(done)), cell(str(len(total) - done)), cell(str(len(total)))])
    )
    return T(rows, [4.0, 3.0, 3.0, 2.0])


def by_audit_table(paper: Paper) -> T:
    """Counts by audit: not actions."""
    head = ["Audit", "Priority 1", "Priority 2", "Priority 3", "Total"]
    rows = [R([cell(h, fill=gen.HEADER_FILL) for h in head])]
    for audit in paper.audits:
        n = [sum(1 for x in audit.actions if level_of(x) == w) for w in ("High", "Medium", "Low")]
        rows.append(R([cell(audit.title), *(cell(str(v)) for v in n), cell(str(sum(n)))]))
    return T(rows, [5.0, 2.5, 2.5, 2.5, 2.0])


DEFINITIONS = {
    "High": "A fundamental weakness that exposes the Authority to significant risk; action "
    "is needed at once.",
    "Medium": "A weakness in the control environment that should be addressed within six months.",
    "Low": "An improvement to good practice, to be considered by management.",
}


def definitions_table(paper: Paper) -> T:
    """What each priority means: not actions."""
    printed = (
        {"High": "1 (High)", "Medium": "2 (Medium)", "Low": "3 (Low)"}
        if paper is A
        else {"High": "P1", "Medium": "P2", "Low": "P3"}
    )
    rows = [R([cell("Priority", fill=gen.HEADER_FILL), cell("Definition", fill=gen.HEADER_FILL)])]
    rows += [R([cell(printed[w]), cell(text)]) for w, text in DEFINITIONS.items()]
    return T(rows, [3.0, 12.0])


def action_cell(action: Action, attr: str) -> C:
    if attr == "updates":
        return C([par(p) for p in action.updates])
    if attr == "text":
        return C([par(s) for s in re.split(r"(?<=\.)\s+(?=[A-Z])", action.text)])
    return cell(getattr(action, attr))


def audit_table(paper: Paper, audit: Audit) -> T:
    rows = [R([cell(f"**{h}**", fill=gen.HEADER_FILL) for h, _attr in paper.columns])]
    rows += [R([action_cell(x, attr) for _h, attr in paper.columns]) for x in audit.actions]
    return T(rows, paper.widths, size=9)


def heading(paper: Paper, n: int, audit: Audit) -> str:
    return paper.heading.format(n=n, title=audit.title, date=audit.date, assurance=audit.assurance)


def build(paper: Paper) -> list:
    blocks: list = [
        P([gen.Run(" ")]),
        par(ORGANISATION, "title", size=12),
        par(f"Subject: **{SUBJECT}**", tight=True),
        par(f"Date: **{paper.month}**", tight=True),
        par(f"Author: **{paper.author}**"),
        par("Purpose of Report"),
        par(
            f"1. This report sets out the progress made by management on the actions agreed "
            f"in {paper.auditor}'s internal audit reports."
        ),
        par("2. The table below summarises the actions followed up, by priority:"),
        summary_table(paper),
    ]
    if paper.by_audit:
        blocks += [par("3. The actions followed up, by audit:"), by_audit_table(paper)]
    blocks += [
        par("Priority definitions"),
        definitions_table(paper),
        NewSection(landscape=True),
        par("**Follow-up of agreed actions**"),
    ]
    for n, audit in enumerate(paper.audits, 1):
        blocks += [par(f"**{heading(paper, n, audit)}**"), audit_table(paper, audit)]
    if paper.definitions_after:
        blocks += [par("**Appendix: priority definitions**"), definitions_table(paper)]
    blocks.append(par("Contact: the Head of Internal Audit"))
    return blocks


# -- truth ---------------------------------------------------------------------------------


def targets(action: Action) -> list[dict]:
    raws = [] if action.original in NO_TARGET else [action.original]
    if action.revised not in NO_TARGET:
        raws += [re.sub(r"^revised\s+", "", r.strip()) for r in action.revised.split(";")]
    return [gen.date_value(r) for r in raws]


def action_truth(audit: Audit, action: Action) -> dict:
    history = targets(action)
    word = level_of(action)
    return {
        "audit_title": audit.title,
        "assurance": audit.assurance,
        "audit_date": gen.date_value(audit.date),
        "ref": action.ref,
        "title": title_of(action),
        "priority": word,
        "priority_printed": True,
        "priority_as_printed": action.priority,
        "priority_level": LEVEL[word],
        "section": "main",
        "status": STATUS_OF[action.status],
        "status_as_printed": action.status,
        "rag": None,
        "owners": action.owners,
        "former_owners": [],
        "original_target": history[0] if history else None,
        "target_history": history,
        "current_target": history[-1] if history else None,
        "update_dates": [gen.date_value(d) for d in action.update_dates],
    }


def build_truth(paper: Paper) -> dict:
    by_priority = {
        w: sum(1 for _a, x in actions_of(paper) if level_of(x) == w)
        for w in ("High", "Medium", "Low")
    }
    return {
        "stem": paper.stem,
        "paper": {
            "title": SUBJECT,
            "organisation": ORGANISATION,
            "date": {"raw": paper.month, "date": paper.paper_date, "precision": "month"},
            "author": paper.author,
        },
        "declared_counts": {
            "by_priority": by_priority,
            "total": sum(by_priority.values()),
            "proposed_closed": None,
        },
        "proposed_closed_list": [],
        "recommendations": [action_truth(a, x) for a, x in actions_of(paper)],
    }


# the shared page footer, in this panel's words
gen.FOOTER = "Haldenmoor Audit and Standards Committee – Follow-up"


def main() -> int:
    return gen.write_papers(PAPERS, build, build_truth, DOC_DIR, TRUTH_DIR)


if __name__ == "__main__":
    sys.exit(main())
