"""The layout zoo through every producer, in figures: per producer and share (tuned /
held back), row F1 and each field's accuracy on the papers tests/test_producer_zoo.py draws,
and the seconds spent making and reading them. Only tuned papers are listed one by one
(``--verbose``): the held-back share is never looked at paper by paper.

    python benchmarks/producer_zoo.py [--only chromium-pdf ...] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "samples"), str(ROOT / "tests")]

from test_producer_zoo import OFFICE, PDF, score_producer  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", action="append")
    ap.add_argument("--share", action="append", choices=("dev", "held_back"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    for name in args.only or [*PDF, *OFFICE]:
        for share in args.share or ("dev", "held_back"):
            t = time.perf_counter()
            tally = score_producer(name, share, verbose=args.verbose)
            print(f"{name:12} {share:9} {tally.line()}  ({time.perf_counter() - t:.0f} s)")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
