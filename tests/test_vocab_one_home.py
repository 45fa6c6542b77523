"""One home for every vocabulary: no module of the pipeline but `extract.vocab` (and the
family modules it re-exports, `extract/vocab_*.py`) writes out status, priority, RAG or
assurance-opinion words.

Read by meaning from the code itself: every string a module writes (regexes split over
adjacent literals are one string to the parser; docstrings are prose and do not count), and
every literal collection of strings, is checked for two or more words of one vocabulary. A
module that needs a vocabulary imports it, or a pattern built from it, from `vocab`.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("extract", "ingest", "db", "model", "jarap")
HOME = ROOT / "extract" / "vocab.py"
# the vocabularies by family, each re-exported by `vocab`
FAMILIES = sorted((ROOT / "extract").glob("vocab_*.py"))

# the distinctive words of each vocabulary (words such as `high`, `open` or `no` are too
# common in code to tell a vocabulary by; two of these in one string are one)
VOCABULARIES = {
    "status": ("implemented", "superseded", "adopted", "accepted", "in progress", "ongoing",
               "overdue", "proposed closed", "completed", "on track", "outstanding"),
    "priority": ("fundamental", "significant", "housekeeping", "medium", "critical",
                 "desirable", "essential", "merits attention"),
    "rag": ("red", "amber", "green", "grey", "gray"),
    "opinion": ("substantial", "reasonable", "satisfactory", "unsatisfactory", "limited",
                "adequate", "minimal"),
}  # fmt: skip


def _docstrings(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            if isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
                ids.add(id(body[0].value))
    return ids


def _pieces(tree: ast.AST) -> list[tuple[int, list[str]]]:
    """Every list of words the code writes, as its items: a literal collection of strings,
    a string split into words (`"a b c".split()`), and a regex's alternatives and chained
    lookaheads (`RED|AMBER`, `(?=.*RED)(?=.*AMBER)`). A string of prose is one item."""
    skip = _docstrings(tree)
    split_receivers = {
        id(node.func.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "split"
    }
    out: list[tuple[int, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            text = node.value
            items = text.split() if id(node) in split_receivers else re.split(r"\||\)\s*\(", text)
            out.append((node.lineno, items))
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
            elts = node.keys if isinstance(node, ast.Dict) else node.elts
            words = [
                n.value for n in elts if isinstance(n, ast.Constant) and isinstance(n.value, str)
            ]
            if len(words) >= 2:
                out.append((node.lineno, words))
    return out


def _words(text: str, vocabulary: tuple[str, ...]) -> set[str]:
    flat = " ".join(re.sub(r"\\[sbSB][+*?]?|[()^$?+*\[\]:=.]", " ", text).lower().split())
    return {w for w in vocabulary if re.search(rf"(?<![a-z_]){w}(?![a-z_])", flat)}


def vocabulary_words(items: list[str]) -> dict[str, set[str]]:
    """The words of each vocabulary a list names, where two or more of its items name one."""
    found: dict[str, set[str]] = {}
    for name, vocabulary in VOCABULARIES.items():
        hits = [w for w in (_words(item, vocabulary) for item in items) if w]
        words = set().union(*hits) if hits else set()
        if len(hits) >= 2 and len(words) >= 2:
            found[name] = words
    return found


def modules() -> list[Path]:
    return sorted(
        p
        for pkg in PACKAGES
        for p in (ROOT / pkg).rglob("*.py")
        if p != HOME and p not in FAMILIES and p.is_file()
    )


def test_the_check_sees_a_restated_vocabulary() -> None:
    """The check itself: a priority alternation, a colour list, an opinion regex and a
    split word list are found; a docstring, prose and one stray word are not."""
    code = (
        '"""High, Medium or Low, RED or GREEN: prose."""\n'
        'A = re.compile(r"^(?:Fundamental|Significant)\\s+x")\n'
        'B = ("red", "amber")\n'
        'C = r"\\b(?:substantial|limited)\\s+assurance"\n'
        'D = "implemented"\n'
        'E = "in progress and implemented: prose"\n'
        'F = "ongoing open superseded".split()\n'
    )
    found = [vocabulary_words(items) for _line, items in sorted(_pieces(ast.parse(code)))]
    assert [sorted(f) for f in found if f] == [["priority"], ["rag"], ["opinion"], ["status"]]


def test_modules_exist() -> None:
    assert len(modules()) > 30 and HOME.is_file() and len(FAMILIES) >= 5


@pytest.mark.parametrize("path", FAMILIES, ids=lambda p: p.name)
def test_each_family_module_is_reexported_by_vocab(path: Path) -> None:
    """A family module's every public name is importable from `vocab`: readers import one
    name, and the check above sees every vocabulary at one home."""
    import importlib

    family = importlib.import_module(f"jarap.extract.{path.stem}")
    vocab = importlib.import_module("jarap.extract.vocab")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    public = [
        t.id
        for node in tree.body
        for t in (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        if isinstance(t, ast.Name) and not t.id.startswith("_")
    ] + [
        node.name
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_")
    ]
    assert public
    missing = [n for n in public if getattr(vocab, n, None) is not getattr(family, n)]
    assert not missing, f"{path.name}: not re-exported by vocab: {missing}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_outside_vocab_restates_a_vocabulary(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    offences = [
        f"{path.relative_to(ROOT)}:{line}: {sorted(words)} in {' | '.join(items)[:70]!r}"
        for line, items in _pieces(tree)
        for words in vocabulary_words(items).values()
    ]
    assert not offences, "\n".join(offences)
