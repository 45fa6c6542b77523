"""`jarap ingest` of a folder holding one paper as every office and HTML producer wrote it:
each variant reads to the records of the `.docx`, says what converted it, and nothing in the
folder is passed over without being named: documents no reader takes fail with their reason,
other files are counted by extension, listed with `--verbose` and in `--format json`, and kept
for `jarap status`. Without LibreOffice each file that needs it fails, naming the package."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from tooling import require_tool

from jarap.cli import cli

sys.path.insert(0, str(SAMPLES))
import producers  # noqa: E402
import producers_office  # noqa: E402

PAPER = SAMPLES / "tracker-2020" / "northshire-tracker-2020-01.docx"
OFFICE = [p.name for p in producers_office.OFFICE_PRODUCERS]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The paper as a .docx and as each office/HTML variant, plus files no reader takes."""
    require_tool("soffice")
    root = tmp_path_factory.mktemp("archive")
    shutil.copy(PAPER, root / PAPER.name)
    for name in OFFICE:
        made = producers.variant(PAPER, name)
        shutil.copy(made, root / f"{PAPER.stem}-{name}{made.suffix}")
    (root / "minutes").mkdir()
    (root / "minutes" / "budget.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (root / "minutes" / "slides.pptx").write_bytes(b"PK\x03\x04 not really slides")
    (root / "minutes" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "minutes" / "README").write_text("scanned on the office copier")
    return root


def _ingest(folder: Path, db: str, *extra: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        cli, ["ingest", str(folder), "--db", db, "--jobs", "2", *extra], env=env
    )


def test_every_office_variant_reads_to_the_recommendations_of_its_docx(
    folder: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "a.db")
    result = _ingest(folder, db, "--format", "json")
    assert result.exit_code == 1, result.output  # the spreadsheet and the slides fail
    report = json.loads(result.stdout)
    files = {Path(f["path"]).name: f for f in report["files"]}
    docx = files[PAPER.name]
    assert docx["status"] == "success" and docx["recommendations"] > 0
    for name in OFFICE:
        variant = next(f for n, f in files.items() if f"-{name}." in n)
        assert (variant["status"], variant["layout"], variant["recommendations"]) == (
            "success",
            docx["layout"],
            docx["recommendations"],
        ), variant
    failed = {Path(f["path"]).name: f["error"] for f in report["files"] if f["status"] == "failed"}
    assert failed == {
        "budget.xlsx": "not read, an Excel spreadsheet: save it as PDF or .docx to read it",
        "slides.pptx": "not read, a PowerPoint presentation: save it as PDF or .docx to read it",
    }
    assert report["skipped_extensions"] == {".png": 1, "(none)": 1}
    assert sorted(Path(f["path"]).name for f in report["skipped_files"]) == ["README", "logo.png"]

    converted = CliRunner().invoke(
        cli,
        [
            "sql",
            "SELECT source_file, format, converted_by FROM papers",
            "--db",
            db,
            "--format",
            "json",
        ],
    )
    rows = {r["source_file"]: r for r in json.loads(converted.output)}
    for name, row in rows.items():
        suffix = Path(name).suffix
        if suffix in (".doc", ".rtf", ".odt"):
            assert row["format"] == "docx"
            assert row["converted_by"].startswith("LibreOffice ")
            assert f"({suffix} to .docx" in row["converted_by"]
        else:
            assert row["converted_by"] is None, row

    status = CliRunner().invoke(cli, ["status", "--db", db])
    assert "budget.xlsx: not read, an Excel spreadsheet" in status.output
    assert "not read 2 file(s) in the folders ingested (1 (none), 1 .png)" in status.output


def test_verbose_names_each_file_left_out(folder: Path, tmp_path: Path) -> None:
    result = _ingest(folder, str(tmp_path / "v.db"), "-q", "--verbose")
    lines = result.output.splitlines()
    assert f"skipped {folder / 'minutes' / 'README'}: other extension" in lines
    assert f"skipped {folder / 'minutes' / 'logo.png'}: other extension" in lines
    summary = next(line for line in lines if " loaded" in line)
    assert "skipped 2 (2 other extension(s): 1 (none), 1 .png)" in summary


def test_without_libreoffice_each_office_file_fails_naming_the_package(
    folder: Path, tmp_path: Path
) -> None:
    """LibreOffice absent (PATH without it): a failure per file, never a skip."""
    empty = tmp_path / "bin"
    empty.mkdir()
    result = _ingest(folder, str(tmp_path / "n.db"), "-q", env={"PATH": str(empty)})
    assert result.exit_code == 1
    failed = [line for line in result.output.splitlines() if line.startswith("FAILED")]
    for suffix, kind in (
        (".doc", "Word 97-2003"),
        (".rtf", "Rich Text Format"),
        (".odt", "OpenDocument text"),
    ):
        name = next(p.name for p in folder.iterdir() if p.suffix == suffix)
        assert (
            f"FAILED  {folder / name}: {kind} files are read through LibreOffice, which is not "
            "on PATH: install LibreOffice Writer (apt-get install libreoffice-writer)"
        ) in failed
    assert len(failed) == 5  # the three above, the spreadsheet and the slides
    summary = next(line for line in result.output.splitlines() if " loaded" in line)
    assert summary.startswith("5 failed, 3 loaded;"), summary  # .docx and both .htm read


def test_files_left_out_are_kept_per_walk_until_gone(tmp_path: Path) -> None:
    """Each walk of a folder replaces what it left out; `jarap prune` forgets files gone."""
    folder = tmp_path / "papers"
    folder.mkdir()
    shutil.copy(PAPER, folder / PAPER.name)
    for name in ("scan.png", "index.json", "notes"):
        (folder / name).write_text("not a paper")
    db = str(tmp_path / "k.db")

    def not_read() -> str:
        out = CliRunner().invoke(cli, ["status", "--db", db]).output
        return next((line for line in out.splitlines() if line.startswith("not read")), "")

    assert _ingest(folder, db, "-q").exit_code == 0
    assert not_read().startswith(
        "not read 3 file(s) in the folders ingested (1 (none), 1 .json, 1 .png)"
    )
    (folder / "scan.png").unlink()
    assert _ingest(folder, db, "-q").exit_code == 0
    assert not_read().startswith("not read 2 file(s) in the folders ingested (1 (none), 1 .json)")
    (folder / "index.json").unlink()
    (folder / "notes").unlink()
    assert CliRunner().invoke(cli, ["prune", "--db", db]).exit_code == 0
    assert not_read() == ""
