"""Killing `jarap ingest` leaves nothing running (issue 20, item 1), and Ctrl-C says one line
(item 12).

Each run starts `jarap ingest` in a session of its own (`setsid`), with workers busy on
files that never finish (a PDF that loops its interpreter) and others that finish at once,
kills the parent with a signal at a moment drawn from a seeded generator, and then looks
for any process of that session: none may be left 5 s after the parent is gone. Bounded:
every process of the session is SIGKILLed at the end whatever happened.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bad_inputs import doubling_pdf
from conftest import SAMPLES

JARAP = Path(sys.executable).parent / "jarap"
GRACE = 5.0  # seconds the workers have to go once the parent is gone
SIGNALS = {"SIGKILL": signal.SIGKILL, "SIGTERM": signal.SIGTERM, "SIGINT": signal.SIGINT}
# moments to kill at, drawn (not picked): from before the workers exist to mid-file
MOMENTS = [round(random.Random(20 + i).uniform(0.0, 4.0), 2) for i in range(3)]

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc to find the session's processes"
)


def _session_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[3]) if fields[0] != "Z" else None  # (state, ppid, pgrp, session)


def session_processes(session: int) -> list[int]:
    """Live (not zombie) processes of `session`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _session_of(int(entry.name)) == session:
            found.append(int(entry.name))
    return found


def _files(tmp_path: Path) -> list[Path]:
    looping = []
    for i in range(2):  # one per worker, both busy for hours
        path = tmp_path / f"looping-{i}.pdf"
        path.write_bytes(doubling_pdf(32 + i))
        looping.append(path)
    quick = sorted(SAMPLES.glob("*/*.txt"))[:3]
    return [*looping, *quick]


def default_sigint() -> None:
    """Ctrl-C as a terminal delivers it: a test run in the background of a shell (as CI may
    run it) inherits SIGINT ignored, and so would the ingest."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(tmp_path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(JARAP), "ingest", *map(str, _files(tmp_path)), "--db", str(tmp_path / "a.db")]
        + ["--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=default_sigint,
    )


def _left_after_parent(proc: subprocess.Popen[bytes]) -> list[int]:
    """The session's processes still alive GRACE seconds after the parent ended (then all
    of them are killed, so a failing run leaves nothing behind)."""
    session = proc.pid
    try:
        proc.wait(timeout=30)
        deadline = time.monotonic() + GRACE
        while session_processes(session) and time.monotonic() < deadline:
            time.sleep(0.1)
        return session_processes(session)
    finally:
        for pid in session_processes(session) + [proc.pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.wait(timeout=10)


def _workers_started(session: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while len(session_processes(session)) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.parametrize("name", list(SIGNALS))
def test_no_worker_outlives_a_killed_ingest(tmp_path: Path, name: str, moment: float) -> None:
    proc = _start(tmp_path)
    time.sleep(moment)
    proc.send_signal(SIGNALS[name])
    left = _left_after_parent(proc)
    assert not left, f"{name} at {moment} s left {len(left)} process(es) running"


@pytest.mark.parametrize("name", list(SIGNALS))
def test_no_idle_or_busy_worker_outlives_a_killed_ingest(tmp_path: Path, name: str) -> None:
    """Killed once every worker is running (both busy on their file), the moment the issue
    reproduced it (`sleep 4; kill -9`)."""
    proc = _start(tmp_path)
    _workers_started(proc.pid)
    time.sleep(1.0)
    proc.send_signal(SIGNALS[name])
    left = _left_after_parent(proc)
    assert not left, f"{name} left {len(left)} process(es) running"


def test_ctrl_c_prints_one_line_and_no_worker_traceback(tmp_path: Path) -> None:
    """A terminal's Ctrl-C goes to the whole process group: the workers must not each print
    a KeyboardInterrupt traceback; the parent says one line and exits 130."""
    proc = _start(tmp_path)
    _workers_started(proc.pid)
    time.sleep(1.0)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _out, err = proc.communicate(timeout=30)
    finally:
        _left_after_parent(proc)
    text = err.decode("utf-8", "replace")
    assert proc.returncode == 130, text
    assert "Traceback" not in text and "KeyboardInterrupt" not in text, text
    assert text.strip().splitlines() == ["Interrupted: stopped; papers already stored are kept."]
