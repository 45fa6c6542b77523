"""`jarap prune` removes what it lists and lists what it removes (issue 20, item 7): a paper
whose file is gone goes with every kept older version of it, however long the chain of
versions, and no row is left pointing (`superseded_by`) at a removed one."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from sqlalchemy import select
from sqlalchemy.orm import Session

from jarap.cli import cli
from jarap.db.engine import open_engine
from jarap.model import PaperRow

TEXT = SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.txt"
OTHER = SAMPLES / "tracker-2021" / "northshire-tracker-2021-03.txt"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def _rows(db: str) -> list[tuple[str, str | None]]:
    engine = open_engine(db)
    with Session(engine) as session:
        rows = [
            tuple(r) for r in session.execute(select(PaperRow.paper_id, PaperRow.superseded_by))
        ]
    engine.dispose()
    return rows  # type: ignore[return-value]


@pytest.mark.parametrize("versions", [1, 2, 3, 4])
def test_prune_removes_the_whole_chain_of_kept_versions_and_lists_it(
    tmp_path: Path, db_path: str, versions: int
) -> None:
    keep, gone = tmp_path / "keep.txt", tmp_path / "gone.txt"
    keep.write_bytes(OTHER.read_bytes())
    text = TEXT.read_bytes()
    for n in range(versions):  # each version adds a line: it keeps its records, so replaces
        gone.write_bytes(text + b"".join(b"\nNote %d.\n" % i for i in range(n)))
        code, out = _run("ingest", str(tmp_path), "--db", db_path, "--jobs", "1", "-q")
        assert code == 0, out
    assert len(_rows(db_path)) == versions + 1
    gone.unlink()

    code, dry = _run("prune", "--db", db_path, "--dry-run")
    listed = [line for line in dry.splitlines() if line.startswith("would remove ")]
    assert code == 0 and len(listed) == versions, dry
    assert sum("kept older version of" in line for line in listed) == versions - 1
    assert dry.splitlines()[-1].startswith(f"{versions} paper(s) would be removed")
    assert len(_rows(db_path)) == versions + 1  # a dry run changes nothing

    code, out = _run("prune", "--db", db_path)
    removed = [
        line.replace("removed ", "would remove ", 1)
        for line in out.splitlines()
        if line.startswith("removed ")
    ]
    assert code == 0 and removed == listed, out
    assert f"{versions} paper(s) removed" in out
    rows = _rows(db_path)
    ids = {pid for pid, _ in rows}
    assert len(rows) == 1 and all(sup is None or sup in ids for _, sup in rows)
    code, out = _run("prune", "--db", db_path, "--dry-run")
    assert out.splitlines()[-1] == "0 paper(s) would be removed"
