"""The PDF producer matrix in figures: per producer, the records recovered from every
sample's variant against the sample's own .docx (F1), and the time to read a page.

Samples split as the matrix test splits them (tests/test_producer_matrix_pdf.py): the
papers looked at while tuning, and those held back, reported apart. A variant is made once
and cached (samples/producers.py); the read time is the pdfium backend's (best of
``--repeat``), the whole conversion (read, detect, parse) per page.

    python benchmarks/producer_matrix.py [--repeat 2] [--only abiword-pdf ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "samples"), str(ROOT / "tests")]

import pypdfium2 as pdfium  # noqa: E402
from producer_compare import converted, pooled_f1, record_scores  # noqa: E402
from producers import PRODUCERS, variant  # noqa: E402
from test_producer_matrix_pdf import HELD_OUT, PDF_PRODUCERS, SAMPLE_DOCX  # noqa: E402

from jarap.convert import convert  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--only", action="append")
    args = ap.parse_args(argv)
    names = args.only or [*PDF_PRODUCERS, "ps-pdf"]
    print(
        f"{'producer':14} {'set':9} {'papers':>6} {'recs':>5} {'found':>5} {'F1':>6} "
        f"{'ms/page':>8} {'make s':>7}"
    )
    for name in names:
        if PRODUCERS[name].missing_tools():
            print(f"{name:14} skipped: needs {', '.join(PRODUCERS[name].missing_tools())}")
            continue
        for label, held in (("tuned", False), ("held-out", True)):
            docs = [d for d in SAMPLE_DOCX if (d.stem in HELD_OUT) == held]
            pages = 0
            read = make = 0.0
            scores = []
            for docx in docs:
                t = time.perf_counter()
                pdf = variant(docx, name)
                make += time.perf_counter() - t
                best = float("inf")
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    convert(pdf)
                    best = min(best, time.perf_counter() - t)
                read += best
                doc = pdfium.PdfDocument(pdf)
                pages += len(doc)
                doc.close()
                scores.append(record_scores(pdf, docx))
            converted.cache_clear()
            want, _, matched, f1 = pooled_f1(scores)
            print(
                f"{name:14} {label:9} {len(docs):6} {want:5} {matched:5} {f1:6.3f} "
                f"{1000 * read / max(pages, 1):8.1f} {make:7.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
