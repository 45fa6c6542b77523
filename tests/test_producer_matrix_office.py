"""The office and HTML producers of the matrix: every sample paper (text conversions aside)
written by LibreOffice as Word 97 `.doc`, `.rtf`, `.odt` and HTML, and as Word's "Save as Web
Page" writes HTML (`samples/word_html.py`), reads to the same records as its own `.docx`,
field by field.

A quarter of the samples (chosen by a hash of the file name, not by hand) is held back from
tuning: run them alone with `-k held_out`, the rest with `-k "not held_out"`.

The package-only producers (`.dotx`, `.docm`, Word 97 `.dot`: the same text in another
package) run on one sample per layout.

Unavoidable differences, per producer: none. Every field survives all five routes (Word 97
keeps cell shading, strike-through, underline and bold; LibreOffice's and Word's HTML state
them as tags, inline styles or `bgcolor`, all of which the HTML reader takes).
"""

from __future__ import annotations

import dataclasses
import hashlib
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES
from producer_compare import converted, differences
from sample_compare import _dv, action_fields
from tooling import require_tool

sys.path.insert(0, str(SAMPLES))
import producers  # noqa: E402
import producers_office  # noqa: E402

OFFICE = [p.name for p in producers_office.OFFICE_PRODUCERS]
PACKAGES = [p.name for p in producers_office.PACKAGE_PRODUCERS]
DOCX = sorted(SAMPLES.glob("*/*.docx"))
# one sample per layout folder (the first by name) for the package-only producers
ONE_PER_LAYOUT = sorted({d.parent: d for d in reversed(DOCX)}.values())

# fields a producer cannot carry, each with why (none today: see the module's docstring)
JUSTIFIED: dict[str, dict[str, str]] = {name: {} for name in OFFICE + PACKAGES}


def held_out(docx: Path) -> bool:
    """A quarter of the samples, by a hash of the name: never looked at while tuning."""
    return int(hashlib.sha256(docx.name.encode()).hexdigest()[:2], 16) % 4 == 0


CASES = [
    pytest.param(docx, name, id=f"{'held_out' if held_out(docx) else 'tuned'}-{name}-{docx.stem}")
    for docx in DOCX
    for name in OFFICE
] + [
    pytest.param(docx, name, id=f"{'held_out' if held_out(docx) else 'tuned'}-{name}-{docx.stem}")
    for docx in ONE_PER_LAYOUT
    for name in PACKAGES
]


def test_the_matrix_covers_every_sample_layout_and_holds_some_back() -> None:
    layouts = {d.parent.name for d in DOCX}
    assert len(layouts) >= 9, layouts
    assert 0 < sum(held_out(d) for d in DOCX) < len(DOCX)
    assert set(OFFICE + PACKAGES) <= set(producers.PRODUCERS)
    assert {d.parent.name for d in ONE_PER_LAYOUT} == layouts


def _audit_fields(audit: Any) -> dict[str, Any]:
    """An audit-status row's fields (dates as raw/date/precision), provenance left out."""
    fields = {f.name: getattr(audit, f.name) for f in dataclasses.fields(audit)}
    for name in ("provenance", "page_start"):
        fields.pop(name)
    return {k: _dv(v) if k in ("published", "follow_up") else v for k, v in fields.items()}


def other_records(variant: Path, docx: Path, ignore: frozenset[str]) -> list[str]:
    """Actions (action sheets) and audits (audit-status papers), field by field: the
    shared `differences` compares recommendations only."""
    want, got = converted(docx).paper, converted(variant).paper
    lines: list[str] = []
    for kind, fields in (("actions", action_fields), ("audits", _audit_fields)):
        w_items = getattr(want, kind) if want else []
        g_items = getattr(got, kind) if got else []
        if len(w_items) != len(g_items):
            lines.append(f"{len(g_items)} {kind}, the .docx {len(w_items)}")
        for w, g in zip(w_items, g_items, strict=False):
            wf, gf = fields(w), fields(g)
            lines += [
                f"{kind} {wf.get('minute') or wf.get('ref')} {key}: got {gf[key]!r}, want {v!r}"
                for key, v in wf.items()
                if key not in ignore and gf[key] != v
            ]
    return lines


@pytest.mark.parametrize(("docx", "producer"), CASES)
def test_office_variant_reads_to_the_records_of_its_docx(docx: Path, producer: str) -> None:
    require_tool(*producers.PRODUCERS[producer].tools)
    variant = producers.variant(docx, producer)
    ignore = frozenset(JUSTIFIED[producer])
    assert differences(variant, docx, ignore) + other_records(variant, docx, ignore) == []
