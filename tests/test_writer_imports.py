"""The writer loads no reading rules (issue 20, item 15): the process that stores papers
imports the result types a worker sends (`jarap.conversion`, the records) and the few rules
the linker applies to stored text (titles, audit names and their dates), never the layouts,
field readers, owner tokenizer or readers, whose import was most of its start-up. Counted
in modules, in the process itself, not in seconds (a timed test measures the load)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES

# what the writer may load of the reading side: the types it receives, the vocabularies
# they use, and what the linker reads stored titles with
WRITER_SIDE = {
    "jarap.extract",
    "jarap.extract.records",
    "jarap.extract.reconcile",
    "jarap.extract.vocab",
    "jarap.extract.dates",
    "jarap.extract.audit_title",
    "jarap.ingest",
    "jarap.ingest.document",
    "jarap.ingest.office_convert",
}

WRITER_LOADED = """
import atexit, sys
def reading():
    names = (m for m in sys.modules if m.split(".")[:2] in (["jarap", "convert"],
             ["jarap", "extract"], ["jarap", "ingest"]))
    return sorted(m for m in names if not m.startswith("jarap.extract.vocab_"))
atexit.register(lambda: print("reading:", reading()))
sys.argv = ["jarap", *sys.argv[1:]]
from jarap.cli import main
main()
"""


def _writer_loads(paper: Path, db: Path) -> list[str]:
    """The reading modules loaded in the `jarap ingest` process itself (a forked worker
    leaves by `os._exit`, so the exit hook reports the writer only)."""
    done = subprocess.run(
        [sys.executable, "-c", WRITER_LOADED, "ingest", str(paper), "--db", str(db), "-q"],
        capture_output=True,
        text=True,
        cwd=db.parent,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("reading:"))
    return eval(line.removeprefix("reading:"))  # noqa: S307 - our own printed list


@pytest.mark.parametrize(
    "paper",
    [
        "tracker-2022/northshire-tracker-2024-07.txt",  # owners, targets, updates
        "tracker-2021/northshire-tracker-2021-07.docx",
        "action-sheet/northshire-action-sheet-2018-03.txt",
    ],
)
def test_the_writer_loads_no_reading_rules(tmp_path: Path, paper: str) -> None:
    """A paper read by a worker and stored, linked and reported by the writer: the writer
    took the worker's result (unpickled: its classes imported) without the layouts, field
    readers, owner rules or readers."""
    db = tmp_path / "a.db"
    loaded = _writer_loads(SAMPLES / paper, db)
    with sqlite3.connect(db) as conn:
        stored = conn.execute(
            "SELECT (SELECT COUNT(*) FROM recommendations) + (SELECT COUNT(*) FROM actions)"
        ).fetchone()[0]
    assert stored > 0, "the paper's records are stored"
    assert [m for m in loaded if m not in WRITER_SIDE] == []
