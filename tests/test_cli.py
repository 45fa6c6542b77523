"""The command line: per-paper lines, skip-by-hash, bad files, export and check."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import SAMPLES

from jarap.cli import cli

ONE = SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.docx"
ONE_TEXT = ONE.with_suffix(".txt")


def test_ingest_prints_one_line_per_paper_and_skips_unchanged(db_path: str) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(ONE), "--db", db_path])
    assert first.exit_code == 0, first.output
    assert "loaded" in first.output and "layout=tracker-2021" in first.output
    assert "recommendations=14" in first.output
    again = runner.invoke(cli, ["ingest", str(ONE), "--db", db_path])
    assert again.exit_code == 0
    assert "already loaded" in again.output and "1 unchanged" in again.output


def test_a_paper_that_does_not_reconcile_is_partial_not_loaded(db_path: str) -> None:
    """The text conversion loses the Risk colours, so its counts cannot agree: it is stored
    but reported as partial, never as a clean load."""
    result = CliRunner().invoke(cli, ["ingest", str(ONE_TEXT), "--db", db_path])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("partial ")
    assert "1 partial" in result.output and "(loaded with" in result.output.splitlines()[0]


def test_a_bad_paper_is_named_and_does_not_stop_the_batch(tmp_path: Path, db_path: str) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_text("this is not a pdf")
    good = tmp_path / ONE.name
    good.write_bytes(ONE.read_bytes())
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", db_path])
    assert result.exit_code == 1
    assert "FAILED" in result.output and "broken.pdf" in result.output
    assert "1 failed, 1 loaded" in result.output
    out = tmp_path / "out"
    CliRunner().invoke(cli, ["export", "--db", db_path, "--out", str(out)])
    assert len((out / "recommendations.jsonl").read_text().splitlines()) == 14


def test_changed_file_replaces_its_old_version(tmp_path: Path, db_path: str) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_bytes(ONE_TEXT.read_bytes())
    runner = CliRunner()
    runner.invoke(cli, ["ingest", str(paper), "--db", db_path])
    paper.write_bytes(
        ONE_TEXT.read_bytes().replace(b"Progress Update July 2021", b"Update July 2021")
    )
    result = runner.invoke(cli, ["ingest", str(paper), "--db", db_path])
    assert "replaced" in result.output
    out = tmp_path / "out"
    runner.invoke(cli, ["export", "--db", db_path, "--out", str(out)])
    assert len((out / "papers.jsonl").read_text().splitlines()) == 1


def test_unknown_layout_is_stored_with_a_warning_and_exit_status_1(
    tmp_path: Path, db_path: str
) -> None:
    note = tmp_path / "minutes.txt"
    note.write_text("Minutes of the meeting\n\nNothing to report.\n")
    result = CliRunner().invoke(cli, ["ingest", str(note), "--db", db_path])
    assert result.exit_code == 1
    assert "layout=unknown" in result.output and "no known paper layout" in result.output
    stored = CliRunner().invoke(
        cli, ["sql", "SELECT source_file, layout FROM papers", "--db", db_path, "--format", "csv"]
    )
    assert stored.output.splitlines() == ["source_file,layout", "minutes.txt,unknown"]


def test_check_lists_declared_against_extracted(db_path: str) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["ingest", str(SAMPLES), "--db", db_path])
    result = runner.invoke(cli, ["check", "--db", db_path])
    assert result.exit_code == 1  # the text conversions do not reconcile
    assert "northshire-tracker-2021-07.docx: declared=12 extracted=12 ok" in result.output
    # the text conversion loses the Risk colours, so its priority counts cannot agree
    assert "northshire-tracker-2021-07.txt: declared=12 extracted=12 MISMATCH" in result.output


def test_every_command_has_help_with_an_example() -> None:
    for name, command in cli.commands.items():
        assert command.help and "Example:" in command.help, name
