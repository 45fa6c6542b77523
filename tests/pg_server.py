"""A PostgreSQL server for the tests, started by the tests in a temporary directory and
stopped at the end: the machine's own clusters are never started, changed or even looked
at (issue 20, item 9).

`initdb` + `pg_ctl` from the installed server binaries, as an unprivileged user (as root:
`runuser -u nobody`, since PostgreSQL refuses to run as root), listening on 127.0.0.1 at
a free port and a socket in the same directory, trust authentication for the one
superuser `jarap`. JARAP_TEST_PG_URL names a server of your own instead.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

USER = "jarap"
DATABASE = "jarap_test"
PASSWORD = "not-a-secret"


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
    started = False

    def stop() -> None:
        """Stop the server (once) and remove its directory; also run at interpreter exit,
        in case the fixture's own teardown never comes."""
        nonlocal started
        if started:
            started = False
            subprocess.run(
                _as_unprivileged([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]),
                capture_output=True,
                cwd="/",
            )
        shutil.rmtree(home, ignore_errors=True)

    atexit.register(stop)
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
        started = True
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=port, user=USER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f"CREATE DATABASE {DATABASE}")
        # trust authentication ignores the password: it is there to be redacted in output
        yield f"postgresql+psycopg://{USER}:{PASSWORD}@127.0.0.1:{port}/{DATABASE}"
    finally:
        stop()
        atexit.unregister(stop)
