"""spaCy's English tokenizer, reproduced in a page of Python over its own rules as data.

The owner reader matched its patterns on spaCy tokens, and importing spaCy (0.6-0.8 s) was
most of what one small ingest cost. The reader only needs the tokens, so this follows
spaCy's algorithm step for step (`spacy/tokenizer.pyx`: whitespace runs, special cases,
prefixes and suffixes peeled in turn, URLs, infixes, then the special cases made of affix
tokens) over the rules copied in `en_tokenizer_rules`. `tests/test_owner_matcher_equals_spacy.py`
holds the two to identical tokens on every owner text of the samples, the zoo and the
generated forms.

The algorithm and the rules are spaCy's (Copyright (C) 2016-2024 ExplosionAI GmbH, 2016 spaCy
GmbH, 2015 Matthew Honnibal; MIT License), followed here under that licence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from jarap.extract import en_tokenizer_rules as rules

__all__ = ["MAX_LENGTH", "Token", "tokenize"]

MAX_LENGTH = 10_000_000  # what the owner reader's pipeline allowed (`nlp.max_length`)
_CACHE_LIMIT = 10_000  # whitespace-free chunks remembered, as spaCy's tokenizer cache does
_WORDS = re.compile(r"\s+|\S+")  # `\s` is `str.isspace`, the test spaCy splits on


def _is_punct(text: str) -> bool:
    """spaCy's `is_punct`: every character a Unicode punctuation one."""
    return all(unicodedata.category(char).startswith("P") for char in text)


@dataclass(frozen=True, slots=True)
class Token:
    """One token with what the owner patterns and scanner read of it."""

    text: str
    idx: int  # its first character's offset in the text
    space: bool  # one plain space follows it and is not a token of its own
    lower: str = field(init=False)
    is_space: bool = field(init=False)
    is_punct: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower", self.text.lower())
        object.__setattr__(self, "is_space", self.text.isspace())
        object.__setattr__(self, "is_punct", _is_punct(self.text))

    @property
    def end(self) -> int:
        return self.idx + len(self.text)


@dataclass(frozen=True)
class _Compiled:
    prefix: Callable[[str], re.Match[str] | None]
    suffix: Callable[[str], re.Match[str] | None]
    infixes: Callable[[str], list[re.Match[str]]]
    url: Callable[[str], re.Match[str] | None]
    # special cases made of affix tokens, by their first token: (tokens, the case's text)
    phrases: dict[str, list[tuple[tuple[str, ...], str]]]


@cache
def _compiled() -> _Compiled:
    """Compile the rules once, on the first text (~35 ms, far below spaCy's import)."""
    infix = re.compile(rules.INFIX)
    compiled = _Compiled(
        re.compile(rules.PREFIX).search,
        re.compile(rules.SUFFIX).search,
        lambda text: list(infix.finditer(text)),
        re.compile(rules.URL).match,
        {},
    )
    for chunk in rules.SPECIAL_CASES:
        # spaCy's `add_special_case` with `faster_heuristics`: only a case with an affix
        # or a space in it is also looked for across the tokens the affix rules make
        if (
            compiled.prefix(chunk)
            or compiled.infixes(chunk)
            or compiled.suffix(chunk)
            or (" " in chunk)
        ):
            words = tuple(text for text, _ in _tokenize(chunk, compiled, specials=False))
            compiled.phrases.setdefault(words[0], []).append((words, chunk))
    return compiled


def _affix_length(search: Callable[[str], re.Match[str] | None], text: str) -> int:
    match = search(text)
    return match.end() - match.start() if match is not None else 0


def _split_affixes(chunk: str, c: _Compiled, specials: bool) -> tuple[list[str], str, list[str]]:
    """Peel prefixes and suffixes until none is left or what is left is a special case."""
    special = rules.SPECIAL_CASES if specials else {}
    prefixes: list[str] = []
    suffixes: list[str] = []
    last_size = 0
    while chunk and len(chunk) != last_size:
        if chunk in special:
            break
        last_size = len(chunk)
        pre_len = _affix_length(c.prefix, chunk)
        if pre_len:
            prefix, minus_pre = chunk[:pre_len], chunk[pre_len:]
            if minus_pre and minus_pre in special:
                prefixes.append(prefix)
                return prefixes, minus_pre, suffixes
        suf_len = _affix_length(c.suffix, chunk[pre_len:])
        if suf_len:
            suffix, minus_suf = chunk[-suf_len:], chunk[:-suf_len]
            if minus_suf and minus_suf in special:
                suffixes.append(suffix)
                return prefixes, minus_suf, suffixes
        if pre_len and suf_len and pre_len + suf_len <= len(chunk):
            prefixes.append(prefix)
            suffixes.append(suffix)
            chunk = chunk[pre_len:-suf_len]
        elif pre_len:
            prefixes.append(prefix)
            chunk = minus_pre
        elif suf_len:
            suffixes.append(suffix)
            chunk = minus_suf
    return prefixes, chunk, suffixes


def _chunk_words(chunk: str, c: _Compiled, specials: bool) -> tuple[str, ...]:
    """The tokens of one whitespace-free (or all-whitespace) chunk."""
    if specials and chunk in rules.SPECIAL_CASES:
        return rules.SPECIAL_CASES[chunk]
    prefixes, middle, suffixes = _split_affixes(chunk, c, specials)
    words = prefixes
    if middle:
        if specials and middle in rules.SPECIAL_CASES:
            words += rules.SPECIAL_CASES[middle]
        elif c.url(middle):
            words.append(middle)
        else:
            start = 0
            for match in c.infixes(middle):
                if match.start() == 0:  # an infix at the very start is no split point
                    continue
                if match.start() != start:
                    words.append(middle[start : match.start()])
                if match.start() != match.end():
                    words.append(middle[match.start() : match.end()])
                start = match.end()
            if middle[start:]:
                words.append(middle[start:])
    words += reversed(suffixes)
    return tuple(words)


_CHUNKS: dict[str, tuple[str, ...]] = {}


def _tokenize(text: str, c: _Compiled, specials: bool = True) -> list[tuple[str, bool]]:
    """(token, followed by a space) pairs: spaCy's `_tokenize_affixes`. One plain space after
    a chunk belongs to the token before it; any other whitespace is a token of its own."""
    out: list[tuple[str, bool]] = []
    for match in _WORDS.finditer(text):
        chunk = match.group()
        if chunk[0] == " " and out:
            out[-1] = (out[-1][0], True)
            chunk = chunk[1:]
            if not chunk:
                continue
        words = _CHUNKS.get(chunk) if specials else None
        if words is None:
            words = _chunk_words(chunk, c, specials)
            if specials and len(_CHUNKS) < _CACHE_LIMIT:
                _CHUNKS[chunk] = words
        out += [(word, False) for word in words]
    return out


def _apply_phrases(words: list[tuple[str, bool]], c: _Compiled) -> list[tuple[str, bool]]:
    """Special cases spelt across affix tokens (`_apply_special_cases`): longest first, then
    leftmost; a span touching one already taken is dropped, and every span found marks its
    tokens taken, as spaCy's filter does."""
    found: list[tuple[int, int]] = []
    for i, (word, _) in enumerate(words):
        for phrase, _chunk in c.phrases.get(word, ()):
            end = i + len(phrase)
            if end <= len(words) and all(words[i + k][0] == part for k, part in enumerate(phrase)):
                found.append((i, end))
    if not found:
        return words
    seen: set[int] = set()
    kept: dict[int, int] = {}
    for start, end in sorted(set(found), key=lambda s: (s[1] - s[0], -s[0]), reverse=True):
        if start not in seen and end - 1 not in seen:
            kept[start] = end
        seen.update(range(start, end))
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(words):
        if i not in kept:
            out.append(words[i])
            i += 1
            continue
        end = kept[i]
        text = "".join(w + (" " if s else "") for w, s in words[i : end - 1]) + words[end - 1][0]
        case = rules.SPECIAL_CASES.get(text)
        if case is None:
            out += words[i:end]
        else:
            out += [(part, False) for part in case[:-1]] + [(case[-1], words[end - 1][1])]
        i = end
    return out


def tokenize(text: str) -> list[Token]:
    """The tokens spaCy's blank English tokenizer (hyphenated words kept whole) makes."""
    if len(text) > MAX_LENGTH:
        raise ValueError(f"text of {len(text)} characters is over {MAX_LENGTH}")
    c = _compiled()
    tokens: list[Token] = []
    idx = 0
    for word, space in _apply_phrases(_tokenize(text, c), c):
        tokens.append(Token(word, idx, space))
        idx += len(word) + space
    return tokens
