"""The storing process (the writer) is bounded like the workers (issue 20, item 3): a paper
that reads in seconds but would take gigabytes or minutes to store fails alone, in one
line, and the writer stays under its limit.

The files are generated here (`bad_inputs.many_paragraphs_docx`): N one-letter paragraphs,
an honest .docx under every zip cap whose cost is in its count of paragraphs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bad_inputs import many_paragraphs_docx
from conftest import SAMPLES
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jarap.convert import convert
from jarap.db.batch import Limits
from jarap.db.engine import open_engine
from jarap.db.load import IngestOptions, _Batch, store_conversion
from jarap.ingest import file_sha256
from jarap.model import PaperRow

# runs the CLI and, on the way out, prints the writer's own peak resident memory
PEAK_WRAPPER = """
import atexit, sys
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            print("writer-peak-kb", line.split()[1], file=sys.stderr)
atexit.register(peak)
sys.argv = ["jarap", *sys.argv[1:]]
from jarap.cli import main
main()
"""


def _ingest_with_peak(*args: str, timeout: float = 240) -> tuple[int, list[str], int]:
    proc = subprocess.run(
        [sys.executable, "-c", PEAK_WRAPPER, "ingest", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    lines = proc.stdout.splitlines() + proc.stderr.splitlines()
    peaks = [int(line.split()[1]) for line in lines if line.startswith("writer-peak-kb")]
    assert len(peaks) == 1, proc.stderr
    return proc.returncode, [x for x in lines if not x.startswith("writer-peak-kb")], peaks[0]


def test_a_million_paragraph_docx_fails_in_one_line_and_the_writer_stays_small(
    tmp_path: Path,
) -> None:
    """The issue's file: 1,000,000 one-letter paragraphs (~140 KB, 22 MB of XML) took the
    writer to 3.65 GB and 87 s; now it is refused where it is read, in one line."""
    paper = many_paragraphs_docx(tmp_path / "million.docx")
    assert paper.stat().st_size < 300_000
    code, lines, peak_kb = _ingest_with_peak(str(paper), "--db", str(tmp_path / "a.db"))
    assert code == 1
    failed = [line for line in lines if line.startswith("FAILED")]
    assert failed == [
        f"FAILED  {paper}: refusing to read: 1,000,000 paragraphs, more than any paper "
        "(the limit is 200,000)"
    ], lines
    assert not any("Traceback" in line for line in lines)
    assert peak_kb < 512 * 1024, f"the writer peaked at {peak_kb // 1024} MB"


def test_a_paper_too_big_to_store_fails_over_the_writers_memory_limit(tmp_path: Path) -> None:
    """Under the paragraph limit, read within the worker's limit, but its text rows take
    more than --memory to store: the writer says so in one line, stays under the limit,
    and stores the next file."""
    paper = many_paragraphs_docx(tmp_path / "long.docx", paragraphs=150_000)
    good = sorted(SAMPLES.glob("*/*.txt"))[0]
    limit_mb = 300
    db = str(tmp_path / "a.db")
    code, lines, peak_kb = _ingest_with_peak(
        str(paper), str(good), "--db", db, "--memory", str(limit_mb), "--jobs", "1"
    )
    assert code == 1, lines
    failed = [line for line in lines if line.startswith("FAILED")]
    assert failed == [
        f"FAILED  {paper}: over the memory limit ({limit_mb} MB) while storing (nothing stored)"
    ], lines
    assert any(line.startswith("loaded ") and good.name in line for line in lines), lines
    assert not any("Traceback" in line for line in lines)
    assert peak_kb < (limit_mb + 250) * 1024, f"the writer peaked at {peak_kb // 1024} MB"


def test_storing_past_the_time_limit_fails_alone_and_stores_nothing(tmp_path: Path) -> None:
    paper = many_paragraphs_docx(tmp_path / "slow.docx", paragraphs=40_000)
    good = sorted(SAMPLES.glob("*/*.txt"))[0]
    engine = open_engine(str(tmp_path / "a.db"))
    batch = _Batch(engine, IngestOptions(limits=Limits(timeout=0.2)), {}, set())
    slow = store_conversion(engine, convert(paper), file_sha256(paper), batch=batch)
    assert slow.error == "slow.docx: storing timed out after 0.2 s (nothing stored)"
    batch.options.limits = Limits(timeout=60)
    stored = store_conversion(engine, convert(good), file_sha256(good), batch=batch)
    assert stored.error is None and stored.recommendations + stored.actions > 0
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(PaperRow)) == 1
