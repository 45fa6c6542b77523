"""`jarap check --brief` says in words what a paper lacks (issue 20, item 14): a paper
that prints no counts, or no total, never shows `declared=None` / `extracted=None`.
Generator: one text paper of every sample layout folder (whatever counts each prints)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import SAMPLES

from jarap.cli import cli


def test_check_brief_never_prints_none(tmp_path: Path, db_path: str) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    for layout in sorted(p for p in SAMPLES.iterdir() if p.is_dir()):
        texts = sorted(layout.glob("*.txt"))
        if texts:
            (folder / texts[0].name).write_bytes(texts[0].read_bytes())
    runner = CliRunner()
    runner.invoke(cli, ["ingest", str(folder), "--db", db_path, "-j", "2", "-q"])
    for args in (["--brief"], []):
        out = runner.invoke(cli, ["check", "--db", db_path, *args]).output
        assert "None" not in out, out
        for paper in folder.iterdir():  # every paper has its line
            assert any(line.startswith(f"{paper.name}: ") for line in out.splitlines()), out
    brief = runner.invoke(cli, ["check", "--db", db_path, "--brief"]).output
    assert "no counts printed, nothing to reconcile" in brief  # the samples hold such papers
