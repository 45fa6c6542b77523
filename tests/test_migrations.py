"""The schema is made by Alembic migration, once: a new archive is created at head, an
archive from before migrations is upgraded by `jarap db upgrade` (keeping its papers),
and opening an archive at head runs no DDL at all (issue 10)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner
from conftest import SAMPLES
from sqlalchemy import Engine, event, text

from jarap.cli import cli
from jarap.db.engine import _config, head_revision, open_engine, script_head, upgrade
from jarap.db.views import VIEWS

PAPER = SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.docx"


def _objects(db: str) -> set[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return set(
            conn.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view')")
        )


def test_the_head_constant_is_the_newest_migration() -> None:
    assert head_revision() == script_head()


def test_db_upgrade_creates_a_new_archive_at_head(db_path: str) -> None:
    result = CliRunner().invoke(cli, ["db", "upgrade", "--db", db_path])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{db_path}: upgraded new database -> {head_revision()}"
    assert {("view", name) for name in VIEWS} <= _objects(db_path)
    again = CliRunner().invoke(cli, ["db", "upgrade", "--db", db_path])
    assert again.output.strip() == f"{db_path}: already at {head_revision()}"


def test_opening_an_archive_at_head_runs_no_ddl(db_path: str) -> None:
    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    statements: list[str] = []
    event.listen(Engine, "before_cursor_execute", record)
    try:
        open_engine(db_path).dispose()  # a new archive: migrated to head
        created = len(statements)
        reopened = open_engine(db_path)
        with reopened.connect() as conn:
            conn.execute(text("SELECT COUNT(*) FROM v_slippage"))
        reopened.dispose()
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    ddl = ("CREATE", "DROP", "ALTER")
    assert any(s.lstrip().upper().startswith(ddl) for s in statements[:created])
    assert not [s for s in statements[created:] if s.lstrip().upper().startswith(ddl)]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _legacy_archive(db: str) -> None:
    """An archive as `create_all` made it before migrations: the baseline tables, views,
    no alembic_version, one paper."""
    from alembic import command

    engine = open_engine(db, create=False)
    with engine.begin() as conn:
        command.upgrade(_config(conn), "0001")
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(text("CREATE VIEW v_snapshot AS SELECT * FROM recommendations"))
        conn.execute(
            text(
                "INSERT INTO papers (paper_id, source_file, source_path, sha256, format, kind,"
                " warnings, proposed_closed_list, ingested_at) VALUES ('abc', 'old.docx',"
                " '/nowhere/old.docx', 'abc', 'docx', 'tracker', '[]', '[]', '2020-01-01')"
            )
        )
    engine.dispose()


def test_an_archive_from_before_migrations_is_upgraded_on_request(db_path: str) -> None:
    _legacy_archive(db_path)
    runner = CliRunner()
    refused = runner.invoke(cli, ["ingest", str(PAPER), "--db", db_path])
    assert refused.exit_code == 1
    assert refused.output.strip() == (
        f"Error: {db_path}: archive schema is from before migrations, this version needs "
        f'{head_revision()}: run "jarap db upgrade --db {db_path}" first'
    )
    result = runner.invoke(cli, ["db", "upgrade", "--db", db_path])
    assert result.exit_code == 0, result.output
    assert f"upgraded 0001 -> {head_revision()}" in result.output
    status = runner.invoke(cli, ["status", "--db", db_path]).output
    assert "missing  /nowhere/old.docx (abc)" in status  # the old paper is still there
    assert "outdated /nowhere/old.docx" in status  # parsed before versions were recorded
    loaded = runner.invoke(cli, ["ingest", str(PAPER), "--db", db_path])
    assert loaded.exit_code == 0, loaded.output
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM v_latest_state").fetchone()[0] == 14


def test_read_commands_do_not_create_an_archive(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    for command in (["status"], ["prune"]):
        result = CliRunner().invoke(cli, [*command, "--db", str(missing)])
        assert result.exit_code == 1
        assert result.output.strip() == f'Error: no archive at {missing} - run "jarap ingest" first'
    assert not missing.exists()


def test_the_migrations_build_the_schema_the_models_declare(db_path: str) -> None:
    """Migrations are written by hand: a column added to a model and not to a migration
    (or the other way round) is a difference Alembic's autogenerate comparison finds."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from jarap.model import Base

    engine = open_engine(db_path, create=False)
    upgrade(engine, from_snapshot=False)  # the migrations themselves, not the snapshot
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
