"""Read commands leave no file beside the archive and read one on a read-only mount
(issue 20, item 8): WAL mode makes even a read-only SQLite reader create `-wal`/`-shm`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from jarap.cli import cli

ONE = SAMPLES / "tracker-2021" / "northshire-tracker-2021-07.docx"
# every read command, as a user would run it (the export goes elsewhere)
READS = [
    ["sql", "SELECT COUNT(*) FROM recommendations"],
    ["tables"],
    ["status"],
    ["check", "--brief"],
    ["slippage"],
    ["export", "--out", "{out}"],
]


def _archive(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "archive.db"
    # in a process of its own, which closes the archive as a user's ingest does
    subprocess.run(
        [sys.executable, "-m", "jarap", "ingest", str(ONE), "--db", str(db), "-q"], check=True
    )
    return db


def _run_reads(db: Path, out: Path) -> None:
    runner = CliRunner()
    for args in READS:
        args = [a.format(out=out) for a in args]
        result = runner.invoke(cli, [*args, "--db", str(db)])
        assert result.exit_code == 0, (args, result.output)
        assert "Error" not in result.output


def test_read_commands_create_no_file_beside_the_archive(tmp_path: Path) -> None:
    db = _archive(tmp_path / "archive")
    before = sorted(p.name for p in db.parent.iterdir())
    assert before == ["archive.db"]
    stamp = db.stat().st_mtime_ns
    _run_reads(db, tmp_path / "export")
    assert sorted(p.name for p in db.parent.iterdir()) == before
    assert db.stat().st_mtime_ns == stamp


def test_an_archive_on_a_read_only_mount_can_be_read(tmp_path: Path) -> None:
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a read-only filesystem needs root (and mount)")
    db = _archive(tmp_path / "source")
    mountpoint = tmp_path / "ro"
    mountpoint.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mountpoint)])
    if mounted.returncode != 0:
        pytest.skip("this machine lets no tmpfs be mounted here (a container without the right)")
    try:
        shutil.copy(db, mountpoint / "archive.db")
        subprocess.run(["mount", "-o", "remount,ro", str(mountpoint)], check=True)
        with pytest.raises(OSError):
            (mountpoint / "probe").write_text("x")
        _run_reads(mountpoint / "archive.db", tmp_path / "export")
        assert sorted(p.name for p in mountpoint.iterdir()) == ["archive.db"]
    finally:
        # lazily: an engine of the in-process commands may still hold the file open
        subprocess.run(["umount", "-l", str(mountpoint)], check=False)
