"""One entry point for one file: read, detect, parse, reconcile.

`convert(path)` is a pure function of the file (no database, no global state beyond the
cached rule pipelines), so the loader, the tests, the benchmark, `jarap inspect` and any
worker process all get the same `Conversion` for the same bytes. The result types live in
`jarap.conversion`, which the writer imports without this module's reading rules.
"""

from __future__ import annotations

from pathlib import Path

from jarap.conversion import Conversion, Problem, Status, Step
from jarap.extract import generic
from jarap.extract.columns import find_headers, header_roles, header_texts, with_subheader
from jarap.extract.generic_tables import ColumnMap
from jarap.extract.layouts import CLAIM, LayoutScore, LayoutSpec, score_layouts
from jarap.extract.reconcile import reconcile
from jarap.extract.records import Paper
from jarap.ingest import read_document
from jarap.ingest.document import Document

__all__ = ["Conversion", "Problem", "Status", "Step", "convert", "convert_document"]


# a runner-up this close to the winner is reported: the paper may be misread
NEAR_TIE = 0.1
# the problem that says a paper's OCR'd pages were read at a second resolution, and which
# reading was kept
OCR_AGAIN = "ocr_read_again"


def convert(path: Path) -> Conversion:
    """Read one file into a `Paper`, with a status and every problem found on the way."""
    path = Path(path)
    try:
        doc = read_document(path)
    except Exception as exc:  # noqa: BLE001 - any reader failure is this file's problem
        message = str(exc) if path.name in str(exc) else f"{path.name}: {exc}"
        return Conversion(path, Status.FAILED, problems=[Problem("read_failed", message)])
    result = convert_document(doc)
    if short_of_its_counts(result):
        result = ocr_again(path, result)
    return result


def _shortfall(result: Conversion) -> int:
    """How far a reading is from the counts its paper prints: the records missing or extra
    over every figure that disagrees (0 when all agree, or the paper prints none)."""
    paper = result.paper
    if paper is None:
        return 0
    return sum(
        abs(c.declared - c.extracted)
        for c in paper.reconciliation
        if c.ok is False and c.extracted is not None
    )


def short_of_its_counts(result: Conversion) -> bool:
    """A paper with pages read by OCR that gives fewer recommendations than it declares
    (in all, or of a priority): a row or heading misread on the way, most likely."""
    doc, paper = result.document, result.paper
    if doc is None or not doc.ocr_pages or paper is None:
        return False
    return any(
        c.extracted is not None and c.extracted < c.declared
        for c in paper.reconciliation
        if c.scope in ("total", "priority")
    )


def ocr_again(path: Path, first: Conversion) -> Conversion:
    """The paper's OCR'd pages read again at a second resolution, and the reading whose
    records agree better with the counts it read kept (the first on a tie), saying which.
    Tesseract's misreadings depend on the picture's size, so one resolution alone is
    fragile paper by paper, and a paper's own counts are the one judge it carries. They
    are OCR'd too (a cover's `4` read `8` at 150 dpi sent a paper that had lost nothing to
    a second reading): each reading is judged by its own counts, so a misread count costs
    time, never records. Each page of the second reading has the same OCR budget as the
    first (and a batch worker's file limit grows by it, as for the first)."""
    from jarap.ingest import ocr
    from jarap.ingest.text_layer import page_ranges

    assert first.document is not None and first.paper is not None
    was, again = ocr.dpi(), ocr.second_dpi(ocr.dpi())
    pages = page_ranges(first.document.ocr_pages)
    before = _shortfall(first)
    try:
        with ocr.at_resolution(again):
            second = convert_document(read_document(path))
    except Exception as exc:  # noqa: BLE001 - the first reading stands
        line = f"OCR'd page(s) {pages} read again at {again} dpi failed ({exc})"
        _note(first, f"{path.name}: {line}; the {was} dpi reading kept")
        return first
    after = _shortfall(second) if second.paper is not None else None
    kept = second if after is not None and after < before else first
    _note(
        kept,
        f"{path.name}: OCR'd page(s) {pages} read fewer recommendations than the paper "
        f"declares at {was} dpi (off its counts by {before}); read again at {again} dpi "
        f"(off by {'—' if after is None else after}): the "
        f"{again if kept is second else was} dpi reading kept",
    )
    return kept


def _note(result: Conversion, line: str) -> None:
    """A problem said on the paper too (its warnings are what is stored)."""
    result.problems.append(Problem(OCR_AGAIN, line))
    if result.paper is not None:
        result.paper.warnings.append(line)
    result.status = Status.PARTIAL if result.status == Status.SUCCESS else result.status


def convert_document(doc: Document, layouts: list[LayoutSpec] | None = None) -> Conversion:
    """Detect, parse and reconcile a document already read (or built by a test); `layouts`
    replaces the registry (a spec being written, say)."""
    path = doc.path
    result = Conversion(path, Status.FAILED, document=doc)
    result.trace.append(Step("read", doc))
    result.problems.extend(Problem("read_warning", w) for w in doc.warnings)
    try:
        candidates = score_layouts(doc, layouts)
        result.candidates = candidates
        result.trace.append(Step("detect", candidates))
        best = candidates[0] if candidates and candidates[0].score >= CLAIM else None
        reading = _read_generic(result, doc)
        result.trace.append(Step("generic", reading))
        paper = None
        if best is not None:
            paper = _read_with_spec(result, best, candidates, doc)
            if not _has_records(paper):
                # a spec that claims a paper and finds nothing in it does not claim it
                result.problems.append(
                    Problem(
                        "claim_without_records",
                        f"{path.name}: layout {best.name} claimed it but found no records",
                    )
                )
                result.problems = [p for p in result.problems if p.code != "near_tie"]
                best, paper = None, None
        if best is None and reading.paper.recommendations:
            paper = reading.paper
            result.reading, result.tables = "generic", reading.maps
            result.problems.append(Problem("read_generically", f"{path.name}: {generic.PROBLEM}"))
            paper.warnings[:0] = [p.message for p in result.problems]
        elif best is None:
            paper = Paper(layout="unknown", kind="unknown")
            paper.warnings += [p.message for p in result.problems]
            paper.warnings.append(f"{path.name}: no known paper layout recognised")
            result.problems.append(Problem("unknown_layout", paper.warnings[-1]))
            paper.warnings = [p.message for p in result.problems]
        else:
            assert paper is not None
            result.layout, result.reading = best, "spec"
            result.tables = spec_tables(doc, best.spec)
            disagreement = _cross_check(paper, reading, path.name, best.name)
            if disagreement is not None:
                result.problems.append(disagreement)
            paper.warnings[:0] = [p.message for p in result.problems]
        result.trace.append(Step("parse", paper))
    except Exception as exc:  # noqa: BLE001 - a parser defect fails this file, not the batch
        result.problems.append(Problem("parse_failed", f"{path.name}: cannot be parsed ({exc})"))
        return result
    paper.reconciled, differences = reconcile(paper)
    paper.warnings.extend(differences)
    result.trace.append(Step("reconcile", (paper.reconciled, differences)))
    result.paper = paper
    for warning in paper.warnings:
        if not any(p.message == warning for p in result.problems):
            code = "count_mismatch" if warning in differences else "warning"
            result.problems.append(Problem(code, warning))
    result.status = Status.PARTIAL if result.problems else Status.SUCCESS
    return result


def _read_generic(result: Conversion, doc: Document) -> generic.GenericReading:
    """The generic reading; a defect in it is this file's problem, never the spec's."""
    try:
        return generic.read_generic(doc)
    except Exception as exc:  # noqa: BLE001 - the spec's reading stands without it
        result.problems.append(
            Problem("generic_failed", f"{doc.path.name}: generic reading failed ({exc})")
        )
        return generic.GenericReading(Paper(layout=generic.NAME))


def _has_records(paper: Paper) -> bool:
    return bool(paper.recommendations or paper.actions or paper.audits)


def _read_with_spec(
    result: Conversion, best: LayoutScore, candidates: list[LayoutScore], doc: Document
) -> Paper:
    """Parse with the claiming spec; a runner-up close behind is reported."""
    runner_up = candidates[1] if len(candidates) > 1 else None
    if runner_up is not None and runner_up.score > 0 and (best.score - runner_up.score < NEAR_TIE):
        result.problems.append(
            Problem(
                "near_tie",
                f"{doc.path.name}: layout {best.name} ({best.score:.2f}) barely beats "
                f"{runner_up.name} ({runner_up.score:.2f})",
            )
        )
    paper = best.spec.parse(doc, best.spec)
    paper.kind = best.spec.kind
    return paper


def _cross_check(
    paper: Paper, reading: generic.GenericReading, name: str, layout: str
) -> Problem | None:
    """Generic reading beside the spec: more recommendations found by meaning than the spec
    read is a problem to look at (rows the spec missed), never a silent override. Fewer is
    what a spec is for (it reads what generic reading cannot: stacked cells, block
    layouts), and a cover table of targets may be all generic reading finds: nothing said."""
    found = len(reading.paper.recommendations)
    read = len([r for r in paper.recommendations if r.section == "main"])
    if paper.kind != "tracker" or found <= read:
        return None
    return Problem(
        "generic_disagrees",
        f"{name}: layout {layout} read {read} recommendation(s), generic reading {found}",
    )


def spec_tables(doc: Document, spec: LayoutSpec) -> list[ColumnMap]:
    """The column -> role map of every table a spec's header names (for `jarap inspect`)."""
    if spec.header is None:
        return []
    head = spec.header
    maps = []
    for header in find_headers(doc, head.roles, head.required, head.forbidden):
        texts = header_texts(header.table.rows[header.row_index])
        if header.row_index > 0:  # a group header over sub-columns: both rows read
            top = header.row_index - 1
            found = header_roles(header.table.rows[top], head.roles)
            grouped = with_subheader(header.table, top, head.roles, found)
            if grouped is not None and grouped[1] == header.columns:
                texts = grouped[2]
        by_index = {i: role for role, i in header.columns.items()}
        maps.append(
            ColumnMap(
                header.table.locator,
                "header",
                1,
                [{"index": i, "header": t, "role": by_index.get(i)} for i, t in enumerate(texts)],
            )
        )
    return maps
