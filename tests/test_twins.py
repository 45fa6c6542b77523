"""Twins (db/twins.py): one paper held in two files is stored once, whatever one file lost."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from jarap.db.engine import open_engine
from jarap.db.linker import link
from jarap.db.rows import add_paper, paper_to_row
from jarap.extract.assemble import complete_provenance
from jarap.extract.dates import normalise_date
from jarap.extract.records import Paper, Provenance, Recommendation, Target
from jarap.model import PaperRow

AUDITS = [("HARBOUR PATROL", "March 2021"), ("LOST PROPERTY", "June 2021")]


def _paper(name: str, fmt: str, dated: set[str]) -> tuple[Paper, Path, str]:
    paper = Paper(layout="tracker-2021", paper_date=normalise_date("July 2021"))
    paper.title = "INTERNAL AUDIT RECOMMENDATIONS AND TRACKING"
    recs = []
    for audit, month in AUDITS:
        for k, title in enumerate(["Boat Log", "Fuel Checks", "Crew Rota"], start=1):
            rec = Recommendation(
                audit_title=audit,
                audit_date=normalise_date(month) if audit in dated else None,
                ref=f"4.{k}",
                title=title,
                status="open",
                targets=[Target(normalise_date("30th September 2021"))],
            )
            rec.current_target = rec.targets[0].value
            recs.append(rec)
    paper.recommendations = recs
    for i, rec in enumerate(recs):
        complete_provenance(rec, Provenance(f"#/blocks/{i}", None, rec.title))
    return paper, Path(f"{name}.{fmt}"), hashlib.sha256(f"{name}.{fmt}".encode()).hexdigest()


def test_a_twin_that_lost_an_audits_date_is_still_a_twin_and_the_loss_is_listed(
    tmp_path: Path,
) -> None:
    """A PDF row broken over a page can lose the audit's date its Word original prints: half
    of the (audit|month, ref, title) keys then differ, yet the files are one paper."""
    engine = open_engine(str(tmp_path / "archive.db"))
    every = {a for a, _m in AUDITS}
    for fmt, dated in (("docx", every), ("pdf", {AUDITS[0][0]})):
        paper, path, sha = _paper("harbour-2021-07", fmt, dated)
        with Session(engine) as session, session.begin():
            add_paper(session, paper_to_row(paper, path, sha, fmt, None))
    link(engine)
    with Session(engine) as session:
        rows = {p.source_file: p for p in session.scalars(select(PaperRow))}
    assert rows["harbour-2021-07.docx"].twin_of is None
    twin = rows["harbour-2021-07.pdf"]
    assert twin.twin_of == rows["harbour-2021-07.docx"].paper_id
    listed = [d for d in twin.twin_problems or [] if d["field"] == "listed"]
    assert len(listed) == 6 and all("LOST PROPERTY" in d["recommendation"] for d in listed)
    engine.dispose()
