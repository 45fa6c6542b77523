"""Bad inputs in a batch (issue 10): each fails alone, within its limits, with one line
naming the file and the reason; good papers beside them load; `jarap status` lists the
failures; what was loaded before is untouched."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

from bad_inputs import doubling_pdf, huge_xml_docx, lying_zip_docx, self_referencing_pdf
from click.testing import CliRunner
from conftest import SAMPLES

from jarap.cli import cli
from jarap.db.batch import Limits, Pool, Task

GOOD = sorted((SAMPLES / "tracker-2021").glob("*.docx"))
TIMEOUT = 3.0


def _export(db: str, out: Path) -> dict[str, list[dict]]:
    result = CliRunner().invoke(cli, ["export", "--db", db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return {
        name: [json.loads(line) for line in (out / f"{name}.jsonl").read_text().splitlines()]
        for name in ("papers", "recommendations")
    }


def test_bad_inputs_fail_alone_within_their_limits(tmp_path: Path, db_path: str) -> None:
    runner = CliRunner()
    first = tmp_path / "loaded-before" / GOOD[0].name
    first.parent.mkdir()
    first.write_bytes(GOOD[0].read_bytes())
    assert runner.invoke(cli, ["ingest", str(first), "--db", db_path]).exit_code == 0
    before = _export(db_path, tmp_path / "before")

    batch = tmp_path / "batch"
    batch.mkdir()
    for good in GOOD[1:]:
        (batch / good.name).write_bytes(good.read_bytes())
    (batch / "self-referencing.pdf").write_bytes(self_referencing_pdf())
    (batch / "doubling.pdf").write_bytes(doubling_pdf())
    lying_zip_docx(batch / "lying-size.docx")
    huge_xml_docx(batch / "huge-expansion.docx")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    on_disk = sum(p.stat().st_size for p in batch.iterdir())
    assert on_disk < 400_000  # the bombs stay small on disk

    started = time.monotonic()
    result = runner.invoke(
        cli,
        ["ingest", str(batch), str(fifo), "/dev/zero", "--db", db_path]
        + ["--timeout", str(TIMEOUT), "--jobs", "2"],
    )
    elapsed = time.monotonic() - started
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.output.splitlines()

    def line_for(name: str) -> str:
        found = [line for line in lines if name in line and not line.startswith(" ")]
        assert len(found) == 1, (name, result.output)
        return found[0]

    assert line_for("doubling.pdf").startswith("FAILED")
    assert f"timed out after {TIMEOUT:g} s" in line_for("doubling.pdf")
    assert "not a regular file (a FIFO" in line_for("pipe.txt")
    assert "not a regular file (a character device)" in line_for("/dev/zero")
    assert "does not inflate to the 1000 bytes its zip entry declares" in line_for(
        "lying-size.docx"
    )
    assert "XML inflates past the 32 MB limit" in line_for("huge-expansion.docx")
    # a page whose content stream draws itself: refused before PDFium could loop on it
    assert line_for("self-referencing.pdf").startswith("FAILED")
    assert "a content stream draws itself" in line_for("self-referencing.pdf")
    for good in GOOD[1:]:
        assert line_for(good.name).startswith("loaded ")
    assert "6 failed" in result.output
    # one timeout, the rest fail at once (the pool starts in ~2 s)
    assert elapsed < TIMEOUT + 30, elapsed

    status = runner.invoke(cli, ["status", "--db", db_path])
    assert status.exit_code == 0, status.output
    failed = [line for line in status.output.splitlines() if line.startswith("failed ")]
    for name in (
        "doubling.pdf",
        "self-referencing.pdf",
        "pipe.txt",
        "/dev/zero",
        "lying-size.docx",
        "huge-expansion",
    ):
        assert sum(name in line for line in failed) == 1, (name, status.output)
    assert len(failed) == 6

    after = _export(db_path, tmp_path / "after")
    kept = [r for r in after["recommendations"] if r["paper_id"] == before["papers"][0]["paper_id"]]
    old = before["recommendations"]
    assert [(r["paper_id"], r["title"], r["status"]) for r in kept] == [
        (r["paper_id"], r["title"], r["status"]) for r in old
    ]
    assert len(after["papers"]) == 1 + len(GOOD[1:])  # the bad files stored nothing


def test_a_file_over_the_memory_limit_fails_alone(tmp_path: Path) -> None:
    """Under the zip caps (20 MB of XML) but parsing it takes hundreds of MB: with a 64 MB
    limit the worker fails that file, says why, and is replaced for the next file."""
    big = huge_xml_docx(tmp_path / "big.docx", megabytes=20)
    tasks = [Task(big, "a"), Task(GOOD[0], "b")]
    with Pool(1, Limits(timeout=60, memory_mb=64)) as pool:
        results = {task.path.name: conversion for task, conversion in pool.run(tasks)}
    assert results["big.docx"].error == "big.docx: over the memory limit (64 MB)"
    assert results[GOOD[0].name].paper is not None
    assert len(results[GOOD[0].name].paper.recommendations) > 0


def test_a_worker_killed_mid_file_fails_only_that_file(tmp_path: Path) -> None:
    """A worker killed from outside (as the kernel's OOM killer would) is reported and
    replaced; the next file still loads."""
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(doubling_pdf())
    pool = Pool(1, Limits(timeout=60))

    def kill_the_busy_worker() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            busy = [s for s in pool._slots if s.task is not None and s.task.path == slow]
            if busy and time.monotonic() - busy[0].started > 0.5:
                os.kill(busy[0].process.pid, signal.SIGKILL)
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_the_busy_worker)
    killer.start()
    with pool:
        results = {t.path.name: c for t, c in pool.run([Task(slow, "a"), Task(GOOD[0], "b")])}
    killer.join()
    assert (
        results["slow.pdf"].error == "slow.pdf: the reader was killed by signal 9 (out of memory?)"
    )
    assert results[GOOD[0].name].paper is not None
