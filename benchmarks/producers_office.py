"""Records recovered and time per file and per page, for each office and HTML producer.

Every sample `.docx` is written by each producer (`samples/producers_office.py`, cached) and
read by `jarap.convert.convert` in this process, as a worker would (a LibreOffice
conversion included for `.doc`, `.rtf`, `.odt` …). A record (recommendation, action or
audit) is recovered when every field equals the `.docx`'s, as the matrix test compares
them; pages are the sample PDF's. The held-back quarter of the samples
(tests/test_producer_matrix_office.held_out) is reported on its own line. Prints figures;
asserts nothing. Timings on a loaded machine are only comparable within one run (the
`.docx` line is the baseline).

    python benchmarks/producers_office.py [--only lo-doc ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "samples"), str(ROOT / "tests")]

import producers  # noqa: E402
import producers_office  # noqa: E402
from sample_compare import action_fields, rec_fields  # noqa: E402
from test_producer_matrix_office import _audit_fields, held_out  # noqa: E402

from jarap.convert import convert  # noqa: E402


def _pages(docx: Path) -> int:
    pdf = docx.with_suffix(".pdf")
    if not pdf.is_file():
        return 1
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def _records(path: Path) -> list[dict]:  # type: ignore[type-arg]
    """Every record of the paper as fields: recommendations, actions, audits."""
    paper = convert(path).paper
    if paper is None:
        return []
    return (
        [rec_fields(r) for r in paper.recommendations]
        + [action_fields(a) for a in paper.actions]
        + [_audit_fields(a) for a in paper.audits]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", action="append", help="producer name (repeatable)")
    args = parser.parse_args(argv)
    names = args.only or [
        p.name for p in producers_office.OFFICE_PRODUCERS + producers_office.PACKAGE_PRODUCERS
    ]
    samples = sorted((ROOT / "samples").glob("*/*.docx"))
    want = {d: _records(d) for d in samples}
    print(f"{'producer':10} {'set':8} {'files':>5} {'records':>9} {'s/file':>7} {'s/page':>7}")
    for name in ["docx", *names]:
        for held in (False, True):
            group = [d for d in samples if held_out(d) is held]
            if name in [p.name for p in producers_office.PACKAGE_PRODUCERS]:
                group = [d for d in group if d in _one_per_layout(samples)]
            if not group:
                continue
            got = total = pages = 0
            seconds = 0.0
            for docx in group:
                path = docx if name == "docx" else producers.variant(docx, name)
                started = time.perf_counter()
                records = _records(path)
                seconds += time.perf_counter() - started
                total += len(want[docx])
                got += sum(1 for w, g in zip(want[docx], records, strict=False) if w == g)
                pages += _pages(docx)
            label = "held-out" if held else "tuned"
            print(
                f"{name:10} {label:8} {len(group):5} {got:4}/{total:<4} "
                f"{seconds / len(group):7.2f} {seconds / pages:7.2f}"
            )
    return 0


def _one_per_layout(samples: list[Path]) -> set[Path]:
    return set({d.parent: d for d in reversed(samples)}.values())


if __name__ == "__main__":
    sys.exit(main())
