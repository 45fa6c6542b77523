"""A spec's options are checked when the registry loads: an unknown value, or an option the
spec's pipeline does not read, refuses the registry instead of being silently ignored."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from jarap.extract import block_tracker, table_tracker
from jarap.extract.layouts import LAYOUTS, check_registry, follow_up, tracker_2020
from jarap.extract.layouts.spec import check_spec
from jarap.extract.options import LayoutOptions
from jarap.extract.vocab import Status, status_word
from jarap.ingest import read_document


def test_every_registered_spec_sets_only_options_its_pipeline_reads() -> None:
    assert all(check_spec(spec) == [] for spec in LAYOUTS)
    assert any(spec.options.set_options() for spec in LAYOUTS)


@pytest.mark.parametrize(
    ("spec", "options", "why"),
    [
        # the block pipeline prints no cover tables of this kind
        (tracker_2020.SPEC, LayoutOptions(cover_tables=frozenset({"targets"})), "not read"),
        # the block pipeline reads no status from a fill colour
        (tracker_2020.SPEC, LayoutOptions(status_from_colour=True), "not read"),
        # the table pipeline prints no status lines
        (follow_up.SPEC, LayoutOptions(status_lines="status column"), "not read"),
        (follow_up.SPEC, LayoutOptions(cover_tables=frozenset({"counts"})), "unknown cover"),
        (tracker_2020.SPEC, LayoutOptions(status_lines="colour"), "unknown status vocabulary"),
    ],
)
def test_an_option_a_pipeline_would_ignore_refuses_the_registry(
    spec: object, options: LayoutOptions, why: str
) -> None:
    bad = dataclasses.replace(spec, options=options)  # type: ignore[type-var]
    assert any(why in problem for problem in check_spec(bad))
    with pytest.raises(ValueError, match=why):
        check_registry([*LAYOUTS, bad])


def test_pipelines_declare_the_options_they_read() -> None:
    assert block_tracker.parse.options_read >= {"status_lines", "yearless_update_dates"}
    assert table_tracker.parse.options_read >= {"cover_tables", "yearless_update_dates"}


def test_completed_means_what_its_vocabulary_says() -> None:
    """`Completed` in a status column is closed; `COMPLETED` on a line of its own under a
    panel tracker's recommendation is proposed closed (closure is the panel's to agree)."""
    assert status_word("Completed") == Status.CLOSED
    assert status_word("COMPLETED", "status line") == Status.PROPOSED_CLOSED
    assert status_word("Completed", "status line") is None  # a word in prose is not a line
    assert tracker_2020.SPEC.options.status_lines == "status line"


def test_a_spec_names_the_vocabulary_of_its_status_column() -> None:
    """The same `Implemented` cell: closed by the default vocabulary, proposed closed where
    the spec names `status column, closure to agree` (the panel agrees closure)."""
    paper = (
        Path(__file__).parent.parent / "samples" / "follow-up" / "haldenmoor-follow-up-2024-06.docx"
    )
    doc = read_document(paper)
    agree = dataclasses.replace(
        follow_up.SPEC,
        options=dataclasses.replace(
            follow_up.SPEC.options, status_column="status column, closure to agree"
        ),
    )
    assert check_spec(agree) == []
    as_printed = {r.status_as_printed: r.status for r in follow_up.SPEC.read(doc).recommendations}
    agreed = {r.status_as_printed: r.status for r in agree.read(doc).recommendations}
    assert as_printed["Implemented"] == Status.CLOSED
    assert agreed["Implemented"] == Status.PROPOSED_CLOSED
    assert {k: v for k, v in agreed.items() if k != "Implemented"} == {
        k: v for k, v in as_printed.items() if k != "Implemented"
    }


def _shade(cell, fill: str) -> None:  # noqa: ANN001
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


KEY = {"0070C0": "Complete", "00B050": "On track", "FFC000": "Delayed", "FF0000": "Overdue"}
MEANS = {"0070C0": Status.CLOSED, "00B050": Status.OPEN, "FFC000": Status.OPEN,
         "FF0000": Status.OPEN}  # fmt: skip


def test_a_status_printed_only_as_a_colour_is_read_through_the_papers_key(tmp_path: Path) -> None:
    """Status cells filled blue / green / amber / red with no words, and a key table: read
    where the spec sets `status_from_colour`; a status printed in words still wins."""
    doc = DocxDocument()
    doc.add_paragraph("Key to status colours")
    key = doc.add_table(rows=1, cols=2 * len(KEY))
    for k, (fill, words) in enumerate(KEY.items()):
        _shade(key.cell(0, 2 * k), fill)
        key.cell(0, 2 * k + 1).text = words
    doc.add_paragraph("Payroll Controls – report issued March 2023 – Limited Assurance")
    head = ("Ref", "Recommendation", "Priority", "Responsible officer", "Target date", "Status",
            "Update")  # fmt: skip
    fills = [*KEY, "FF0000"]
    table = doc.add_table(rows=1 + len(fills), cols=len(head))
    for j, text in enumerate(head):
        table.cell(0, j).text = text
    for i, fill in enumerate(fills, 1):
        texts = (str(i), f"Reconcile the payroll to the ledger, part {i}.", "High",
                 "Priya Nandra", "31/03/2024", "Implemented" if i == len(fills) else "",
                 "Work continues.")  # fmt: skip
        for j, text in enumerate(texts):
            table.cell(i, j).text = text
        _shade(table.cell(i, 5), fill)
    path = tmp_path / "colour-status.docx"
    doc.save(str(path))
    paper = read_document(path)
    coloured = dataclasses.replace(
        follow_up.SPEC,
        options=dataclasses.replace(follow_up.SPEC.options, status_from_colour=True),
    )
    assert check_spec(coloured) == []
    got = [r.status for r in coloured.read(paper).recommendations]
    assert got == [*(MEANS[f] for f in KEY), Status.CLOSED]  # the last prints Implemented
    recs = coloured.read(paper).recommendations
    assert recs[0].provenance["status"].text == "fill 0070C0"
    plain = [r.status for r in follow_up.SPEC.read(paper).recommendations]
    assert plain == [Status.OPEN] * len(KEY) + [Status.CLOSED]
