"""A paper from which nothing was extracted is never reported as a success (issue 20,
item 10): whatever layout claimed it (or none), `jarap ingest` says partial with the
reason and exits 1, and `jarap status` lists it until it is read. A check of a name that
matches no paper is an error, not an empty report.

Generator: every sample text paper cut to its first 10-40% (a cover page with no
appendix, a heading without rows; whatever each cut happens to hold, not picked), and,
held back, word salads of 100,000 words drawn from the sample papers' own words.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from word_salad import salad_pdf, salad_text

from jarap.cli import cli

CUTS = (0.1, 0.2, 0.3, 0.4)


def _ingest_json(db: str, *paths: Path) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(
        cli, ["ingest", *map(str, paths), "--db", db, "--format", "json", "-j", "2"]
    )
    assert "Traceback" not in result.output, result.output
    return result.exit_code, json.loads(result.stdout)["files"]


def _unread(db: str) -> set[str]:
    out = CliRunner().invoke(cli, ["status", "--db", db]).output
    return {line.split()[1].rstrip(":") for line in out.splitlines() if line.startswith("unread ")}


def test_a_paper_with_nothing_extracted_is_not_a_success(tmp_path: Path, db_path: str) -> None:
    folder = tmp_path / "cuts"
    folder.mkdir()
    for paper in sorted(SAMPLES.glob("*/*.txt")):
        lines = paper.read_text(encoding="utf-8").splitlines()
        for cut in CUTS:
            kept = lines[: int(len(lines) * cut)]
            (folder / f"{paper.stem}-{int(cut * 100)}.txt").write_text("\n".join(kept) + "\n")
    code, files = _ingest_json(db_path, folder)
    files = [f for f in files if f["status"] != "unchanged"]  # a cut with another's bytes
    empty = [f for f in files if not (f["recommendations"] or f["actions"] or f["audits"])]
    read = [f for f in files if f not in empty]
    assert empty and read  # the cuts hold both kinds (else this test shows nothing)
    assert all(f["status"] == "partial" and f["warnings"] for f in empty), empty
    assert code == 1
    assert _unread(db_path) == {str(Path(f["path"]).resolve()) for f in empty}


@pytest.mark.parametrize("make", [salad_pdf, salad_text], ids=["pdf", "text"])
@pytest.mark.parametrize("seed", [2020, 2021])
def test_a_word_salad_is_not_a_success_held_back(
    tmp_path: Path,
    db_path: str,
    make,
    seed: int,  # type: ignore[no-untyped-def]
) -> None:
    paper = make(tmp_path / f"salad-{seed}.{'pdf' if make is salad_pdf else 'txt'}", 100_000, seed)
    code, [record] = _ingest_json(db_path, paper)
    assert code == 1 and record["status"] == "partial"
    assert record["recommendations"] == record["actions"] == record["audits"] == 0
    assert record["layout"] == "unknown"  # not loaded as a tracker
    assert _unread(db_path) == {str(paper.resolve())}


def test_a_failed_or_unread_ingest_shows_in_status(tmp_path: Path, db_path: str) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Things to bring on Monday\n\nthe projector, the minutes, biscuits\n")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(notes), "--db", db_path, "-j", "1"])
    assert result.exit_code == 1
    status = runner.invoke(cli, ["status", "--db", db_path]).output
    assert f"unread   {notes.resolve()}: no known layout" in status
    assert "nothing needs attention" not in status


@pytest.mark.parametrize("names", [["no-such-paper"], ["notes", "no-such-paper"]])
def test_check_of_a_name_that_matches_no_paper_is_an_error(
    tmp_path: Path, db_path: str, names: list[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Things to bring on Monday\n")
    CliRunner().invoke(cli, ["ingest", str(notes), "--db", db_path, "-j", "1"])
    result = CliRunner().invoke(cli, ["check", "--db", db_path, *names])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Error: no paper's file name contains 'no-such-paper' (jarap check --brief lists "
        "every paper)"
    ]
