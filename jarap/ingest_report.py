"""What `jarap ingest` prints: one line per file, a summary, and on a terminal a progress
bar (rich) with files done, pages/s and failures; plain lines only otherwise, so logs and
pipes stay clean."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import click
from sqlalchemy import Engine

from jarap.convert import Status
from jarap.db.load import FileResult, IngestOptions, ingest_paths
from jarap.ingest import discover


def result_lines(result: FileResult, quiet: bool) -> list[tuple[str, bool]]:
    """The lines for one file, each with whether it goes to stderr."""
    if result.status is Status.FAILED:
        return [(f"FAILED  {result.path}: {result.error}", True)]
    if quiet:
        return []
    if result.status is Status.UNCHANGED:
        if result.action == "moved":
            return [(f"moved   {result.path} (was {result.detail})", False)]
        if result.action == "same":
            return [(f"same    {result.path} (already loaded as {result.detail})", False)]
        return [(f"same    {result.path} (already loaded)", False)]
    if result.action == "reinstated":
        return [(f"reinstated {result.path} (back to a kept earlier version)", False)]
    word = result.action if result.status is Status.SUCCESS else result.status.value
    line = f"{word:7} {result.path}  layout={result.layout}  "
    line += f"recommendations={result.recommendations}"
    if result.actions:
        line += f" actions={result.actions}"
    if result.status is not Status.SUCCESS:
        line += f"  ({result.action} with {len(result.warnings)} problem(s))"
    return [(line, False)] + [(f"        warning: {w}", False) for w in result.warnings]


def _tally_key(result: FileResult) -> str:
    if result.status is Status.SUCCESS:
        return result.action or result.status.value
    if result.status is Status.UNCHANGED and result.action == "moved":
        return "moved"
    return result.status.value


def run_ingest(
    engine: Engine, paths: Iterable[Path], options: IngestOptions, *, quiet: bool, db: str
) -> int:
    """Ingest, print, and return how many files failed."""
    files = list(discover(paths))
    started = time.perf_counter()
    tally: dict[str, int] = {}
    pages = 0

    def each(emit: Callable[[str, bool], None], advance: Callable[[FileResult], None]) -> None:
        nonlocal pages
        for result in ingest_paths(engine, files, options):
            key = _tally_key(result)
            tally[key] = tally.get(key, 0) + 1
            pages += result.pages
            for line, err in result_lines(result, quiet):
                emit(line, err)
            advance(result)

    if sys.stderr.isatty() and files:
        _with_progress(each, len(files), tally, lambda: pages, started)
    else:
        each(lambda line, err: click.echo(line, err=err), lambda _r: None)
    summary = ", ".join(f"{n} {status}" for status, n in sorted(tally.items()))
    elapsed = time.perf_counter() - started
    click.echo(f"{summary or 'no papers found'} in {elapsed:.1f}s -> {db}")
    return tally.get(Status.FAILED.value, 0)


def _with_progress(each, total, tally, pages, started) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    columns = (
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} pages/s  {task.fields[failed]} failed"),
    )
    # no refresh thread: the writer stays single-threaded, so workers can be forked safely
    with Progress(*columns, console=console, transient=True, auto_refresh=False) as progress:
        bar = progress.add_task("ingest", total=total, rate="0.0", failed=0)

        def emit(line: str, err: bool) -> None:
            progress.console.print(line, markup=False, highlight=False, soft_wrap=True)

        def advance(_result: FileResult) -> None:
            rate = pages() / max(1e-6, time.perf_counter() - started)
            failed = tally.get(Status.FAILED.value, 0)
            progress.update(bar, advance=1, rate=f"{rate:.1f}", failed=failed, refresh=True)

        each(emit, advance)
