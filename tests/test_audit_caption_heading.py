"""An audit's caption or heading is read as its own paragraph and names its audit.

(And a heading at a page's top keeps the paragraph under it: a PDF page-break defect the
appendix histories found, of the same kind.)

Two defects of generic reading seen on LibreOffice PDFs of the layout zoo's series: a caption
`Table 4: <audit> – <opinion> – <date>` long enough that the next line's first word would not
have fitted after it was run into the lead-in sentence under it, and a bold heading into the
bold `Recommendation 4.1: …` caption under it (a page whose body lines are all one-line
paragraphs measures no single-line pitch, so the paragraph gap looked like a line's). Both
were lost as headings and their rows read under the audit before. The cases are drawn from a
seed (caption words, numbers, separators, invented audit names, what follows the heading),
not picked.
"""

from __future__ import annotations

import random
import subprocess
import tempfile
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt
from tooling import require_tool

from jarap.extract.audit_title import match_key
from jarap.extract.generic_heading import is_audit_heading, nearest_heading
from jarap.ingest.document import Paragraph, Run
from jarap.ingest.pdf_layout import PagePara
from jarap.ingest.pdf_pages import pages_to_blocks
from jarap.ingest.pdf_reader import read_pdf

WORDS = ["Table", "TABLE", "Appendix", "Annex", "Annexe", "Schedule", "Figure", "Exhibit"]
NUMBERS = ["4", "12", "IV", "B", "4.2", "No. 3", "3a"]
SEPARATORS = [":", " –", " —", " -", ".", " |", ")"]
AREAS = ["Quarry Leases", "Harbour Dues Collection", "Ferry Ticketing", "Allotment Lettings",
         "Crematorium Bookings", "Street Lighting Contracts", "Kennel Licensing"]  # fmt: skip
RESTS = ["", " – Limited assurance – March 2019", " – report issued Sept 2018",
         " (Reasonable Assurance)", " – 5.12/19"]  # fmt: skip


# characters of a heading line that fills most of an A4 line in 11 pt Arial, so that the next
# line's first word would not have fitted after it (the case where a break proves nothing)
FILLS = (66, 80)


def _captions(seed: int, n: int) -> list[tuple[str, str]]:
    rnd = random.Random(seed)
    return [
        (
            f"{rnd.choice(WORDS)} {rnd.choice(NUMBERS)}{rnd.choice(SEPARATORS)} "
            f"{area}{rnd.choice(RESTS)}",
            area,
        )
        for area in (rnd.choice(AREAS) for _ in range(n))
    ]


@pytest.mark.parametrize("seed", range(6))
def test_a_caption_names_its_audit_whatever_its_word_number_and_separator(seed: int) -> None:
    for caption, area in _captions(seed, 40):
        para = Paragraph(runs=[Run(caption)])
        assert is_audit_heading(para), caption
        heading = nearest_heading([para, Paragraph(runs=[Run("Progress is set out below.")])])
        assert heading is not None and match_key(heading.title) == match_key(area), caption


def _paper(rnd: random.Random, path: Path) -> list[str]:
    """A follow-up of invented audits: each a long heading line, then either a plain lead-in
    sentence or a bold `Recommendation` caption, then a table. Returns the headings."""
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    headings = []
    for k in range(rnd.randint(3, 5)):
        heading = ""
        while not FILLS[0] <= len(heading) <= FILLS[1]:  # one line, nearly full
            heading = (
                f"{rnd.choice(['Table', 'Appendix'])} {k + 1}: {rnd.choice(AREAS)}"
                f"{''.join(rnd.sample(RESTS, 2))}"
            )
        headings.append(heading)
        for text, bold in (
            (heading, True),
            rnd.choice(
                [
                    ("Management have provided the following update on the agreed actions.", False),
                    (f"Recommendation 4.{k + 1}: {rnd.choice(AREAS)} Register", True),
                ]
            ),
        ):
            p = doc.add_paragraph()
            p.paragraph_format.space_after = Pt(8)
            p.add_run(text).bold = bold
        table = doc.add_table(rows=2, cols=2)
        table.style = "Table Grid"
        for row in table.rows:
            for cell in row.cells:
                run = cell.paragraphs[0].add_run(
                    "The Force should record the register checks each month and report them."
                )
                run.font.size = Pt(10)
        doc.add_paragraph().paragraph_format.space_after = Pt(0)
    doc.save(str(path))
    return headings


def test_a_pdf_heading_is_not_run_into_the_line_under_it() -> None:
    require_tool("soffice")
    rnd = random.Random(19)
    with tempfile.TemporaryDirectory(prefix="caption-glue-") as tmp:
        out = Path(tmp)
        papers = {out / f"paper-{i}.docx": _paper(rnd, out / f"paper-{i}.docx") for i in range(4)}
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{out}/profile", "--headless",
             "--convert-to", "pdf", "--outdir", str(out), *map(str, papers)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        for docx, headings in papers.items():
            paras = [
                " ".join(b.text.split())
                for b in read_pdf(docx.with_suffix(".pdf")).blocks
                if isinstance(b, Paragraph)
            ]
            for heading in headings:
                assert heading in paras, (docx.name, heading, paras)


def test_a_heading_at_a_page_top_is_no_continuation_of_the_page_before() -> None:
    """The page step: a one-line heading printed once at the top of a page (kept there with
    its text) is passed over as a margin line; the paragraph under it is the heading's, not
    the rest of the previous page's last paragraph, however full that one's last line."""
    height, full = 842.0, 495.0  # the last line before the break is full

    def para(text: str, top: float, bottom: float, used: float = 100.0) -> PagePara:
        return PagePara(
            Paragraph(runs=[Run(text)]), top, bottom, (used, 11.0, 500.0), (60.0, False)
        )

    pages = [
        ([para("Update April 2014: work continues.", 700, 712, used=full)], height),
        (
            [
                para("Significant Recommendation 3.5:", 57, 69),
                para("The Force should reconcile the access rights.", 80, 104),
            ],
            height,
        ),
    ]
    assert [b.text for b in pages_to_blocks(pages)] == [
        "Update April 2014: work continues.",
        "Significant Recommendation 3.5:",
        "The Force should reconcile the access rights.",
    ]
