"""A PostgreSQL server for the tests, started by the tests in a temporary directory and
stopped at the end: the machine's own clusters are never started, changed or even looked
at (issue 20, item 9).

`initdb` + `pg_ctl` from the installed server binaries, as an unprivileged user (as root:
`runuser -u nobody`, since PostgreSQL refuses to run as root), listening on 127.0.0.1 at
a free port and a socket in the same directory, trust authentication for the one
superuser `jarap`. JARAP_TEST_PG_URL names a server of your own instead.

The server dies with the process that started it: a watchdog (`pg_watchdog.py`) started
before `initdb` stops it and removes its directory when that process ends, even by SIGKILL.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

USER = "jarap"
DATABASE = "jarap_test"
PASSWORD = "not-a-secret"
WATCHDOG = Path(__file__).resolve().parent / "pg_watchdog.py"
RUNNING: dict[str, Path] = {}  # URL -> directory of each server this process started


def server_bin() -> Path | None:
    """The folder of initdb and pg_ctl: on PATH, else the newest Debian-style install."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name.split(".")[0]),
    )
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_unprivileged(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    runuser = shutil.which("runuser")
    if runuser is None:
        raise RuntimeError("running as root without runuser: cannot start PostgreSQL")
    return [runuser, "-u", "nobody", "--", *args]


@contextmanager
def temporary_server() -> Iterator[str]:
    """Start a server in a new temporary directory; yield its SQLAlchemy URL (database
    `jarap_test`, superuser `jarap`); stop it and remove the directory at the end."""
    bin_dir = server_bin()
    if bin_dir is None:
        raise FileNotFoundError("no PostgreSQL server binaries (initdb, pg_ctl) installed")
    home = Path(tempfile.mkdtemp(prefix="jarap-pg-"))
    data = home / "data"
    port = _free_port()
    if os.geteuid() == 0:
        shutil.chown(home, "nobody")
        home.chmod(0o700)
    pg_ctl = str(bin_dir / "pg_ctl")
    stop_command = _as_unprivileged([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"])
    read_end, write_end = os.pipe()
    watchdog = subprocess.Popen(
        [sys.executable, str(WATCHDOG), str(home), json.dumps(stop_command)],
        stdin=read_end,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        cwd="/",
    )
    os.close(read_end)
    url = ""

    def stop() -> None:
        """Close the watchdog's pipe: it stops the server and removes the directory, as it
        would if this process died; wait for it to finish."""
        os.close(write_end)
        watchdog.wait()
        RUNNING.pop(url, None)

    try:
        subprocess.run(
            _as_unprivileged(
                [str(bin_dir / "initdb"), "-D", str(data), "-U", USER, "--auth=trust"]
                + ["-E", "UTF8", "--locale=C", "--no-sync"]
            ),
            check=True,
            capture_output=True,
            cwd=home,
        )
        options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -F"
        subprocess.run(
            _as_unprivileged([pg_ctl, "-D", str(data), "-o", options, "-l", str(home / "log")])
            + ["-w", "-t", "60", "start"],
            check=True,
            capture_output=True,
            cwd=home,
        )
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=port, user=USER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f"CREATE DATABASE {DATABASE}")
        # trust authentication ignores the password: it is there to be redacted in output
        url = f"postgresql+psycopg://{USER}:{PASSWORD}@127.0.0.1:{port}/{DATABASE}"
        RUNNING[url] = home
        yield url
    finally:
        stop()
