"""How serious: priority words and scales (levels, letters, numbers, a colour printed before
the word), and the assurance opinions an audit report gives. Re-exported by `vocab`."""

from __future__ import annotations

import re

from jarap.extract.vocab_status import RAG_WORD

# -- assurance opinions --------------------------------------------------------------------

# the opinion an audit report gives, as printed -> its level on one scale (4 best); an
# audit heading prints one with `assurance` or `opinion` after it
ASSURANCE_OPINIONS: dict[str, int] = {
    "full": 4, "substantial": 4, "significant": 3, "reasonable": 3, "adequate": 3,
    "satisfactory": 3, "moderate": 2, "partial": 2, "limited": 1, "unsatisfactory": 1,
    "minimal": 0, "no": 0, "nil": 0,
}  # fmt: skip
_OPINION_ALTERNATION = "|".join(sorted(ASSURANCE_OPINIONS, key=len, reverse=True))
OPINION_WORD = rf"(?:{_OPINION_ALTERNATION})"
# `Limited Assurance`, `MODERATE OPINION`, `Reasonable assurance`: the opinion as printed
ASSURANCE_RE = re.compile(rf"\b({OPINION_WORD}\s+(?:ASSURANCE|OPINION))\b", re.I)


def opinion_level(text: str | None) -> int | None:
    """`Limited Assurance` -> 1; None when the text gives no opinion."""
    m = ASSURANCE_RE.search(text or "")
    return ASSURANCE_OPINIONS[m.group(1).split()[0].lower()] if m else None


# -- priorities ----------------------------------------------------------------------------

# every priority word the papers print -> its level (interchange `priority_level`); the word
# itself is kept as printed (`priority`). Scales seen: Critical / High / Medium / Low;
# Fundamental / Significant / Housekeeping / Merits attention; Major / Moderate / Minor;
# Essential / Important / Desirable.
PRIORITY_LEVELS: dict[str, str] = {
    "critical": "high", "fundamental": "high", "high": "high", "major": "high",
    "essential": "high",
    "significant": "medium", "medium": "medium", "moderate": "medium", "important": "medium",
    "housekeeping": "low", "low": "low", "minor": "low", "desirable": "low",
    "merits attention": "low",
}  # fmt: skip
PRIORITY_WORDS = (
    "Fundamental", "Significant", "Housekeeping", "Critical", "High", "Medium", "Low",
    "Major", "Moderate", "Minor", "Essential", "Important", "Desirable", "Merits attention",
)  # fmt: skip
# the scales by name, each most urgent first: a spec names the scales its papers print, so
# a cue or heading pattern matches those words and no others
PRIORITY_SCALES: dict[str, tuple[str, ...]] = {
    "fundamental": ("Fundamental", "Significant", "Housekeeping"),
    "high": ("High", "Medium", "Low"),
    "critical": ("Critical", "High", "Medium", "Low"),
    "merits attention": ("Fundamental", "Significant", "Merits attention"),
    "major": ("Major", "Moderate", "Minor"),
    "essential": ("Essential", "Important", "Desirable"),
}
# the two scales the panel's own trackers print (before and since about 2022)
PANEL_SCALES = ("fundamental", "high")


def priority_alternation(*scales: str) -> str:
    """A regex alternation (no group) of the words of the named scales, in scale order:
    `priority_alternation("fundamental")` -> `Fundamental|Significant|Housekeeping`."""
    words = dict.fromkeys(w for name in scales for w in PRIORITY_SCALES[name])
    return "|".join(w.replace(" ", r"\s+") for w in words)


# the words a narrow PDF cell may break in two (`Housekeepin g`), found with spaces removed
_BREAKABLE_PRIORITIES = ("Fundamental", "Significant", "Housekeeping", "High", "Medium", "Low")
PRIORITY_LETTERS = {"H": "High", "M": "Medium", "L": "Low"}
PRIORITY_ALTERNATION = "|".join(w.replace(" ", r"\s+") for w in PRIORITY_WORDS)
_PRIORITY_WORD_RE = re.compile(rf"\b({PRIORITY_ALTERNATION})\b", re.I)
# numbered scales (`1 (High)`, `Priority 2`, `P3`, `Priority 4`): 1 is the most urgent, as
# every auditor using numbers prints it; a number alone is read as the word of its rank on
# High / Medium / Low (a fourth rank is Low too); a word printed beside it wins
PRIORITY_NUMBERS = {"1": "High", "2": "Medium", "3": "Low", "4": "Low"}
NUMBERED_PRIORITY = r"(?:priority\s*|p)[1-4]\b|[1-4](?=\s*\(|\s*$)"
_NUMBERED_PRIORITY_RE = re.compile(rf"^\s*(?:{NUMBERED_PRIORITY})", re.I)


def _as_printed(word: str) -> str:
    flat = " ".join(word.split())
    return flat[0].upper() + flat[1:].lower()


_KEY_COLOUR = re.compile(rf"^{RAG_WORD}\s+(?=\S)", re.I)


def priority_level(priority: str | None) -> str | None:
    return PRIORITY_LEVELS.get(" ".join((priority or "").split()).lower())


def priority_word(text: str | None) -> str | None:
    """The priority a cell or label prints: a word (`Significant`), a letter (`M`), a number
    (`1 (High)`, `Priority 2`, `P3`: the word of its rank), or a word a narrow PDF cell broke
    in two (`Housekeepin g`); None when it prints none."""
    if not text:
        return None
    # a priority printed after its key colour (`RED High`, `AMBER Priority 2`)
    flat = _KEY_COLOUR.sub("", " ".join(text.split()))
    if flat.upper() in PRIORITY_LETTERS:
        return PRIORITY_LETTERS[flat.upper()]
    m = _PRIORITY_WORD_RE.search(flat)
    numbered = _NUMBERED_PRIORITY_RE.match(flat)
    if numbered:
        return (
            _as_printed(m.group(1)) if m else PRIORITY_NUMBERS[re.sub(r"\D", "", numbered.group(0))]
        )
    if m:
        return _as_printed(m.group(1))
    squeezed = "".join(flat.lower().split())
    for word in _BREAKABLE_PRIORITIES:
        if word.lower() in squeezed:
            return word
    return None
