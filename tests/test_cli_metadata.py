"""Datasette canned queries work whatever the database file is called: Datasette keys them
by the file's stem, so `jarap metadata --db FILE` writes them under that name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES

from jarap.cli import cli
from jarap.db.queries import QUERIES, datasette_name

yaml = pytest.importorskip("yaml")

ONE = SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.docx"


@pytest.mark.parametrize(
    ("db", "name"),
    [("court.db", "court"), ("/srv/panel.v2.sqlite", "panel.v2"), ("sqlite:///x/y.db", "y")],
)
def test_datasette_name_is_the_file_stem(db: str, name: str) -> None:
    assert datasette_name(db) == name


def test_canned_queries_run_on_a_database_not_called_archive(tmp_path: Path) -> None:
    db = tmp_path / "court.db"
    assert CliRunner().invoke(cli, ["ingest", str(ONE), "--db", str(db)]).exit_code == 0
    result = CliRunner().invoke(cli, ["metadata", "--db", str(db)])
    assert result.exit_code == 0, result.output
    meta = yaml.safe_load(result.output)
    assert list(meta["databases"]) == ["court"]
    canned = meta["databases"]["court"]["queries"]
    assert set(canned) == {q.name for q in QUERIES}
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        for query in canned.values():
            conn.execute(query["sql"]).fetchall()  # every one runs on this file, as Datasette would
    finally:
        conn.close()


def test_metadata_does_not_create_the_database(tmp_path: Path) -> None:
    out = tmp_path / "m.yml"
    result = CliRunner().invoke(cli, ["metadata", "--db", str(tmp_path / "new.db"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert list(yaml.safe_load(out.read_text())["databases"]) == ["new"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yml"]


def test_readme_gives_the_one_command_that_opens_them() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "datasette archive.db --metadata <(jarap metadata --db archive.db)" in readme
