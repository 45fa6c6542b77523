"""Line pitch learnt per document (`pdf_layout.read_pages`): a page whose paragraphs of a
size are all one line long (a browser sets each paragraph as a box with margins) measures
only the gap between paragraphs, and its widest line looks like a full one; it falls back
to the pitch the document's other pages teach.

Generated, not hand-picked: font size, line spacing, paragraph spacing, margins and the
words vary by seed; every generated document must read its one-line paragraphs apart,
and the page that wraps must keep its wrapped paragraph whole."""

from __future__ import annotations

import random
from typing import Any

import pytest

from jarap.ingest.pdf_layout import PagePara, read_page, read_pages
from jarap.ingest.pdf_raw import RawPage

WORDS = "audit review owner target update budget payroll fleet access record policy".split()


def _line(words: list[str], x0: float, baseline: float, size: float) -> list[dict[str, Any]]:
    """Glyphs of one line, half a size wide each, one space glyph between words."""
    chars, x = [], x0
    for i, word in enumerate(words):
        for ch in (" " if i else "") + word:
            w = 0.5 * size if ch != " " else 0.25 * size
            chars.append(
                {"text": ch, "x0": x, "x1": x + w, "top": baseline - 0.9 * size,
                 "bottom": baseline + 0.2 * size, "size": size, "bold": False,
                 "upright": True, "baseline": baseline}
            )  # fmt: skip
            x += w
    return chars


def _page(lines: list[list[dict[str, Any]]]) -> RawPage:
    chars = [c for line in lines for c in line]
    return RawPage(height=842.0, chars=chars, strokes=[], edges=[], fills=[])


def _document(seed: int) -> tuple[list[RawPage], int]:
    """Page 1: a paragraph wrapped over three full lines. Page 2: one-line paragraphs, the
    first of them exactly as wide as page 1's full lines. Returns the pages and the number
    of paragraphs on page 2."""
    rnd = random.Random(seed)
    size = rnd.choice([9.0, 10.0, 11.0, 12.0])
    pitch = size * rnd.uniform(1.0, 1.25)
    gap = pitch * rnd.uniform(1.65, 2.2)  # a paragraph's pitch: its line and its margins
    x0 = rnd.uniform(40, 90)
    per_line = rnd.randint(8, 11)

    def words(n: int) -> list[str]:
        return [rnd.choice(WORDS) for _ in range(n)]

    full = words(per_line)
    top = rnd.uniform(60, 120)
    first = [_line(full, x0, top + k * pitch, size) for k in range(3)]
    first.append(_line(words(3), x0, top + 3 * pitch, size))  # its last line, short
    count = rnd.randint(3, 6)
    second = [_line(full, x0, top, size)]
    second += [_line(words(rnd.randint(2, per_line - 3)), x0, top + k * gap, size)
               for k in range(1, count)]  # fmt: skip
    return [_page(first), _page(second)], count


def _paragraphs(blocks: list[Any]) -> list[str]:
    return [b.para.text for b in blocks if isinstance(b, PagePara)]


@pytest.mark.parametrize("seed", range(60))
def test_a_page_of_one_line_paragraphs_takes_its_documents_pitch(seed: int) -> None:
    pages, count = _document(seed)
    first, second = read_pages(pages)
    assert len(_paragraphs(first)) == 1, _paragraphs(first)
    assert len(_paragraphs(second)) == count, _paragraphs(second)
    # (read alone, the page has nothing to learn from: it is the case the document fixes)
    assert len(_paragraphs(read_page(pages[1], 2))) < count
