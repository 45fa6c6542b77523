"""Scoring the layout zoo (samples/generate_zoo.py): every paper converted, its records matched
to its truth, row F1 and per-field accuracy, by format, by share (tuned on / held back) and
by each value of each dimension of the combinations."""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from jarap.convert import Conversion, convert
from jarap.extract.records import Recommendation

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

FIELDS = ("status", "audit_title", "current_target", "priority", "owners", "ref_title")


def norm(text: str | None) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).split())


def similar(a: str | None, b: str | None) -> float:
    a, b = norm(a), norm(b)
    if not a or not b:
        return 0.0
    return 1.0 if a == b else SequenceMatcher(None, a, b).ratio()


@dataclass
class Tally:
    """Rows matched, predicted and true, and per field (right, checked)."""

    matched: int = 0
    predicted: int = 0
    truth: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0] for f in FIELDS})

    def add(self, other: Tally) -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.truth += other.truth
        for name, (right, checked) in other.fields.items():
            self.fields[name][0] += right
            self.fields[name][1] += checked

    @property
    def f1(self) -> float:
        if not self.predicted or not self.truth or not self.matched:
            return 0.0
        p, r = self.matched / self.predicted, self.matched / self.truth
        return 2 * p * r / (p + r)

    def accuracy(self, name: str) -> float | None:
        right, checked = self.fields[name]
        return right / checked if checked else None

    def perfect(self) -> bool:
        """Every row found and every checked field right."""
        return self.f1 == 1 and all(r == c for r, c in self.fields.values())

    def line(self) -> str:
        parts = [f"rows F1 {self.f1:.3f} ({self.matched}/{self.truth} true, {self.predicted} read)"]
        for name in FIELDS:
            acc = self.accuracy(name)
            parts.append(f"{name} {'-' if acc is None else f'{acc:.3f}'}")
        return "  ".join(parts)


def _pair(truth: list[dict], recs: list[Recommendation]) -> list[tuple[dict, Recommendation]]:
    """Greedy matching: same audit and ref, else the most similar title (>= 0.6)."""
    pairs, used = [], set()
    for want in truth:
        best, best_score = None, 0.0
        for k, rec in enumerate(recs):
            if k in used:
                continue
            score = similar(want["title"], rec.title) + similar(want["title"], rec.text) / 2
            if want["ref"] and rec.ref == want["ref"]:
                score += 1.0 if similar(want["audit_title"], rec.audit_title) > 0.8 else 0.3
            if score > best_score:
                best, best_score = k, score
        if best is not None and best_score >= 0.6:
            used.add(best)
            pairs.append((want, recs[best]))
    return pairs


def _month(rec: Recommendation) -> str | None:
    target = rec.current_target
    return target.date.strftime("%Y-%m") if target is not None and target.date else None


def score_paper(truth: dict, conversion: Conversion, fmt: str) -> Tally:
    recs = conversion.paper.recommendations if conversion.paper else []
    recs = [r for r in recs if r.section == "main"]
    tally = Tally(predicted=len(recs), truth=len(truth["recommendations"]))
    for want, rec in _pair(truth["recommendations"], recs):
        tally.matched += 1
        checks: dict[str, bool | None] = {
            "status": str(rec.status) == want["status"],
            "audit_title": norm(rec.audit_title) == norm(want["audit_title"]),
            "current_target": _month(rec) == want["current_target"],
            "owners": all(any(s.lower() in o.lower() for o in rec.owners) for s in want["owners"]),
            "ref_title": (not want["ref"] or rec.ref == want["ref"])
            and similar(rec.title, want["title"]) >= 0.8,
        }
        priority_known = want["priority"] is not None and not (
            fmt == "txt" and want.get("priority_by_colour")  # a text conversion has no fills
        )
        checks["priority"] = (rec.priority_level == want["priority"]) if priority_known else None
        for name, ok in checks.items():
            if ok is not None:
                tally.fields[name][0] += int(ok)
                tally.fields[name][1] += 1
    return tally


@dataclass
class ZooScore:
    by_share: dict[tuple[str, str], Tally]  # (share, format) -> tally
    by_dim: dict[tuple[str, str, str, str], Tally]  # (share, format, dim, value) -> tally
    failures: list[str]


def score_dir(
    zoo: Path,
    share: str = "all",
    formats: tuple[str, ...] = ("docx", "pdf", "txt"),
    verbose: bool = False,
) -> ZooScore:
    """Convert and score every zoo paper of the share (`dev`, `held_back`, `all`)."""
    by_share: dict[tuple[str, str], Tally] = defaultdict(Tally)
    by_dim: dict[tuple[str, str, str, str], Tally] = defaultdict(Tally)
    failures = []
    for truth_file in sorted(zoo.glob("*.json")):
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        part = "held_back" if truth["held_back"] else "dev"
        if share != "all" and part != share:
            continue
        for fmt in formats:
            path = zoo / f"{truth['stem']}.{fmt}"
            if not path.is_file():
                failures.append(f"{path.name}: missing")
                continue
            tally = score_paper(truth, convert(path), fmt)
            if verbose and not tally.perfect():
                print(f"{path.name}: {tally.line()}")
            by_share[(part, fmt)].add(tally)
            for dim, value in truth["dims"].items():
                by_dim[(part, fmt, dim, str(value))].add(tally)
    if verbose:
        for key, tally in sorted(by_share.items()):
            print(key, tally.line())
    return ZooScore(dict(by_share), dict(by_dim), failures)


def generator_hash() -> str:
    """The zoo's version: a hash of its generator and the shared writer."""
    digest = hashlib.sha256()
    for name in ("generate_zoo.py", "generate.py"):
        digest.update((SAMPLES / name).read_bytes())
    return digest.hexdigest()[:12]


def written_zoo() -> Path:
    """The zoo's .docx, .txt and truth, written once per generator version into a cached temp
    dir (its LibreOffice PDFs are written apart, by one soffice call: tests/test_zoo.py)."""
    if str(SAMPLES) not in sys.path:
        sys.path.insert(0, str(SAMPLES))
    import generate_zoo

    out = Path(tempfile.gettempdir()) / f"jarap-zoo-{generator_hash()}"
    done = out / "written"
    if not done.is_file():
        generate_zoo.write_zoo(out, pdf=False)
        done.write_text("ok\n")
    return out


def drawn(zoo: Path, share: str, count: int, seed: str = "producer-zoo") -> list[str]:
    """`count` stems of one share (`dev`, `held_back`) drawn by a seeded generator: a
    subset nobody picked, the same for every producer so their figures compare."""
    stems = []
    for truth_file in sorted(zoo.glob("*.json")):
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        if truth["held_back"] == (share == "held_back"):
            stems.append(truth["stem"])
    return sorted(random.Random(f"{seed}-{share}").sample(stems, min(count, len(stems))))


def score_variants(
    zoo: Path,
    stems: list[str],
    make: Callable[[Path], Path],
    fmt: str,
    on_paper: Callable[[str, Tally], None] | None = None,
) -> Tally:
    """Score each paper's variant (`make(docx)` writes or finds it) against its truth;
    `on_paper(stem, tally)` sees each paper's own figures (for the dev share only: the
    held-back papers' failures are never looked at)."""
    total = Tally()
    for stem in stems:
        truth = json.loads((zoo / f"{stem}.json").read_text(encoding="utf-8"))
        tally = score_paper(truth, convert(make(zoo / f"{stem}.docx")), fmt)
        if on_paper is not None:
            on_paper(stem, tally)
        total.add(tally)
    return total
