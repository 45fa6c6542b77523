"""The worker pool: each file is read and parsed in a worker process with a time and memory
limit, so one bad file fails alone instead of hanging or exhausting the batch.

Nothing inside pdfminer times out (a content stream can make it interpret for ever) and a
zip or a parser can take gigabytes, so the only protection is a process that can be
killed. `Pool` keeps `jobs` workers, each converting one file at a time, sent over its own
pipe with the next file queued behind it (so a worker never waits while the writer stores
what it sent back); a worker past its time limit on a file is killed and replaced (the
file queued behind it goes to the next worker), a worker that dies (killed by the kernel,
a crash) is reported and replaced, and a worker hitting its memory limit (an
address-space rlimit on top of what it held when idle) reports that. Workers only call
`jarap.convert.convert(path)`, a pure function of the file; the one writer is the caller.

Workers are forked from the writer (which runs no other thread), so a replacement after a
timeout starts in milliseconds rather than re-importing everything; each worker builds the
owner rules (spaCy, ~1 s) the first time a paper needs them.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing as mp
import os
import resource
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from jarap.convert import Conversion, Problem, Status

DEFAULT_TIMEOUT = 120.0  # seconds per file
DEFAULT_MEMORY_MB = 2048  # address space a worker may add on top of its idle size
MEMORY_LIMIT = "memory_limit"  # the problem code of a file that hit it
NEAR_LIMIT = 0.75  # a failure after using this share of the limit is put down to memory
# What a worker sends once it has loaded the readers and built the owner rules (~2 s in a
# new process, more on a busy machine): a file's time limit counts from then, not from the
# worker's start, which may take up to STARTUP more seconds.
READY = "ready"
OCR = "ocr"  # a worker's notice that it OCRs a page (see `_report_ocr`)
STARTUP = 60.0
# A PDF page is ~1,500 char dicts made and dropped: at Python's default threshold (700) the
# collector runs every few hundred chars, walking everything alive (spaCy's tables
# included) at each full pass. Raised, and with what the worker loaded frozen out of the
# walk, collection fell from ~5% of a worker's time to nothing; memory does not grow,
# because papers make few reference cycles.
GC_THRESHOLD = (50_000, 20, 100)


@dataclass(frozen=True)
class Limits:
    """What one file may cost: wall-clock seconds, and megabytes of address space."""

    timeout: float = DEFAULT_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB


@dataclass
class Task:
    path: Path
    sha: str


def _start_method() -> str:
    """`fork` when this process runs no other thread (the writer never does: the progress
    bar refreshes in the main thread), so a worker, and the replacement of one killed at
    its time limit, starts in milliseconds with the parent's imports; else a fork server
    that has imported the readers and built the owner rules once."""
    if threading.active_count() == 1 and "fork" in mp.get_all_start_methods():
        return "fork"
    mp.get_context("forkserver").set_forkserver_preload(["jarap.db.batch_preload"])
    return "forkserver"


def default_jobs() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def failed(path: Path, message: str, code: str = "read_failed") -> Conversion:
    return Conversion(Path(path), Status.FAILED, problems=[Problem(code, message)])


@contextmanager
def relaxed_collector() -> Iterator[None]:
    """The garbage collector at GC_THRESHOLD, with what the process holds frozen out of
    its walk, for the duration (the writer of a batch: storing a paper makes tens of
    thousands of ORM objects, and collection was ~40% of the writer's time); restored after.
    """
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


# --- inside a worker -------------------------------------------------------------------------


def _address_space() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * resource.getpagesize()


def _slim(conversion: Conversion) -> Conversion:
    """What the writer needs, without the read blocks and the trace (cheaper to pickle)."""
    conversion.trace = []
    unknown = conversion.paper is not None and conversion.paper.kind == "unknown"
    if conversion.document is not None and not unknown:  # an unknown paper is kept as text
        conversion.document = dataclasses.replace(conversion.document, blocks=[])
    return conversion


def _peak_address_space() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmPeak:"):
                return int(line.split()[1]) * 1024
    return 0  # pragma: no cover - every Linux kernel reports VmPeak


def _worker(conn: Connection, memory_mb: int) -> None:
    """Convert the paths sent on `conn` until it closes; send back `READY` once loaded,
    then one Conversion per path.

    A file that fails near the memory limit is reported as over it: the libraries do not
    say so themselves (lxml reports "unknown error", a Python MemoryError has no text).
    The worker then exits, because its peak can never drop again.
    """
    import jarap.db.batch_preload  # noqa: F401 - readers, owner rules, numpy's buffers
    from jarap.convert import convert

    base = _address_space()  # everything conversion needs is loaded before the limit
    extra = memory_mb * 2**20
    resource.setrlimit(
        resource.RLIMIT_AS, (base + extra, resource.getrlimit(resource.RLIMIT_AS)[1])
    )
    over = f"over the memory limit ({memory_mb} MB)"
    gc.freeze()  # (no collection first: it costs ~85 ms of every worker's start)
    gc.set_threshold(*GC_THRESHOLD)
    conn.send(READY)
    _report_ocr(conn)
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        try:
            result = _slim(convert(path))
            near_limit = _peak_address_space() >= base + extra * NEAR_LIMIT
            if result.status is Status.FAILED and (near_limit or _is_memory_error(result)):
                result = failed(path, f"{path.name}: {over}", MEMORY_LIMIT)
        except MemoryError:
            result = failed(path, f"{path.name}: {over}", MEMORY_LIMIT)
        conn.send(result)
        if result.problems and result.problems[0].code == MEMORY_LIMIT:
            return


def _report_ocr(conn: Connection) -> None:
    """Tell the writer before each page OCR reads (`(OCR, page, pages, budget per page)`):
    OCR is slow, so the file's time limit grows by the pages' budget, and the progress bar
    says what the worker is doing."""
    from jarap.ingest import ocr

    ocr.progress_hook = lambda page, pages, budget: conn.send((OCR, page, pages, budget))


def _is_memory_error(result: Conversion) -> bool:
    """`convert` turns any exception into a problem; a MemoryError's text is empty."""
    message = result.problems[0].message if result.problems else ""
    bare = message.removeprefix(f"{result.path.name}:").strip()
    return bare in ("", "cannot be parsed ()") or "MemoryError" in message


# --- the pool ----------------------------------------------------------------------------------


@dataclass
class _Slot:
    """One worker and the files sent to it, in order: the first is being converted, the
    one after it waits in the pipe, so the worker starts it the moment it sends the first
    back and the writer stores one file while the worker reads the next."""

    process: mp.process.BaseProcess
    conn: Connection
    sent: deque[Task] = field(default_factory=deque)
    started: float = 0.0  # when the first of `sent` began, as the writer saw it
    ready: bool = False  # the worker has loaded everything (it sent READY)
    ocr_time: float = 0.0  # seconds added to the current file's limit for its OCR

    @property
    def task(self) -> Task | None:
        """The file being converted, if any."""
        return self.sent[0] if self.sent else None

    def deadline(self, timeout: float) -> float:
        """When the file being converted is out of time (a worker still loading gets
        STARTUP seconds more)."""
        return self.started + timeout + self.ocr_time + (0.0 if self.ready else STARTUP)


class Pool:
    """`jobs` worker processes; `run(tasks)` yields (task, Conversion) as files finish."""

    def __init__(
        self, jobs: int, limits: Limits, on_note: Callable[[Path, str], None] | None = None
    ) -> None:
        self.jobs = max(1, jobs)
        self.limits = limits
        self.on_note = on_note  # what a worker is doing, for a progress display
        self._ctx = mp.get_context(_start_method())
        self._slots: list[_Slot] = []

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _start(self) -> _Slot:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_worker, args=(child, self.limits.memory_mb), daemon=True
        )
        process.start()
        child.close()
        return _Slot(process, parent)

    def _stop(self, slot: _Slot) -> None:
        slot.conn.close()
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(5)

    def close(self) -> None:
        for slot in self._slots:
            self._stop(slot)
        self._slots = []

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Conversion]]:
        """Results in the order of `tasks` (a file that finishes early waits for those
        before it), so an archive loaded with any number of jobs gets the same row ids."""
        order = list(tasks)
        done: dict[int, Conversion] = {}
        position = {id(task): i for i, task in enumerate(order)}
        following = 0
        for task, conversion in self._run_unordered(order):
            done[position[id(task)]] = conversion
            while following in done:
                yield order[following], done.pop(following)
                following += 1

    def _feed(self, pending: deque[Task]) -> None:
        """Give every idle worker a file, and a busy one its next file to start as soon as
        it sends the current one back (only while every worker can still get one: at the
        tail of a batch a file waiting behind a slow one would keep a free worker idle)."""
        for slot in sorted(self._slots, key=lambda s: not s.ready):  # a loaded one first
            if not slot.sent and pending:
                slot.sent.append(pending.popleft())
                slot.started = time.monotonic()
                slot.conn.send(slot.sent[-1].path)
        for slot in self._slots:
            if len(slot.sent) == 1 and len(pending) >= len(self._slots):
                slot.sent.append(pending.popleft())
                slot.conn.send(slot.sent[-1].path)

    def _replace(self, i: int, pending: deque[Task]) -> _Slot:
        """A new worker in place of slot `i`'s; the files it was sent and had not answered
        go back to the front of `pending`, in order."""
        slot = self._slots[i]
        pending.extendleft(reversed(slot.sent))
        self._stop(slot)
        self._slots[i] = self._start()
        return self._slots[i]

    def _run_unordered(self, tasks: list[Task]) -> Iterator[tuple[Task, Conversion]]:
        pending = deque(tasks)
        if not pending:
            return
        while len(self._slots) < min(self.jobs, len(pending)):
            self._slots.append(self._start())
        while pending or any(s.sent for s in self._slots):
            self._feed(pending)
            busy = [s for s in self._slots if s.sent]
            deadline = min(s.deadline(self.limits.timeout) for s in busy)
            ready = wait(
                [s.conn for s in busy] + [s.process.sentinel for s in busy],
                timeout=max(0.0, deadline - time.monotonic()),
            )
            for i, slot in enumerate(self._slots):
                task = slot.task
                if task is None:
                    continue
                result: Conversion | None = None
                if slot.conn in ready:
                    try:
                        result = slot.conn.recv()
                    except (EOFError, OSError):
                        result = None
                    if isinstance(result, str):  # READY: the first file starts now
                        slot.ready, slot.started = True, time.monotonic()
                        continue
                    if isinstance(result, tuple):  # OCR: the file's limit grows
                        _tag, page, pages, budget = result
                        slot.ocr_time = max(slot.ocr_time, pages * budget)
                        if self.on_note is not None:
                            self.on_note(task.path, f"OCR {task.path.name} p{page} ({pages} pages)")
                        continue
                if result is not None:
                    slot.sent.popleft()
                    slot.started = time.monotonic()  # the worker began the next one
                    slot.ocr_time = 0.0
                    if result.problems and result.problems[0].code == MEMORY_LIMIT:
                        self._replace(i, pending)  # the worker exits after hitting its limit
                elif slot.process.sentinel in ready or slot.conn in ready:
                    slot.sent.popleft()
                    slot.process.join(1)
                    result = failed(
                        task.path, f"{task.path.name}: {_death(slot.process.exitcode)}", "crashed"
                    )
                    self._replace(i, pending)
                elif time.monotonic() >= slot.deadline(self.limits.timeout):
                    slot.sent.popleft()
                    result = failed(
                        task.path,
                        f"{task.path.name}: timed out after {self.limits.timeout:g} s "
                        "(reading stopped; the file may loop the PDF interpreter)",
                        "timeout",
                    )
                    self._replace(i, pending)
                if result is not None:
                    yield task, result


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        return f"the reader was killed by signal {-exitcode} (out of memory?)"
    return f"the reader stopped unexpectedly (exit status {exitcode})"
