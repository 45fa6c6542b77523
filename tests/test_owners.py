"""Owner extraction against the forms the committee papers actually print."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jarap.extract.fields import owners_in_statement
from jarap.extract.owners import find_owners, owners_from_runs

PAPER_EXAMPLES = [
    ("Person Responsible: Andrew Wroe Head of Estates", ["Andrew Wroe"]),
    ("The target date the 30th September 2021 – Amie Peplow EPAC Manager", ["Amie Peplow"]),
    ("Target date End of October 2021 – Nick Carvell Head of Fleet", ["Nick Carvell"]),
    (
        "Responsible Person: Mandy Bogle-Reilly (Security Vetting Manager) and "
        "Angela Cooper (Trainer and Snr Vetting Officer)",
        ["Mandy Bogle-Reilly", "Angela Cooper"],
    ),
    (
        "Responsible Person: Supt Rich Ward / Mandy Bogle-Reilly",
        ["Supt Rich Ward", "Mandy Bogle-Reilly"],
    ),
    (
        "Revised Niche VCOP Module – Strategic lead Det Supt Baker and Minerva Group "
        "August 31st 2022",
        ["Det Supt Baker"],
    ),
    (
        "Guidance on completion of remarks – operational lead D/Insp Dimmock July 31st 2021",
        ["D/Insp Dimmock"],
    ),
    (
        "Guidance to be circulated – D/Supt Baker / D/Insp Dimmock – 30th September 2021",
        ["D/Supt Baker", "D/Insp Dimmock"],
    ),
    ("Person Responsible: D/Supt Baker, Strategic Lead for VCOP", ["D/Supt Baker"]),
    ("Person Responsible: C/Insp Jim Heggs", ["C/Insp Jim Heggs"]),
    (
        "Person Responsible: (1) End of October 2019 - Kat Eaton SHRBP "
        "(2) March 2020 - Mark Price Head of HR",
        ["Kat Eaton", "Mark Price"],
    ),
    ("Responsible Person: Alastair Kelly", ["Alastair Kelly"]),
    ("Person Responsible: Senior HR Business Partner", []),
    ("Payroll Services Manager - Kier", []),
    (
        "Progress Update July 2021: revised forms have been issued to all staff and the "
        "process is now embedded - Mazhar Ahmed Head of HRSC",
        ["Mazhar Ahmed"],
    ),
    ("Person Responsible: Sean McDonald / Pat O'Neill", ["Sean McDonald", "Pat O'Neill"]),
    ("Lead: Jo Bloggs", ["Jo Bloggs"]),
    ("operational lead Jim Heggs July 31st 2021", ["Jim Heggs"]),
    ("Person Responsible: ACO HR Imogen Stradling", ["ACO HR Imogen Stradling"]),
]


@pytest.mark.parametrize(("text", "expected"), PAPER_EXAMPLES)
def test_paper_examples(text: str, expected: list[str]) -> None:
    assert find_owners(text) == expected


TITLED = [
    "C/Insp Jim Heggs",
    "Mrs King",
    "Mr Jones",
    "Ch Insp Sue Lane",
    "C/Supt Kerry Smith",
    "ACC Kerry Smith",
    "DCC Rob Nixon",
    "ACO Paul Dawkins",
    "Dr Ann Lee",
    "PC 123 Smith",
    "PC Smith",
    "Sgt Ann Bell",
    "DI Hall",
    "DS Cole",
    "Chief Inspector Sue Lane",
    "Det Supt Baker",
]


@pytest.mark.parametrize("name", TITLED)
def test_titled_names_as_printed(name: str) -> None:
    # A rank is evidence enough on its own; after a label it must come out unchanged too.
    assert find_owners(name) == [name]
    assert find_owners(f"Person Responsible: {name} Head of Something") == [name]


PROSE = [
    "The Force IT department will review the process with Human Resources Service Centre.",
    "Reported to Management Board in March; Leicestershire Police and Corporate Services agree.",
    "The upgrade – Tranman Release 2 – was delayed by Civica until October.",
    "Update - Management Board approved the JARAP and SORB reports in September 2021.",
    "Work will be led by Human Resources.",
    "Strategic Lead for VCOP",
    "The Chief Constable has agreed the revised policy.",
    "Alastair Kelly",  # an untitled name with no owner context is not enough
    "",
    "   ",
]


@pytest.mark.parametrize("text", PROSE)
def test_prose_gives_no_owners(text: str) -> None:
    assert find_owners(text) == []


def test_duplicates_collapse_in_order_of_first_appearance() -> None:
    text = (
        "Person Responsible: Rich Ward / Amie Peplow. Update – Supt Rich Ward Head of Ops. "
        "Revised date – Amie Peplow EPAC Manager"
    )
    assert find_owners(text) == ["Supt Rich Ward", "Amie Peplow"]


def test_struck_name_is_former_owner() -> None:
    runs = [
        ("Person Responsible: ", False),
        ("Kat Eaton", True),
        (" Mark Price Head of HR", False),
    ]
    assert owners_from_runs(runs) == (["Mark Price"], ["Kat Eaton"])


def test_struck_cell_without_label_is_still_former_owner() -> None:
    runs = [("Andrew Wroe", True), ("Person Responsible: D/Supt Baker", False)]
    assert owners_from_runs(runs) == (["D/Supt Baker"], ["Andrew Wroe"])


def test_struck_date_leaves_owner_current() -> None:
    runs = [
        ("Target date ", False),
        ("30th September 2021", True),
        (" 31st March 2022 – Amie Peplow EPAC Manager", False),
    ]
    assert owners_from_runs(runs) == (["Amie Peplow"], [])


def test_owners_from_runs_tolerates_junk() -> None:
    assert owners_from_runs([]) == ([], [])
    assert owners_from_runs([("", True), ("   ", False)]) == ([], [])


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_find_owners_never_raises(text: str) -> None:
    result = find_owners(text)
    assert isinstance(result, list)
    assert all(isinstance(name, str) and name for name in result)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.text(), st.sampled_from(["Person Responsible: ", "Kat Eaton", " – "])),
            st.booleans(),
        ),
        max_size=6,
    )
)
def test_owners_from_runs_never_raises(runs: list[tuple[str, bool]]) -> None:
    current, former = owners_from_runs(runs)
    assert isinstance(current, list)
    assert isinstance(former, list)


def test_product_name_before_a_person_is_not_an_owner() -> None:
    """'Track My Crime' is a service, not a person called 'Track My'."""
    assert "Track My" not in find_owners("Person Responsible: Track My Crime Dan Granger")


# owner statements (the text after `Person Responsible:`) as the block trackers print them
STATEMENTS = [
    (
        "Lena Voss – Stores Manager and Rhys Baptiste – Property Officer",
        ["Lena Voss", "Rhys Baptiste"],
    ),
    (
        "Martin Keel, Head of Estates Fiona Drury, Facilities Manager",
        ["Martin Keel", "Fiona Drury"],
    ),
    ("Supt Dominic Hale and Carys Penn – Business Partner", ["Supt Dominic Hale", "Carys Penn"]),
    (
        "Supt D/Supt Jonny Starbuck, DI Deborah Hubbard and Track My Crime Dan Granger "
        "and Natallie Proffitt",
        ["D/Supt Jonny Starbuck", "DI Deborah Hubbard", "Dan Granger", "Natallie Proffitt"],
    ),
    ("Civica and Nick Carvell - Head of Transport", ["Nick Carvell"]),
    ("Senior HR Business Partner", []),
]


@pytest.mark.parametrize(("text", "expected"), STATEMENTS)
def test_every_person_of_an_owner_statement(text: str, expected: list[str]) -> None:
    assert owners_in_statement(text) == expected


# texts of every kind: titled, labelled, "lead", signatures after a dash, prose, none at all
RULER_TEXTS = (
    [text for text, _ in PAPER_EXAMPLES]
    + [text for text, _ in STATEMENTS]
    + [
        "Work is under way and the revised policy goes to the board in May.",
        "Complete – Harriet Vane Records Manager",
        "A new contract was signed; T Jones and C Wu are reviewing it.",
        "",
    ]
)


@pytest.mark.parametrize("text", RULER_TEXTS)
def test_the_owner_ruler_finds_the_entities_spacys_ruler_finds_on_the_same_patterns(
    text: str,
) -> None:
    """The reader's ruler (no spaCy) and spaCy's `entity_ruler`, fed the one pattern data,
    mark the same titled names, labels and leads (the full equality test over every sample
    and generated owner text is `test_owner_matcher_equals_spacy.py`)."""
    from spacy_reference import spacy_entities

    from jarap.extract.owners import _parse

    ours = [(e.start, e.end, e.label, e.ent_id) for e in _parse(text).ents]
    assert ours == spacy_entities(text)


def test_the_name_token_pattern_accepts_exactly_the_words_is_name_accepts() -> None:
    """The ruler's name token is one regex (name shape, no stop word); the scanner's test
    is `_is_name`: they must agree, or a titled name and an untitled one would end at
    different words."""
    import re

    from jarap.extract.owners import _NAME_NOT_STOP_REGEX, _STOP, _is_name

    token = re.compile(_NAME_NOT_STOP_REGEX)
    words = {w for stop in _STOP for w in (stop, stop.capitalize(), stop.upper(), stop.title())}
    words |= {"McDonald", "O'Neill", "D’Arcy", "Bogle-Reilly", "Head-Office", "Smith", "HEad"}
    disagree = sorted(w for w in words if bool(token.match(w)) != _is_name(w))
    assert disagree == []
    assert token.match("Bogle-Reilly") and not token.match("Manager")
