"""Start-up does only what the command needs (issue 20, item 15): counted in modules
imported, not in seconds (a timed test would measure the machine's load)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from jarap.cli import cli
from jarap.db.engine import head_revision, open_engine, upgrade

HEAVY = (
    "spacy",
    "alembic",
    "sqlalchemy",
    "sqlalchemy.orm",
    "jarap.convert",
    "jarap.db.batch",
    "pdfplumber",
)
LOADED_AFTER = """
import atexit, sys
heavy = {heavy!r}
atexit.register(lambda: print("loaded:", sorted(m for m in heavy if m in sys.modules)))
sys.argv = ["jarap", *sys.argv[1:]]
from jarap.cli import main
main()
"""


def _loaded(*args: str, cwd: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", LOADED_AFTER.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("loaded:"))
    return eval(line.removeprefix("loaded:"))  # noqa: S307 - our own printed list


def test_cli_import_and_help_load_no_database_reader_or_spacy_module(tmp_path: Path) -> None:
    """`import jarap.cli` and `jarap --help` load click and the command line only: no
    SQLAlchemy (0.15 s), Alembic, reader or spaCy (1 s)."""
    imported = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys, jarap.cli; print([m for m in {HEAVY!r} if m in sys.modules])",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert imported.stdout.strip() == "[]"
    assert _loaded("--help", cwd=tmp_path) == []


def test_ingest_of_a_loaded_paper_loads_no_reader_spacy_or_migrations(tmp_path: Path) -> None:
    paper = sorted(SAMPLES.glob("*/*.txt"))[0]
    db = str(tmp_path / "a.db")
    first = _loaded("ingest", str(paper), "--db", db, "-q", cwd=tmp_path)
    assert "sqlalchemy.orm" in first  # it stored the paper
    again = _loaded("ingest", str(paper), "--db", db, "-q", cwd=tmp_path)
    assert "spacy" not in again and "alembic" not in again and "pdfplumber" not in again


def _schema(db: str) -> list[tuple[str, str, str, str]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
        version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    return sorted(rows, key=str) + [("alembic_version", *v, "", "") for v in version]


def test_a_new_archive_from_the_schema_snapshot_equals_one_built_by_the_migrations(
    tmp_path: Path,
) -> None:
    """A new SQLite archive is made from `db/sqlite_head.sql` without Alembic; the same
    `sqlite_master` (every table, column, default, constraint, index and view, as SQL) and
    the same stamp as running every migration, or the snapshot is stale."""
    migrated, replayed = str(tmp_path / "migrated.db"), str(tmp_path / "replayed.db")
    engine = open_engine(migrated, create=False)
    assert upgrade(engine, from_snapshot=False) == (None, head_revision())
    engine.dispose()
    engine = open_engine(replayed)  # what ingest does with a new archive
    engine.dispose()
    assert _schema(replayed) == _schema(migrated), (
        "db/sqlite_head.sql is not what the migrations build: rewrite it with "
        'python -c "from jarap.db.engine import write_sqlite_head_schema as w; w()"'
    )
    paper = str(sorted(SAMPLES.glob("*/*.txt"))[0])
    new = str(tmp_path / "new.db")
    assert "alembic" not in _loaded("ingest", paper, "--db", new, "-q", cwd=tmp_path)


def test_a_worker_started_before_the_archive_opens_never_closes_the_writers_sqlite(
    tmp_path: Path,
) -> None:
    """`jarap ingest` forks a worker before it opens the archive. In one process that
    ingests twice (a script, a test) the first engine's SQLite connection may be garbage
    then; collected in the worker it would be closed there, and SQLite would delete the
    writer's `-wal` under it ("disk I/O error"). The second ingest's failure must be
    recorded and readable."""
    from click.testing import CliRunner

    from jarap.cli import cli

    paper = tmp_path / "paper.txt"
    paper.write_bytes((SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.txt").read_bytes())
    db = str(tmp_path / "a.db")
    assert CliRunner().invoke(cli, ["ingest", str(paper), "--db", db]).exit_code == 0
    paper.write_bytes(b"")  # a poorer version: refused, and the refusal recorded
    assert CliRunner().invoke(cli, ["ingest", str(paper), "--db", db]).exit_code == 1
    with sqlite3.connect(db) as conn:
        reasons = conn.execute("SELECT reason FROM ingest_failures").fetchall()
    assert len(reasons) == 1 and "not replaced" in reasons[0][0]


def test_a_worker_is_started_early_only_for_files_new_to_the_archive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker is started before the archive opens for each file new to it by its path,
    as many as there are other cores to load the readers and owner rules meanwhile; for files
    already loaded it would only take CPU, and on one core it would take it from the
    writer."""
    import jarap.db.batch as batch
    from jarap.cli import _early_workers

    monkeypatch.setattr(batch, "default_jobs", lambda: 2)
    papers = tmp_path / "papers"
    papers.mkdir()
    first = papers / "first.txt"
    first.write_bytes((SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.txt").read_bytes())
    db = str(tmp_path / "a.db")
    assert len(_early_workers(db, (first,))) == 1  # a new archive reads everything
    engine = open_engine(db)
    engine.dispose()
    assert len(_early_workers(db, (first,))) == 1  # an archive with no paper yet
    assert CliRunner().invoke(cli, ["ingest", str(first), "--db", db]).exit_code == 0
    assert len(_early_workers(db, (first,))) == 0
    assert len(_early_workers(db, (papers,))) == 0
    second = papers / "second.txt"
    second.write_bytes((SAMPLES / "tracker-2021" / "northshire-tracker-2021-03.txt").read_bytes())
    assert len(_early_workers(db, (papers,))) == 1
    assert len(_early_workers(f"sqlite:///{db}", (first,))) == 0
    monkeypatch.setattr(batch, "default_jobs", lambda: 1)
    assert len(_early_workers(db, (second,))) == 0
    monkeypatch.setattr(batch, "default_jobs", lambda: 4)  # one per new file, up to 3
    (papers / "third.txt").write_bytes(second.read_bytes() + b"\n")
    assert len(_early_workers(db, (papers,))) == 2
    assert len(_early_workers(str(tmp_path / "new.db"), (papers,))) == 3


READ_IN_PROCESS = """
import sys
from pathlib import Path
from jarap.convert import convert
from jarap.db.batch import preload, readers_for
paper = Path(sys.argv[1])
preload(readers_for([paper]))  # what a worker loads for it
result = convert(paper)
owners = sum(len(r.owners) for r in result.paper.recommendations)
heavy = ("spacy", "thinc", "numpy", "docx", "pdfplumber", "pypdfium2", "dateparser")
print(owners, sorted(m for m in heavy if m in sys.modules))
"""


def test_reading_a_small_text_paper_with_owners_imports_no_spacy_or_other_readers() -> None:
    """A text paper is read, owners and all, without spaCy (its import was most of a small
    ingest), the PDF and Word libraries, numpy or dateparser."""
    paper = SAMPLES / "tracker-2022" / "northshire-tracker-2024-07.txt"
    done = subprocess.run(
        [sys.executable, "-c", READ_IN_PROCESS, str(paper)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    owners, loaded = done.stdout.split(" ", 1)
    assert int(owners) > 0, "the paper's owners are found"
    assert loaded.strip() == "[]"


def test_ingest_of_a_new_text_paper_loads_no_spacy_in_the_writer(tmp_path: Path) -> None:
    paper = SAMPLES / "tracker-2022" / "northshire-tracker-2024-07.txt"
    loaded = _loaded("ingest", str(paper), "--db", str(tmp_path / "new.db"), "-q", cwd=tmp_path)
    assert "spacy" not in loaded and "pdfplumber" not in loaded and "alembic" not in loaded


def test_a_text_papers_worker_loads_no_pdf_library_while_the_paper_waits(tmp_path: Path) -> None:
    """The worker installed OCR's progress report (which imports the PDF reader's page
    model, and so pdfplumber) after it was ready, with the text paper already waiting in
    its pipe. `-X importtime` is inherited by the forked worker, so its imports are seen."""
    paper = SAMPLES / "tracker-2022" / "northshire-tracker-2024-07.txt"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "jarap.cli", "ingest", str(paper),
         "--db", str(tmp_path / "new.db")],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    # the worker's imports are in the trace: only the worker imports the reading rules (the
    # readers themselves it imports by name, which `-X importtime` does not list)
    assert "jarap.convert" in imported and "jarap.ingest.html_blocks" in imported
    assert not {"pdfplumber", "jarap.ingest.ocr", "jarap.ingest.pdf_raw"} & imported
