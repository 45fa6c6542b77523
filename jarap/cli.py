"""`jarap`: a thin command line over the library (each command opens the database, calls
one function and reports). Library errors become `Error: …` lines, never tracebacks."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from db.engine import DEFAULT_DB, open_engine

DB_OPTION = click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    help="SQLite file, or any SQLAlchemy URL (postgresql+psycopg://…).",
)


@click.group()
@click.version_option(package_name="jarap-archive")
def cli() -> None:
    """Archive of audit-panel papers: recommendations, targets and updates into SQL."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@DB_OPTION
@click.option("--quiet", "-q", is_flag=True, help="Only print failures and the summary.")
def ingest(paths: tuple[Path, ...], db: str, quiet: bool) -> None:
    """Read papers (PDF, Word, text/HTML; folders recursively) into the database.

    Prints one line per paper: file, layout, what was found, warnings. Files already
    loaded (same SHA-256) are skipped; one bad file never stops the batch.

    Example:

    \b
        jarap ingest samples/ --db archive.db
    """
    from db.load import ingest_paths

    engine = open_engine(db)
    started = time.perf_counter()
    tally: dict[str, int] = {}
    for result in ingest_paths(engine, paths):
        tally[result.status] = tally.get(result.status, 0) + 1
        if result.status == "failed":
            click.echo(f"FAILED  {result.path}: {result.error}", err=True)
            continue
        if quiet:
            continue
        if result.status == "unchanged":
            click.echo(f"same    {result.path} (already loaded)")
            continue
        line = f"{result.status:7} {result.path}  layout={result.layout}  "
        line += f"recommendations={result.recommendations}"
        if result.actions:
            line += f" actions={result.actions}"
        click.echo(line)
        for warning in result.warnings:
            click.echo(f"        warning: {warning}")
    summary = ", ".join(f"{n} {status}" for status, n in sorted(tally.items()))
    click.echo(f"{summary or 'no papers found'} in {time.perf_counter() - started:.1f}s -> {db}")
    if tally.get("failed"):
        sys.exit(1)


@cli.command()
@DB_OPTION
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path))
def export(db: str, out: Path) -> None:
    """Write the interchange-v1 export (papers, recommendations, actions, audits, history).

    Example:

    \b
        jarap export --db archive.db --out export/
    """
    from db.export import export_jsonl

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

    from model import PaperRow

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


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
