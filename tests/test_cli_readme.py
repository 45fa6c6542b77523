"""The README's example session is the output of running it, so it cannot go stale.

Each `$ jarap …` line of the block between the session markers is run (in a fresh folder that
sees the samples as `samples/`) and the block is rebuilt from the real output; the test fails
when it differs from the README. `python tests/test_cli_readme.py` rewrites the block.
Timings are the only thing allowed to differ.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from jarap.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- session:start -->", "<!-- session:end -->"
BLOCK = re.compile(re.escape(START) + r"\n```\n(.*?)```\n" + re.escape(END), re.S)
TIMING = re.compile(r"\b\d+\.\ds\b")


def commands(readme: str) -> list[str]:
    match = BLOCK.search(readme)
    assert match, f"README.md has no {START} … {END} block"
    return [line[2:] for line in match.group(1).splitlines() if line.startswith("$ ")]


def run_session(cmds: list[str]) -> str:
    """The session as a terminal shows it: each command, then what it printed."""
    out: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "samples").symlink_to(ROOT / "samples")
        old = Path.cwd()
        os.chdir(tmp)
        try:
            for cmd in cmds:
                args = shlex.split(cmd)
                assert args[0] == "jarap", cmd
                result = CliRunner().invoke(cli, args[1:], env={"JARAP_DB": None})
                assert result.exit_code == 0, (cmd, result.output)
                out.append(f"$ {cmd}")
                out += result.output.rstrip("\n").splitlines()
        finally:
            os.chdir(old)
    return "\n".join(out) + "\n"


def rendered(readme: str) -> str:
    session = run_session(commands(readme))
    return BLOCK.sub(lambda _m: f"{START}\n```\n{session}```\n{END}", readme)


def test_readme_session_is_the_real_output() -> None:
    readme = README.read_text(encoding="utf-8")
    fresh = rendered(readme)
    assert TIMING.sub("N.Ns", readme) == TIMING.sub("N.Ns", fresh), (
        "README example session is stale: run python tests/test_cli_readme.py"
    )
    papers = sum(1 for p in (ROOT / "samples").rglob("*") if p.suffix in (".docx", ".pdf", ".txt"))
    assert f"papers={papers} " in fresh  # the samples, not a remembered count


def test_shell_completion_as_documented() -> None:
    readme = README.read_text(encoding="utf-8")
    assert 'eval "$(_JARAP_COMPLETE=bash_source jarap)"' in readme
    env = {**os.environ, "_JARAP_COMPLETE": "bash_source"}
    run = subprocess.run(
        [sys.executable, "-m", "jarap"], env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0 and "_jarap_completion()" in run.stdout


def test_readme_documents_exit_statuses_formats_and_jarap_db() -> None:
    readme = README.read_text(encoding="utf-8")
    assert "### Exit status" in readme and "| 130 |" in readme and "| 2 |" in readme
    assert "### Formats for scripts" in readme and "JARAP_DB" in readme
    for name in cli.commands:
        assert f"`jarap {name}" in readme, name


if __name__ == "__main__":
    README.write_text(rendered(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"rewrote the example session in {README.relative_to(ROOT)}", file=sys.stderr)
