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
