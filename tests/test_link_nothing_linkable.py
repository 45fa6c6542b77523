"""An incremental link over an archive with nothing to link (papers of actions and audit
statuses only: no recommendation before or now) skips clustering and the link and history
tables, and must leave the archive as a full run does: twins resolved and relabelled, each
paper's next tracker date, the digest that the next run compares."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from conftest import SAMPLES

from jarap.db.engine import open_engine
from jarap.db.linker import link
from jarap.db.load import IngestOptions, ingest_paths

# every sample paper without recommendations, in every format it is printed in
PAPERS = sorted(
    p for folder in ("action-sheet", "audit-status") for p in (SAMPLES / folder).iterdir()
)
STATE = (
    "SELECT paper_id, twin_of, twin_problems, next_tracker_date FROM papers ORDER BY paper_id",
    "SELECT * FROM links ORDER BY recommendation_pk",
    "SELECT * FROM histories ORDER BY recommendation_id",
    "SELECT * FROM link_state",  # the digest the next incremental run compares
    "SELECT COUNT(*) FROM recommendations",
)


def _state(db: Path) -> list[list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        return [conn.execute(sql).fetchall() for sql in STATE]


@pytest.mark.parametrize("seed", [1, 2, 3, 101])  # 101: held back while writing the skip
def test_an_incremental_link_with_nothing_to_link_leaves_what_a_full_run_leaves(
    tmp_path: Path, seed: int
) -> None:
    """Papers arrive one by one in a random order (each ingest links incrementally), then
    a full run relinks the same archive: nothing it writes may differ."""
    papers = random.Random(seed).sample(PAPERS, k=random.Random(seed).randint(2, len(PAPERS)))
    db = tmp_path / "a.db"
    engine = open_engine(str(db))
    reports = []
    for paper in papers:
        results = list(ingest_paths(engine, [paper], IngestOptions(jobs=1)))
        assert all(r.ok for r in results), [r.error for r in results]
        reports.append(link(engine, incremental=True))
    assert all(r.snapshots == 0 and not r.unchanged for r in reports[:1])
    incremental = _state(db)
    full = link(engine)
    engine.dispose()
    assert full.summary() == reports[-1].summary() or reports[-1].unchanged
    assert _state(db) == incremental
    assert incremental[4] == [(0,)], "nothing linkable: no recommendation stored"
