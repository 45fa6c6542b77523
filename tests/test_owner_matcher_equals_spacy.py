"""The owner reader without spaCy reads exactly what it read with spaCy.

The reader tokenizes with `en_tokenizer` (spaCy's algorithm over its copied rules) and
matches `owners.ruler_patterns` with `token_matcher`; spaCy stays a test dependency as the
reference (`spacy_reference`: a blank English pipeline and an `entity_ruler` fed the same
pattern data). The owner scanner reads nothing of a text but its tokens (text, offset,
following space, lower case, space, punctuation), the ruler's entities and where a struck
run starts, so where those three agree the owners are the same. They are compared on every
text the owner reader is given while the samples and the layout zoo are read, on the
generated owner cells (`form_variants`), and on owner texts composed at random from the
papers' parts (titles, names, roles, labels, dashes, dates, odd punctuation and spacing). The
zoo, the owner cells and the random texts each keep a held-back share, reported apart.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import SAMPLES
from form_variants import owner_cases
from spacy_reference import blank_english, spacy_entities

from jarap.extract import owners
from jarap.extract.en_tokenizer import tokenize

Seen = dict[str, set[int]]  # text -> the characters where a struck run starts


def _spacy_view(text: str, slots: set[int]) -> tuple[object, ...]:
    doc = blank_english().make_doc(text)
    tokens = [(t.text, t.idx, bool(t.whitespace_), t.lower_, t.is_space, t.is_punct) for t in doc]
    starts = []
    for char in sorted(slots):
        span = doc.char_span(char, len(text), alignment_mode="expand")
        starts.append(span.start if span is not None and span.start < len(doc) else None)
    return tokens, spacy_entities(text), starts


def _our_view(text: str, slots: set[int]) -> tuple[object, ...]:
    parsed = owners._parse(text)
    tokens = [(t.text, t.idx, t.space, t.lower, t.is_space, t.is_punct) for t in parsed.tokens]
    ents = [(e.start, e.end, e.label, e.ent_id) for e in parsed.ents]
    starts = []
    for char in sorted(slots):
        first = parsed.char_span_start(char)
        starts.append(first if first is not None and first < len(parsed.tokens) else None)
    return tokens, ents, starts


def _differences(seen: Seen) -> list[str]:
    return [
        text for text, slots in seen.items() if _our_view(text, slots) != _spacy_view(text, slots)
    ]


@contextmanager
def _recording() -> Iterator[Seen]:
    """Every text (and struck-run start) the owner reader is given inside the block."""
    seen: Seen = {}
    original = owners._hits

    def hits(text: str, extra_slot_chars: list[int] | None = None) -> list[owners._Hit]:
        seen.setdefault(text, set()).update(extra_slot_chars or [])
        return original(text, extra_slot_chars)

    owners._hits = hits  # type: ignore[assignment]
    try:
        yield seen
    finally:
        owners._hits = original  # type: ignore[assignment]


def _read(paths: list[Path]) -> Seen:
    from jarap.convert import convert

    with _recording() as seen:
        for path in paths:
            convert(path)
    return seen


def _report(what: str, dev: Seen, held: Seen, bad_dev: list[str], bad_held: list[str]) -> None:
    print(
        f"\n{what}: development {len(dev) - len(bad_dev)} of {len(dev)} texts identical, "
        f"held back {len(held) - len(bad_held)} of {len(held)}"
    )


def test_the_sample_papers_owner_texts_tokenize_and_match_as_in_spacy() -> None:
    paths = sorted(p for p in SAMPLES.glob("*/*") if p.suffix in {".txt", ".docx", ".pdf"})
    assert len(paths) >= 60
    seen = _read(paths)
    assert len(seen) > 200, "the samples give the owner reader hundreds of texts"
    assert any(slots for slots in seen.values()), "some sample strikes an owner through"
    bad = _differences(seen)
    _report("sample owner texts", seen, {}, bad, [])
    assert bad == []


def test_the_layout_zoo_owner_texts_tokenize_and_match_as_in_spacy() -> None:
    """The zoo's papers as text and .docx (its PDFs hold the same words), the held-back
    papers' texts counted apart."""
    from test_zoo import zoo

    out = zoo.__wrapped__()  # type: ignore[attr-defined] # the zoo test's cached copy

    dev_paths: list[Path] = []
    held_paths: list[Path] = []
    for truth_file in sorted(out.glob("*.json")):
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        side = held_paths if truth["held_back"] else dev_paths
        side += [out / f"{truth['stem']}.{fmt}" for fmt in ("txt", "docx")]
    dev, held = _read(dev_paths), _read(held_paths)
    held = {text: slots for text, slots in held.items() if text not in dev}
    assert len(dev) > 500 and len(held) > 50
    bad_dev, bad_held = _differences(dev), _differences(held)
    _report("zoo owner texts", dev, held, bad_dev, bad_held)
    assert bad_dev == [] and bad_held == []


def test_the_generated_owner_cells_tokenize_and_match_as_in_spacy() -> None:
    from jarap.extract.fields import owners_in_cell
    from jarap.ingest.document import Cell, Paragraph, Run

    seen: dict[bool, Seen] = {}
    for case in owner_cases():
        with _recording() as texts:
            cell = Cell(paragraphs=[Paragraph(runs=[Run(line)]) for line in case.text.split("\n")])
            owners_in_cell(cell)
            owners.find_owners(case.text)
        side = seen.setdefault(case.held_back, {})
        for text, slots in texts.items():
            side.setdefault(text, set()).update(slots)
    dev, held = seen[False], seen[True]
    assert len(dev) > 100 and len(held) > 20
    bad_dev, bad_held = _differences(dev), _differences(held)
    _report("generated owner cells", dev, held, bad_dev, bad_held)
    assert bad_dev == [] and bad_held == []


# The parts owner texts are made of, by kind: what the random texts below are composed of.
_TITLES = [v for variants in owners._TITLES.values() for v in variants]
_PREFIXES = ["", "", "", "A/", "T/", "Acting ", "Temporary "]
_GIVEN = ["Amie", "Rich", "Kat", "Ngozi", "Siobhan", "Jean-Luc", "Ólafur", "Zoë", "Li", "J.", "A"]
_FAMILY = ["Peplow", "Bogle-Reilly", "O'Neill", "D’Arcy", "McDonald", "MacLeod", "Øberg", "Wu"]
_ROLES = ["Head of Estates", "EPAC Manager", "(Security Vetting Manager)", "HR", "ICT Lead"]
_LABELS = [
    "Person Responsible:", "Action owner –", "Lead:", "Owner -", "Strategic lead", "Led by",
    "Responsible officer", "Owners:", "lead", "OWNER:",
]  # fmt: skip
_GLUE = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\xa0", " / ", " and ", ", ", " & ", " – ", "-"]
_NOISE = [
    "31/03/2024", "Q3 2023/24", "e.g.", "etc.", "(see 2.1)", "Mr.", "Dr.", "U.K.", "don't",
    "it's", "£5k", "10:30", "http://example.org/a?b=1", ":)", "...", "—", "“quoted”", "'s",
    "No.", "#12", "5th", "w/c", "Complete.", "ongoing;", "[struck]", "Ch.", "Supt.", "P.C.",
]  # fmt: skip


def _random_owner_text(rnd: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rnd.randint(1, 6)):
        kind = rnd.random()
        if kind < 0.35:
            title = rnd.choice(_PREFIXES) + rnd.choice(_TITLES) if rnd.random() < 0.7 else ""
            name = " ".join(rnd.choice(_GIVEN) for _ in range(rnd.randint(0, 2)))
            parts.append(" ".join(p for p in (title, name, rnd.choice(_FAMILY)) if p))
        elif kind < 0.5:
            parts.append(rnd.choice(_LABELS))
        elif kind < 0.65:
            parts.append(rnd.choice(_ROLES))
        else:
            parts.append(rnd.choice(_NOISE))
        parts.append(rnd.choice(_GLUE))
    text = "".join(parts)
    return text.upper() if rnd.random() < 0.05 else text


def test_random_owner_texts_tokenize_and_match_as_in_spacy() -> None:
    """Texts composed at random from the parts above; the held-back share uses seeds the
    development runs never looked at."""
    dev = {_random_owner_text(random.Random(seed)): set() for seed in range(3000)}
    held = {_random_owner_text(random.Random(f"held-{seed}")): set() for seed in range(1000)}
    for text in list(dev) + list(held):  # every character as a struck run's start
        (dev if text in dev else held)[text] = set(range(len(text)))
    bad_dev, bad_held = _differences(dev), _differences(held)
    _report("random owner texts", dev, held, bad_dev, bad_held)
    assert bad_dev == [] and bad_held == []


def test_the_copied_tokenizer_rules_are_spacys() -> None:
    """`en_tokenizer_rules` is spaCy's own, regenerated by `tests/spacy_reference.py`."""
    from spacy_reference import tokenizer_rules

    from jarap.extract import en_tokenizer_rules as copied

    rules = tokenizer_rules()
    assert (copied.PREFIX, copied.SUFFIX, copied.INFIX, copied.URL) == (
        rules["PREFIX"],
        rules["SUFFIX"],
        rules["INFIX"],
        rules["URL"],
    )
    assert copied.SPECIAL_CASES == rules["SPECIAL_CASES"]


@pytest.mark.parametrize("text", ["", " ", "\n\n", "  Amie  ", "x" * 5000 + " Mr Amie Peplow"])
def test_edge_texts_tokenize_as_in_spacy(text: str) -> None:
    assert [(t.text, t.idx, t.space) for t in tokenize(text)] == [
        (t.text, t.idx, bool(t.whitespace_)) for t in blank_english().make_doc(text)
    ]
