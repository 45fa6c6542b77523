"""Two ingests into one archive at once, and a long reader beside a writer (issue 10):
no traceback, no duplicate, no false `UNIQUE constraint failed`, no `database is locked`.

The ingests are real `jarap` processes started together on a new archive, so they also
race to create the schema. PostgreSQL runs on the tests' own server (the `pg_url`
fixture; on CI it must run; the database is wiped)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import SAMPLES
from pg_util import wipe_postgres
from sqlalchemy import text

from jarap.cli import cli
from jarap.db.engine import open_engine

PAPERS = SAMPLES / "tracker-2021"


def _jarap(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "jarap.cli", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _counts(db: str) -> dict[str, int]:
    engine = open_engine(db)
    with engine.connect() as conn:
        counts = {
            name: conn.execute(text(sql)).scalar_one()
            for name, sql in {
                "papers": "SELECT COUNT(*) FROM papers",
                "distinct_sha": "SELECT COUNT(DISTINCT sha256) FROM papers",
                # a twin file's snapshots are its kept paper's (db.twins): not linked again
                "recommendations": "SELECT COUNT(*) FROM recommendations r JOIN papers p"
                " ON p.paper_id = r.paper_id WHERE p.twin_of IS NULL",
                "links": "SELECT COUNT(*) FROM links",
                "ids": "SELECT COUNT(DISTINCT recommendation_id) FROM links",
            }.items()
        }
    engine.dispose()
    return counts


def _two_ingests_at_once(db: str, tmp_path: Path) -> None:
    both = [_jarap(["ingest", str(PAPERS), "--db", db, "--jobs", "1"], tmp_path) for _ in "ab"]
    outputs = [p.communicate(timeout=300)[0] for p in both]
    for proc, output in zip(both, outputs, strict=True):
        assert proc.returncode == 0, output
        for bad in ("Traceback", "UNIQUE", "FAILED", "locked", "already exists"):
            assert bad not in output, output
    papers = len(list(PAPERS.iterdir()))
    # between them every paper was loaded once; the other saw it as already loaded
    loaded = sum(
        line.startswith(("loaded ", "partial ")) for o in outputs for line in o.splitlines()
    )
    assert loaded == papers, outputs
    got = _counts(db)
    assert got["papers"] == got["distinct_sha"] == papers
    assert got["links"] == got["recommendations"] > 0
    assert got["ids"] == 18  # the 2021 samples' recommendations, linked across papers


def test_two_ingests_into_one_new_sqlite_file(tmp_path: Path) -> None:
    _two_ingests_at_once(str(tmp_path / "archive.db"), tmp_path)


def test_two_ingests_into_one_postgresql_database(tmp_path: Path, pg_url: str) -> None:
    wipe_postgres(pg_url)
    _two_ingests_at_once(pg_url, tmp_path)


def test_a_long_reader_does_not_block_writers(tmp_path: Path, db_path: str) -> None:
    runner = CliRunner()
    first = sorted(PAPERS.glob("*-03.*"))
    for paper in first:
        assert runner.invoke(cli, ["ingest", str(paper), "--db", db_path]).exit_code == 0
    reader = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, isolation_level=None)
    reader.execute("BEGIN")
    seen = reader.execute("SELECT COUNT(*) FROM v_slippage").fetchone()[0]
    assert seen > 0
    try:
        result = runner.invoke(cli, ["ingest", str(PAPERS), "--db", db_path, "--jobs", "1"])
        assert result.exit_code == 0, result.output
        for command in (["check"], ["export", "--out", str(tmp_path / "out")], ["link"]):
            done = runner.invoke(cli, [*command, "--db", db_path])
            # check exits 1 because the text conversions do not reconcile (not a lock)
            assert done.exit_code == (1 if command == ["check"] else 0), (command, done.output)
            assert "locked" not in done.output and "Error" not in done.output
            assert "locked" not in done.output
        # the reader still sees its own snapshot, views and all
        assert reader.execute("SELECT COUNT(*) FROM v_slippage").fetchone()[0] == seen
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert _counts(db_path)["papers"] == len(list(PAPERS.iterdir()))
