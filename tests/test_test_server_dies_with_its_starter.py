"""A test PostgreSQL server dies with the process that started it (issue 20: a killed test
run left its `/tmp/jarap-pg-*` servers running under PID 1 for ever)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pg_server import server_bin
from tooling import in_ci

STARTER = """
import sys, time
sys.path.insert(0, {tests!r})
from pg_server import RUNNING, temporary_server
with temporary_server() as url:
    print(RUNNING[url], flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead: only its parent (init, here) has yet to reap it
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[-1].startswith("Z"))


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_starter_takes_its_test_server_and_directory_with_it(how: int) -> None:
    if server_bin() is None:
        reason = "no PostgreSQL server binaries (initdb, pg_ctl) to start a test server"
        if in_ci():
            pytest.fail(f"CI: {reason}")
        pytest.skip(reason)
    pytest.importorskip("psycopg")
    starter = subprocess.Popen(
        [sys.executable, "-c", STARTER.format(tests=str(Path(__file__).parent))],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert starter.stdout is not None
        home = Path(starter.stdout.readline().strip())
        assert home.name.startswith("jarap-pg-") and home.is_dir()
        postmaster = int((home / "data" / "postmaster.pid").read_text().split()[0])
        assert _alive(postmaster)
    finally:
        starter.send_signal(how)
        starter.wait(30)
    deadline = time.monotonic() + 5
    while (_alive(postmaster) or home.exists()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(postmaster), "the server outlived the process that started it"
    assert not home.exists(), "the server's directory outlived the process that started it"


def test_the_orderly_end_stops_the_server_and_removes_its_directory() -> None:
    if server_bin() is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) to start a test server")
    pytest.importorskip("psycopg")
    from pg_server import RUNNING, temporary_server

    with temporary_server() as url:
        home = RUNNING[url]
        postmaster = int((home / "data" / "postmaster.pid").read_text().split()[0])
        assert _alive(postmaster)
    assert not _alive(postmaster) and not home.exists() and url not in RUNNING
