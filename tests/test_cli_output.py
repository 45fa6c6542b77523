"""What the command line prints and the status it exits with: lines a person can trust and a
script can rely on (exit statuses, one line per message, escaped file names, counted skips)."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from jarap.cli import cli
from jarap.output import LINE_MAX

T2021 = SAMPLES / "tracker-2021"
T2022 = SAMPLES / "tracker-2022"
DOCX_0721 = T2021 / "northshire-tracker-2021-07.docx"
TEXT_0721 = T2021 / "northshire-tracker-2021-07.txt"


def _ingest(db: str, *paths: Path | str) -> object:
    return CliRunner().invoke(cli, ["ingest", *map(str, paths), "--db", db])


def _sources(db: str) -> list[str]:
    result = CliRunner().invoke(
        cli, ["sql", "SELECT source_file FROM papers ORDER BY 1", "--db", db, "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    return result.output.splitlines()[1:]


# --- exit statuses ------------------------------------------------------------------------


def test_check_exits_0_when_every_paper_reconciles(db_path: str) -> None:
    assert _ingest(db_path, DOCX_0721).exit_code == 0
    result = CliRunner().invoke(cli, ["check", "--db", db_path, "--brief"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "northshire-tracker-2021-07.docx: declared=12 extracted=12 ok"
    ]


def test_check_exits_1_when_a_paper_does_not_reconcile(db_path: str) -> None:
    _ingest(db_path, TEXT_0721)
    result = CliRunner().invoke(cli, ["check", "--db", db_path])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "1 paper(s) do not reconcile"


def test_check_exits_1_when_a_recommendation_vanished_without_closure(db_path: str) -> None:
    _ingest(
        db_path,
        T2021 / "northshire-tracker-2021-11.docx",
        T2022 / "northshire-tracker-2024-07.docx",
    )
    result = CliRunner().invoke(cli, ["check", "--db", db_path])
    assert result.exit_code == 1
    assert "vanished without closure after northshire-tracker-2021-11.docx" in result.output
    assert "MISMATCH" not in result.output
    assert result.output.splitlines()[-1].endswith("recommendation(s) vanished without closure")


def test_ingest_of_an_empty_folder_exits_1(tmp_path: Path, db_path: str) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = _ingest(db_path, empty)
    assert result.exit_code == 1
    assert f"no papers found in {empty}" in result.output


def test_files_skipped_in_a_folder_are_counted(tmp_path: Path, db_path: str) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / DOCX_0721.name).write_bytes(DOCX_0721.read_bytes())
    (folder / "photo.png").write_bytes(b"\x89PNG not a paper")
    (folder / "notes.json").write_text("{}")
    (folder / ".hidden.txt").write_text("editor backup")
    (folder / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")
    os.mkfifo(folder / "pipe.txt")
    result = _ingest(db_path, folder)
    assert result.exit_code == 0, result.output
    summary = [line for line in result.output.splitlines() if " loaded" in line][-1]
    assert summary.startswith(
        "1 loaded; skipped 5 (1 dangling link(s); 1 hidden or lock file(s); "
        "1 not regular file(s); 2 other extension(s): 1 .json, 1 .png) in "
    )


def test_an_unreadable_folder_is_counted_as_skipped(
    tmp_path: Path, db_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that cannot be listed (permissions; as root none can be, so the listing
    is refused here the way the operating system refuses it) is counted, not lost."""
    folder = tmp_path / "papers"
    (folder / "restricted").mkdir(parents=True)
    (folder / DOCX_0721.name).write_bytes(DOCX_0721.read_bytes())
    real = os.scandir

    def scandir(path=".", *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path).name == "restricted":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    result = _ingest(db_path, folder)
    assert result.exit_code == 0, result.output
    summary = [line for line in result.output.splitlines() if " loaded" in line][-1]
    assert summary.startswith("1 loaded; skipped 1 (1 unreadable folder(s)) in "), summary


# --- lines -------------------------------------------------------------------------------


def test_a_long_multi_line_warning_prints_as_one_short_line(tmp_path: Path, db_path: str) -> None:
    """The cross-check of the target-date table quotes the cell it read: a converter that
    put a whole update in that cell made one warning of thousands of characters."""
    source = (T2022 / "northshire-tracker-2025-09.txt").read_text(encoding="utf-8")
    cell = "<p>w/c 18/8/25</p>"
    assert cell in source
    essay = "".join(
        f"<p>line {i}: the owner wrote a whole update in this cell.</p>" for i in range(80)
    )
    paper = tmp_path / "long-cell.txt"
    paper.write_text(source.replace(cell, cell[:-4] + " " + essay + "</p>", 1), encoding="utf-8")
    result = _ingest(db_path, paper)
    warnings = [line for line in result.output.splitlines() if "warning:" in line]
    assert warnings and all(len(w) <= len("        warning: ") + LINE_MAX for w in warnings)
    long = [w for w in warnings if "target-date table gives" in w and "line 1:" in w]
    assert long and long[0].endswith("…")
    full = CliRunner().invoke(cli, ["sql", "SELECT warnings FROM papers", "--db", db_path])
    assert "line 79" in full.output  # the archive keeps the whole warning


def test_a_failed_line_names_the_file_once(tmp_path: Path, db_path: str) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_text("this is not a pdf")
    result = _ingest(db_path, bad)
    (line,) = [line for line in result.output.splitlines() if line.startswith("FAILED")]
    assert line.startswith(f"FAILED  {bad}: ")
    assert line.count("broken.pdf") == 1


def test_control_characters_in_a_file_name_cannot_fake_a_line(tmp_path: Path, db_path: str) -> None:
    name = "x\nFAILED  passwd: deleted\x1b[2K.txt"
    paper = tmp_path / name
    paper.write_bytes(TEXT_0721.read_bytes())
    result = _ingest(db_path, tmp_path)
    assert not any(line.startswith("FAILED") for line in result.output.splitlines())
    assert "\x1b" not in result.output
    assert "x\\nFAILED  passwd: deleted\\x1b[2K.txt" in result.output


def test_a_file_name_that_is_not_utf8_is_stored_escaped(tmp_path: Path, db_path: str) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9-2021-07.txt"
    with open(raw, "wb") as fh:
        fh.write(TEXT_0721.read_bytes())
    result = _ingest(db_path, tmp_path)
    assert "FAILED" not in result.output, result.output
    assert "caf\\xe9-2021-07.txt" in result.output
    assert _sources(db_path) == ["caf\\xe9-2021-07.txt"]


@pytest.mark.parametrize("bom", ["utf-16-le", "utf-16-be"])
def test_utf16_text_with_a_bom_is_read_as_text(tmp_path: Path, db_path: str, bom: str) -> None:
    paper = tmp_path / "unicode-export.txt"
    mark = codecs.BOM_UTF16_LE if bom.endswith("le") else codecs.BOM_UTF16_BE
    paper.write_bytes(mark + TEXT_0721.read_text(encoding="utf-8").encode(bom))
    result = _ingest(db_path, paper)
    assert "binary content" not in result.output
    assert "recommendations=14" in result.output, result.output
    assert _sources(db_path) == ["unicode-export.txt"]
