"""File names with bidi controls are printed escaped (issue 20, item 13): a name holding
U+202E can show `gpj.exe` as `exe.jpg`, or make a line read as another. Generator: every
Unicode Bidi_Control character (found from the Unicode database, not listed by hand) in a
file name, through every command that prints names (ingest, status, prune).
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from click.testing import CliRunner

from jarap.cli import cli
from jarap.output import BIDI_CONTROLS

EXPLICIT = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}


def test_bidi_controls_are_every_explicit_formatting_character_and_mark() -> None:
    explicit = {
        chr(c) for c in range(sys.maxunicode + 1) if unicodedata.bidirectional(chr(c)) in EXPLICIT
    }
    marks = {unicodedata.lookup(n) for n in ("LRM", "RLM", "ARABIC LETTER MARK")}
    assert BIDI_CONTROLS == explicit | marks


def test_file_names_with_bidi_controls_are_printed_escaped(tmp_path: Path, db_path: str) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    names = {}
    for ch in sorted(BIDI_CONTROLS):
        name = f"minutes{ch}txt.exe.txt"
        (folder / name).write_text(f"Notes of a meeting, {ord(ch):04x}\n")
        names[ch] = f"minutes\\u{ord(ch):04x}txt.exe.txt"
    runner = CliRunner()
    outputs = [runner.invoke(cli, ["ingest", str(folder), "--db", db_path, "-j", "1"]).output]
    outputs.append(runner.invoke(cli, ["status", "--db", db_path]).output)
    for path in folder.iterdir():
        path.unlink()
    outputs.append(runner.invoke(cli, ["prune", "--db", db_path, "--dry-run"]).output)
    for output in outputs:
        assert not BIDI_CONTROLS & set(output), output
        for shown in names.values():
            assert shown in output, (shown, output)
