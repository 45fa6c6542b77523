"""`jarap`: a thin command line over the library (each command opens the database, calls
one function and reports).

Every failure a user can cause ends as one `Error: …` line and exit status 1, never a
traceback: `JarapGroup.invoke` turns the library's errors into that line, and Ctrl-C into
exit status 130. Read commands open an existing archive only (`open_archive`), so a typo
in `--db` never creates an empty database. Exit statuses are documented in the README.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from jarap.db.engine import (
    DEFAULT_DB,
    ArchiveError,
    SchemaError,
    check_db_target,
    dispose_engines,
    open_archive,
    open_engine,
    redact_url,
)
from jarap.limits import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, Limits
from jarap.output import escape, one_line, redact

EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

DB_OPTION = click.option(
    "--db",
    default=DEFAULT_DB,
    envvar="JARAP_DB",
    show_default=True,
    show_envvar=True,
    help="SQLite file, or any SQLAlchemy URL (postgresql+psycopg://…).",
)

OVERRIDES_OPTION = click.option(
    "--overrides",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Linking overrides (TOML); default: overrides.toml here, if it exists.",
)


def format_option(*choices: str, default: str = "text") -> Any:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help="text for people, json for scripts (one JSON document on stdout).",
    )


def _library_error(exc: Exception) -> str | None:
    """The one line for an error the user can cause, or None for a real defect."""
    from sqlalchemy.exc import DBAPIError, NoSuchModuleError, OperationalError

    if isinstance(exc, ArchiveError | NoSuchModuleError):
        return str(exc)
    if isinstance(exc, OperationalError):
        return f"cannot use the database: {str(exc.orig or exc).strip().splitlines()[0]}"
    if isinstance(exc, DBAPIError):
        return f"database error: {str(exc.orig or exc).strip().splitlines()[0]}"
    if isinstance(exc, ModuleNotFoundError) and exc.name in ("psycopg", "psycopg2"):
        return f"no PostgreSQL driver ({exc.name}): pip install 'jarap-archive[postgres]'"
    return None


class JarapGroup(click.Group):
    """Library errors as one redacted `Error:` line; Ctrl-C as exit status 130."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("Interrupted: stopped; papers already stored are kept.", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except click.ClickException as exc:
            exc.message = one_line(exc.message, 1000)  # type: ignore[misc]  # Final in click
            raise
        except Exception as exc:
            message = _library_error(exc)
            if message is None:
                raise
            raise click.ClickException(one_line(redact(message), 1000)) from exc


def _run_linker(  # type: ignore[no-untyped-def]
    engine, overrides: Path | None, *, quiet: bool = False, incremental: bool = False
) -> Any:
    """Recompute recommendation ids across papers and print what was linked."""
    from jarap.db.linker import OverrideError, default_overrides, link

    path = default_overrides(overrides)
    try:
        report = link(engine, path, incremental=incremental)
    except OverrideError as exc:
        raise click.ClickException(str(exc)) from exc
    if not quiet:
        click.echo(report.summary() + (f" [overrides: {escape(path)}]" if path else ""))
        for warning in report.warnings:
            click.echo(f"        warning: {one_line(warning)}")
    return report


def _writer(db: str, *, must_exist: bool = False) -> Any:
    """The writing engine behind the same checks and messages as the read commands: a new
    archive is created at the current schema (unless `must_exist`); an archive at an older
    schema, or a server that refuses the connection, is one `Error:` line."""
    from sqlalchemy.exc import OperationalError

    check_db_target(db, must_exist=must_exist)
    try:
        return open_engine(db)
    except SchemaError as exc:
        raise ArchiveError(redact(str(exc))) from exc
    except OperationalError as exc:
        first = str(exc.orig or exc).strip().splitlines()[0]
        raise ArchiveError(f"cannot connect to {redact_url(db)}: {first}") from exc


def _early_workers(db: str, paths: tuple[Path, ...]) -> list[Path]:
    """The files to start workers for before the archive is opened, each worker loading
    the readers those files need and the owner rules on a core of its own while this
    process opens the archive and hashes the files: one per file new to the archive by its
    path (all are to a new one), as many as there are cores besides this process's. None
    for files already loaded: they would only take cores from this process (and from
    others on a busy machine)."""
    from itertools import islice

    from jarap.db.batch import default_jobs
    from jarap.db.engine import stored_paths
    from jarap.ingest import discover, fs_text

    stored = stored_paths(db)
    if stored is None:
        return []
    new = (p for p in discover(paths) if fs_text(str(p.resolve())) not in stored)
    return list(islice(new, default_jobs() - 1))


@contextmanager
def _environment(name: str, value: str | None) -> Iterator[None]:
    """`name` set to `value` (when given) for the block only, so a command run in-process
    (a test, a script) leaves the caller's environment as it was."""
    if value is None:
        yield
        return
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def _json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))


@click.group(cls=JarapGroup, context_settings=CONTEXT)
@click.version_option(package_name="jarap-archive")
def cli() -> None:
    """Archive of audit-panel papers: recommendations, targets and updates into SQL.

    Exit status: 0 all well; 1 an error, a file that failed, or problems found (see each
    command); 2 a usage error; 130 interrupted (Ctrl-C). The database is --db, else the
    JARAP_DB environment variable, else archive.db here.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@DB_OPTION
@click.option("--quiet", "-q", is_flag=True, help="Only print failures and the summary.")
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Also name every file the folder walk left out (other extensions, hidden files …).",
)
@OVERRIDES_OPTION
@format_option("text", "json")
@click.option(
    "--pdf-backend",
    type=click.Choice(["pdfplumber", "pdfium"]),
    envvar="JARAP_PDF_BACKEND",
    default=None,
    help="Library that reads PDFs: pdfium (fast, the default) or pdfplumber (the reference).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes reading papers in parallel  [default: the number of cores]",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds one file may take to read and parse, and again to store, before it fails.",
)
@click.option(
    "--memory",
    "memory_mb",
    type=click.IntRange(min=16),
    default=DEFAULT_MEMORY_MB,
    show_default=True,
    help="Megabytes of memory one file may take to read (in its worker), and again to store.",
)
@click.option(
    "--force", is_flag=True, help="Let a new version replace a loaded one even if it loses records."
)
@click.option("--reparse", is_flag=True, help="Re-extract papers already loaded (same bytes).")
def ingest(
    paths: tuple[Path, ...],
    db: str,
    quiet: bool,
    verbose: bool,
    overrides: Path | None,
    fmt: str,
    pdf_backend: str | None,
    jobs: int | None,
    timeout: float,
    memory_mb: int,
    force: bool,
    reparse: bool,
) -> None:
    """Read papers (PDF, Word, text/HTML; folders recursively) into the database.

    Word 97 .doc, .rtf, .odt and other word-processor files are converted to .docx by
    LibreOffice first (without it, each fails naming the package to install); a
    spreadsheet or slide deck fails with its reason; other files are counted by extension
    in the summary (-v names each).

    Prints one line per paper: file, layout, what was found, warnings. Files already
    loaded (same SHA-256) are skipped, unless parsed by an older extractor (or --reparse);
    a known file at a new path is recorded as moved. A changed file supersedes its old
    version, which is kept; a new version that loses its layout or most of its records is
    refused unless --force. Each file is read in a worker process with a time limit
    (--timeout) and a memory limit (--memory), and stored under the same limits, so one
    bad file never stops or hangs the batch. At the
    end the linker updates recommendation ids across papers (see `jarap link`).
    Exit status 1 when a file failed (`jarap status` lists them), when no paper was found,
    or when nothing was extracted from a file (an unknown layout, or a layout that found
    no recommendation, action or audit: it is stored all the same, and listed by status).

    Example:

    \b
        jarap ingest samples/ --db archive.db --jobs 2
    """
    from jarap.db.batch import Pool, default_jobs, paused_collector, relaxed_collector
    from jarap.ingest.office_convert import CONVERT_TIMEOUT, TIMEOUT_ENV

    # the collector relaxed from here: at the default thresholds the start-up's imports
    # (~100,000 objects kept) set off ~150 collections, and paused while the writer
    # imports them (`paused_collector`); with `main`'s exit, 183 -> 20 M instructions
    with relaxed_collector():
        limits = Limits(timeout=timeout, memory_mb=memory_mb)
        jobs = jobs or default_jobs()
        check_db_target(db, must_exist=False)
        text = fmt == "text"
        # a LibreOffice conversion stops before the worker's own limit would kill it (and
        # orphan LibreOffice); an explicit JARAP_SOFFICE_TIMEOUT is kept
        soffice_limit = os.environ.get(TIMEOUT_ENV) or f"{min(CONVERT_TIMEOUT, 0.75 * timeout):g}"
        with (
            _environment("JARAP_PDF_BACKEND", pdf_backend),  # worker processes inherit it
            _environment(TIMEOUT_ENV, soffice_limit),
            Pool(jobs, limits) as pool,
        ):
            early = _early_workers(db, paths)
            pool.start(len(early), early)
            with paused_collector():  # after the fork: the worker collects as before
                engine = _writer(db)

                from jarap.db.load import IngestOptions
                from jarap.ingest_report import run_ingest

            options = IngestOptions(force=force, reparse=reparse, limits=limits, jobs=jobs)
            outcome = run_ingest(
                engine,
                paths,
                options,
                quiet=quiet,
                db=redact_url(db),
                text=text,
                verbose=verbose,
                pool=pool,
            )
        report = _run_linker(engine, overrides, quiet=not text, incremental=True)
    if not text:
        _json(
            {
                "db": redact_url(db),
                "files": outcome.files,
                "counts": outcome.tally,
                "skipped": outcome.skipped,
                "skipped_extensions": dict(outcome.skipped_files.extensions),
                "skipped_files": [
                    {"path": escape(f.path), "extension": f.extension, "reason": f.reason}
                    for f in outcome.skipped_files.files
                ],
                "link": {"summary": report.summary(), "warnings": report.warnings},
            }
        )
    if outcome.failed or not outcome.files or outcome.unread:
        sys.exit(1)


@cli.command()
@DB_OPTION
def status(db: str) -> None:
    """List what needs attention: files that failed, papers whose file is gone, papers
    parsed by an older extractor, and kept older versions.

    Example:

    \b
        jarap status --db archive.db
    """
    from jarap.db.status import archive_status

    report = archive_status(open_archive(db))
    for line in report.lines():
        click.echo(line)


@cli.command()
@DB_OPTION
@click.option("--dry-run", is_flag=True, help="Only list what would be removed.")
@OVERRIDES_OPTION
def prune(db: str, dry_run: bool, overrides: Path | None) -> None:
    """Remove papers whose file is gone, with all their kept older versions, then relink.

    Each row removed is listed (--dry-run lists the same rows without removing them).

    Nothing else ever removes a paper: a file missing at ingest time is only reported
    by `jarap status`.

    Example:

    \b
        jarap prune --db archive.db --dry-run
    """
    from sqlalchemy.orm import Session

    from jarap.db.prune import prune_missing, prune_plan, prune_summary

    engine = _writer(db, must_exist=True)
    if dry_run:
        with Session(engine) as session:
            plan = prune_plan(session)
    else:
        plan = prune_missing(engine)
    verb = "would remove" if dry_run else "removed"
    for r in plan:
        what = f"kept older version of {r.kept_for}" if r.kept_for else "file gone"
        click.echo(f"{verb} {escape(r.source_path)} ({r.paper_id}, {what})")
    click.echo(prune_summary(plan, dry_run=dry_run))
    if plan and not dry_run:
        _run_linker(engine, overrides)


@cli.group("db")
def db_group() -> None:
    """Manage the archive's schema (Alembic migrations).

    Example:

    \b
        jarap db upgrade --db archive.db
    """


@db_group.command("upgrade")
@DB_OPTION
def db_upgrade(db: str) -> None:
    """Migrate the archive's schema and views to this version (a new file is created).

    An archive made before migrations is recognised and brought up to date.

    Example:

    \b
        jarap db upgrade --db archive.db
    """
    from jarap.db.engine import upgrade

    engine = open_engine(db, create=False)
    before, after = upgrade(engine)
    shown = engine.url.render_as_string(hide_password=True) if "://" in db else db
    if before == after:
        click.echo(f"{shown}: already at {after}")
    else:
        click.echo(f"{shown}: upgraded {before or 'new database'} -> {after}")


@cli.command()
@DB_OPTION
@OVERRIDES_OPTION
def link(db: str, overrides: Path | None) -> None:
    """Relink snapshots across papers: recompute every recommendation_id and the links table.

    Run it after editing the overrides file (merges and splits, see README).

    Example:

    \b
        jarap link --db archive.db --overrides overrides.toml
    """
    open_archive(db).dispose()  # an existing archive, never a new empty one
    _run_linker(_writer(db, must_exist=True), overrides)


@cli.command()
@DB_OPTION
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "xlsx"]),
    default="jsonl",
    show_default=True,
    help="jsonl: the five interchange files; xlsx: one workbook archive.xlsx with a "
    "data_quality sheet (needs the xlsx extra).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite files by the export's names that it did not write itself.",
)
def export(db: str, out: Path, fmt: str, force: bool) -> None:
    """Write the interchange-v1 export (papers, recommendations, actions, audits, history).

    The files are written into a temporary folder inside --out and moved into place at the
    end, so a failure leaves the previous export whole; our own files of the other format
    are removed, so the folder holds one consistent export. Only files an export wrote
    (recorded in .jarap-export.json) are replaced or removed: a file of the same name that
    it did not write stops the export with one line, unless --force.

    Example:

    \b
        jarap export --db archive.db --out export/
        jarap export --db archive.db --out export/ --format xlsx
    """
    engine = open_archive(db)
    try:
        if fmt == "xlsx":
            from jarap.db.export_xlsx import WORKBOOK, export_xlsx

            counts = export_xlsx(engine, out, force=force)
            target = escape(out / WORKBOOK)
        else:
            from jarap.db.export import export_jsonl

            counts = export_jsonl(engine, out, force=force)
            target = escape(out)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        where = escape(exc.filename or out)
        raise click.ClickException(
            f"cannot write the export into {escape(out)}: {exc.strerror or exc} ({where}); "
            "the previous export is unchanged"
        ) from exc
    click.echo(" ".join(f"{name}={n}" for name, n in counts.items()) + f" -> {target}")


@cli.command()
@DB_OPTION
@format_option("text", "json")
@click.option(
    "--brief", is_flag=True, help="One line per paper (and the differences of those that differ)."
)
@click.argument("names", nargs=-1)
def check(db: str, fmt: str, brief: bool, names: tuple[str, ...]) -> None:
    """Each paper's declared counts against what was extracted (total, proposed closed, by
    priority, by RAG, by audit) and its cover tables (proposed closed, target dates) against
    its appendix; where a paper held in two files (twins) reads differently in each; then
    every link below the linker's confidence floor (confirm or split it in overrides.toml);
    every recommendation that vanished without closure. NAMES limit the report to papers
    whose file name contains one of them.

    Exit status 1 when a paper does not reconcile, twins disagree, or a recommendation
    vanished from the tracker without being closed.

    Example:

    \b
        jarap check --db archive.db
        jarap check --db archive.db 2021-07 --format json
    """
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from jarap.check_report import LEGEND, paper_lines
    from jarap.db.export import load_papers, paper_order, vanished_records
    from jarap.db.linker import links_to_review
    from jarap.db.twins import problem_lines
    from jarap.model import PaperRow

    engine = open_archive(db)
    papers: list[dict[str, Any]] = []
    twins: list[dict[str, Any]] = []
    with Session(engine) as session:
        current = select(PaperRow).where(PaperRow.superseded_by.is_(None))  # not kept versions
        rows = sorted(session.scalars(current), key=paper_order)
        files = {p.paper_id: p.source_file for p in rows}
        for p in rows:
            if names and not any(n in p.source_file for n in names):
                continue
            if p.twin_of is not None and p.twin_problems:
                kept = files.get(p.twin_of, p.twin_of)
                twins.append(
                    {"source_file": p.source_file, "twin_of": kept, "lines": problem_lines(p, kept)}
                )
            papers.append(
                {
                    "source_file": p.source_file,
                    "paper_id": p.paper_id,
                    "declared": (p.declared_counts or {}).get("total"),
                    "extracted": (p.extracted_counts or {}).get("total"),
                    "reconciled": p.reconciled,
                    "layout": p.layout,
                    "reconciliation": p.reconciliation,
                    "cover_checks": p.cover_checks,
                    "warnings": list(p.warnings or []) if p.reconciled is False else [],
                }
            )
        review = links_to_review(session)
        vanished = vanished_records(load_papers(session))
        if names:
            vanished = [v for v in vanished if any(n in v["source_file"] for n in names)]
    unmatched = [n for n in names if not any(n in p["source_file"] for p in papers)]
    if unmatched:
        raise click.ClickException(
            "no paper's file name contains "
            + ", ".join(repr(escape(n)) for n in unmatched)
            + " (jarap check --brief lists every paper)"
        )
    bad = sum(1 for p in papers if p["reconciled"] is False)
    if fmt == "json":
        ok = not bad and not vanished and not twins
        _json({"ok": ok, "papers": papers, "twins": twins, "review": review, "vanished": vanished})
    else:
        if not brief and papers:
            click.echo(LEGEND)
        for paper in papers:
            lines = paper_lines(paper)
            if brief:
                lines = lines[:1] + [f"    {one_line(w)}" for w in paper["warnings"]]
            for line in lines:
                click.echo(line)
        if bad:
            click.echo(f"{bad} paper(s) do not reconcile")
        for t in twins:
            click.echo(
                f"twin {escape(t['source_file'])} of {escape(t['twin_of'])}: "
                f"{len(t['lines'])} disagreement(s)"
            )
            for line in t["lines"]:
                click.echo(f"    {one_line(escape(line))}")
        for r in review:
            click.echo(f"link to review: {one_line(escape(r['line']))}")
        for v in vanished:
            what = f"{v['audit_title']} {v['ref'] or v['title']!r}"
            click.echo(f"warning: {one_line(what + ' ' + v['warning'])}")
        if vanished:
            click.echo(f"{len(vanished)} recommendation(s) vanished without closure")
    if bad or vanished or twins:
        sys.exit(1)


@cli.command("sql")
@click.argument("statement", required=False)
@click.option(
    "--file",
    "-f",
    "query_file",
    type=click.File("r", encoding="utf-8"),
    default=None,
    help="Read the query from FILE ('-' for stdin); `jarap sql -` reads stdin too.",
)
@DB_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "jsonl"]),
    default="table",
    show_default=True,
    help="csv cells that a spreadsheet would run as a formula (= + - @ TAB CR) get a "
    "leading ' ; json is one array, jsonl one object per line.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Write the result to FILE instead of stdout.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds the query may run before it is stopped.",
)
@click.option(
    "--allow-superuser",
    is_flag=True,
    help="Run on PostgreSQL as a superuser (refused by default: a read-only transaction "
    "does not bound one).",
)
def sql_command(
    statement: str | None,
    query_file: Any,
    db: str,
    fmt: str,
    output: Path | None,
    timeout: float,
    allow_superuser: bool,
) -> None:
    """Run one read-only SQL query on the archive (tables and v_* views, docs/schema.md).

    The database is opened read-only and may only be read: a statement that writes,
    ATTACH and VACUUM INTO fail with an error and change nothing, create nothing. The
    query is stopped after --timeout seconds or at Ctrl-C; rows are written as they come.

    Example:

    \b
        jarap sql "SELECT * FROM v_slippage WHERE revisions >= 3" --db archive.db
        jarap sql "SELECT * FROM v_overdue" --format csv -o overdue.csv
        jarap sql -f questions.sql --format json
        echo "SELECT COUNT(*) FROM papers" | jarap sql -
    """
    from jarap.db.sql import QueryError, refused, stream_query, write_rows

    if query_file is not None and statement is not None:
        raise click.UsageError("give the query as STATEMENT or with --file, not both")
    if query_file is not None:
        statement = query_file.read()
    elif statement == "-":
        statement = sys.stdin.read()
    elif statement is None:
        raise click.UsageError('no query: jarap sql "SELECT …", jarap sql -f FILE or jarap sql -')
    engine = open_archive(db)
    try:
        with (
            _output(output) as out,
            stream_query(
                engine, statement, timeout=timeout, allow_superuser=allow_superuser
            ) as stream,
        ):
            count = write_rows(stream.columns, stream.batches, fmt, out)
    except QueryError as exc:
        raise click.ClickException(str(refused(exc, statement))) from exc
    finally:
        engine.dispose()
    if output is not None:
        click.echo(f"{count} row(s) -> {escape(output)}", err=True)


@contextmanager
def _output(output: Path | None) -> Iterator[Any]:
    """Where streamed rows go: stdout, or a file that appears whole only when the query
    ended well (written beside it, then renamed)."""
    if output is None:
        yield sys.stdout
        return
    partial = output.with_name(f".{output.name}.partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as fh:
            yield fh
        partial.replace(output)
    except OSError as exc:
        raise click.ClickException(f"cannot write {escape(output)}: {exc.strerror or exc}") from exc
    finally:
        partial.unlink(missing_ok=True)


def _write(text: str, output: Path | None, what: str) -> None:
    if output is None:
        click.echo(text)
        return
    try:
        output.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {escape(output)}: {exc.strerror or exc}") from exc
    click.echo(f"{what} -> {escape(output)}", err=True)


@cli.command()
@DB_OPTION
@format_option("table", "json", default="table")
def tables(db: str, fmt: str) -> None:
    """List the archive's tables and views with their row counts.

    Example:

    \b
        jarap tables --db archive.db
    """
    from jarap.db.sql import format_result, table_counts

    engine = open_archive(db)
    try:
        result = table_counts(engine)
    finally:
        engine.dispose()
    click.echo(format_result(result, fmt))


@cli.command()
@DB_OPTION
@click.option(
    "--plot",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also draw each recommendation's first and latest target as a dumbbell chart "
    "(PNG; needs the plot extra: matplotlib).",
)
@format_option("table", "json", default="table")
def slippage(db: str, plot: Path | None, fmt: str) -> None:
    """Print how far each recommendation's target slipped (first stated target to latest).

    Example:

    \b
        jarap slippage --db archive.db --plot slippage.png
    """
    from jarap.db.sql import SLIPPAGE_SQL, QueryError, format_result, run_query

    engine = open_archive(db)
    try:
        result = run_query(engine, SLIPPAGE_SQL)
        click.echo(format_result(result, fmt))
        if plot is not None:
            from jarap.db.plot import plot_slippage

            drawn, total = plot_slippage(engine, str(plot))
            rest = f" ({total - drawn} without a readable target date)" if total > drawn else ""
            click.echo(
                f"plot of {drawn} of {total} recommendation(s){rest} -> {escape(plot)}", err=True
            )
    except QueryError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        engine.dispose()


@cli.command()
@DB_OPTION
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to FILE instead of stdout.",
)
def metadata(db: str, output: Path | None) -> None:
    """Print Datasette metadata (the analyst questions as canned queries) for this archive.

    Datasette keys canned queries by the database's file name, so they are written for
    the file --db names; the archive is not opened.

    Example:

    \b
        datasette court.db --metadata <(jarap metadata --db court.db)
    """
    from jarap.db.queries import datasette_name, metadata_yaml

    _write(metadata_yaml(datasette_name(db)).rstrip("\n"), output, "metadata")


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object, for scripts.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds reading and parsing may take before the file fails.",
)
def inspect(file: Path, as_json: bool, timeout: float) -> None:
    """Show how one paper is read: each candidate layout's score and evidence, the blocks
    found, the problems, and for every record each field with its provenance (page, block
    locator into the read document, source text). Nothing is stored. The file is read in a
    child process with a time limit (--timeout) and a memory limit, as ingest does.

    Exit status: 0 when the file was read (with or without problems), 1 when it failed.

    Example:

    \b
        jarap inspect samples/tracker-2022/northshire-tracker-2025-09.pdf
        jarap inspect paper.docx --json | jq '.records[0].provenance.status'
    """
    from jarap.bounded import ChildDied, OutOfTime, run_bounded
    from jarap.db.batch import DEFAULT_MEMORY_MB
    from jarap.inspection import inspect_file, render_text

    try:
        report, failed = run_bounded(
            inspect_file, file, timeout=timeout, memory_mb=DEFAULT_MEMORY_MB
        )
    except OutOfTime:
        raise click.ClickException(
            f"{escape(file)}: timed out after {timeout:g} s (reading stopped; see --timeout)"
        ) from None
    except MemoryError:
        raise click.ClickException(
            f"{escape(file)}: over the memory limit ({DEFAULT_MEMORY_MB} MB)"
        ) from None
    except ChildDied as exc:
        raise click.ClickException(f"{escape(file)}: the reader stopped ({exc})") from None
    if as_json:
        _json(report)
    else:
        click.echo(render_text(report))
    if failed:
        sys.exit(1)


def main() -> None:
    """The `jarap` program: the command, then an exit without the interpreter's last
    collection, which walked every object the command had loaded (~7% of the instructions
    of a small `jarap ingest`); the engines are disposed first, so SQLite closes as it did
    when that collection closed it."""
    try:
        cli(prog_name="jarap")
    finally:
        dispose_engines()
        gc.freeze()


if __name__ == "__main__":
    main()
