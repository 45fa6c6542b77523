"""No extracted value in the database lacks a locator: over the whole sample archive and the
reference papers, every field of every snapshot and action, and every target, update and
owner row, says where in its paper it was read."""

from __future__ import annotations

import hashlib
from pathlib import Path

from click.testing import CliRunner
from conftest import SAMPLES
from sqlalchemy import text

from jarap.cli import cli
from jarap.db.engine import open_engine
from jarap.db.rows import ACTION_FIELDS, RECOMMENDATION_FIELDS


def _archive(tmp_path: Path, reference_dir: Path) -> str:
    db = str(tmp_path / "archive.db")
    result = CliRunner().invoke(cli, ["ingest", str(SAMPLES), str(reference_dir), "--db", db])
    assert "FAILED" not in result.output, result.output
    return db


def test_every_extracted_value_has_a_locator(tmp_path: Path, reference_dir: Path) -> None:
    engine = open_engine(_archive(tmp_path, reference_dir))
    with engine.connect() as conn:
        recs = conn.execute(text("SELECT count(*) FROM recommendations")).scalar_one()
        actions = conn.execute(text("SELECT count(*) FROM actions")).scalar_one()
        assert recs >= 200 and actions >= 39
        for table in ("target_revisions", "updates", "owners", "action_updates"):
            total = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            missing = conn.execute(
                text(f"SELECT count(*) FROM {table} WHERE block IS NULL OR block NOT LIKE '#/%'")
            ).scalar_one()
            assert total > 0 and missing == 0, table
        fields = conn.execute(
            text(
                "SELECT count(*) FROM provenance WHERE recommendation_pk IS NOT NULL "
                "AND block LIKE '#/blocks/%'"
            )
        ).scalar_one()
        assert fields == recs * len(RECOMMENDATION_FIELDS)
        fields = conn.execute(
            text("SELECT count(*) FROM provenance WHERE action_pk IS NOT NULL AND block <> ''")
        ).scalar_one()
        assert fields == actions * len(ACTION_FIELDS)
        # a PDF's values have pages; the other formats have none
        pdf_pages = conn.execute(
            text(
                "SELECT count(*), count(v.page) FROM provenance v "
                "JOIN recommendations r ON r.id = v.recommendation_pk "
                "JOIN papers p ON p.paper_id = r.paper_id WHERE p.format = 'pdf'"
            )
        ).one()
        assert pdf_pages[0] > 0 and pdf_pages[0] == pdf_pages[1]


def test_provenance_is_queryable_by_field(tmp_path: Path, reference_dir: Path) -> None:
    """An analyst asks where a status came from, in SQL."""
    engine = open_engine(_archive(tmp_path, reference_dir))
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT r.status, v.text FROM provenance v "
                "JOIN recommendations r ON r.id = v.recommendation_pk "
                "WHERE v.field = 'status' AND r.status = 'proposed_closed'"
            )
        ).all()
    assert rows
    assert all("closed" in t.lower() or "yes" in t.lower() or t for _s, t in rows)


def test_a_papers_child_rows_are_stored_under_their_own_parent_in_printed_order(
    tmp_path: Path,
) -> None:
    """Target revisions, updates, owners and provenance are inserted in bulk after their
    parents (db/rows.py): each row must land under its own recommendation or action, in the
    order the paper printed them."""
    from sqlalchemy.orm import Session

    from jarap.convert import convert
    from jarap.db.load import store_conversion
    from jarap.model import ActionRow, RecommendationRow

    engine = open_engine(str(tmp_path / "one.db"))
    checked = 0
    names = (
        "tracker-2021/northshire-tracker-2021-07.docx",
        "tracker-2020/northshire-tracker-2020-01.pdf",
        "action-sheet",
    )
    for name in names:
        path = SAMPLES / name
        for file in sorted(path.glob("*.docx")) if path.is_dir() else [path]:
            conversion = convert(file)
            sha = hashlib.sha256(file.read_bytes()).hexdigest()
            paper_id = store_conversion(engine, conversion, sha).paper_id
            paper = conversion.paper
            assert paper is not None
            with Session(engine) as session:
                recs = session.query(RecommendationRow).filter_by(paper_id=paper_id)
                for row in recs.order_by(RecommendationRow.seq):
                    rec = paper.recommendations[row.seq]
                    assert [t.raw for t in row.targets] == [t.value.raw for t in rec.targets]
                    assert [u.heading for u in row.updates] == [u.heading for u in rec.updates]
                    assert [o.name for o in row.owners if not o.former] == rec.owners
                    assert [v.field for v in row.provenance] == list(RECOMMENDATION_FIELDS)
                    checked += len(row.targets) + len(row.updates) + len(row.owners)
                actions = session.query(ActionRow).filter_by(paper_id=paper_id)
                for row in actions.order_by(ActionRow.seq):
                    action = paper.actions[row.seq]
                    assert [u.text for u in row.updates] == [u.text for u in action.updates]
                    assert [v.field for v in row.provenance] == list(ACTION_FIELDS)
                    checked += len(row.updates)
    assert checked > 100  # rows compared, over three formats of layouts
