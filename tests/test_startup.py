"""Start-up does only what the command needs (issue 20, item 15): counted in modules
imported, not in seconds (a timed test would measure the machine's load)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import SAMPLES

HEAVY = ("spacy", "alembic", "sqlalchemy.orm", "jarap.convert", "jarap.db.batch", "pdfplumber")
LOADED_AFTER = """
import atexit, sys
heavy = {heavy!r}
atexit.register(lambda: print("loaded:", sorted(m for m in heavy if m in sys.modules)))
sys.argv = ["jarap", *sys.argv[1:]]
from jarap.cli import main
main()
"""


def _loaded(*args: str, cwd: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", LOADED_AFTER.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("loaded:"))
    return eval(line.removeprefix("loaded:"))  # noqa: S307 - our own printed list


def test_the_command_line_starts_without_readers_orm_or_spacy(tmp_path: Path) -> None:
    assert _loaded("--help", cwd=tmp_path) == []


def test_ingest_of_a_loaded_paper_loads_no_reader_spacy_or_migrations(tmp_path: Path) -> None:
    paper = sorted(SAMPLES.glob("*/*.txt"))[0]
    db = str(tmp_path / "a.db")
    first = _loaded("ingest", str(paper), "--db", db, "-q", cwd=tmp_path)
    assert "sqlalchemy.orm" in first  # it stored the paper
    again = _loaded("ingest", str(paper), "--db", db, "-q", cwd=tmp_path)
    assert "spacy" not in again and "alembic" not in again and "pdfplumber" not in again
