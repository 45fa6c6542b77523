"""Compare what the pipeline extracts from a sample paper with the generator's truth."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jarap.convert import Conversion, convert
from jarap.extract.records import Paper, Recommendation

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TRUTH = SAMPLES / "truth"
FORMATS = ("docx", "pdf", "txt")


def truth_papers(kind: str = "tracker") -> list[str]:
    """The samples whose truth is of this kind (trackers: recommendations; `audit_report`:
    audit-status tables)."""
    return sorted(
        p.stem
        for p in TRUTH.glob("*.json")
        if json.loads(p.read_text(encoding="utf-8")).get("kind", "tracker") == kind
    )


@cache
def sample_conversion(path: Path, layout: str) -> Conversion:
    """A generated sample converted once per test run, claimed by the layout it is written in
    (a missing file says which generator writes it)."""
    assert path.is_file(), f"{path} missing: run its generator in samples/"
    result = convert(path)
    assert result.layout is not None and result.layout.name == layout, result
    assert result.paper is not None
    return result


def sample_file(stem: str, fmt: str) -> Path:
    return next(SAMPLES.rglob(f"{stem}.{fmt}"))


def one_rec(paper: Paper, ref: str, audit: str | None = None) -> Recommendation:
    """The one recommendation with this reference (under this audit title, if given)."""
    found = [r for r in paper.recommendations if r.ref == ref and audit in (None, r.audit_title)]
    assert len(found) == 1, [(r.audit_title, r.ref) for r in paper.recommendations]
    return found[0]


def update_dates(rec: Recommendation) -> list[tuple[str, str | None]]:
    """Each update's heading and the date read from it (ISO), in order."""
    return [
        (u.heading, u.date.date.isoformat() if u.date and u.date.date else None)
        for u in rec.updates
    ]


def target_dates(rec: Recommendation) -> list[str]:
    return [t.value.date.isoformat() for t in rec.targets]


def _dv(value) -> dict | None:
    if value is None:
        return None
    return {"date": value.date.isoformat() if value.date else None, "precision": value.precision}


def _truth_dv(value: dict | None) -> dict | None:
    if value is None:
        return None
    return {"date": value["date"], "precision": value["precision"]}


def rec_fields(rec: Recommendation) -> dict:
    return {
        "audit_title": rec.audit_title,
        "assurance": rec.assurance,
        "audit_date": _dv(rec.audit_date),
        "ref": rec.ref,
        "title": rec.title,
        "priority": rec.priority,
        "priority_level": rec.priority_level,
        "section": rec.section,
        "status": rec.status,
        "owners": rec.owners,
        "former_owners": rec.former_owners,
        "original_target": _dv(rec.original_target),
        "target_history": [_dv(t.value) for t in rec.targets],
        "current_target": _dv(rec.current_target),
        "update_dates": [_dv(u.date) for u in rec.updates if u.date is not None],
    }


def truth_fields(t: dict, fmt: str, listed: list[dict]) -> dict:
    """The truth as this format can show it: a text conversion loses Risk colours, unless the
    cover's proposed-closed table prints the priority too, and strike-through (a record's
    `as_text` holds what the conversion shows instead)."""
    if fmt == "txt" and "as_text" in t:
        t = {**t, **t["as_text"]}
    in_table = any(p["ref"] == t["ref"] and p["title"] == t["title"] for p in listed)
    colour_lost = fmt == "txt" and not t.get("priority_printed", True) and not in_table
    return {
        "audit_title": t["audit_title"],
        "assurance": t["assurance"],
        "audit_date": _truth_dv(t["audit_date"]),
        "ref": t["ref"],
        "title": t["title"],
        "priority": None if colour_lost else t["priority"],
        "priority_level": None if colour_lost else t["priority_level"],
        "section": t["section"],
        "status": t["status"],
        "owners": t["owners"],
        "former_owners": t.get("former_owners", []),
        "original_target": _truth_dv(t["original_target"]),
        "target_history": [_truth_dv(d) for d in t["target_history"]],
        "current_target": _truth_dv(t["current_target"]),
        "update_dates": [_truth_dv(d) for d in t["update_dates"] if d["date"]],
    }


def compare(stem: str, fmt: str) -> tuple[list[str], dict, object]:
    """Differences, as readable lines, between extraction and truth for one file."""
    truth = json.loads((TRUTH / f"{stem}.json").read_text())
    conversion = convert(sample_file(stem, fmt))
    assert conversion.layout is not None, f"{stem}.{fmt}: no layout detected"
    paper = conversion.paper
    problems: list[str] = []
    want = truth["recommendations"]
    got = paper.recommendations
    if len(want) != len(got):
        problems.append(
            f"{len(got)} recommendations, truth has {len(want)}: "
            f"{[(r.audit_title, r.ref) for r in got]}"
        )
    for t, r in zip(want, got, strict=False):
        expected = truth_fields(t, fmt, truth.get("proposed_closed_list", []))
        actual = rec_fields(r)
        for key, value in expected.items():
            if actual[key] != value:
                problems.append(
                    f"{t['audit_title']} {t['ref']} {key}: got {actual[key]!r}, want {value!r}"
                )
    return problems, truth, paper


# -- action sheets (truth `kind: action_sheet`: `actions` instead of `recommendations`) ------


def action_fields(action) -> dict:  # noqa: ANN001 - jarap.extract.records.Action
    return {
        "meeting_date": _dv(action.meeting_date),
        "minute": action.minute,
        "paper_ref": action.paper_ref,
        "action": action.action,
        "owners": action.owners,
        "target": _dv(action.target),
        "updates": [{"date": _dv(u.date), "text": u.text} for u in action.updates],
        "status": action.status,
    }


def truth_action_fields(t: dict) -> dict:
    return {
        **t,
        "meeting_date": _truth_dv(t["meeting_date"]),
        "target": _truth_dv(t["target"]),
        "updates": [{"date": _truth_dv(u["date"]), "text": u["text"]} for u in t["updates"]],
    }


def compare_actions(stem: str, fmt: str) -> tuple[list[str], dict, object]:
    """Differences, as readable lines, between the actions read from one file and truth."""
    truth = json.loads((TRUTH / f"{stem}.json").read_text())
    conversion = convert(sample_file(stem, fmt))
    assert conversion.layout is not None, f"{stem}.{fmt}: no layout detected"
    paper = conversion.paper
    problems: list[str] = []
    want, got = truth["actions"], paper.actions
    if len(want) != len(got):
        problems.append(f"{len(got)} actions, truth has {len(want)}: {[a.minute for a in got]}")
    for t, a in zip(want, got, strict=False):
        expected, actual = truth_action_fields(t), action_fields(a)
        for key, value in expected.items():
            if actual[key] != value:
                problems.append(f"{t['minute']} {key}: got {actual[key]!r}, want {value!r}")
    return problems, truth, paper
