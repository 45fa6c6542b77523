"""`jarap inspect` reads under the same kind of limits as `jarap ingest` (issue 20, item
13): a file that makes the PDF interpreter loop fails with one line after --timeout, no
hang, no reader process left behind. Generator: the looping PDFs of the bad-input suite
at every depth from 20 to 32 forms (2**20 to 2**32 draws, all far past the limit)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bad_inputs import doubling_pdf
from click.testing import CliRunner
from conftest import SAMPLES

from jarap.cli import cli

JARAP = [sys.executable, "-m", "jarap"]


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


@pytest.mark.parametrize("levels", [20, 26, 32])
def test_inspect_of_a_looping_file_stops_at_its_time_limit(tmp_path: Path, levels: int) -> None:
    paper = tmp_path / f"loop-{levels}.pdf"
    paper.write_bytes(doubling_pdf(levels))
    process = subprocess.Popen(
        [*JARAP, "inspect", str(paper), "--timeout", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = process.communicate(timeout=120)  # before the limit: hours
    assert process.returncode == 1
    assert (
        out == ""
        and err == f"Error: {paper}: timed out after 2 s (reading stopped; see --timeout)\n"
    )
    assert _children(process.pid) == []


def test_inspect_within_its_limits_reports_as_before() -> None:
    paper = SAMPLES / "follow-up" / "haldenmoor-follow-up-2023-11.txt"
    result = CliRunner().invoke(cli, ["inspect", str(paper), "--json"])
    assert result.exit_code == 0 and '"layout"' in result.output
