"""The 2022–25 table layout's "quirks" paper: every converter artefact and cover-table pattern
that applies to this layout, in one synthetic paper, with ground truth.

Run:  /work/venv/bin/python samples/generate_quirks_2022.py

It reuses samples/generate_2022.py's data classes, markup and writers (and through it the
shared writers in samples/generate.py) and writes

    samples/tracker-2022/kelstow-tracker-quirks-2022.docx / .pdf / .txt
    samples/truth/kelstow-tracker-quirks-2022.json

The patterns, each read by a named test in tests/test_quirks_2022.py:

- every format: a reference with no space after its dot (`1.Telematics Rollout`); a title
  broken by a manual line break (`4.3 Disposal of` / `Paper Files`); a table nested inside an
  update cell (a small `date | progress` table) that must stay inside that cell; a narrow
  Recommendation Reference column, so the PDF breaks words at the cell edge (`Recommend` /
  `ation`, `Decommissio` / `ning`); an audit whose heading the appendix does not print
  (its first recommendation is filed under the right audit, and given its priority, by the
  cover's proposed-closed table; the unheaded one after it follows); a recommendation
  without a target line (the cover's Table of Original / Current Target Dates supplies it)
  and one whose target the table contradicts (the appendix is kept, with a warning); that
  target table laid out as audit-heading rows (`FLEET MANAGEMENT – September 2023`, one
  merged cell) above `ref title | original | current | context` rows.
- the text conversion only (rewritten from the plain conversion by `txt_quirks`, each edit
  applied exactly once): a row whose empty Risk cell was not written (3 cells under a
  4-column header); a page-break continuation one cell short; a continuation of that short
  row with the full number of cells (it belongs to the row above, not to an older 4-cell
  row); TAB-led lines that begin a new item after a blank line and after a continuation; a
  recommendation printed as plain paragraphs between the rows; the next audit's heading
  landing on the last (continuation) line of the previous audit's last row.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402
import generate_2022 as g22  # noqa: E402
from docx.shared import Pt  # noqa: E402
from generate import C, Nested, NewSection, P, R, T, cell, par  # noqa: E402
from generate_2022 import LETTER, LEVEL, Audit, Para, Rec, p_, plain  # noqa: E402

DOC_DIR = HERE / "tracker-2022"
TRUTH_DIR = HERE / "truth"
gen.LO_PROFILE = "file:///tmp/lo-quirks-2022"

STEM = "kelstow-tracker-quirks-2022"
# A panel of its own: the quirks paper is not part of the Northshire series, so its
# recommendations neither vanish from nor appear in Northshire's history.
ORGANISATION = "POLICE AND CRIME COMMISSIONER FOR KELSTOW JOINT AUDIT, RISK AND ASSURANCE PANEL"
PI = 0  # the one paper
# a narrow reference column: LibreOffice breaks words longer than it at the cell edge
APPENDIX_WIDTHS = [3.6, 1.8, 2.5, 18.8]
NESTED_WIDTHS = [2.6, 12.0]


# ---- a table nested in a cell, and manual line breaks ------------------------------------


def nested(rows: list[list[str]]) -> Nested:
    return Nested([gen.Run(f"@@NESTED{len(NESTED)}@@")], rows=rows)


NESTED: list[list[list[str]]] = []  # txt: the HTML each placeholder becomes


def _nested_runs(paragraph, text: str, size: float | None) -> None:
    for r in g22.runs_of(text):
        run = paragraph.add_run(r.text)
        run.font.size = Pt(size or 10)
        run.font.superscript = getattr(r, "sup", False) or None


gen.print_nested_tables(NESTED_WIDTHS, _nested_runs)


def _nested_html(rows: list[list[str]]) -> str:
    body = "".join(
        "<tr>" + "".join(f"<td>{gen._html_runs(g22.runs_of(c))}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return f"<table>{body}</table>"


# ======================================================================================
# Ground truth
# ======================================================================================

A_FLEET = Audit(
    {PI: "FLEET MANAGEMENT"}, "SATISFACTORY ASSURANCE", "September 2023", {PI: "Fleet Management"}
)
A_RECORDS = Audit(
    {PI: "RECORDS MANAGEMENT"}, "LIMITED OPINION", "February 2024", {PI: "Records Management"}
)
A_PAYROLL = Audit({PI: "PAYROLL"}, "MODERATE OPINION", "May 2024", {PI: "Payroll"})
# the appendix prints no heading for this audit: only the cover tables name it
A_FIREARMS = Audit({PI: "Firearms Licensing"}, "", "June 2024", {PI: "Firearms Licensing"})
NO_HEADING = {A_FIREARMS.titles[PI]}

QA_CLOSED = ["Any barriers to completion? None.", "Is the recommendation 'proposed closed'? Yes"]

FLEET_PROGRESS = [
    ["27^^th^^ Aug 2024", "Trackers fitted to 20 of 60 vans."],
    ["30^^th^^ Sep 2024", "Trackers fitted to 45 of 60 vans."],
]

RECS: list[Rec] = [
    Rec(
        "fleet-1",
        A_FLEET,
        "1",
        "1.",
        "Telematics Rollout",
        "High",
        risk_column=True,
        printed=True,
        paras=[
            Para(
                "**High Priority Recommendation:** Telematics trackers should be fitted to "
                "every fleet vehicle and the journey data reviewed each month."
            ),
            Para("Responsible Person: {O:Insp Jo Baxter}, Fleet Manager"),
            Para("Target Date: {T:31st March 2025}"),
            Para(
                "**{U:Update July 2024}:** The supplier has started fitting trackers; "
                "progress so far:"
            ),
            Para("@nested"),
            Para("**{U:UPDATE October 2024}:** The remaining vans are booked in for November."),
        ],
        states={PI: "AMBER"},
    ),
    Rec(
        "fleet-2",
        A_FLEET,
        "2",
        "2.",
        "Fuel Card Controls",
        "Medium",
        risk_column=True,
        printed=True,
        paras=[
            Para(
                "**Medium Priority Recommendation:** Fuel card limits should be set for "
                "each vehicle type and exceptions reviewed weekly."
            ),
            Para("Responsible Person: {O:Mrs Ada Quist}, Head of Finance"),
            Para("Target Date: {T:30th June 2025}"),
            Para("**{U:UPDATE October 2024}:** Card limits have been reviewed for all 140 cards."),
        ],
        states={PI: "AMBER"},
    ),
    Rec(
        "fleet-3",
        A_FLEET,
        "3",
        "3.",
        "Pool Car Decommissioning",
        "Low",
        risk_column=False,
        printed=True,
        paras=[
            Para(
                "**Low Priority Recommendation:** Pool cars older than ten years should be "
                "taken out of service and sold."
            ),
            Para("Responsible Person: {O:Sgt Dana Pell}"),
            Para("Target Date: {T:31st December 2024}"),
            Para("**{U:UPDATE October 2024}:** Six of the nine oldest pool cars have been sold."),
        ],
        states={PI: "GREEN"},
    ),
    Rec(
        "records-4.1",
        A_RECORDS,
        "4.1",
        "4.1",
        "Retention Schedule",
        "High",
        risk_column=False,
        printed=True,
        paras=[
            Para(
                "**High Priority Recommendation:** A retention schedule should be approved "
                "for every record type the Force holds."
            ),
            Para("Responsible Person: {O:Mr Owen Tarrant}, Head of Information Management"),
            Para("Target Date: {T:31st January 2025}"),
            Para("**{U:Update July 2024}:** A draft schedule covers 80 of 95 record types."),
            Para(
                "**{U:UPDATE October 2024}:** The schedule was approved by the Information "
                "Governance Board."
            ),
        ],
        states={PI: "RED"},
    ),
    Rec(
        "records-4.2",
        A_RECORDS,
        "4.2",
        "4.2",
        "Access to Archived Files",
        "Medium",
        risk_column=False,
        printed=True,
        paras=[  # no target: the cover's table has it
            Para(
                "**Medium Priority Recommendation:** Access to archived files should be "
                "logged and the log checked each quarter."
            ),
            Para("Responsible Person: {O:Ch Insp Priya Nandra}"),
            Para(
                "**{U:UPDATE October 2024}:** Logging has been switched on in the archive system."
            ),
        ],
        states={PI: "AMBER"},
    ),
    Rec(
        "records-4.3",
        A_RECORDS,
        "4.3",
        "4.3",
        "Disposal of\nPaper Files",
        "Low",
        risk_column=True,
        printed=False,
        paras=[
            Para(
                "Recommendation: Paper files past their retention date should be destroyed "
                "securely."
            ),
            Para("Responsible Person: {O:Mrs Helen Corby}"),
            Para("Target Date: {T:31st March 2025}"),
            Para("**{U:UPDATE October 2024}:** A contract for secure destruction has been signed."),
            Para("The first collection is booked for December."),
        ],
        states={PI: "AMBER"},
    ),
    Rec(
        "payroll-1",
        A_PAYROLL,
        "1",
        "1.",
        "Overtime Approval",
        "Medium",
        risk_column=True,
        printed=False,
        paras=[
            Para("Recommendation: Overtime should be approved in advance by a supervisor."),
            Para("Responsible Person: {O:Supt Leon Draycott}"),
            Para("Target Date: {T:30th September 2024}"),
            Para(
                "**{U:UPDATE October 2024}:** Advance approval is now required in the duty system."
            ),
        ],
        states={PI: "RED"},
    ),
    Rec(
        "payroll-2",
        A_PAYROLL,
        "2",
        "2.",
        "Starters and Leavers",
        "Low",
        risk_column=True,
        printed=False,
        paras=[
            Para(
                "Recommendation: Leavers should be removed from the payroll in the month "
                "they leave."
            ),
            Para("Responsible Person: {O:Mrs Helen Corby}"),
            Para("Target Date: {T:31st August 2024}"),
            Para("**{U:UPDATE October 2024}:**"),
            Para(
                "What has been achieved? Every leaver since April left the payroll in their "
                "last month."
            ),
            Para("What is left to complete? Nothing."),
            *[Para(t) for t in QA_CLOSED],
        ],
        states={PI: "Proposed Closed"},
    ),
    Rec(
        "firearms-1",
        A_FIREARMS,
        "1",
        "1.",
        "Licence Renewal Backlog",
        "Low",
        risk_column=False,
        printed=False,
        paras=[  # no priority printed: the cover's letter
            Para("Recommendation: The backlog of firearms licence renewals should be cleared."),
            Para("Responsible Person: {O:Insp Tom Rix}"),
            Para("Target Date: {T:31st October 2024}"),
            Para("**{U:UPDATE October 2024}:**"),
            Para("What has been achieved? The backlog was cleared in September."),
            Para("What is left to complete? Nothing."),
            *[Para(t) for t in QA_CLOSED],
        ],
        states={PI: "Proposed Closed"},
    ),
    Rec(  # unheaded and not proposed closed: it follows firearms-1 into its audit
        "firearms-2",
        A_FIREARMS,
        "2",
        "2.",
        "Secure Storage Visits",
        "Medium",
        risk_column=True,
        printed=False,
        paras=[
            Para("Recommendation: Secure storage visits should be made before every renewal."),
            Para("Responsible Person: {O:Insp Tom Rix}"),
            Para("Target Date: {T:31st March 2025}"),
            Para(
                "**{U:UPDATE October 2024}:** Visits are booked for every renewal due in December."
            ),
        ],
        states={PI: "AMBER"},
    ),
]
BY_KEY = {r.key: r for r in RECS}

PAPER = g22.Paper(
    STEM,
    "NOVEMBER 2024",
    datetime(2024, 11, 11, 9, 0, 0),
    "2024-11-30",
    pc_pages={"payroll-2": "6", "firearms-1": "7"},
)
# the cover's target table: what the appendix does not print, and one disagreement
TABLE_TARGETS = {"records-4.2": ("31st March 2024", "31st December 2024")}
TABLE_CURRENT = {"payroll-1": "31st October 2024"}  # the appendix says 30th September 2024
CONTEXT = {
    "fleet-1": "Supplier fitting slots",
    "records-4.2": "Archive system upgrade",
    "payroll-1": "Duty system change",
}


def title_of(rec: Rec) -> str:
    return " ".join(rec.title.split())


def targets_of(rec: Rec) -> list[str]:
    return [plain(v) for p in rec.paras for k, v in gen.annotations(p.text) if k == "T"]


def table_targets(rec: Rec) -> tuple[str, str]:
    if rec.key in TABLE_TARGETS:
        return TABLE_TARGETS[rec.key]
    targets = targets_of(rec)
    return targets[0], TABLE_CURRENT.get(rec.key, targets[-1])


# ======================================================================================
# Layout
# ======================================================================================


def counts() -> dict[str, dict[str, int]]:
    table = {p: dict.fromkeys(g22.COUNT_COLUMNS, 0) for p in LEVEL}
    for rec in RECS:
        table[rec.priority][rec.states[PI]] += 1
    return table


def counts_table() -> T:
    n = counts()
    hdr = gen.HEADER_FILL
    rows = [
        R(
            [
                cell("Risk/Priority of Recommendation", fill=hdr, rowspan=2),
                cell("Remaining", fill=hdr, colspan=3),
                None,
                None,
                cell("Completed and proposed closed", fill=hdr, colspan=2),
                None,
                cell("Total", fill=hdr, rowspan=2),
            ]
        ),
        R([None] + [cell(c, fill=hdr) for c in g22.COUNT_COLUMNS] + [None]),
    ]
    totals = dict.fromkeys(g22.COUNT_COLUMNS, 0)
    for prio, row in n.items():
        for c in g22.COUNT_COLUMNS:
            totals[c] += row[c]
        rows.append(
            R(
                [cell(prio)]
                + [cell(str(row[c]) if row[c] else "-") for c in g22.COUNT_COLUMNS]
                + [cell(str(sum(row.values())))]
            )
        )
    rows.append(
        R(
            [cell("Total")]
            + [cell(str(totals[c])) for c in g22.COUNT_COLUMNS]
            + [cell(str(sum(totals.values())))]
        )
    )
    return T(rows, [3.4, 1.5, 1.7, 1.7, 2.4, 3.0, 1.6])


def proposed_closed() -> list[Rec]:
    return [r for r in RECS if r.states[PI] == "Proposed Closed"]


def ref_text(rec: Rec) -> str:
    """As printed: `1.Telematics Rollout` (no space after the dot) for the first one."""
    if rec.key == "fleet-1":
        return f"{rec.ref_printed}{rec.title}"
    return g22.ref_text(rec)


def proposed_closed_table() -> T:
    rows = [
        R(
            [
                cell(h, fill=gen.HEADER_FILL)
                for h in ["Audit", "Priority (H/M/L)", "Recommendation proposed closed", "Page"]
            ]
        )
    ]
    for rec in proposed_closed():
        rows.append(
            R(
                [
                    cell(rec.audit.shorts[PI]),
                    cell(LETTER[rec.priority]),
                    cell(f"{g22.ref_text(rec)}".replace("\n", " ")),
                    cell(PAPER.pc_pages[rec.key]),
                ]
            )
        )
    return T(rows, [4.2, 2.6, 7.0, 1.6])


def target_table() -> T:
    """Audit-heading rows (one cell merged across the table) above `ref title | original |
    current | context` rows."""
    rows = [
        R(
            [
                cell(h, fill=gen.HEADER_FILL)
                for h in [
                    "Recommendation",
                    "Original Target Date",
                    "Current Target Date",
                    "Context",
                ]
            ]
        )
    ]
    prev: Audit | None = None
    for rec in RECS:
        if rec.audit is not prev:
            heading = f"{rec.audit.titles[PI].upper()} – {rec.audit.date}"
            rows.append(R([cell(heading, colspan=4), None, None, None]))
            prev = rec.audit
        original, current = table_targets(rec)
        rows.append(
            R(
                [
                    cell(g22.ref_text(rec).replace("\n", " ")),
                    cell(original),
                    cell(current),
                    cell(CONTEXT.get(rec.key, "")),
                ]
            )
        )
    return T(rows, [6.0, 3.4, 3.4, 3.2])


def body_paras(rec: Rec) -> list[P]:
    out: list[P] = []
    for p in rec.paras:
        if p.text == "@nested":
            out.append(nested(FLEET_PROGRESS))
            NESTED.append(FLEET_PROGRESS)
        else:
            out.append(p_(p.text))
    return out


def heading_paras(a: Audit) -> list[P]:
    return [par(a.titles[PI]), par(f"{a.assurance} {a.date}")]


def appendix_table() -> T:
    rows = [R([cell(h, fill=gen.HEADER_FILL) for h in g22.HEADER])]
    prev: Rec | None = None
    for rec in RECS:
        a = rec.audit
        own = prev is None or prev.audit is not a
        audit = (
            C(heading_paras(a))
            if own and a.titles[PI] not in NO_HEADING
            else g22.audit_cell("", True)
        )
        cells = [
            audit,
            cell(rec.priority if rec.risk_column else ""),
            C([p_(ref_text(rec))]),
            C(body_paras(rec)),
        ]
        rows.append(R(cells, key=rec.key, wrap=not own or a.titles[PI] in NO_HEADING))
        prev = rec
    return T(rows, APPENDIX_WIDTHS, breakable=True)


def build() -> list:
    n_pc = len(proposed_closed())
    return [
        P([gen.Run(" ")]),
        par(ORGANISATION, "title", size=12),
        par(f"Subject **{gen.SUBJECT}**", tight=True),
        par(f"Date **{PAPER.month}**", tight=True, indent=True),
        par(f"Author : **{g22.AUTHOR}**", indent=True),
        par("Purpose of Report"),
        par(
            "1. This report gives the Panel the latest updates from business owners on the "
            f"recommendations made by {g22.AUDITORS}."
        ),
        par(
            "2. The table below shows how many recommendations remain open (by RAG status) "
            "and how many are proposed closed:"
        ),
        counts_table(),
        par(
            f"3. {n_pc} recommendations are proposed closed; they are listed below for the "
            "Panel to consider."
        ),
        proposed_closed_table(),
        par("4. Table of Original Target Dates / Current Target Dates"),
        target_table(),
        par("Recommendation"),
        par(
            "5. The Panel is asked to note the business owners' updates at **Appendix A** and "
            "to agree the recommendations proposed closed."
        ),
        par("Person to Contact"),
        par("Ellen Marchbank – Inspectorate, Kelstow Police"),
        NewSection(landscape=True),
        par("**APPENDIX A**"),
        appendix_table(),
    ]


# ---- the text conversion's artefacts ------------------------------------------------------

RISK_LOW = "<p>Low</p>"


def _line_of(lines: list[str], key: str) -> int:
    """The index of the appendix line of this recommendation (its reference cell)."""
    rec = BY_KEY[key]
    ref = ref_text(rec).replace("\n", "<br>")
    hits = [i for i, ln in enumerate(lines) if f"\t{ref}\t" in ln or f"<p>{ref}</p>" in ln]
    assert len(hits) == 1, (key, hits)
    return hits[0]


def _cells(line: str) -> list[str]:
    return line.split("\t")


def _split_update(cells: list[str], marker: str) -> tuple[str, str]:
    """The update cell cut before the paragraph that starts with `marker`."""
    update = cells[3]
    cut = update.index(f"<p>{marker}")
    return update[:cut].rstrip(), update[cut:]


def txt_quirks(lines: list[str]) -> list[str]:
    """Rewrite the plain conversion with this layout's converter artefacts (see the module
    docstring); each rewrite asserts it found its row."""
    out = list(lines)
    # fleet-1: a page break inside the update cell; the continuation line lost one of its
    # empty leading cells (3 cells under 4 columns)
    i = _line_of(out, "fleet-1")
    cells = _cells(out[i])
    head, rest = _split_update(cells, "<b>UPDATE October 2024")
    out[i] = "\t".join([*cells[:3], head])
    out[i + 1 : i + 1] = ["", "\t\t" + rest]
    # fleet-2: printed as plain paragraphs between the rows
    i = _line_of(out, "fleet-2")
    cells = _cells(out[i])
    paras = [gen._md(p_(p.text)) for p in BY_KEY["fleet-2"].paras]
    out[i : i + 1] = [f"{g22.ref_text(BY_KEY['fleet-2'])}", *paras]
    # fleet-3: a TAB-led line after a blank line that begins a new item
    i = _line_of(out, "fleet-3")
    cells = _cells(out[i])
    assert cells[0] == "<p></p>" and cells[1] == "<p></p>", cells[:2]
    out[i : i + 1] = [
        "",
        "\t".join(["", "", *cells[2:]])
        .replace("<p>3. Pool", "3. Pool", 1)
        .replace("Decommissioning</p>", "Decommissioning", 1),
    ]
    # records-4.1: the empty Risk cell not written (3 cells), then a page break whose
    # continuation has all 4 cells: it belongs to this row, not to fleet-1 (4 cells)
    i = _line_of(out, "records-4.1")
    cells = _cells(out[i])
    assert cells[1] == "", cells[1]
    head, rest = _split_update(cells, "<b>UPDATE October 2024")
    out[i] = "\t".join([cells[0], cells[2], head])
    out[i + 1 : i + 1] = ["", "\t\t\t" + rest]
    # records-4.2: a TAB-led line straight after a continuation that begins a new item
    i = _line_of(out, "records-4.2")
    cells = _cells(out[i])
    assert out[i - 1].startswith("\t\t\t") and cells[:2] == ["<p></p>", "<p></p>"], cells[:2]
    out[i] = "\t".join(["", "", *cells[2:]])
    # records-4.3 / payroll-1: a page break in records-4.3's row; the next audit's heading
    # landed on its continuation line (the row's bottom), payroll-1's Audit cell is empty
    i = _line_of(out, "records-4.3")
    cells = _cells(out[i])
    head, rest = _split_update(cells, "The first collection")
    payroll = _cells(out[i + 1])
    heading = " ".join(
        f"<p>{p}</p>" for p in (A_PAYROLL.titles[PI], f"{A_PAYROLL.assurance} {A_PAYROLL.date}")
    )
    assert payroll[0] == heading, payroll[0]
    out[i] = "\t".join([*cells[:3], head])
    out[i + 1 : i + 1] = ["", "\t".join([heading, "", "", rest])]
    payroll[0] = "<p></p>"
    out[i + 3] = "\t".join(payroll)
    # the nested table, as the converter writes it: HTML inside the cell
    text = "\n".join(out)
    for k, rows in enumerate(NESTED):
        placeholder = f"<p>@@NESTED{k}@@</p>"
        assert text.count(placeholder) == 1, placeholder
        text = text.replace(placeholder, _nested_html(rows))
    return text.split("\n")


def write_txt(blocks: list, path: Path) -> None:
    gen.write_txt(PAPER, blocks, path)
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(txt_quirks(lines)), encoding="utf-8")


# ======================================================================================
# Truth
# ======================================================================================


def update_dates(rec: Rec) -> list[dict]:
    return [g22.date_value(v) for p in rec.paras for k, v in gen.annotations(p.text) if k == "U"]


def rec_truth(rec: Rec) -> dict:
    ann = [a for p in rec.paras for a in gen.annotations(p.text)]
    targets = [g22.date_value(v) for k, v in ann if k == "T"]
    if rec.key in TABLE_TARGETS:  # from the cover's table
        targets = [g22.date_value(v) for v in TABLE_TARGETS[rec.key]]
    a = rec.audit
    headed = a.titles[PI] not in NO_HEADING
    return {
        "audit_title": a.titles[PI] if headed else a.shorts[PI],
        "assurance": a.assurance if headed else None,
        "audit_date": g22.date_value(a.date) if headed else None,
        "ref": rec.ref,
        "title": title_of(rec),
        "priority": rec.priority,
        "priority_printed": rec.printed or rec.risk_column,
        "priority_level": LEVEL[rec.priority],
        "section": "main",
        "status": "proposed_closed" if rec.states[PI] == "Proposed Closed" else "open",
        "rag": None,
        "owners": list(dict.fromkeys(v for k, v in ann if k == "O")),
        "former_owners": [],
        "original_target": targets[0] if targets else None,
        "target_history": targets,
        "current_target": targets[-1] if targets else None,
        "update_dates": update_dates(rec),
    }


def build_truth() -> dict:
    n = counts()
    return {
        "stem": STEM,
        "paper": {
            "title": gen.SUBJECT,
            "organisation": ORGANISATION,
            "date": {"raw": PAPER.month, "date": PAPER.paper_date, "precision": "month"},
            "author": g22.AUTHOR,
        },
        "declared_counts": {
            "by_priority": {p: sum(row.values()) for p, row in n.items()},
            "total": sum(sum(row.values()) for row in n.values()),
            "proposed_closed": sum(
                row["Proposed Closed"] + row["Not Adopted proposed closed"] for row in n.values()
            ),
            "table": n,
        },
        "proposed_closed_list": [
            {
                "audit_title": r.audit.shorts[PI],
                "ref": r.ref,
                "title": title_of(r),
                "priority": r.priority,
                "closure": "Completed",
            }
            for r in proposed_closed()
        ],
        "recommendations": [rec_truth(r) for r in RECS],
    }


def main() -> int:
    DOC_DIR.mkdir(exist_ok=True)
    TRUTH_DIR.mkdir(exist_ok=True)
    blocks = build()
    docx = DOC_DIR / f"{STEM}.docx"
    gen.write_docx(PAPER, blocks, docx)
    gen.convert_pdf(docx, PAPER)
    write_txt(blocks, DOC_DIR / f"{STEM}.txt")
    gen.save_truth(TRUTH_DIR, STEM, build_truth())
    print("wrote", STEM)
    return 0


if __name__ == "__main__":
    sys.exit(main())
