"""Synthetic rolling action sheets of the panel, with ground truth.

Run:  .venv/bin/python samples/generate_action_sheet.py

The panel's own action sheet (the layout of the reference paper
jarap-action-sheet-2017-02.txt, read by extract/action_table.py): two bold heading lines and
one table `Meeting Date | Minute No. | Paper | Action | Person Responsible | Target Date |
Update`, one row per action the panel raised in its minutes; the Update cell collects dated
entries (`**14.2.18** – …`), and `CLOSE` in the last entry closes the action. Every person,
minute, date and narrative below is invented. It reuses the shared layout model and writers
(samples/generate.py) and writes, for each paper,

    samples/action-sheet/<stem>.docx   Word (python-docx)
    samples/action-sheet/<stem>.pdf    the .docx converted by LibreOffice (headless)
    samples/action-sheet/<stem>.txt    a text conversion (TAB rows of HTML cells; a row split
                                       by a page break continued on a TAB-led line)
    samples/truth/<stem>.json          what a parser should extract (`kind: action_sheet`)

The quirks paper adds what real sheets print: a date inside a sentence of an update (`a
meeting on the 14/6/18 – …`, `The last update 3/4/18 – …`: an entry starts only at a date
that leads it); a date glued to its dash (`**18.05.18**- Ongoing`) and one with no dash;
a four-digit year (`12.06.2018`); entries run together in one paragraph; `CLOSE` as a
paragraph of its own and `CLOSED`; "could be closed" in lower case (still open); text before
the first dated entry (an undated entry); an action of two paragraphs; owners joined by `/`
and by `and`; a `Verbal` paper; a target that is no date (`Ongoing`); and rows split by page
breaks in the text conversion, one of them with the Action column continued too.
"""

from __future__ import annotations

import calendar
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402  - the shared layout model and writers
from generate import C, R, T, cell, par  # noqa: E402

DOC_DIR = HERE / "action-sheet"
TRUTH_DIR = HERE / "truth"
gen.LO_PROFILE = "file:///tmp/lo-action-sheet"
gen.FOOTER = "Northshire JARAP – Rolling Action Sheet"

ORGANISATION = (
    "OFFICE OF THE POLICE AND CRIME COMMISSIONER FOR NORTHSHIRE & OFFICE OF THE CHIEF CONSTABLE"
)
TITLE = "JARAP – ROLLING ACTION SHEET"
HEADER = [
    "Meeting Date",
    "Minute No.",
    "Paper",
    "Action",
    "Person Responsible",
    "Target Date",
    "Update",
]
WIDTHS = [1.7, 1.7, 1.3, 3.1, 2.6, 2.1, 3.5]  # cm, 16 cm between the portrait margins
UPDATE_COL = HEADER.index("Update")
ACTION_COL = HEADER.index("Action")


@dataclass
class Entry:
    """One dated entry of the Update cell: `**date**<dash>text` (no date: text only)."""

    date: str | None
    text: str
    dash: str = " – "  # as printed between the bold date and the text
    bold: bool = True  # the date in bold, as sheets print it (one reference entry is not)


@dataclass
class ActionRow:
    meeting: str  # dd/mm/yy
    minute: str
    paper: str
    action: list[str]  # the Action cell's paragraphs
    owners: list[str]  # as printed, in order
    owner_join: str  # how the Person Responsible cell joins them: " / " or " and "
    target: str
    entries: list[Entry]
    close: str | None = None  # "own": a `**CLOSE**` paragraph; "inline": `… **CLOSE**`
    run_together: bool = False  # every entry in one paragraph (as many sheets print them)
    # txt: where a page break cuts the row: {column: (paragraph, word)} (generate.Split)
    splits: list[dict[int, tuple[int, int]]] = field(default_factory=list)


@dataclass
class Paper:
    stem: str
    month: str  # as the footer prints it
    doc_date: datetime
    actions: list[ActionRow]
    list_style: str = "li"


# ---- the papers -----------------------------------------------------------------------
# `splits` put the text conversion's page breaks where LibreOffice breaks the rows of the PDF
# (25/18, 28/18), except 17/18: a converter paginating on its own, as the reference sheet's
# did, which also continues the Action column there.

MARCH = [
    ActionRow(
        "05/12/17",
        "61/17",
        "C",
        ["Mr Delaney to circulate the revised treasury management strategy to members."],
        ["Mr Delaney"],
        "",
        "February 2018",
        [
            Entry("14.2.18", "The revised strategy was circulated to members by email."),
            Entry("6.3.18", "No comments were received and the strategy has been adopted."),
        ],
        close="inline",
    ),
    ActionRow(
        "05/12/17",
        "62/17",
        "D",
        ["Review how risks scored above 15 are escalated to the Strategic Risk Board."],
        ["DCC Marlow"],
        "",
        "March 2018",
        [
            Entry(
                "14.2.18",
                "A review of the escalation route has started and will report "
                "to the March meeting.",
            ),
            Entry(
                "6.3.18",
                "The review found that two high risks had not been escalated. "
                "The guidance has been rewritten and risk owners briefed.",
            ),
        ],
        close="own",
    ),
    ActionRow(
        "06/02/18",
        "08/18",
        "B",
        ["Share the internal audit plan for 2018/19 with members before it is agreed."],
        ["Mrs Ashworth"],
        "",
        "April 2018",
        [
            Entry(
                "6.3.18",
                "The draft plan will be sent to members once the auditors have "
                "met each chief officer.",
            )
        ],
    ),
    ActionRow(
        "06/02/18",
        "09/18",
        "E",
        ["Bring a report on the use of agency staff in the control room to a future meeting."],
        ["Ms Odum", "Mr Delaney"],
        " / ",
        "June 2018",
        [Entry("6.3.18", "The report is being drafted and will come to the June meeting.")],
    ),
]

JULY = [
    # entries run together in one paragraph; a date inside a sentence in the second
    ActionRow(
        "06/02/18",
        "09/18",
        "E",
        ["Bring a report on the use of agency staff in the control room to a future meeting."],
        ["Ms Odum", "Mr Delaney"],
        " / ",
        "June 2018",
        [
            Entry("6.3.18", "The report is being drafted and will come to the June meeting."),
            Entry(
                "12.06.18",
                "There is a meeting of the workforce board on the 14/6/18 – "
                "the report will be presented there first and then shared.",
            ),
            Entry(
                "3.7.18",
                "The report was shared with members. The last update 12/6/18 – "
                "promised a figure for overtime, which is now included.",
            ),
        ],
        close="inline",
        run_together=True,
    ),
    # text before the first dated entry; a glued dash; a four-digit year; CLOSED
    ActionRow(
        "06/03/18",
        "15/18",
        "Verbal",
        ["Fraud and corruption update to be given at every other meeting."],
        ["Mr Quayle"],
        "",
        "Ongoing",
        [
            Entry(None, "Standing item."),
            Entry("18.05.18", "Ongoing", dash="- "),
            Entry(
                "12.06.2018",
                "Agreed that a written report will be given every two meetings. CLOSED",
            ),
        ],
    ),
    # an action of two paragraphs; owners joined by "and"; CLOSE on its own; a page break
    ActionRow(
        "06/03/18",
        "17/18",
        "C",
        [
            "STR112 – Failure to meet the 999 call answering standard:",
            "The Chair asked for the answering times of the last six months to be shared "
            "with members, with the reasons for the weeks below the standard.",
        ],
        ["Mrs Ashworth", "Ms Odum"],
        " and ",
        "May 2018",
        [
            Entry(
                "18.05.18",
                "Answering times for November to April were circulated. Four "
                "weeks fell below the standard, each during a period of "
                "severe weather when call volumes doubled.",
            ),
            Entry(
                "3.7.18",
                "Members asked whether this could be closed; the Chair agreed "
                "once the weather plan has been tested in the winter.",
            ),
        ],
        splits=[{ACTION_COL: (1, 12), UPDATE_COL: (1, 0)}],
    ),
    # no dash after the date; lower-case "closed" is no closure
    ActionRow(
        "15/05/18",
        "24/18",
        "A",
        ["Mr Delaney to find out why two regional audits have not been finalised."],
        ["Mr Delaney"],
        "",
        "July 2018",
        [
            Entry(
                "3.7.18",
                "Both reports have been chased and one has been finalised. "
                "The regional board will decide in September whether the "
                "other can be closed.",
                dash=" ",
            )
        ],
    ),
    # a long cell continued after a page break, CLOSE on its own
    ActionRow(
        "15/05/18",
        "25/18",
        "D",
        ["Provide members with the timetable for replacing the records system."],
        ["DCC Marlow"],
        "",
        "September 2018",
        [
            Entry(
                "3.7.18",
                "The business case was approved by the Chief Officer Group in "
                "June. Procurement will start in August, with a contract "
                "expected in the new year and the new system live by the end "
                "of 2019. A timetable has been sent to members and will be "
                "updated at each meeting.",
            )
        ],
        close="own",
        splits=[{UPDATE_COL: (0, 38)}],
    ),
    # dates inside sentences after words that say nothing ("held", "w/c"); a date not in bold
    # that leads an entry after a full stop
    ActionRow(
        "15/05/18",
        "26/18",
        "F",
        [
            "Tri-force collaboration – share the review of shared finance services with "
            "members once it has been released."
        ],
        ["Mrs Ashworth", "Mr Delaney"],
        " / ",
        "September 2018",
        [
            Entry(
                "3.7.18",
                "At the collaboration board held 14/6/18 – the three chief "
                "constables agreed the review's findings. The report will be "
                "released once the three commissioners have considered it. "
                "Training for finance staff is booked for w/c 16/7/18 – all "
                "staff will attend.",
            ),
            Entry("10.7.18", "The review was shared with members by email.", bold=False),
        ],
        close="inline",
    ),
    ActionRow(
        "15/05/18",
        "27/18",
        "G",
        [
            "The Chair asked for a briefing on the new procurement regulations and how the "
            "Force will meet them, including the training of budget holders and the "
            "changes to the contract register."
        ],
        ["Mr Delaney"],
        "",
        "October 2018",
        [
            Entry(
                "3.7.18",
                "A briefing note is being prepared by the head of procurement. "
                "It will cover the thresholds for quotations and tenders, the "
                "publication of contract awards, the new rules on splitting "
                "orders and the training plan for budget holders, which starts "
                "in September with the departments that spend the most.",
            ),
            Entry(
                "10.7.18",
                "The contract register has been moved to the new system and "
                "every contract above the threshold has been checked. Forty "
                "contracts were found without a named manager; managers have "
                "now been named for all of them.",
            ),
        ],
    ),
    ActionRow(
        "15/05/18",
        "28/18",
        "B",
        [
            "Report the results of the follow-up audit of seized property to the next "
            "meeting, with the actions agreed for the items that could not be traced."
        ],
        ["DCC Marlow", "Insp Kerr"],
        " / ",
        "July 2018",
        [
            Entry(
                "3.7.18",
                "The follow-up audit found that 212 of the 230 items sampled "
                "were in the right place. The eighteen items not found have been "
                "traced to a store that was closed in 2016; they were moved to "
                "the central store and the records have been corrected. The "
                "property officers have been reminded of the procedure for "
                "moving items between stores, and a quarterly check will be "
                "made by the property manager from September.",
            )
        ],
        close="own",
        splits=[{UPDATE_COL: (0, 58)}],
    ),
]

PAPERS = [
    Paper("northshire-action-sheet-2018-03", "March 2018", datetime(2018, 3, 1, 9, 0), MARCH),
    Paper("northshire-action-sheet-2018-07-quirks", "July 2018", datetime(2018, 7, 2, 9, 0), JULY),
]


# ---- the paper, as blocks of the 2021 generator's layout model -----------------------------


def _entry_markup(e: Entry) -> str:
    if e.date is None:
        return e.text
    return f"{f'**{e.date}**' if e.bold else e.date}{e.dash}{e.text}"


def update_cell(a: ActionRow) -> C:
    pieces = [_entry_markup(e) for e in a.entries]
    if a.close == "inline":
        pieces[-1] += " **CLOSE**"
    paras = [" ".join(pieces)] if a.run_together else pieces
    if a.close == "own":
        paras.append("**CLOSE**")
    return C([par(p) for p in paras])


def action_table(paper: Paper) -> T:
    rows = [R([cell(f"**{h}**", fill=gen.HEADER_FILL) for h in HEADER])]
    for a in paper.actions:
        rows.append(
            R(
                [
                    cell(a.meeting),
                    cell(a.minute),
                    cell(a.paper),
                    C([par(p) for p in a.action]),
                    cell(a.owner_join.join(a.owners) or ""),
                    cell(a.target),
                    update_cell(a),
                ],
                splits=a.splits,
            )
        )
    return T(rows, WIDTHS, size=9, breakable=True)


def build(paper: Paper) -> list:
    return [par(f"**{ORGANISATION}**", tight=True), par(f"**{TITLE}**"), action_table(paper)]


# ---- ground truth (its own date rules, not the parser's) -----------------------------------

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}


def numeric_date(raw: str) -> dict:
    """`14.2.18`, `12.03.2018`, `05/12/17`: day, month, year (two digits are 20xx)."""
    d, m, y = (int(x) for x in re.split(r"[./]", raw))
    y += 2000 if y < 100 else 0
    return {"raw": raw, "date": f"{y:04d}-{m:02d}-{d:02d}", "precision": "day"}


def month_date(raw: str) -> dict:
    """`June 2018` -> its last day; anything else (`Ongoing`) is no date."""
    m = re.fullmatch(r"([A-Za-z]+) (\d{4})", raw)
    if not m or m[1].lower() not in MONTHS:
        return {"raw": raw, "date": None, "precision": None}
    y, mo = int(m[2]), MONTHS[m[1].lower()]
    last = calendar.monthrange(y, mo)[1]
    return {"raw": raw, "date": f"{y:04d}-{mo:02d}-{last:02d}", "precision": "month"}


def action_truth(a: ActionRow) -> dict:
    texts = [gen.plain(e.text) for e in a.entries]
    if a.close:
        texts[-1] += " CLOSE"
    closed = bool(re.search(r"\bCLOSED?\b", texts[-1]))
    assert closed == (a.close is not None or texts[-1].endswith("CLOSED")), a.minute
    return {
        "meeting_date": numeric_date(a.meeting),
        "minute": a.minute,
        "paper_ref": a.paper,
        "action": " ".join(" ".join(a.action).split()),
        "owners": a.owners,
        "target": month_date(a.target),
        "updates": [
            {"date": numeric_date(e.date) if e.date else None, "text": t}
            for e, t in zip(a.entries, texts, strict=True)
        ],
        "status": "closed" if closed else "open",
    }


def build_truth(paper: Paper) -> dict:
    return {
        "kind": "action_sheet",
        "stem": paper.stem,
        "paper": {"title": TITLE, "organisation": ORGANISATION},
        "actions": [action_truth(a) for a in paper.actions],
    }


def main() -> int:
    return gen.write_papers(PAPERS, build, build_truth, DOC_DIR, TRUTH_DIR)


if __name__ == "__main__":
    sys.exit(main())
