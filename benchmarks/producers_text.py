"""The text-producer matrix in figures: per converter, records recovered from each sample's
text conversion against the sample's own .docx (F1 over records equal field by field, the
losses each converter cannot avoid, tests/test_producer_matrix_text.py LOSES, excluded), and a
seeded draw of zoo papers scored against their truth (tests/zoo_score.py: row F1 and field
shares). Tuned and held-back shares apart; `--before` reads every variant with the column
finder and the ruled-table reader switched off (the reader as it was).

    python benchmarks/producers_text.py [--before] [--only pdftotext-layout] [--zoo 10]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "samples"), str(ROOT / "tests")]

import producers  # noqa: E402
import producers_text  # noqa: E402
from producer_compare import converted, pooled_f1, record_scores  # noqa: E402
from test_producer_matrix_pdf import HELD_OUT  # noqa: E402
from test_producer_matrix_text import SAMPLE_DOCX, unavoidable_for  # noqa: E402
from zoo_score import drawn, score_variants, written_zoo  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--before", action="store_true", help="column finder and ruled-table reader off"
    )
    ap.add_argument("--only", action="append")
    ap.add_argument("--zoo", type=int, default=0, help="zoo papers per share (0: none)")
    args = ap.parse_args(argv)
    if args.before:
        import jarap.ingest.text_reader as reader

        reader.is_column_layout = lambda text: False  # type: ignore[assignment]
        reader.has_ruled_tables = lambda text: False  # type: ignore[assignment]
    names = args.only or [p.name for p in producers_text.TEXT_PRODUCERS]
    for name in names:
        if producers.PRODUCERS[name].missing_tools():
            print(f"{name:17} skipped: needs {producers.PRODUCERS[name].missing_tools()}")
            continue
        for label, held in (("tuned", False), ("held-back", True)):
            docs = [d for d in SAMPLE_DOCX if (d.stem in HELD_OUT) == held]
            want, got, matched, f1 = pooled_f1(
                record_scores(producers.variant(d, name), d, unavoidable=unavoidable_for(name))
                for d in docs
            )
            print(
                f"{name:17} samples {label:9} {len(docs):3} papers {want:4} recs {matched:4} "
                f"equal {got:4} read  F1 {f1:.3f}"
            )
        converted.cache_clear()
        if args.zoo:
            zoo = written_zoo()
            cache = zoo / "producers"
            for share in ("dev", "held_back"):
                tally = score_variants(
                    zoo,
                    drawn(zoo, share, args.zoo),
                    lambda docx, n=name, c=cache: producers.variant(docx, n, c),
                    "txt",
                )
                print(f"{name:17} zoo     {share:9} {tally.line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
