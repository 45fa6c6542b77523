"""`jarap sql` and `jarap tables` for analysts and scripts: the query from an argument, a file
or stdin; table, csv, json and jsonl out, to stdout or a file; and nothing on disk changes,
not even by ATTACH or VACUUM INTO."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES

from jarap.cli import cli

ONE = SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.docx"
COUNT = "SELECT COUNT(*) AS n FROM recommendations"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("sql") / "archive.db")
    result = CliRunner().invoke(cli, ["ingest", str(ONE), "--db", path])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize(
    "statement",
    [
        "ATTACH DATABASE '{dir}/attached.db' AS other",
        "VACUUM INTO '{dir}/copy.db'",
        "VACUUM INTO '{dir}/no/such/folder/copy.db'",
        "PRAGMA query_only=OFF",
    ],
)
def test_sql_refuses_attach_and_vacuum_into_and_creates_no_file(
    db: str, tmp_path: Path, statement: str
) -> None:
    before = Path(db).read_bytes()
    result = CliRunner().invoke(cli, ["sql", statement.format(dir=tmp_path), "--db", db])
    assert result.exit_code == 1
    verb = statement.split()[0]
    assert result.output == (
        f"Error: {verb} refused: jarap sql only reads the archive "
        "(no ATTACH, VACUUM INTO, PRAGMA settings or writes)\n"
    )
    assert list(tmp_path.iterdir()) == []
    assert Path(db).read_bytes() == before


def test_reading_pragmas_and_views_still_work(db: str) -> None:
    runner = CliRunner()
    info = runner.invoke(cli, ["sql", "PRAGMA table_info(papers)", "--db", db, "--format", "json"])
    assert info.exit_code == 0, info.output
    assert "source_file" in {c["name"] for c in json.loads(info.output)}
    view = runner.invoke(
        cli, ["sql", "SELECT COUNT(*) AS n FROM v_slippage", "--db", db, "--format", "json"]
    )
    assert json.loads(view.output) == [{"n": 14}]


def test_query_from_a_file_and_from_stdin(db: str, tmp_path: Path) -> None:
    query = tmp_path / "q.sql"
    query.write_text(f"-- how many\n{COUNT};\n")
    runner = CliRunner()
    for args, stdin in (
        (["-f", str(query)], None),
        (["--file", "-"], COUNT),
        (["-"], COUNT),
    ):
        result = runner.invoke(cli, ["sql", *args, "--db", db, "--format", "json"], input=stdin)
        assert result.exit_code == 0, (args, result.output)
        assert json.loads(result.output) == [{"n": 14}], args
    both = runner.invoke(cli, ["sql", COUNT, "-f", str(query), "--db", db])
    assert both.exit_code == 2 and "not both" in both.output
    none = runner.invoke(cli, ["sql", "--db", db])
    assert none.exit_code == 2 and "no query" in none.output


def test_jsonl_and_output_file(db: str, tmp_path: Path) -> None:
    sql = "SELECT ref, priority FROM recommendations ORDER BY seq LIMIT 3"
    out = tmp_path / "refs.jsonl"
    result = CliRunner().invoke(cli, ["sql", sql, "--db", db, "--format", "jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and f"3 row(s) -> {out}" in result.stderr
    lines = out.read_text().splitlines()
    assert len(lines) == 3 and all(set(json.loads(line)) == {"ref", "priority"} for line in lines)


def test_tables_lists_tables_and_views_with_row_counts(db: str) -> None:
    result = CliRunner().invoke(cli, ["tables", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    found = {r["name"]: (r["kind"], r["rows"]) for r in json.loads(result.output)}
    assert found["papers"] == ("table", 1)
    assert found["recommendations"] == ("table", 14)
    assert found["v_slippage"] == ("view", 14)
    text = CliRunner().invoke(cli, ["tables", "--db", db]).output.splitlines()
    assert text[0].split() == ["name", "kind", "rows"]


def test_check_and_slippage_speak_json(db: str) -> None:
    check = json.loads(CliRunner().invoke(cli, ["check", "--db", db, "--format", "json"]).output)
    assert check["ok"] is True and check["vanished"] == []
    assert check["papers"][0]["source_file"] == ONE.name and check["papers"][0]["declared"] == 12
    rows = json.loads(CliRunner().invoke(cli, ["slippage", "--db", db, "--format", "json"]).output)
    sql = "SELECT COUNT(*) AS n FROM v_slippage WHERE original_target IS NOT NULL"
    (dated,) = json.loads(
        CliRunner().invoke(cli, ["sql", sql, "--db", db, "--format", "json"]).output
    )
    assert 0 < len(rows) == dated["n"] and {
        "audit_title",
        "ref",
        "slippage_days",
        "revisions",
    } <= set(rows[0])


def test_ingest_speaks_json(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    result = CliRunner().invoke(cli, ["ingest", str(ONE), "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["counts"] == {"loaded": 1} and data["db"] == db
    (paper,) = data["files"]
    assert paper["status"] == "success" and paper["layout"] == "tracker-2021"
    assert paper["recommendations"] == 14
    assert data["link"]["summary"].startswith("linked 14 snapshots")


def test_python_dash_m_and_dash_h(db: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "jarap", "sql", COUNT, "--db", db, "--format", "json"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == [{"n": 14}]
    for args in (["-h"], ["sql", "-h"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0 and "Usage:" in result.output
    assert "JARAP_DB" in CliRunner().invoke(cli, ["check", "-h"]).output


def test_table_output_escapes_control_characters() -> None:
    from jarap.db.sql import Result, format_result

    out = format_result(Result(["t"], [("red\x1b[31m alert\nnext",)]), "table")
    assert "\x1b" not in out and "red\\x1b[31m alert next" in out
