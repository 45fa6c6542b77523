"""`jarap`: a thin command line over the library (each command opens the database, calls
one function and reports). Library errors become `Error: …` lines, never tracebacks."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from jarap.db.batch import DEFAULT_TIMEOUT, Limits
from jarap.db.engine import DEFAULT_DB, SchemaError, open_engine
from jarap.db.load import IngestOptions

DB_OPTION = click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    help="SQLite file, or any SQLAlchemy URL (postgresql+psycopg://…).",
)


OVERRIDES_OPTION = click.option(
    "--overrides",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Linking overrides (TOML); default: overrides.toml here, if it exists.",
)


def _writer(db: str, *, must_exist: bool = False):  # type: ignore[no-untyped-def]
    """The writing engine (a new archive is created at the current schema unless
    `must_exist`); an archive at an older schema is an `Error:` line."""
    _require_archive(db, must_exist)
    try:
        return open_engine(db)
    except SchemaError as exc:
        raise click.ClickException(str(exc)) from exc


def _require_archive(db: str, must_exist: bool) -> None:
    if must_exist and "://" not in db and not Path(db).expanduser().exists():
        raise click.ClickException(f'no archive at {db} - run "jarap ingest" first')


def _reader(db: str):  # type: ignore[no-untyped-def]
    """A read-only engine on an existing archive at the current schema."""
    from jarap.db.engine import current_revision, head_revision, open_readonly_engine

    _require_archive(db, True)
    engine = open_readonly_engine(db)
    revision = current_revision(engine)
    if revision != head_revision():
        engine.dispose()
        shown = revision or "from before migrations"
        raise click.ClickException(
            f"{db}: archive schema is {shown}, this version needs {head_revision()}: run "
            f'"jarap db upgrade --db {db}" first'
        )
    return engine


def _run_linker(engine, overrides: Path | None, incremental: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Recompute recommendation ids across papers and print what was linked."""
    from jarap.db.linker import OverrideError, default_overrides, link

    path = default_overrides(overrides)
    try:
        report = link(engine, path, incremental=incremental)
    except OverrideError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(report.summary() + (f" [overrides: {path}]" if path else ""))
    for warning in report.warnings:
        click.echo(f"        warning: {warning}")


@click.group()
@click.version_option(package_name="jarap-archive")
def cli() -> None:
    """Archive of audit-panel papers: recommendations, targets and updates into SQL."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@DB_OPTION
@click.option("--quiet", "-q", is_flag=True, help="Only print failures and the summary.")
@OVERRIDES_OPTION
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
    help="Seconds one file may take to read and parse before it fails.",
)
@click.option(
    "--force", is_flag=True, help="Let a new version replace a loaded one even if it loses records."
)
@click.option("--reparse", is_flag=True, help="Re-extract papers already loaded (same bytes).")
def ingest(
    paths: tuple[Path, ...],
    db: str,
    quiet: bool,
    overrides: Path | None,
    jobs: int | None,
    timeout: float,
    force: bool,
    reparse: bool,
) -> None:
    """Read papers (PDF, Word, text/HTML; folders recursively) into the database.

    Prints one line per paper: file, layout, what was found, warnings. Files already
    loaded (same SHA-256) are skipped, unless parsed by an older extractor (or --reparse);
    a known file at a new path is recorded as moved. A changed file supersedes its old
    version, which is kept; a new version that loses its layout or most of its records is
    refused unless --force. Each file is read in a worker process with a time limit
    (--timeout) and a memory limit (2 GB above an idle worker), so one bad file never
    stops or hangs the batch. At the end the linker updates recommendation ids across
    papers (see `jarap link`).
    Exit status 1 when any file failed (`jarap status` lists them).

    Example:

    \b
        jarap ingest samples/ --db archive.db --jobs 2
    """
    from jarap.ingest_report import run_ingest

    options = IngestOptions(force=force, reparse=reparse, limits=Limits(timeout=timeout))
    if jobs:
        options.jobs = jobs
    engine = _writer(db)
    failures = run_ingest(engine, paths, options, quiet=quiet, db=db)
    _run_linker(engine, overrides, incremental=True)
    if failures:
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

    report = archive_status(_reader(db))
    for line in report.lines():
        click.echo(line)


@cli.command()
@DB_OPTION
@click.option("--dry-run", is_flag=True, help="Only list what would be removed.")
@OVERRIDES_OPTION
def prune(db: str, dry_run: bool, overrides: Path | None) -> None:
    """Remove papers whose file is gone (and their kept older versions), then relink.

    Nothing else ever removes a paper: a file missing at ingest time is only reported
    by `jarap status`.

    Example:

    \b
        jarap prune --db archive.db --dry-run
    """
    from sqlalchemy.orm import Session

    from jarap.db.load import missing_files, prune_missing

    engine = _writer(db, must_exist=True)
    if dry_run:
        with Session(engine) as session:
            gone = [(p.source_path, p.paper_id) for p in missing_files(session)]
    else:
        gone = prune_missing(engine)
    verb = "would remove" if dry_run else "removed"
    for path, paper_id in gone:
        click.echo(f"{verb} {path} ({paper_id})")
    click.echo(f"{len(gone)} paper(s) {verb}")
    if gone and not dry_run:
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
    _run_linker(open_engine(db), overrides)


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
def export(db: str, out: Path, fmt: str) -> None:
    """Write the interchange-v1 export (papers, recommendations, actions, audits, history).

    Example:

    \b
        jarap export --db archive.db --out export/
        jarap export --db archive.db --out export/ --format xlsx
    """
    if fmt == "xlsx":
        from jarap.db.export_xlsx import WORKBOOK, export_xlsx

        try:
            counts = export_xlsx(open_engine(db), out)
        except RuntimeError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(" ".join(f"{name}={n}" for name, n in counts.items()) + f" -> {out / WORKBOOK}")
        return
    from jarap.db.export import export_jsonl

    counts = export_jsonl(open_engine(db), out)
    click.echo(" ".join(f"{name}={n}" for name, n in counts.items()) + f" -> {out}")


@cli.command()
@DB_OPTION
def check(db: str) -> None:
    """List each paper's declared counts against what was extracted, and why they differ.

    Example:

    \b
        jarap check --db archive.db
    """
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from jarap.model import PaperRow

    engine = open_engine(db)
    bad = 0
    with Session(engine) as session:
        for p in session.scalars(select(PaperRow).order_by(PaperRow.paper_date)):
            declared = (p.declared_counts or {}).get("total")
            found = (p.extracted_counts or {}).get("total")
            state = {True: "ok", False: "MISMATCH", None: "no counts"}[p.reconciled]
            click.echo(f"{p.source_file}: declared={declared} extracted={found} {state}")
            if p.reconciled is False:
                bad += 1
                for w in p.warnings or []:
                    click.echo(f"    {w}")
    if bad:
        click.echo(f"{bad} paper(s) do not reconcile")
    from jarap.db.export import load_papers, vanished_records

    with Session(engine) as session:
        vanished = vanished_records(load_papers(session))
    for v in vanished:
        click.echo(f"warning: {v['audit_title']} {v['ref'] or v['title']!r} {v['warning']}")
    if vanished:
        click.echo(f"{len(vanished)} recommendation(s) vanished without closure")


@cli.command("sql")
@click.argument("statement")
@DB_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
def sql_command(statement: str, db: str, fmt: str) -> None:
    """Run one read-only SQL query on the archive (tables and v_* views, docs/schema.md).

    The database is opened read-only: a statement that writes fails and changes nothing.

    Example:

    \b
        jarap sql "SELECT * FROM v_slippage WHERE revisions >= 3" --db archive.db
        jarap sql "SELECT * FROM v_overdue" --format csv > overdue.csv
    """
    from jarap.db.sql import QueryError, format_result, query

    try:
        result = query(db, statement)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(format_result(result, fmt))


@cli.command()
@DB_OPTION
@click.option(
    "--plot",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also draw the slippage as a bar chart (PNG; needs the plot extra: matplotlib).",
)
def slippage(db: str, plot: Path | None) -> None:
    """Print how far each recommendation's target slipped (first stated target to latest).

    Example:

    \b
        jarap slippage --db archive.db --plot slippage.png
    """
    from jarap.db.sql import SLIPPAGE_SQL, QueryError, format_table, plot_slippage, run_query

    try:
        result = run_query(open_engine(db), SLIPPAGE_SQL)
        click.echo(format_table(result.columns, result.rows))
        if plot is not None:
            plot_slippage(result, str(plot))
            click.echo(f"plot -> {plot}")
    except QueryError as exc:
        raise click.ClickException(str(exc)) from exc


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
