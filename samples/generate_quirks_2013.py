"""A "quirks" paper in the 2013–16 appendix layout: every issue-8 wording of dates, owners,
status and declared counts that this layout can print, in one invented paper, with truth.

Run:  .venv/bin/python samples/generate_quirks_2013.py   (needs LibreOffice)

It reuses samples/generate_2013.py whole (its paper layout, Word writer, column widths, PDFium
text conversion and truth builder) by pointing that module's data at the recommendations
below, so the quirks paper is laid out exactly like the other 2013–16 samples and those stay
byte-identical. Two things the 2013 layout code cannot say by data alone are done here after
it has built the paper, as plain edits of its block list:

- the cover's two counts tables print their columns in other orders than the normal sample
  (and differently from each other, colours too: `GREEN AMBER RED`), so only reading a
  column by its meaning gets them right;
- a `Continued` header opens a new page inside a long block (the block split over a page,
  with the page footer inside it in the text conversion).

(2.2's long text breaks over a page by itself, mid-sentence, its last two lines at the top
of the next page.)

It writes

    samples/tracker-2013/rydale-quirks-2013-12.{docx,pdf,txt}
    samples/truth/rydale-quirks-2013-12.json

Each recommendation carries some of the patterns (named in its comment and in
tests/test_quirks_2013.py). Where the markup's annotations cannot state the truth (a range, a
struck date printed after its replacement) it is given in `TRUTH_OVERRIDES`; where a text
conversion cannot show it (strike-through is lost), in `TEXT_OVERRIDES` (the record's
`as_text`); a status said only in an update's prose is in `PROSE_STATUS`.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402
import generate_2013 as g13  # noqa: E402
import generate_2020 as g20  # noqa: E402
from generate_2013 import Audit, Paper, Rec  # noqa: E402

PAPER = Paper("rydale-quirks-2013-12", "DECEMBER 2013", datetime.datetime(2013, 12, 9, 9, 0))
ALL = (0,)

# the cover's columns; each auditor's table prints them in its own order (below)
COLUMNS = ["RED", "AMBER", "GREEN", "Completed", "Not adopted"]
MARKERS = {
    None: ("open", None),
    "COMPLETED": ("proposed_closed", "Completed"),
    "PROPOSED CLOSED": ("proposed_closed", "Completed"),
    "NOT ADOPTED": ("not_adopted", "Not adopted"),
    "SUPERSEDED": ("superseded", "Not adopted"),
}
# per auditor: the header of its counts table, in printed order, and each column's width (cm)
COVER_ORDER = {
    "Harbury Audit LLP": (
        ["Priority", "Completed", "RED", "AMBER", "GREEN", "Total", "Not adopted"],
        [3.2, 2.4, 1.3, 1.7, 1.7, 1.4, 2.6],
    ),
    "Tri-County Audit Partnership": (
        ["Priority", "Total", "Not adopted", "Completed", "GREEN", "AMBER", "RED"],
        [3.2, 1.4, 2.6, 2.4, 1.7, 1.7, 1.3],
    ),
}

A_FUEL = Audit(
    "AMBER", "FLEET FUEL CARDS", "2.12/13", "16 October 2012", "Harbury Audit LLP", (0, 2, 0)
)
A_CUSTODY = Audit(
    "GREEN", "CUSTODY MEDICAL SUPPLIES", "5.12/13", "8 March 2013", "Harbury Audit LLP", (1, 0, 1)
)
A_CASH = Audit(
    "RED", "CASH OFFICE CONTROLS", "1.12/13", "21 May 2012", "Tri-County Audit Partnership",
    (1, 1, 0),
)  # fmt: skip
A_WITNESS = Audit(
    "AMBER", "COURT WITNESS EXPENSES", "7.12/13", "3 April 2013",
    "Tri-County Audit Partnership", (0, 0, 1),
)  # fmt: skip

CONTINUED = "Fundamental Recommendation 3.1 Continued"  # a header that opens a new page

RECS: list[Rec] = [
    # owners `Name – Role and Name2 – Role2`; a `revised to` chain that stops at the end of
    # its sentence; update headings with a two-digit year and without a colon
    Rec(
        A_FUEL,
        "Medium",
        "1.1",
        "Fuel card transactions should be matched to vehicle mileage every month and each "
        "exception investigated.",
        "Implementation Target Date: {T:March 2013} revised to {T:September 2013}. The fleet "
        "review in March 2014 will confirm the approach.",
        "Person Responsible: {O:Lena Voss} – Transport Manager and {O:Rhys Baptiste} – Fleet "
        "Officer",
        "Agreed. Matching will be added to the monthly fleet report.",
        [
            "{U:Update Jan 13|2013-01}: Cards without a vehicle were recalled.",
            "{U:UPDATE May 2013} – the supplier has issued new cards that require a PIN and the "
            "odometer reading.",
        ],
    ),
    # owners `Rank Name and Name2 – Role`; a month range target; `Update March/April`; a
    # year-less heading only one year fits; a name only mentioned in update prose
    Rec(
        A_FUEL,
        "Medium",
        "1.2",
        "Fuel bought outside the Force area should be approved in advance by a supervisor.",
        "Implementation Target Date: {T:March – Sept 2013}",
        "Person Responsible: {O:Supt Dominic Hale} and {O:Carys Penn} – Business Partner",
        "Agreed.",
        [
            "{U:Update March/April 2013}: The approval form is in use in two districts.",
            "{U:Update October|2013-10}: The form was agreed after a meeting with ACC Brian "
            "Tolley and Joanne Pike of the fleet team.",
        ],
    ),
    # a rank followed by a department acronym; a struck date printed after its replacement;
    # a heading alone on a line; the last status signal wins (`proposed closed? No` first)
    Rec(
        A_CUSTODY,
        "High",
        "2.1",
        "Medicines held in custody suites should be recorded in a controlled drugs register "
        "and checked weekly.",
        "Implementation Target Date: {T:31st July 2013} ~~{T:30th April 2013}~~",
        "Person Responsible: {O:ACO HR Imogen Stradling}",
        "Agreed. A register will be issued to every suite.",
        [
            "{U:Update June 2013}",
            "Registers have been issued to every custody suite.",
            "{U:Update September 2013}: Weekly checks have started. Proposed closed? No – two "
            "suites have not returned their checks.",
            "{U:Update November 2013}: Every suite returns its weekly check.",
        ],
        marker="PROPOSED CLOSED",
        marker_in=ALL,
    ),
    # a date before the word `target`; not adopted
    Rec(
        A_CUSTODY,
        "Low",
        "2.2",
        "Expired medical stock should be returned to the pharmacy supplier for disposal. Each "
        "custody suite should keep a list of the stock it returns, signed by the custody "
        "sergeant and the supplier's driver, and the lists should be checked against the "
        "supplier's credit notes every month by the custody business manager, who should "
        "report any difference to the head of custody.",
        "Implementation Target Date: returns in place by {T:November 2013} target",
        "Person Responsible: {O:Gareth Lusk} Custody Department",
        "Not agreed: the supplier collects expired stock already.",
        ["{U:Update October 2013}: The Panel accepted the management response."],
        marker="NOT ADOPTED",
        marker_in=ALL,
    ),
    # a year-less heading two years fit (no date); a `Continued` header opening a new page
    # inside the block (the block split over a page, its footer inside it)
    Rec(
        A_CASH,
        "Fundamental",
        "3.1",
        "Cash office takings should be banked daily and the banking reconciled to the till "
        "rolls by a second officer.",
        "Implementation Target Date: {T:December 2012} – revised Target Date {T:June 2013}",
        "Person Responsible: {O:Ch Insp Dev Raman} Finance Department",
        "Agreed. A second officer will sign each banking.",
        [
            "{U:Update September 2012}: Daily banking has started at headquarters.",
            CONTINUED,
            "{U:Update 14th November|}: Reconciliations are signed by a second officer; Mr Tom "
            "Ashdown of the bank confirmed the collection times.",
        ],
    ),
    # `superseded` said only in an update's prose, no status line; a year-less heading the
    # dated headings either side of it bound to one year
    Rec(
        A_CASH,
        "Significant",
        "3.2",
        "The cash office safe limit should be reviewed with the insurer each year.",
        "Implementation Target Date: {T:March 2013}",
        "Person Responsible: {O:Maureen Tallis} Finance Department",
        "Agreed.",
        [
            "{U:Update July 2012}: The insurer has been asked for its limit.",
            "{U:Update 5th December|2012-12-05}: The insurer proposed a lower limit.",
            "{U:Update October 2013}: This recommendation has been superseded by the 2013 Cash "
            "Handling audit, which removes the safe.",
        ],
    ),
    # a heading without a colon followed by lower-case text; glued revised target
    Rec(
        A_WITNESS,
        "Housekeeping",
        "4.1",
        "Witness expense claims should be reconciled to the court attendance lists every month.",
        "Implementation Target Date: {T:June 2013} – revised Target Date{T:January 2014}",
        "Person Responsible: {O:Insp Rhys Madoc} Criminal Justice Department",
        "Agreed.",
        ["{U:Update August 2013} – the first two reconciliations found no differences."],
    ),
]

# a status the paper says only in an update's prose: (status, the cover column it counts in)
PROSE_STATUS = {"3.2": ("superseded", "Not adopted")}


def _month(raw: str, iso: str) -> dict:
    return {"raw": raw, "date": iso, "precision": "month"}


# truth the annotations cannot state, per reference
TRUTH_OVERRIDES: dict[str, dict] = {
    # a range ends at its second month
    "1.2": {
        "original_target": _month("March – Sept 2013", "2013-09-30"),
        "target_history": [_month("March – Sept 2013", "2013-09-30")],
        "current_target": _month("March – Sept 2013", "2013-09-30"),
    },
    # struck April printed after its replacement: the older one all the same
    "2.1": {
        "original_target": gen.date_value("30th April 2013"),
        "target_history": [gen.date_value("30th April 2013"), gen.date_value("31st July 2013")],
        "current_target": gen.date_value("31st July 2013"),
    },
}
# what a text conversion can show: strike-through is lost, so dates stay in printed order
TEXT_OVERRIDES: dict[str, dict] = {
    "2.1": {
        "original_target": gen.date_value("31st July 2013"),
        "target_history": [gen.date_value("31st July 2013"), gen.date_value("30th April 2013")],
    },
}


def _status_of(rec: Rec, pi: int) -> str:
    if rec.ref in PROSE_STATUS:
        return PROSE_STATUS[rec.ref][0]
    return MARKERS[g13.marker_of(rec, pi)][0]


def _column_of(rec: Rec, pi: int) -> str:
    if rec.ref in PROSE_STATUS:
        return PROSE_STATUS[rec.ref][1]
    return MARKERS[g13.marker_of(rec, pi)][1] or rec.audit.rag


# A panel of its own: the quirks paper is no part of the Northshire series, so its
# recommendations neither vanish from nor appear in Northshire's history.
ORGANISATION_LINES = [
    "POLICE AND CRIME COMMISSIONER FOR RYDALE",
    "JOINT AUDIT, RISK AND ASSURANCE PANEL",
]


def _use_quirks() -> None:
    """generate_2013 lays out and writes whatever its module data lists: point it at these."""
    g13.RECS, g13.PAPERS = RECS, [PAPER]
    g13.ORGANISATION_LINES = ORGANISATION_LINES
    g13.ORGANISATION = " ".join(ORGANISATION_LINES)
    g13.COLUMNS, g13.MARKERS = COLUMNS, MARKERS
    g13.status_of, g13.column_of = _status_of, _column_of
    g13.gen.LO_PROFILE = "file:///tmp/lo-quirks-2013"


def _reorder(table: g20.Tab, firm: str) -> g20.Tab:
    """A counts table in this auditor's column order (the 2013 writer prints `Priority`,
    COLUMNS, `Total`)."""
    header, widths = COVER_ORDER[firm]
    at = [table.rows[0].index(name) for name in header]
    return g20.Tab([[row[k] for k in at] for row in table.rows], widths)


def build() -> list:
    """The 2013 writer's blocks with the cover's columns reordered and the `Continued` page."""
    blocks = g13.build(PAPER)
    firms = iter(g13.FIRMS)
    out: list = []
    for block in blocks:
        if isinstance(block, g20.Tab) and block.rows[0][0] == "Priority":
            block = _reorder(block, next(firms))
        elif isinstance(block, g20.Para) and block.markup == CONTINUED:
            block = g20.Para(CONTINUED, bold=True, page_break=True)
        out.append(block)
    return out


def build_truth() -> dict:
    _use_quirks()
    truth = g13.build_truth(PAPER)
    for rec, row in zip(RECS, truth["recommendations"], strict=True):
        row.update(TRUTH_OVERRIDES.get(rec.ref, {}))
        if rec.ref in TEXT_OVERRIDES:
            row["as_text"] = TEXT_OVERRIDES[rec.ref]
    return truth


def main() -> int:
    _use_quirks()
    g20.SUBJECT = g13.SUBJECT  # the Word writer's document properties
    blocks = build()
    docx = g13.DOC_DIR / f"{PAPER.stem}.docx"
    g20.write_docx(PAPER, blocks, docx)
    g13.set_column_widths(docx, [b.widths for b in blocks if isinstance(b, g20.Tab)])
    pdf = gen.convert_pdf(docx, PAPER)
    g13.write_txt(pdf, g13.DOC_DIR / f"{PAPER.stem}.txt")
    gen.save_truth(g13.TRUTH_DIR, PAPER.stem, build_truth())
    print("wrote", PAPER.stem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
