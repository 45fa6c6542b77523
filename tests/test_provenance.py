"""No extracted value in the database lacks a locator: over the whole sample archive and the
reference papers, every field of every snapshot and action, and every target, update and
owner row, says where in its paper it was read."""

from __future__ import annotations

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
