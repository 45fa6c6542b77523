"""Histories of generated series (samples/generate_history.py) against their truth.

Each series is an invented panel's trackers over years, in one layout (the 2022–25 tables,
the 2016–20 blocks, the 2021 tables, the 2013–16 appendix, the layout zoo's forms) or changing
layout within the series (blocks, then the 2021 tables, then the 2022 tables, references
counted again; or from the appendix years on, where no title is printed), with renumbered
references, audit titles printed with dates, opinions, numbers, notes and abbreviations,
re-audits, generic titles, skipped papers, restated and revised targets, closures, refused
closures, vanishings and twins, each paper in a format drawn by the seed. The archive is read as an
analyst reads it (the export, `v_slippage`, `v_latest_state`) and scored: pairwise link
precision/recall, whole histories, re-audits kept apart, slippage and closure. The held-back
seeds of each share were never looked at while the linker was tuned; they are scored and
reported separately. Generated once per generator version into a cached temp folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from history_score import Score, score_series
from sqlalchemy import text
from tooling import require_tool

from jarap.cli import cli
from jarap.db.engine import open_engine

ROOT = Path(__file__).resolve().parent.parent
GENERATORS = sorted((ROOT / "samples").glob("history_*.py")) + [
    ROOT / "samples" / n
    for n in (
        "generate_history.py",
        "generate_2013.py",
        "generate_2020.py",
        "generate_2021.py",
        "generate_2022.py",
        "generate_zoo.py",
        "generate.py",
    )
]
GENERATORS.insert(0, GENERATORS.pop(GENERATORS.index(ROOT / "samples" / "generate_history.py")))
# a seed's layout mix is `seed % 4` (samples/history_draw.py mix_of): the development share
# covers every mix (block, 2021, changing, table) three times, the held-back share twice.
# Seeds 101-108 were the held-back share until their first run (F1 0.992, closure wrong for 7
# and the vanished warning for 11 of 192 whole histories: papers listing nothing, since drawn
# out); being seen, they were replaced by 201-208.
DEVELOPMENT = list(range(1, 13))
HELD_BACK = list(range(201, 209))  # fixed seeds, kept out of the tuning loop
# seeds from 1000 print the layout zoo's forms (generic reading), one combination a series
ZOO_DEVELOPMENT = list(range(1001, 1013))
# Seeds 2001-2006 were the zoo's held-back share until their first run (F1 0.948: in numbered
# blocks the truth printed tracker references where Word numbers the blocks 1, 2, 3…, a
# generator defect, since fixed); being seen, they were replaced by 3001-3006.
ZOO_HELD_BACK = list(range(3001, 3007))  # never looked at while tuning
# seeds from 4000 start in the 2013–16 appendix years: the appendix throughout, or the
# appendix, then the blocks, the 2021 tables and the 2022 tables (`seed % 2`)
APPENDIX_DEVELOPMENT = list(range(4001, 4009))
# Seeds 4201-4206 were the appendix's held-back share until their first run (F1 0.994, 142 of
# 144 whole, 2 snapshots unread: a PDF's line printed once at a page's top, a heading, was
# skipped as a margin line and the paragraph under it joined to the previous page's last,
# since fixed); being seen, they were replaced by 4301-4306.
APPENDIX_HELD_BACK = list(range(4301, 4307))  # never looked at while tuning
TRACKERS = {"table", "block", "2021", "changing"}
APPENDIX = {"2013", "from2013"}
SHARES = {  # fixture -> (seeds, the layout mixes they must cover, is it the zoo)
    "development": (DEVELOPMENT, TRACKERS, False),
    "held_back": (HELD_BACK, TRACKERS, False),
    "zoo_development": (ZOO_DEVELOPMENT, {"zoo"}, True),
    "zoo_held_back": (ZOO_HELD_BACK, {"zoo"}, True),
    "appendix_development": (APPENDIX_DEVELOPMENT, APPENDIX, False),
    "appendix_held_back": (APPENDIX_HELD_BACK, APPENDIX, False),
}
F1_FLOOR = 0.99
# the zoo is read generically: the links found must be right, and every whole history exact
# (its recall and unread snapshots: test_zoo_histories_link_as_well_as_the_trackers)
ZOO_PRECISION_FLOOR = 0.98


def _generated(seeds: list[int]) -> Path:
    """The series of these seeds, generated once per generator version (cached)."""
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in GENERATORS)).hexdigest()[:12]
    key = f"{digest}-{'-'.join(map(str, seeds))}"
    out = Path(tempfile.gettempdir()) / "jarap-history-cache" / key
    if not (out / "done").exists():
        out.mkdir(parents=True, exist_ok=True)
        seeds_arg = ",".join(map(str, seeds))
        subprocess.run(
            [sys.executable, str(GENERATORS[0]), str(out), "--seeds", seeds_arg],
            check=True, capture_output=True, timeout=900,
        )  # fmt: skip
        (out / "done").write_text("ok\n")
    return out


def _views(db: str) -> dict[str, dict[str, Any]]:
    engine = open_engine(db)
    out: dict[str, dict[str, Any]] = {}
    with engine.connect() as conn:
        for row in conn.execute(
            text(
                "SELECT s.recommendation_id, s.original_target, s.latest_target, s.revisions,"
                " s.slippage_days, l.closed_by, l.vanished_from FROM v_slippage s"
                " JOIN v_latest_state l ON l.recommendation_id = s.recommendation_id"
            )
        ):
            out[row.recommendation_id] = {
                "original_target": row.original_target,
                "latest_target": row.latest_target,
                "revisions": row.revisions,
                "slippage_days": row.slippage_days,
                "closed_by": row.closed_by,
                "vanished_from": row.vanished_from,
            }
    engine.dispose()
    return out


def _archive(seeds: list[int], tmp: Path) -> tuple[Path, list[dict[str, Any]], Path, str]:
    folder = _generated(seeds)
    db = str(tmp / "archive.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(folder), "--db", db])
    assert result.exit_code in (0, 1), result.output  # 1: a paper's cover disagrees
    export = tmp / "export"
    result = runner.invoke(cli, ["export", "--db", db, "--out", str(export)])
    assert result.exit_code == 0, result.output
    truths = [json.loads(p.read_text()) for p in sorted(folder.glob("*/truth.json"))]
    return folder, truths, export, db


def _score(seeds: list[int], tmp: Path) -> tuple[Score, dict[str, Score], Path, str]:
    folder, truths, export, db = _archive(seeds, tmp)
    views = _views(db)
    total, each = Score(), {}
    for truth in truths:
        name = f"{truth['series']} ({truth['mix']})"
        each[name] = score_series(truth, export, views)
        total.add(each[name])
    return total, each, folder, db


def _share(name: str, seeds: list[int], folder: str) -> Any:
    """A module fixture scoring one share of seeds (generated, ingested and exported once)."""

    @pytest.fixture(scope="module", name=name)
    def share(
        tmp_path_factory: pytest.TempPathFactory,
    ) -> tuple[Score, dict[str, Score], Path, str]:
        require_tool("soffice")
        return _score(seeds, tmp_path_factory.mktemp(f"history-{folder}"))

    return share


development = _share("development", DEVELOPMENT, "dev")
held_back = _share("held_back", HELD_BACK, "held")
zoo_development = _share("zoo_development", ZOO_DEVELOPMENT, "zoo-dev")
zoo_held_back = _share("zoo_held_back", ZOO_HELD_BACK, "zoo-held")
appendix_development = _share("appendix_development", APPENDIX_DEVELOPMENT, "appendix-dev")
appendix_held_back = _share("appendix_held_back", APPENDIX_HELD_BACK, "appendix-held")


def _report(name: str, total: Score, each: dict[str, Score]) -> None:
    print(f"\n{name}: {total.line()}")
    for series, s in each.items():
        print(f"  {series}: {s.line()}")
        for field, wrong in s.wrong.items():
            print(f"    {field}: {wrong[:4]}")
        if s.wrong_reading:
            print(f"    targets misread: {s.wrong_reading}")


@pytest.mark.parametrize("which", list(SHARES))
def test_generated_histories_link_whole_with_exact_slippage_and_closure(
    which: str, request: pytest.FixtureRequest
) -> None:
    total, each, _folder, _db = request.getfixturevalue(which)
    _report(which, total, each)
    _seeds, mixes, is_zoo = SHARES[which]
    assert {name.rsplit("(", 1)[1].rstrip(")") for name in each} == mixes  # every layout mix
    assert total.true_pairs > 600 and total.histories > 100  # the series are not trivial
    assert total.reaudits_merged == 0, total.line()
    if is_zoo:
        assert total.precision >= ZOO_PRECISION_FLOOR, total.line()
    else:
        assert total.unread == 0
        assert total.f1 >= F1_FLOOR, total.line()
    # slippage and closure are judged where the targets were read as printed; a history
    # with a misread target is a reading defect (reported), not a history one
    assert total.misread <= 0.05 * total.whole, total.wrong_reading
    assert not total.wrong, total.line()


@pytest.mark.parametrize("which", ["zoo_development", "zoo_held_back"])
def test_zoo_histories_link_as_well_as_the_trackers(
    which: str, request: pytest.FixtureRequest
) -> None:
    """The zoo's series link as the trackers' do. Before: development F1 0.982 (a LibreOffice
    PDF's audit heading run into the caption or lead-in under it, 4 snapshots unread and a
    series at recall 0.92; a reworded title renumbered onto its audit's other reference taken
    for that reference's recommendation, P 0.95 in one series)."""
    total, _each, _folder, _db = request.getfixturevalue(which)
    assert total.unread == 0, total.line()
    assert total.f1 >= F1_FLOOR, total.line()


def test_a_twin_is_one_paper_and_its_reingest_is_unchanged(development: Any) -> None:
    _total, _each, folder, db = development
    engine = open_engine(db)
    with engine.connect() as conn:
        twins = conn.execute(
            text("SELECT source_path, twin_of FROM papers WHERE twin_of IS NOT NULL")
        ).all()
        per_date = conn.execute(
            text(
                "SELECT COUNT(*) FROM (SELECT paper_date, recommendation_id FROM v_snapshot"
                " GROUP BY paper_date, recommendation_id HAVING COUNT(*) > 1) d"
            )
        ).scalar()
    engine.dispose()
    truths = [json.loads(p.read_text()) for p in sorted(folder.glob("*/truth.json"))]
    held_twice = sum(len(p["files"]) == 2 for t in truths for p in t["papers"])
    assert len(twins) == held_twice and per_date == 0
    result = CliRunner().invoke(cli, ["ingest", twins[0].source_path, "--db", db])
    assert re.search(r"^1 unchanged\b", result.output, re.M), result.output
    assert "links unchanged" in result.output, result.output


def test_the_generator_varies_what_it_is_scored_on(development: Any) -> None:
    """Every kind of variation the series are meant to carry is in the generated truth."""
    _total, _each, folder, _db = development
    recs = [
        r
        for p in sorted(folder.glob("*/truth.json"))
        for r in json.loads(p.read_text())["recommendations"]
    ]
    refs = [{s["ref"] for s in r["snapshots"].values()} for r in recs]
    titles = [{s["title"] for s in r["snapshots"].values()} for r in recs]
    pis = [sorted(map(int, r["snapshots"])) for r in recs]
    assert sum(len(r) > 1 for r in refs) >= 10  # renumbered
    assert sum(len(t) > 1 for t in titles) >= 5  # reworded
    assert sum(p[-1] - p[0] + 1 > len(p) for p in pis) >= 3  # skipped a paper
    assert sum(r["reaudit"] for r in recs) >= 5
    assert sum(r["revisions"] > 0 for r in recs) >= 10
    assert sum(bool(r["closed_by"]) for r in recs) >= 10
    assert sum(bool(r["vanished_from"]) for r in recs) >= 5
    layouts = [[p["layout"] for p in json.loads(t.read_text())["papers"]] for t in
               sorted(folder.glob("*/truth.json"))]  # fmt: skip
    assert {x for series in layouts for x in series} == {"table", "2021", "block"}
    assert sum(len(set(series)) == 3 for series in layouts) >= 2  # a panel changed layout
    states = [[s["state"] for s in r["snapshots"].values()] for r in recs]
    assert sum("Proposed Closed" in s[:-1] for s in states) >= 3  # refused closures


if os.environ.get("JARAP_HISTORY_SEEDS"):  # pragma: no cover - a developer's own seeds
    DEVELOPMENT = [int(s) for s in os.environ["JARAP_HISTORY_SEEDS"].split(",")]
