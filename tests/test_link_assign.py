"""The recommendation assignment within one audit (db/link_assign.py), over every way a
later paper can print an earlier recommendation: references kept, renumbered, shifted by a
closed one, dropped; titles kept or reworded; generic titles shared by two of them."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from jarap.db.link_assign import Evidence, assign, named_by_text
from jarap.extract.vocab import normalise_title
from jarap.extract.vocab_titles import first_words

WORDS = ["ledger", "supplier", "vehicle", "custody", "overtime", "register", "monthly",
         "board", "invoice", "approval", "licence", "fuel", "asset", "training", "evidence",
         "rota"]  # fmt: skip


def _rec(rnd: random.Random, ref: str, title: str) -> Evidence:
    text = "The Force should " + " ".join(rnd.sample(WORDS, 10))
    target = dt.date(2020, rnd.randint(1, 12), 28)
    return Evidence(ref, normalise_title(title), text, rnd.choice(["high", "low"]), target)


def _reword(title: str) -> str:
    return f"Arrangements for the {title}"


CASES = list(
    itertools.product(["kept", "renumbered", "shifted", "dropped"], [False, True], [False, True])
)


@pytest.mark.parametrize(("refs", "reworded", "untitled"), CASES)
@pytest.mark.parametrize("seed", range(8))
def test_each_later_printing_continues_its_own_recommendation(
    refs: str, reworded: bool, untitled: bool, seed: int
) -> None:
    """`untitled`: the earlier paper printed no titles (the 2013–16 appendix), so each was
    named by its text's first words; the later one prints titles."""
    rnd = random.Random(seed)
    n = rnd.randint(3, 6)
    titles = ["Policy Review"] + [f"{w.title()} {v.title()}" for w, v in zip(
        rnd.sample(WORDS, n - 1), rnd.sample(WORDS, n - 1), strict=True)]  # fmt: skip
    old = [_rec(rnd, f"4.{i + 1}", t) for i, t in enumerate(titles)]
    if untitled:
        old = [
            Evidence(f"{i + 1}.{i + 2}", normalise_title(first_words(o.text)), o.text,
                     o.priority, o.first_target, titled=False)
            for i, o in enumerate(old)
        ]  # fmt: skip
        titles = [normalise_title(t) for t in titles]
    closed = rnd.randrange(n)  # one is gone from the later paper
    later: list[tuple[int, Evidence]] = []
    for k, i in enumerate(i for i in range(n) if i != closed):
        o = old[i]
        ref = {"kept": o.ref, "renumbered": str(i + 1), "shifted": str(k + 1), "dropped": ""}[refs]
        title = normalise_title(titles[i]) if untitled else o.title_norm
        if reworded and refs != "dropped" and i % 2:
            title = normalise_title(_reword(title))
        later.append((i, Evidence(ref, title, o.text, o.priority, o.first_target)))
    found = assign([[o] for o in old], [e for _i, e in later])
    assert {j: found[j][0] for j in found} == {j: i for j, (i, _e) in enumerate(later)}


def test_a_new_recommendation_with_a_reused_reference_starts_its_own() -> None:
    rnd = random.Random(1)
    old = [_rec(rnd, "1", "Supplier Approval")]
    # a re-audit's own 1: another title, other wording
    text = "Stock counts at each store must be witnessed by a second member of staff"
    fresh = Evidence("1", normalise_title("Evidence Rota"), text, "high", None)
    assert assign([old], [fresh]) == {}


@pytest.mark.parametrize("seed", range(4))
def test_only_a_title_cut_from_its_text_is_named_by_text(seed: int) -> None:
    """A reader's name for an untitled recommendation (its text's first eight words) is
    told from a printed title the text happens to begin with."""
    rnd = random.Random(seed)
    for _ in range(50):
        words = rnd.sample(WORDS, rnd.randint(3, 14))
        text = " ".join(words).capitalize() + ". Then " + " ".join(rnd.sample(WORDS, 5)) + "."
        title = " ".join(text.split()[: rnd.randint(1, 4)]).rstrip(".")
        assert not named_by_text(title, text)  # a printed title the text begins with
        assert named_by_text(first_words(text), text) == (len(words) > 8)
        assert not named_by_text(first_words(text), "Another text entirely, " + text)
