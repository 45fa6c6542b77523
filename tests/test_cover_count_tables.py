"""Cover count tables by meaning, on every table the generator (`cover_variants`) writes:
group headers over sub-columns, priorities printed after their key colour, a running total
and a closed group beside them, one row per auditor, or priority rows under RAG columns,
one table per auditor. Each figure is printed (`pytest -s`), the held-back share apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from cover_variants import CoverCase, cover_cases, write_docx

from jarap.extract.cover import read_declared_counts
from jarap.ingest import read_document

THRESHOLD = 0.95


def _declared(case: CoverCase, folder: Path) -> dict | None:
    doc = read_document(write_docx(case, folder / f"cover-{abs(hash(case.combination))}.docx"))
    return read_declared_counts(doc.blocks)


def _agrees(got: dict | None, truth: dict) -> dict[str, bool]:
    got = got or {}
    return {
        "by_priority": got.get("by_priority") == truth["by_priority"],
        "total": got.get("total") == truth["total"],
        "proposed_closed": got.get("proposed_closed") == truth["proposed_closed"],
    }


def _score(cases: list[CoverCase], results: list[dict[str, bool]], held: bool) -> dict[str, float]:
    chosen = [r for c, r in zip(cases, results, strict=True) if c.held_back == held]
    return {k: sum(r[k] for r in chosen) / len(chosen) for k in chosen[0]} | {"n": len(chosen)}


@pytest.fixture(scope="module")
def readings(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[CoverCase], list[dict]]:
    folder = tmp_path_factory.mktemp("covers")
    cases = cover_cases()
    return cases, [_declared(case, folder) for case in cases]


def test_every_generated_counts_table_is_read_by_meaning(readings) -> None:  # noqa: ANN001
    cases, got = readings
    assert len(cases) >= 48 and any(c.held_back for c in cases)
    results = [_agrees(g, c.truth) for c, g in zip(cases, got, strict=True)]
    dev, held = _score(cases, results, False), _score(cases, results, True)
    print(f"\ncover counts, development: {dev}\ncover counts, held back: {held}")
    misses = [
        (c.combination, g, c.truth)
        for c, g, r in zip(cases, got, results, strict=True)
        if not all(r.values()) and not c.held_back
    ]
    assert all(v >= THRESHOLD for k, v in dev.items() if k != "n"), misses[:3]
    assert all(v >= THRESHOLD for k, v in held.items() if k != "n")
