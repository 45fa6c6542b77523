"""Scoring an archive's histories against the truth of samples/generate_history.py.

Read through what analysts read: the export's `recommendations` and `history` files and the
`v_slippage` / `v_latest_state` views. Each exported snapshot is matched to the truth's
snapshot of its paper (file stem `pNN-…`) by reference and title as printed there, then by
audit (its month, its title's words) when generic titles make that ambiguous.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jarap.extract.audit_title import match_key

Snapshot = tuple[int, str]  # (paper index, truth key)


@dataclass
class Score:
    true_pairs: int = 0
    found_pairs: int = 0
    right_pairs: int = 0
    histories: int = 0
    whole: int = 0
    unread: int = 0
    misread: int = 0  # whole histories with a target read unlike the print (a reading defect)
    reaudits_merged: int = 0
    wrong: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    wrong_reading: list[str] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def precision(self) -> float:
        return self.right_pairs / self.found_pairs if self.found_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.right_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        for name in (
            "true_pairs",
            "found_pairs",
            "right_pairs",
            "histories",
            "whole",
            "unread",
            "misread",
            "reaudits_merged",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.wrong_reading += other.wrong_reading
        for k, v in other.wrong.items():
            self.wrong[k] += v
        for k, n in other.checked.items():
            self.checked[k] += n

    def line(self) -> str:
        wrong = (
            " ".join(f"{k}_wrong={len(v)}/{self.checked[k]}" for k, v in sorted(self.wrong.items()))
            or "history fields all right"
        )
        return (
            f"pairs true={self.true_pairs} found={self.found_pairs} right={self.right_pairs} "
            f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f}; whole histories "
            f"{self.whole}/{self.histories}; unread snapshots {self.unread}; histories with a "
            f"target misread {self.misread}; re-audits merged "
            f"{self.reaudits_merged}; {wrong}"
        )


def _norm(text: str | None) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in (text or "").upper()).split())


def _ref(text: str | None) -> str:
    return (text or "").strip().rstrip(".")


def match_rows(truth: dict[str, Any], rows: list[dict[str, Any]]) -> dict[Snapshot, str]:
    """(paper index, key) -> recommendation_id of the exported row that is that snapshot."""
    by_stem = {p["stem"]: p["index"] for p in truth["papers"]}
    wanted: dict[int, list[tuple[str, dict[str, Any], dict[str, Any]]]] = defaultdict(list)
    for rec in truth["recommendations"]:
        for pi, snap in rec["snapshots"].items():
            wanted[int(pi)].append((rec["key"], rec, snap))
    out: dict[Snapshot, str] = {}
    for row in rows:
        pi = by_stem.get(row["source_file"].rsplit(".", 1)[0])
        if pi is None:
            continue
        same = [
            (key, rec)
            for key, rec, snap in wanted[pi]
            if _ref(snap["ref"]) == _ref(row["ref"]) and _norm(snap["title"]) == _norm(row["title"])
        ]
        if len(same) > 1:
            month = ((row.get("audit_date") or {}).get("date") or "")[:7]
            words = set(match_key(row["audit_title"]).split())
            same = [
                (k, r)
                for k, r in same
                if set(match_key(r["audit"]).split()) & words
                and (not month or r["audit_month"] == month)
            ] or same
        if len(same) == 1:
            out.setdefault((pi, same[0][0]), row["recommendation_id"])
    return out


def _targets_read(truth: dict[str, Any], rows: list[dict[str, Any]]) -> dict[Snapshot, list]:
    """(paper index, key) -> the target dates the parser read there (twins: the kept file)."""
    found = match_rows(truth, rows)
    out: dict[Snapshot, list] = {}
    by_stem = {p["stem"]: p["index"] for p in truth["papers"]}
    for row in rows:
        pi = by_stem.get(row["source_file"].rsplit(".", 1)[0])
        for (fpi, key), rid in found.items():
            if fpi == pi and rid == row["recommendation_id"]:
                out[(fpi, key)] = [t["date"] for t in row["target_history"] if t and t["date"]]
    return out


def score_series(truth: dict[str, Any], export: Path, views: dict[str, dict[str, Any]]) -> Score:
    rows = [json.loads(x) for x in (export / "recommendations.jsonl").read_text().splitlines()]
    names = {p["stem"] for p in truth["papers"]}
    rows = [r for r in rows if r["source_file"].rsplit(".", 1)[0] in names]
    history = {
        h["recommendation_id"]: h
        for h in map(json.loads, (export / "history.jsonl").read_text().splitlines())
    }
    found = match_rows(truth, rows)
    read = _targets_read(truth, rows)
    score = Score()
    snaps: list[Snapshot] = [
        (int(pi), rec["key"]) for rec in truth["recommendations"] for pi in rec["snapshots"]
    ]
    score.unread = sum(1 for s in snaps if s not in found)
    for a, b in itertools.combinations(snaps, 2):
        same_true = a[1] == b[1]
        same_found = a in found and b in found and found[a] == found[b]
        score.true_pairs += same_true
        score.found_pairs += same_found
        score.right_pairs += same_true and same_found
    keys_of: dict[str, set[str]] = defaultdict(set)
    for (_pi, key), rid in found.items():
        keys_of[rid].add(key)
    reaudit = {r["key"]: r["reaudit"] for r in truth["recommendations"]}
    for keys in keys_of.values():
        if len({reaudit[k] for k in keys}) > 1:
            score.reaudits_merged += 1
    for rec in truth["recommendations"]:
        score.histories += 1
        rids = {found.get((int(pi), rec["key"])) for pi in rec["snapshots"]}
        if len(rids) != 1 or None in rids:
            continue
        only = rids.pop()
        assert only is not None
        if keys_of[only] != {rec["key"]}:
            continue
        score.whole += 1
        printed = {int(pi): snap["targets"] for pi, snap in rec["snapshots"].items()}
        if any(read.get((pi, rec["key"])) != dates for pi, dates in printed.items()):
            score.misread += 1  # history semantics cannot be judged on misread targets
            score.wrong_reading.append(f"{rec['key']}")
            continue
        _check_history(score, rec, history.get(only, {}), views.get(only, {}))
    return score


def _date(value: Any) -> str | None:
    if isinstance(value, dict):
        return value.get("date")
    return str(value) if value is not None else None


def _check_history(
    score: Score, rec: dict[str, Any], hist: dict[str, Any], view: dict[str, Any]
) -> None:
    expect = {
        "original_target": rec["original_target"],
        "latest_target": rec["latest_target"],
        "revisions": rec["revisions"],
        "slippage_days": rec["slippage_days"],
        "closed_by": rec["closed_by"],
    }
    got = {
        "original_target": _date(hist.get("original_target")),
        "latest_target": _date(hist.get("latest_target")),
        "revisions": hist.get("revisions"),
        "slippage_days": hist.get("slippage_days"),
        "closed_by": _date(hist.get("closed_by")),
    }
    for name, want in expect.items():
        score.checked[name] += 1
        if got[name] != want:
            score.wrong[name].append(f"{rec['key']}: {got[name]} != {want}")
    for name, want in expect.items():  # the same through the views
        if name not in view:
            continue
        score.checked[f"view_{name}"] += 1
        if _date(view[name]) != (str(want) if want is not None else None) and view[name] != want:
            score.wrong[f"view_{name}"].append(f"{rec['key']}: {view[name]} != {want}")
    score.checked["vanished"] += 1
    if bool(view.get("vanished_from")) != bool(rec["vanished_from"]) and "vanished_from" in view:
        score.wrong["vanished"].append(f"{rec['key']}: {view.get('vanished_from')}")
