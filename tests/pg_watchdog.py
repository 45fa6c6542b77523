"""The keeper of one test PostgreSQL server: stops it and removes its directory when the
process that started it ends, however it ends (a test run killed with SIGKILL left its
servers running under PID 1 for ever).

Started by `pg_server.temporary_server` before `initdb`, in a session of its own (a
terminal's Ctrl-C is not its), with its stdin the read end of a pipe whose write end only
the starting process holds: when that process exits or is killed the kernel closes the
write end, the read here returns end-of-file, and the server is stopped (`pg_ctl stop -m
immediate`, as the user it runs as) and the directory removed. The orderly end of a test
run is the same: the fixture closes its end and waits for this to finish. It only ever
stops the server in the directory it was given.

    python pg_watchdog.py HOME STOP-COMMAND-AS-JSON
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

STOP_TIMEOUT = 30.0
START_GRACE = 5.0  # a server still starting writes its postmaster.pid within this


def main(home: Path, stop: list[str]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a kill of the run's group is not ours
    while sys.stdin.buffer.read(4096):  # nothing is ever written: this waits for EOF
        pass
    pid_file = home / "data" / "postmaster.pid"
    log = home / "log"
    deadline = time.monotonic() + START_GRACE
    while not pid_file.exists() and log.exists() and time.monotonic() < deadline:
        time.sleep(0.1)  # killed while `pg_ctl start` was under way
    if pid_file.exists():
        subprocess.run(stop, capture_output=True, cwd="/", timeout=STOP_TIMEOUT, check=False)
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), json.loads(sys.argv[2]))
