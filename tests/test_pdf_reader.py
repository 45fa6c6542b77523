"""The PDF reader on real Word documents exported to PDF (built by fixtures/pdf/make_fixtures.py).

Each fixture holds one thing the papers do that plain text extraction loses: struck-through
targets, shaded ratings, merged cells, rows split across pages, dates wrapped in narrow cells.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jarap.ingest.document import Document, Paragraph, Table
from jarap.ingest.pdf_plumber import raw_page
from jarap.ingest.pdf_reader import BACKENDS, color_to_hex, joins_tight, main, read_page, read_pdf

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"

# The texts written into split_row.pdf (see make_fixtures.UPDATE and CLOSING).
UPDATE = (
    "Update from the owner: the work stream has met and agreed a plan; progress is reported "
    "to the board each month and the evidence pack is being collated for the auditors to "
    "review before closure is proposed to the panel."
)
CLOSING = " ".join(
    f"Closing remark {n}: the panel is asked to note the progress made on every open "
    "recommendation and to agree the closures proposed in this paper."
    for n in range(1, 31)
)


@pytest.fixture(scope="module", params=sorted(BACKENDS))
def backend(request: pytest.FixtureRequest) -> str:
    """Every test of a fixture's Document runs on both backends."""
    return request.param


@pytest.fixture(scope="module")
def formatting(backend: str) -> Document:
    return read_pdf(FIXTURES / "formatting.pdf", backend)


@pytest.fixture(scope="module")
def split_row(backend: str) -> Document:
    return read_pdf(FIXTURES / "split_row.pdf", backend)


@pytest.fixture(scope="module")
def narrow_dates(backend: str) -> Document:
    return read_pdf(FIXTURES / "narrow_dates.pdf", backend)


def all_runs(doc: Document):
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            yield from block.runs
        else:
            for row in block.rows:
                for cell in row.cells:
                    for p in cell.paragraphs:
                        yield from p.runs


# ---------------------------------------------------------------- formatting.pdf


def test_document_shape(formatting: Document) -> None:
    assert formatting.format == "pdf"
    assert formatting.pages == 1
    assert formatting.path.name == "formatting.pdf"
    kinds = [
        (type(b).__name__, b.text if isinstance(b, Paragraph) else len(b.rows))
        for b in formatting.blocks
    ]
    assert kinds == [
        ("Paragraph", "Internal Audit Recommendations Tracker"),
        (
            "Paragraph",
            "This paper reports progress on the open recommendations agreed with the panel.",
        ),
        ("Paragraph", "A second paragraph before the table."),
        ("Table", 3),
        ("Paragraph", "Paragraph after the table."),
    ]
    assert all(p.page == 1 for p in formatting.paragraphs)
    assert all(r.page == 1 and r.page_end == 1 for r in formatting.tables[0].rows)


def test_bold_run_in_body(formatting: Document) -> None:
    runs = formatting.paragraphs[1].runs
    assert [(r.text, r.bold) for r in runs] == [
        ("This paper reports progress on the ", False),
        ("open recommendations", True),
        (" agreed with the panel.", False),
    ]


def test_merged_header_cell_appears_once(formatting: Document) -> None:
    header = formatting.tables[0].rows[0]
    assert [(c.text, c.col_span) for c in header.cells] == [("Audit and Risk", 2), ("Update", 1)]
    assert all(r.bold for c in header.cells for p in c.paragraphs for r in p.runs)
    assert [len(r.cells) for r in formatting.tables[0].rows] == [2, 3, 3]


def test_shaded_cell_without_text(formatting: Document) -> None:
    row = formatting.tables[0].rows[1]
    assert [c.shading for c in row.cells] == [None, "FF0000", None]
    assert row.cells[1].paragraphs == []
    assert all(c.shading is None for r in formatting.tables[0].rows[::2] for c in r.cells)


def test_struck_and_underlined_runs(formatting: Document) -> None:
    update = formatting.tables[0].rows[1].cells[2]
    first, second = update.paragraphs
    assert first.text == "Target date 31/03/2017 revised to 30/09/2017"
    assert first.struck_text == ["31/03/2017"]
    assert [(r.text, r.strike) for r in first.runs] == [
        ("Target date ", False),
        ("31/03/2017", True),
        (" revised to 30/09/2017", False),
    ]
    assert [(r.text, r.underline) for r in second.runs] == [
        ("Owner: ", False),
        ("Head of Fleet", True),
    ]


def test_no_decoration_from_table_borders(formatting: Document) -> None:
    """Cell borders run where underlines would: only the real ones may be marked."""
    runs = list(all_runs(formatting))
    assert [r.text for r in runs if r.strike] == ["31/03/2017"]
    assert [r.text for r in runs if r.underline] == ["Head of Fleet"]


def test_multi_paragraph_cell_with_bullets(formatting: Document) -> None:
    cell = formatting.tables[0].rows[2].cells[2]
    assert [p.text for p in cell.paragraphs] == [
        "Complete",
        "• Evidence received",
        "• Closure proposed",
    ]
    assert cell.paragraphs[0].runs[0].bold


# ---------------------------------------------------------------- split_row.pdf


def test_table_across_pages_is_one_table(split_row: Document) -> None:
    assert split_row.pages == 6
    assert len(split_row.tables) == 1
    table = split_row.tables[0]
    refs = [row.cells[3].text for row in table.rows]
    # the header repeated on pages 2-5 is dropped, the split rows are joined; words broken
    # at the narrow column's edge are whole again
    assert refs == ["Recommendation Reference", "1.1", "2.1", "3.1", "4.1"]
    assert table.rows[0].texts[:3] == ["Audit Title", "Risk", "Threat"]
    assert [(r.page, r.page_end) for r in table.rows] == [(1, 1), (1, 1), (1, 2), (2, 4), (4, 5)]


def test_split_row_is_one_row_with_all_paragraphs(split_row: Document) -> None:
    for row, n in zip(split_row.tables[0].rows[1:], (3, 3, 14, 2), strict=True):
        ref = row.cells[3].text
        update = row.cells[4].paragraphs
        assert [p.text for p in update] == [
            f"Update {i} for {ref}. {UPDATE}" for i in range(1, n + 1)
        ]
    row = split_row.tables[0].rows[2]
    assert row.texts[:4] == ["Payroll", "Medium", "Overpayments", "2.1"]
    assert [p.page for p in row.cells[4].paragraphs] == [1, 1, 2]


def test_paragraph_cut_by_page_break_is_rejoined(split_row: Document) -> None:
    """Row 3.1 breaks on page 3 in the middle of its tenth paragraph."""
    update = split_row.tables[0].rows[3].cells[4].paragraphs
    assert update[9].text == f"Update 10 for 3.1. {UPDATE}"
    assert update[9].page == 3
    assert update[10].page == 4


def test_headers_and_footers_are_kept_in_order(split_row: Document) -> None:
    texts = [(b.page, b.text) if isinstance(b, Paragraph) else "TABLE" for b in split_row.blocks]
    assert texts[:4] == [
        (1, "OFFICIAL"),
        (1, "Recommendations tracker: rows continue across pages."),
        "TABLE",
        (1, "Audit Panel fixture footer"),
    ]
    assert texts[-6:] == [
        (5, "OFFICIAL"),
        (5, "End of tracker."),
        (5, CLOSING),
        (5, "Audit Panel fixture footer"),
        (6, "OFFICIAL"),
        (6, "Audit Panel fixture footer"),
    ]
    assert [t for t in texts if t != "TABLE" and t[1] == "OFFICIAL"] == [
        (n, "OFFICIAL") for n in range(1, 7)
    ]


def test_body_paragraph_runs_on_over_page_break(split_row: Document) -> None:
    """The closing paragraph starts on page 5 and ends on page 6: it is one paragraph."""
    closing = [p for p in split_row.paragraphs if p.text.startswith("Closing remark 1:")]
    assert len(closing) == 1
    assert closing[0].text == CLOSING
    assert closing[0].page == 5


# ---------------------------------------------------------------- narrow_dates.pdf


def test_new_row_at_the_top_of_a_page_is_not_a_continuation(backend: str) -> None:
    """A page that begins with a new row (its Theme cell empty under a row that printed one,
    a new reference) is not the rest of the row above, even when a cell of that row filled
    its last line: only text that filled its cell to the bottom runs on."""
    doc = read_pdf(FIXTURES / "new_row_at_page_top.pdf", backend)
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    rows = tables[0].rows[1:]
    pages = {row.page for row in rows}
    assert len(pages) > 4  # the table runs over several pages
    refs = [row.cells[1].text for row in rows]
    assert refs == [f"{i // 6 + 1}.{i % 6 + 1}" for i in range(40)]
    # one of those page breaks falls right after a row that printed its Theme
    page_tops = [i for i in range(1, 40) if rows[i].page != rows[i - 1].page]
    assert any(i % 2 == 1 for i in page_tops), page_tops


def test_wrapped_dates_are_rejoined(narrow_dates: Document) -> None:
    table = narrow_dates.tables[0]
    assert [row.texts for row in table.rows] == [
        ["Ref", "Target", "Comment"],
        ["1.1", "31/03/2017", "On track"],
        ["1.2", "30/09/2018", "Well-established process"],
    ]
    assert [p.text for p in narrow_dates.paragraphs] == ["Targets in a narrow column.", "After."]
    assert isinstance(narrow_dates.blocks[1], Table)


@pytest.mark.parametrize(
    ("before", "after", "tight"),
    [
        ("due 31/03/201", "7 agreed", True),
        ("31/03/20", "17", True),
        ("31/03", "/2017", True),
        ("(31/03/201", "7)", True),
        ("31/03/2017", "2018", False),
        ("by 31/03/20", "2017", False),
        ("2.1", "7 actions", False),
        ("Well-", "established", True),
        ("2019-", "20", True),
        ("Fleet -", "Update", False),
    ],
)
def testjoins_tight(before: str, after: str, tight: bool) -> None:
    assert joins_tight(before, after) is tight


# ---------------------------------------------------------------- Word's way of drawing


class WordLikePage:
    """Just enough of a pdfplumber page to hold what Word's own PDF export draws.

    Word (unlike LibreOffice) fills thin rectangles for strike-through and underline, and
    its fonts give pdfminer a real descent, so the char box reaches below the baseline.
    """

    height = 792.0

    def __init__(self, chars, rects) -> None:
        self.chars, self.rects = chars, rects
        self.lines: list = []
        self.curves: list = []
        self.curve_edges: list = []


def word_chars(text: str, x: float, baseline: float, size: float = 10.0, font: str = "Calibri"):
    """Chars as pdfminer reports them for a font whose descent is 0.25 of its size."""
    out = []
    for ch in text:
        w = 0.5 * size
        y_origin = WordLikePage.height - baseline
        out.append(
            {
                "text": ch,
                "x0": x,
                "x1": x + w,
                "width": w,
                "top": baseline - 0.75 * size,
                "bottom": baseline + 0.25 * size,
                "y0": y_origin - 0.25 * size,
                "size": size,
                "fontname": f"ABCDEF+{font}",
                "upright": True,
                "matrix": (1, 0, 0, 1, x, y_origin),
            }
        )
        x += w
    return out


def fill_rect(x0: float, x1: float, y: float, h: float = 0.6) -> dict:
    top, bottom = y - h / 2, y + h / 2
    return {
        "object_type": "rect",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "y0": WordLikePage.height - bottom,
        "y1": WordLikePage.height - top,
        "width": x1 - x0,
        "height": h,
        "fill": True,
        "stroke": False,
        "non_stroking_color": (0, 0, 0),
    }


def test_word_style_filled_rect_decorations() -> None:
    # "Old " plain, "31/03/2017" struck, " new " plain, "Owner" underlined and bold
    chars = word_chars("Old 31/03/2017 new ", 72, 100)
    struck_x0, struck_x1 = chars[4]["x0"], chars[13]["x1"]
    owner = word_chars("Owner", chars[-1]["x1"], 100, font="Calibri-Bold")
    rects = [
        fill_rect(struck_x0, struck_x1, 100 - 0.26 * 10),  # Word: strike ~0.26 em up
        fill_rect(owner[0]["x0"], owner[-1]["x1"], 100 + 0.1 * 10),  # underline ~0.1 em down
    ]
    (block,) = read_page(raw_page(WordLikePage(chars + owner, rects)), 7)
    assert block.para.page == 7
    assert [(r.text, r.bold, r.underline, r.strike) for r in block.para.runs] == [
        ("Old ", False, False, False),
        ("31/03/2017", False, False, True),
        (" new ", False, False, False),
        ("Owner", True, True, False),
    ]


# ---------------------------------------------------------------- colours, bad input, CLI


@pytest.mark.parametrize(
    ("color", "hexed"),
    [
        ((1.0, 0.0, 0.0), "FF0000"),
        ([1, 0.7529, 0], "FFC000"),
        ((0.5,), "808080"),
        (0, "000000"),
        ((0.0, 1.0, 1.0, 0.0), "FF0000"),
        ((0, 0, 0, 1), "000000"),
        (None, None),
        ("P0", None),
    ],
)
def test_color_to_hex(color, hexed) -> None:
    assert color_to_hex(color) == hexed


def test_not_a_pdf_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "minutes.pdf"
    bad.write_text("Minutes of the audit panel\n")
    with pytest.raises(ValueError, match=r"minutes\.pdf.*not a PDF"):
        read_pdf(bad)


def test_truncated_pdf_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes((FIXTURES / "formatting.pdf").read_bytes()[:3000])
    with pytest.raises(ValueError, match=r"truncated\.pdf"):
        read_pdf(bad)


def test_encrypted_pdf_names_the_file() -> None:
    with pytest.raises(ValueError, match=r"encrypted\.pdf.*encrypted"):
        read_pdf(FIXTURES / "encrypted.pdf")


def test_main_prints_blocks_and_timing(capsys: pytest.CaptureFixture[str]) -> None:
    main([str(FIXTURES / "narrow_dates.pdf"), "1"])
    out = capsys.readouterr().out
    assert "<Table p1 3 rows>" in out
    assert "31/03/2017" in out
    assert "pages/s" in out
