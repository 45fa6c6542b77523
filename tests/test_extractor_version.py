"""Changed reading re-reads (issue 20, item 4): the extractor version is tied to the code
that reads, so it cannot stay put while readers and extractors change.

`READING_FINGERPRINTS` must hold today's fingerprint under today's version. The fingerprint
is checked over a generator of its own variation: every reading module re-printed from its
syntax tree (formatting and comments gone), with its docstrings and annotations changed,
must keep it; every module with one constant of its code changed must change it (the first
constant of each module while this was written, and, held back, constants drawn at random).
"""

from __future__ import annotations

import ast
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from jarap import version
from jarap.cli import cli
from jarap.fingerprint import module_fingerprint, reading_fingerprint, reading_sources

MODULES = reading_sources()
IDS = [name for name, _ in MODULES]


def test_changed_reading_code_bumps_the_extractor_version() -> None:
    recorded = version.READING_FINGERPRINTS
    today = reading_fingerprint()
    following = version.EXTRACTOR_VERSION + 1
    assert recorded.get(version.EXTRACTOR_VERSION) == today, (
        "the code that reads (ingest/, extract/, jarap/convert.py) changed since extractor "
        f"version {version.EXTRACTOR_VERSION}: set EXTRACTOR_VERSION = {following} in "
        f'jarap/version.py and add `{following}: "{today}",` to READING_FINGERPRINTS '
        "(archives then re-read their papers)"
    )
    assert max(recorded) == version.EXTRACTOR_VERSION
    assert len(set(recorded.values())) == len(recorded)


def _code_constants(tree: ast.AST) -> list[ast.Constant]:
    """Constants of the code: not docstrings, not annotations."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    annotations = {
        id(n)
        for node in ast.walk(tree)
        for ann in (getattr(node, "annotation", None), getattr(node, "returns", None))
        if ann is not None
        for n in ast.walk(ann)
    }
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and id(n) not in docstrings
        and id(n) not in annotations
        and isinstance(n.value, int | float | str)
        and not isinstance(n.value, bool)
    ]


def _changed(node: ast.Constant) -> None:
    value = node.value
    node.value = value + "x" if isinstance(value, str) else value + 1


def _reworded(source: str) -> str:
    """The same code with every docstring and annotation reworded, comments and
    formatting gone (re-printed from the tree)."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            body[0].value.value = "Reworded: " + body[0].value.value[::-1]
        if isinstance(node, ast.arg) and node.annotation is not None:
            node.annotation = ast.Name("object")
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            node.returns = ast.Constant(None)
    return "# a comment\n" + ast.unparse(tree)


@pytest.mark.parametrize("path", [p for _, p in MODULES], ids=IDS)
def test_wording_and_formatting_keep_the_fingerprint(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert module_fingerprint(_reworded(source)) == module_fingerprint(source)


@pytest.mark.parametrize("path", [p for _, p in MODULES], ids=IDS)
def test_a_changed_constant_changes_the_fingerprint(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    constants = _code_constants(tree)
    if not constants:
        pytest.skip(f"{path.name} has no constant in its code")
    _changed(constants[0])
    assert module_fingerprint(ast.unparse(tree)) != module_fingerprint(source)


@pytest.mark.parametrize("seed", range(3))
def test_a_changed_constant_changes_the_fingerprint_held_back(seed: int) -> None:
    rng = random.Random(4000 + seed)
    for _, path in rng.sample(MODULES, 8):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        constants = _code_constants(tree)
        if constants:
            _changed(rng.choice(constants))
            assert module_fingerprint(ast.unparse(tree)) != module_fingerprint(source), path


def test_status_counts_stale_papers(
    tmp_path: Path, db_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("haldenmoor-follow-up-2023-11.txt", "haldenmoor-follow-up-2024-06.txt"):
        (tmp_path / name).write_bytes((SAMPLES / "follow-up" / name).read_bytes())
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(tmp_path), "--db", db_path, "-j", "1"]).exit_code == 0
    assert "stale" not in runner.invoke(cli, ["status", "--db", db_path]).output
    monkeypatch.setattr(version, "EXTRACTOR_VERSION", version.EXTRACTOR_VERSION + 1)
    status = runner.invoke(cli, ["status", "--db", db_path]).output.splitlines()
    assert status[1] == (
        f"2 paper(s) stale: parsed by an older extractor than version "
        f"{version.EXTRACTOR_VERSION}; jarap ingest re-reads them"
    )
