"""The analyst views and documented queries, on SQLite and (when reachable) PostgreSQL.

The archive is the 2021 sample papers (three meetings × Word, PDF, text); the expected rows
are computed from `samples/truth/*.json`, never from the database. PostgreSQL runs on a server
the tests start themselves (the `pg_url` fixture, tests/pg_server.py; or the one
JARAP_TEST_PG_URL names, wiped); on CI (`CI=true`) it must run.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pg_util import wipe_postgres
from sqlalchemy import Engine, text

from jarap.cli import cli
from jarap.db.engine import open_engine
from jarap.db.queries import DOCS, METADATA, QUERIES, docs_text, metadata_yaml
from jarap.db.sql import run_query
from jarap.db.views import VIEW_NEEDS, VIEWS
from jarap.model import Base

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_2021 = ROOT / "samples" / "tracker-2021"
TRUTH = ROOT / "samples" / "truth"
CLOSING = {"closed", "proposed_closed", "not_adopted", "superseded"}


# --- the archive on each backend -----------------------------------------------------------


def _ingest(db: str) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(SAMPLES_2021), "--db", db, "-q"])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("views") / "archive.db")
    _ingest(db)
    return db


@pytest.fixture(scope="module")
def pg_db(pg_url: str) -> str:
    wipe_postgres(pg_url)
    _ingest(pg_url)
    return pg_url


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def archive(request: pytest.FixtureRequest) -> Engine:
    db = request.getfixturevalue("sqlite_db" if request.param == "sqlite" else "pg_db")
    engine = open_engine(db)
    yield engine
    engine.dispose()


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return int(value)
    return value


def rows(engine: Engine, sql: str) -> list[dict[str, Any]]:
    result = run_query(engine, sql)
    return [{c: _plain(v) for c, v in zip(result.columns, row, strict=True)} for row in result.rows]


def query_sql(name: str, engine: Engine) -> str:
    return next(q for q in QUERIES if q.name == name).render(engine.dialect.name)


# --- what the truth files say ----------------------------------------------------------------


def _d(value: dict | None) -> str | None:
    return value["date"] if value else None


def truth_history() -> tuple[list[str], dict[tuple, list[tuple[str, dict]]]]:
    papers = sorted(
        (json.loads(p.read_text()) for p in TRUTH.glob("northshire-tracker-2021-*.json")),
        key=lambda t: t["paper"]["date"]["date"],
    )
    dates = [t["paper"]["date"]["date"] for t in papers]
    recs: dict[tuple, list[tuple[str, dict]]] = defaultdict(list)
    for t in papers:
        for r in t["recommendations"]:
            recs[(r["audit_title"], _d(r["audit_date"]), r["ref"])].append(
                (t["paper"]["date"]["date"], r)
            )
    return dates, recs


def expected_slippage() -> dict[tuple, dict[str, Any]]:
    dates, recs = truth_history()
    out = {}
    for key, snaps in recs.items():
        original = next(
            (_d(r["original_target"]) for _, r in snaps if _d(r["original_target"])), None
        )
        latest = next(
            (_d(r["current_target"]) for _, r in reversed(snaps) if _d(r["current_target"])), None
        )
        stated = {t["date"] for _, r in snaps for t in r["target_history"] if t["date"]}
        last_date, last = snaps[-1]
        status = last["status"]
        if any(r["status"] == "closed" for _, r in snaps) or (
            status == "proposed_closed" and any(d > last_date for d in dates)
        ):
            status = "closed"
        out[key] = {
            "priority_level": last["priority_level"],
            "original_target": original,
            "latest_target": latest,
            "slippage_days": (
                (dt.date.fromisoformat(latest) - dt.date.fromisoformat(original)).days
                if original and latest
                else None
            ),
            "revisions": max(0, len(stated) - 1),
            "latest_status": status,
            "first_seen": snaps[0][0],
            "last_seen": last_date,
            "owners": last["owners"],
            "current_target": _d(last["current_target"]),
        }
    return out


def _key(row: dict) -> tuple:
    return (row["audit_title"], row["audit_date"], row["ref"])


# --- the views --------------------------------------------------------------------------------


def test_views_exist_and_survive_reopening(archive: Engine) -> None:
    open_engine(str(archive.url.render_as_string(hide_password=False))).dispose()
    for name in VIEWS:
        n = rows(archive, f"SELECT COUNT(*) AS n FROM {name}")[0]["n"]
        # the samples are all of known layouts: the document-text views exist and are empty
        # (test_unknown_layout.py fills and queries them)
        assert n > 0 or name in VIEW_NEEDS, name


def test_views_show_each_papers_series(archive: Engine) -> None:
    """`papers.series` (the normalised letterhead) reaches the views analysts group by."""
    from jarap.db.series import series_of

    northshire = series_of(
        "POLICE AND CRIME COMMISSIONER FOR NORTHSHIRE JOINT AUDIT, RISK AND ASSURANCE PANEL"
    )
    for view in ("v_snapshot", "v_latest_state", "v_paper_summary"):
        found = rows(archive, f"SELECT DISTINCT series FROM {view}")
        assert [r["series"] for r in found] == [northshire], view


def test_latest_state_has_one_row_per_recommendation(archive: Engine) -> None:
    got = rows(archive, "SELECT * FROM v_latest_state")
    expected = expected_slippage()
    assert len(got) == len(expected) == 18
    assert len({r["recommendation_id"] for r in got}) == 18
    by_key = {_key(r): r for r in got}
    assert set(by_key) == set(expected)
    for key, exp in expected.items():
        row = by_key[key]
        assert row["latest_status"] == exp["latest_status"], key
        assert row["paper_date"] == exp["last_seen"], key
        assert row["first_seen"] == exp["first_seen"], key
        assert row["current_target"] == exp["current_target"], key
        assert (row["owners"] or "") == "; ".join(exp["owners"]), key
        assert row["source_file"].endswith(".docx")  # the preferred format
    # proposed closed in July and absent from November: closed by the November paper
    estates = by_key[("ESTATES MAINTENANCE", "2020-12-31", "4.3")]
    assert (estates["status"], estates["latest_status"]) == ("proposed_closed", "closed")
    assert estates["closed_by"] == "2021-11-30"


def test_slippage_matches_the_truth_for_every_recommendation(archive: Engine) -> None:
    got = {_key(r): r for r in rows(archive, "SELECT * FROM v_slippage")}
    expected = expected_slippage()
    assert set(got) == set(expected)
    for key, exp in expected.items():
        for column in (
            "original_target",
            "latest_target",
            "slippage_days",
            "revisions",
            "priority_level",
            "latest_status",
            "first_seen",
            "last_seen",
        ):
            assert got[key][column] == exp[column], (key, column)
    custody = got[("CUSTODY DETAINEE PROPERTY", "2019-03-31", "4.1")]
    assert (custody["original_target"], custody["latest_target"]) == ("2021-03-31", "2022-01-31")
    assert (custody["slippage_days"], custody["revisions"]) == (306, 3)
    retention = got[("INFORMATION MANAGEMENT – RETENTION AND DISPOSAL", "2020-02-29", "4.1")]
    assert (retention["slippage_days"], retention["revisions"]) == (485, 3)
    assert retention["latest_target_raw"] == "March/April 2022"


def test_slippage_agrees_with_the_export_history(archive: Engine) -> None:
    from sqlalchemy.orm import Session

    from jarap.db.export import history_records, load_papers

    with Session(archive) as session:
        history = {h["recommendation_id"]: h for h in history_records(load_papers(session))}
    got = rows(archive, "SELECT * FROM v_slippage")
    assert {r["recommendation_id"] for r in got} == set(history)
    for row in got:
        h = history[row["recommendation_id"]]
        assert row["slippage_days"] == h["slippage_days"]
        # (not `revisions`: the export counts every change between consecutive stated
        # dates, and each paper restates the whole chain, so it over-counts)
        assert row["latest_status"] == h["latest_status"]


def test_target_history_is_one_format_per_paper(archive: Engine) -> None:
    got = rows(
        archive,
        "SELECT paper_date, position, date, struck FROM v_target_history "
        "WHERE audit_title = 'CUSTODY DETAINEE PROPERTY' AND ref = '4.1' "
        "ORDER BY paper_date, position",
    )
    _, recs = truth_history()
    snaps = recs[("CUSTODY DETAINEE PROPERTY", "2019-03-31", "4.1")]
    assert [(r["paper_date"], r["date"]) for r in got] == [
        (d, t["date"]) for d, rec in snaps for t in rec["target_history"]
    ]
    # November: the three earlier targets are struck, the January 2022 one is in force
    assert [r["struck"] for r in got if r["paper_date"] == "2021-11-30"] == [0, 1, 1, 0]


def test_overdue_at_each_meeting(archive: Engine) -> None:
    dates, recs = truth_history()
    expected = {
        (d, key[0], key[2])
        for key, snaps in recs.items()
        for d, r in snaps
        if _d(r["current_target"]) and _d(r["current_target"]) < d and r["status"] not in CLOSING
    }
    got = rows(archive, "SELECT * FROM v_overdue")
    assert {(r["paper_date"], r["audit_title"], r["ref"]) for r in got} == expected
    fuel = [r for r in got if r["title"] == "Fuel Card Controls"]
    assert {r["paper_date"]: r["days_overdue"] for r in fuel} == {
        "2021-07-31": 92,
        "2021-11-30": 214,
    }


def test_owner_workload(archive: Engine) -> None:
    expected: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for exp in expected_slippage().values():
        if exp["latest_status"] in CLOSING:
            continue
        for name in exp["owners"]:
            expected[name][0] += 1
            target = exp["current_target"]
            expected[name][1] += bool(target and target < exp["last_seen"])
    got = {
        r["owner"]: [r["open_recommendations"], r["overdue"]]
        for r in rows(archive, "SELECT * FROM v_owner_workload")
    }
    assert got == dict(expected)
    assert got["Mr Owen Tranter"] == [2, 0]
    assert got["Supt Maya Quist"] == [1, 1]


def test_paper_summary_regenerates_the_cover_tables(archive: Engine) -> None:
    level = {"Fundamental": "high", "Significant": "medium", "Housekeeping": "low"}
    got = rows(archive, "SELECT * FROM v_paper_summary")
    assert len(got) == 9
    for row in got:
        truth = json.loads((TRUTH / f"{Path(row['source_file']).stem}.json").read_text())
        declared = truth["declared_counts"]
        assert row["declared_total"] == declared["total"] == row["recommendations"]
        assert row["declared_proposed_closed"] == declared["proposed_closed"]
        assert row["proposed_closed"] == declared["proposed_closed"]
        if row["format"] in ("docx", "pdf"):
            for word, n in declared["by_priority"].items():
                assert row[level[word]] == n, (row["source_file"], word)
            assert row["priority_unknown"] == 0
        else:  # a text conversion loses the colour some priorities are printed as
            assert row["priority_unknown"] > 0


# --- the documented queries -------------------------------------------------------------------


@pytest.mark.parametrize("name", [q.name for q in QUERIES])
def test_every_documented_query_runs(archive: Engine, name: str) -> None:
    result = run_query(archive, query_sql(name, archive))
    assert result.columns
    if name != "vanished_without_closure":
        assert result.rows, name


def test_query_results(archive: Engine) -> None:
    def q(name: str) -> list[dict]:
        return rows(archive, query_sql(name, archive))

    assert [
        (r["audit_title"], r["ref"], r["revisions"], r["slippage_days"])
        for r in q("high_moved_three_times")
    ] == [("CUSTODY DETAINEE PROPERTY", "4.1", 3, 306)]

    slips: dict[str, list[int]] = defaultdict(list)
    for (title, _, _), exp in expected_slippage().items():
        if exp["slippage_days"] is not None:
            slips[title].append(exp["slippage_days"])
    median = {
        t: sorted(v)[len(v) // 2]
        if len(v) % 2
        else sum(sorted(v)[len(v) // 2 - 1 : len(v) // 2 + 1]) / 2
        for t, v in slips.items()
    }
    assert {
        r["audit_title"]: r["median_slippage_days"] for r in q("median_slippage_by_audit")
    } == pytest.approx(median)
    assert median["CUSTODY DETAINEE PROPERTY"] == 199

    assert [(r["audit_title"], r["ref"], r["days_overdue"]) for r in q("overdue_july_2021")] == [
        ("FLEET MANAGEMENT", "4.4", 92),
        ("OVERTIME AND ALLOWANCES", "4.2", 92),
        ("CUSTODY DETAINEE PROPERTY", "4.2", 31),
        ("INFORMATION MANAGEMENT – RETENTION AND DISPOSAL", "4.3", 31),
    ]
    assert {(r["audit_title"], r["ref"]) for r in q("open_high_recommendations")} == {
        ("CUSTODY DETAINEE PROPERTY", "4.1"),
        ("DIGITAL FORENSICS UNIT", "4.1"),
        ("OVERTIME AND ALLOWANCES", "4.1"),
    }
    assert q("biggest_slippage")[0]["slippage_days"] == 485
    assert len(q("biggest_slippage")) == 5
    high = next(r for r in q("slippage_by_priority") if r["priority_level"] == "high")
    assert (high["recommendations"], high["revised"], high["max_slippage_days"]) == (4, 4, 306)
    closed = {(r["audit_title"], r["ref"]): r["closed_by"] for r in q("closed_by_meeting")}
    assert closed[("ESTATES MAINTENANCE", "4.2")] == "2021-11-30"
    assert closed[("Business Continuity", "4.4")] == "2021-07-31"
    assert len(q("target_history_custody_4_1")) == 9
    assert [(r["ref"], r["former_owner"], r["owners"]) for r in q("owner_handovers")] == [
        ("4.1", "Insp Carl Pike", "Supt Maya Quist")
    ]
    assert q("vanished_without_closure") == []
    assert sorted(r["source_file"] for r in q("papers_not_reconciling")) == [
        f"northshire-tracker-2021-{m}.txt" for m in ("03", "07", "11")
    ]


def test_sqlite_and_postgresql_give_the_same_rows(sqlite_db: str, pg_db: str) -> None:
    lite, pg = open_engine(sqlite_db), open_engine(pg_db)
    try:
        for view in VIEWS:
            sql = f"SELECT * FROM {view}"
            if view == "v_paper_summary":  # per file: compare without the file's own id order
                sql += " ORDER BY source_file"
            a = sorted(map(repr, _approx_rows(rows(lite, sql))))
            b = sorted(map(repr, _approx_rows(rows(pg, sql))))
            assert a == b, view
        for query in QUERIES:
            a = rows(lite, query.render("sqlite"))
            b = rows(pg, query.render("postgresql"))
            assert _approx_rows(a) == _approx_rows(b), query.name
    finally:
        lite.dispose()
        pg.dispose()


def _approx_rows(rs: list[dict]) -> list[dict]:
    return [{k: round(v, 6) if isinstance(v, float) else v for k, v in r.items()} for r in rs]


# --- jarap sql / jarap slippage ---------------------------------------------------------------


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_jarap_sql_is_read_only(request: pytest.FixtureRequest, backend: str) -> None:
    db = request.getfixturevalue("sqlite_db" if backend == "sqlite" else "pg_db")
    runner = CliRunner()
    # the test server's user is a superuser: the transaction alone is tested here (the
    # read-only role, tests/test_pg_readonly_role.py)
    su = ["--allow-superuser"] if backend == "postgresql" else []
    count = ["sql", "SELECT COUNT(*) AS n FROM papers", "--db", db, "--format", "json", *su]
    before = json.loads(runner.invoke(cli, count).output)
    assert before == [{"n": 9}]
    for statement in (
        "DELETE FROM papers",
        "DROP VIEW v_slippage",
        "UPDATE recommendations SET status = 'closed'",
        "COMMIT; DELETE FROM papers",
        "PRAGMA query_only=OFF; DELETE FROM papers",
    ):
        result = runner.invoke(cli, ["sql", statement, "--db", db, *su])
        assert result.exit_code == 1, (statement, result.output)
        assert result.output.startswith("Error: "), result.output
        assert "Traceback" not in result.output
    assert json.loads(runner.invoke(cli, count).output) == before
    assert rows(open_engine(db), "SELECT COUNT(*) AS n FROM v_slippage") == [{"n": 18}]


def test_jarap_sql_formats(sqlite_db: str) -> None:
    runner = CliRunner()
    sql = "SELECT ref, slippage_days FROM v_slippage WHERE revisions >= 3 ORDER BY ref"
    table = runner.invoke(cli, ["sql", sql, "--db", sqlite_db]).output
    assert table.splitlines()[0].split() == ["ref", "slippage_days"]
    assert "(2 rows)" in table
    csv_out = runner.invoke(cli, ["sql", sql, "--db", sqlite_db, "--format", "csv"]).output
    assert csv_out.splitlines() == ["ref,slippage_days", "4.1,306", "4.1,485"]
    data = json.loads(
        runner.invoke(cli, ["sql", sql, "--db", sqlite_db, "--format", "json"]).output
    )
    assert data == [{"ref": "4.1", "slippage_days": 306}, {"ref": "4.1", "slippage_days": 485}]


def test_jarap_sql_reports_bad_sql_and_missing_files(tmp_path: Path, sqlite_db: str) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["sql", "SELECT * FROM nowhere", "--db", sqlite_db])
    assert result.exit_code == 1 and result.output.startswith("Error: ")
    missing = tmp_path / "missing.db"
    result = runner.invoke(cli, ["sql", "SELECT 1", "--db", str(missing)])
    assert result.exit_code == 1 and "no archive at" in result.output
    assert not missing.exists()


def test_jarap_slippage(sqlite_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["slippage", "--db", sqlite_db])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[2]
    assert "INFORMATION MANAGEMENT" in first and "485" in first
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = runner.invoke(cli, ["slippage", "--db", sqlite_db, "--plot", str(tmp_path / "a.png")])
    assert result.exit_code == 1
    assert "Error: --plot needs matplotlib" in result.output


def test_jarap_slippage_plot(sqlite_db: str, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    png = tmp_path / "slippage.png"
    result = CliRunner().invoke(cli, ["slippage", "--db", sqlite_db, "--plot", str(png)])
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- docs and Datasette metadata ----------------------------------------------------------------


def test_docs_and_metadata_are_generated_from_the_queries() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    assert docs == docs_text(docs), "docs/schema.md is stale: run python -m jarap.db.queries"
    meta = METADATA.read_text(encoding="utf-8")
    assert meta == metadata_yaml(), "metadata.yml is stale: run python -m jarap.db.queries"
    assert len(QUERIES) >= 10
    for q in QUERIES:
        assert q.title in docs and q.render("sqlite") in docs
        assert f"      {q.name}:" in meta
    yaml = pytest.importorskip("yaml")
    canned = yaml.safe_load(meta)["databases"]["archive"]["queries"]
    assert {name: c["sql"] for name, c in canned.items()} == {
        q.name: q.render("sqlite") for q in QUERIES
    }


def test_docs_describe_every_table_view_and_column(sqlite_db: str) -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for table in Base.metadata.sorted_tables:
        assert f"`{table.name}`" in docs, table.name
        for column in table.columns:
            assert f"`{column.name}`" in docs, f"{table.name}.{column.name}"
    engine = open_engine(sqlite_db)
    with engine.connect() as conn:
        for view in VIEWS:
            assert f"`{view}`" in docs, view
            for column in conn.execute(text(f"SELECT * FROM {view} LIMIT 0")).keys():
                assert f"`{column}`" in docs, f"{view}.{column}"
    engine.dispose()
