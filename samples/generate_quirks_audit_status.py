"""The audit-status layout's "quirks" paper: every issue-8 pattern that applies to other
panels' audit-status tables, in one synthetic paper, with ground truth.

Run:  .venv/bin/python samples/generate_quirks_audit_status.py

It reuses samples/generate_audit_status.py's data class, cover, tables and truth (and
through it the shared writers in samples/generate.py), pointed at the quirks paper, and
writes

    samples/audit-status/yewdale-audit-status-quirks-2017-03.docx / .pdf / .txt
    samples/truth/yewdale-audit-status-quirks-2017-03.json  (kind `audit_report`)

The paper prints a panel of its own (Yewdale), so it is no part of the Westmarch series; its
stem sorts after Westmarch's, which tests/test_audit_status.py takes as "the" sample.

The patterns, each read by a named test in tests/test_quirks_audit_status.py:

- every format: a title broken by a manual line break (`Vehicle Fleet` / `Telematics`); a
  narrow title column, so the PDF breaks a long word at the cell edge (`Telecommunications`);
  a table nested in an update cell; a ditto mark in a repeated labelled line (`Governance:
  “`: the audit above's board); target wordings in the `Follow Up:` line: a range (`March –
  Sept 2017` is September) and a `revised to` chain that stops at the end of its sentence;
  an update that says "on track" beside an On-track cell that says ✗ (the column decides).
- the text conversion only (rewritten by `txt_quirks`, each edit asserting it found its
  row): a row whose empty Update cell was not written (3 cells under 4: the ✗ goes to On
  track by what it holds); a continuation of that short row with all 4 cells (it belongs to
  it, not to the older 4-cell row); a continuation one cell short whose text is the long
  Update cell's, not the last column's; the ditto mark with stray text glued to it
  (`Governance: “ “ I I`).

Not applicable here: update headings and status words (the status table prints one update
text and an on-track mark per audit, no dated entries and no status column), owner
wordings (`Lead:` is kept as printed), and TAB-led lines that begin a new item (every audit
prints its reference in the first column, so a TAB-led line is always a continuation).

The audit with the empty Update cell (YA4) is not the first row of a page: the PDF reader
(ingest/pdf_pages.py, `_is_row_continuation`) takes a page's first row whose cell is empty
where the row above had text, with a paragraph broken at the page end, for the rest of that
row, even when its Ref cell holds a new reference (`YA2 YA3` when it stood first).
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402
import generate_audit_status as gas  # noqa: E402
from docx.shared import Pt  # noqa: E402
from generate import C, Nested, R, T, cell, par  # noqa: E402
from generate_audit_status import Audit  # noqa: E402

DOC_DIR = HERE / "audit-status"
TRUTH_DIR = HERE / "truth"
gen.LO_PROFILE = "file:///tmp/lo-quirks-audit-status"

STEM = "yewdale-audit-status-quirks-2017-03"
ORGANISATION = "YEWDALE POLICE AND CRIME PANEL"  # a panel of its own
FOOTER = "Yewdale Police and Crime Panel – Audit status"
# a narrow title column: LibreOffice breaks `Telecommunications` at its edge
WIDTHS = [1.2, 2.6, 11.4, 2.0]
NESTED_WIDTHS = [3.0, 4.0]
NESTED_ROWS = [["North depot", "30 of 35 vans fitted"], ["South depot", "10 of 25 vans fitted"]]
NESTED_MARK = "@@NESTED@@"
DITTO = "“"


AUDITS = [
    Audit(
        "YA1",
        "Vehicle Fleet\nTelematics",
        "Nov 2015",
        "March – Sept 2017",
        "Supt Kay Lorne",
        "Estates Board",
        "Limited",
        "✓",
        [
            "Trackers are fitted to 40 of 60 vans; progress by depot:",
            NESTED_MARK,
            "The remaining vans are booked in for April.",
        ],
    ),
    Audit(
        "YA2",
        "Telecommunications Masts",
        "Feb 2016",
        "Sept 2016, revised to January 2017. A later date of May 2017 is possible.",
        "DCI Ola Brant",
        "Force Assurance Board",
        "Limited",
        "✗",
        ["Two of the five masts have been taken down.", "The supplier says the work is on track."],
    ),
    Audit(
        "YA3",
        "Payroll Overtime",
        "Aug 2016",
        "Aug 2017",
        "Mr Len Ashe",
        "Finance Board",
        "Limited",
        "✓",
        ["Overtime claims are now approved before payment."],
    ),
    Audit(
        "YA4",
        "Property Store",
        "June 2016",
        "June 2017",
        "Mrs Dee Carr",
        DITTO,  # the audit above's board
        "Limited",
        "✗",
        [],  # no update yet: the text conversion does not write the empty cell
    ),
]

PAPER = gas.Paper(
    STEM, "MARCH 2017", datetime(2017, 3, 6, 9, 0, 0), "2017-03-31", "Chief Finance Officer", AUDITS
)
# the date each `Follow Up:` line means, where the plain generator's reading does not hold
FOLLOW_UP = {"YA2": "January 2017"}


# ---- the writers, pointed at this paper ---------------------------------------------------


def update_cell(audit: Audit) -> C:
    return C([nested() if u == NESTED_MARK else par(u) for u in audit.update])


def status_table(paper: gas.Paper) -> T:
    """The plain generator's status table with a narrow title column and nested slots."""
    header = [
        cell(f"**{h}**", fill=gen.HEADER_FILL)
        for h in ("Ref", "Title/Published/Owner", "Update", "On track")
    ]
    rows = [R(header)]
    for audit in paper.audits:
        rows.append(
            R([cell(audit.ref), gas.status_cell(audit), update_cell(audit), cell(audit.on_track)])
        )
    return T(rows, WIDTHS, size=9)


def nested() -> Nested:
    return Nested([gen.Run(NESTED_MARK)], rows=NESTED_ROWS)


def _nested_runs(paragraph, text: str, size: float | None) -> None:
    paragraph.add_run(text).font.size = Pt(size or 9)


gas.status_table = status_table
gas.ORGANISATION = ORGANISATION
gen.print_nested_tables(NESTED_WIDTHS, _nested_runs)
gas.FOOTER = FOOTER  # read by gas.footer_text


# ---- the text conversion's artefacts ------------------------------------------------------


def _line_of(lines: list[str], ref: str) -> int:
    hits = [i for i, ln in enumerate(lines) if ln.split("\t")[0] == ref]
    assert len(hits) == 1, (ref, hits)
    return hits[0]


def _cut(text: str, marker: str) -> tuple[str, str]:
    """A cell's HTML cut before the paragraph that starts with `marker`."""
    at = text.index(f"<p>{marker}")
    return text[:at].rstrip(), text[at:]


def txt_quirks(lines: list[str]) -> list[str]:
    """Rewrite the plain conversion with the converter artefacts listed in the module
    docstring; each rewrite asserts it found its row."""
    out = list(lines)
    # YA2: a page break in its update; the continuation's empty last cell not written, so
    # it is one cell short and its text the Update cell's (not the last column's)
    i = _line_of(out, "YA2")
    cells = out[i].split("\t")
    head, rest = _cut(cells[2], "The supplier")
    out[i] = "\t".join([cells[0], cells[1], head, cells[3]])
    out[i + 1 : i + 1] = ["", "\t\t" + rest]
    # YA4: its empty Update cell not written (3 cells); a page break in its title cell,
    # continued by a line with all 4 cells; the ditto with stray text glued to it
    i = _line_of(out, "YA4")
    cells = out[i].split("\t")
    assert len(cells) == 4 and cells[2] == "", cells
    head, rest = _cut(cells[1], f"Governance: {DITTO}")
    assert rest.count(f"Governance: {DITTO}</p>") == 1, rest
    rest = rest.replace(f"Governance: {DITTO}</p>", "Governance: “ “ I I</p>")
    out[i] = "\t".join([cells[0], head, cells[3]])
    out[i + 1 : i + 1] = ["", "\t" + rest + "\t\t"]
    # the nested table, as the converter writes it: HTML inside the cell
    text = "\n".join(out)
    placeholder = f"<p>{NESTED_MARK}</p>"
    assert text.count(placeholder) == 1, placeholder
    body = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in NESTED_ROWS)
    return text.replace(placeholder, f"<table>{body}</table>").split("\n")


def write_txt(blocks: list, path: Path) -> None:
    gen.write_txt(PAPER, blocks, path)
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(txt_quirks(lines)), encoding="utf-8")


# ---- truth --------------------------------------------------------------------------------


def audit_truth(audit: Audit, above: Audit | None) -> dict:
    """The plain generator's record, with the title whole, the nested table's rows as the
    readers flatten them (`a | b`), the ditto's value and the follow-up date in force."""
    out = gas.audit_truth(audit)
    out["title"] = " ".join(audit.title.split())
    nested_lines = [f"{a} | {b}" for a, b in NESTED_ROWS]
    lines = [x for u in audit.update for x in (nested_lines if u == NESTED_MARK else [u])]
    out["update"] = "\n".join(lines)
    if audit.governance == DITTO and above is not None:
        out["governance"] = above.governance
    if audit.ref in FOLLOW_UP:
        out["follow_up"] = {**gas.date_value(FOLLOW_UP[audit.ref]), "raw": audit.follow_up}
    return out


def build_truth() -> dict:
    truth = gas.build_truth(PAPER)
    truth["audits"] = [audit_truth(a, AUDITS[k - 1] if k else None) for k, a in enumerate(AUDITS)]
    return truth


def main() -> int:
    DOC_DIR.mkdir(exist_ok=True)
    TRUTH_DIR.mkdir(exist_ok=True)
    blocks = gas.build(PAPER)
    docx = DOC_DIR / f"{STEM}.docx"
    gen.write_docx(PAPER, blocks, docx)
    gen.convert_pdf(docx, PAPER)
    write_txt(blocks, DOC_DIR / f"{STEM}.txt")
    gen.save_truth(TRUTH_DIR, STEM, build_truth())
    print("wrote", STEM)
    return 0


if __name__ == "__main__":
    sys.exit(main())
