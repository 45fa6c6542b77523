"""Whether a PDF page's text layer can be read at all, judged per page by meaning.

A page can look perfect and still carry text no reader can use. Printing through
PostScript (``pdftops`` then ``ps2pdf``) re-embeds the fonts without a Unicode map, so every
glyph decodes to its raw code; a font with a private encoding decodes to the wrong letters.
Reading such a page as text gives "no known layout" and no hint why; the page must be OCR'd
instead. Three signs, each stated by what it means, not by any one paper's wording:

- **glyphs that decode to nothing readable**: a glyph of a font without a Unicode map comes
  out as its raw code (pdfminer writes ``(cid:12)``, PDFium a control code point), or as a
  private-use code point that is no known symbol bullet, or as U+FFFD;
- **words that are not words**: among the page's tokens made of letters, too few look like
  words of a Latin-script language (letters only, an inner apostrophe or hyphen allowed,
  a vowel in any lower-case word longer than three letters; an all-capital token is an
  acronym, so it counts as a word);
- **letter pairs that prose does not make**: in English prose the fifty commonest letter
  pairs (``th``, ``he``, ``in`` …) are about half of all pairs inside words (0.46 at the
  least on any page-sized stretch of the samples); text whose letters were substituted by a
  private encoding keeps the shape of its words but not their pairs (0.22 at the most over
  300 random substitutions: tests/test_text_layer.py).

Both backends hand the same glyph texts up to these tests, so they agree on a verdict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Symbol and Wingdings bullets are private-use code points that do mean something.
from jarap.ingest.pdf_layout import SYMBOL_GLYPHS

# A page is unreadable when this share of its glyphs decodes to nothing readable …
BAD_GLYPH_SHARE = 0.2
# … or when fewer than this share of its letter tokens look like words …
WORD_SHARE = 0.6
# … or when the commonest letter pairs of English prose are less than this share of its
# letter pairs (prose: 0.46 and up; substituted letters: 0.22 and down).
COMMON_PAIR_SHARE = 0.33
# (commonest first)
COMMON_PAIR_LIST = (
    "th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le "
    "ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur".split()
)
COMMON_PAIRS = frozenset(COMMON_PAIR_LIST)
# Fewer glyphs, tokens or pairs than these are too little evidence to call a page unreadable.
MIN_GLYPHS = 20
MIN_TOKENS = 10
MIN_PAIRS = 100
# A page's first this many characters of text, and glyphs, are evidence enough (and keep
# the check cheap: it runs on every page).
EVIDENCE = 600
GLYPH_EVIDENCE = 800
WORD_EVIDENCE = 80
# Tokens whose judgement is remembered: a paper repeats its words from page to page, and a
# cache hit is a C-level lookup where judging a token costs a dozen Python-level tests.
TOKEN_MEMO = 8192

VOWELS = frozenset("aeiouyàáâäèéêëìíîïòóôöùúûüAEIOUYÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜ")
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’\-][A-Za-zÀ-ÿ]+)*")
_EDGE_PUNCT = "()[]{}\"'“”‘’.,;:!?*•–-/"
# bytes a-z kept, every other byte a space
_LOWER_ONLY = bytes(b if 97 <= b <= 122 else 32 for b in range(256))
_COMMON_PAIR_BYTES = tuple(p.encode() for p in COMMON_PAIR_LIST)  # commonest first


def _private_use_ranges(keep: frozenset[str]) -> str:
    """The private-use area U+E000-U+F8FF less the code points in ``keep``, as a character
    class body."""
    out: list[str] = []
    start = 0xE000
    for cp in sorted(ord(k) for k in keep if 0xE000 <= ord(k) <= 0xF8FF):
        if cp > start:
            out.append(f"{chr(start)}-{chr(cp - 1)}")
        start = cp + 1
    out.append(f"{chr(start)}-{chr(0xF8FF)}")
    return "".join(out)


# A glyph that decodes to no character a reader can use: a control code point, a
# private-use one that is no symbol bullet, U+FFFD, or pdfminer's ``(cid:N)``.
_BAD = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd"
    + _private_use_ranges(frozenset(SYMBOL_GLYPHS))
    + "]|\\(cid:\\d+\\)"
)


_CID = re.compile(r"\(cid:\d+\)")


def bad_glyph(text: str) -> bool:
    """A glyph that decodes to no character a reader can use."""
    return _BAD.search(text) is not None


def looks_like_word(token: str) -> bool:
    """A token of letters as a word of prose is spelt (see the module's rules); words
    joined by a slash (``C/Supt``) are judged apart, and a code with digits (``P3``,
    ``31st``) is a word."""
    if "/" in token:
        return all(looks_like_word(part) for part in token.split("/") if part)
    if not token.isalpha() and any(ch.isdigit() for ch in token):  # (most tokens: letters)
        return token.isalnum()
    if not (token.isascii() and token.isalpha()) and not _WORD.fullmatch(token):
        return False  # (letters a-z only need no pattern: most tokens, at a tenth the cost)
    if token.isupper() or len(token) <= 3:
        return True
    if not (token.islower() or token[0].isupper() and token[1:].islower()):
        return False  # mixed case inside a word: "sROOlfh"
    return not VOWELS.isdisjoint(token)


NO_LETTER, WORD, NOT_WORD = 0, 1, 2


@lru_cache(maxsize=TOKEN_MEMO)
def token_kind(token: str) -> int:
    """One whitespace-delimited token, its edge punctuation stripped: no letter in it
    (not evidence), a word, or letters that are not a word."""
    token = token.strip(_EDGE_PUNCT)
    if not token.isalpha() and not any(map(str.isalpha, token)):
        return NO_LETTER
    return WORD if looks_like_word(token) else NOT_WORD


@dataclass(frozen=True)
class Verdict:
    """Why one page's text layer cannot be read."""

    page: int
    reason: str


def page_verdict(page: int, glyphs: Iterable[str], text: str) -> Verdict | None:
    """The reason page ``page`` is unreadable, or None when its text can be used.

    ``glyphs`` are the texts of its drawn glyphs, ``text`` its words as the layout joined
    them (spaces from geometry, so letter-spaced text is not mistaken for garbage). Counts
    are of code points (a ligature glyph is two), in C-level string calls: this runs for
    every page of every PDF."""
    drawn = "".join(glyphs)[:GLYPH_EVIDENCE]
    if "(cid:" in drawn:
        drawn = _CID.sub("\x00", drawn)  # one code point per glyph
    inked = len(drawn) - sum(map(drawn.count, " \t\n\r\xa0"))
    if inked >= MIN_GLYPHS:
        # a printable text holds no control or private-use code point (most pages: one C
        # loop instead of the pattern's per-character cost); U+FFFD is printable
        clean = drawn.replace("\xa0", " ").isprintable() and "\ufffd" not in drawn
        bad = 0 if clean else len(_BAD.findall(drawn))
        if bad >= BAD_GLYPH_SHARE * inked:
            return Verdict(
                page,
                f"{bad} of {inked} glyphs decode to no readable character "
                "(a font without a Unicode map)",
            )
    text = text[:EVIDENCE]
    kinds = list(map(token_kind, text.split(maxsplit=WORD_EVIDENCE)[:WORD_EVIDENCE]))
    lettered = len(kinds) - kinds.count(NO_LETTER)
    if lettered >= MIN_TOKENS:
        words = kinds.count(WORD)
        if words < WORD_SHARE * lettered:
            return Verdict(page, f"only {words} of {lettered} words look like words (garbled text)")
    # runs of a-z as bytes, everything else a space (a table lookup per byte, where a
    # regex costs a few hundred instructions per character); a pair lies inside one run
    runs = text.lower().encode("ascii", "replace").translate(_LOWER_ONLY).split()
    pairs = sum(map(len, runs)) - len(runs)
    if pairs >= MIN_PAIRS:
        letters = b" ".join(runs)
        # counted commonest first, and only until there are enough: prose passes after
        # about half of them (each count is a scan of the text: most of the check's cost)
        need, common = COMMON_PAIR_SHARE * pairs, 0
        for count in map(letters.count, _COMMON_PAIR_BYTES):
            common += count
            if common >= need:
                break
        else:
            return Verdict(
                page,
                f"only {common / pairs:.0%} of its letter pairs are common in prose "
                "(a substituted encoding)",
            )
    return None


def page_ranges(pages: Iterable[int]) -> str:
    """``1-3, 5`` for pages 1, 2, 3 and 5."""
    out: list[str] = []
    run: list[int] = []
    for p in sorted(set(pages)):
        if run and p == run[-1] + 1:
            run.append(p)
            continue
        if run:
            out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [p]
    if run:
        out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
    return ", ".join(out)


OCR_REMEDY = "OCR it: pip install 'jarap-archive[ocr]' and the system package tesseract-ocr"
