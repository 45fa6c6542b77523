"""What one file may cost, in one light module: the command line reads these defaults
when it starts, before it knows whether it will read any paper (importing the worker pool,
and through it the readers and layouts, would cost every command their import)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_TIMEOUT = 120.0  # seconds per file
DEFAULT_MEMORY_MB = 2048  # address space a worker may add on top of its idle size


@dataclass(frozen=True)
class Limits:
    """What one file may cost: wall-clock seconds, and megabytes of address space, each
    twice over: to read it (in a worker) and to store it (in the writer)."""

    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB
