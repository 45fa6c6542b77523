"""References, ditto marks and titles: `ref title`, how alike two printings of a title are,
and the short forms of audit names. Re-exported by `vocab`."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from jarap.extract.vocab_dates import month_number

# -- references and ditto marks ------------------------------------------------------------

DITTO = frozenset({"“", "”", '"', "''", "``", "〃", "-do-", "ditto"})

# `4.2 Title`, `1. Title`, `3 Title`, `1.Records management` (no space after the dot, where a
# word follows): a reference of one or two numbers, then the title
REF_TITLE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})?)(?:\.?\s+|\.(?=[A-Za-z]))(\S.{1,150})$", re.S)
_DITTO_LEAD = re.compile(r"^\s*(?:[“”\"〃]|''|``)")


def is_ditto(text: str) -> bool:
    """A ditto mark (the audit of the row above), also when a converter glued stray cell
    text to it (`“ “ I I`, `“ End`): a mark followed by no more than a few letters."""
    flat = " ".join(text.split())
    if flat in DITTO:
        return True
    m = _DITTO_LEAD.match(flat)
    if not m:
        return False
    rest = re.sub(r"[“”\"〃'`]", "", flat[m.end() :])
    return len(rest.replace(" ", "")) <= 4


_REF_ALONE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})?)\.?\s*$")
_REF_LAST = re.compile(r"^(\S.*?)\s+(\d{1,2}\.\d{1,2})\.?$")


_ORDINAL = re.compile(r"^(?:st|nd|rd|th)\b", re.I)


def _is_day_date(ref: str, title: str) -> bool:
    """`27 th Aug 2024`, `3 March 2024`: a day of the month and its month, not a reference
    and a title (a date table nested in a cell, a superscript ordinal read apart)."""
    if not ref.isdigit() or not 1 <= int(ref) <= 31:
        return False
    words = _ORDINAL.sub("", title).split()
    return bool(words) and month_number(words[0]) is not None


def split_ref_title(text: str) -> tuple[str, str] | None:
    """`4.2 Contractor Key Register` -> ("4.2", "Contractor Key Register"); None without a ref,
    and None for a line that opens with a day date (`27 th Aug 2024`)."""
    flat = text.strip()
    m = REF_TITLE.match(flat)
    if not m or len(m.group(2)) > 150:
        return None
    dotted = flat[m.end(1) : m.end(1) + 1] == "."  # `1. May Day Planning` is a reference
    if not dotted and _is_day_date(m.group(1), m.group(2)):
        return None
    return m.group(1), " ".join(m.group(2).split())


def ref_and_title(text: str) -> tuple[str, str] | None:
    """Like `split_ref_title`, also reading `Title 4.2` (the 2016–20 papers print either)."""
    flat = " ".join(text.split())
    found = split_ref_title(flat)
    if found:
        return found
    m = _REF_LAST.match(flat)
    return (m.group(2), m.group(1)) if m else None


def split_ref(text: str) -> tuple[str | None, str | None]:
    """A cell holding a reference, a reference and title, or a title alone."""
    flat = " ".join(text.split())
    found = split_ref_title(flat)
    if found:
        return found
    m = _REF_ALONE.match(flat)
    if m:
        return m.group(1), None
    return None, flat or None


# -- titles --------------------------------------------------------------------------------

# short forms of title words, as clerks print them: expanded before two titles are compared
ABBREVIATIONS: dict[str, str] = {
    "MGMT": "MANAGEMENT",
    "MGT": "MANAGEMENT",
    "MNGT": "MANAGEMENT",
    "MGMNT": "MANAGEMENT",
    "DEPT": "DEPARTMENT",
    "DEPTS": "DEPARTMENTS",
    "GOVT": "GOVERNMENT",
    "ADMIN": "ADMINISTRATION",
    "INFO": "INFORMATION",
    "ORG": "ORGANISATION",
    "PROC": "PROCUREMENT",
}

TITLE_WORDS = 8  # an untitled recommendation is named by this many words of its text


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.;:])\s", text, maxsplit=1)[0]


def first_words(text: str) -> str:
    """The first words of a text's first sentence: the title of a recommendation printed
    without one (stable across papers as long as the auditor's wording is). The reader
    names such a recommendation by it and the linker recognises such a name: here, where
    both import it without the other's rules."""
    sentence = first_sentence(text)
    return " ".join(sentence.split()[:TITLE_WORDS]).rstrip(".,;:")


TITLE_STOP = frozenset({"AND", "OF", "THE", "FOR", "IN", "ON", "TO", "A"})


def normalise_title(title: str) -> str:
    """Upper case, `&` as AND, no brackets or punctuation: what two printings of one title share."""
    t = title.upper().replace("&", " AND ")
    t = re.sub(r"\([^)]*\)", " ", t)  # "(GDPR)"
    t = re.sub(r"[^A-Z0-9]+", " ", t)
    return " ".join(t.split())


def title_words(norm: str) -> set[str]:
    return {w for w in norm.split() if w not in TITLE_STOP}


def word_overlap(a: str | None, b: str | None) -> float:
    """Shared words over all words (Jaccard) of two titles as printed, stop words ignored."""
    wa, wb = title_words(normalise_title(a or "")), title_words(normalise_title(b or ""))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def title_similarity(a: str, b: str, floor: float = 0.0) -> float:
    """How alike two normalised titles are (0..1): the better of shared words and spelling.

    With a `floor`, a score below it is 0.0, and the cheap upper bounds of difflib skip the
    full ratio of pairs that cannot reach it (the linker compares thousands of pairs)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    wa, wb = title_words(a), title_words(b)
    overlap = len(wa & wb) / max(1, len(wa | wb))
    matcher = SequenceMatcher(None, a, b)
    bound = floor - 0.0005  # scores are rounded to 3 places before the comparison
    if overlap < bound and (matcher.real_quick_ratio() < bound or matcher.quick_ratio() < bound):
        return 0.0
    score = round(max(matcher.ratio(), overlap), 3)
    return score if score >= floor else 0.0


SAME_TITLE = 0.6  # word overlap at which two printings name the same recommendation


def same_title(a: str | None, b: str | None) -> bool:
    return word_overlap(a, b) >= SAME_TITLE


def same_audit(short: str, title: str) -> bool:
    """Whether a cover table's audit name (`FLEET`, `Fleet Mgmt`, `HR Recruitment`, `GDPR`)
    names this audit: the same words, a part of them, or a short form of them."""
    a, b = normalise_title(short), normalise_title(title)
    if not a:
        return True
    if f" {a} " in f" {b} " or f" {b} " in f" {a} " or SequenceMatcher(None, a, b).ratio() >= 0.85:
        return True
    bracketed = {normalise_title(m) for m in re.findall(r"\(([^)]*)\)", title)}
    return a in bracketed or _short_form(a.split(), b.split())


def _abbreviates(short: str, word: str) -> bool:
    """`PROC` of PROCUREMENT (its start), `MGMT` of MANAGEMENT (its letters in order, first
    and last kept)."""
    if short == word or (len(short) >= 3 and word.startswith(short)):
        return True
    if len(short) < 3 or short[0] != word[0] or short[-1] != word[-1]:
        return False
    rest = iter(word)
    return all(letter in rest for letter in short)


def _short_form(short: list[str], words: list[str]) -> bool:
    """Every word of the short name stands, in order, for a word of the title or for the
    initials of a run of its words (`HR` for HUMAN RESOURCES)."""
    words = [w for w in words if w not in TITLE_STOP]
    short = [w for w in short if w not in TITLE_STOP]
    i = 0
    for part in short:
        for j in range(i, len(words)):
            if _abbreviates(part, words[j]):
                i = j + 1
                break
            n = len(part)
            if 2 <= n <= 5 and "".join(w[0] for w in words[j : j + n]) == part:
                i = j + n
                break
        else:
            return False
    return bool(short)
