"""Every sample paper, in every format, extracts to exactly the generator's ground truth."""

from __future__ import annotations

import pytest
from sample_compare import FORMATS, compare, truth_papers

CASES = [(stem, fmt) for stem in truth_papers() for fmt in FORMATS]


def test_there_are_samples_of_every_format() -> None:
    assert len(truth_papers()) >= 3
    assert len(CASES) == 3 * len(truth_papers())


@pytest.mark.parametrize(("stem", "fmt"), CASES)
def test_recommendations_match_truth(stem: str, fmt: str) -> None:
    problems, _truth, _paper = compare(stem, fmt)
    assert problems == []


@pytest.mark.parametrize(("stem", "fmt"), CASES)
def test_paper_metadata_and_cover_tables(stem: str, fmt: str) -> None:
    _problems, truth, paper = compare(stem, fmt)
    meta = truth["paper"]
    assert paper.title == meta["title"]
    assert paper.organisation == meta["organisation"]
    assert paper.author == meta["author"]
    assert paper.paper_date.date.isoformat() == meta["date"]["date"]
    declared = truth["declared_counts"]
    assert paper.declared_counts["by_priority"] == declared["by_priority"]
    assert paper.declared_counts["total"] == declared["total"]
    assert paper.declared_counts["proposed_closed"] == declared["proposed_closed"]
    listed = [(p.ref, p.title, p.priority) for p in paper.proposed_closed]
    assert listed == [(p["ref"], p["title"], p["priority"]) for p in truth["proposed_closed_list"]]


@pytest.mark.parametrize(("stem", "fmt"), [c for c in CASES if c[1] != "txt"])
def test_word_and_pdf_papers_reconcile(stem: str, fmt: str) -> None:
    """With colours read, every declared count agrees with what was extracted."""
    from jarap.extract.reconcile import reconcile

    _problems, _truth, paper = compare(stem, fmt)
    ok, problems = reconcile(paper)
    assert (ok, problems) == (True, [])


def test_struck_target_is_history_not_current() -> None:
    problems, truth, paper = compare("northshire-tracker-2021-11", "docx")
    assert problems == []
    struck = [t for r in paper.recommendations for t in r.targets if t.struck]
    assert len(struck) >= 2
    for rec in paper.recommendations:
        if rec.current_target is not None:
            assert all(t.value != rec.current_target for t in rec.targets if t.struck), rec
