"""Records of a producer's variant against the records of the sample's own `.docx`, field by
field: the producer matrix's one comparison."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sample_compare import rec_fields

from jarap.convert import Conversion, convert


@cache
def converted(path: Path) -> Conversion:
    return convert(path)


def differences(variant: Path, docx: Path, ignore: frozenset[str] = frozenset()) -> list[str]:
    """Readable lines, one per field that differs (plus layout and count), empty when equal.

    `ignore` names fields a producer cannot carry (a scan's lost strike-through, say): each
    such use is listed and justified where the matrix declares it."""
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
        for key, value in wf.items():
            if key not in ignore and gf[key] != value:
                lines.append(f"{w.audit_title} {w.ref} {key}: got {gf[key]!r}, want {value!r}")
    return lines
