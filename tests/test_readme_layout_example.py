"""The README's "How to add a layout" example is real: its code block builds a spec that
claims a paper of its layout (and no built-in spec does) and reads its recommendations."""

from __future__ import annotations

import re
from pathlib import Path

from jarap.convert import Status, convert_document
from jarap.extract.layouts import LAYOUTS
from jarap.ingest.document import Cell, Document, Row, Table, paragraph

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(
    r"<!-- example:layout:start -->\n```python\n(.*?)```\n<!-- example:layout:end -->", re.S
)


def _example_spec():  # noqa: ANN202 - whatever the README defines
    match = BLOCK.search(README.read_text(encoding="utf-8"))
    assert match, "README.md has no example:layout block"
    namespace: dict = {}
    exec(compile(match.group(1), "README.md example", "exec"), namespace)  # noqa: S102
    return namespace["SPEC"]


def _cells(*texts: str) -> Row:
    return Row(cells=[Cell([paragraph(line) for line in t.split("\n") if line]) for t in texts])


def _follow_up_paper() -> Document:
    header = _cells("Audit", "Rating", "Ref", "Progress")
    rows = [
        _cells(
            "PAYROLL\nLIMITED ASSURANCE March 2024",
            "High",
            "1. Overtime approval",
            "Recommendation: Overtime should be approved before it is worked.\n"
            "Responsible Officer: Insp Jo Baxter\n"
            "Target Date: June 2024 revised to December 2024\n"
            "Update October 2024: The new form is live in two of five areas.",
        ),
        _cells(
            "",
            "Medium",
            "2. Allowance review",
            "Recommendation: Allowances should be reviewed every year.\n"
            "Responsible Officer: Mrs Ada Quist\n"
            "Target Date: March 2025\n"
            "Update October 2024: The first review is under way. PROPOSED CLOSED",
        ),
    ]
    blocks = [
        paragraph("Internal Audit Follow-up Report"),
        paragraph("Date: 14 November 2024"),
        Table(rows=[header, *rows]),
    ]
    return Document(Path("county-follow-up.docx"), "docx", blocks).assign_locators()


def test_readme_layout_example_claims_and_reads_its_paper() -> None:
    spec = _example_spec()
    doc = _follow_up_paper()
    alone = convert_document(doc)  # the built-in specs do not claim it
    assert alone.layout is None and alone.status is Status.PARTIAL
    assert alone.reading == "none"  # nor does generic reading find a recommendation column
    conversion = convert_document(doc, [*LAYOUTS, spec])
    assert conversion.layout is not None and conversion.layout.name == "county-follow-up"
    paper = conversion.paper
    assert paper is not None and paper.paper_date.date.isoformat() == "2024-11-14"
    overtime, allowance = paper.recommendations
    assert (overtime.audit_title, overtime.assurance) == ("PAYROLL", "LIMITED ASSURANCE")
    assert (overtime.ref, overtime.title, overtime.priority) == ("1", "Overtime approval", "High")
    assert overtime.owners == ["Insp Jo Baxter"]
    assert [t.value.date.isoformat() for t in overtime.targets] == ["2024-06-30", "2024-12-31"]
    assert overtime.current_target.date.isoformat() == "2024-12-31"
    assert [u.date.date.isoformat() for u in overtime.updates] == ["2024-10-31"]
    assert allowance.audit_title == "PAYROLL"  # an empty Audit cell: the audit above
    assert (allowance.priority, allowance.status) == ("Medium", "proposed_closed")
    assert allowance.provenance["status"].block == "#/blocks/2/rows/2/cells/3/paragraphs/3"
