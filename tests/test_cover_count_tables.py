"""Cover count tables by meaning, on every table the generator (`cover_variants`) writes:
group headers over sub-columns, priorities printed after their key colour, a running total
and a closed group beside them, one row per auditor, or priority rows under RAG columns,
one table per auditor. Each figure is printed (`pytest -s`), the held-back share apart."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from cover_variants import CoverCase, cover_cases, write_docx, write_txt
from tooling import require_tool

from jarap.extract.cover import read_declared_counts
from jarap.ingest import read_document

THRESHOLD = 0.95


def _declared(path: Path) -> dict | None:
    return read_declared_counts(read_document(path).blocks)


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


PDF_SHARE = 3  # one case in this many is also converted to PDF (LibreOffice: slow)


@pytest.fixture(scope="module")
def word(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[CoverCase, Path]]:
    folder = tmp_path_factory.mktemp("covers")
    return [(c, write_docx(c, folder / f"cover-{k:03d}.docx")) for k, c in enumerate(cover_cases())]


def _check(what: str, papers: list[tuple[CoverCase, Path]]) -> None:
    cases = [c for c, _p in papers]
    got = [_declared(path) for _c, path in papers]
    assert len(cases) >= 30 and any(c.held_back for c in cases)
    results = [_agrees(g, c.truth) for c, g in zip(cases, got, strict=True)]
    dev, held = _score(cases, results, False), _score(cases, results, True)
    print(f"\ncover counts, {what}, development: {dev}\ncover counts, {what}, held back: {held}")
    misses = [
        (c.combination, g, c.truth)
        for c, g, r in zip(cases, got, results, strict=True)
        if not all(r.values()) and not c.held_back
    ]
    assert all(v >= THRESHOLD for k, v in dev.items() if k != "n"), misses[:3]
    assert all(v >= THRESHOLD for k, v in held.items() if k != "n")


def test_every_generated_counts_table_is_read_by_meaning_in_word(word) -> None:  # noqa: ANN001
    _check("Word", word)


def test_every_generated_counts_table_is_read_by_meaning_in_pdf(word, tmp_path: Path) -> None:  # noqa: ANN001
    """The same tables through LibreOffice's PDF: a cell merged down is left out of the rows
    below it there (Word keeps a placeholder), and still stands over its own column."""
    require_tool("soffice")
    chosen = word[::PDF_SHARE]
    profile = f"file://{tmp_path}/lo-{os.getpid()}"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *(str(p) for _c, p in chosen)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    _check("PDF", [(c, tmp_path / f"{p.stem}.pdf") for c, p in chosen])


def test_every_generated_counts_table_is_read_by_meaning_in_text(tmp_path: Path) -> None:
    """The reference converter's text: a merged cell's text in its first column only."""
    cases = cover_cases()
    _check(
        "text", [(c, write_txt(c, tmp_path / f"cover-{k:03d}.txt")) for k, c in enumerate(cases)]
    )
