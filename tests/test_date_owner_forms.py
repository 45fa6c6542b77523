"""Target dates and owners in every form the generator (`form_variants`) prints, read by the
one date reader and the one owner reader, with the held-back combinations scored apart.

Each figure is printed (`pytest -s`); the thresholds are what the readers must keep."""

from __future__ import annotations

import datetime

from form_variants import DateCase, OwnerCase, date_cases, owner_cases
from hypothesis import given
from hypothesis import strategies as st

from jarap.extract.dates import normalise_date
from jarap.extract.fields import extract_owners, owners_in_cell, targets_in_cells
from jarap.ingest.document import Cell, Paragraph, Run

THRESHOLD = 0.95  # share of cells read exactly, in development and held back alike


def _cell(text: str) -> Cell:
    return Cell(paragraphs=[Paragraph(runs=[Run(line)]) for line in text.split("\n")])


def _deadlines(case: DateCase) -> tuple[datetime.date, ...]:
    return tuple(t.value.date for t in targets_in_cells([_cell(case.text)]) if t.value.date)


def _share(results: list[bool]) -> float:
    return sum(results) / len(results) if results else 0.0


def _report(what: str, cases: list, ok: list[bool]) -> tuple[float, float]:
    dev = [r for c, r in zip(cases, ok, strict=True) if not c.held_back]
    held = [r for c, r in zip(cases, ok, strict=True) if c.held_back]
    print(f"\n{what}: development {_share(dev):.3f} of {len(dev)}, ", end="")
    print(f"held back {_share(held):.3f} of {len(held)}")
    return _share(dev), _share(held)


def test_every_generated_target_cell_gives_its_deadlines_in_order() -> None:
    cases = date_cases()
    assert (
        len(cases) > 300 and any(c.held_back for c in cases) and any(not c.deadlines for c in cases)
    )
    ok = [_deadlines(c) == c.deadlines for c in cases]
    dev, held = _report("target cells", cases, ok)
    misses = [c.text for c, r in zip(cases, ok, strict=True) if not r and not c.held_back]
    assert dev >= THRESHOLD, misses[:10]
    assert held >= THRESHOLD


def test_every_generated_owner_cell_gives_its_people_else_its_posts() -> None:
    cases = owner_cases()
    assert len(cases) > 150 and any(c.held_back for c in cases)
    ok = [tuple(owners_in_cell(_cell(c.text))[0]) == c.owners for c in cases]
    dev, held = _report("owner cells", cases, ok)
    misses = [
        (c.text, c.owners) for c, r in zip(cases, ok, strict=True) if not r and not c.held_back
    ]
    assert dev >= THRESHOLD, misses[:10]
    assert held >= THRESHOLD


@given(st.integers(2015, 2035), st.integers(1, 4), st.sampled_from(["/", "-"]))
def test_a_uk_financial_year_quarter_ends_with_its_quarter(start: int, q: int, sep: str) -> None:
    """`Q3 2023/24` ends December 2023; `Q4 2023/24` ends March 2024."""
    value = normalise_date(f"Q{q} {start}{sep}{str(start + 1)[2:]}")
    month = {1: 6, 2: 9, 3: 12, 4: 3}[q]
    assert value.date is not None
    assert (value.date.year, value.date.month) == (start + (q == 4), month)


@given(st.dates(datetime.date(2010, 1, 1), datetime.date(2035, 12, 31)))
def test_week_commencing_is_that_day(day: datetime.date) -> None:
    assert normalise_date(f"w/c {day.strftime('%d/%m/%Y')}").date == day
    assert normalise_date(f"w/c {day.day} {day:%B %Y}").date == day


def test_no_date_words_give_no_target() -> None:
    for word in ("None", "-", "N/A", "–", "Not applicable"):
        assert targets_in_cells([_cell(word)]) == [], word


def test_cases_are_owner_cases() -> None:
    assert all(isinstance(c, OwnerCase) and c.owners for c in owner_cases())


LABELS = ("Responsible officer", "Person responsible", "Action owner", "Owner", "Lead officer")


def test_every_generated_owner_after_a_label_gives_its_people_else_its_posts() -> None:
    """The same owner forms after an owner label in running text (`Responsible officer:
    Head of ICT`), the label varied with the case."""
    cases = owner_cases()
    ok = []
    for k, case in enumerate(cases):
        para = Paragraph(runs=[Run(f"{LABELS[k % len(LABELS)]}: {case.text}")])
        ok.append(tuple(extract_owners([para])[0]) == case.owners)
    dev, held = _report("owner labels", cases, ok)
    misses = [c.text for c, r in zip(cases, ok, strict=True) if not r and not c.held_back]
    assert dev >= THRESHOLD, misses[:10]
    assert held >= THRESHOLD
