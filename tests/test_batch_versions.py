"""File versions across ingests (issue 10): a poorer new version never silently replaces a
loaded one, old versions are kept, moved files keep their paper, a missing file is only
removed by `jarap prune`, and a newer extractor re-reads papers loaded by an older one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from jarap import version
from jarap.cli import cli
from jarap.db.engine import open_engine
from jarap.model import PaperRow

TEXT = SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.txt"
WORD = SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.docx"
OTHER = SAMPLES / "tracker-2021" / "northshire-tracker-2021-03.docx"


def _ingest(db: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["ingest", *args, "--db", db, "--jobs", "1"])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def _exported(db: str, tmp: Path) -> dict[str, list[dict]]:
    out = tmp / "export"
    result = CliRunner().invoke(cli, ["export", "--db", db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return {
        name: [json.loads(line) for line in (out / f"{name}.jsonl").read_text().splitlines()]
        for name in ("papers", "recommendations")
    }


def _papers(db: str) -> list[PaperRow]:
    engine = open_engine(db)
    with Session(engine) as session:
        rows = list(session.scalars(select(PaperRow).order_by(PaperRow.ingested_at)))
        session.expunge_all()
    engine.dispose()
    return rows


@pytest.mark.parametrize(
    "new_bytes, reason",
    [
        (b"", "its layout is no longer recognised (was tracker-2021)"),
        (b"Minutes of the finance committee\n\nNothing to report.\n", "no longer recognised"),
    ],
    ids=["emptied", "overwritten_with_unrelated_text"],
)
def test_poorer_new_version_does_not_replace_without_force(
    tmp_path: Path, db_path: str, new_bytes: bytes, reason: str
) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_bytes(TEXT.read_bytes())
    assert _ingest(db_path, str(paper))[0] == 0
    before = _exported(db_path, tmp_path / "a")["recommendations"]
    assert len(before) == 14

    paper.write_bytes(new_bytes)
    code, output = _ingest(db_path, str(paper))
    assert code == 1
    assert f"FAILED  {paper}: not replaced: " in output and reason in output
    assert "use --force" in output
    assert _exported(db_path, tmp_path / "b")["recommendations"] == before
    status = CliRunner().invoke(cli, ["status", "--db", db_path]).output
    assert f"failed   {paper.resolve()}: not replaced" in status

    code, output = _ingest(db_path, str(paper), "--force")
    # replaced; an unrecognised layout is stored all the same and says so in the exit status
    assert "replaced" in output.splitlines()[0]
    assert code == 1
    assert _exported(db_path, tmp_path / "c")["recommendations"] == []
    rows = _papers(db_path)
    assert len(rows) == 2  # the old version is kept, superseded by the new one
    assert rows[0].superseded_by == rows[1].paper_id and rows[1].superseded_by is None

    paper.write_bytes(TEXT.read_bytes())  # the file goes back: its kept version returns
    code, output = _ingest(db_path, str(paper))
    assert code == 0 and output.startswith("reinstated ")
    assert _exported(db_path, tmp_path / "d")["recommendations"] == before
    assert "nothing needs attention" in CliRunner().invoke(cli, ["status", "--db", db_path]).output


def test_a_version_that_keeps_its_records_replaces_and_keeps_the_old(
    tmp_path: Path, db_path: str
) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_bytes(TEXT.read_bytes())
    _ingest(db_path, str(paper))
    paper.write_bytes(TEXT.read_bytes().replace(b"Progress Update July 2021", b"Update"))
    code, output = _ingest(db_path, str(paper))
    assert code == 0 and "replaced" in output.splitlines()[0]
    rows = _papers(db_path)
    assert [r.superseded_by is None for r in rows] == [False, True]
    assert len(_exported(db_path, tmp_path)["papers"]) == 1


def test_moved_file_keeps_its_paper_and_an_edit_after_the_move_replaces_it(
    tmp_path: Path, db_path: str
) -> None:
    old = tmp_path / "2021" / "july.txt"
    old.parent.mkdir()
    old.write_bytes(TEXT.read_bytes())
    _ingest(db_path, str(old))
    new = tmp_path / "archive" / "july.txt"
    new.parent.mkdir()
    old.rename(new)
    code, output = _ingest(db_path, str(new))
    assert code == 0 and output.startswith(f"moved   {new} (was {old.resolve()})")
    rows = _papers(db_path)
    assert [r.source_path for r in rows] == [str(new.resolve())]

    new.write_bytes(TEXT.read_bytes().replace(b"Progress Update July 2021", b"Update"))
    code, output = _ingest(db_path, str(new))
    assert code == 0 and "replaced" in output.splitlines()[0]
    assert len(_exported(db_path, tmp_path)["papers"]) == 1  # not a second paper


def test_a_copy_at_another_path_is_not_a_move(tmp_path: Path, db_path: str) -> None:
    first = tmp_path / "a.txt"
    first.write_bytes(TEXT.read_bytes())
    _ingest(db_path, str(first))
    copy = tmp_path / "b.txt"
    copy.write_bytes(TEXT.read_bytes())
    code, output = _ingest(db_path, str(copy))
    assert code == 0 and f"already loaded as {first.resolve()}" in output
    assert [r.source_path for r in _papers(db_path)] == [str(first.resolve())]


def test_missing_file_is_listed_and_only_prune_removes_it(tmp_path: Path, db_path: str) -> None:
    keep, gone = tmp_path / "keep.docx", tmp_path / "gone.docx"
    keep.write_bytes(WORD.read_bytes())
    gone.write_bytes(OTHER.read_bytes())
    _ingest(db_path, str(tmp_path))
    gone.unlink()
    code, _ = _ingest(db_path, str(tmp_path))
    assert code == 0
    assert len(_exported(db_path, tmp_path / "a")["papers"]) == 2  # ingest removes nothing
    runner = CliRunner()
    status = runner.invoke(cli, ["status", "--db", db_path]).output
    assert f"missing  {gone.resolve()}" in status and "keep.docx" not in status
    dry = runner.invoke(cli, ["prune", "--db", db_path, "--dry-run"])
    assert dry.exit_code == 0 and f"would remove {gone.resolve()}" in dry.output
    assert len(_exported(db_path, tmp_path / "b")["papers"]) == 2
    pruned = runner.invoke(cli, ["prune", "--db", db_path])
    assert pruned.exit_code == 0 and "1 paper(s) removed" in pruned.output
    papers = _exported(db_path, tmp_path / "c")["papers"]
    assert [p["source_file"] for p in papers] == ["keep.docx"]
    assert "nothing needs attention" in runner.invoke(cli, ["status", "--db", db_path]).output


def test_reextraction_after_an_extractor_version_bump_and_reparse(
    tmp_path: Path, db_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    paper = tmp_path / WORD.name
    paper.write_bytes(WORD.read_bytes())
    _ingest(db_path, str(paper))
    code, output = _ingest(db_path, str(paper))
    assert "already loaded" in output

    monkeypatch.setattr(version, "EXTRACTOR_VERSION", version.EXTRACTOR_VERSION + 1)
    status = CliRunner().invoke(cli, ["status", "--db", db_path]).output
    assert f"outdated {paper.resolve()}: parsed by an older extractor" in status
    code, output = _ingest(db_path, str(paper))
    assert code == 0 and output.startswith("reparsed ") and "recommendations=14" in output
    rows = _papers(db_path)
    assert len(rows) == 1 and rows[0].extractor_version == version.EXTRACTOR_VERSION
    assert "already loaded" in _ingest(db_path, str(paper))[1]

    # a paper loaded before versions were recorded is re-read too
    engine = open_engine(db_path)
    with Session(engine) as session, session.begin():
        session.execute(update(PaperRow).values(extractor_version=None))
    engine.dispose()
    assert _ingest(db_path, str(paper))[1].startswith("reparsed ")

    code, output = _ingest(db_path, str(paper), "--reparse")
    assert code == 0 and output.startswith("reparsed ")
    engine = open_engine(db_path)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(PaperRow)) == 1
    engine.dispose()
    assert len(_exported(db_path, tmp_path)["recommendations"]) == 14


def test_check_lists_current_versions_only(tmp_path: Path, db_path: str) -> None:
    """A superseded (kept) version is history, not a paper to reconcile."""
    paper = tmp_path / "paper.docx"
    paper.write_bytes(WORD.read_bytes())
    assert _ingest(db_path, str(paper))[0] == 0
    paper.write_bytes(OTHER.read_bytes())
    code, output = _ingest(db_path, str(paper))
    assert code == 0 and "replaced" in output, output
    checked = CliRunner().invoke(cli, ["check", "--db", db_path]).output
    assert [line for line in checked.splitlines() if line.startswith("paper.docx")] == [
        "paper.docx: declared=10 extracted=10 ok"
    ], checked
