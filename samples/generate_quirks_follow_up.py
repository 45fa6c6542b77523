"""The follow-up layout's "quirks" paper: every issue-8 pattern that applies to other
auditors' follow-up tables, in one synthetic paper, with ground truth.

Run:  .venv/bin/python samples/generate_quirks_follow_up.py

It reuses samples/generate_follow_up.py's data classes, cover, tables and truth (and through
it the shared writers in samples/generate.py), pointed at the quirks paper, and writes

    samples/follow-up-quirks/brackwater-follow-up-quirks-2024-06.docx / .pdf / .txt
    samples/truth/brackwater-follow-up-quirks-2024-06.json

The paper prints a panel of its own (Brackwater), so it is no part of the Haldenmoor series;
it has a folder of its own because tests/test_follow_up.py reads `follow-up/` as the two
Haldenmoor wordings. Its tables have a `Theme` column before the reference, printed on an
audit's first row only, so most rows of the text conversion are TAB-led lines.

The patterns, each read by a named test in tests/test_quirks_follow_up.py:

- every format: a recommendation broken by a manual line break inside its first sentence
  (the title); a narrow Status column, so the PDF breaks its words at the cell edge; a table
  nested in an update cell; update headings without a colon, alone on a line, `Update Jan
  24:`, `Update March/April 2024:`, year-less ones (`Update February:` between Jan 2024 and
  the paper: dated; `Update May:` with two years and more open: undated, kept as printed);
  owners `Name – Role and Name2 – Role2`, a rank and department acronym (`ACO HR Sam Reid`),
  a ditto mark in the Owner column (the row above's owners), a name in the update prose (no
  owner); targets as a range (`April – June 2024`), a date before the word (`March 2024
  target`), a `revised to` chain that stops at the end of its sentence; a status cell whose
  last signal wins (`Partly implemented (Jan 24) Implemented (May 24)`), `superseded` after
  another status word, and an update that says "implemented" under a status column that
  says otherwise (the column decides).
- the text conversion only (rewritten by `txt_quirks`, each edit asserting it found its
  row): a row whose empty Revised Date cell was not written (8 cells under 9); a continuation
  of that short row with all 9 cells (it belongs to it, not to the older 9-cell row); a
  TAB-led line straight after that continuation and one after a blank line, each beginning a
  new item (a bare reference, then the action); a continuation one cell short; a ditto mark
  with stray text glued to it (`“ “ I I`).

Each audit's table starts on a page of its own: the PDF reader (ingest/pdf_pages.py,
`_is_row_continuation`) takes a page's first row for the rest of the row above when a cell
that had text there is empty (here the Theme cell) and some cell's text broke inside a
paragraph, so row 2.2 at the top of a page was merged into 2.1 (`2.1 2.2`). A row whose
reference cell holds a new reference is no continuation; that reader fix is not made here.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402
import generate_follow_up as gfu  # noqa: E402
from docx.shared import Pt  # noqa: E402
from generate import C, Nested, NewSection, P, par  # noqa: E402
from generate_follow_up import Action, Audit  # noqa: E402

DOC_DIR = HERE / "follow-up-quirks"
TRUTH_DIR = HERE / "truth"
gen.LO_PROFILE = "file:///tmp/lo-quirks-follow-up"

STEM = "brackwater-follow-up-quirks-2024-06"
# a panel of its own: not part of the Haldenmoor series
ORGANISATION = "BRACKWATER FIRE AND RESCUE AUTHORITY AUDIT AND GOVERNANCE COMMITTEE"
FOOTER = "Brackwater Audit and Governance Committee – Follow-up"
NESTED_WIDTHS = [2.4, 4.0]
DITTO = "“"


@dataclass
class QAction(Action):
    """An action with the quirks paper's extra columns and its truth where the plain
    generator's rules (every date of the revised column, one status word) do not hold."""

    theme: str = ""
    history: list[str] | None = None  # the targets, raw (date_value reads them)
    truth_owners: list[str] | None = None  # a ditto: the owners of the row above


NESTED_ROWS = [["North depot", "12 of 20 vans serviced"], ["South depot", "8 of 20 vans serviced"]]
NESTED_MARK = "@@NESTED@@"

# printed statuses of this paper and what they mean (the plain generator's table, extended)
gfu.STATUS_OF.update(
    {
        "Partly implemented (Jan 24) Implemented (May 24)": "closed",
        "Not implemented – Superseded by the new ICT strategy": "superseded",
    }
)

FLEET = Audit(
    "Fleet Maintenance",
    "October 2023",
    "Limited Assurance",
    [
        QAction(
            "1.1",
            "Vehicle defects must be logged on the day they\nare found. The log should be "
            "reviewed weekly.",
            "1 (High)",
            "Dan Price – Fleet Manager and Mia Holt – Workshop Supervisor",
            ["Dan Price", "Mia Holt"],
            "31 December 2023",
            "April – June 2024",
            "Partly implemented (Jan 24) Implemented (May 24)",
            [
                "Update Jan 24: Defect logging is live on the workshop tablets.",
                "Update March/April 2024: Weekly reviews of the log have started.",
            ],
            ["January 2024", "April 2024"],
            theme="Vehicles",
            history=["31 December 2023", "June 2024"],
        ),
        QAction(
            "1.2",
            "Driver appraisals should include a licence check.",
            "Priority 2",
            "ACO HR Sam Reid",
            ["ACO HR Sam Reid"],
            "30 April 2024",
            "",  # printed empty: the text conversion does not write the cell
            "In progress",
            [
                "UPDATE May 2024 – the new appraisal form is with the unions; Kate Moss is "
                "consulting staff.",
                "The check is implemented at two of five depots.",
            ],
            ["May 2024"],
            history=["30 April 2024"],
        ),
        QAction(
            "1.3",
            "Vans overdue for a service should be taken off the road.",
            "P3",
            DITTO,
            [],
            "March 2024 target",
            "31 May 2024, revised to 30 June 2024. September 2024 is possible if parts are late.",
            "Ongoing",
            [
                "Update April 2024: Parts are on order; progress by depot:",
                NESTED_MARK,
                "Update May 2024: The North depot has finished.",
            ],
            ["April 2024", "May 2024"],
            history=["March 2024", "31 May 2024", "30 June 2024"],
            truth_owners=["ACO HR Sam Reid"],
        ),
    ],
)

SECURITY = Audit(
    "Information Security",
    "March 2022",
    "Reasonable Assurance",
    [
        QAction(
            "2.1",
            "Removable media should be encrypted.",
            "High",
            "Head of ICT – Lena Fairburn",
            ["Lena Fairburn"],
            "30 September 2022",
            "Mar 2023; revised Dec 2023",
            "Not implemented – Superseded by the new ICT strategy",
            ["Update October 2023", "The ICT strategy approved in September replaces this action."],
            ["October 2023"],
            theme="ICT",
        ),
        QAction(
            "2.2",
            "Staff should be tested with simulated phishing emails.",
            "Priority 2",
            "Lena Fairburn / Omar Shah",
            ["Lena Fairburn", "Omar Shah"],
            "31 March 2023",
            "-",
            "In progress",
            ["Update May: Phishing tests ran in every department."],  # 2022, 2023, 2024 fit
            [],
        ),
        QAction(
            "2.3",
            "Backups should be restored in a test each quarter.",
            "P3",
            DITTO,
            [],
            "30 June 2023",
            "31 March 2024",
            "Implemented",
            [
                "Update Jan 24: Backups are restored in a test each quarter.",
                "Update February: The restore test passed.",  # only 2024 fits
            ],
            ["January 2024", "February 2024"],
            truth_owners=["Lena Fairburn", "Omar Shah"],
        ),
    ],
)

PAPER = gfu.Paper(
    stem=STEM,
    month="June 2024",
    doc_date=datetime(2024, 6, 3, 9, 0, 0),
    paper_date="2024-06-30",
    auditor="Brackwater Internal Audit",
    author="Brackwater Internal Audit – Nia Rowe",
    columns=[
        ("Theme", "theme"),
        ("Ref", "ref"),
        ("Recommendation", "text"),
        ("Priority", "priority"),
        ("Responsible Officer", "owner"),
        ("Original Date", "original"),
        ("Revised Date", "revised"),
        ("Status", "status"),
        ("Update", "updates"),
    ],
    # a narrow Status column: LibreOffice breaks its longer words at the cell edge
    widths=[1.8, 1.1, 5.0, 1.9, 3.6, 2.3, 3.0, 1.6, 6.4],
    heading="{title} – report issued {date} – {assurance}",
    audits=[FLEET, SECURITY],
)


# ---- the writers, pointed at this paper ---------------------------------------------------


def action_cell(action: QAction, attr: str) -> C:
    """The plain generator's cells, with the nested table's slot in the update cell."""
    if attr == "updates":
        return C([nested() if u == NESTED_MARK else par(u) for u in action.updates])
    return _action_cell(action, attr)


def nested() -> Nested:
    return Nested([gen.Run(NESTED_MARK)], rows=NESTED_ROWS)


def _nested_runs(paragraph, text: str, size: float | None) -> None:
    paragraph.add_run(text).font.size = Pt(size or 9)


_action_cell = gfu.action_cell
gfu.action_cell = action_cell
gfu.ORGANISATION = ORGANISATION
gen.print_nested_tables(NESTED_WIDTHS, _nested_runs)
gen.FOOTER = FOOTER


# ---- the text conversion's artefacts ------------------------------------------------------


def _line_of(lines: list[str], ref: str) -> int:
    hits = [i for i, ln in enumerate(lines) if ln.split("\t")[1:2] == [ref]]
    assert len(hits) == 1, (ref, hits)
    return hits[0]


def _cut_update(cells: list[str], marker: str) -> tuple[str, str]:
    """The update cell (last) cut before the paragraph that starts with `marker`."""
    update = cells[-1]
    cut = update.index(f"<p>{marker}")
    return update[:cut].rstrip(), update[cut:]


def txt_quirks(lines: list[str]) -> list[str]:
    """Rewrite the plain conversion with the converter artefacts listed in the module
    docstring; each rewrite asserts it found its row."""
    out = list(lines)
    width = len(PAPER.columns)
    # 1.2: its empty Revised Date cell not written (8 cells under 9); a page break in its
    # update cell, continued by a line with all 9 cells
    i = _line_of(out, "1.2")
    cells = out[i].split("\t")
    assert cells[6] == "" and cells[0] == "", cells
    head, rest = _cut_update(cells, "The check is")
    out[i] = "\t".join([*cells[:6], *cells[7:-1], head])
    out[i + 1 : i + 1] = ["", "\t" * (width - 1) + rest]
    # 1.3: a TAB-led line straight after that continuation, beginning a new item
    i = _line_of(out, "1.3")
    assert out[i - 1].startswith("\t" * (width - 1)) and out[i].startswith("\t"), out[i - 1]
    # 2.1: a page break in its update cell; the continuation lost an empty leading cell
    i = _line_of(out, "2.1")
    cells = out[i].split("\t")
    head, rest = _cut_update(cells, "The ICT strategy")
    out[i] = "\t".join([*cells[:-1], head])
    out[i + 1 : i + 1] = ["", "\t" * (width - 2) + rest]
    # 2.2: a TAB-led line after a blank line (a page break between rows), beginning an item
    i = _line_of(out, "2.2")
    assert out[i].startswith("\t"), out[i]
    out[i:i] = [""]
    # 2.3: the ditto mark with stray cell text glued to it
    i = _line_of(out, "2.3")
    cells = out[i].split("\t")
    assert cells[4] == DITTO, cells[4]
    cells[4] = "“ “ I I"
    out[i] = "\t".join(cells)
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


def action_truth(audit: Audit, action: QAction) -> dict:
    """The plain generator's record, with this paper's title, owners and targets."""
    out = gfu.action_truth(audit, action)
    out["title"] = " ".join(gfu.title_of(action).split())
    if action.truth_owners is not None:
        out["owners"] = action.truth_owners
    if action.history is not None:
        history = [gen.date_value(r) for r in action.history]
        out["target_history"] = history
        out["original_target"] = history[0]
        out["current_target"] = history[-1]
    return out


def build_truth() -> dict:
    truth = gfu.build_truth(PAPER)
    truth["recommendations"] = [action_truth(a, x) for a, x in gfu.actions_of(PAPER)]
    return truth


def main() -> int:
    DOC_DIR.mkdir(exist_ok=True)
    TRUTH_DIR.mkdir(exist_ok=True)
    blocks = gfu.build(PAPER)
    # each audit on a page of its own (see the module docstring on the PDF reader)
    second = gfu.heading(PAPER, 2, SECURITY)
    at = next(i for i, b in enumerate(blocks) if isinstance(b, P) and second in gen.plain_text([b]))
    blocks.insert(at, NewSection(landscape=True))
    docx = DOC_DIR / f"{STEM}.docx"
    gen.write_docx(PAPER, blocks, docx)
    gen.convert_pdf(docx, PAPER)
    write_txt(blocks, DOC_DIR / f"{STEM}.txt")
    gen.save_truth(TRUTH_DIR, STEM, build_truth())
    print("wrote", STEM)
    return 0


if __name__ == "__main__":
    sys.exit(main())
