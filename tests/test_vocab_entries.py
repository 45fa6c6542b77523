"""Every entry the vocabularies promise maps to its meaning: the status phrases, priority
words and numbers of every scale, assurance opinions and RAG colours papers print."""

from __future__ import annotations

import pytest

from jarap.extract.vocab import (
    ASSURANCE_OPINIONS,
    PRIORITY_SCALES,
    STATUS_PHRASES,
    STATUS_VOCABULARIES,
    Status,
    opinion_level,
    priority_level,
    priority_word,
    rag_colour,
    status_word,
)

STATUSES = {
    "Implemented": Status.CLOSED,
    "Partly implemented": Status.OPEN,
    "Partially implemented": Status.OPEN,
    "Not implemented": Status.OPEN,
    "No longer applicable": Status.SUPERSEDED,
    "Complete": Status.CLOSED,
    "Complete – awaiting check": Status.PROPOSED_CLOSED,
    "Completed - awaiting audit verification": Status.PROPOSED_CLOSED,
    "In progress": Status.OPEN,
    "On track": Status.OPEN,
    "Delayed": Status.OPEN,
    "Overdue": Status.OPEN,
    "Not started": Status.OPEN,
    "Not accepted": Status.NOT_ADOPTED,
    "Closed": Status.CLOSED,
    "Superseded": Status.SUPERSEDED,
    "Proposed closed": Status.PROPOSED_CLOSED,
}


@pytest.mark.parametrize(("printed", "meaning"), STATUSES.items())
def test_a_status_phrase_means_its_status(printed: str, meaning: Status) -> None:
    assert status_word(printed) == meaning
    assert status_word(printed.upper()) == meaning


def test_every_vocabulary_names_known_phrases() -> None:
    assert all(n in STATUS_PHRASES for names in STATUS_VOCABULARIES.values() for n in names)


PRIORITIES = {
    "Critical": "high", "High": "high", "Medium": "medium", "Low": "low",
    "Fundamental": "high", "Significant": "medium", "Housekeeping": "low",
    "Merits attention": "low", "Major": "high", "Moderate": "medium", "Minor": "low",
    "Essential": "high", "Important": "medium", "Desirable": "low",
    "Priority 1": "high", "Priority 2": "medium", "Priority 3": "low", "Priority 4": "low",
    "P2": "medium", "1 (Critical)": "high", "RED High": "high", "GREEN Priority 3": "low",
}  # fmt: skip


@pytest.mark.parametrize(("printed", "level"), PRIORITIES.items())
def test_a_priority_word_or_number_has_its_level(printed: str, level: str) -> None:
    assert priority_level(priority_word(printed)) == level


def test_every_scale_word_has_a_level() -> None:
    assert all(priority_level(w) for scale in PRIORITY_SCALES.values() for w in scale)


@pytest.mark.parametrize("opinion", sorted(ASSURANCE_OPINIONS))
def test_an_opinion_with_assurance_or_opinion_after_it_is_read(opinion: str) -> None:
    assert opinion_level(f"Payroll – {opinion.title()} Assurance") == ASSURANCE_OPINIONS[opinion]
    assert opinion_level(f"{opinion.upper()} OPINION March 2024") == ASSURANCE_OPINIONS[opinion]


def test_rag_colours() -> None:
    assert [rag_colour(w) for w in ("RED", "Amber", "green", "GRAY", "Blue")] == [
        "red", "amber", "green", "grey", None,
    ]  # fmt: skip
    assert rag_colour("Blue", ("blue",)) == "blue"  # where a key prints blue
