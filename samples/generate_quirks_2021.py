"""A "quirks" paper in the 2021 tracker layout: every converter artefact and wording of
issue 8 that this layout can show, in one invented paper, with ground truth.

Run:  .venv/bin/python samples/generate_quirks_2021.py

It reuses the 2021 generator (samples/generate_2021.py: its data classes and paper builder)
and the shared writers (samples/generate.py); the quirks paper is registered as one more
entry of the 2021 PAPERS / RECS / SORB_RECS, so the Word paper, its LibreOffice PDF, the text
conversion and the truth are made exactly as for the other 2021 samples. Written:

    samples/tracker-2021-quirks/fenmoor-tracker-quirks-2021-12.{docx,pdf,txt}
    samples/truth/fenmoor-tracker-quirks-2021-12.json

(A folder of its own: samples/tracker-2021/ is the Northshire 2021 series, March to November,
which the view and batch tests ingest as one run of papers; the quirks paper is no part of it.)

What the paper itself prints (in all three formats):
  - ditto marks glued to stray cell text in the Audit Title column (`“ “ I I`, `“ End`);
  - an empty Audit Title cell (the audit of the row above);
  - a reference with no space after its dot (`1.Records management` is ref `1`);
  - status: `Proposed closed? No` in an early update and `PROPOSED CLOSED` in the last one
    (the last signal wins); `superseded` printed in the middle of a cell, before a later
    `proposed closed? no` (superseded wins wherever it is printed);
  - in the SORB list, a recommendation whose text begins with the word "Closed" but whose
    progress column says `SORB` (open), and one `Closed at May SORB` (closed).

What only the text conversion shows (TXT_QUIRKS below, applied to the written lines): the
next audit's heading landing in the last row of the previous audit; a row whose empty Risk
cell the converter did not write (four cells under a five-column header); a TAB-led row
that begins a new item after a blank line; a page-break continuation line one cell short.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate as gen  # noqa: E402  - the shared writers
import generate_2021 as g21  # noqa: E402  - the 2021 data classes, papers and builder
from generate_2021 import Audit, Paper, Para, Rec, SorbRec, State  # noqa: E402

STEM = "fenmoor-tracker-quirks-2021-12"
DOC_DIR = gen.HERE / "tracker-2021-quirks"
QI = len(g21.PAPERS)  # this paper's index once registered
Q = (QI,)


def S(column: str) -> dict[int, State]:  # noqa: N802 - as g21.S, for this paper only
    return {QI: g21.S(column)}


A_PAYROLL = Audit("PAYROLL AND EXPENSES", "LIMITED ASSURANCE", "June 2021", "Payroll and Expenses")
A_RECORDS = Audit(
    "RECORDS MANAGEMENT", "SATISFACTORY ASSURANCE", "August 2021", "Records Management"
)
A_ICT = Audit("ICT ASSET MANAGEMENT", "LIMITED ASSURANCE", "January 2021", "ICT Asset Management")

RECS: list[Rec] = [
    Rec(
        "payroll-4.1",
        A_PAYROLL,
        "4.1",
        "Expense Claim Approval",
        "Significant",
        printed=True,
        threat="Financial Control",
        anchor="expense claims should be approved by the claimant's line manager",
        paras=[
            Para(
                "__Significant Recommendation:__ All expense claims should be approved by the "
                "claimant's line manager before payment, and claims above £250 by a second "
                "manager."
            ),
            Para("Person Responsible: {O:Mrs Nadia Fenwick}, Payroll Manager"),
            Para(
                "Implementation Target Date: {T:30th September 2021} revised to {T:31st March 2022}"
            ),
            Para(
                "__{U:Update September 2021}:__ The expenses module now routes every claim to "
                "the claimant's manager. The second approval for claims above £250 needs a "
                "change to the approval rules, which the supplier will make in the new year."
            ),
            Para(
                "__{U:Update November 2021}:__ A dip sample of 120 claims paid in October found "
                "every claim approved by the claimant's manager. Eleven claims above £250 were "
                "paid with one approval only, as expected until the approval rules change; "
                "each was checked after payment by the Payroll Manager and none was found to "
                "be wrong. The supplier has confirmed that the change will be delivered in "
                "its February release, and the target date has been revised to allow a month "
                "of testing before the second approval is switched on for every department."
            ),
        ],
        states=S("AMBER"),
    ),
    Rec(
        # the Audit Title cell prints a ditto mark with stray text the converter kept
        "payroll-4.2",
        A_PAYROLL,
        "4.2",
        "Overpayment Recovery",
        "Fundamental",
        printed=False,
        threat="Financial Loss",
        audit_cell="“ “ I I",
        wrap=True,
        anchor="every salary overpayment is recorded in a recovery log",
        paras=[
            Para(
                "__Recommendation:__ The Force should make sure that every salary overpayment "
                "is recorded in a recovery log, with a repayment plan agreed within one month."
            ),
            Para("Person Responsible: {O:Mrs Nadia Fenwick}, Payroll Manager"),
            Para("Implementation Target Date: {T:31st December 2021}"),
            Para(
                "__{U:Update September 2021}:__ A recovery log has been set up and holds 37 "
                "overpayments. Repayment plans have been agreed for 29 of them; the remaining "
                "eight are former officers who have not yet replied."
            ),
        ],
        states=S("RED"),
    ),
    Rec(
        # an empty Audit Title cell: the audit of the row above
        "payroll-4.3",
        A_PAYROLL,
        "4.3",
        "Starters and Leavers",
        "Significant",
        printed=True,
        threat="Payroll Accuracy",
        audit_cell="",
        anchor="notified to Payroll before the monthly cut-off date",
        paras=[
            Para(
                "__Significant Recommendation:__ Starters, leavers and changes of hours should "
                "be notified to Payroll before the monthly cut-off date, using the HR system's "
                "electronic form only."
            ),
            Para("Person Responsible: {O:Insp Gareth Lowe}"),
            Para("Target Date: {T:End January 2022}"),
            Para(
                "__{U:Update September 2021}:__ The paper form has been withdrawn. Late "
                "notifications fell from 41 in June to 12 in August."
            ),
        ],
        states=S("AMBER"),
    ),
    Rec(
        # a ditto mark glued to the word that followed it in the cell
        "payroll-4.4",
        A_PAYROLL,
        "4.4",
        "Allowance Eligibility Checks",
        "Housekeeping",
        printed=True,
        threat="Payroll Accuracy",
        audit_cell="“ End",
        anchor="eligibility for each recurring allowance should be confirmed",
        paras=[
            Para(
                "__Housekeeping Recommendation:__ The eligibility for each recurring allowance "
                "should be confirmed once a year with the officer's line manager."
            ),
            Para("Person Responsible: {O:Insp Gareth Lowe}"),
            Para("Target Date: {T:31st March 2022}"),
            Para(
                "__{U:Update September 2021}:__ The first yearly check will run in February "
                "2022, when managers are asked to confirm 1,214 allowances."
            ),
        ],
        states=S("GREEN"),
    ),
    Rec(
        # no space after the reference's dot
        "records-1",
        A_RECORDS,
        "1",
        "Records management",
        "Significant",
        printed=True,
        threat="Information Compliance",
        ref_style="glued",
        anchor="department should name a records officer",
        paras=[
            Para(
                "__Significant Recommendation:__ Each department should name a records "
                "officer who makes sure its files are stored in the records system."
            ),
            Para("Person Responsible: {O:Mr Rhodri Vance}, Records Manager"),
            Para("Target Date: {T:31st January 2022}"),
            Para(
                "__{U:Update October 2021}:__ Records officers have been named in 14 of the 17 "
                "departments. The remaining three will be named by the end of the year."
            ),
        ],
        states=S("AMBER"),
    ),
    Rec(
        "records-2",
        A_RECORDS,
        "2",
        "Retention Reviews",
        "Housekeeping",
        printed=True,
        threat="Information Compliance",
        ref_style="plain",
        anchor="past their retention date should be reviewed",
        paras=[
            Para(
                "__Housekeeping Recommendation:__ Files past their retention date should be "
                "reviewed each quarter and either destroyed or kept with a recorded reason."
            ),
            Para("Person Responsible: {O:Mr Rhodri Vance}, Records Manager"),
            Para("Target Date: {T:31st March 2022}"),
            Para(
                "__{U:Update October 2021}:__ The first quarterly review found 2,380 files past "
                "their retention date; 1,910 have been destroyed and 470 kept with a reason."
            ),
        ],
        states=S("GREEN"),
    ),
    Rec(
        # proposed closed? No (early) ... PROPOSED CLOSED (last): the last signal wins
        "ict-4.1",
        A_ICT,
        "4.1",
        "Asset Register Reconciliation",
        "Fundamental",
        printed=True,
        threat="Asset Security",
        wrap=True,
        anchor="reconciled every six months with a physical check",
        paras=[
            Para(
                "__Fundamental Recommendation:__ The ICT asset register should be reconciled "
                "every six months with a physical check of laptops, tablets and phones."
            ),
            Para("Person Responsible: {O:Ms Lowri Abbott}, Head of ICT"),
            Para("Implementation Target Date: {T:30th June 2021} revised to {T:31st October 2021}"),
            Para(
                "__{U:Update June 2021}:__ The first physical check found 96 laptops that were "
                "not on the register. They have now been added. Proposed closed? No – the "
                "second check is still to be done."
            ),
            Para(
                "__{U:Update November 2021}:__ The second check in October matched the "
                "register to within three devices, each since traced. The reconciliation is "
                "now part of the ICT team's routine."
            ),
            Para("**PROPOSED CLOSED**", style="center"),
        ],
        states=S("Proposed Closed"),
    ),
    Rec(
        # superseded, printed before a later "proposed closed? no": superseded wins
        "ict-4.2",
        A_ICT,
        "4.2",
        "Mobile Device Disposal",
        "Significant",
        printed=True,
        threat="Data Protection",
        anchor="wiped to a recognised standard before disposal",
        paras=[
            Para(
                "__Significant Recommendation:__ Mobile devices should be wiped to a "
                "recognised standard before disposal, with a certificate kept for each "
                "device."
            ),
            Para("Person Responsible: {O:Ms Lowri Abbott}, Head of ICT"),
            Para("Implementation Target Date: {T:31st August 2021}"),
            Para(
                "__{U:Update August 2021}:__ This recommendation has been superseded by "
                "recommendation 3.1 of the Information Security audit (July 2021), which "
                "covers every device type."
            ),
            Para(
                "__{U:Update November 2021}:__ Disposal certificates are now held for every "
                "device. Proposed closed? no – it will be removed when the Panel agrees."
            ),
        ],
        states={QI: State("superseded", "AMBER")},
    ),
]

SORB_RECS: list[SorbRec] = [
    SorbRec(
        "records-3",
        "Records Management",
        "3",
        "Closed File Storage",
        # the text begins with the word "Closed": the progress column decides
        ["Closed files should be archived within 30 days."],
        "Closed files should be archived within 30 days",
        {QI: "SORB"},
    ),
    SorbRec(
        "ict-4.4",
        "ICT Asset Management",
        "4.4",
        "Spare Device Stock",
        ["Spare devices should be counted every quarter."],
        "Spare devices should be counted every quarter",
        {QI: "Closed at May SORB"},
    ),
]

PAPER = Paper(
    STEM,
    "DECEMBER 2021",
    "December 2021",
    datetime(2021, 12, 6, 9, 0),
    ["Payroll and Expenses", "Records Management", "ICT Asset Management", "Business Continuity"],
    [
        "5. One recommendation has been completed and is proposed for closure; it is listed "
        "below for the Panel to consider.",
        "One ICT Asset Management recommendation has been superseded by a later audit.",
    ],
    list_style="li",
    txt_splits={"payroll-4.4": [{4: (1, 0)}], "ict-4.2": [{4: (4, 12)}]},
    pc_pages={"ict-4.1": "4"},
)


# ---- what only the text conversion shows --------------------------------------------


def _row(lines: list[str], first_cell_text: str) -> int:
    """The index of the one line whose row holds `first_cell_text` in some cell."""
    found = [
        i
        for i, line in enumerate(lines)
        if "\t" in line and any(first_cell_text in c for c in line.split("\t"))
    ]
    assert len(found) == 1, (first_cell_text, found)
    return found[0]


def heading_in_row_above(lines: list[str]) -> None:
    """The Records Management heading lands in the Audit Title cell of the last Payroll row."""
    i = _row(lines, ">RECORDS MANAGEMENT<")
    cells = lines[i].split("\t")
    heading, cells[0] = cells[0], ""
    lines[i] = "\t".join(cells)
    j = _row(lines, "4.4 Allowance Eligibility Checks")  # continued after a page break
    above = lines[j].split("\t")
    assert above[0] == "“ End", above[0]
    above[0] = f"<p>{above[0]}</p> {heading}"
    lines[j] = "\t".join(above)


def empty_cell_not_written(lines: list[str]) -> None:
    """`2 Retention Reviews`: the empty Risk cell left out (4 cells under 5 columns)."""
    i = _row(lines, "2 Retention Reviews")
    cells = lines[i].split("\t")
    assert cells[1] == "", cells[1]
    lines[i] = "\t".join(cells[:1] + cells[2:])


def tab_led_new_item(lines: list[str]) -> None:
    """`4.3 Starters and Leavers` (empty Audit Title and Risk cells) after a blank line."""
    i = _row(lines, "4.3 Starters and Leavers")
    assert lines[i].startswith("\t\t") and lines[i - 1], lines[i][:20]
    lines.insert(i, "")


def continuation_one_cell_short(lines: list[str]) -> None:
    """The page-break continuation of `4.2 Mobile Device Disposal` lost one leading TAB."""
    i = _row(lines, "4.2 Mobile Device Disposal")
    assert lines[i + 1] == "" and lines[i + 2].startswith("\t\t\t\t"), lines[i + 2][:20]
    lines[i + 2] = lines[i + 2][1:]


TXT_QUIRKS: list[Callable[[list[str]], None]] = [
    heading_in_row_above,
    empty_cell_not_written,
    tab_led_new_item,
    continuation_one_cell_short,
]


# A panel of its own: the quirks paper is no part of the Northshire series, so its
# recommendations neither vanish from nor appear in Northshire's history.
ORGANISATION = "POLICE AND CRIME COMMISSIONER FOR FENMOOR JOINT AUDIT, RISK AND ASSURANCE PANEL"


def register() -> Paper:
    """Add the quirks paper to the 2021 generator's papers (as index QI): its builder and
    truth read recommendations by paper index, so the paper needs nothing of its own but
    its letterhead."""
    assert len(g21.PAPERS) == QI, "register once"
    g21.ORGANISATION = ORGANISATION
    g21.PAPERS.append(PAPER)
    g21.RECS.extend(RECS)
    g21.SORB_RECS.extend(SORB_RECS)
    return PAPER


def write_txt_with_quirks(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    for quirk in TXT_QUIRKS:
        quirk(lines)
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    paper = register()
    DOC_DIR.mkdir(exist_ok=True)
    blocks = g21.build_blocks(paper)
    docx = DOC_DIR / f"{STEM}.docx"
    gen.write_docx(paper, blocks, docx)
    txt = DOC_DIR / f"{STEM}.txt"
    gen.write_txt(paper, blocks, txt)
    write_txt_with_quirks(txt)
    g21.write_truth(paper, gen.TRUTH_DIR / f"{STEM}.json")
    pdf = gen.convert_pdf(docx, paper)
    ok = g21.check_pdf(paper, blocks, pdf)
    print(f"{STEM}: docx, pdf, txt, truth written{'' if ok else ' (see mismatches above)'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
