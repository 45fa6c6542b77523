"""Token patterns in spaCy's `entity_ruler` format, matched without spaCy.

The owner reader states its patterns once, as ruler data (`owners.ruler_patterns`); spaCy's
ruler is kept only as the reference the tests hold this one to. Only what those patterns use
is supported, and anything else is refused when the ruler is built rather than silently
matched differently: `ORTH`, `LOWER`, `TEXT` as a string, `{"REGEX": ...}` (a search, as
spaCy's) or `{"IN": [...]}`, and the `"?"` operator. Every way a pattern can match is found,
and then spaCy's ruler choice is made: longest first, then leftmost, a match touching one
already taken dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from jarap.extract.en_tokenizer import Token

__all__ = ["Entity", "Ruler"]

_Test = Callable[[Token], bool]


@dataclass(frozen=True)
class Entity:
    start: int  # first token
    end: int  # one past the last token
    label: str
    ent_id: str  # the pattern's "id", "" when it has none


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _text_is(value: str) -> _Test:
    return lambda t: t.text == value


def _lower_is(value: str) -> _Test:
    return lambda t: t.lower == value


def _text_searched(pattern: str) -> _Test:
    search = _regex(pattern).search
    return lambda t: search(t.text) is not None


def _text_in(values: Iterable[str]) -> _Test:
    members = frozenset(values)
    return lambda t: t.text in members


def _test(spec: Mapping[str, Any]) -> _Test:
    """One token's predicate from its spec; a key this matcher does not know is an error."""
    tests: list[_Test] = []
    for key, value in spec.items():
        if key == "OP":
            if value != "?":
                raise ValueError(f"unsupported operator {value!r}")
        elif key == "ORTH" or (key == "TEXT" and isinstance(value, str)):
            tests.append(_text_is(value))
        elif key == "LOWER" and isinstance(value, str):
            tests.append(_lower_is(value))
        elif key == "TEXT" and set(value) == {"REGEX"}:
            tests.append(_text_searched(value["REGEX"]))
        elif key == "TEXT" and set(value) == {"IN"}:
            tests.append(_text_in(value["IN"]))
        else:
            raise ValueError(f"unsupported token spec {key}: {value!r}")
    if len(tests) == 1:
        return tests[0]
    return lambda t: all(test(t) for test in tests)


@dataclass(frozen=True)
class _Pattern:
    label: str
    ent_id: str
    steps: tuple[tuple[_Test, bool], ...]  # (test, optional)

    def ends(self, tokens: Sequence[Token], start: int) -> set[int]:
        """Every end a match from `start` can reach (each optional token taken or not)."""
        here = {start}
        for test, optional in self.steps:
            nxt = {i + 1 for i in here if i < len(tokens) and test(tokens[i])}
            here = nxt | here if optional else nxt
            if not here:
                break
        return {end for end in here if end > start}


class Ruler:
    """Patterns indexed by their first token, which must be one fixed `ORTH` or `LOWER`
    (so a text holding none of those first tokens is passed over at once)."""

    def __init__(self, patterns: Iterable[Mapping[str, Any]]) -> None:
        self.by_orth: dict[str, list[_Pattern]] = {}
        self.by_lower: dict[str, list[_Pattern]] = {}
        for entry in patterns:
            specs = entry["pattern"]
            first = specs[0]
            steps = tuple((_test(spec), spec.get("OP") == "?") for spec in specs)
            pattern = _Pattern(entry["label"], str(entry.get("id", "")), steps)
            if set(first) == {"ORTH"}:
                self.by_orth.setdefault(first["ORTH"], []).append(pattern)
            elif set(first) == {"LOWER"}:
                self.by_lower.setdefault(first["LOWER"], []).append(pattern)
            else:
                raise ValueError("every pattern must start with one ORTH or LOWER token")

    def __call__(self, tokens: Sequence[Token]) -> list[Entity]:
        """The entities spaCy's ruler would set, in token order."""
        matches: set[tuple[int, int, str, str]] = set()
        for i, token in enumerate(tokens):
            for pattern in (*self.by_orth.get(token.text, ()), *self.by_lower.get(token.lower, ())):
                for end in pattern.ends(tokens, i):
                    matches.add((i, end, pattern.label, pattern.ent_id))
        taken: set[int] = set()
        chosen: list[Entity] = []
        for start, end, label, ent_id in sorted(
            matches, key=lambda m: (m[0] - m[1], m[0], m[2], m[3])
        ):
            if start not in taken and end - 1 not in taken:
                chosen.append(Entity(start, end, label, ent_id))
                taken.update(range(start, end))
        return sorted(chosen, key=lambda e: e.start)
