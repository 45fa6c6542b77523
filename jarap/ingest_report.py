"""What `jarap ingest` prints: one line per file, a summary, and on a terminal a progress
bar (rich) with files done, pages/s and failures; plain lines only otherwise, so logs and
pipes stay clean."""

from __future__ import annotations

import dataclasses
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from sqlalchemy import Engine

from jarap.conversion import Status
from jarap.db.load import FileResult, IngestOptions, ingest_paths
from jarap.db.skipped import record_skipped
from jarap.ingest import discover, walked_extensions
from jarap.output import Skipped, escape, one_line, reason, skipped_in

if TYPE_CHECKING:
    from jarap.db.batch import Pool


def result_lines(result: FileResult, quiet: bool) -> list[tuple[str, bool]]:
    """The lines for one file, each with whether it goes to stderr: the file named once,
    escaped (a control character in a name cannot fake a line), every warning one line."""
    name = escape(result.path)
    if result.status is Status.FAILED:
        return [(f"FAILED  {name}: {one_line(reason(result.error, result.path))}", True)]
    if quiet:
        return []
    if result.status is Status.UNCHANGED:
        if result.action == "moved":
            return [(f"moved   {name} (was {escape(result.detail)})", False)]
        if result.action == "same":
            return [(f"same    {name} (already loaded as {escape(result.detail)})", False)]
        return [(f"same    {name} (already loaded)", False)]
    if result.action == "reinstated":
        return [(f"reinstated {name} (back to a kept earlier version)", False)]
    word = result.action if result.status is Status.SUCCESS else result.status.value
    line = f"{word:7} {name}  layout={result.layout}  "
    line += f"recommendations={result.recommendations}"
    if result.actions:
        line += f" actions={result.actions}"
    if result.audits:
        line += f" audits={result.audits}"
    if result.status is not Status.SUCCESS:
        line += f"  ({result.action} with {len(result.warnings)} problem(s))"
    return [(line, False)] + [(f"        warning: {one_line(w)}", False) for w in result.warnings]


def file_record(result: FileResult) -> dict[str, Any]:
    """One file's result for `--format json`."""
    return {
        "path": escape(result.path),
        "status": result.status.value,
        "action": result.action,
        "layout": result.layout,
        "recommendations": result.recommendations,
        "actions": result.actions,
        "audits": result.audits,
        "warnings": list(result.warnings),
        "error": reason(result.error, result.path) if result.error else None,
        "paper_id": result.paper_id,
    }


@dataclass
class IngestOutcome:
    """What a batch did, for the summary, `--format json` and the exit status."""

    files: list[dict[str, Any]] = field(default_factory=list)
    tally: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    skipped_files: Skipped = field(default_factory=Skipped)
    unknown: int = 0
    unread: int = 0  # stored, but nothing extracted (any layout, unknown included)

    @property
    def failed(self) -> int:
        return self.tally.get(Status.FAILED.value, 0)


def _tally_key(result: FileResult) -> str:
    if result.status is Status.SUCCESS:
        return result.action or result.status.value
    if result.status is Status.UNCHANGED and result.action == "moved":
        return "moved"
    return result.status.value


def run_ingest(
    engine: Engine,
    paths: Iterable[Path],
    options: IngestOptions,
    *,
    quiet: bool,
    db: str,
    text: bool = True,
    verbose: bool = False,
    pool: Pool | None = None,
) -> IngestOutcome:
    """Ingest and print (as text, or nothing when `text` is off: the caller prints JSON);
    files are read by `pool` when given (see `ingest_paths`)."""
    paths = list(paths)
    files = list(discover(paths))
    started = time.perf_counter()
    outcome = IngestOutcome()
    tally = outcome.tally
    pages = 0

    def each(
        emit: Callable[[str, bool], None],
        advance: Callable[[FileResult], None],
        note: Callable[[Path, str], None] | None = None,
    ) -> None:
        nonlocal pages
        run_options = dataclasses.replace(options, on_note=note) if note else options
        for result in ingest_paths(engine, files, run_options, pool):
            key = _tally_key(result)
            tally[key] = tally.get(key, 0) + 1
            pages += result.pages
            outcome.unknown += result.layout == "unknown"
            outcome.unread += result.read and not result.records
            outcome.files.append(file_record(result))
            if text:
                for line, err in result_lines(result, quiet):
                    emit(line, err)
            advance(result)

    if text and sys.stderr.isatty() and files:
        _with_progress(each, len(files), tally, lambda: pages, started)
    else:
        each(lambda line, err: click.echo(line, err=err), lambda _r: None)
    skipped = skipped_in(paths, walked_extensions())
    outcome.skipped = dict(skipped.counts)
    outcome.skipped_files = skipped
    record_skipped(engine, paths, skipped)
    if text:
        if verbose:
            for line in skipped.listing():
                click.echo(line)
        summary = ", ".join(f"{n} {status}" for status, n in sorted(tally.items()))
        summary = summary or f"no papers found in {', '.join(escape(p) for p in paths)}"
        if skipped.total:
            summary += f"; {skipped.summary()}"
        elapsed = time.perf_counter() - started
        click.echo(f"{summary} in {elapsed:.1f}s -> {db}")
    return outcome


def _with_progress(each, total, tally, pages, started) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    columns = (
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} pages/s  {task.fields[failed]} failed"),
        TextColumn("{task.fields[note]}"),  # what a worker is doing when slow: OCR
    )
    # no refresh thread: the writer stays single-threaded, so workers can be forked safely
    with Progress(*columns, console=console, transient=True, auto_refresh=False) as progress:
        bar = progress.add_task("ingest", total=total, rate="0.0", failed=0, note="")

        def emit(line: str, err: bool) -> None:
            progress.console.print(line, markup=False, highlight=False, soft_wrap=True)

        def advance(_result: FileResult) -> None:
            rate = pages() / max(1e-6, time.perf_counter() - started)
            failed = tally.get(Status.FAILED.value, 0)
            progress.update(
                bar, advance=1, rate=f"{rate:.1f}", failed=failed, note="", refresh=True
            )

        def note(_path: Path, what: str) -> None:
            progress.update(bar, note=what[:60], refresh=True)

        each(emit, advance, note)
