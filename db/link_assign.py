"""Which recommendation of a linked audit each snapshot of a new paper continues: an assignment.

A lookup by reference fails the day a panel renumbers (`4.2` in the block years is `2` in the
table years) and a lookup by title fails when a title is reworded. So every (recommendation
so far, new snapshot) pair of one audit and one paper is scored on all it shares — title,
wording, reference, priority, first target — and the pairs are taken best first (a greedy
assignment on sorted scores), each side at most once, down to `LINK_FLOOR`. A reference only
tips the balance between pairs whose content is alike: two `Policy review`s of one audit go by
their references, and a re-audit's `1` (new wording) never continues the old audit's `1`.
Where a paper renumbered the audit, a reference kept counts only as far as the wording agrees:
the recommendation now printed `4.1`, reworded, continues its own wording, not the `4.1` of
the paper before.
A recommendation may miss papers: every recommendation of the audit is a candidate, not only
those of the paper before.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from jarap.extract.vocab import TITLE_WORDS, first_sentence, first_words, title_similarity

LINK_FLOOR = 0.55  # a pair scoring below this is not the same recommendation
REF_SAME = 0.25  # the same printed reference
REF_DIFFERENT = -0.10  # both printed, different (a renumbering costs a little)
SMALL = 0.05  # the same priority level; the same first target date
TITLE_WEIGHT = 0.6  # title against wording, when both sides print wording
TEXT_WORDS = 60  # the first words of the wording are compared (updates grow at the end)
# title and wording this much more alike under another reference than under the same one:
# the paper renumbered the audit
RENUMBERED_MARGIN = 0.05


@dataclass(frozen=True)
class Evidence:
    """What one snapshot brings to a comparison (built once per snapshot)."""

    ref: str
    title_norm: str
    text: str
    priority: str | None
    first_target: dt.date | None
    titled: bool = True  # False: no title printed, the reader named it by its text's first words


_WORD = re.compile(r"[^\W_]{3,}")


@lru_cache(maxsize=1 << 14)
def text_words(text: str) -> frozenset[str]:
    """The first `TEXT_WORDS` words of three letters or more (computed only when a pair
    is compared: most audits appear in one paper and are never scored)."""
    return frozenset(_WORD.findall((text or "")[: TEXT_WORDS * 12].lower())[:TEXT_WORDS])


@lru_cache(maxsize=1 << 18)
def _title(a: str, b: str) -> float:
    return title_similarity(a, b)


def named_by_text(title: str | None, text: str | None) -> bool:
    """Whether a recommendation's title is only its text's first words, as a reader names a
    recommendation printed without a title (the 2013–16 appendix: `first_words`, cut from a
    longer first sentence). Such a title says nothing the text does not, and nothing like a
    printed title (`Monthly Register`) of the same recommendation in a later layout. A
    printed title the text begins with (`Performance Indicators for the … Team should be
    developed.`, `Policy Review. The Force should …`) is no such cut."""
    if not title or not text or len(title.split()) != TITLE_WORDS:
        return False  # (most titles: a cut is always `TITLE_WORDS` words long)
    sentence = first_sentence(text).split()
    return len(sentence) > TITLE_WORDS and " ".join(title.split()) == first_words(text)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def content_score(old: Evidence, new: Evidence) -> tuple[float, float, list[str]]:
    """(how alike the title and wording are, how far the wording alone agrees, the evidence
    in words); a title named by its text's first words is the text again, so there the
    wording alone decides."""
    title = _title(old.title_norm, new.title_norm)
    parts = [f"title {title:.2f}"]
    old_words, new_words = text_words(old.text), text_words(new.text)
    if not (old_words and new_words):
        return title, 1.0, parts  # nothing to say against a shared reference
    text = _jaccard(old_words, new_words)
    parts.append(f"text {text:.2f}")
    weight = TITLE_WEIGHT if old.titled and new.titled else 0.0
    return weight * title + (1 - weight) * text, text, parts


def pair_score(old: Evidence, new: Evidence, renumbered: bool = False) -> tuple[float, str]:
    """How sure it is that `new` continues `old` (0..1), and the evidence in words. Where
    the paper renumbered the audit (`renumbered`), a reference kept may have been handed on
    to another recommendation: it then counts only as far as the wording agrees."""
    content, agree, parts = content_score(old, new)
    score = content
    if old.ref and new.ref:
        if old.ref == new.ref:
            score += REF_SAME * (agree if renumbered else 1.0)
            parts.append(f"ref {new.ref}")
        else:
            score += REF_DIFFERENT
            parts.append(f"ref {old.ref}->{new.ref}")
    if old.priority and old.priority == new.priority:
        score += SMALL
    if old.first_target and old.first_target == new.first_target:
        score += SMALL
        parts.append("same first target")
    return round(max(0.0, min(1.0, score)), 3), ", ".join(parts)


def renumbered(olds: Sequence[Sequence[Evidence]], news: Sequence[Evidence]) -> bool:
    """Whether the new paper renumbered the audit: a new snapshot whose title and wording are
    plainly more like a recommendation printed under another reference (by
    `RENUMBERED_MARGIN`, and at least `LINK_FLOOR`) than like the one its reference named."""
    for new in news:
        if not new.ref:
            continue
        same = other = 0.0
        for old in olds:
            content = max(content_score(o, new)[0] for o in old[-2:])
            if old[-1].ref == new.ref:
                same = max(same, content)
            elif old[-1].ref:
                other = max(other, content)
        if other >= LINK_FLOOR and other > same + RENUMBERED_MARGIN:
            return True
    return False


def assign(
    olds: Sequence[Sequence[Evidence]], news: Sequence[Evidence], floor: float = LINK_FLOOR
) -> dict[int, tuple[int, float, str]]:
    """new index -> (old index, score, evidence): each old recommendation (given by its
    snapshots so far, latest last) and each new snapshot used at most once, best pairs
    first. An old recommendation is compared through its latest two snapshots (a title
    reworded twice still matches its last printing)."""
    moved = renumbered(olds, news)
    pairs: list[tuple[float, int, int, str]] = []
    for j, new in enumerate(news):
        for i, old in enumerate(olds):
            best = max((pair_score(o, new, moved) for o in old[-2:]), key=lambda x: x[0])
            if best[0] >= floor:
                pairs.append((best[0], -i, j, best[1]))
    pairs.sort(key=lambda p: (-p[0], -p[1], p[2]))  # ties: the earlier recommendation
    taken_old: set[int] = set()
    out: dict[int, tuple[int, float, str]] = {}
    for score, neg_i, j, why in pairs:
        i = -neg_i
        if i in taken_old or j in out:
            continue
        taken_old.add(i)
        out[j] = (i, score, why)
    return out
