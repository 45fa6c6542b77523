"""Cover target-date tables whose audit heading rows print a short form of the audit's name
(`Fleet Mgmt`, `HR Recruitment`, `GDPR`), ref and title in one cell, dates with words around
them: every row of every generated table (`target_variants`) finds its recommendation and
both its dates. Figures printed (`pytest -s`), the held-back share apart."""

from __future__ import annotations

from pathlib import Path

from target_variants import target_cases, write_docx

from jarap.extract.cover import read_target_table
from jarap.extract.crosscheck import find_listed
from jarap.extract.records import Recommendation
from jarap.ingest import read_document

THRESHOLD = 0.95


def test_every_target_row_finds_its_recommendation_and_dates(tmp_path: Path) -> None:
    scores: dict[bool, list[bool]] = {False: [], True: []}
    misses = []
    for k, case in enumerate(target_cases()):
        path = tmp_path / f"targets-{k:03d}.docx"
        write_docx(case, path)
        recs = [Recommendation(audit_title=t.audit, ref=t.ref, title=t.title) for t in case.truth]
        rows = read_target_table(read_document(path))
        for truth in case.truth:
            found = [
                r
                for r in rows
                if find_listed(recs, r.audit_title, r.ref, r.title) is recs[case.truth.index(truth)]
            ]
            ok = (
                len(found) == 1
                and found[0].original is not None
                and found[0].original.date == truth.original
                and found[0].current is not None
                and found[0].current.date == truth.current
            )
            scores[case.held_back].append(ok)
            if not ok and not case.held_back:
                misses.append((case.combination, truth, [(r.audit_title, r.ref) for r in found]))
    dev = sum(scores[False]) / len(scores[False])
    held = sum(scores[True]) / len(scores[True])
    print(
        f"\ntarget rows matched with both dates: development {dev:.3f} of {len(scores[False])}, "
        f"held back {held:.3f} of {len(scores[True])}"
    )
    assert dev >= THRESHOLD, misses[:5]
    assert held >= THRESHOLD
