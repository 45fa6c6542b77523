"""A paper whose OCR'd pages read fewer recommendations than its own counts declare is read
again at a second resolution, and the reading that agrees better with the counts is kept,
saying which (jarap/convert.py `ocr_again`).

What OCR loses is generated, not picked: every main recommendation of each sample paper
that prints its counts is lost in turn (its ref's row, or paragraph, taken out of the
Document, as a misread ref or a missed grid row loses it), and the reader is made to give
that damaged Document at one resolution and the whole one at the other. No Tesseract
needed: the orchestration is what is tested (the real readings at two resolutions are
measured by benchmarks/ocr_resolution.py and the PostScript matrix).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import jarap.convert as conv
from jarap.convert import OCR_AGAIN, Conversion, convert, convert_document, short_of_its_counts
from jarap.ingest import ocr, read_document
from jarap.ingest.document import Document, Table

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# sample papers that print their counts on a cover, one per layout that has such a cover
COUNTED = [
    SAMPLES / "tracker-2021/northshire-tracker-2021-07.docx",
    SAMPLES / "tracker-2022/northshire-tracker-2024-07.docx",
]


def _read(path: Path) -> Document:
    doc = read_document(path)
    doc.ocr_pages = list(range(1, (doc.pages or 1) + 1))
    return doc


def _place(locator: str) -> tuple[int, int | None]:
    found = re.match(r"#/blocks/(\d+)(?:/rows/(\d+))?", locator)
    assert found, locator
    return int(found[1]), None if found[2] is None else int(found[2])


def losing(doc: Document, *locators: str) -> Document:
    """The document without the table rows, or paragraphs, that `locators` name."""
    out = copy.deepcopy(doc)
    places = sorted({_place(loc) for loc in locators}, key=lambda p: (p[0], p[1] or -1))
    for block_no, row in reversed(places):  # the last first: the others' places hold
        block = out.blocks[block_no]
        if row is not None and isinstance(block, Table):
            del block.rows[row]
        else:
            del out.blocks[block_no]
    return out


def losses(path: Path) -> list[tuple[str, str]]:
    """(ref, where it is read from) for every main recommendation the paper reads."""
    paper = convert_document(_read(path)).paper
    assert paper is not None
    out = []
    for rec in paper.recommendations:
        source = rec.provenance.get("ref") or rec.provenance.get("title")
        if rec.section == "main" and source is not None and source.block:
            out.append((f"{rec.audit_title} {rec.ref}", source.block))
    assert len(out) >= 5, path
    return out


def reader(by_dpi: dict[int, Document], calls: list[int]) -> Callable[[Path], Document]:
    """A read_document that gives each resolution's Document (and counts the reads)."""

    def read(path: Path, pdf_backend: str | None = None) -> Document:
        calls.append(ocr.dpi())
        return copy.deepcopy(by_dpi[ocr.dpi()])

    return read


def _again(result: Conversion) -> str:
    lines = [p.message for p in result.problems if p.code == OCR_AGAIN]
    assert len(lines) == 1, result.problems
    assert lines[0] in result.paper.warnings  # type: ignore[union-attr]
    return lines[0]


@pytest.mark.parametrize("path", COUNTED, ids=lambda p: p.stem)
def test_a_record_lost_by_ocr_at_one_resolution_is_read_at_the_other(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _read(path)
    want = convert_document(whole).paper
    assert want is not None and not short_of_its_counts(convert_document(whole))
    first, second = ocr.dpi(), ocr.second_dpi(ocr.dpi())
    assert first != second
    for ref, where in losses(path):
        damaged = losing(whole, where)
        assert short_of_its_counts(convert_document(copy.deepcopy(damaged))), ref
        calls: list[int] = []
        monkeypatch.setattr(conv, "read_document", reader({first: damaged, second: whole}, calls))
        got = convert(path)
        assert calls == [first, second], ref
        assert got.paper is not None
        assert len(got.paper.recommendations) == len(want.recommendations), ref
        line = _again(got)
        assert f"the {second} dpi reading kept" in line and f"at {first} dpi" in line, line


@pytest.mark.parametrize("path", COUNTED, ids=lambda p: p.stem)
def test_the_first_reading_stays_when_the_second_is_no_closer_to_the_counts(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second reading that loses the same record, or that one and the next, keeps the
    first: the counts, not the resolution, decide."""
    first, second = ocr.dpi(), ocr.second_dpi(ocr.dpi())
    whole = _read(path)
    lost = losses(path)
    for (ref, where), (_, also) in zip(lost, lost[1:] + lost[:1], strict=True):
        damaged = losing(whole, where)
        kept = convert_document(copy.deepcopy(damaged)).paper
        assert kept is not None
        for second_doc in (damaged, losing(whole, where, also)):
            calls: list[int] = []
            by_dpi = {first: damaged, second: second_doc}
            monkeypatch.setattr(conv, "read_document", reader(by_dpi, calls))
            got = convert(path)
            assert calls == [first, second], ref
            assert got.paper is not None
            assert len(got.paper.recommendations) == len(kept.recommendations), ref
            assert f"the {first} dpi reading kept" in _again(got)


def test_a_paper_that_agrees_with_its_counts_or_was_not_ocred_is_read_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = COUNTED[0]
    whole = _read(path)
    damaged = losing(whole, losses(path)[0][1])
    damaged.ocr_pages = []  # a born-digital reading short of its counts: nothing to re-read
    for doc in (whole, damaged):
        calls: list[int] = []
        monkeypatch.setattr(conv, "read_document", reader({ocr.dpi(): doc}, calls))
        got = convert(path)
        assert calls == [ocr.dpi()]
        assert not [p for p in got.problems if p.code == OCR_AGAIN]


def test_a_second_reading_that_fails_keeps_the_first_and_says_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = COUNTED[0]
    damaged = losing(_read(path), losses(path)[0][1])
    first = ocr.dpi()

    def read(p: Path, pdf_backend: str | None = None) -> Document:
        if ocr.dpi() != first:
            raise ValueError(f"{p}: OCR of page 2 took longer than its budget of 120 s")
        return copy.deepcopy(damaged)

    monkeypatch.setattr(conv, "read_document", read)
    got = convert(path)
    line = _again(got)
    assert "longer than its budget" in line and f"the {first} dpi reading kept" in line


def test_the_resolution_set_for_a_reading_is_undone_after_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ocr.ENV_DPI, "250")
    assert ocr.dpi() == 250
    with ocr.at_resolution(ocr.second_dpi(250)):
        assert ocr.dpi() == 200
    assert ocr.dpi() == 250
    assert ocr.second_dpi(200) == 300 and ocr.second_dpi(300) == 200
