"""The worker pool queues the next file behind the one a worker is converting (so the
writer stores one file while the worker reads the next): a file queued behind one that
times out, or behind one whose worker dies, is converted by the replacement worker, and
a new worker's start-up does not count against its first file's time limit."""

from __future__ import annotations

import time
from pathlib import Path

from bad_inputs import doubling_pdf
from conftest import SAMPLES

from jarap.convert import Status
from jarap.db import batch
from jarap.db.batch import Limits, Pool, Task

GOOD = sorted((SAMPLES / "tracker-2021").glob("*.docx"))


def test_a_file_queued_behind_a_timed_out_one_still_loads(tmp_path: Path) -> None:
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(doubling_pdf())
    tasks = [Task(slow, "slow"), *(Task(p, p.name) for p in GOOD)]
    with Pool(1, Limits(timeout=2.0)) as pool:
        results = list(pool.run(tasks))
    assert [t.path for t, _ in results] == [t.path for t in tasks]  # in the order given
    (_, timed_out), *rest = results
    assert timed_out.problems[0].code == "timeout", timed_out.problems
    for task, conversion in rest:
        # each was sent to the worker that timed out, then to its replacement, which
        # spends its start-up (spaCy, ~2 s: the time limit) before the file's clock starts
        assert conversion.status is not Status.FAILED, (task.path.name, conversion.problems)
        assert conversion.paper is not None and conversion.paper.recommendations


def test_a_worker_start_up_is_not_counted_against_its_first_file(monkeypatch) -> None:
    """A new worker loading for longer than the time limit (here made slow on purpose:
    workers are forked, so the patch reaches them) still converts its first file."""
    limit, start_up = 1.0, 2.5
    measure = batch._address_space

    def slow_start() -> int:  # called once, while the worker loads, before READY
        time.sleep(start_up)
        return measure()

    monkeypatch.setattr(batch, "_address_space", slow_start)
    started = time.monotonic()
    with Pool(1, Limits(timeout=limit)) as pool:
        ((_, conversion),) = list(pool.run([Task(GOOD[0], "a")]))
    assert time.monotonic() - started > start_up  # the slow start-up really happened
    assert conversion.status is not Status.FAILED, conversion.problems
