"""A file's identity is its content; a path is only its name (issue 20, item 2).

Files that swap or rotate names are moves, and an edit after that supersedes the paper
whose content the file really held. The generator goes over every way of giving three
papers' names to each other (all 6 permutations, each followed by an edit of one file);
a held-back share draws random renamings of four papers with two edits, seeded, never
looked at while the rule was written. The invariant in every case: each path's current
paper has the content the path holds, each content is current once, and the edited
content's old version is the one kept as superseded.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jarap.cli import cli
from jarap.db.engine import open_engine
from jarap.db.load import IngestOptions, ingest_paths
from jarap.model import PaperRow

PAPERS = [
    SAMPLES / "follow-up" / "haldenmoor-follow-up-2023-11.txt",
    SAMPLES / "follow-up" / "haldenmoor-follow-up-2024-06.txt",
    SAMPLES / "audit-status" / "westmarch-audit-status-2016-10.txt",
    SAMPLES / "action-sheet" / "northshire-action-sheet-2018-03.txt",
]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ingest(engine: Engine, folder: Path) -> list[str]:
    results = ingest_paths(engine, [folder], IngestOptions(jobs=1))
    return [f"{r.action or r.status.value} {r.path.name}" for r in results]


def _rename(folder: Path, names: list[str], perm: tuple[int, ...]) -> None:
    """Name i now holds what name perm[i] held (through temporary names, as `mv` does)."""
    for name in names:
        (folder / name).rename(folder / f"{name}.tmp")
    for i, name in enumerate(names):
        (folder / f"{names[perm[i]]}.tmp").rename(folder / name)


def _assert_identity_by_content(engine: Engine, folder: Path, edited: set[str]) -> None:
    with Session(engine) as session:
        rows = list(
            session.execute(select(PaperRow.source_path, PaperRow.sha256, PaperRow.superseded_by))
        )
    current = {src: sha for src, sha, sup in rows if sup is None}
    on_disk = {str(p.resolve()): _sha(p) for p in folder.iterdir()}
    assert current == on_disk  # each path's current paper is what the path holds, once
    assert {sha for _, sha, sup in rows if sup is not None} == edited


def _scenario(tmp: Path, count: int, perm: tuple[int, ...], edits: list[int]) -> None:
    folder = tmp / "papers"
    folder.mkdir()
    names = [f"paper-{i}.txt" for i in range(count)]
    for name, source in zip(names, PAPERS, strict=False):
        shutil.copyfile(source, folder / name)
    engine = open_engine(str(tmp / "archive.db"))
    try:
        assert all(line.startswith("loaded ") for line in _ingest(engine, folder))
        _rename(folder, names, perm)
        moved = sorted(line for line in _ingest(engine, folder) if line.startswith("moved "))
        assert moved == sorted(f"moved {names[i]}" for i in range(count) if perm[i] != i)
        _assert_identity_by_content(engine, folder, set())
        edited = set()
        for i in edits:  # the file holding paper i's content gets a line more
            holder = folder / names[perm.index(i)]
            edited.add(_sha(holder))
            holder.write_bytes(holder.read_bytes() + b"\nNote added after the meeting.\n")
        changed = [line for line in _ingest(engine, folder) if not line.startswith("unchanged")]
        assert sorted(changed) == sorted(f"replaced {names[perm.index(i)]}" for i in edits)
        _assert_identity_by_content(engine, folder, edited)
    finally:
        engine.dispose()


@pytest.mark.parametrize("perm", list(itertools.permutations(range(3))), ids=str)
def test_renamed_files_are_moves_and_an_edit_supersedes_the_paper_it_was(
    tmp_path: Path, perm: tuple[int, ...]
) -> None:
    _scenario(tmp_path, 3, perm, [perm[0]])  # the paper now named first is edited


@pytest.mark.parametrize("seed", range(3))
def test_renamed_files_are_moves_held_back_random_renamings(tmp_path: Path, seed: int) -> None:
    rng = random.Random(20_000 + seed)
    perm = tuple(rng.sample(range(4), 4))
    _scenario(tmp_path, 4, perm, rng.sample(range(4), 2))


def test_swapped_names_then_edit_exports_each_paper_once(tmp_path: Path, db_path: str) -> None:
    """The issue's repro through the command line: ingest A and B, swap their names, ingest,
    append a line to A, ingest: the export holds both papers once each, A's edit current."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copyfile(PAPERS[0], a)
    shutil.copyfile(PAPERS[1], b)
    runner = CliRunner()

    def ingest() -> str:
        result = runner.invoke(cli, ["ingest", str(a), str(b), "--db", db_path, "-j", "1"])
        assert result.exit_code == 0, result.output
        return result.output

    ingest()
    a.rename(tmp_path / "t")
    b.rename(a)
    (tmp_path / "t").rename(b)
    out = ingest()
    assert f"moved   {a} (was {b.resolve()})" in out and f"moved   {b} (was {a.resolve()})" in out
    b.write_bytes(b.read_bytes() + b"\nNote added after the meeting.\n")  # A, now named b
    assert "replaced" in ingest()
    result = runner.invoke(cli, ["export", "--db", db_path, "--out", str(tmp_path / "x")])
    assert result.exit_code == 0, result.output
    papers = [json.loads(line) for line in (tmp_path / "x" / "papers.jsonl").open()]
    dates = sorted(p["paper_date"]["date"] for p in papers)
    assert dates == sorted(
        json.loads(line)["paper_date"]["date"]
        for line in _export_of(tmp_path, [PAPERS[0], PAPERS[1]]).open()
    )
    assert {p["source_file"]: p["sha256"] for p in papers} == {"a.txt": _sha(a), "b.txt": _sha(b)}


def _export_of(tmp: Path, papers: list[Path]) -> Path:
    """papers.jsonl of a fresh archive of the given files (what the dates should be)."""
    fresh = tmp / "fresh"
    fresh.mkdir()
    for p in papers:
        shutil.copyfile(p, fresh / p.name)
    db = str(tmp / "fresh.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(fresh), "--db", db, "-j", "1"]).exit_code == 0
    assert runner.invoke(cli, ["export", "--db", db, "--out", str(tmp / "y")]).exit_code == 0
    return tmp / "y" / "papers.jsonl"
