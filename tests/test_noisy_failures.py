"""Failures say one line, and the right one (issue 20, item 12): a worker's MemoryError
anywhere is the memory limit, a timeout blames the PDF interpreter only for a PDF, a full
disk fails each file in one line without stopping the batch or SQLAlchemy's wrapping,
and the xlsx export on a full disk prints no second traceback.

Full disks are real: a small tmpfs mounted in the test (root only; skipped otherwise).
(Ctrl-C without worker tracebacks is in test_kill_ingest.py.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from bad_inputs import many_paragraphs_docx
from conftest import SAMPLES

import jarap.convert
from jarap.convert import Conversion, Status
from jarap.db.batch import Limits, Pool, Task

PAPERS = sorted(p for p in SAMPLES.glob("*/*") if p.suffix in (".txt", ".docx"))


class _Unsendable:
    """A result whose pickling runs out of memory, as a huge one does under the limit."""

    kind = "tracker"

    def __reduce__(self) -> tuple[object, ...]:
        raise MemoryError


def _fake_convert(path: Path) -> Conversion:
    return Conversion(Path(path), Status.SUCCESS, paper=_Unsendable())  # type: ignore[arg-type]


def test_a_worker_out_of_memory_while_sending_reports_the_memory_limit(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(jarap.convert, "convert", _fake_convert)  # forked workers inherit it
    paper = PAPERS[0]
    with Pool(1, Limits(timeout=60, memory_mb=512)) as pool:
        [(_task, result)] = list(pool.run([Task(paper, "a")]))
    assert result.error == f"{paper.name}: over the memory limit (512 MB)"
    err = capfd.readouterr().err
    assert "Traceback" not in err and "MemoryError" not in err, err


def test_a_docx_timeout_does_not_blame_the_pdf_interpreter(tmp_path: Path) -> None:
    slow = many_paragraphs_docx(tmp_path / "slow.docx", paragraphs=150_000)
    with Pool(1, Limits(timeout=0.5)) as pool:
        [(_task, result)] = list(pool.run([Task(slow, "a")]))
    assert result.error == "slow.docx: timed out after 0.5 s (reading stopped)"


@contextmanager
def tmpfs(where: Path, size: int) -> Iterator[Path]:
    """A real filesystem of `size` bytes at `where` (root only: skips otherwise)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a real full disk needs root to mount a small tmpfs")
    where.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)]
    if subprocess.run(mount).returncode:
        pytest.skip("this machine lets no tmpfs be mounted here")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "disk", 600 * 1024) as disk:
        yield disk


def test_a_full_disk_fails_every_file_in_one_line_and_the_batch_goes_on(
    small_disk: Path,
) -> None:
    db = small_disk / "archive.db"
    done = subprocess.run(
        [sys.executable, "-m", "jarap", "ingest", *map(str, PAPERS), "--db", str(db)]
        + ["--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    out = done.stdout + done.stderr
    assert "Traceback" not in out and "sqlalche.me" not in out, out[-3000:]
    for paper in PAPERS:  # every file reported, each once
        assert sum(1 for line in out.splitlines() if str(paper) in line) == 1, (paper, out)
    failed = [line for line in out.splitlines() if line.startswith("FAILED")]
    assert failed, "the disk never filled: make it smaller"
    assert all("database or disk is full" in line for line in failed), failed
    assert done.returncode == 1


def test_the_xlsx_export_on_a_full_disk_is_one_line(tmp_path: Path) -> None:
    """The disk fills half-way through the workbook (openpyxl's ZipFile, left open by the
    failed write, printed `Exception ignored in: ZipFile.__del__` and a traceback)."""
    pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")
    db = tmp_path / "archive.db"
    jarap = [sys.executable, "-m", "jarap"]
    subprocess.run(
        [*jarap, "ingest", str(SAMPLES / "tracker-2021"), "--db", str(db), "-q"],
        check=True,
        capture_output=True,
    )
    whole = tmp_path / "whole"
    subprocess.run(
        [*jarap, "export", "--db", str(db), "--out", str(whole), "--format", "xlsx"],
        check=True,
        capture_output=True,
    )
    half = (whole / "archive.xlsx").stat().st_size // 2 // 4096 * 4096
    with tmpfs(tmp_path / "disk", half) as disk:
        done = subprocess.run(
            [*jarap, "export", "--db", str(db), "--out", str(disk), "--format", "xlsx"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert not any(disk.iterdir())
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith(f"Error: cannot write the export into {disk}: "), line
    assert "No space left on device" in line and line.endswith("the previous export is unchanged")
