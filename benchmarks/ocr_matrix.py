"""Records recovered from scans and sandwich PDFs, and the time per page, per producer.

For each paper and each scan producer (samples/producers_scan.py) the variant is read
(OCR included) and its recommendations are matched to the `.docx`'s, whole records and
field by field (recommendations, actions and audit rows: `records` in
tests/test_producer_matrix_scan.py). Precision, recall and F1 count a
record as recovered only when every field equals the `.docx`'s; "fields" is the share of
field values equal, over the records paired in order. The papers held out from tuning are
reported apart (`--held-out`).

    python benchmarks/ocr_matrix.py                 # the matrix papers
    python benchmarks/ocr_matrix.py --held-out      # the papers never tuned on
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "samples")]

import producers  # noqa: E402
import producers_scan  # noqa: E402, F401
from test_producer_matrix_scan import HELD_OUT, MATRIX, records  # noqa: E402

from jarap.convert import convert  # noqa: E402


def _key(fields: dict) -> str:
    return repr(sorted(fields.items()))


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (Tesseract): on a shared machine
    a steadier measure than the wall clock."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def score(docx: Path, variant: Path) -> tuple[int, int, int, int, int, float, int, float]:
    """(records right, got, wanted, fields right, fields compared, seconds, pages, CPU s)."""
    want = convert(docx)
    t, cpu = time.perf_counter(), cpu_seconds()
    got = convert(variant)
    seconds = time.perf_counter() - t
    cpu = cpu_seconds() - cpu
    w_recs, g_recs = records(want), records(got)
    right = sum((Counter(map(_key, w_recs)) & Counter(map(_key, g_recs))).values())
    f_right = f_all = 0
    for wf, gf in zip(w_recs, g_recs, strict=False):
        f_all += len(wf)
        f_right += sum(gf[k] == v for k, v in wf.items())
    f_all += sum(len(wf) for wf in w_recs[len(g_recs) :])
    pages = got.document.pages if getattr(got, "document", None) else 0
    return right, len(g_recs), len(w_recs), f_right, f_all, seconds, pages or 0, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--held-out", action="store_true")
    parser.add_argument("--only", action="append", help="producer (repeatable)")
    parser.add_argument("--dpi", default=os.environ.get("JARAP_OCR_DPI", "200"))
    args = parser.parse_args(argv)
    os.environ["JARAP_OCR_DPI"] = args.dpi
    papers = HELD_OUT if args.held_out else MATRIX
    names = args.only or [n for n, p in producers.PRODUCERS.items() if p.kind == "scan"]
    print(f"{'producer':<16} {'paper':<44} {'recs':>9} {'fields':>6} {'s/page':>7} {'cpu/page':>8}")
    for name in names:
        tot = [0, 0, 0, 0, 0, 0.0, 0, 0.0]
        for rel in papers:
            docx = ROOT / "samples" / rel
            try:
                row = score(docx, producers.variant(docx, name))
            except Exception as e:  # noqa: BLE001  (a report: one failure is one line)
                print(f"{name:<16} {docx.stem:<44} FAILED {e}")
                continue
            tot = [a + b for a, b in zip(tot, row, strict=True)]
            right, got, want, fr, fa, sec, pages, cpu = row
            print(
                f"{name:<16} {docx.stem:<44} {right:>3}/{got:>2}/{want:>2} "
                f"{fr / max(fa, 1):6.3f} {sec / max(pages, 1):7.1f} {cpu / max(pages, 1):8.1f}"
            )
        right, got, want, fr, fa, sec, pages, cpu = tot
        p, r = right / max(got, 1), right / max(want, 1)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"{name:<16} {'ALL':<44} P {p:.3f} R {r:.3f} F1 {f1:.3f} fields {fr / max(fa, 1):.3f}"
            f" {sec / max(pages, 1):.1f} s/page, {cpu / max(pages, 1):.1f} CPU s/page"
            f" ({pages} pages)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
