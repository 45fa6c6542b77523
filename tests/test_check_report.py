"""`jarap check`: every declared figure (total, proposed closed, by priority, by RAG, by audit)
against what was extracted, read from real sample papers in all three formats, and the rules
that decide what a figure counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from jarap.cli import cli
from jarap.convert import convert
from jarap.extract.reconcile import compare, reconcile
from jarap.extract.records import Paper, Recommendation
from jarap.extract.vocab import Status

FORMATS = ("docx", "pdf", "txt")
BLOCKS_2020 = SAMPLES / "tracker-2020" / "northshire-tracker-2020-01"
APPENDIX_2016 = SAMPLES / "tracker-2013" / "northshire-appendix-2016-03"
TRACKER_2021 = SAMPLES / "tracker-2021" / "northshire-tracker-2021-07"


def _check(db: str, *args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["check", "--db", db, *args])
    return result.exit_code, result.output.splitlines()


def _paper_block(lines: list[str], name: str) -> list[str]:
    """The report lines of one paper: its summary line and the indented lines under it."""
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
    end = next(
        (i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), len(lines)
    )
    return lines[start:end]


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_reports_declared_against_extracted_by_priority_rag_and_audit(
    db_path: str, fmt: str
) -> None:
    path = BLOCKS_2020.with_suffix(f".{fmt}")
    CliRunner().invoke(cli, ["ingest", str(path), "--db", db_path])
    code, lines = _check(db_path)
    assert code == 0, lines
    block = _paper_block(lines, path.name)
    assert block[0] == f"{path.name}: declared=7 extracted=7 ok"
    assert "    total: 7 = 7" in block
    assert "    proposed closed: 2 = 2" in block
    assert "    by priority: Fundamental 1 = 1, Significant 6 = 6, Housekeeping 0 = 0" in block
    assert "    by RAG: red 0 = 0, amber 5 = 5, green 2 = 2, grey 0 = 0" in block
    # an audit's counts line is what the audit made; this paper still lists fewer
    assert (
        "    by audit: CUSTODY RECORDS AND DETENTION: Fundamental 1 >= 1, Significant 3 >= 1, "
        "Housekeeping 2 >= 0"
    ) in block


@pytest.mark.parametrize("fmt", FORMATS)
def test_rag_columns_beside_completed_columns_count_only_what_is_still_open(fmt: str) -> None:
    """`RED AMBER GREEN Completed Not Adopted (GREY) Total`: the colours add up to less than
    the total, so they count the recommendations still open, not the closed ones."""
    paper = convert(APPENDIX_2016.with_suffix(f".{fmt}")).paper
    assert paper is not None
    rag = {c.key: (c.declared, c.extracted) for c in paper.reconciliation if c.scope == "rag"}
    assert rag == {"red": (1, 1), "amber": (2, 2), "green": (0, 0)}
    assert paper.reconciled is True


def test_counts_header_printed_as_a_line_keeps_a_bracketed_colour_in_its_column() -> None:
    """A text conversion prints the header `... Completed Not Adopted (GREY) Total` as one
    line: `(GREY)` glosses the not-adopted column, so the counts read as in Word and PDF."""
    declared = {
        fmt: convert(APPENDIX_2016.with_suffix(f".{fmt}")).paper.declared_counts  # type: ignore[union-attr]
        for fmt in FORMATS
    }
    assert declared["txt"] == declared["docx"] == declared["pdf"]
    assert "grey" not in declared["txt"]["by_rag"]


@pytest.mark.parametrize("stem", sorted({p.with_suffix("") for p in SAMPLES.rglob("*.docx")}))
def test_declared_counts_agree_across_formats(stem: Path) -> None:
    declared = [convert(stem.with_suffix(f".{fmt}")).paper.declared_counts for fmt in FORMATS]  # type: ignore[union-attr]
    assert declared[0] == declared[1] == declared[2], stem.name


def test_rag_not_shown_against_every_recommendation_is_not_checked(db_path: str) -> None:
    """The 2021 tracker prints RAG totals but no RAG per row: the figures are listed as not
    checked rather than counted as a mismatch or as agreeing."""
    path = TRACKER_2021.with_suffix(".docx")
    CliRunner().invoke(cli, ["ingest", str(path), "--db", db_path])
    _code, lines = _check(db_path)
    assert (
        "    by RAG: red 1 ?, amber 7 ?, green 2 ? (not checked: RAG shown for 0 of 10)"
        in _paper_block(lines, path.name)
    )


def _rec(audit: str, ref: str, priority: str, **kw: object) -> Recommendation:
    return Recommendation(audit_title=audit, ref=ref, title=f"Title {ref}", priority=priority, **kw)  # type: ignore[arg-type]


def test_an_audit_listing_more_than_it_made_does_not_reconcile() -> None:
    """More recommendations under an audit than its counts line says it made means rows were
    invented or filed under the wrong audit."""
    paper = Paper(layout="test")
    paper.recommendations = [
        _rec("FLEET MANAGEMENT", "4.1", "Significant"),
        _rec("FLEET MANAGEMENT", "4.2", "Significant"),
        _rec("ESTATES", "1.1", "Significant"),
    ]
    paper.declared_counts = {
        "by_priority": {"Significant": 3},
        "total": 3,
        "proposed_closed": None,
        "by_audit": {
            "FLEET MANAGEMENT": {"Significant": 1},
            "ESTATES": {"Significant": 2},
        },
    }
    ok, problems = reconcile(paper)
    assert ok is False
    assert problems == ["FLEET MANAGEMENT: the audit made 1 Significant, this paper lists 2"]


def test_rag_columns_adding_up_to_the_total_count_every_recommendation() -> None:
    paper = Paper(layout="test")
    paper.recommendations = [
        _rec("A", "1", "High", rag="amber"),
        _rec("A", "2", "High", rag="green", status=Status.PROPOSED_CLOSED),
    ]
    paper.declared_counts = {
        "by_priority": {"High": 2},
        "total": 2,
        "proposed_closed": 1,
        "by_rag": {"amber": 1, "green": 1},
    }
    rag = {c.key: c.ok for c in compare(paper) if c.scope == "rag"}
    assert rag == {"amber": True, "green": True}


def test_check_json_carries_every_comparison(db_path: str) -> None:
    path = BLOCKS_2020.with_suffix(".docx")
    CliRunner().invoke(cli, ["ingest", str(path), "--db", db_path])
    result = CliRunner().invoke(cli, ["check", "--db", db_path, "--format", "json"])
    (paper,) = json.loads(result.output)["papers"]
    scopes = {c["scope"] for c in paper["reconciliation"]}
    assert scopes == {"total", "proposed_closed", "priority", "rag", "audit"}
    fundamental = next(c for c in paper["reconciliation"] if c["key"] == "Fundamental")
    assert fundamental == {
        "scope": "priority",
        "key": "Fundamental",
        "declared": 1,
        "extracted": 1,
        "rule": "equal",
        "ok": True,
        "note": "",
    }


def test_check_names_limit_the_report_to_matching_papers(db_path: str) -> None:
    CliRunner().invoke(
        cli,
        [
            "ingest",
            str(BLOCKS_2020.with_suffix(".docx")),
            str(TRACKER_2021.with_suffix(".docx")),
            "--db",
            db_path,
        ],
    )
    _code, lines = _check(db_path, "--brief", "2021-07")
    assert lines == ["northshire-tracker-2021-07.docx: declared=12 extracted=12 ok"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_reports_the_cover_tables_against_the_appendix(db_path: str, fmt: str) -> None:
    """The 2025-09 paper's cover disagrees with its appendix twice (a priority letter, a
    current target): `jarap check` counts every cover-table check and names the two."""
    path = SAMPLES / "tracker-2022" / f"northshire-tracker-2025-09.{fmt}"
    CliRunner().invoke(cli, ["ingest", str(path), "--db", db_path])
    _code, lines = _check(db_path)
    block = _paper_block(lines, path.name)
    assert "    proposed-closed table: 2 row(s); checks: 5 agrees, 1 differs" in block
    assert (
        "        Digital Evidence Storage 3 priority differs: the table Medium, the appendix Low"
        in block
    )
    assert "    target-date table: 8 row(s); checks: 23 agrees, 1 differs" in block
    assert (
        "        Digital Evidence Storage 1 current target differs: "
        "the table 30th June 2025, the appendix Aug 2025"
    ) in block


def test_vanished_query_lists_what_check_lists(db_path: str) -> None:
    """The canned SQL query and `jarap check` read one rule (the panel's next tracker, stored
    by the linker): over every sample, several panels, they list the same recommendations."""
    from jarap.db.queries import QUERIES

    CliRunner().invoke(cli, ["ingest", str(SAMPLES), "--db", db_path, "-q"])
    checked = json.loads(
        CliRunner().invoke(cli, ["check", "--db", db_path, "--format", "json"]).output
    )["vanished"]
    query = next(q for q in QUERIES if q.name == "vanished_without_closure")
    result = CliRunner().invoke(
        cli, ["sql", query.render("sqlite"), "--db", db_path, "--format", "json"]
    )
    rows = json.loads(result.output)
    assert checked, "the samples have recommendations that vanish within their panel"
    # (which of a paper's three formats is "the" last snapshot is a tie either may break)
    assert sorted((r["audit_title"], r["ref"], r["last_seen"]) for r in rows) == sorted(
        (v["audit_title"], v["ref"], v["last_seen"]) for v in checked
    )
