"""PostgreSQL: `jarap sql` refuses a superuser, and the README's read-only role is a real
boundary (issue 20, item 6). Runs the README's SQL block as written (the database name
substituted) on the tests' own server."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES
from pg_util import wipe_postgres
from sqlalchemy.engine import make_url

from jarap.cli import cli

ONE = SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.docx"
HEADING = "### PostgreSQL: a read-only role, and several machines at once"
# what a read-only transaction let a superuser do (the list), each a different reach
ESCAPES = [
    "COPY (SELECT 1) TO '{dir}/leak.txt'",
    "SELECT pg_read_file('/etc/passwd')",
    "SELECT pg_ls_dir('.')",
    "SELECT pg_reload_conf()",
    "SELECT pg_terminate_backend({pid})",
    "DELETE FROM papers",
    "SET default_transaction_read_only = off; DELETE FROM papers",
]


def readme_role_sql() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(HEADING, 1)[1]
    return re.search(r"```sql\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def archive(pg_url: str) -> str:
    wipe_postgres(pg_url)
    result = CliRunner().invoke(cli, ["ingest", str(ONE), "--db", pg_url, "-q"])
    assert result.exit_code == 0, result.output
    return pg_url


@pytest.fixture(scope="module")
def reader_url(archive: str) -> str:
    import psycopg

    url = make_url(archive)
    dsn = dict(host=url.host, port=url.port, user=url.username, dbname=url.database)
    with psycopg.connect(**dsn, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'jarap_reader'").fetchone():
            conn.execute("DROP OWNED BY jarap_reader")
            conn.execute("DROP ROLE jarap_reader")
        for statement in readme_role_sql().split(";"):
            if statement.strip():
                conn.execute(statement.replace("DATABASE archive", f"DATABASE {url.database}"))
    return url.set(username="jarap_reader", password="change-me").render_as_string(False)


def test_sql_refuses_a_superuser_in_one_line(archive: str) -> None:
    result = CliRunner().invoke(cli, ["sql", "SELECT 1 AS one", "--db", archive])
    assert result.exit_code == 1
    user = make_url(archive).username
    assert result.output == (
        f"Error: refusing to run as {user}, a superuser: a read-only transaction does not stop "
        "it (server files, other sessions); connect as a read-only role (README) or pass "
        "--allow-superuser\n"
    )
    allowed = CliRunner().invoke(
        cli, ["sql", "SELECT 1 AS one", "--db", archive, "--allow-superuser"]
    )
    assert allowed.exit_code == 0, allowed.output


def test_the_read_only_role_reads_through_jarap_sql(reader_url: str) -> None:
    result = CliRunner().invoke(
        cli, ["sql", "SELECT COUNT(*) AS n FROM v_slippage", "--db", reader_url, "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "n" and int(result.output.splitlines()[1]) > 0


@pytest.mark.parametrize("statement", ESCAPES)
def test_the_read_only_role_cannot_reach_past_the_archive(
    reader_url: str, archive: str, tmp_path: Path, statement: str
) -> None:
    """Not through jarap at all: the role itself is the boundary."""
    import psycopg

    url = make_url(reader_url)
    admin = make_url(archive)
    with psycopg.connect(
        host=admin.host, port=admin.port, user=admin.username, dbname=admin.database
    ) as other, psycopg.connect(
        host=url.host, port=url.port, user=url.username, dbname=url.database, autocommit=True
    ) as conn:
        pid = other.info.backend_pid
        sql = statement.format(dir=tmp_path, pid=pid)
        with pytest.raises(psycopg.Error):
            for part in sql.split("; "):
                conn.execute(part)
        assert other.execute("SELECT 1").fetchone() == (1,)  # not terminated
    assert not (tmp_path / "leak.txt").exists()


def test_a_sleeping_query_stops_at_the_time_limit(reader_url: str) -> None:
    started = time.monotonic()
    result = CliRunner().invoke(
        cli, ["sql", "SELECT pg_sleep(120)", "--db", reader_url, "--timeout", "1"]
    )
    assert result.exit_code == 1
    assert result.output == "Error: query stopped after 1 s (its time limit, --timeout)\n"
    assert time.monotonic() - started < 15
