"""The fingerprint of the code that reads papers: what `EXTRACTOR_VERSION` stands for.

A paper is skipped by its hash for ever unless the extractor that parsed it is older than
today's, so a version that is not bumped when reading changes keeps stale extraction for
ever (it stayed at 6 through 44 reader and extractor commits). The version is therefore
tied to the code: `tests/test_extractor_version.py` fails when this fingerprint is not the
one recorded for the current version, and says what to add.

The fingerprint hashes the syntax tree of every module under `ingest/` and `extract/` and
of `jarap/convert.py`, not their text: comments, docstrings, formatting and type
annotations do not change what is read, so they do not ask for a re-read of every archive;
any change to code does. (A hash computed at import time and stored instead of the number
would need no test, but it has no order: two machines on different versions writing one
PostgreSQL archive would re-read each other's papers back and forth, and a refactor that
changes nothing read would re-read everything. A number is ordered, so an older program
never re-reads what a newer one stored.)
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
from pathlib import Path

READING_PACKAGES = ("jarap.ingest", "jarap.extract")
READING_MODULES = ("jarap.convert",)


def reading_sources() -> list[tuple[str, Path]]:
    """(name, file) of every module of the code that reads, in a stable order; found
    without importing it."""
    out: list[tuple[str, Path]] = []
    for package in READING_PACKAGES:
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.submodule_search_locations, package
        root = Path(list(spec.submodule_search_locations)[0])
        for path in sorted(root.rglob("*.py")):
            out.append((f"{package}/{path.relative_to(root).as_posix()}", path))
    for module in READING_MODULES:
        spec = importlib.util.find_spec(module)
        assert spec is not None and spec.origin, module
        out.append((module, Path(spec.origin)))
    return out


class _Meaning(ast.NodeTransformer):
    """A module's tree without what cannot change behaviour: docstrings and annotations
    (a dataclass field keeps its place, with a placeholder for its type)."""

    def _body(self, node: ast.AST) -> ast.AST:
        body = getattr(node, "body", None)
        if (
            body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]  # type: ignore[attr-defined]
        return self.generic_visit(node)

    visit_Module = visit_ClassDef = _body

    def visit_arg(self, node: ast.arg) -> ast.AST:
        node.annotation = None
        return node

    def _returns(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.AST:
        node.returns = None
        return self._body(node)

    visit_FunctionDef = visit_AsyncFunctionDef = _returns

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        node.annotation = ast.Constant(None)
        return self.generic_visit(node)


def module_fingerprint(source: str) -> str:
    tree = _Meaning().visit(ast.parse(source))
    return hashlib.sha256(ast.dump(tree).encode()).hexdigest()


def reading_fingerprint() -> str:
    """One hash over every reading module's name and meaning (first 16 hex digits)."""
    digest = hashlib.sha256()
    for name, path in reading_sources():
        digest.update(f"{name}\0{module_fingerprint(path.read_text(encoding='utf-8'))}\n".encode())
    return digest.hexdigest()[:16]
