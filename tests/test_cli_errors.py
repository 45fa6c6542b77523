"""Off the happy path every command answers with one `Error:` line and exit status 1: no
traceback, no database created by a typo, no password printed."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from pg_util import wipe_postgres

from jarap.cli import cli

ONE = SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.docx"

# every command that reads an archive, with the arguments it needs besides --db
READ_COMMANDS = {
    "check": [],
    "slippage": [],
    "export": ["--out", "out"],
    "link": [],
    "sql": ["SELECT 1"],
    "tables": [],
}


def _args(command: str) -> list[str]:
    return [command, *READ_COMMANDS.get(command, [str(ONE)])]


def _error_line(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JARAP_DB", raising=False)
    return tmp_path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("command", READ_COMMANDS)
def test_read_command_on_a_typo_creates_no_database(here: Path, command: str) -> None:
    args = [command, *READ_COMMANDS[command]]
    line = _error_line(CliRunner().invoke(cli, [*args, "--db", "typo.db"]))
    assert line == 'Error: no archive at typo.db - run "jarap ingest" first'
    line = _error_line(CliRunner().invoke(cli, args))  # the default, archive.db, is absent too
    assert line == 'Error: no archive at archive.db - run "jarap ingest" first'
    assert sorted(p.name for p in here.iterdir()) == []  # no database, no empty export


def test_jarap_db_sets_the_default_database(here: Path, db_path: str) -> None:
    result = CliRunner().invoke(cli, ["check"], env={"JARAP_DB": "other.db"})
    assert _error_line(result) == 'Error: no archive at other.db - run "jarap ingest" first'
    assert CliRunner().invoke(cli, ["ingest", str(ONE), "--db", db_path]).exit_code == 0
    result = CliRunner().invoke(
        cli, ["sql", "SELECT COUNT(*) AS n FROM papers"], env={"JARAP_DB": db_path}
    )
    assert result.exit_code == 0 and "1" in result.output.splitlines()[2]


@pytest.mark.parametrize("command", [*READ_COMMANDS, "ingest"])
def test_db_that_is_a_text_file_or_a_folder(here: Path, command: str) -> None:
    Path("note.txt").write_text("not a database\n")
    Path("folder").mkdir()
    args = _args(command)
    line = _error_line(CliRunner().invoke(cli, [*args, "--db", "note.txt"]))
    assert line == "Error: note.txt is not an archive (not a SQLite database file)"
    line = _error_line(CliRunner().invoke(cli, [*args, "--db", "folder"]))
    assert line == "Error: folder is a folder, not an archive: give a database file"
    assert Path("note.txt").read_text() == "not a database\n"
    assert list(Path("folder").iterdir()) == []


@pytest.mark.parametrize("command", [*READ_COMMANDS, "ingest"])
def test_bad_urls_are_one_line_each(here: Path, command: str) -> None:
    args = _args(command)
    runner = CliRunner()
    line = _error_line(runner.invoke(cli, [*args, "--db", "postgres://me:secret@localhost/a"]))
    assert line == (
        "Error: postgres://me:***@localhost/a: SQLAlchemy wants postgresql:// "
        "(e.g. postgresql+psycopg://…), not postgres://"
    )
    line = _error_line(runner.invoke(cli, [*args, "--db", "oracle9://me:secret@host/a"]))
    assert line == (
        "Error: oracle9://me:***@host/a: unknown database type 'oracle9' "
        "(use a file path, sqlite:///FILE or postgresql+psycopg://…)"
    )


@pytest.mark.parametrize("command", [*READ_COMMANDS, "ingest"])
def test_missing_postgres_driver_says_what_to_install(
    here: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the extra were not installed
    args = _args(command)
    url = "postgresql+psycopg://me:secret@localhost/archive"
    line = _error_line(CliRunner().invoke(cli, [*args, "--db", url]))
    assert line == (
        "Error: postgresql+psycopg://me:***@localhost/archive: no driver (psycopg): "
        "pip install 'jarap-archive[postgres]' (and write postgresql+psycopg://…)"
    )


@pytest.mark.parametrize("command", [*READ_COMMANDS, "ingest"])
def test_refused_connection_is_one_line_without_the_password(here: Path, command: str) -> None:
    pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
    port = _free_port()
    url = f"postgresql+psycopg://me:secret@127.0.0.1:{port}/archive"
    args = _args(command)
    line = _error_line(CliRunner().invoke(cli, [*args, "--db", url]))
    assert line.startswith(
        f"Error: cannot connect to postgresql+psycopg://me:***@127.0.0.1:{port}/archive: "
    )
    assert "refused" in line.lower() and "secret" not in line


def test_ingest_summary_redacts_the_password(pg_url: str) -> None:
    from sqlalchemy.engine import make_url

    url = pg_url
    wipe_postgres(url)
    password = make_url(url).password
    result = CliRunner().invoke(cli, ["ingest", str(ONE), "--db", url])
    assert result.exit_code == 0, result.output
    assert "***@" in result.output
    assert not password or f":{password}@" not in result.output


def test_export_into_a_read_only_folder(here: Path, db_path: str) -> None:
    assert CliRunner().invoke(cli, ["ingest", str(ONE), "--db", db_path]).exit_code == 0
    if os.geteuid() == 0:
        out = Path("/sys/jarap-export")  # sysfs refuses new folders, even to root
    else:
        locked = here / "locked"
        locked.mkdir(mode=0o555)
        out = locked / "export"
    line = _error_line(CliRunner().invoke(cli, ["export", "--db", db_path, "--out", str(out)]))
    assert line.startswith(f"Error: cannot write the export into {out}: ")
    assert line.endswith("the previous export is unchanged")


def test_export_under_a_file_is_one_line(here: Path, db_path: str) -> None:
    assert CliRunner().invoke(cli, ["ingest", str(ONE), "--db", db_path]).exit_code == 0
    Path("note.txt").write_text("x")
    result = CliRunner().invoke(cli, ["export", "--db", db_path, "--out", "note.txt/out"])
    assert _error_line(result).startswith("Error: cannot write the export into note.txt/out: ")


def test_ctrl_c_exits_130_and_keeps_what_was_stored(
    tmp_path: Path, db_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jarap.ingest_report as report

    real = report.ingest_paths

    def interrupted(engine, paths, options=None, pool=None):  # type: ignore[no-untyped-def]
        it = real(engine, paths, options, pool)
        yield next(it)
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "ingest_paths", interrupted)
    folder = tmp_path / "papers"
    folder.mkdir()
    for name in ("northshire-tracker-2021-03.docx", "northshire-tracker-2021-07.docx"):
        (folder / name).write_bytes((SAMPLES / "tracker-2021" / name).read_bytes())
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", db_path])
    assert result.exit_code == 130, result.output
    assert "Interrupted" in result.output and "Traceback" not in result.output
    monkeypatch.setattr(report, "ingest_paths", real)
    stored = CliRunner().invoke(
        cli, ["sql", "SELECT source_file FROM papers", "--db", db_path, "--format", "csv"]
    )
    assert stored.output.splitlines() == ["source_file", "northshire-tracker-2021-03.docx"]
