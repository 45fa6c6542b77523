"""A "quirks" paper in the 2016–20 block layout: every wording of dates, owners and status
that real block trackers print (issue 8), in one invented paper, with ground truth.

Run:  .venv/bin/python samples/generate_quirks_2020.py

It reuses samples/generate_2020.py whole (its paper layout, Word, PDF and text writers and its
truth builder) by pointing that module's data at the recommendations below, so the quirks
paper is laid out exactly like the other block samples. It writes

    samples/tracker-2020/ashdale-quirks-2020-03.{docx,pdf,txt}
    samples/truth/ashdale-quirks-2020-03.json

Each recommendation carries some of the patterns (named in its comment and in
tests/test_quirks_blocks.py). Where the markup's annotations cannot state the truth (a
year-less update heading, a range, a struck date printed after its replacement) the truth is
given explicitly in `TRUTH_OVERRIDES`; where a text conversion cannot show it (strike-through
is lost), in `TEXT_OVERRIDES`, stored as the record's `as_text`.
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402
import generate_2020 as g20  # noqa: E402
from generate_2020 import Audit, Paper, Rec, SorbRec  # noqa: E402

PAPER = Paper("ashdale-quirks-2020-03", "MARCH 2020", datetime.datetime(2020, 3, 9, 9, 0))
ALL = (0,)

A_STORES = Audit("PROPERTY STORES", "LIMITED ASSURANCE", "May 2018", (1, 2, 0))
A_ESTATES = Audit("ESTATES AND FACILITIES", "LIMITED ASSURANCE", "July 2018", (0, 4, 0))
A_VETTING = Audit("RECRUITMENT AND VETTING", "LIMITED ASSURANCE", "October 2018", None)
A_CARDS = Audit("PURCHASE CARDS", "LIMITED ASSURANCE", "February 2019", (0, 2, 1))


def _month(raw: str, iso: str) -> dict:
    return {"raw": raw, "date": iso, "precision": "month"}


RECS: list[Rec] = [
    # update headings: inline after the target with no full stop, no colon, alone on a
    # line, a two-digit year; owners: `Name – Role and Name2 – Role2`
    Rec(
        "stores-4.1",
        A_STORES,
        "4.1",
        "Store Audit Schedule",
        "Fundamental",
        "dash",
        anchor="schedule of monthly audits of every temporary store",
        text=[
            "The stores manager should set a schedule of monthly audits of every temporary "
            "store and record the results on the property system."
        ],
        target=[
            "Implementation Target Date: {T:31st March 2019} {U:Update June 2019}: the first "
            "store audits have been completed in two of the four stores."
        ],
        owner=[
            "Person Responsible: {O:Lena Voss} – Stores Manager and {O:Rhys Baptiste} – "
            "Property Officer"
        ],
        response="Agreed. Audits will be scheduled from April.",
        updates=[
            (
                "{U:UPDATE September 2019} – the supplier has delivered the new racking and "
                "the remaining two stores have been audited.",
                None,
            ),
            ("{U:Update December 2019}", None),
            ("The December audits found no discrepancies in any store.", None),
            ("{U:Update Jan 20}: Audits continue monthly and are reported to the board.", None),
        ],
        states={0: "open"},
    ),
    # update headings: a period (dated at its end), `March/April`, a year-less heading that
    # only one year fits; owners: `Name, Role Name2, Role2`
    Rec(
        "stores-4.2",
        A_STORES,
        "4.2",
        "Exhibit Disposal Records",
        "Significant",
        "dash",
        anchor="disposal of every exhibit is recorded",
        text=[
            "The Force should ensure that the disposal of every exhibit is recorded with the "
            "authority for disposal and the witness present."
        ],
        target=["Implementation Target Date: {T:30th June 2019}"],
        owner=[
            "Person Responsible: {O:Martin Keel}, Head of Estates {O:Fiona Drury}, Facilities "
            "Manager"
        ],
        response="Agreed.",
        updates=[
            (
                "{U:Achievements May 2018 – January 2019}: disposal records were moved to the "
                "property system.",
                None,
            ),
            ("{U:Update March/April 2019}: the disposal form now requires a witness.", None),
            (
                "{U:Summary of progress between May 2019 – August 2019}: dip samples show "
                "every disposal recorded with its authority.",
                None,
            ),
            ("UPDATE October: the disposal board met and approved the revised procedure.", None),
            ("{U:Update January 2020}: the procedure is in force in every store.", None),
        ],
        states={0: "open"},
    ),
    # a year-less heading two years fit (no date); `Rank Name and Name2 – Role`; a name in
    # update prose is no owner; a date before the word `target`
    Rec(
        "stores-4.3",
        A_STORES,
        "4.3",
        "Key Cabinet Controls",
        "Significant",
        "dash",
        anchor="keys to every store are held in a controlled cabinet",
        text=[
            "Management should ensure that keys to every store are held in a controlled cabinet "
            "and that each issue is logged."
        ],
        target=["Implementation Target Date: cabinets fitted by {T:March 2020} target"],
        owner=["Person Responsible: {O:Supt Dominic Hale} and {O:Carys Penn} – Business Partner"],
        response="Agreed.",
        updates=[
            (
                "Update 27th August: the cabinet specification was agreed after a meeting with "
                "ACC Brian Tolley and Joanne Pike of the estates team.",
                None,
            ),
            ("{U:Update November 2019}: cabinets are fitted in three of the four stores.", None),
        ],
        states={0: "open"},
    ),
    # a rank followed by a department acronym; a struck date printed after its replacement
    Rec(
        "estates-4.1",
        A_ESTATES,
        "4.1",
        "Fire Door Inspections",
        "Significant",
        "dash",
        anchor="every fire door is inspected",
        text=["The Force should ensure that every fire door is inspected every six months."],
        target=["Implementation Target Date: {T:31st January 2020} ~~{T:31st October 2019}~~"],
        owner=["Person Responsible: {O:ACO HR Imogen Stradling}"],
        response="Agreed.",
        updates=[("{U:Update December 2019}: the survey has been completed on four sites.", None)],
        states={0: "open"},
    ),
    # `Person Responsible:` in the middle of a paragraph (joined to the target line); a
    # `revised to` chain that stops at the end of its sentence; a signature followed directly
    # by an unpunctuated heading (a signature in an update signs it: no owner in this layout)
    Rec(
        "estates-4.2",
        A_ESTATES,
        "4.2",
        "Contractor Sign-in",
        "Significant",
        "dash",
        anchor="every contractor signs in and out",
        text=["Site managers should ensure that every contractor signs in and out of each site."],
        target=[
            "Implementation Target Date: {T:30th September 2019} revised to {T:31st January "
            "2020}. The estates review in May 2020 will confirm the approach. Person "
            "Responsible: {O:Insp Gareth Lowe}"
        ],
        owner=[],
        response="Agreed.",
        updates=[
            (
                "{U:Update October 2019}: sign-in books are in use on every site – "
                "Tom Ferris Estates Officer {U:UPDATE January 2020} the electronic sign-in "
                "system is being tested.",
                None,
            ),
        ],
        states={0: "open"},
    ),
    # `Person Responsible and Implementation Target Date: See below` with work-stream lines,
    # each with its owners (`Name/Name`), dates, `excluding X end June`, a range and revised
    # dates
    Rec(
        "estates-4.3",
        A_ESTATES,
        "4.3",
        "Asbestos Register",
        "Significant",
        "dash",
        anchor="asbestos register of every building",
        text=[
            "The Force should keep an asbestos register of every building and review it each year."
        ],
        target=[],
        owner=["Person Responsible and Implementation Target Date: See below"],
        response="",
        updates=[
            (
                "Survey {O:Nadia Kerr}/{O:Tom Ferris} {T:End March 2019} excluding outbuildings "
                "{T:end June 2019} Revised target date {T:December 2019}",
                None,
            ),
            ("Register {O:Priya Sandhu} March – Sept 2019 Revised to {T:January 2020}", None),
            (
                "Review {O:Tom Ferris}/{O:Priya Sandhu} {T:March to Sept 2019} Revised target "
                "date {T:February 2020}",
                None,
            ),
            (
                "Initial Management Response: Agreed. The register will be held by the "
                "estates team.",
                None,
            ),
            ("{U:Update November 2019}: the survey is complete.", None),
        ],
        states={0: "open"},
        stages=True,
    ),
    # a line that begins with the name, its role and its target, no label
    Rec(
        "estates-4.4",
        A_ESTATES,
        "4.4",
        "Legionella Testing",
        "Significant",
        "dash",
        anchor="water outlets of every building are tested",
        text=["The Force should ensure that the water outlets of every building are tested."],
        target=[],
        owner=[
            "{O:Owen Marsh} – Estates Surveyor – testing of every outlet on all sites. "
            "Target {T:June 2019}"
        ],
        response="Agreed.",
        updates=[("{U:Update December 2019}: testing is complete on four sites.", None)],
        states={0: "open"},
    ),
    # `Target milestones:` with a bullet list; an inline chain with glued words
    Rec(
        "vetting-4.1",
        A_VETTING,
        "4.1",
        "Vetting Renewals",
        "Significant",
        "dash",
        anchor="vetting of every officer is renewed",
        text=["Management should ensure that the vetting of every officer is renewed on time."],
        target=[
            "Target milestones:",
            "• Renewal list agreed {T:October 2019}",
            "• Backlog cleared {T:December 2019}",
            "• Renewals on time {T:March 2020}",
        ],
        owner=["Person Responsible: {O:Nadia Kerr} – Vetting Manager"],
        response="Agreed.",
        updates=[("{U:Update February 2020}: the backlog has been cleared.", None)],
        states={0: "open"},
        stages=True,
    ),
    Rec(
        "vetting-4.2",
        A_VETTING,
        "4.2",
        "Contractor Vetting",
        "Significant",
        "dash",
        anchor="contractors with access to police buildings",
        text=["All contractors with access to police buildings should be vetted before access."],
        target=[
            "Implementation Target Date: {T:March 2019} – revised Target Date{T:October 2019} "
            "– revised Target Date{T:February 2020}"
        ],
        owner=["Person Responsible: {O:Tom Ferris} – Vetting Officer"],
        response="Agreed.",
        updates=[("{U:Update January 2020}: 80% of contractors are vetted.", None)],
        states={0: "open"},
    ),
    # status: the last signal in reading order wins
    Rec(
        "cards-4.1",
        A_CARDS,
        "4.1",
        "Card Limit Reviews",
        "Significant",
        "dash",
        anchor="limit of every purchase card is reviewed",
        text=["The limit of every purchase card is reviewed each year against its use."],
        target=["Implementation Target Date: {T:31st December 2019}"],
        owner=["Person Responsible: {O:Alan Beck} – Finance Manager"],
        response="Agreed.",
        updates=[
            (
                "{U:Update October 2019}: reviews are under way. Proposed closed? No – two "
                "teams have not replied.",
                None,
            ),
            ("{U:Update February 2020}: every limit has been reviewed.", None),
        ],
        states={0: "proposed_closed"},
    ),
    # status: `superseded` in an update's prose
    Rec(
        "cards-4.2",
        A_CARDS,
        "4.2",
        "Card Statements",
        "Significant",
        "dash",
        anchor="statement of every card is signed",
        text=["The monthly statement of every card is signed by the cardholder's manager."],
        target=["Implementation Target Date: {T:30th November 2019}"],
        owner=["Person Responsible: {O:Alan Beck} – Finance Manager"],
        response="Agreed.",
        updates=[
            (
                "{U:Update January 2020}: this recommendation has been superseded by the "
                "2020 Purchasing audit, which replaces paper statements.",
                None,
            ),
        ],
        states={0: "superseded"},
        rag="GREY",
    ),
]

SORB: list[SorbRec] = [
    SorbRec(
        "Purchase Cards",
        "4.5",
        "Card Receipts",
        "All cardholders should be reminded to keep the receipt of every purchase made.",
        "keep the receipt of every purchase",
        {0: "SORB"},
    ),
]

# truth the annotations cannot state, per recommendation key
TRUTH_OVERRIDES: dict[str, dict] = {
    "stores-4.1": {
        "update_dates": [
            _month("Update June 2019", "2019-06-30"),
            _month("UPDATE September 2019", "2019-09-30"),
            _month("Update December 2019", "2019-12-31"),
            _month("Update Jan 20", "2020-01-31"),
        ]
    },
    "stores-4.2": {
        "update_dates": [
            _month("Achievements May 2018 – January 2019", "2019-01-31"),
            _month("Update March/April 2019", "2019-04-30"),
            _month("Summary of progress between May 2019 – August 2019", "2019-08-31"),
            _month("UPDATE October", "2019-10-31"),
            _month("Update January 2020", "2020-01-31"),
        ]
    },
    "stores-4.3": {
        "update_dates": [
            {"raw": "Update 27th August", "date": None, "precision": None},
            _month("Update November 2019", "2019-11-30"),
        ]
    },
    # struck October 2019 printed after its replacement: the older one all the same
    "estates-4.1": {
        "target_history": [
            gen.date_value("31st October 2019"),
            gen.date_value("31st January 2020"),
        ],
        "original_target": gen.date_value("31st October 2019"),
        "current_target": gen.date_value("31st January 2020"),
    },
    "estates-4.3": {
        "target_history": [
            gen.date_value("End March 2019"),
            gen.date_value("end June 2019"),
            gen.date_value("December 2019"),
            _month("March – Sept 2019", "2019-09-30"),
            gen.date_value("January 2020"),
            _month("March to Sept 2019", "2019-09-30"),
            gen.date_value("February 2020"),
        ],
    },
}
# what a text conversion can show: strike-through is lost, so dates stay in printed order
TEXT_OVERRIDES: dict[str, dict] = {
    "estates-4.1": {
        "target_history": [
            gen.date_value("31st January 2020"),
            gen.date_value("31st October 2019"),
        ],
        "original_target": gen.date_value("31st January 2020"),
    },
}


# A panel of its own: the quirks paper is no part of the Northshire series, so its
# recommendations neither vanish from nor appear in Northshire's history.
ORGANISATION_LINES = [
    "POLICE AND CRIME COMMISSIONER FOR ASHDALE",
    "JOINT AUDIT, RISK AND ASSURANCE PANEL",
]


def _use_quirks() -> None:
    """generate_2020 lays out and writes whatever its module data lists: point it at these."""
    g20.RECS, g20.SORB, g20.PAPERS = RECS, SORB, [PAPER]
    g20.ORGANISATION_LINES = ORGANISATION_LINES
    g20.ORGANISATION = " ".join(ORGANISATION_LINES)


def build_truth() -> dict:
    _use_quirks()
    truth = g20.build_truth(PAPER)
    for rec, row in zip(RECS, truth["recommendations"], strict=False):
        row.update(TRUTH_OVERRIDES.get(rec.key, {}))
        if rec.key in TEXT_OVERRIDES:
            row["as_text"] = TEXT_OVERRIDES[rec.key]
    return truth


def main() -> int:
    _use_quirks()
    blocks = g20.build(PAPER)
    docx = g20.DOC_DIR / f"{PAPER.stem}.docx"
    g20.write_docx(PAPER, blocks, docx)
    pdf = gen.convert_pdf(docx, PAPER)
    g20.write_txt(pdf, g20.DOC_DIR / f"{PAPER.stem}.txt", blocks)
    (g20.TRUTH_DIR / f"{PAPER.stem}.json").write_text(
        json.dumps(build_truth(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print("wrote", PAPER.stem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
