"""Speed of ingest against pdfplumber's own reading of the same pages, and of a re-ingest.

The budget (DEVELOPERS.md): our parsing and loading add at most a quarter on top of
pdfplumber reading the same pages (words + tables), and an unchanged archive re-ingests in
seconds (skipped by file hash). Prints figures; asserts nothing.

    python benchmarks/bench_ingest.py [PDF_OR_FOLDER ...]   (default: samples/)
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

from jarap.convert import convert_document
from jarap.db.engine import open_engine
from jarap.db.load import ingest_file
from jarap.ingest import discover, read_document

ROOT = Path(__file__).resolve().parent.parent


def plumber_baseline(path: Path) -> tuple[float, int]:
    """Seconds for pdfplumber alone: open each page once, words and tables, close it."""
    started = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            page.extract_words()
            page.find_tables()
            page.close()
    return time.perf_counter() - started, pages


def best(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str]) -> None:
    targets = [Path(a) for a in argv] or [ROOT / "samples"]
    files = list(discover(targets))
    pdfs = [f for f in files if f.suffix.lower() == ".pdf"]
    total_pages = 0
    base_total = ours_read = ours_parse = 0.0
    for pdf in pdfs:
        base = min(plumber_baseline(pdf)[0] for _ in range(3))
        pages = plumber_baseline(pdf)[1]
        read = best(lambda p=pdf: read_document(p))
        doc = read_document(pdf)
        parse = best(lambda d=doc: convert_document(d))  # detect, parse, reconcile
        total_pages += pages
        base_total += base
        ours_read += read
        ours_parse += parse
        print(
            f"{pdf.name:45} {pages:3} pages  pdfplumber {base * 1000:7.0f} ms  "
            f"read {read * 1000:7.0f} ms  parse {parse * 1000:6.1f} ms  "
            f"ratio {(read + parse) / base:5.2f}"
        )
    if pdfs:
        print(
            f"PDF total: {total_pages} pages, pdfplumber {base_total:.2f} s "
            f"({total_pages / base_total:.1f} pages/s), ours read+parse "
            f"{ours_read + ours_parse:.2f} s -> ratio {(ours_read + ours_parse) / base_total:.2f} "
            "(budget 1.25)"
        )
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(str(Path(tmp) / "bench.db"))
        started = time.perf_counter()
        results = [ingest_file(engine, f) for f in files]
        first = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        started = time.perf_counter()
        again = [ingest_file(engine, f) for f in files]
        second = time.perf_counter() - started
    loaded = sum(r.action == "loaded" for r in results)
    skipped = sum(r.status == "unchanged" for r in again)
    print(
        f"full ingest of {len(files)} files ({loaded} loaded): {first:.2f} s, "
        f"peak process RSS {peak / 2**20:.0f} MiB"
    )
    print(f"re-ingest unchanged: {second:.3f} s ({skipped}/{len(files)} skipped by hash)")


if __name__ == "__main__":
    main(sys.argv[1:])
