"""One entry point for one file: read, detect, parse, reconcile.

`convert(path)` is a pure function of the file (no database, no global state beyond the
cached rule pipelines), so the loader, the tests, the benchmark, `jarap inspect` and any
worker process all get the same `Conversion` for the same bytes. Like docling's
`ConversionResult`, it carries a status and a list of problems, so a paper with problems
is never reported as clean, and the output of each step is kept for inspection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from jarap.extract.layouts import CLAIM, LayoutScore, LayoutSpec, score_layouts
from jarap.extract.reconcile import reconcile
from jarap.extract.records import Paper
from jarap.ingest import read_document
from jarap.ingest.document import Document


class Status(StrEnum):
    """How one file came through: `unchanged` is only given at load time (known hash)."""

    SUCCESS = "success"
    PARTIAL = "partial"
    FAILED = "failed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: a stable code, a line for people, where it is."""

    code: str
    message: str
    locator: str | None = None

    def __str__(self) -> str:
        return self.message


@dataclass
class Step:
    """One step's output, kept so `inspect` can show how a result came about."""

    name: str
    output: Any

    def __repr__(self) -> str:
        return f"<Step {self.name}: {self.output!r}>"


@dataclass
class Conversion:
    path: Path
    status: Status
    document: Document | None = None
    paper: Paper | None = None
    layout: LayoutScore | None = None
    candidates: list[LayoutScore] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    trace: list[Step] = field(default_factory=list)

    @property
    def error(self) -> str | None:
        """The reason a failed file failed (its first problem)."""
        if self.status is Status.FAILED and self.problems:
            return self.problems[0].message
        return None

    def __repr__(self) -> str:
        layout = self.layout.name if self.layout else "no layout"
        return (
            f"<Conversion {self.path.name} {self.status} {layout} ({len(self.problems)} problems)>"
        )


# a runner-up this close to the winner is reported: the paper may be misread
NEAR_TIE = 0.1


def convert(path: Path) -> Conversion:
    """Read one file into a `Paper`, with a status and every problem found on the way."""
    path = Path(path)
    try:
        doc = read_document(path)
    except Exception as exc:  # noqa: BLE001 - any reader failure is this file's problem
        message = str(exc) if path.name in str(exc) else f"{path.name}: {exc}"
        return Conversion(path, Status.FAILED, problems=[Problem("read_failed", message)])
    return convert_document(doc)


def convert_document(doc: Document, layouts: list[LayoutSpec] | None = None) -> Conversion:
    """Detect, parse and reconcile a document already read (or built by a test); `layouts`
    replaces the registry (a spec being written, say)."""
    path = doc.path
    result = Conversion(path, Status.FAILED, document=doc)
    result.trace.append(Step("read", doc))
    result.problems.extend(Problem("read_warning", w) for w in doc.warnings)
    try:
        candidates = score_layouts(doc, layouts)
        result.candidates = candidates
        result.trace.append(Step("detect", candidates))
        best = candidates[0] if candidates and candidates[0].score >= CLAIM else None
        if best is None:
            paper = Paper(layout="unknown", kind="unknown")
            paper.warnings.append(f"{path.name}: no known paper layout recognised")
            result.problems.append(Problem("unknown_layout", paper.warnings[-1]))
        else:
            result.layout = best
            runner_up = candidates[1] if len(candidates) > 1 else None
            if (
                runner_up is not None
                and runner_up.score > 0
                and (best.score - runner_up.score < NEAR_TIE)
            ):
                result.problems.append(
                    Problem(
                        "near_tie",
                        f"{path.name}: layout {best.name} ({best.score:.2f}) barely beats "
                        f"{runner_up.name} ({runner_up.score:.2f})",
                    )
                )
            paper = best.spec.parse(doc, best.spec)
            paper.kind = best.spec.kind
            paper.warnings[:0] = [p.message for p in result.problems]
        result.trace.append(Step("parse", paper))
    except Exception as exc:  # noqa: BLE001 - a parser defect fails this file, not the batch
        result.problems.append(Problem("parse_failed", f"{path.name}: cannot be parsed ({exc})"))
        return result
    paper.reconciled, differences = reconcile(paper)
    paper.warnings.extend(differences)
    result.trace.append(Step("reconcile", (paper.reconciled, differences)))
    result.paper = paper
    for warning in paper.warnings:
        if not any(p.message == warning for p in result.problems):
            code = "count_mismatch" if warning in differences else "warning"
            result.problems.append(Problem(code, warning))
    result.status = Status.PARTIAL if result.problems else Status.SUCCESS
    return result
