"""OCR at several resolutions on material drawn from the dev share: where records are lost,
and what reading a paper again at a second resolution (jarap/convert.py) wins and costs.

The draw is seeded, never picked: `--samples` papers of the sample scan matrix's tuned
share (tests/test_producer_matrix_scan.py `MATRIX`: sample papers, which print their own
counts on a cover) and `--zoo` papers of the layout zoo's dev share (tests/zoo_score.py
`drawn`: layouts no spec was written for, with truth). Each is printed through PostScript
(samples/producers.py `ps-pdf`: the text layer is unreadable, so every page is OCR'd) and
read at every resolution asked: once as one reading (`single`), once as `convert` reads it
(`convert`: read again at the second resolution when the paper's counts say records are
missing). Held-out papers (either share's) are never drawn.

Per reading: records read / wanted, the share of field values equal to the .docx's (or,
for the zoo, row F1 against its truth), how far the records are off the paper's own counts,
the problems that name lost rows, and the OCR's seconds and CPU seconds per page (CPU:
this process and Tesseract's, steadier on a shared machine). Results are cached in
/tmp/jarap-ocr-resolution by the variant's bytes, the resolution and the reading code's
fingerprint, so a rerun shows the table at once and a change to the code reads anew.

    python benchmarks/ocr_resolution.py --dpi 150 --dpi 200 --dpi 300
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "samples"), str(ROOT / "benchmarks")]

import producers  # noqa: E402
import producers_scan  # noqa: E402, F401  (registers the scan producers)
from ocr_matrix import cpu_seconds  # noqa: E402
from test_producer_matrix_pdf import HELD_OUT as PDF_HELD_OUT  # noqa: E402
from test_producer_matrix_scan import HELD_OUT, MATRIX, records  # noqa: E402
from zoo_score import drawn, score_paper, written_zoo  # noqa: E402

from jarap.convert import (  # noqa: E402
    OCR_AGAIN,
    Conversion,
    convert,
    convert_document,
    ocr_again,
    short_of_its_counts,
)
from jarap.fingerprint import reading_fingerprint  # noqa: E402
from jarap.ingest import ocr, read_document  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "jarap-ocr-resolution"
SEED = "ocr-resolution"
PRODUCER = "ps-pdf"
# what a problem says when a reading's records are off its paper's own counts
COUNT_CODES = ("count_mismatch", "generic_disagrees", "unknown_layout")


def every_sample() -> list[tuple[str, Path]]:
    """(share, .docx) of every sample paper, the held-out ones named so: the held-out
    check, run once at the end, never while tuning."""
    held = {Path(rel).stem for rel in HELD_OUT} | PDF_HELD_OUT
    return [
        ("held-out" if docx.stem in held else "samples", docx)
        for docx in sorted(ROOT.glob("samples/*/*.docx"))
    ]


def draw(samples: int, zoo: int) -> list[tuple[str, Path]]:
    """(share, .docx) of the seeded draw: sample papers first, then zoo papers."""
    rnd = random.Random(SEED)
    picked = [("samples", ROOT / "samples" / rel) for rel in sorted(rnd.sample(MATRIX, samples))]
    if zoo:
        folder = written_zoo()
        picked += [("zoo", folder / f"{s}.docx") for s in drawn(folder, "dev", zoo, seed=SEED)]
    return picked


def field_share(got: Conversion, want: Conversion) -> float:
    """The share of the .docx's field values equal in the reading, records paired in order
    (as the matrices count it: a missing record's fields are all wrong)."""
    w_recs, g_recs = records(want), records(got)
    right = total = 0
    for i, w in enumerate(w_recs):
        g = g_recs[i] if i < len(g_recs) else {}
        for key, value in w.items():
            if key != "kind":
                total += 1
                right += g.get(key) == value
    return right / total if total else 1.0


def _row(share: str, docx: Path, got: Conversion, how: str, seconds: float, cpu: float) -> dict:
    pages = got.document.pages if got.document is not None else 0
    recs = got.paper.recommendations if got.paper else []
    row: dict[str, Any] = {
        "paper": docx.stem,
        "share": share,
        "how": how,
        "records": len(recs),
        "pages": pages,
        "s_page": seconds / max(pages, 1),
        "cpu_page": cpu / max(pages, 1),
        "problems": [p.message for p in got.problems if p.code in (*COUNT_CODES, OCR_AGAIN)],
    }
    if share == "zoo":
        truth = json.loads(docx.with_suffix(".json").read_text(encoding="utf-8"))
        tally = score_paper(truth, got, "pdf")
        row.update(wanted=tally.truth, score=tally.f1, measure="rows F1")
    else:
        want = convert(docx)
        row.update(
            wanted=len(want.paper.recommendations if want.paper else []),
            score=field_share(got, want),
            measure="fields",
        )
    return row


def measure(share: str, docx: Path, variant: Path, resolution: int) -> list[dict[str, Any]]:
    """One variant read at one resolution, scored: as one reading (`single`), and as
    `convert` reads it (`convert`: the same reading unless the paper's counts send it to a
    second resolution, whose cost is added). Cached."""
    digest = hashlib.sha256(variant.read_bytes()).hexdigest()[:16]
    key = f"{docx.stem}-{digest}-{resolution}-{reading_fingerprint()[:12]}"
    cached = CACHE / f"{key}.json"
    if cached.is_file():
        found: list[dict[str, Any]] = json.loads(cached.read_text())
        return found
    t, cpu = time.perf_counter(), cpu_seconds()
    with ocr.at_resolution(resolution):
        got = convert_document(read_document(variant))
    seconds, cpu = time.perf_counter() - t, cpu_seconds() - cpu
    rows = [_row(share, docx, got, "single", seconds, cpu)]
    if short_of_its_counts(got):
        t, extra = time.perf_counter(), cpu_seconds()
        with ocr.at_resolution(resolution):
            got = ocr_again(variant, got)
        seconds += time.perf_counter() - t
        cpu += cpu_seconds() - extra
    rows.append(_row(share, docx, got, "convert", seconds, cpu))
    for row in rows:
        row["dpi"] = resolution
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(rows, indent=1))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dpi", type=int, action="append", help="repeatable (150 200 300)")
    parser.add_argument("--samples", type=int, default=3)
    parser.add_argument("--zoo", type=int, default=3)
    parser.add_argument("--problems", action="store_true", help="print the count problems")
    parser.add_argument("--producer", default=PRODUCER, help="ps-pdf, scan-200-grey, …")
    parser.add_argument(
        "--every-sample", action="store_true", help="the held-out check: every sample paper"
    )
    args = parser.parse_args(argv)
    resolutions = args.dpi or [150, 200, 300]
    print(
        f"{'paper':<40} {'share':<7} {'dpi':>4} {'how':<7} {'recs':>7} {'score':>6} "
        f"{'s/page':>7} {'cpu/page':>8}"
    )
    papers = every_sample() if args.every_sample else draw(args.samples, args.zoo)
    for share, docx in papers:
        # the zoo's variants are kept in its own folder (a new generator makes them anew)
        where = (docx.parent / "producers",) if share == "zoo" else ()
        try:
            variant = producers.variant(docx, args.producer, *where)
        except Exception as e:  # noqa: BLE001  (a report: one failure is one line)
            print(f"{docx.stem:<40} {share:<7} FAILED to print: {e}")
            continue
        for resolution in resolutions:
            for row in measure(share, docx, variant, resolution):
                print(
                    f"{row['paper']:<40} {share:<7} {resolution:>4} {row['how']:<7} "
                    f"{row['records']:>3}/{row['wanted']:<3} {row['score']:6.3f} "
                    f"{row['s_page']:7.1f} {row['cpu_page']:8.1f}",
                    flush=True,
                )
                if args.problems:
                    for line in row["problems"]:
                        print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
