"""The producer matrix crossed with the layout zoo: papers in layouts no spec was written for
(samples/generate_zoo.py), each written by every program on this machine (the producers of
samples/producers.py and samples/producers_office.py), read and scored against its truth.

The sample matrix (tests/test_producer_matrix_pdf.py) holds 20 hand-written papers; this one
draws, by a seeded generator, `DEV` papers of the zoo's tuned share and `HELD_BACK` of its
held-back share (tests/zoo_score.py `drawn`: the same papers for every producer), so its
figures say how each producer reads trackers nobody tuned it on. LibreOffice's own PDF is
not here: tests/test_zoo.py reads all 160 zoo papers through it.

Printed per producer: row F1 and each field's accuracy, tuned and held back apart. Gated by
the issue's thresholds on the held-back share (row F1, status, audit title, current target
>= 0.90, as tests/test_zoo.py). Only the tuned share's papers are ever listed one by one.

Slow (a LibreOffice, AbiWord or Chromium call per paper and producer, cached by content in
the zoo's own folder): runs in CI or with JARAP_PRODUCER_MATRIX=1.

Differences that cannot be avoided, per producer, are in KNOWN with their reason and the
held-back floor they leave. The tuned share's other misses are LibreOffice's own (the zoo's
LibreOffice PDFs miss them too: tests/test_zoo.py), not the producers'.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from tooling import in_ci, require_tool
from zoo_score import FIELDS, SAMPLES, Tally, drawn, score_variants, written_zoo

sys.path.insert(0, str(SAMPLES))
import producers  # noqa: E402
import producers_office  # noqa: E402

DEV = 20
HELD_BACK = 10
THRESHOLD = 0.90
GATED = ("status", "audit_title", "current_target")
PDF = ("abiword-pdf", "cairo-pdf", "chromium-pdf")
OFFICE = tuple(p.name for p in producers_office.OFFICE_PRODUCERS)
# producer -> (why, {field or "rows": the held-back floor instead of THRESHOLD}): what a
# producer loses that no reading can give back. A listed field that is not gated (ref_title)
# is held to its floor as well, so a loss that grows is seen.
KNOWN: dict[str, tuple[str, dict[str, float]]] = {
    "abiword-pdf": (
        "AbiWord draws no number for an auto-numbered paragraph (a numbered block's `1.` "
        "is not in the PDF, so its ref is lost: ref_title), and breaks a word too long for "
        "the rest of a narrow cell's line in the middle of the line (`Supersed` + `ed`, "
        "`Novemb` + `er`: a status or a date then does not read); a line that ends at the "
        "edge before a lower-case word looks the same (as in the sample matrix's KNOWN)",
        {"ref_title": 0.75},
    ),
}


def gated() -> None:
    if not (in_ci() or os.environ.get("JARAP_PRODUCER_MATRIX") == "1"):
        pytest.skip("the producer zoo runs in CI or with JARAP_PRODUCER_MATRIX=1 (slow)")


def score_producer(name: str, share: str, zoo: Path | None = None, verbose: bool = False) -> Tally:
    """One producer's figures on one share's drawn papers."""
    zoo = zoo or written_zoo()
    cache = zoo / "producers"  # in the zoo's folder: a new generator version makes them anew
    count = DEV if share == "dev" else HELD_BACK
    fmt = "pdf" if producers.PRODUCERS[name].suffix == ".pdf" else "docx"

    def show(stem: str, tally: Tally) -> None:
        if verbose and share == "dev" and not tally.perfect():
            print(f"  {name} {stem}: {tally.line()}")

    return score_variants(
        zoo,
        drawn(zoo, share, count),
        lambda docx: producers.variant(docx, name, cache),
        fmt,
        on_paper=show,
    )


def test_the_draw_is_seeded_and_holds_some_back() -> None:
    zoo = written_zoo()
    dev, held = drawn(zoo, "dev", DEV), drawn(zoo, "held_back", HELD_BACK)
    assert len(dev) == DEV and len(held) == HELD_BACK
    assert not set(dev) & set(held)
    assert drawn(zoo, "dev", DEV) == dev  # the same draw every run
    assert set(PDF + OFFICE) <= set(producers.PRODUCERS)
    assert set(KNOWN) <= set(PDF + OFFICE)


@pytest.mark.parametrize("name", PDF + OFFICE)
def test_every_producer_reads_the_zoo(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    gated()
    require_tool(*producers.PRODUCERS[name].tools)
    figures = {share: score_producer(name, share) for share in ("dev", "held_back")}
    with capsys.disabled():
        for share, tally in figures.items():
            print(f"\nproducer zoo {name:12} {share:9} {tally.line()}")
    why, allowed = KNOWN.get(name, ("", {}))
    held = figures["held_back"]
    assert held.truth >= 40, f"{name}: too few held-back recommendations to measure"
    checks = {"rows": held.f1, **{f: held.accuracy(f) for f in (*GATED, *allowed)}}
    for what, value in checks.items():
        floor = allowed.get(what, THRESHOLD)
        assert value is not None and value >= floor, f"{name} held back {what}: {held.line()}"
    assert set(FIELDS) >= set(GATED)
