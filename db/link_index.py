"""Candidate blocking for the linker: which audits a title could possibly match.

Comparing every audit title with every other is quadratic (1,000 papers with distinct
audits took 230 s, 92% in `SequenceMatcher.ratio`). `audit_title_score` only matches two
titles that are equal, alias or initials of one another, where one's words are contained
in the other's (sharing a word that is not generic), or whose difflib ratio is at least
0.85. Each rule gives keys here, and a title is only scored against audits sharing a key:

- `n:`/`a:` the normalised title and its bracketed aliases (exact and acronym rules);
- `i:` a multi-word title's initials, looked up by a one-word title (and the reverse);
- `w:` each non-generic word (containment: the shorter title keeps such a word);
- `p:` the first three letters of each non-generic word, `g:` of every word of a title
  made only of generic words (ratio: titles that close share a word's start; a typo in
  the first three letters of every word is the one case this gives up).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet

ANY_MONTH = "*"


def _specific(words: list[str], generic: AbstractSet[str]) -> list[str]:
    return [w for w in words if w not in generic]


def index_keys(
    norm: str, aliases: Iterable[str], words: list[str], initials: str, generic: AbstractSet[str]
) -> set[str]:
    """The keys a title is filed under."""
    keys = {f"n:{norm}"} | {f"a:{a}" for a in aliases}
    if " " in norm and len(initials) >= 2:
        keys.add(f"i:{initials}")
    specific = _specific(words, generic)
    keys |= {f"w:{w}" for w in specific} | {f"p:{w[:3]}" for w in specific}
    if not specific:
        keys |= {f"g:{w[:3]}" for w in norm.split()}
    return keys


def query_keys(
    norm: str, aliases: Iterable[str], words: list[str], initials: str, generic: AbstractSet[str]
) -> set[str]:
    """The keys to look a title up under: every key a matching title may be filed under."""
    aliases = set(aliases)
    keys = {f"n:{norm}", f"a:{norm}"} | {f"n:{a}" for a in aliases} | {f"a:{a}" for a in aliases}
    if " " not in norm and len(norm) >= 2:
        keys.add(f"i:{norm}")
    if len(initials) >= 2:
        keys.add(f"n:{initials}")
    specific = _specific(words, generic)
    keys |= {f"w:{w}" for w in specific} | {f"p:{w[:3]}" for w in specific}
    everything = {w[:3] for w in norm.split()}
    keys |= {f"g:{p}" for p in everything}
    if not specific:
        keys |= {f"p:{p}" for p in everything}
    return keys


class AuditIndex:
    """Audits (by their position in the linker's list) filed by series, month and key: a
    title is only ever a candidate for audits of its own series (the publishing panel)."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str, str], set[int]] = defaultdict(set)

    def add(self, audit: int, month: str, keys: set[str], series: str = "") -> None:
        for key in keys:
            self._by_key[(series, month, key)].add(audit)
            self._by_key[(series, ANY_MONTH, key)].add(audit)

    def candidates(self, month: str, keys: set[str], series: str = "") -> list[int]:
        """Audits of `series` that may match, in the order they were created (ties go to
        the first)."""
        found: set[int] = set()
        for key in keys:
            found |= self._by_key.get((series, month, key), set())
        return sorted(found)
