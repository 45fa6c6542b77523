"""The one colour-key reader (`extract.colour_key`): every way a paper lays out a key of
colours -> meanings (a legend row, a two-column table, words in the filled cell or beside it,
the colour as a fill, as a printed name, or both) and every word of the priority and status
vocabularies, read by the same rule. The arrangements and words are enumerated, not picked:
each combination is one generated key; a table holding records is no key."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from jarap.extract.colour_key import fill_priority, priority_key, status_key
from jarap.extract.vocab import PRIORITY_WORDS, STATUS_PHRASES, Status, priority_word, status_word
from jarap.ingest.document import Cell, Document, Paragraph, Row, Run, Table

FILLS = ("FF0000", "FFC000", "92D050", "0070C0", "7030A0")
NAMES = ("red", "amber", "green", "blue", "purple")


def _cell(text: str = "", fill: str | None = None) -> Cell:
    return Cell([Paragraph([Run(text)])] if text else [], fill)


def _doc(*tables: Table) -> Document:
    return Document(Path("generated.docx"), "docx", list(tables)).assign_locators()


def _entries(words: list[str], arrangement: str) -> Table:
    """One key of `words`, the i-th coloured FILLS[i] / named NAMES[i], laid out as said."""
    if arrangement == "legend row":  # `KEY | [fill] word | [fill] word …`
        return Table([Row([_cell("Key"), *(_cell(w, FILLS[i]) for i, w in enumerate(words))])])
    rows = []
    for i, word in enumerate(words):
        colour = {
            "fill beside words": _cell("", FILLS[i]),
            "name beside words": _cell(NAMES[i].title()),
            "named fill beside words": _cell(NAMES[i].title(), FILLS[i]),
        }[arrangement]
        rows.append(Row([colour, _cell(word)]))
    return Table(rows)


ARRANGEMENTS = ("legend row", "fill beside words", "name beside words", "named fill beside words")
PRIORITY_KEYS = [list(c) for c in itertools.combinations(PRIORITY_WORDS, 3)]


@pytest.mark.parametrize("arrangement", ARRANGEMENTS)
def test_a_priority_key_in_every_arrangement_gives_each_fill_its_word(arrangement: str) -> None:
    for words in PRIORITY_KEYS:
        key = priority_key(_doc(_entries(words, arrangement)))
        expected = {FILLS[i]: priority_word(w) for i, w in enumerate(words)}
        if arrangement == "name beside words":
            assert key.fills == {}, words  # no fill printed: nothing to decode a fill by
        else:
            assert key.fills == expected, (arrangement, words)
        reader = fill_priority(_doc(_entries(words, arrangement)))
        for i, word in enumerate(words):
            assert reader(_cell("", FILLS[i])) == (
                None if arrangement == "name beside words" else priority_word(word)
            )


def _status_phrases() -> list[str]:
    """The status vocabulary's phrases as a key prints them: each phrase name is its words."""
    return [n for n in STATUS_PHRASES if status_word(n) is not None]


@pytest.mark.parametrize("arrangement", ARRANGEMENTS)
def test_a_status_key_in_every_arrangement_gives_each_colour_its_status(arrangement: str) -> None:
    phrases = _status_phrases()
    assert len(phrases) >= 8, phrases
    for start in range(0, len(phrases), len(FILLS)):
        words = phrases[start : start + len(FILLS)]
        key = status_key(_doc(_entries(words, arrangement)))
        for i, word in enumerate(words):
            meant = status_word(word)
            fill, name = _cell("", FILLS[i]), _cell(NAMES[i].title())
            if arrangement != "name beside words":
                assert key.of(fill) == meant, (arrangement, word)
            if arrangement != "fill beside words" and arrangement != "legend row":
                assert key.of(name) == meant, (arrangement, word)


def test_a_colour_named_with_nothing_beside_means_what_the_rag_colours_say() -> None:
    key = status_key(_doc(Table([Row([_cell("Blue", "0070C0")]), Row([_cell("Grey")])])))
    assert key.fills == {"0070C0": Status.CLOSED}
    assert key.names == {"blue": Status.CLOSED, "grey": Status.NOT_ADOPTED}


def test_a_table_holding_records_is_no_key() -> None:
    """A record table's filled priority cells say what their own rows say."""
    header = Row([_cell(h) for h in ("Ref", "Recommendation", "Priority", "Owner", "Status")])
    row = Row([_cell("1.1"), _cell("Reconcile the ledger."), _cell("High", "FF0000"),
               _cell("Ann Lee"), _cell("Implemented", "0070C0")])  # fmt: skip
    doc = _doc(Table([header, row]))
    assert not priority_key(doc) and not status_key(doc)
