"""Which recommendation of a linked audit each snapshot of a new paper continues: an assignment.

A lookup by reference fails the day a panel renumbers (`4.2` in the block years is `2` in the
table years) and a lookup by title fails when a title is reworded. So every (recommendation
so far, new snapshot) pair of one audit and one paper is scored on all it shares — title,
wording, reference, priority, first target — and the pairs are taken best first (a greedy
assignment on sorted scores), each side at most once, down to `LINK_FLOOR`. A reference only
tips the balance between pairs whose content is alike: two `Policy review`s of one audit go by
their references, and a re-audit's `1` (new wording) never continues the old audit's `1`.
A recommendation may miss papers: every recommendation of the audit is a candidate, not only
those of the paper before.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from jarap.extract.vocab import title_similarity

LINK_FLOOR = 0.55  # a pair scoring below this is not the same recommendation
REF_SAME = 0.25  # the same printed reference
REF_DIFFERENT = -0.10  # both printed, different (a renumbering costs a little)
SMALL = 0.05  # the same priority level; the same first target date
TITLE_WEIGHT = 0.6  # title against wording, when both sides print wording
TEXT_WORDS = 60  # the first words of the wording are compared (updates grow at the end)


@dataclass(frozen=True)
class Evidence:
    """What one snapshot brings to a comparison (built once per snapshot)."""

    ref: str
    title_norm: str
    text: str
    priority: str | None
    first_target: dt.date | None


_WORD = re.compile(r"[^\W_]{3,}")


@lru_cache(maxsize=1 << 14)
def text_words(text: str) -> frozenset[str]:
    """The first `TEXT_WORDS` words of three letters or more (computed only when a pair
    is compared: most audits appear in one paper and are never scored)."""
    return frozenset(_WORD.findall((text or "")[: TEXT_WORDS * 12].lower())[:TEXT_WORDS])


@lru_cache(maxsize=1 << 18)
def _title(a: str, b: str) -> float:
    return title_similarity(a, b)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def pair_score(old: Evidence, new: Evidence) -> tuple[float, str]:
    """How sure it is that `new` continues `old` (0..1), and the evidence in words."""
    title = _title(old.title_norm, new.title_norm)
    parts = [f"title {title:.2f}"]
    old_words, new_words = text_words(old.text), text_words(new.text)
    if old_words and new_words:
        text = _jaccard(old_words, new_words)
        content = TITLE_WEIGHT * title + (1 - TITLE_WEIGHT) * text
        parts.append(f"text {text:.2f}")
    else:
        content = title
    score = content
    if old.ref and new.ref:
        if old.ref == new.ref:
            score += REF_SAME
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


def assign(
    olds: Sequence[Sequence[Evidence]], news: Sequence[Evidence], floor: float = LINK_FLOOR
) -> dict[int, tuple[int, float, str]]:
    """new index -> (old index, score, evidence): each old recommendation (given by its
    snapshots so far, latest last) and each new snapshot used at most once, best pairs
    first. An old recommendation is compared through its latest two snapshots (a title
    reworded twice still matches its last printing)."""
    pairs: list[tuple[float, int, int, str]] = []
    for j, new in enumerate(news):
        for i, old in enumerate(olds):
            best = max((pair_score(o, new) for o in old[-2:]), key=lambda x: x[0])
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
