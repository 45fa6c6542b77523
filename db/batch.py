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

Workers are forked from the writer (which runs no other thread), so a worker, a replacement
after a timeout included, starts without a new interpreter; each worker imports the reading
rules (`jarap.convert`, which the writer never imports) and the readers the batch's kinds of
file need, and builds the owner rules, before it says READY.
`jarap ingest` starts one worker (`Pool.start`) before it opens the archive, so that
loading overlaps the writer's own start-up instead of following it (docs/design-notes.md,
"Start-up").
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing as mp
import os
import resource
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jarap.limits import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, Limits

if TYPE_CHECKING:
    from jarap.conversion import Conversion

__all__ = ["DEFAULT_MEMORY_MB", "DEFAULT_TIMEOUT", "Limits", "Pool", "Task"]

MEMORY_LIMIT = "memory_limit"  # the problem code of a file that hit it
NEAR_LIMIT = 0.75  # a failure after using this share of the limit is put down to memory
MEMORY_EXIT = 75  # a worker's exit status when it could not even report its memory limit
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


class StoreTimeout(BaseException):
    """Storing one file took longer than its time limit (raised by `time_limit`). Like
    KeyboardInterrupt, not an Exception: no `except Exception` on the way may swallow it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise `StoreTimeout` in the block after `seconds` of wall-clock time.

    The writer stores what a worker read (rows, text, links) in Python and SQL, none of
    which a worker's limits cover: a paper that reads in seconds can take minutes to
    store. SIGALRM interrupts it between bytecodes or in the database driver's next
    check; the transaction then rolls back. Only the main thread gets signals: elsewhere
    the block runs unbounded.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise StoreTimeout(f"{seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def memory_limit(memory_mb: int) -> Iterator[None]:
    """This process may grow by `memory_mb` MB of address space in the block (the writer:
    a paper read as a million paragraphs took it to 3.65 GB); past it an allocation raises
    MemoryError, which the writer reports as the file's failure. Workers forked in the
    block set their own limit (a soft limit may be raised up to the hard one)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _address_space() + memory_mb * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY:
        limit = min(limit, soft)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


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
    from jarap.conversion import Conversion, Problem, Status

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


@contextmanager
def paused_collector() -> Iterator[None]:
    """No collection while the writer imports what it needs (SQLAlchemy, the tables, the
    loader: ~80,000 objects that live as long as the process), then all of it frozen out
    of later walks. Even at GC_THRESHOLD one collection came in the middle and walked
    ~50,000 of them (10 M instructions). Not around a fork: a worker would inherit the
    paused collector."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


@contextmanager
def _frozen_for_fork(forked: bool) -> Iterator[None]:
    """Everything this process holds frozen out of the collector while a worker is forked.

    A forked worker has a copy of every object of the writer, garbage not yet collected
    included: a SQLite connection of an engine the writer dropped (a test, a script that
    ingests twice). Collected in the worker, it would be closed there, and SQLite, seeing
    no other connection of its own process, checkpoints and deletes the writer's `-wal`
    (the archive then fails with "disk I/O error"). Frozen, the worker never collects it;
    the writer's own collection goes on as before (unfrozen after the fork, unless it was
    already frozen: `relaxed_collector`)."""
    if not forked:
        yield
        return
    already = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not already:
            gc.unfreeze()


# --- inside a worker -------------------------------------------------------------------------


def _address_space() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * resource.getpagesize()


def _slim(conversion: Conversion) -> Conversion:
    """What the writer needs, without the read blocks and the trace (cheaper to pickle), and
    without the layout scores and column maps: those hold the layout specs, whose unpickling
    would import every layout and reading pipeline into the writer, which stores none of
    them (`jarap inspect` converts in its own process and keeps them)."""
    conversion.trace = []
    conversion.layout, conversion.candidates, conversion.tables = None, [], []
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


PR_SET_PDEATHSIG = 1  # prctl(2) option: the signal this process gets when its parent dies


def die_with_parent(parent: int = 0) -> None:
    """Make this process go when the process that started it goes, however it goes.

    A worker killed with its parent would otherwise convert on at full CPU and then block
    for ever in `send()` (or, idle, in `recv()`), under PID 1. Linux delivers SIGKILL on
    the parent's death (`PR_SET_PDEATHSIG`); the parent (pid `parent`, when known) may have
    died before that was set, hence the check after it. Elsewhere the worker still ends at
    EOF on its pipe, which it sees because no process but the parent holds the parent's end
    (`_close_inherited`).
    """
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent and os.getppid() != parent:
        os._exit(1)


def _close_inherited(fds: tuple[int, ...]) -> None:
    """Close the pipe ends a forked worker inherited from the parent (its own pipe's
    parent end and the other workers' pipes): held open here, they would keep a worker
    from ever seeing EOF once the parent is gone."""
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


# The reader each kind of file needs, by suffix; a kind not named here (an office format
# LibreOffice converts first) loads every reader. numpy is warmed for the PDF reader only:
# OCR, which needs it, reads scanned PDF pages.
_TEXT_READER = ("jarap.ingest.text_reader",)
_PDF_READER = ("jarap.ingest.pdf_reader", "numpy")
_DOCX_READER = ("jarap.ingest.docx_reader",)
EVERY_READER = (*_DOCX_READER, *_PDF_READER, *_TEXT_READER)


def readers_for(paths: Iterable[Path]) -> tuple[str, ...]:
    """The modules a worker loads before it is READY, for files of these kinds only: a
    batch of text files never imports the PDF and Word libraries (and numpy), ~0.2 CPU s of
    a worker's start."""
    from jarap.ingest import READERS

    wanted: set[str] = set()
    for path in paths:
        suffix = path.suffix.lower()
        if suffix == ".pdf":
            wanted.update(_PDF_READER)
        elif suffix == ".docx":
            wanted.update(_DOCX_READER)
        elif READERS.get(suffix) is READERS[".txt"]:
            wanted.update(_TEXT_READER)
        elif suffix in READERS:
            wanted.update(EVERY_READER)
    return tuple(m for m in EVERY_READER if m in wanted)


def preload(modules: Iterable[str]) -> None:
    """Import the readers named, build the owner rules and warm numpy's buffers (OpenBLAS
    allocates them on first use: done after a worker's memory limit is set, a small limit
    fails every OCR with "OpenBLAS error: Memory allocation still failed")."""
    import importlib

    from jarap.extract.owners import find_owners

    for name in modules:
        try:
            module = importlib.import_module(name)
        except ImportError:  # numpy comes with the OCR extra only
            continue
        if name == "numpy":
            module.ones((4, 4)) @ module.ones((4, 4))
    find_owners("Owner: Mr A Smith")  # compiles and caches the tokenizer rules and patterns


def _worker(
    conn: Connection,
    memory_mb: int,
    parent: int = 0,
    inherited: tuple[int, ...] = (),
    readers: tuple[str, ...] = EVERY_READER,
) -> None:
    """Convert the paths sent on `conn` until it closes; send back `READY` once loaded,
    then one Conversion per path.

    A file that fails near the memory limit is reported as over it: the libraries do not
    say so themselves (lxml reports "unknown error", a Python MemoryError has no text).
    The worker then exits, because its peak can never drop again. Ctrl-C is the parent's
    to handle (it stops the workers): a worker ignores SIGINT, so a terminal's Ctrl-C,
    sent to the whole process group, prints no traceback from each worker.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _close_inherited(inherited)
    die_with_parent(parent)  # a fork server's worker dies with the fork server
    preload(readers)
    loaded = set(readers)
    if _PDF_READER[0] in loaded:
        _report_ocr(conn)
    from jarap.convert import Status, convert

    extra = memory_mb * 2**20
    base = _limit_address_space(extra)  # everything conversion needs is loaded first
    over = f"over the memory limit ({memory_mb} MB)"
    gc.freeze()  # (no collection first: it costs ~85 ms of every worker's start)
    gc.set_threshold(*GC_THRESHOLD)
    conn.send(READY)
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        missing = [m for m in readers_for([path]) if m not in loaded]
        if missing:  # a kind of file this worker was not started for: load, then limit
            hard = resource.getrlimit(resource.RLIMIT_AS)[1]
            resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
            preload(missing)
            loaded.update(missing)
            if _PDF_READER[0] in missing:
                _report_ocr(conn)
            base = _limit_address_space(extra)
        try:
            result = _slim(convert(path))
            near_limit = _peak_address_space() >= base + extra * NEAR_LIMIT
            if result.status is Status.FAILED and (near_limit or _is_memory_error(result)):
                result = failed(path, f"{path.name}: {over}", MEMORY_LIMIT)
            conn.send(result)
        except MemoryError:
            # anywhere, sending the result included: reported as the limit, never as a
            # traceback; if even that cannot be sent, the exit status says it
            result = failed(path, f"{path.name}: {over}", MEMORY_LIMIT)
            try:
                conn.send(result)
            except (MemoryError, OSError):
                os._exit(MEMORY_EXIT)
        if result.problems and result.problems[0].code == MEMORY_LIMIT:
            return


def _limit_address_space(extra: int) -> int:
    """Limit this process to what it holds now plus `extra` bytes; return what it held."""
    base = _address_space()
    resource.setrlimit(
        resource.RLIMIT_AS, (base + extra, resource.getrlimit(resource.RLIMIT_AS)[1])
    )
    return base


def _report_ocr(conn: Connection) -> None:
    """Tell the writer before each page OCR reads (`(OCR, page, pages, budget per page)`):
    OCR is slow, so the file's time limit grows by the pages' budget, and the progress bar
    says what the worker is doing. Installed with the PDF reader only (OCR reads PDF pages):
    importing it for a text paper's worker loaded pdfplumber while the paper waited."""
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
        self._ctx: Any = mp.get_context(_start_method())  # typeshed: BaseContext lacks Process
        self._slots: list[_Slot] = []
        self._readers: tuple[str, ...] = ()  # what workers load: the kinds of file known

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _start(self) -> _Slot:
        parent, child = self._ctx.Pipe()
        # a forked worker inherits every pipe end the parent holds: it closes them (a
        # fork server's worker inherits none)
        forked = self._ctx.get_start_method() == "fork"
        inherited = (
            tuple([parent.fileno()] + [s.conn.fileno() for s in self._slots if not s.conn.closed])
            if forked
            else ()
        )
        process = self._ctx.Process(
            target=_worker,
            args=(
                child,
                self.limits.memory_mb,
                os.getpid() if forked else 0,
                inherited,
                self._readers,
            ),
            daemon=True,
        )
        with _frozen_for_fork(forked):
            process.start()
        child.close()
        return _Slot(process, parent)

    def _know(self, paths: Iterable[Path]) -> None:
        """Workers started from now on also load the readers these files need (one started
        earlier imports any other reader when its first such file comes)."""
        known = set(self._readers) | set(readers_for(paths))
        self._readers = tuple(m for m in EVERY_READER if m in known)

    def start(self, workers: int, paths: Iterable[Path] = ()) -> None:
        """Start up to `workers` workers now, before any file is known to need reading, so
        they load the readers and build the owner rules (most of a small batch's time)
        while the writer opens the archive and hashes the files. A worker no file needs is
        stopped at `close`, having cost only CPU on a core the writer was not using.

        The worker imports the readers and reading rules itself, after the fork: the writer
        stores a worker's results with none of them (`jarap.conversion`), so imported here
        they would only lengthen the writer's start-up. `paths` are the files the workers
        will be sent, for which readers to load."""
        self._know(paths)
        while len(self._slots) < min(self.jobs, workers):
            self._slots.append(self._start())

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
        self._know(task.path for task in tasks)
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
                    except MemoryError:  # the writer's own limit (`memory_limit`)
                        result = failed(
                            task.path,
                            f"{task.path.name}: over the memory limit "
                            f"({self.limits.memory_mb} MB) while storing",
                            MEMORY_LIMIT,
                        )
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
                    if slot.process.exitcode == MEMORY_EXIT:
                        over = f"over the memory limit ({self.limits.memory_mb} MB)"
                        result = failed(task.path, f"{task.path.name}: {over}", MEMORY_LIMIT)
                    else:
                        death = _death(slot.process.exitcode)
                        result = failed(task.path, f"{task.path.name}: {death}", "crashed")
                    self._replace(i, pending)
                elif time.monotonic() >= slot.deadline(self.limits.timeout):
                    slot.sent.popleft()
                    result = failed(
                        task.path,
                        f"{task.path.name}: timed out after {self.limits.timeout:g} s "
                        f"(reading stopped{_why_slow(task.path)})",
                        "timeout",
                    )
                    self._replace(i, pending)
                if result is not None:
                    yield task, result


def _why_slow(path: Path) -> str:
    """What may make a file of this kind read for ever, said only where it applies."""
    if path.suffix.lower() == ".pdf":
        return "; the file may loop the PDF interpreter"
    return ""


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        return f"the reader was killed by signal {-exitcode} (out of memory?)"
    return f"the reader stopped unexpectedly (exit status {exitcode})"
