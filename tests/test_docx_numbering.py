"""Word's automatic list numbers are printed on the page but absent from the text: the Word
reader puts them back, so a numbered list of recommendations keeps its references."""

from __future__ import annotations

from pathlib import Path

import docx

from jarap.convert import convert
from jarap.ingest import read_document


def test_automatic_list_numbers_are_read_as_printed(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph("Fleet Fuel Cards")
    for text in ("Reconcile card statements", "Cancel cards of leavers", "Set card limits"):
        word.add_paragraph(text, style="List Number")
    word.add_paragraph("A bullet keeps its text", style="List Bullet")
    path = tmp_path / "numbered.docx"
    word.save(str(path))
    texts = [p.text for p in read_document(path).paragraphs]
    assert texts == [
        "Fleet Fuel Cards",
        "1. Reconcile card statements",
        "2. Cancel cards of leavers",
        "3. Set card limits",
        "A bullet keeps its text",
    ]


def test_a_numbered_list_of_labelled_blocks_keeps_its_references(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph().add_run(
        "Licensing Fees – Limited assurance – report issued May 2023"
    ).bold = True
    for title, officer in (("Check licence renewals", "Ava Linn"), ("Publish the fees", "Ben Ode")):
        word.add_paragraph(style="List Number").add_run(title).bold = True
        word.add_paragraph(f"Agreed action: {title} every quarter.")
        word.add_paragraph(f"Responsible officer: {officer}")
        word.add_paragraph("Target date: 30 September 2023")
    path = tmp_path / "blocks.docx"
    word.save(str(path))
    result = convert(path)
    assert result.reading == "generic" and result.paper is not None
    recs = result.paper.recommendations
    assert [(r.ref, r.title, r.audit_title) for r in recs] == [
        ("1", "Check licence renewals", "Licensing Fees"),
        ("2", "Publish the fees", "Licensing Fees"),
    ]
