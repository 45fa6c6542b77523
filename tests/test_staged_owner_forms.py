"""A block layout's owner section is read by the one owner reader (`fields.owners_named`):
the generated owner forms (`form_variants.owner_cases`: people, people with posts, posts
alone, joined as papers join them) printed as a block's `Responsible officer:` section give
the same owners as an owner cell, people else posts, in development and held back alike."""

from __future__ import annotations

from form_variants import owner_cases
from test_date_owner_forms import THRESHOLD, _report

from jarap.extract.labelled import staged_owners
from jarap.ingest.document import Paragraph, Run

LABELS = ("Responsible officer", "Person responsible", "Action owner", "Owner", "Lead officer")


def test_every_generated_owner_section_gives_its_people_else_its_posts() -> None:
    cases = owner_cases()
    assert len(cases) > 150 and any(c.held_back for c in cases)
    ok = []
    for k, case in enumerate(cases):
        lines = f"{LABELS[k % len(LABELS)]}: {case.text}".split("\n")
        section = [Paragraph(runs=[Run(line)]) for line in lines]
        ok.append(tuple(staged_owners({"owner": section})[0]) == case.owners)
    dev, held = _report("block owner sections", cases, ok)
    misses = [
        (c.text, c.owners) for c, r in zip(cases, ok, strict=True) if not r and not c.held_back
    ]
    assert dev >= THRESHOLD, misses[:10]
    assert held >= THRESHOLD


def test_a_section_naming_people_gives_no_posts() -> None:
    section = [Paragraph(runs=[Run("Responsible officer: Priya Nandra, Head of ICT")])]
    assert staged_owners({"owner": section})[0] == ["Priya Nandra"]
