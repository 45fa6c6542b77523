"""One call in a child process with a time and a memory limit, for a command that reads a
file in the foreground (`jarap inspect`): nothing inside pdfminer or PDFium times out, so
only a process that can be killed bounds a file that makes the reader loop.

The batch (`db.batch.Pool`) keeps workers for many files; this is the one-file version,
forked (the reader is already imported) and sending back one picklable value.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any


class OutOfTime(Exception):
    """The call did not finish within its time limit; the child was killed."""


class ChildDied(Exception):
    """The child ended without sending a result (killed by the kernel, over memory)."""


def _child(conn: Connection, memory_mb: int, fn: Callable[..., Any], args: tuple) -> None:
    with open("/proc/self/statm") as fh:
        base = int(fh.read().split()[0]) * resource.getpagesize()
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (base + memory_mb * 2**20, hard))
    try:
        result: Any = ("ok", fn(*args))
    except MemoryError:
        result = ("memory", None)
    conn.send(result)
    conn.close()
    os._exit(0)  # no atexit handlers of the parent's libraries in a forked child


def run_bounded(fn: Callable[..., Any], *args: Any, timeout: float, memory_mb: int) -> Any:
    """`fn(*args)` run in a forked child; raises OutOfTime past `timeout` seconds,
    MemoryError past `memory_mb` megabytes on top of what the child started with."""
    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(send, memory_mb, fn, args), daemon=True)
    process.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise OutOfTime
        try:
            kind, value = receive.recv()
        except (EOFError, OSError) as exc:
            raise ChildDied(f"exit status {process.exitcode}") from exc
        if kind == "memory":
            raise MemoryError
        return value
    finally:
        receive.close()
        if process.is_alive():
            process.kill()
        process.join(5)
