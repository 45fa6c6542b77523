"""What `jarap inspect FILE` shows: how one file was read, and where every value came from.

A plain function of a `Conversion` (no database): the candidate layouts with their scores and
evidence, the blocks found, the problems, and per record each field with its provenance
(page, block locator, source text). The JSON is one object, for scripts and tests; the text
is the same content for people.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jarap.convert import Conversion, Status, convert
from jarap.extract.dates import DateValue
from jarap.extract.records import Action, AuditStatus, Provenance, Recommendation

# the fields shown per recommendation, with the provenance key each takes its source from
RECOMMENDATION_FIELDS = {
    "audit_title": "audit_title",
    "assurance": "audit_title",
    "audit_date": "audit_title",
    "ref": "ref",
    "title": "title",
    "section": "recommendation",
    "priority": "priority",
    "status": "status",
    "owners": "owners",
    "original_target": "original_target",
    "current_target": "current_target",
    "target_history": "original_target",
    "update_dates": "recommendation",
    "text": "text",
}
ACTION_FIELDS = ("meeting_date", "minute", "paper_ref", "action", "owners", "target", "status")


def _date(value: DateValue | None) -> dict | None:
    return value.to_json() if value is not None else None


def _where(source: Provenance | None) -> dict | None:
    return source.as_dict() if source is not None else None


def _recommendation(rec: Recommendation) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "audit_title": rec.audit_title,
        "assurance": rec.assurance,
        "audit_date": _date(rec.audit_date),
        "ref": rec.ref,
        "title": rec.title,
        "section": rec.section,
        "priority": rec.priority,
        "status": str(rec.status),
        "owners": list(rec.owners),
        "original_target": _date(rec.original_target),
        "current_target": _date(rec.current_target),
        "target_history": [_date(t.value) for t in rec.targets],
        "update_dates": [_date(u.date) for u in rec.updates],
        "text": rec.text,
    }
    provenance = {
        name: _where(rec.provenance.get(key)) for name, key in RECOMMENDATION_FIELDS.items()
    }
    if rec.updates and rec.updates[0].source is not None:
        provenance["update_dates"] = _where(rec.updates[0].source)
    for i, name in enumerate(rec.owners):
        provenance[f"owners/{i}"] = _where(rec.provenance.get(f"owners/{name}"))
    for i, target in enumerate(rec.targets):
        provenance[f"target_history/{i}"] = _where(target.source)
    for i, update in enumerate(rec.updates):
        provenance[f"updates/{i}"] = _where(update.source)
    return {"kind": "recommendation", "fields": fields, "provenance": provenance}


def _action(action: Action) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "meeting_date": _date(action.meeting_date),
        "minute": action.minute,
        "paper_ref": action.paper_ref,
        "action": action.action,
        "owners": list(action.owners),
        "target": _date(action.target),
        "status": action.status,
        "update_dates": [_date(u.date) for u in action.updates],
    }
    provenance = {name: _where(action.provenance.get(name)) for name in ACTION_FIELDS}
    provenance["update_dates"] = _where(action.provenance.get("status"))
    for i, update in enumerate(action.updates):
        provenance[f"updates/{i}"] = _where(update.source)
    return {"kind": "action", "fields": fields, "provenance": provenance}


AUDIT_FIELDS = (
    "ref",
    "title",
    "published",
    "follow_up",
    "lead",
    "governance",
    "assurance",
    "on_track",
    "update",
)


def _audit(audit: AuditStatus) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "ref": audit.ref,
        "title": audit.title,
        "published": _date(audit.published),
        "follow_up": _date(audit.follow_up),
        "lead": audit.lead,
        "governance": audit.governance,
        "assurance": audit.assurance,
        "on_track": audit.on_track,
        "update": audit.update,
    }
    provenance = {name: _where(audit.provenance.get(name)) for name in AUDIT_FIELDS}
    return {"kind": "audit", "fields": fields, "provenance": provenance}


def inspection(conversion: Conversion) -> dict[str, Any]:
    """The `jarap inspect --json` object for one converted file."""
    doc, paper = conversion.document, conversion.paper
    recs = paper.recommendations if paper else []
    audits = {(r.audit_title, r.audit_date.raw if r.audit_date else None) for r in recs}
    return {
        "file": str(conversion.path),
        "status": str(conversion.status),
        "format": doc.format if doc else None,
        "converted_by": doc.converted_by if doc else None,
        "layout": (
            {"name": conversion.layout.name, "score": conversion.layout.score}
            if conversion.layout
            else None
        ),
        # the reading used (`spec`, `generic`, `none`) and how each table it read was read
        "reading": conversion.reading,
        "tables": [m.as_dict() for m in conversion.tables],
        "candidates": [
            {"name": c.name, "score": c.score, "evidence": c.evidence}
            for c in conversion.candidates
        ],
        "problems": [
            {"code": p.code, "message": p.message, "locator": p.locator}
            for p in conversion.problems
        ],
        "blocks": {
            "blocks": len(doc.blocks) if doc else 0,
            "paragraphs": len(doc.paragraphs) if doc else 0,
            "tables": len(doc.tables) if doc else 0,
            "pages": doc.pages if doc else None,
            "audits": len(audits),
            "recommendations": len(recs),
            "actions": len(paper.actions) if paper else 0,
        },
        "records": [_recommendation(r) for r in recs]
        + [_action(a) for a in (paper.actions if paper else [])]
        + [_audit(a) for a in (paper.audits if paper else [])],
    }


def _short(value: Any, width: int = 60) -> str:
    text = value if isinstance(value, str) else repr(value)
    if isinstance(value, dict) and "raw" in value:
        text = f"{value['raw']} -> {value['date']}"
    elif isinstance(value, list):
        text = "; ".join(_short(v, 30) for v in value) or "-"
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_text(report: dict[str, Any]) -> str:
    """The inspection for people: a few lines of summary, then one block per record."""
    lines = [f"{report['file']}: {report['status']}"]
    if report.get("converted_by"):
        lines.append(f"read as {report['format']}, converted by {report['converted_by']}")
    layout = report["layout"]
    lines.append(f"layout: {layout['name']} ({layout['score']:.2f})" if layout else "layout: none")
    lines.append(f"reading: {report['reading']}")
    for table in report["tables"]:
        roles = ", ".join(f"{c['header'] or '?'} -> {c['role'] or '-'}" for c in table["columns"])
        lines.append(f"  {table['how']} {table['block']}: {roles}")
    for cand in report["candidates"]:
        lines.append(f"  candidate {cand['name']:14} {cand['score']:.2f}")
        lines += [f"      {e}" for e in cand["evidence"]]
    found = report["blocks"]
    lines.append(
        f"found: {found['blocks']} blocks ({found['paragraphs']} paragraphs, {found['tables']} "
        f"tables), {found['audits']} audits, {found['recommendations']} recommendations, "
        f"{found['actions']} actions"
    )
    for problem in report["problems"]:
        lines.append(f"  problem [{problem['code']}] {_short(problem['message'], 160)}")
    for k, record in enumerate(report["records"]):
        fields, provenance = record["fields"], record["provenance"]
        head = fields.get("ref") or fields.get("minute") or ""
        lines.append(
            f"[{k}] {record['kind']} {head} {_short(fields.get('title') or fields.get('action'))}"
        )
        for name, value in fields.items():
            where = provenance.get(name) or {}
            page = f"p{where['page']} " if where.get("page") is not None else ""
            lines.append(f"    {name:16} {_short(value):62} {page}{where.get('block', '?')}")
    return "\n".join(lines)


def inspect_file(path: Path) -> tuple[dict[str, Any], bool]:
    """The inspection report of one file and whether it failed (what `jarap inspect` runs
    in a child process with a time limit: a plain dict crosses the pipe)."""
    conversion = convert(path)
    return inspection(conversion), conversion.status is Status.FAILED
