"""Synthetic audit-panel papers in the 2022–25 table layout, with ground truth.

Run:  /work/venv/bin/python samples/generate_2022.py

Like samples/generate_2020.py, this reuses the 2021 generator's markup, date, layout-model and
writer helpers (samples/generate.py, not edited). One data structure below is the ground truth
for the fictional Northshire Police; every audit, person, date and narrative is invented. For
every paper it writes

    samples/tracker-2022/<stem>.docx   Word: the Appendix table `Audit Title | Risk |
                                       Recommendation Reference | Business Owner – Action Plan
                                       Updates`, struck-through superseded targets,
                                       superscript ordinals
    samples/tracker-2022/<stem>.pdf    the .docx converted by LibreOffice (headless)
    samples/tracker-2022/<stem>.txt    a text conversion in the 2021 generator's style (TAB
                                       rows of HTML cells, `<del>`, continuation lines)
    samples/truth/<stem>.json          what a parser should extract

What the layout shows (and the samples exercise): High/Medium/Low priority printed as `Medium
Priority Recommendation:` and/or in the Risk column; `SATISFACTORY ASSURANCE` and the newer
`MODERATE OPINION March 2024`; references `4.2`, `1.` or none (short title alone); `Responsible
Person:` / `Target Date:` lines with struck targets followed by `Revised Target Date …` or
`Revised to …`; dated headings `UPDATE August 2025:`, `Update July 2024:`, `August 2025 Update:`
and year-less ones (`UPDATE October:`, dated from the previous update or the paper's date, never
later than the paper); question-and-answer updates ending `Is the recommendation 'proposed
closed'? Yes/No`; empty Audit Title cells (= audit above; `<p></p>` in the text conversion,
where a page-break continuation line starts with TABs); an audit heading that lands inside
the previous row (after a page break in the text conversion); the cover's proposed-closed table
(priority letters H/M/L) and its Table of Original / Current Target Dates. The second paper
deliberately disagrees with its appendix twice (one current target, one priority letter), and
spells one audit title with `&` where the first paper has `and`.

Extra markup: ^^st^^ = superscript. A year-less {U:UPDATE October} heading is dated in the truth
by the rule above.
"""

from __future__ import annotations

import calendar
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402  - the 2021 generator's helpers
from generate import COUNT_COLUMNS, C, NewSection, P, R, T, cell, par  # noqa: E402

DOC_DIR = HERE / "tracker-2022"
TRUTH_DIR = HERE / "truth"
gen.LO_PROFILE = "file:///tmp/lo-2022"

ORGANISATION = gen.ORGANISATION
SUBJECT = gen.SUBJECT
AUTHOR = "INSPECTORATE – ELLEN MARCHBANK"
AUDITORS = "Harbury Audit LLP"
LEVEL = {"High": "high", "Medium": "medium", "Low": "low"}
LETTER = {"High": "H", "Medium": "M", "Low": "L"}
APPENDIX_WIDTHS = [4.6, 2.0, 4.6, 15.5]
HEADER = ["Audit Title", "Risk", "Recommendation Reference",
          "Business Owner – Action Plan Updates"]


# ---- superscript runs (the 2021 helpers know bold / underline / strike only) -------------


@dataclass
class SRun(gen.Run):
    sup: bool = False


def runs_of(markup: str) -> list[gen.Run]:
    out: list[gen.Run] = []
    for k, piece in enumerate(gen.strip_annotations(markup).split("^^")):
        for r in gen.runs_of(piece):
            out.append(SRun(r.text, r.bold, r.underline, r.strike, sup=bool(k % 2)))
    return out


def plain(markup: str) -> str:
    return "".join(r.text for r in runs_of(markup))


def p_(markup: str, style: str = "p", **kw) -> P:
    return P(runs_of(markup), style, **kw)


_html_runs_2021 = gen._html_runs
_fill_paragraph_2021 = gen._fill_paragraph


def _html_runs(runs: list[gen.Run]) -> str:
    out = []
    for r in runs:
        s = _html_runs_2021([r])
        out.append(f"<sup>{s}</sup>" if getattr(r, "sup", False) else s)
    return "".join(out)


def _fill_paragraph(dp, p: P, size: float | None) -> None:
    before = len(dp.runs)
    _fill_paragraph_2021(dp, p, size)
    for run, r in zip(dp.runs[before:], p.runs, strict=False):
        if getattr(r, "sup", False):
            run.font.superscript = True


gen._html_runs = _html_runs
gen._fill_paragraph = _fill_paragraph


# ======================================================================================
# Ground truth
# ======================================================================================

JUL24, SEP25 = 0, 1
ON0, ON1 = (JUL24,), (SEP25,)


@dataclass
class Audit:
    titles: dict[int, str]  # paper index -> title as printed (spelling drifts)
    assurance: str
    date: str
    shorts: dict[int, str]  # as printed in the cover tables


@dataclass
class Para:
    text: str
    on: tuple[int, ...] | None = None


@dataclass
class Rec:
    key: str
    audit: Audit
    ref: str | None  # None: the short title alone
    ref_printed: str | None  # as printed ("1." for ref "1")
    title: str
    priority: str  # High | Medium | Low
    risk_column: bool  # priority word in the Risk column
    printed: bool  # "Medium Priority Recommendation:" in the text
    paras: list[Para]
    states: dict[int, str]  # paper index -> counts-table column


@dataclass
class Paper:
    stem: str
    month: str  # "JULY 2024" as printed on the Date line
    doc_date: datetime
    paper_date: str  # ISO last day of the paper's month
    list_style: str = "li"
    # txt: rec key -> {column: text of the paragraph that starts the cell's part on the next
    # page}; the emulated page break of the text conversion
    txt_splits: dict[str, dict[int, str]] = field(default_factory=dict)
    pc_pages: dict[str, str] = field(default_factory=dict)
    # deliberate disagreements of the cover with the appendix
    pc_letter: dict[str, str] = field(default_factory=dict)  # rec key -> printed letter
    table_current: dict[str, str] = field(default_factory=dict)  # rec key -> printed target


A_VETTING = Audit({JUL24: "VETTING AND ONBOARDING", SEP25: "VETTING & ONBOARDING"},
                  "SATISFACTORY ASSURANCE", "November 2023",
                  {JUL24: "Vetting and Onboarding", SEP25: "Vetting & Onboarding"})
A_EVIDENCE = Audit({0: "DIGITAL EVIDENCE STORAGE", 1: "DIGITAL EVIDENCE STORAGE"},
                   "MODERATE OPINION", "March 2024",
                   {0: "Digital Evidence Storage", 1: "Digital Evidence Storage"})
A_CONTRACT = Audit({0: "CONTRACT MANAGEMENT", 1: "CONTRACT MANAGEMENT"},
                   "LIMITED OPINION", "January 2024",
                   {0: "Contract Management", 1: "Contract Management"})
A_WELLBEING = Audit({1: "WELLBEING SUPPORT"}, "SUBSTANTIAL OPINION", "May 2025",
                    {1: "Wellbeing Support"})

QA_CLOSED = [
    "Any barriers to completion? None.",
    "Is the recommendation 'proposed closed'? Yes",
]

RECS: list[Rec] = [
    Rec("vetting-4.1", A_VETTING, "4.1", "4.1", "Vetting Renewal Reminders", "High",
        risk_column=True, printed=True, paras=[
            Para("**High Priority Recommendation:** The Force should send automatic reminders "
                 "to officers and staff six months before their vetting clearance expires, and "
                 "should report overdue renewals monthly to the Professional Standards Board."),
            Para("Management Response: Agreed. The vetting system supplier will add a reminder "
                 "module."),
            Para("Responsible Person: {O:DCI Amara Holt}, Force Vetting Manager"),
            Para("Target Date: {T:30th September 2024}", ON0),
            Para("Target Date: ~~{T:30th September 2024}~~ Revised Target Date "
                 "{T:1^^st^^ December 2025}", ON1),
            Para("**{U:Update July 2024}:** The supplier has confirmed that the reminder module "
                 "will be included in its autumn release. Until then the vetting unit runs a "
                 "monthly spreadsheet check of clearances due for renewal."),
            Para("**{U:UPDATE March 2025}:** The autumn release was withdrawn by the supplier "
                 "after testing found that reminders were sent to leavers. A corrected release "
                 "has been promised for the summer.", ON1),
            Para("**{U:UPDATE August 2025}:** The corrected release was installed on the test "
                 "system and is being tested by the vetting unit.", ON1),
            Para("What has been achieved? Reminder e-mails are produced correctly in the test "
                 "system.", ON1),
            Para("What is left to complete? Go-live and the first monthly report to the "
                 "Professional Standards Board.", ON1),
            Para("Any barriers to completion? The release depends on the supplier's hosting "
                 "change in November.", ON1),
            Para("Is the recommendation 'proposed closed'? No", ON1),
        ], states={0: "AMBER", 1: "RED"}),
    Rec("vetting-4.2", A_VETTING, "4.2", "4.2", "Onboarding Checklist", "Medium",
        risk_column=False, printed=True, paras=[
            Para("**Medium Priority Recommendation:** A single onboarding checklist should be "
                 "completed for every new starter, confirming that vetting clearance was "
                 "granted before the start date."),
            Para("Responsible Person: {O:Mrs Helen Corby}, Head of People Services"),
            Para("Target Date: {T:End of March 2025}"),
            Para("**{U:Update July 2024}:** A draft checklist has been agreed with the vetting "
                 "unit."),
            Para("What has been achieved? The draft checklist is in use for police staff "
                 "starters."),
            Para("What is left to complete? Extending it to officer recruits and volunteers."),
            Para("Any barriers to completion? None."),
            Para("Is the recommendation 'proposed closed'? No"),
            Para("**{U:August 2025 Update}:**", ON1),
            Para("What has been achieved? The checklist is used for every starter; a dip sample "
                 "of 40 starters found every checklist complete.", ON1),
            Para("What is left to complete? Nothing.", ON1),
            *[Para(t, ON1) for t in QA_CLOSED],
        ], states={0: "AMBER", 1: "Proposed Closed"}),
    Rec("evidence-1", A_EVIDENCE, "1", "1.", "Retention Schedule for Digital Exhibits", "High",
        risk_column=True, printed=False, paras=[
            Para("Recommendation: The Force should adopt a retention schedule for digital "
                 "exhibits held on the evidence platform and delete material that has passed "
                 "its retention date."),
            Para("Responsible Person: {O:Supt Leon Draycott}, Head of Criminal Justice"),
            Para("Target Date: {T:Q3/4 2024}", ON0),
            Para("Target Date: ~~{T:Q3/4 2024}~~ Revised to {T:Aug 2025}", ON1),
            Para("**{U:Update July 2024}:** A draft schedule has been written and sent to the "
                 "Crown Prosecution Service for comment."),
            Para("**{U:UPDATE January 2025}:** The schedule was approved by the Information "
                 "Governance Board.", ON1),
            Para("**{U:UPDATE August 2025}:** Automated deletion has been switched on for "
                 "closed cases older than seven years.", ON1),
        ], states={0: "AMBER", 1: "RED"}),
    Rec("evidence-2", A_EVIDENCE, "2", "2.", "Access Logging", "Medium",
        risk_column=True, printed=False, paras=[
            Para("Recommendation: Access to the evidence platform should be logged and the logs "
                 "reviewed every quarter."),
            Para("Responsible Person: {O:Ch Insp Priya Nandra}"),
            Para("Target Date: {T:3rd Qtr 2025-26}"),
            Para("**{U:Update July 2024}:** Logging has been enabled; the review process is "
                 "being designed."),
            Para("**{U:UPDATE October}:** The first quarterly review was completed and found "
                 "no unauthorised access.", ON1),
            Para("**{U:UPDATE August 2025}:** Reviews continue each quarter; the process is "
                 "being written into force policy.", ON1),
        ], states={0: "AMBER", 1: "AMBER"}),
    Rec("evidence-3", A_EVIDENCE, "3", "3.", "Training for Exhibit Officers", "Low",
        risk_column=True, printed=True, paras=[
            Para("**Low Priority Recommendation:** Exhibit officers should receive refresher "
                 "training on handling digital exhibits."),
            Para("Responsible Person: {O:Sgt Dana Pell}"),
            Para("Target Date: {T:31st March 2025}", ON0),
            Para("Target Date: ~~{T:31st March 2025}~~ Revised Target Date {T:w/c 18/8/25}",
                 ON1),
            Para("**{U:UPDATE June}:** A training package has been drafted with the Learning "
                 "and Development team.", ON0),
            Para("**{U:UPDATE June 2024}:** A training package has been drafted with the "
                 "Learning and Development team.", ON1),
            Para("**{U:UPDATE August 2025}:**", ON1),
            Para("What has been achieved? 46 of 48 exhibit officers attended the refresher "
                 "course.", ON1),
            Para("What is left to complete? Two officers on long-term leave will attend on "
                 "their return.", ON1),
            *[Para(t, ON1) for t in QA_CLOSED],
        ], states={0: "AMBER", 1: "Proposed Closed"}),
    Rec("contract-register", A_CONTRACT, None, None, "Contract Register", "Medium",
        risk_column=True, printed=True, paras=[
            Para("**Medium Priority Recommendation:** All contracts above £25,000 should be "
                 "recorded in a single contract register with an owner and a review date."),
            Para("Responsible Person: {O:Mr Owen Tarrant}, Head of Procurement"),
            Para("Target Date: {T:Qtr 3 / 4 2025}", ON0),
            Para("Target Date: ~~{T:Qtr 3 / 4 2025}~~ Revised Target Date "
                 "{T:31st January 2026}", ON1),
            Para("**{U:Update July 2024}:** The register has been built; contract owners are "
                 "checking the entries for their contracts."),
            Para("**{U:UPDATE August 2025}:** 212 of 240 contracts have been checked by their "
                 "owners.", ON1),
            Para("The remaining contracts belong to the collaboration units and need sign-off "
                 "from the partner forces.", ON1),
        ], states={0: "AMBER", 1: "AMBER"}),
    Rec("contract-suppliers", A_CONTRACT, None, None, "Supplier Performance Reviews", "Low",
        risk_column=True, printed=False, paras=[
            Para("Recommendation: Quarterly performance reviews should be held with the ten "
                 "largest suppliers."),
            Para("Responsible Person: {O:T/Supt Gareth Lowe}"),
            Para("Target Date: {T:30th June 2024}"),
            Para("**{U:Update July 2024}:**"),
            Para("What has been achieved? Reviews were held with all ten suppliers in April and "
                 "in June."),
            Para("What is left to complete? Nothing."),
            *[Para(t) for t in QA_CLOSED],
        ], states={0: "Proposed Closed"}),
    Rec("wellbeing-1", A_WELLBEING, "1", "1.", "Occupational Health Referrals", "Low",
        risk_column=False, printed=True, paras=[
            Para("**Low Priority Recommendation:** Referrals to occupational health should be "
                 "tracked from referral to first appointment."),
            Para("Responsible Person: {O:Insp Tom Rix}"),
            Para("Target Date: {T:Q3/4 2025}"),
            Para("**{U:UPDATE August 2025}:** A tracking sheet has been set up by the "
                 "occupational health team."),
        ], states={1: "AMBER"}),
    Rec("wellbeing-2", A_WELLBEING, "2", "2.", "Manager Training", "Medium",
        risk_column=True, printed=False, paras=[
            Para("Recommendation: Line managers should complete wellbeing conversation "
                 "training."),
            Para("Responsible Person: {O:Mrs Helen Corby}"),
            Para("Target Date: {T:31st March 2026}"),
            Para("**{U:UPDATE August 2025}:** The course has been booked for the autumn."),
        ], states={1: "AMBER"}),
]

PAPERS = [
    Paper("northshire-tracker-2024-07", "JULY 2024", datetime(2024, 7, 8, 9, 0, 0),
          "2024-07-31",
          txt_splits={"evidence-1": {3: "**{U:Update July 2024}"}},
          pc_pages={"contract-suppliers": "6"}),
    Paper("northshire-tracker-2025-09", "SEPTEMBER 2025", datetime(2025, 9, 8, 9, 0, 0),
          "2025-09-30",
          txt_splits={"vetting-4.1": {3: "**{U:UPDATE August 2025}"},
                      "contract-register": {0: "WELLBEING SUPPORT", 3: "The remaining"}},
          pc_pages={"vetting-4.2": "4", "evidence-3": "5"},
          pc_letter={"evidence-3": "M"},  # the appendix says Low
          table_current={"evidence-1": "30th June 2025"}),  # the appendix says Aug 2025
]

# ---- dates ---------------------------------------------------------------------------------

# Forms the 2021 generator's date_value does not read: the normaliser's documented choices
# (a quarter range is worth its end, "3rd Qtr 2025-26" is a financial quarter, "w/c" the day).
FUZZY = {
    "Q3/4 2024": ("2024-12-31", "quarter"),
    "Q3/4 2025": ("2025-12-31", "quarter"),
    "Qtr 3 / 4 2025": ("2025-12-31", "quarter"),
    "3rd Qtr 2025-26": ("2025-12-31", "quarter"),
    "w/c 18/8/25": ("2025-08-18", "day"),
}
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}


def date_value(raw: str) -> dict:
    raw = plain(raw)
    if raw in FUZZY:
        d, prec = FUZZY[raw]
        return {"raw": raw, "date": d, "precision": prec}
    return gen.date_value(raw)


def update_dates(rec: Rec, paper: Paper) -> list[dict]:
    """Update headings; a year-less one takes the previous update's year (the next year if its
    month comes earlier) or the paper's, and is never later than the paper."""
    out: list[dict] = []
    previous: str | None = None
    for p in visible(rec, PAPERS.index(paper)):
        for kind, raw in gen.annotations(p.text):
            if kind != "U":
                continue
            value = date_value(raw)
            if value["date"] is None:
                month = next(MONTHS[w.lower()] for w in raw.split() if w.lower() in MONTHS)
                year = int((previous or paper.paper_date)[:4])
                if previous and month < int(previous[5:7]):
                    year += 1
                while gen.last_day(year, month) > paper.paper_date:
                    year -= 1
                value = {"raw": raw, "date": gen.last_day(year, month), "precision": "month"}
            previous = value["date"]
            out.append(value)
    return out


# ======================================================================================
# Layout
# ======================================================================================


def visible(rec: Rec, pi: int) -> list[Para]:
    return [p for p in rec.paras if p.on is None or pi in p.on]


def recs_of(pi: int) -> list[Rec]:
    return [r for r in RECS if pi in r.states]


def status_of(rec: Rec, pi: int) -> str:
    return "proposed_closed" if rec.states[pi] == "Proposed Closed" else "open"


def counts(pi: int) -> dict[str, dict[str, int]]:
    table = {p: dict.fromkeys(COUNT_COLUMNS, 0) for p in LEVEL}
    for rec in recs_of(pi):
        table[rec.priority][rec.states[pi]] += 1
    return table


def counts_table(pi: int) -> T:
    return gen.counts_table(counts(pi))


def audit_cell(text: str, empty: bool) -> C:
    """An empty Audit Title (= the audit above) is one empty Word paragraph; the text
    conversion writes it `<p></p>` (the row is wrapped), so the row does not start with a
    TAB as a page-break continuation line does."""
    return C([P([])]) if empty else cell(text)


def ref_text(rec: Rec) -> str:
    return f"{rec.ref_printed} {rec.title}" if rec.ref_printed else rec.title


def proposed_closed(paper: Paper, pi: int) -> list[Rec]:
    return [r for r in recs_of(pi) if status_of(r, pi) == "proposed_closed"]


def proposed_closed_table(paper: Paper, pi: int) -> T:
    rows = [R([cell(h, fill=gen.HEADER_FILL) for h in
               ["Audit", "Priority (H/M/L)", "Recommendation proposed closed", "Page"]])]
    prev: Rec | None = None
    for rec in proposed_closed(paper, pi):
        same = prev is not None and prev.audit is rec.audit
        letter = paper.pc_letter.get(rec.key, LETTER[rec.priority])
        rows.append(R([audit_cell(rec.audit.shorts[pi], same), cell(letter),
                       cell(ref_text(rec)), cell(paper.pc_pages.get(rec.key, "?"))], wrap=same))
        prev = rec
    return T(rows, [4.2, 2.6, 7.0, 1.6])


def targets_of(rec: Rec, pi: int) -> list[str]:
    return [plain(v) for p in visible(rec, pi) for k, v in gen.annotations(p.text) if k == "T"]


def target_table(paper: Paper, pi: int) -> T:
    rows = [R([cell(h, fill=gen.HEADER_FILL) for h in
               ["Audit", "Ref", "Original Target Date", "Current Target Date"]])]
    prev: Rec | None = None
    for rec in recs_of(pi):
        targets = targets_of(rec, pi)
        same = prev is not None and prev.audit is rec.audit
        current = paper.table_current.get(rec.key, targets[-1])
        rows.append(R([audit_cell(rec.audit.shorts[pi], same), cell(rec.ref or rec.title),
                       cell(targets[0]), cell(current)], wrap=same))
        prev = rec
    return T(rows, [4.6, 3.6, 3.8, 3.8])


def _split_points(rec: Rec, pi: int, cells: list[C], paper: Paper) -> list[gen.Split]:
    spec = paper.txt_splits.get(rec.key)
    if not spec:
        return []
    point: gen.Split = {}
    for col, marker in spec.items():
        texts = ["".join(r.text for r in p.runs) for p in cells[col].paras]
        wanted = plain(marker)
        point[col] = (next(i for i, t in enumerate(texts) if t.startswith(wanted)), 0)
    return [point]


def appendix_table(paper: Paper, pi: int) -> T:
    rows = [R([cell(h, fill=gen.HEADER_FILL) for h in HEADER])]
    recs = recs_of(pi)
    for k, rec in enumerate(recs):
        a = rec.audit
        prev = recs[k - 1] if k else None
        nxt = recs[k + 1] if k + 1 < len(recs) else None
        if prev is not None and prev.audit is a:
            paras: list[P] = []  # empty Audit Title: the audit above
        elif prev is not None and rec.key == "wellbeing-1" and pi == SEP25:
            paras = []  # its heading landed in the row above
        else:
            paras = [par(a.titles[pi]), par(f"{a.assurance} {a.date}")]
        if nxt is not None and nxt.key == "wellbeing-1" and pi == SEP25:
            b = nxt.audit
            paras += [par(b.titles[pi]), par(f"{b.assurance} {b.date}")]
        cells = [C(paras), cell(rec.priority if rec.risk_column else ""),
                 C([p_(ref_text(rec))]), C([p_(p.text) for p in visible(rec, pi)])]
        if not paras:
            cells[0] = audit_cell("", True)
        rows.append(R(cells, splits=_split_points(rec, pi, cells, paper), key=rec.key,
                      wrap=not paras))
    return T(rows, APPENDIX_WIDTHS, breakable=True)


def build(paper: Paper) -> list:
    pi = PAPERS.index(paper)
    n_pc = len(proposed_closed(paper, pi))
    return [
        P([gen.Run(" ")]),
        par(ORGANISATION, "title", size=12),
        par(f"Subject **{SUBJECT}**", tight=True),
        par(f"Date **{paper.month}**", tight=True, indent=True),
        par(f"Author : **{AUTHOR}**", indent=True),
        par("Purpose of Report"),
        par("1. This report gives the Panel the latest updates from business owners on the "
            f"recommendations made by {AUDITORS}."),
        par(f"2. Since 2022 {AUDITORS} grade each recommendation as **High**, **Medium** or "
            "**Low** priority, and give each audit an overall opinion."),
        par("3. The table below shows how many recommendations remain open (by RAG status) and "
            "how many are proposed closed:"),
        counts_table(pi),
        par(f"4. {n_pc} recommendations are proposed closed; they are listed below for the Panel "
            "to consider."),
        proposed_closed_table(paper, pi),
        par("5. Table of Original Target Dates / Current Target Dates"),
        target_table(paper, pi),
        par("Recommendation"),
        par("6. The Panel is asked to note the business owners' updates at **Appendix A** and "
            "to agree the recommendations proposed closed."),
        par("Person to Contact"),
        par("Ellen Marchbank – Inspectorate, Northshire Police"),
        NewSection(landscape=True),
        par("**APPENDIX A**"),
        appendix_table(paper, pi),
    ]


# ======================================================================================
# Truth
# ======================================================================================


def rec_truth(rec: Rec, paper: Paper) -> dict:
    pi = PAPERS.index(paper)
    paras = visible(rec, pi)
    ann = [a for p in paras for a in gen.annotations(p.text)]
    targets = [date_value(v) for k, v in ann if k == "T"]
    a = rec.audit
    if rec.printed:
        assert f"{rec.priority} Priority Recommendation:" in plain(paras[0].text), rec.key
    return {
        "audit_title": a.titles[pi], "assurance": a.assurance, "audit_date": date_value(a.date),
        "ref": rec.ref, "title": rec.title, "priority": rec.priority, "priority_printed": True,
        "priority_level": LEVEL[rec.priority], "section": "main",
        "status": status_of(rec, pi), "rag": None,
        "owners": list(dict.fromkeys(v for k, v in ann if k == "O")), "former_owners": [],
        "original_target": targets[0] if targets else None, "target_history": targets,
        "current_target": targets[-1] if targets else None,
        "update_dates": update_dates(rec, paper),
    }


def build_truth(paper: Paper) -> dict:
    pi = PAPERS.index(paper)
    n = counts(pi)
    letters = {v: k for k, v in LETTER.items()}
    return {
        "stem": paper.stem,
        "paper": {"title": SUBJECT, "organisation": ORGANISATION,
                  "date": {"raw": paper.month, "date": paper.paper_date, "precision": "month"},
                  "author": AUTHOR},
        "declared_counts": {
            "by_priority": {p: sum(row.values()) for p, row in n.items()},
            "total": sum(sum(row.values()) for row in n.values()),
            "proposed_closed": sum(row["Proposed Closed"] + row["Not Adopted proposed closed"]
                                   for row in n.values()),
            "table": n,
        },
        "proposed_closed_list": [
            {"audit_title": r.audit.shorts[pi], "ref": r.ref, "title": r.title,
             "priority": letters[paper.pc_letter.get(r.key, LETTER[r.priority])],
             "closure": "Completed"} for r in proposed_closed(paper, pi)],
        "recommendations": [rec_truth(r, paper) for r in recs_of(pi)],
    }


def main() -> int:
    return gen.write_papers(PAPERS, build, build_truth, DOC_DIR, TRUTH_DIR)


if __name__ == "__main__":
    sys.exit(main())
