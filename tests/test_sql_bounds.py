"""`jarap sql` is bounded (issue 20, item 5): a time limit by default, Ctrl-C honoured, and
rows streamed so a huge result is never held whole.

The queries are generated, not picked: recursive CTEs that never end (in several shapes)
and results of a size given by a parameter.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from test_kill_ingest import default_sigint

from jarap.cli import cli

ONE = SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.docx"
# queries that never end, each a different way to loop
RUNAWAYS = [
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c",
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT MAX(x) FROM c",
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x FROM c) "
    "SELECT COUNT(*) FROM c, papers",
]
PEAK_WRAPPER = """
import atexit, sys
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            print("peak-kb", line.split()[1], file=sys.stderr)
atexit.register(peak)
sys.argv = ["jarap", *sys.argv[1:]]
from jarap.cli import main
main()
"""


def rows_sql(n: int) -> str:
    return (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
        f"{n}) SELECT x, 'row ' || x AS label FROM c"
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("bounds") / "archive.db")
    result = CliRunner().invoke(cli, ["ingest", str(ONE), "--db", path])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("statement", RUNAWAYS)
def test_a_runaway_query_stops_at_its_time_limit(db: str, statement: str) -> None:
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["sql", statement, "--db", db, "--timeout", "0.5"])
    assert result.exit_code == 1
    assert result.output == "Error: query stopped after 0.5 s (its time limit, --timeout)\n"
    assert time.monotonic() - started < 10


def test_the_time_limit_is_on_by_default() -> None:
    option = next(p for p in cli.commands["sql"].params if p.name == "timeout")
    assert option.default == 30.0


def test_ctrl_c_stops_a_running_query_in_one_line(db: str) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "jarap", "sql", RUNAWAYS[0], "--db", db, "--timeout", "600"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_sigint,
    )
    time.sleep(6.0)  # started (imports take seconds on a loaded machine), inside the query
    proc.send_signal(signal.SIGINT)
    try:
        _out, err = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail("Ctrl-C did not stop the query")
    assert proc.returncode == 130, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table", "json"])
def test_a_large_result_is_streamed_not_held(db: str, tmp_path: Path, fmt: str) -> None:
    """500,000 rows: written out as they come, so the process stays far below what
    holding them (tuples, then their text) would take."""
    n = 500_000
    out = tmp_path / f"rows.{fmt}"
    proc = subprocess.run(
        [sys.executable, "-c", PEAK_WRAPPER, "sql", rows_sql(n), "--db", db]
        + ["--format", fmt, "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    peak = next(x for x in proc.stderr.splitlines() if x.startswith("peak-kb"))
    peak_kb = int(peak.split()[1])
    assert f"{n} row(s) -> " in proc.stderr
    with out.open(encoding="utf-8", newline="") as fh:
        lines = sum(1 for _ in fh)
    assert lines == {"jsonl": n, "csv": n + 1, "table": n + 3, "json": 4 * n + 2}[fmt]
    assert peak_kb < 150 * 1024, f"peaked at {peak_kb // 1024} MB"


@pytest.mark.parametrize("n", [0, 1, 2, 1500])
def test_streamed_formats_are_the_formats_of_a_whole_result(db: str, n: int) -> None:
    """Below the table window the streamed text is what formatting the whole result gave;
    json and jsonl parse to the same rows at any size."""
    from jarap.db.engine import open_archive
    from jarap.db.sql import format_result, run_query

    engine = open_archive(db)
    whole = run_query(engine, rows_sql(n) + (" LIMIT 0" if n == 0 else ""))
    runner = CliRunner()
    for fmt in ("table", "csv", "json", "jsonl"):
        sql = rows_sql(n) + (" LIMIT 0" if n == 0 else "")
        result = runner.invoke(cli, ["sql", sql, "--db", db, "--format", fmt])
        assert result.exit_code == 0, result.output
        if fmt in ("csv", "json", "jsonl") or n < 1000:
            assert result.stdout_bytes == (format_result(whole, fmt) + "\n").encode(), fmt
        if fmt == "json":
            assert len(json.loads(result.output)) == n
    engine.dispose()
