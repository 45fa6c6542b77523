"""Synthetic audit-panel papers in the 2021 tracker layout, with ground truth.

Run:  .venv/bin/python samples/generate_2021.py   (or samples/generate.py, the same)

One Python data structure (AUDITS, RECS, SORB_RECS, PAPERS below) is the ground truth for a
fictional force, Northshire Police, and its Joint Audit, Risk and Assurance Panel (JARAP).
Every person, audit, date and narrative is invented.  From it, for every paper, the script
writes

    samples/tracker-2021/<stem>.docx   Word (python-docx): real tables, merged header cells,
                                       shaded Risk cells, struck-through superseded targets
    samples/tracker-2021/<stem>.pdf    the .docx converted by LibreOffice (headless)
    samples/tracker-2021/<stem>.txt    a text conversion in the style of the reference
                                       converter: paragraphs as lines (bold as **..**),
                                       tables as TAB-separated rows of HTML fragments, rows
                                       split by a page break continued on a line of TABs
    samples/truth/<stem>.json          what a parser should extract

Markup used in the update texts (parsed into Word runs and into truth values):

    **bold**  __underline__  ~~strike~~
    {T:31st March 2021}   a target date stated for the recommendation (truth: target_history)
    {U:Update March 2021} a dated progress-update heading                (truth: update_dates)
    {O:C/Insp Jim Harrow} an owner (person responsible), name as printed  (truth: owners)
    {F:Insp Carl Pike}    a former owner                                   (truth: former_owners)

After writing, the script reads each PDF back (pdfplumber) and checks that the page splits
emulated in the .txt (Paper.txt_splits) and the page numbers printed in the proposed-closed
table (Paper.pc_pages) agree with the PDF; it prints the measured values when they do not.
Output is deterministic: fixed document dates, fixed zip timestamps, and the PDF's creation
date and /ID are normalised.

The Word, PDF and text writers and the markup they read are shared by every table-layout
generator and live in samples/generate.py; this module is the 2021 data and its paper.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate as gen  # noqa: E402
from generate import (  # noqa: E402 - the shared markup, layout model and writers
    COUNT_COLUMNS,
    DITTO,
    HEADER_FILL,
    HERE,
    LANDSCAPE,
    ORGANISATION,
    SUBJECT,
    TOP_BOTTOM,
    TRUTH_DIR,
    Block,
    C,
    NewSection,
    P,
    R,
    Run,
    Split,
    T,
    annotations,
    cell,
    convert_pdf,
    date_value,
    par,
    plain,
    write_docx,
    write_txt,
)

DOC_DIR = HERE / "tracker-2021"
AUTHOR = "INSPECTORATE – ELLEN MARCHBANK"
AUDITORS = "Harbury Audit LLP"

FILL = {"Fundamental": "FF0000", "Significant": "FFC000", "Housekeeping": "92D050"}
LEVEL = {"Fundamental": "high", "Significant": "medium", "Housekeeping": "low"}

# ======================================================================================
# Ground truth: audits, recommendations (with their text in every paper), papers
# ======================================================================================


@dataclass
class Audit:
    title: str  # as printed in Appendix A (upper case)
    assurance: str  # "SATISFACTORY ASSURANCE"
    date: str  # "September 2018"
    short: str  # as printed in the proposed-closed table ("Fleet Management")
    centered: bool = False  # title cell centred (shows as style="text-align: center;")


@dataclass
class Para:
    """One paragraph of a recommendation's update cell.

    ``on`` lists the papers (indexes into PAPERS) that print it; None = every paper the
    recommendation appears in.  A paragraph that changes between papers is written twice
    with disjoint ``on``.
    """

    text: str
    style: str = "p"  # "p" | "li" (bulleted) | "center"
    on: tuple[int, ...] | None = None


@dataclass
class State:
    """A recommendation as of one paper: its status and the counts-table column it is in."""

    status: str  # open | proposed_closed | not_adopted
    column: str  # one of COUNT_COLUMNS


@dataclass
class Rec:
    key: str
    audit: Audit
    ref: str
    title: str
    priority: str  # Fundamental | Significant | Housekeeping (always the Risk colour)
    printed: bool  # priority word printed in the update cell ("Significant Recommendation:")
    threat: str
    anchor: str  # verbatim snippet of the recommendation text
    paras: list[Para]
    states: dict[int, State]  # paper index -> state; absent = not in that paper
    ref_style: str = "u"  # "u": whole reference underlined; "u-title": title only; "plain";
    # "glued": no space after the reference's dot (`1.Records management`)
    wrap: bool = False  # txt: single-paragraph cells wrapped in <p> (converter varies)
    # the Audit Title cell as printed when it is neither the audit's heading nor a plain ditto
    # mark: "" (left empty) or a ditto glued to stray text (`“ “ I I`); None = the usual
    audit_cell: str | None = None


@dataclass
class SorbRec:
    key: str
    audit: str
    ref: str
    title: str
    text: list[str]
    anchor: str
    progress: dict[int, str]  # paper index -> "SORB" | "Closed at June SORB" ...


@dataclass
class Paper:
    stem: str
    month: str  # "JULY 2021" as printed on the Date line
    update_month: str  # as printed in the Appendix A header (stale in one paper, as in life)
    doc_date: datetime  # docx core properties
    programme: list[str]  # audit areas listed in the background table
    notes: list[str]  # cover-report paragraph 5 and following
    list_style: str  # txt rendering of bullets: "li" (<ul><li>) or "ref" (reference quirk)
    # Where LibreOffice breaks Appendix A rows across pages (rec key -> one Split per break)
    # and the pages of the proposed-closed rows.  Literal values, so the .txt does not depend
    # on the installed LibreOffice; the PDF check prints the measured values if they drift.
    txt_splits: dict[str, list[Split]] = field(default_factory=dict)
    pc_pages: dict[str, str] = field(default_factory=dict)


def S(column: str) -> State:  # noqa: N802 - a terse constructor keeps the tables readable
    status = {
        "Proposed Closed": "proposed_closed",
        "Not Adopted proposed closed": "proposed_closed",
    }.get(column, "open")
    return State(status, column)


NOT_ADOPTED_RED = State("not_adopted", "RED")  # declined, no closure proposed: still Remaining

A_CUSTODY = Audit("CUSTODY DETAINEE PROPERTY", "LIMITED ASSURANCE", "March 2019",
                  "Custody Detainee Property")
A_FLEET = Audit("FLEET MANAGEMENT", "SATISFACTORY ASSURANCE", "September 2018",
                "Fleet Management")
A_ESTATES = Audit("ESTATES MAINTENANCE", "SIGNIFICANT ASSURANCE", "December 2020",
                  "Estates Maintenance", centered=True)
A_INFO = Audit("INFORMATION MANAGEMENT – RETENTION AND DISPOSAL", "SATISFACTORY ASSURANCE",
               "February 2020", "Information Management")
A_OVERTIME = Audit("OVERTIME AND ALLOWANCES", "LIMITED ASSURANCE", "October 2020",
                   "Overtime and Allowances")
A_FORENSICS = Audit("DIGITAL FORENSICS UNIT", "LIMITED ASSURANCE", "May 2021",
                    "Digital Forensics Unit")
A_FIREARMS = Audit("FIREARMS LICENSING", "SATISFACTORY ASSURANCE", "September 2021",
                   "Firearms Licensing", centered=True)

# paper indexes (PAPERS below): 0 = March, 1 = July, 2 = November 2021
MAR, JUL, NOV = (0,), (1,), (2,)
FROM_JUL = (1, 2)
UNTIL_JUL = (0, 1)
RECENT = "Report finalised recently – a first update will be given at the next JARAP meeting."

RECS: list[Rec] = [
    Rec(
        "custody-4.1", A_CUSTODY, "4.1", "Reconciliation of Stored Property", "Fundamental",
        printed=False, threat="Safeguarding Detainee Property",
        anchor="carry out a weekly reconciliation of every item held",
        paras=[
            Para("__Recommendation:__ The Force should carry out a weekly reconciliation of "
                 "every item held in custody property stores against the custody record, and "
                 "should investigate any discrepancy within five working days."),
            Para("Person Responsible: {O:C/Insp Jim Harrow}, Head of Custody"),
            Para("Implementation Target Date: {T:31st March 2021} revised to "
                 "{T:30th June 2021}", on=MAR),
            Para("Implementation Target Date: {T:31st March 2021} revised to "
                 "~~{T:30th June 2021}~~ {T:30th September 2021}", on=JUL),
            Para("Implementation Target Date: {T:31st March 2021} revised to "
                 "~~{T:30th June 2021}~~ ~~{T:30th September 2021}~~ {T:31st January 2022}",
                 on=NOV),
            Para("__{U:Historical Progress March 2019 – January 2021}:__ Following the audit "
                 "the custody command reviewed how detainee property is bagged, sealed, stored "
                 "and returned at each of the four custody suites (Kingsmere, Alder Road, Port "
                 "Wenlow and Castlegate). The review found that the paper property ledger was "
                 "kept differently at each suite and that items moved between suites were not "
                 "always booked out and back in. A working group chaired by the Head of Custody "
                 "has met every month since May 2019 to put this right."),
            Para("The following improvements have been delivered since March 2019:"),
            Para("Tamper-evident bags with unique serial numbers issued at all four suites – "
                 "COMPLETED", style="li"),
            Para("Property lockers replaced at Alder Road and Port Wenlow, with a key log held "
                 "by the custody sergeant – COMPLETED", style="li"),
            Para("A single property procedure published on the intranet, replacing four local "
                 "versions – COMPLETED", style="li"),
            Para("Refresher training given to 212 detention officers and custody sergeants "
                 "between October 2019 and February 2020 – COMPLETED", style="li"),
            Para("Monthly dip samples by the custody inspectors, with results reported to the "
                 "Custody Governance Board – COMPLETED", style="li"),
            Para("Remaining work: the paper ledgers are to be replaced by the property module "
                 "of the custody system, DetainTrack, which records every movement of an item "
                 "by barcode. The supplier's delivery slipped during the pandemic restrictions, "
                 "and the module could not be tested at the suites until staff were able to "
                 "attend training in person."),
            Para("__{U:Update March 2021}:__ The DetainTrack property module was installed on "
                 "the test server on 8th February 2021. User acceptance testing by six custody "
                 "sergeants found two faults: items transferred between suites were shown "
                 "twice, and the weekly reconciliation report left out items held in overflow "
                 "storage. The supplier has agreed to fix both faults in its next release. In "
                 "the meantime the weekly reconciliation continues on paper at each suite and "
                 "is checked by the duty inspector."),
            Para("Weekly paper reconciliations completed in the last quarter: Kingsmere 13 of "
                 "13, Alder Road 13 of 13, Port Wenlow 12 of 13, Castlegate 13 of 13. The missed "
                 "week at Port Wenlow was caused by a burst pipe in the store room; the check "
                 "was completed the following Monday."),
            Para("__{U:Progress Update July 2021}:__ The corrected release of the property "
                 "module was delivered on 24th May 2021 and passed retesting on 11th June 2021. "
                 "Kingsmere went live on 5th July 2021; the other three suites will follow at "
                 "two-week intervals, depending on the availability of trainers.", on=FROM_JUL),
            Para("Early results at Kingsmere are encouraging: the first two system-generated "
                 "reconciliation reports matched the physical stock exactly, and the time taken "
                 "to reconcile has fallen from about three hours to under forty minutes.",
                 on=FROM_JUL),
            Para("Risks: the roll-out relies on two trainers who also support the custody "
                 "system upgrade, so any absence will delay the later suites. The Head of "
                 "Custody has asked for a third trainer to be released from the Learning and "
                 "Development team.", on=FROM_JUL),
            Para("__{U:Progress Update November 2021}:__ The property module is live at "
                 "Kingsmere, Alder Road and Castlegate. Port Wenlow has been held back because "
                 "its network cabling must be replaced before the barcode scanners can be used; "
                 "the cabling work is booked for December.", on=NOV),
            Para("Every discrepancy found by the weekly system reconciliations since go-live "
                 "has been investigated within five working days (27 of 27). The target date "
                 "has been moved to allow Port Wenlow to go live and for three months of "
                 "evidence to be gathered before closure is proposed.", on=NOV),
        ],
        states={0: S("AMBER"), 1: S("AMBER"), 2: S("RED")},
    ),
    Rec(
        "custody-4.2", A_CUSTODY, "4.2", "Disposal of Unclaimed Property", "Fundamental",
        printed=True, threat="Safeguarding Detainee Property", wrap=True,
        anchor="disposed of in line with the retention schedule",
        paras=[
            Para("__Fundamental Recommendation:__ Unclaimed detainee property should be "
                 "disposed of in line with the retention schedule, and each disposal should be "
                 "authorised by a supervisor and witnessed by a second member of staff."),
            Para("Management Response: Agreed. A disposal log will be introduced at each "
                 "custody suite and reviewed every month."),
            Para("Person Responsible: {O:Det Supt Okafor}"),
            Para("Implementation Target Date: {T:End June 2021}", on=UNTIL_JUL),
            Para("Implementation Target Date: {T:End June 2021} revised to "
                 "{T:30th September 2021}", on=NOV),
            Para("__{U:Update March 2021}:__ A count in January 2021 found 1,140 unclaimed "
                 "items older than the retention period, most of them clothing and mobile "
                 "phones. Disposal has started with the oldest items; 310 have been disposed "
                 "of so far, each with a signed and witnessed entry in the new log."),
            Para("__{U:Progress Update July 2021}:__ A further 690 items have been disposed "
                 "of. Mobile phones must be wiped by the Digital Forensics Unit before they go "
                 "for recycling, which has slowed progress; most of the remaining 140 items "
                 "are phones waiting to be wiped.", on=FROM_JUL),
            Para("__{U:Progress Update November 2021}:__ The backlog was cleared on 17th "
                 "September 2021. A dip sample of 40 disposals by the Professional Standards "
                 "Department found all 40 correctly authorised and witnessed, and the disposal "
                 "log is now reviewed each month at the Custody Governance Board. The "
                 "recommendation has been implemented and is working as intended.", on=NOV),
            Para("**PROPOSED CLOSED**", style="center", on=NOV),
        ],
        states={0: S("AMBER"), 1: S("AMBER"), 2: S("Proposed Closed")},
    ),
    Rec(
        "fleet-4.2", A_FLEET, "4.2", "Vehicle Defect Reporting", "Significant",
        printed=False, threat="Vehicle Safety and Availability", wrap=True,
        anchor="Drivers' defect reports should be captured electronically",
        paras=[
            Para("__Recommendation:__ Drivers' defect reports should be captured electronically "
                 "and passed to the workshop on the same day, so that vehicles with "
                 "safety-critical defects are taken off the road promptly."),
            Para("__{U:Historical Progress September 2018 – December 2020}:__ The Transport "
                 "Unit tried paper defect cards at two stations during 2019, but cards were "
                 "often handed in days later. It was agreed to build the defect report into the "
                 "workshop management system, FleetLine, which first needed an upgrade to "
                 "version 6. The upgrade was completed in November 2020."),
            Para("__{U:Update March 2021}:__ Forty rugged tablets have been ordered for the "
                 "vehicle bays. A defect form has been designed with the drivers' "
                 "representatives and will be trialled at Kingsmere in the spring."),
            Para("__{U:Progress Update July 2021}:__ The tablet trial at Kingsmere ran from 3rd "
                 "May to 25th June 2021. Drivers found the form quick to use, but the tablets "
                 "lost their network connection in the rear vehicle bay. A wireless access "
                 "point is being fitted before the wider roll-out.", on=FROM_JUL),
            Para("__{U:Progress Update November 2021}:__ The access point was fitted in August. "
                 "Roll-out to the other stations is on hold because the supplier has withdrawn "
                 "the tablet model; replacement devices are on order.", on=NOV),
            Para("Target date {T:End July 2021} – {O:Tom Birch} Fleet Manager", on=MAR),
            Para("Target date {T:End July 2021} revised to {T:End October 2021} – "
                 "{O:Tom Birch} Fleet Manager", on=JUL),
            Para("Target date {T:End July 2021} revised to {T:End October 2021} revised to "
                 "{T:Qtr 1 2022} – {O:Tom Birch} Fleet Manager", on=NOV),
        ],
        states={0: S("AMBER"), 1: S("AMBER"), 2: S("RED")},
    ),
    Rec(
        "fleet-4.4", A_FLEET, "4.4", "Fuel Card Controls", "Housekeeping",
        printed=True, threat="Value for Money", ref_style="plain",
        anchor="Fuel card statements should be checked monthly against",
        paras=[
            Para("__Housekeeping Recommendation:__ Fuel card statements should be checked "
                 "monthly against vehicle mileage records, and any card not used for three "
                 "months should be cancelled."),
            Para("Initial Management Response: Agreed. Monthly checks will be added to the "
                 "Transport Unit's month-end routine."),
            Para("Implementation Target Date: {T:30th April 2021}"),
            Para("Person Responsible: {O:Sgt Alun Pryce}, Transport Unit"),
            Para("__{U:Progress Update July 2021}:__ Monthly checks have been completed for "
                 "April, May and June 2021. Twenty-three dormant cards have been cancelled and "
                 "two unexplained transactions were referred to the Professional Standards "
                 "Department. Completed.", on=FROM_JUL),
            Para("__{U:Progress Update November 2021}:__ The checks continue every month. The "
                 "Transport Unit will ask for closure once the internal auditors have tested "
                 "the new routine during their December visit.", on=NOV),
        ],
        states={0: S("AMBER"), 1: S("GREEN"), 2: S("GREEN")},
    ),
    Rec(
        "estates-4.2", A_ESTATES, "4.2", "Planned Maintenance Priority Categories",
        "Significant", printed=False, threat="Contractor Performance",
        anchor="assign a priority category to every reactive repair request",
        paras=[
            Para("__Recommendation:__ The Force should assign a priority category to every "
                 "reactive repair request and agree response times for each category with its "
                 "maintenance contractors, so that contractor performance can be measured."),
            Para("Implementation Target Date: {T:Not applicable}"),
            Para("Person Responsible: {O:Priya Lund} Head of Estates"),
            Para("Management Response: __Not agreed__. The estates team is small and speaks to "
                 "each contractor most days. A formal category scheme would add paperwork "
                 "without improving the service, and complaints about repairs are rare – "
                 "Priya Lund Head of Estates"),
            Para("__{U:Update March 2021}:__ At its January meeting the Panel asked the Force to "
                 "reconsider. The Head of Estates has offered to show Panel members how repairs "
                 "are logged and chased before a final decision is taken."),
            Para("__{U:Progress Update July 2021}:__ Two Panel members met the Head of Estates "
                 "and the Director of Resources on 13th May 2021 and were shown the repairs log "
                 "and the notes of contractor review meetings. Members accepted that "
                 "contractors are managed closely and that a category scheme would add little. "
                 "The Strategic Organisational Risk Board agreed on 24th June 2021 that the "
                 "recommendation should not be adopted.", on=JUL),
            Para("Agreed at SORB 24th June 2021 – **PROPOSED CLOSED** –", style="center", on=JUL),
        ],
        states={0: S("AMBER"), 1: S("Not Adopted proposed closed")},
    ),
    Rec(
        "estates-4.3", A_ESTATES, "4.3", "Contractor Key Register", "Housekeeping",
        printed=True, threat="Building Security", ref_style="u-title", wrap=True,
        anchor="A register of building keys issued to contractors",
        paras=[
            Para("__Housekeeping Recommendation:__ A register of building keys issued to "
                 "contractors should be kept, and keys should be signed back in at the end of "
                 "each job."),
            Para("Person Responsible: {O:Priya Lund} Head of Estates"),
            Para("Target Date: {T:31st May 2021}"),
            Para("__{U:Update March 2021}:__ An electronic key register has been added to the "
                 "estates helpdesk system and is being tested with two contractors."),
            Para("__{U:Progress Update July 2021}:__ The key register went live on 4th May "
                 "2021. A spot check on 21st June 2021 found all 37 keys held by contractors "
                 "accounted for and correctly signed out. Completed.", on=JUL),
            Para("**PROPOSED CLOSED**", style="center", on=JUL),
        ],
        states={0: S("AMBER"), 1: S("Proposed Closed")},
    ),
    Rec(
        "info-4.1", A_INFO, "4.1", "Retention Schedule Review", "Significant",
        printed=True, threat="Information Compliance",
        anchor="retention and disposal schedule should be reviewed against",
        paras=[
            Para("__Significant Recommendation:__ The retention and disposal schedule should be "
                 "reviewed against current national guidance, and each information asset owner "
                 "should confirm that records past their retention date have been reviewed."),
            Para("Initial Management Response: Accepted. The Information Manager will lead the "
                 "review – {O:Mrs Delaney}"),
            Para("Implementation Target Date: {T:December 2020} revised to "
                 "{T:31st March 2021}", on=MAR),
            Para("Implementation Target Date: {T:December 2020} revised to {T:31st March 2021} "
                 "revised to {T:30th September 2021}", on=JUL),
            Para("Implementation Target Date: {T:December 2020} revised to {T:31st March 2021} "
                 "revised to {T:30th September 2021} revised to {T:March/April 2022}", on=NOV),
            Para("__{U:Update March 2021}:__ The draft schedule has been checked against the "
                 "national guidance and sent to the Information Governance Board. Eleven of the "
                 "nineteen information asset owners have confirmed their reviews; the others "
                 "have been reminded."),
            Para("__{U:Progress Update July 2021}:__ The Board approved the schedule on 2nd "
                 "June 2021. Sixteen of the nineteen owners have now confirmed. The three "
                 "outstanding areas hold large volumes of paper records in the off-site store, "
                 "which are being sampled.", on=FROM_JUL),
            Para("__{U:Progress Update November 2021}:__ Sampling found about 4,000 boxes in "
                 "the off-site store with no clear destruction date. A contractor has been "
                 "engaged to index the boxes from January, and the target has been moved to "
                 "allow this work to finish.", on=NOV),
        ],
        states={0: S("AMBER"), 1: S("AMBER"), 2: S("AMBER")},
    ),
    Rec(
        "info-4.3", A_INFO, "4.3", "Information Sharing Agreements", "Significant",
        printed=False, threat="Information Sharing", wrap=True,
        anchor="All information sharing agreements should be held in one register",
        paras=[
            Para("__Recommendation:__ All information sharing agreements should be held in one "
                 "register with a named owner and a review date, and expired agreements should "
                 "be renewed or ended."),
            Para("Management Response: Agreed in principle, subject to the outcome of the "
                 "regional partner portal project."),
            Para("Person Responsible: {O:Insp Laura Finch}"),
            Para("Implementation Target Date: {T:30th June 2021}"),
            Para("__{U:Update March 2021}:__ A draft register lists 212 agreements, of which 48 "
                 "are past their review date. Owners have been asked to confirm whether each "
                 "agreement is still needed."),
            Para("__{U:Progress Update July 2021}:__ The regional partner portal went live in "
                 "June 2021 and holds the agreements of all five forces in the region, with "
                 "owners and review dates. The Force is considering whether a separate local "
                 "register is still needed.", on=FROM_JUL),
            Para("__{U:Progress Update November 2021}:__ Not adopted. On 12th October 2021 the "
                 "Information Governance Board decided not to keep a separate local register, "
                 "because every agreement is now held on the regional portal with a named "
                 "owner and review date. The Force will explain this decision at the next "
                 "Panel meeting.", on=NOV),
        ],
        states={0: S("AMBER"), 1: S("RED"), 2: NOT_ADOPTED_RED},
    ),
    Rec(
        "overtime-4.1", A_OVERTIME, "4.1", "Authorisation of Overtime Claims", "Fundamental",
        printed=False, threat="Financial Control", ref_style="plain",
        anchor="Overtime claims should be authorised by a supervisor other than",
        paras=[
            Para("__Recommendation:__ Overtime claims should be authorised by a supervisor "
                 "other than the claimant before payment, and the duty management system "
                 "should prevent self-authorisation."),
            Para("Person Responsible: {O:Insp Carl Pike}", on=MAR),
            Para("Person Responsible: {O:Supt Maya Quist} (previously {F:Insp Carl Pike}, now "
                 "retired)", on=FROM_JUL),
            Para("Implementation Target Date: {T:28th February 2021}", on=MAR),
            Para("Implementation Target Date: ~~{T:28th February 2021}~~ {T:31st August 2021}",
                 on=FROM_JUL),
            Para("__{U:Update March 2021}:__ The change to the duty management system has been "
                 "specified, but the supplier cannot deliver it before its summer release. As "
                 "an interim control, Payroll now rejects any claim where the claimant and the "
                 "authoriser are the same person; 61 claims were rejected in January and "
                 "February 2021."),
            Para("__{U:Progress Update July 2021}:__ The supplier has confirmed that the change "
                 "is in the release due on 16th August 2021. Supervisors have been briefed, and "
                 "the interim Payroll check continues.", on=FROM_JUL),
            Para("__{U:Progress Update November 2021}:__ The system change went live on 6th "
                 "September 2021 and self-authorisation is now blocked. A test of 100 claims "
                 "paid in October found none authorised by the claimant. Completed – closure "
                 "will be proposed once a further quarter of data has been checked.", on=NOV),
        ],
        states={0: S("RED"), 1: S("AMBER"), 2: S("GREEN")},
    ),
    Rec(
        "overtime-4.2", A_OVERTIME, "4.2", "Exception Reporting", "Significant",
        printed=False, threat="Financial Control",
        anchor="monthly exception report of overtime payments above",
        paras=[
            Para("__Recommendation:__ Payroll should produce a monthly exception report of "
                 "overtime payments above an agreed threshold and send it to each Chief "
                 "Inspector for review."),
            Para("Management Response: Agreed. The threshold will be £1,000 per person per "
                 "month. Target date {T:30th April 2021} – {O:Idris Kaya} Payroll Manager"),
            Para("__{U:Update March 2021}:__ The report has been designed and tested on January "
                 "2021 data. It will be issued every month from April."),
            Para("__{U:Progress Update July 2021}:__ Reports for April, May and June 2021 have "
                 "been issued, and Chief Inspectors have returned comments on 94% of the "
                 "payments listed. Completed.", on=FROM_JUL),
            Para("__{U:Progress Update November 2021}:__ Seven monthly reports have now been "
                 "issued. Two cases found through the report have been referred for "
                 "investigation, which shows the control is working.", on=NOV),
            Para("**PROPOSED CLOSED**", style="center", on=NOV),
        ],
        states={0: S("AMBER"), 1: S("GREEN"), 2: S("Proposed Closed")},
    ),
    Rec(
        "forensics-4.1", A_FORENSICS, "4.1", "Accreditation Plan", "Fundamental",
        printed=True, threat="Quality Standards", wrap=True,
        anchor="agree a timetable to gain accreditation for each digital",
        paras=[
            Para("__Fundamental Recommendation:__ The Force should agree a timetable to gain "
                 "accreditation for each digital forensic method used by the unit, with a "
                 "named lead for each method and progress reported every quarter."),
            Para("Initial Management Response: Agreed. A project plan will be written with the "
                 "forensic quality manager – {O:Det Supt Okafor}"),
            Para("Target Date: {T:End October 2021}"),
            Para(RECENT, on=JUL),
            Para("__{U:Progress Update November 2021}:__ The project plan was approved by the "
                 "Crime Board on 19th October 2021 and leads have been named for all five "
                 "methods. The first two methods will be put forward for assessment in the "
                 "spring, and the Crime Board agreed a revised target date of "
                 "{T:30th June 2022}.", on=NOV),
        ],
        states={1: S("AMBER"), 2: S("AMBER")},
    ),
    Rec(
        "forensics-4.2", A_FORENSICS, "4.2", "Device Backlog Triage", "Significant",
        printed=True, threat="Investigation Timeliness", ref_style="u-title",
        anchor="devices waiting for examination are prioritised by risk",
        paras=[
            Para("__Significant Recommendation:__ A triage process should be introduced so that "
                 "devices waiting for examination are prioritised by risk, and the size of the "
                 "backlog should be reported every month to the Crime Board."),
            Para("Initial Management Response: Accepted. Triage criteria will be drafted with "
                 "the Public Protection Unit. Target date {T:September 2021} – "
                 "{O:D/Insp Ffion Hale}"),
            Para(RECENT, on=JUL),
            Para("__{U:Progress Update November 2021}:__ Triage criteria have been in use since "
                 "1st September 2021 and the backlog is now a standing item at the Crime Board. "
                 "The backlog has fallen from 412 to 298 devices. Completed.", on=NOV),
        ],
        states={1: S("AMBER"), 2: S("GREEN")},
    ),
    Rec(
        "firearms-4.1", A_FIREARMS, "4.1", "Renewal Reminders", "Significant",
        printed=False, threat="Public Safety", wrap=True,
        anchor="renewal reminder at least sixteen weeks before expiry",
        paras=[
            Para("__Recommendation:__ Certificate holders should be sent a renewal reminder at "
                 "least sixteen weeks before expiry, and each reminder run should be checked by "
                 "a supervisor."),
            Para("Management Response: Agreed – {O:Mr Owen Tranter} Firearms Licensing Manager"),
            Para("Target Date: {T:31st December 2021}"),
            Para(RECENT),
        ],
        states={2: S("AMBER")},
    ),
    Rec(
        "firearms-4.3", A_FIREARMS, "4.3", "Medical Information Requests", "Housekeeping",
        printed=True, threat="Public Safety",
        anchor="has not replied to a medical information request within",
        paras=[
            Para("__Housekeeping Recommendation:__ Where a GP has not replied to a medical "
                 "information request within 21 days, the case should be escalated, and the "
                 "reason for any grant made without a reply should be recorded."),
            Para("Person Responsible: {O:Mr Owen Tranter}"),
            Para("Target Date: {T:End January 2022}"),
            Para(RECENT),
        ],
        states={2: S("AMBER")},
    ),
]

SORB_RECS: list[SorbRec] = [
    SorbRec("bc-4.4", "Business Continuity", "4.4", "Exercise Schedule",
            ["The Force should publish a yearly timetable for exercising each business "
             "continuity plan, and record the lessons from each exercise."],
            "publish a yearly timetable for exercising each business",
            {0: "SORB", 1: "Closed at June SORB"}),
    SorbRec("cards-4.2", "Procurement Cards", "4.2", "Cardholder Spending Limits",
            ["The OPCC should review the single-transaction and monthly limits of each "
             "cardholder every year."],
            "review the single-transaction and monthly limits",
            {0: "Closed at February SORB"}),
    SorbRec("bc-4.5", "Business Continuity", "4.5", "Contact Lists",
            ["1. Contact lists in each plan should be checked every quarter.",
             "2. Out-of-hours numbers for key suppliers should be added to the plans."],
            "Contact lists in each plan should be checked",
            {1: "SORB", 2: "Closed at October SORB"}),
    SorbRec("firearms-4.4", "Firearms Licensing", "4.4", "Certificate Storage Checks",
            ["Home visits should confirm that certificates are kept separately from the "
             "firearms they cover."],
            "Home visits should confirm that certificates are kept",
            {2: "SORB"}),
]

PROGRAMME = ["Custody Detainee Property", "Fleet Management", "Estates Maintenance",
             "Information Management", "Overtime and Allowances", "Business Continuity",
             "Procurement Cards", "Digital Forensics Unit"]

PAPERS: list[Paper] = [
    Paper(
        "northshire-tracker-2021-03", "MARCH 2021", "March 2021", datetime(2021, 3, 8, 9, 0),
        PROGRAMME,
        ["5. No recommendations are proposed for closure in this period. Several target dates "
         "have been revised; the reasons are given in the business owners' updates at "
         "Appendix A.",
         "The Panel asked at its January meeting for the Force to reconsider its response to "
         "the Estates Maintenance recommendation that was not agreed; the latest position is "
         "given in Appendix A."],
        list_style="li",
        txt_splits={"custody-4.1": [{4: (11, 69)}],
                    "estates-4.2": [{0: (0, 1), 2: (0, 1), 3: (0, 2), 4: (0, 12)}]},
    ),
    Paper(
        # the Appendix A header still says "March 2021": a stale header, as in real papers
        "northshire-tracker-2021-07", "JULY 2021", "March 2021", datetime(2021, 7, 5, 9, 0),
        PROGRAMME,
        ["5. Two recommendations are proposed for closure in this period: one has been "
         "completed, and one has not been adopted by the Force after Panel members met the "
         "Head of Estates in May. Both were considered at SORB on 24th June 2021 and are "
         "listed below for the Panel to consider.",
         "The Digital Forensics Unit audit was finalised in May 2021, so it is too early to "
         "report progress on its recommendations; updates will be given at the next meeting."],
        list_style="ref",
        txt_splits={"custody-4.1": [{4: (11, 55)}], "fleet-4.2": [{4: (1, 55)}],
                    "estates-4.3": [{2: (0, 1), 3: (0, 3), 4: (0, 11)}]},
        pc_pages={"estates-4.2": "5", "estates-4.3": "5-6"},
    ),
    Paper(
        "northshire-tracker-2021-11", "NOVEMBER 2021", "November 2021",
        datetime(2021, 11, 8, 9, 0),
        PROGRAMME[:5] + ["Digital Forensics Unit", "Firearms Licensing", "Business Continuity"],
        ["5. Two recommendations have been completed and are proposed for closure; they are "
         "listed below for the Panel to consider.",
         "One recommendation (Information Management 4.3) has not been adopted by the Force. It "
         "stays on the tracker until the Panel has considered the Force's reasons.",
         "The Firearms Licensing audit was finalised in September 2021; updates on its "
         "recommendations will be given at the next meeting."],
        list_style="li",
        txt_splits={"custody-4.1": [{4: (11, 55)}], "custody-4.2": [{4: (5, 29)}],
                    "fleet-4.4": [{4: (5, 0)}], "forensics-4.1": [{4: (3, 14)}]},
        pc_pages={"custody-4.2": "4-5", "overtime-4.2": "7"},
    ),
]

APPENDIX_WIDTHS = [4.0, 1.4, 3.0, 4.0, 14.3]
SORB_WIDTHS = [4.0, 3.0, 13.7, 6.0]

# ======================================================================================
# The paper, as blocks of the shared layout model
# ======================================================================================


def visible(rec: Rec, pi: int) -> list[Para]:
    return [p for p in rec.paras if p.on is None or pi in p.on]


def main_recs(pi: int) -> list[Rec]:
    return [r for r in RECS if pi in r.states]


def sorb_recs(pi: int) -> list[SorbRec]:
    return [s for s in SORB_RECS if pi in s.progress]


def counts(pi: int) -> dict[str, dict[str, int]]:
    table = {p: dict.fromkeys(COUNT_COLUMNS, 0) for p in FILL}
    for rec in main_recs(pi):
        table[rec.priority][rec.states[pi].column] += 1
    return table


def closure_kind(state: State) -> str:
    return "Not adopted" if state.column.startswith("Not Adopted") else "Completed"


def counts_table(pi: int) -> T:
    return gen.counts_table(counts(pi))


def proposed_closed_table(paper: Paper, pi: int) -> T | None:
    pcs = [r for r in main_recs(pi) if r.states[pi].status == "proposed_closed"]
    if not pcs:
        return None
    rows = [R([cell(h, fill=HEADER_FILL) for h in
               ["Audit Title", "Risk", "Section Reference", "Proposed Closed", "Page"]])]
    prev: Rec | None = None
    for rec in pcs:
        same = prev is not None and prev.audit is rec.audit
        kind = closure_kind(rec.states[pi])
        same_kind = prev is not None and closure_kind(prev.states[pi]) == kind
        rows.append(R([cell(DITTO if same else rec.audit.short), cell(rec.priority),
                       cell(f"{rec.ref} {rec.title}"), cell(DITTO if same_kind else kind),
                       cell(paper.pc_pages.get(rec.key, "?"))], key=rec.key))
        prev = rec
    return T(rows, [3.6, 2.6, 5.4, 2.6, 1.6])


def legend_table() -> T:
    return T([R([cell("RISK LEVEL"), cell("FUNDAMENTAL", fill=FILL["Fundamental"]),
                 cell("SIGNIFICANT", fill=FILL["Significant"]),
                 cell("Housekeeping", fill=FILL["Housekeeping"])])],
             [4.0, 4.0, 4.0, 4.0], legend=True)


def ref_cell(rec: Rec) -> C:
    if rec.ref_style == "u":
        return cell(f"__{rec.ref} {rec.title}__")
    if rec.ref_style == "u-title":
        return cell(f"{rec.ref} __{rec.title}__")
    if rec.ref_style == "glued":
        return cell(f"__{rec.ref}.{rec.title}__")
    return cell(f"{rec.ref} {rec.title}")


def appendix_table(paper: Paper, pi: int) -> T:
    rows = [R([cell(h, fill=HEADER_FILL) for h in
               ["Audit Title", "Risk", "Threat to Delivering", "Recommendation Reference",
                f"Business Owner Update / Action Plan - {paper.update_month}"]])]
    prev: Rec | None = None
    for rec in main_recs(pi):
        a = rec.audit
        if rec.audit_cell is not None:
            title = cell(rec.audit_cell) if rec.audit_cell else C()
        elif prev is not None and prev.audit is a:
            title = cell(DITTO)
        else:
            style = "center" if a.centered else "p"
            title = C([par(a.title, style), par(f"{a.assurance} {a.date}", style)])
        update = C([par(p.text, p.style) for p in visible(rec, pi)])
        rows.append(R([title, C(fill=FILL[rec.priority]), cell(rec.threat), ref_cell(rec),
                       update], splits=paper.txt_splits.get(rec.key, []), wrap=rec.wrap,
                      key=rec.key))
        prev = rec
    return T(rows, APPENDIX_WIDTHS, breakable=True)


def sorb_table(pi: int) -> T:
    rows = [R([cell(h, fill=HEADER_FILL) for h in
               ["Audit", "Assessment level", "Recommendation", "Progress monitored through"]])]
    for s in sorb_recs(pi):
        progress = ["SORB"] + ([s.progress[pi]] if s.progress[pi] != "SORB" else [])
        rows.append(R([cell(s.audit), cell("Housekeeping"),
                       cell(f"{s.ref} {s.title}", *s.text), cell(*progress)]))
    return T(rows, SORB_WIDTHS)


def build_blocks(paper: Paper) -> list[Block]:
    """The whole paper, in reading order."""
    pi = PAPERS.index(paper)
    b: list[Block] = [
        P([Run(" ")]),
        par(ORGANISATION, "title", size=12),
        par(f"Subject **{SUBJECT}**", tight=True),
        par(f"Date **{paper.month}**", tight=True, indent=True),
        par(f"Author : **{AUTHOR}**", indent=True),
        par("Brief Background"),
        par(f"1. {AUDITORS} carry out an annual programme of internal audits commissioned by "
            "the Force and the Office of the Police and Crime Commissioner (OPCC); the "
            "current programme covers:"),
    ]
    areas = paper.programme
    half = (len(areas) + 1) // 2
    b.append(T([R([cell(areas[i]), cell(areas[i + half] if i + half < len(areas) else "")])
                for i in range(half)], [7.9, 7.9], grid=False, size=11))
    b += [
        par("Purpose of Report"),
        par("2. This report gives the Panel the latest updates from business owners on the "
            f"recommendations made by {AUDITORS}.", tight=True),
        par(f"3. {AUDITORS} grade each recommendation as **Fundamental**, **Significant** or "
            "**Housekeeping**; the grade is shown by colour in the Risk column of Appendix A.",
            tight=True),
        par("4. The table below shows, for this reporting period, how many Fundamental, "
            "Significant and Housekeeping recommendations remain open (by RAG status) and how "
            "many have been completed or are proposed closed:"),
        counts_table(pi),
    ]
    b += [par(n) for n in paper.notes]
    pct = proposed_closed_table(paper, pi)
    if pct:
        b.append(pct)
    b += [
        par("6. The Panel has previously agreed the following reporting arrangements:"),
        par("(a) Recommendations reported to JARAP"),
        T([R([cell("Audit assurance level", fill=HEADER_FILL),
              cell("Fundamental and Significant", fill=HEADER_FILL),
              cell("Housekeeping", fill=HEADER_FILL)]),
           R([cell("Satisfactory or above"), cell("JARAP"), cell("SORB")]),
           R([cell("Limited or below"), cell("JARAP"), cell("JARAP")])], [5.3, 5.3, 5.3]),
        par("(b) For audits graded Limited Assurance or below, the full audit report is "
            "submitted and a representative of the business area attends the Panel."),
        par("(c) Before a recommendation is proposed closed, the business owner's update "
            "should set out:"),
        par("i. what has been done to implement it; and", "li", tight=True),
        par("ii. evidence that the new control is working, such as audit or dip-sample "
            "results.", "li"),
        par("Recommendation"),
        par("7. The Panel is asked to note the business owners' updates at **Appendix A**."),
        par("8. The Panel is asked to agree that the recommendations marked PROPOSED CLOSED "
            "are closed and removed from future reports."),
        par("Implications"),
        par("Financial : None"),
        par("Legal : None"),
        par("Equality Impact Assessment : None"),
        par("Risks and Impact : Agreed recommendations that are not implemented on time leave "
            "weaknesses in the control of business functions."),
        par("Link to Police and Crime Plan : Openness and accountability of business "
            "functions."),
        par("List of Appendices"),
        par("Appendix A Internal Audit Tracker – business owner updates, part of this report"),
        par("Background Papers"),
        par("None"),
        par("Person to Contact"),
        par("Ellen Marchbank – Inspectorate, Northshire Police"),
        par("Email: inspectorate@northshire-police.example"),
        NewSection(landscape=True),
        par("**APPENDIX A**"),
        legend_table(),
        appendix_table(paper, pi),
        par("END"),
        par("‘Housekeeping’ Recommendations monitored outside JARAP by the Force/OPCC through "
            "SORB are as follows:"),
        sorb_table(pi),
    ]
    return b


# ---- ground truth ----------------------------------------------------------------------


def rec_truth(rec: Rec, pi: int) -> dict:
    paras = visible(rec, pi)
    ann = [a for p in paras for a in annotations(p.text)]
    owners = list(dict.fromkeys(v for k, v in ann if k == "O"))
    targets = [date_value(v) for k, v in ann if k == "T"]
    body = "\n".join(plain(p.text) for p in paras)
    assert rec.anchor in body, (rec.key, rec.anchor)
    if rec.printed:
        assert f"{rec.priority} Recommendation" in body, rec.key
    a = rec.audit
    return {
        "audit_title": a.title, "assurance": a.assurance, "audit_date": date_value(a.date),
        "ref": rec.ref, "title": rec.title, "priority": rec.priority,
        "priority_printed": rec.printed, "priority_level": LEVEL[rec.priority],
        "section": "main", "status": rec.states[pi].status, "rag": None,
        "owners": owners, "former_owners": list(dict.fromkeys(v for k, v in ann if k == "F")),
        "original_target": targets[0] if targets else None, "target_history": targets,
        "current_target": targets[-1] if targets else None,
        "update_dates": [date_value(v) for k, v in ann if k == "U"],
        "text_anchor": rec.anchor,
    }


def sorb_truth(s: SorbRec, pi: int) -> dict:
    assert s.anchor in " ".join(s.text), s.key
    return {
        "audit_title": s.audit, "assurance": None, "audit_date": None, "ref": s.ref,
        "title": s.title, "priority": "Housekeeping", "priority_printed": True,
        "priority_level": "low", "section": "sorb",
        "status": "closed" if s.progress[pi].startswith("Closed at") else "open", "rag": None,
        "owners": [], "former_owners": [], "original_target": None, "target_history": [],
        "current_target": None, "update_dates": [], "text_anchor": s.anchor,
    }


def build_truth(paper: Paper) -> dict:
    pi = PAPERS.index(paper)
    n = counts(pi)
    pcs = [r for r in main_recs(pi) if r.states[pi].status == "proposed_closed"]
    return {
        "stem": paper.stem,
        "paper": {"title": SUBJECT, "organisation": ORGANISATION,
                  "date": date_value(paper.month.title()) | {"raw": paper.month},
                  "author": AUTHOR},
        "declared_counts": {
            "by_priority": {p: sum(row.values()) for p, row in n.items()},
            "total": sum(sum(row.values()) for row in n.values()),
            "proposed_closed": sum(row["Proposed Closed"] + row["Not Adopted proposed closed"]
                                   for row in n.values()),
            "table": n,
        },
        "proposed_closed_list": [
            {"audit_title": r.audit.short, "ref": r.ref, "title": r.title,
             "priority": r.priority, "closure": closure_kind(r.states[pi])} for r in pcs],
        "recommendations": [rec_truth(r, pi) for r in main_recs(pi)]
        + [sorb_truth(s, pi) for s in sorb_recs(pi)],
    }


def write_truth(paper: Paper, path: Path) -> None:
    path.write_text(json.dumps(build_truth(paper), indent=1, ensure_ascii=False) + "\n",
                    encoding="utf-8")


# ======================================================================================
# Check the PDF against the emulated page splits and the printed page numbers
# ======================================================================================


def measure_pdf(pdf_path: Path, blocks: list[Block]) -> dict[str, dict]:
    """For each Appendix A row: its pages and where each cell continues after a page break."""
    import pdfplumber

    table = next(b for b in blocks if isinstance(b, T) and b.widths == APPENDIX_WIDTHS)
    width, height, side = LANDSCAPE
    pt = 72 / 2.54
    bounds, x = [], side * pt - 6
    for w in table.widths:
        bounds.append(x)
        x += w * pt
    streams: list[list[tuple[int, str]]] = [[] for _ in table.widths]
    with pdfplumber.open(pdf_path) as pdf:
        started = done = False
        for pno, page in enumerate(pdf.pages, start=1):
            words = sorted(page.extract_words(), key=lambda w: (round(w["top"]), w["x0"]))
            if not started:
                hdr = [w for w in words if w["text"] == "Threat"]
                if not hdr:
                    continue
                words = [w for w in words if w["top"] >= hdr[0]["top"] - 2]
                started = True
            end = [w for w in words if w["text"] == "END"]
            if end:
                words = [w for w in words if w["top"] < end[0]["top"] - 2]
                done = True
            for w in words:
                if w["bottom"] > page.height - TOP_BOTTOM * pt + 2:
                    continue  # footer
                col = max(i for i, b in enumerate(bounds) if w["x0"] >= b - 1)
                streams[col].append((pno, w["text"]))
            if done:
                break
    result: dict[str, dict] = {}
    pos = [0] * len(streams)
    for row in table.rows:
        located: list[list[tuple[int, int, int]]] = []  # per cell: (page, para, word)
        for ci, c in enumerate(row.cells):
            found = []
            for pj, p in enumerate(c.paras if c else []):
                for wj, word in enumerate("".join(r.text for r in p.runs).split()):
                    s = streams[ci]
                    for k in range(pos[ci], min(pos[ci] + 8, len(s))):
                        if s[k][1] == word:
                            found.append((s[k][0], pj, wj))
                            pos[ci] = k + 1
                            break
            located.append(found)
        pages = sorted({f[0] for cellf in located for f in cellf})
        if row.key is None or not pages:
            continue
        splits = []
        for pg in pages[1:]:
            sp = {}
            for ci, cellf in enumerate(located):
                after = [f for f in cellf if f[0] >= pg]
                if after:
                    sp[ci] = (after[0][1], after[0][2])
            splits.append(sp)
        n_words = sum(len(cf) for cf in located)
        expected = sum(len("".join(r.text for r in p.runs).split())
                       for c in row.cells if c for p in c.paras)
        result[row.key] = {"pages": (pages[0], pages[-1]), "splits": splits,
                           "matched": f"{n_words}/{expected}"}
    return result


def check_pdf(paper: Paper, blocks: list[Block], pdf_path: Path) -> bool:
    try:
        measured = measure_pdf(pdf_path, blocks)
    except ImportError:
        print("  (pdfplumber not installed: PDF check skipped)")
        return True
    ok = True
    pi = PAPERS.index(paper)
    for rec in main_recs(pi):
        m = measured.get(rec.key)
        if m is None:
            print(f"  {rec.key}: not found in the PDF")
            ok = False
            continue
        want = [dict(sorted(s.items())) for s in m["splits"]]
        have = [dict(sorted(s.items())) for s in paper.txt_splits.get(rec.key, [])]
        if want != have:
            ok = False
            print(f"  {rec.key}: txt splits {have} but PDF breaks at {want} "
                  f"(pages {m['pages']}, words matched {m['matched']})")
        if rec.states[pi].status == "proposed_closed":
            a, b = m["pages"]
            page = str(a) if a == b else f"{a}-{b}"
            if paper.pc_pages.get(rec.key) != page:
                ok = False
                print(f"  {rec.key}: proposed-closed table says page "
                      f"{paper.pc_pages.get(rec.key)!r}, PDF has it on {page!r}")
    return ok


# ======================================================================================


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice conversion")
    args = ap.parse_args(argv)
    DOC_DIR.mkdir(parents=True, exist_ok=True)
    TRUTH_DIR.mkdir(parents=True, exist_ok=True)
    all_ok = True
    for paper in PAPERS:
        blocks = build_blocks(paper)
        docx = DOC_DIR / f"{paper.stem}.docx"
        write_docx(paper, blocks, docx)
        write_txt(paper, blocks, DOC_DIR / f"{paper.stem}.txt")
        write_truth(paper, TRUTH_DIR / f"{paper.stem}.json")
        print(f"{paper.stem}: docx, txt, truth written")
        if not args.no_pdf:
            pdf = convert_pdf(docx, paper)
            all_ok &= check_pdf(paper, blocks, pdf)
            print(f"{paper.stem}: pdf written{'' if all_ok else ' (see mismatches above)'}")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
