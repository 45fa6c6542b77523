"""Owners: the words that make a job title a post, the label before an owner in running
text, and how owners are joined (people, posts, initials). Re-exported by `vocab`."""

from __future__ import annotations

import re

# -- owners ------------------------------------------------------------------------------

# the words that make a job title a post (`Head of ICT`, `Payroll Manager`, `Chief Finance
# Officer`): where an owner statement names no person, the post it names is the owner; a
# department alone (`Finance`, `ICT Services`) names no one
POST_WORDS = (
    "head", "manager", "director", "officer", "lead", "controller", "coordinator",
    "co-ordinator", "secretary", "accountant", "adviser", "advisor", "partner", "treasurer",
    "clerk", "superintendent", "inspector", "analyst", "administrator", "chief", "deputy",
    "commissioner", "owner", "supervisor", "leader",
)  # fmt: skip
_TITLE_WORD = r"(?:[A-Z][\w'&.-]*|&|and|of|for|the)"
POST = re.compile(
    rf"^(?:{_TITLE_WORD}\s+){{0,5}}?(?i:{'|'.join(POST_WORDS)})\b(?:\s+{_TITLE_WORD}){{0,6}}$"
)


def post_named(text: str) -> str | None:
    """`Head of ICT`, `Payroll Manager` -> the post as printed; None for anything that is not
    a job title made of capitalised words around a post word."""
    flat = " ".join(text.split()).strip(" .,;:-–—")
    if not flat or not flat[0].isupper() or len(flat) > 80:
        return None
    return flat if POST.match(flat) else None


# the label before an owner in running text (`Person Responsible:`, `Action owner –`)
OWNER_LABEL = re.compile(
    r"\b(?:(?:person|officer)\s+responsible|responsible\s+(?:person|officer|owner|manager)|"
    r"(?:lead|accountable)\s+(?:officer|manager)|action\s+owner|business\s+owner|owner|lead)"
    r"\s*[:\-–]",
    re.I,
)
# How owners are joined, one rule by meaning for every reader. Between people (`A and B`,
# `A, B`, `A / B`, `A working with B`) a slash separates only words, not a rank's own slash
# (`C/Insp`, `D/Supt`); in a list of posts or initials (an action sheet's `DCC/CFO`, `HR &
# Finance`) every slash separates. A name reader's tokens are joined by the same words.
OWNER_SPLIT = re.compile(
    r"\s+(?i:and|working\s+with|supported\s+by|with|&)\s+|\s*[,;]\s*|\s+\+\s+"
    r"|(?<=[a-z])\s*/\s*(?=[A-Z][a-z])"
)
POST_LIST_SPLIT = re.compile(r"\s*(?:/|;|&|\n|,)\s*|\s+and\s+")
OWNER_SEPARATOR_TOKENS = frozenset({"/", "&", ",", "and", "or", "+"})
