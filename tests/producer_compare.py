"""Records of a producer's variant against the records of the sample's own `.docx`, field by
field: the producer matrix's one comparison."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from sample_compare import rec_fields

from jarap.convert import Conversion, convert
from jarap.extract.records import Recommendation


@cache
def converted(path: Path) -> Conversion:
    return convert(path)


# the fields a producer cannot carry for one .docx record (what that record's fields were
# read from decides: a priority read from a cell's colour, a target from struck text)
Unavoidable = Callable[[Recommendation], frozenset[str]]


def differences(
    variant: Path,
    docx: Path,
    ignore: frozenset[str] = frozenset(),
    unavoidable: Unavoidable | None = None,
) -> list[str]:
    """Readable lines, one per field that differs (plus layout and count), empty when equal.

    `ignore` names fields a producer cannot carry (a scan's lost strike-through, say), and
    `unavoidable` those it cannot carry for one record: each such use is listed and
    justified where the matrix declares it."""
    want, got = converted(docx), converted(variant)
    lines: list[str] = []
    want_layout = want.layout.name if want.layout else None
    got_layout = got.layout.name if got.layout else None
    if want_layout != got_layout:
        lines.append(f"layout {got_layout!r}, the .docx {want_layout!r}")
    want_recs = want.paper.recommendations if want.paper else []
    got_recs = got.paper.recommendations if got.paper else []
    if len(want_recs) != len(got_recs):
        lines.append(f"{len(got_recs)} recommendations, the .docx {len(want_recs)}")
    for w, g in zip(want_recs, got_recs, strict=False):
        wf, gf = rec_fields(w), rec_fields(g)
        skip = ignore | (unavoidable(w) if unavoidable else frozenset())
        for key, value in wf.items():
            if key not in skip and gf[key] != value:
                lines.append(f"{w.audit_title} {w.ref} {key}: got {gf[key]!r}, want {value!r}")
    return lines


def record_scores(
    variant: Path,
    docx: Path,
    ignore: frozenset[str] = frozenset(),
    unavoidable: Unavoidable | None = None,
) -> dict[str, float]:
    """Records recovered: a .docx record is recovered when the variant has one with the same
    audit and reference whose every field (less `ignore`) is equal; precision over the
    variant's records, recall over the .docx's, and their F1."""
    want_c, got_c = converted(docx), converted(variant)
    want = want_c.paper.recommendations if want_c.paper else []
    got = got_c.paper.recommendations if got_c.paper else []

    def key(rec: Recommendation, skip: frozenset[str]) -> tuple[tuple[str, str], ...]:
        fields = rec_fields(rec)
        return tuple(sorted((k, repr(v)) for k, v in fields.items() if k not in skip))

    matched = 0
    used: set[int] = set()
    for w in want:
        skip = ignore | (unavoidable(w) if unavoidable else frozenset())
        k = key(w, skip)
        hit = next((i for i, g in enumerate(got) if i not in used and key(g, skip) == k), None)
        if hit is not None:
            used.add(hit)
            matched += 1
    precision = matched / len(got) if got else 0.0
    recall = matched / len(want) if want else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"want": len(want), "got": len(got), "matched": matched, "f1": f1}


def pooled_f1(scores: Iterable[dict[str, float]]) -> tuple[int, int, int, float]:
    """Records wanted, read and matched over several papers' `record_scores`, and the F1 of
    the pool (a producer's one line in the benchmarks: papers weigh by their records)."""
    want = got = matched = 0
    for s in scores:
        want, got, matched = want + int(s["want"]), got + int(s["got"]), matched + int(s["matched"])
    precision = matched / got if got else 0.0
    recall = matched / want if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return want, got, matched, f1
