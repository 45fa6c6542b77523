"""`jarap`: a thin command line over the library (each command opens the database, calls
one function and reports). Library errors become `Error: …` lines, never tracebacks."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from jarap.db.engine import DEFAULT_DB, open_engine

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


def _run_linker(engine, overrides: Path | None) -> None:  # type: ignore[no-untyped-def]
    """Recompute recommendation ids across papers and print what was linked."""
    from jarap.db.linker import OverrideError, default_overrides, link

    path = default_overrides(overrides)
    try:
        report = link(engine, path)
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
    "--pdf-backend",
    type=click.Choice(["pdfplumber", "pdfium"]),
    envvar="JARAP_PDF_BACKEND",
    default=None,
    help="Library that reads PDFs: pdfium (fast, the default) or pdfplumber (the reference).",
)
def ingest(
    paths: tuple[Path, ...], db: str, quiet: bool, overrides: Path | None, pdf_backend: str | None
) -> None:
    """Read papers (PDF, Word, text/HTML; folders recursively) into the database.

    Prints one line per paper: file, layout, what was found, warnings. Files already
    loaded (same SHA-256) are skipped; one bad file never stops the batch. At the end
    the linker recomputes recommendation ids across all papers (see `jarap link`).

    Example:

    \b
        jarap ingest samples/ --db archive.db
    """
    from jarap.convert import Status
    from jarap.db.load import ingest_paths

    if pdf_backend:
        os.environ["JARAP_PDF_BACKEND"] = pdf_backend  # worker processes inherit it
    engine = open_engine(db)
    started = time.perf_counter()
    tally: dict[str, int] = {}
    for result in ingest_paths(engine, paths):
        key = result.action if result.status is Status.SUCCESS else result.status.value
        tally[key or result.status.value] = tally.get(key or result.status.value, 0) + 1
        if result.status is Status.FAILED:
            click.echo(f"FAILED  {result.path}: {result.error}", err=True)
            continue
        if quiet:
            continue
        if result.status is Status.UNCHANGED:
            click.echo(f"same    {result.path} (already loaded)")
            continue
        word = result.action if result.status is Status.SUCCESS else result.status.value
        line = f"{word:7} {result.path}  layout={result.layout}  "
        line += f"recommendations={result.recommendations}"
        if result.actions:
            line += f" actions={result.actions}"
        if result.status is not Status.SUCCESS:
            line += f"  ({result.action} with {len(result.warnings)} problem(s))"
        click.echo(line)
        for warning in result.warnings:
            click.echo(f"        warning: {warning}")
    summary = ", ".join(f"{n} {status}" for status, n in sorted(tally.items()))
    click.echo(f"{summary or 'no papers found'} in {time.perf_counter() - started:.1f}s -> {db}")
    _run_linker(engine, overrides)
    if tally.get(Status.FAILED.value):
        sys.exit(1)


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
