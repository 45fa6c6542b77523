"""What a start-up compiles only when it is used (issue 20, item 15): the date-form patterns
(~9 ms of every process that imported `extract/dates.py`, the writer included, which reads
stored audit titles, not papers). Counted in compiled patterns, not in seconds."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLES

WRITER_PATTERNS = """
import atexit, sys
def compiled():
    from jarap.extract import dates
    return dates._pattern.cache_info().currsize + dates._range_left.cache_info().currsize
atexit.register(lambda: print("compiled:", compiled()))
sys.argv = ["jarap", *sys.argv[1:]]
from jarap.cli import main
main()
"""


def test_importing_the_date_rules_compiles_no_date_form_pattern() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from jarap.extract import dates; from jarap.extract.dates import find_dates; "
            "find_dates('Fleet Management'); "
            "print(dates._pattern.cache_info().currsize, dates._range_left.cache_info().currsize)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["0", "0"], "a text with no digit needs no pattern"


def test_the_writer_of_a_tracker_compiles_no_date_form_pattern(tmp_path: Path) -> None:
    """The writer stores a tracker and links its recommendations by their audit titles,
    which carry no date here: it never compiles a date form (the worker read the dates)."""
    paper = SAMPLES / "tracker-2021" / "northshire-tracker-2021-03.txt"
    done = subprocess.run(
        [sys.executable, "-c", WRITER_PATTERNS, "ingest", str(paper), "--db",
         str(tmp_path / "a.db"), "-q"],  # fmt: skip
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert "linked 12 snapshots" in done.stdout, done.stdout + done.stderr[-2000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("compiled:"))
    assert line == "compiled: 0"



def test_a_program_exit_leaves_no_wal_beside_the_archive(tmp_path: Path) -> None:
    """`jarap` skips the interpreter's last collection at exit (`main`), which was what
    closed the pooled SQLite connections: each command, a failing one too, must still close
    them, so the last connection checkpoints the archive and deletes `-wal` and `-shm`."""
    paper = tmp_path / "paper.txt"
    paper.write_bytes((SAMPLES / "tracker-2021" / "northshire-tracker-2021-03.txt").read_bytes())
    db = str(tmp_path / "a.db")
    commands = [
        (["ingest", str(paper), "--db", db, "-q"], 0),
        (["link", "--db", db], 0),
        (["prune", "--db", db], 0),
        (["db", "upgrade", "--db", str(tmp_path / "b.db")], 0),
        (["export", "--db", db, "--out", str(tmp_path / "out")], 0),
        (["status", "--db", db], 0),
    ]
    for args, status in commands + [(["ingest", str(paper), "--db", db, "-q"], 1)]:
        if args[0] == "ingest" and (tmp_path / "out").exists():
            paper.write_bytes(b"")  # a poorer version: refused, the refusal stored
        done = subprocess.run(
            [sys.executable, "-m", "jarap.cli", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=300,
        )
        assert done.returncode == status, (args, done.stdout, done.stderr[-2000:])
        left = sorted(p.name for p in tmp_path.glob("*.db-*"))
        assert left == [], f"jarap {args[0]} left {left}"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM ingest_failures").fetchone()[0] == 1
