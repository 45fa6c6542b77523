"""A re-audit listed beside its area's first audit under one undated title (a register whose
audit column prints titles only): the references coming again mark the second audit."""

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
from jarap.model import PaperRow, RecommendationRow

AUDIT = "Harbour Patrol"
# per paper: (truth label, ref, title, text) in printed order; `re/…` is the re-audit
PAPERS = {
    "March 2021": [
        ("first/1", "4.1", "Boat Log", "The unit should keep a log of every launch."),
        ("first/2", "4.2", "Fuel Checks", "Fuel use should be checked against each log."),
    ],
    "July 2021": [
        ("first/1", "4.1", "Boat Log", "The unit should keep a log of every launch."),
        ("re/1", "4.1", "Crew Rota", "A rota should name the crew of every patrol."),
        # alike enough to continue `first/2` (gone) on its reference and words alone
        ("re/2", "4.2", "Fuel Records", "Fuel use should be recorded against each log."),
    ],
    "November 2021": [
        ("re/1", "4.1", "Crew Rota", "A rota should name the crew of every patrol."),
        ("re/2", "4.2", "Fuel Records", "Fuel use should be recorded against each log."),
    ],
}


def test_references_coming_again_under_one_undated_title_start_the_reaudit(
    tmp_path: Path,
) -> None:
    engine = open_engine(str(tmp_path / "archive.db"))
    for k, (month, rows) in enumerate(PAPERS.items()):
        paper = Paper(layout="generic", paper_date=normalise_date(month))
        for label, ref, title, text in rows:
            rec = Recommendation(audit_title=AUDIT, ref=ref, title=title, text=text)
            rec.targets = [Target(normalise_date("31st March 2022"))]
            rec.current_target = rec.targets[0].value
            rec.source_text = label
            paper.recommendations.append(rec)
        for i, rec in enumerate(paper.recommendations):
            complete_provenance(rec, Provenance(f"#/blocks/{i}", None, rec.title))
        name = f"harbour-{k}.txt"
        sha = hashlib.sha256(name.encode()).hexdigest()
        with Session(engine) as session, session.begin():
            add_paper(session, paper_to_row(paper, Path(name), sha, "text", None))
    link(engine)
    with Session(engine) as session:
        rows = session.execute(
            select(RecommendationRow.source_text, RecommendationRow.recommendation_id).join(
                PaperRow, PaperRow.paper_id == RecommendationRow.paper_id
            )
        ).all()
    engine.dispose()
    ids: dict[str, set[str]] = {}
    for label, rid in rows:
        ids.setdefault(label, set()).add(rid)
    assert all(len(v) == 1 for v in ids.values()), ids  # each history whole
    assert len({next(iter(v)) for v in ids.values()}) == 4, ids  # and none merged
