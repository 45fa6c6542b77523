"""One archive, many panels: next trackers, closures, vanished recommendations and links are
worked out within the series of the panel that published each paper (`papers.series`).

The two-panel archive is built through the real pipeline (`jarap ingest` of text papers):
Northshire's March and November 2021 trackers, and a July 2021 tracker of another panel,
Southmoor, that prints the same audits (same titles, months and references) because it is
Northshire's July paper under another letterhead. The panels' papers interleave in time.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from jarap.cli import cli
from jarap.db.engine import open_engine
from jarap.db.export import export_records, load_papers, vanished_records
from jarap.db.linker import link
from jarap.db.series import UNATTRIBUTED, series_of

TRACKERS_2021 = SAMPLES / "tracker-2021"
NORTHSHIRE = series_of(
    "POLICE AND CRIME COMMISSIONER FOR NORTHSHIRE JOINT AUDIT, RISK AND ASSURANCE PANEL"
)
SOUTHMOOR = series_of(
    "POLICE AND CRIME COMMISSIONER FOR SOUTHMOOR JOINT AUDIT, RISK AND ASSURANCE PANEL"
)


def _ingest(db: str, *paths: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", *map(str, paths), "--db", db, "-q"])
    assert result.exit_code == 0, result.output


def _rows(engine: Engine, sql: str) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql))]


@pytest.fixture(scope="module")
def two_panels(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("panels")
    for month in ("03", "11"):
        name = f"northshire-tracker-2021-{month}.txt"
        shutil.copy(TRACKERS_2021 / name, folder / name)
    july = (TRACKERS_2021 / "northshire-tracker-2021-07.txt").read_text(encoding="utf-8")
    letterhead = "POLICE AND CRIME COMMISSIONER FOR NORTHSHIRE JOINT AUDIT"
    assert july.count(letterhead) == 1  # the sample's letterhead, printed once
    other = july.replace(letterhead, "POLICE AND CRIME COMMISSIONER FOR SOUTHMOOR JOINT AUDIT")
    (folder / "southmoor-tracker-2021-07.txt").write_text(other, encoding="utf-8")
    db = str(folder / "archive.db")
    _ingest(db, folder)
    return open_engine(db)


def _ids_by_paper(engine: Engine) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in _rows(
        engine,
        "SELECT p.source_file, r.recommendation_id FROM recommendations r"
        " JOIN papers p ON p.paper_id = r.paper_id",
    ):
        out.setdefault(r["source_file"], set()).add(r["recommendation_id"])
    return out


def test_series_is_the_normalised_printed_organisation() -> None:
    # the reference panel prints its own name both ways (January 2020, July 2021)
    assert series_of(
        "POLICE & CRIME COMMISSIONER FOR LEICESTERSHIRE JOINT AUDIT, RISK & ASSURANCE PANEL"
    ) == series_of(
        "Police and Crime Commissioner for Leicestershire Joint,  Audit and Risk Assurance Panel"
    )
    assert series_of(None) == series_of("") == series_of(" – ") == UNATTRIBUTED
    assert NORTHSHIRE != SOUTHMOOR


def test_each_paper_stores_its_series(two_panels: Engine) -> None:
    stored = {
        r["source_file"]: r["series"]
        for r in _rows(two_panels, "SELECT source_file, series FROM papers")
    }
    assert stored == {
        "northshire-tracker-2021-03.txt": NORTHSHIRE,
        "northshire-tracker-2021-11.txt": NORTHSHIRE,
        "southmoor-tracker-2021-07.txt": SOUTHMOOR,
    }
    summary = _rows(two_panels, "SELECT source_file, series FROM v_paper_summary")
    assert {r["source_file"]: r["series"] for r in summary} == stored


def test_two_panels_with_the_same_audit_title_and_month_are_never_linked(
    two_panels: Engine,
) -> None:
    ids = _ids_by_paper(two_panels)
    north = ids["northshire-tracker-2021-03.txt"] | ids["northshire-tracker-2021-11.txt"]
    south = ids["southmoor-tracker-2021-07.txt"]
    assert not north & south
    # the same audits within one panel still link (FLEET MANAGEMENT September 2018 4.2)
    assert ids["northshire-tracker-2021-03.txt"] & ids["northshire-tracker-2021-11.txt"]
    fleet = _rows(
        two_panels,
        "SELECT DISTINCT series, recommendation_id FROM v_snapshot"
        " WHERE audit_title = 'FLEET MANAGEMENT' AND ref = '4.2'",
    )
    assert sorted(r["series"] for r in fleet) == sorted([NORTHSHIRE, SOUTHMOOR])
    assert len({r["recommendation_id"] for r in fleet}) == 2


def test_next_tracker_is_the_own_panels_next_paper(two_panels: Engine) -> None:
    nxt = {
        r["source_file"]: r["next_tracker_date"]
        for r in _rows(two_panels, "SELECT source_file, next_tracker_date FROM papers")
    }
    assert str(nxt["northshire-tracker-2021-03.txt"]) == "2021-11-30"  # not Southmoor's July
    assert nxt["southmoor-tracker-2021-07.txt"] is None  # Northshire's November is not its next
    assert nxt["northshire-tracker-2021-11.txt"] is None


def test_another_panels_later_paper_never_makes_a_recommendation_vanish_or_close(
    two_panels: Engine,
) -> None:
    with Session(two_panels) as session:
        papers = load_papers(session)
        vanished = vanished_records(papers)
    assert vanished, "a Northshire recommendation absent from its own next paper vanishes"
    assert not [v for v in vanished if v["source_file"].startswith("southmoor")]
    assert {v["absent_from"] for v in vanished} == {"2021-11-30"}
    # Southmoor's proposed closures wait for Southmoor's next tracker, in SQL and the export
    south = _rows(
        two_panels,
        "SELECT recommendation_id, status, latest_status, closed_by FROM v_latest_state"
        " WHERE series = '" + SOUTHMOOR + "'",
    )
    proposed = [r for r in south if r["status"] == "proposed_closed"]
    assert proposed and all(r["latest_status"] == "proposed_closed" for r in proposed)
    assert all(r["closed_by"] is None for r in proposed)
    history = {h["recommendation_id"]: h for h in export_records(two_panels)["history"]}
    for r in proposed:
        h = history[r["recommendation_id"]]
        assert h["latest_status"] == "proposed_closed" and h["closed_by"] is None


def test_a_recommendation_absent_from_its_own_panels_next_paper_still_vanishes(
    two_panels: Engine,
) -> None:
    """The March item missing from November: flagged, absent from Northshire's next paper
    (November), not Southmoor's July paper in between."""
    ids = _ids_by_paper(two_panels)
    gone = ids["northshire-tracker-2021-03.txt"] - ids["northshire-tracker-2021-11.txt"]
    with Session(two_panels) as session:
        vanished = {v["recommendation_id"]: v for v in vanished_records(load_papers(session))}
    assert gone and gone <= set(vanished) | _closing(two_panels, gone)
    for rid in gone & set(vanished):
        assert vanished[rid]["source_file"] == "northshire-tracker-2021-03.txt"
        assert "absent from the 2021-11-30 tracker" in vanished[rid]["warning"]


def _closing(engine: Engine, ids: set[str]) -> set[str]:
    """Of these recommendations, those whose last snapshot left the tracker for a stated
    reason (proposed closed, not adopted…): absent next time without vanishing."""
    rows = _rows(engine, "SELECT recommendation_id, status FROM v_latest_state")
    closing = {"closed", "proposed_closed", "not_adopted", "superseded"}
    return {
        r["recommendation_id"]
        for r in rows
        if r["recommendation_id"] in ids and r["status"] in closing
    }


def test_the_samples_panels_are_their_own_series(tmp_path: Path) -> None:
    """Haldenmoor's follow-up papers between Northshire's trackers: Haldenmoor's June 2024
    recommendations do not vanish at Northshire's July 2024 tracker, Haldenmoor's November
    2023 ones absent from its own June 2024 paper do, Northshire's November 2021 paper looks
    to its own next tracker (July 2024), not Haldenmoor's November 2023 one, and the Fenmoor
    quirks paper (December 2021), alone in its series, loses nothing to anyone's later papers."""
    folder = tmp_path / "papers"
    folder.mkdir()
    for sub in ("follow-up", "tracker-2022", "tracker-2021", "tracker-2021-quirks", "audit-status"):
        for path in (SAMPLES / sub).glob("*.txt"):
            shutil.copy(path, folder / path.name)
    db = str(tmp_path / "archive.db")
    _ingest(db, folder)
    engine = open_engine(db)
    series = {r["source_file"]: r["series"] for r in _rows(engine, "SELECT * FROM papers")}
    assert series["haldenmoor-follow-up-2023-11.txt"] == series["haldenmoor-follow-up-2024-06.txt"]
    assert series["haldenmoor-follow-up-2023-11.txt"] != series["northshire-tracker-2024-07.txt"]
    westmarch = series["westmarch-audit-status-2016-10.txt"]
    assert [k for k, v in series.items() if v == westmarch] == [
        "westmarch-audit-status-2016-10.txt"
    ]
    with Session(engine) as session:
        vanished = vanished_records(load_papers(session))
    by_file: dict[str, set[str]] = {}
    for v in vanished:
        by_file.setdefault(v["source_file"], set()).add(v["absent_from"])
    assert "haldenmoor-follow-up-2024-06.txt" not in by_file
    assert by_file["haldenmoor-follow-up-2023-11.txt"] == {"2024-06-30"}
    assert by_file["northshire-tracker-2021-11.txt"] == {"2024-07-31"}
    assert "fenmoor-tracker-quirks-2021-12.txt" not in by_file
    ids = _ids_by_paper(engine)
    halden = ids["haldenmoor-follow-up-2023-11.txt"] | ids["haldenmoor-follow-up-2024-06.txt"]
    north = set().union(*(v for k, v in ids.items() if k.startswith("northshire")))
    assert not halden & north


def test_papers_without_an_organisation_are_one_unattributed_series(tmp_path: Path) -> None:
    """Today's behaviour for them: every paper with no letterhead is one series."""
    folder = tmp_path / "papers"
    folder.mkdir()
    letterhead = (
        "POLICE AND CRIME COMMISSIONER FOR NORTHSHIRE JOINT AUDIT, RISK AND ASSURANCE PANEL"
    )
    for month in ("03", "07"):
        name = f"northshire-tracker-2021-{month}.txt"
        body = (TRACKERS_2021 / name).read_text(encoding="utf-8")
        assert letterhead in body
        (folder / name).write_text(body.replace(letterhead, ""), encoding="utf-8")
    db = str(tmp_path / "archive.db")
    _ingest(db, folder)
    engine = open_engine(db)
    rows = _rows(engine, "SELECT source_file, series, next_tracker_date FROM papers")
    assert {r["series"] for r in rows} == {UNATTRIBUTED}
    march = next(r for r in rows if r["source_file"].endswith("2021-03.txt"))
    assert str(march["next_tracker_date"]) == "2021-07-31"
    ids = _ids_by_paper(engine)
    assert ids["northshire-tracker-2021-03.txt"] & ids["northshire-tracker-2021-07.txt"]
    assert link(engine).recommendations == len(set().union(*ids.values()))


def test_two_panels_papers_arriving_one_by_one_link_as_a_full_run(
    two_panels: Engine, tmp_path: Path
) -> None:
    """Incremental linking (each `jarap ingest` of one paper) keeps the series apart as a
    full run does: the same ids, the same next trackers."""
    folder = Path(str(two_panels.url.database)).parent
    db = str(tmp_path / "step.db")
    for name in (
        "southmoor-tracker-2021-07.txt",
        "northshire-tracker-2021-11.txt",
        "northshire-tracker-2021-03.txt",
    ):
        _ingest(db, folder / name)
    step = open_engine(db)
    sql = (
        "SELECT p.source_file, r.seq, r.recommendation_id, p.next_tracker_date"
        " FROM recommendations r JOIN papers p ON p.paper_id = r.paper_id"
    )
    incremental = sorted(tuple(r.values()) for r in _rows(step, sql))
    link(step)  # a full run
    assert sorted(tuple(r.values()) for r in _rows(step, sql)) == incremental
    assert incremental == sorted(tuple(r.values()) for r in _rows(two_panels, sql))
