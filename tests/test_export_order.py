"""The export's order is the same on every database (issue 20, item 13): by paper date,
papers without a date last, then by file name in code-point order. SQLite sorts NULL first
and text by bytes, PostgreSQL NULL last and text by locale, so the order cannot be left to
`ORDER BY`. Generator: undated papers under names drawn at random (case, punctuation,
accents, digits: where byte and locale order disagree) beside dated ones, on SQLite and,
when JARAP_TEST_PG_URL is set (always on CI), PostgreSQL.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from jarap.cli import cli

PG_URL = os.environ.get("JARAP_TEST_PG_URL")
DATED = [
    SAMPLES / "follow-up" / "haldenmoor-follow-up-2024-06.txt",
    SAMPLES / "audit-status" / "westmarch-audit-status-2016-10.txt",
]
LETTERS = "aAbB_-.Éé09 zZ"


def _names(seed: int, count: int = 6) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 6))).strip(" .") + f"{i}.txt"
        for i in range(count)
    ]


def _export_order(db: str, folder: Path, out: Path) -> list[tuple[str | None, str]]:
    runner = CliRunner()
    runner.invoke(cli, ["ingest", str(folder), "--db", db, "-j", "2", "-q"])
    result = runner.invoke(cli, ["export", "--db", db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    papers = [json.loads(line) for line in (out / "papers.jsonl").open(encoding="utf-8")]
    return [((p["paper_date"] or {}).get("date"), p["source_file"]) for p in papers]


def _expected(order: list[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    return sorted(order, key=lambda p: (p[0] is None, p[0] or "", p[1]))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("seed", [7, 8])
def test_export_order_is_the_same_on_every_database(
    tmp_path: Path, backend: str, seed: int
) -> None:
    if backend == "postgresql":
        if not PG_URL:
            if os.environ.get("CI") == "true":
                pytest.fail("JARAP_TEST_PG_URL must be set on CI (see .ci/run)")
            pytest.skip("PostgreSQL tests: set JARAP_TEST_PG_URL to run them")
        pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
        from pg_util import wipe_postgres

        wipe_postgres(PG_URL)
        db = PG_URL
    else:
        db = str(tmp_path / "archive.db")
    folder = tmp_path / "papers"
    folder.mkdir()
    for paper in DATED:
        (folder / paper.name).write_bytes(paper.read_bytes())
    for i, name in enumerate(_names(seed)):
        (folder / name).write_text(f"Notes without a date, number {i}\n", encoding="utf-8")
    order = _export_order(db, folder, tmp_path / "out")
    assert len(order) == len(DATED) + 6
    assert [d for d, _ in order].count(None) == 6
    assert order == _expected(order)
