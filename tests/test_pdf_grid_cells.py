"""The grid finder's own `_intersections_to_cells` (written for speed) finds exactly the
cells pdfplumber's `intersections_to_cells` finds, in the same order, on every ruled page
of every sample and fixture PDF."""

from __future__ import annotations

from pathlib import Path

from pdfplumber.table import edges_to_intersections, intersections_to_cells, merge_edges
from pdfplumber.utils import filter_edges

from jarap.ingest import pdf_grid
from jarap.ingest.pdf_pdfium import raw_pages

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
UNREADABLE = {"encrypted.pdf", "no_text_layer.pdf"}
PDFS = sorted((ROOT / "samples").rglob("*.pdf")) + [
    p for p in sorted(FIXTURES.glob("*.pdf")) if p.name not in UNREADABLE
]


def _intersections(edges: list[dict]) -> dict:
    """What `find_grids` hands the cell finder, step for step."""
    merged = merge_edges(edges, pdf_grid.SNAP, pdf_grid.SNAP, pdf_grid.JOIN, pdf_grid.JOIN)
    merged = filter_edges(merged, min_length=pdf_grid.EDGE_MIN_LENGTH)
    return edges_to_intersections(merged, pdf_grid.INTERSECT, pdf_grid.INTERSECT)


def test_grid_cells_are_pdfplumbers_on_every_ruled_sample_page() -> None:
    assert len(PDFS) >= 12, PDFS
    ruled = cells = 0
    for path in PDFS:
        for page in raw_pages(path):
            intersections = _intersections(page.edges)
            expected = intersections_to_cells(intersections)
            assert pdf_grid._intersections_to_cells(intersections) == expected, path.name
            ruled += bool(expected)
            cells += len(expected)
    assert ruled >= 30 and cells >= 1000, (ruled, cells)  # the comparison saw real tables


def test_a_grid_takes_the_chars_its_cells_hold_char_by_char_on_every_ruled_sample_page() -> None:
    """`GridTable.take` places a page's chars in one loop (the row found once per line); it
    must put each char where `cell_of` puts it, one char at a time, and leave the rest."""
    from operator import itemgetter

    placed = 0
    for path in PDFS:
        for page in raw_pages(path):
            chars = sorted(page.chars, key=itemgetter("top"))
            fast, slow = pdf_grid.find_grids(page.edges), pdf_grid.find_grids(page.edges)
            rest = chars
            for grid in fast:
                rest = grid.take(rest)
            slow_rest = []
            for c in chars:
                x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
                for grid in slow:
                    found = grid.cell_of(x, y)
                    if found is not None:
                        found[0].chars[found[1]].append(c)
                        break
                else:
                    slow_rest.append(c)
            assert rest == slow_rest, path.name
            for a, b in zip(fast, slow, strict=True):
                assert a.chars == b.chars, path.name
                assert [n.chars for n in a.nested] == [n.chars for n in b.nested], path.name
                placed += sum(map(len, a.chars))
    assert placed > 10_000  # the comparison saw real tables
