"""Who owns a recommendation: names with their rank, pulled from the owner/update text.

The papers print owners in a handful of ways: after a label (`Person Responsible:`), as a
trailing signature after a dash (`… 2021 – Amie Peplow EPAC Manager`), after "lead"
(`Strategic lead Det Supt Baker`), or simply with a police rank or courtesy title anywhere.
A rank is strong enough evidence of a person to accept on its own; a bare pair of capitalised
words is not (the papers are full of `Management Board`, `Corporate Services`), so untitled
names are only taken where the layout says an owner goes, and stop at role words so the job
description (`Head of Estates`) stays out of the name.

The patterns are spaCy `entity_ruler` data (`ruler_patterns`), matched on spaCy's English
tokens, but spaCy itself is not imported on the reading path (its import was most of a small
ingest's start-up): `en_tokenizer` reproduces its tokenizer over its copied rules and
`token_matcher` its ruler over the same pattern data, and a test holds both to spaCy. The
ruler finds titled names and the owner labels, and a small token scanner does the
context-dependent part that patterns cannot express (lists, parentheses, follow checks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from jarap.extract.en_tokenizer import Token, tokenize
from jarap.extract.token_matcher import Entity, Ruler
from jarap.extract.vocab import MONTHS, OWNER_SEPARATOR_TOKENS, STATUS_TERMS, WEEKDAYS

__all__ = ["find_owners", "owners_from_runs", "ruler_patterns"]

# Rank/title lexicon: canonical id -> printed variants. The canonical id lets `D/Supt Baker` and
# `Det Supt Baker` in one paper collapse to one owner while `Mr Smith` and `DS Smith` stay apart.
_TITLES: dict[str, tuple[str, ...]] = {
    "mr": ("Mr", "Mr."),
    "mrs": ("Mrs", "Mrs."),
    "miss": ("Miss",),
    "ms": ("Ms", "Ms."),
    "mx": ("Mx",),
    "dr": ("Dr", "Dr.", "Doctor"),
    "prof": ("Prof", "Prof.", "Professor"),
    "sir": ("Sir", "Dame"),
    "cllr": ("Cllr", "Councillor"),
    "pc": ("PC", "P.C.", "Police Constable"),
    "dc": ("DC", "Det Con", "Detective Constable"),
    "sgt": ("Sgt", "Sgt.", "PS", "Sergeant", "Police Sergeant"),
    "ds": ("DS", "D/Sgt", "Det Sgt", "Det. Sgt", "Detective Sergeant"),
    "insp": ("Insp", "Insp.", "Inspector"),
    "di": ("DI", "D/Insp", "Det Insp", "Det. Insp", "Det Insp.", "Detective Inspector"),
    "cinsp": (
        "C/Insp",
        "Ch/Insp",
        "Ch Insp",
        "Ch. Insp",
        "Ch Insp.",
        "Ch. Insp.",
        "Chief Inspector",
    ),
    "dci": ("DCI", "D/C/Insp", "D/Ch/Insp", "Det Ch Insp", "Detective Chief Inspector"),
    "supt": ("Supt", "Supt.", "Superintendent"),
    "dsupt": ("DSU", "D/Supt", "Det Supt", "Det. Supt", "Det Supt.", "Detective Superintendent"),
    "csupt": (
        "C/Supt",
        "Ch/Supt",
        "Ch Supt",
        "Ch. Supt",
        "Ch Supt.",
        "Ch. Supt.",
        "Chief Superintendent",
    ),
    "dcs": ("DCS", "D/C/Supt", "Det Ch Supt", "Detective Chief Superintendent"),
    "cc": ("CC", "Chief Constable"),
    "dcc": ("DCC", "Deputy Chief Constable"),
    "acc": ("ACC", "Assistant Chief Constable"),
    "aco": ("ACO", "Assistant Chief Officer"),
}
# Ranks that are printed with a collar number between rank and name (`PC 123 Smith`).
_COLLAR = {"pc", "dc", "sgt", "ds"}
# Acting/temporary ranks keep the same canonical id: the person is the same.
_RANK_PREFIXES = ("", "A/", "T/", "Acting ", "Temporary ")
_PREFIXABLE = {"sgt", "ds", "insp", "di", "cinsp", "dci", "supt", "dsupt", "csupt", "dcs"}
_PREFIXABLE |= {"cc", "dcc", "acc", "aco"}

_MONTHS = (*MONTHS, *WEEKDAYS)

# Words that end a name: job-title and organisation vocabulary, function words, dates and
# status words (`vocab.STATUS_TERMS`). Everything here is compared lower-cased, and only
# matters for words that are capitalised like a name (all-caps acronyms never count).
_ROLE_WORDS = (
    "head manager managers officer officers lead leads leader director directors deputy "
    "assistant partner partners senior snr junior jnr principal chief trainer analyst analysts "
    "chair chairman chairperson team teams business services service department dept "
    "departments group groups board boards unit units centre center force police "
    "constabulary office commissioner panel committee management coordinator co-ordinator "
    "administrator admin advisor adviser consultant specialist supervisor controller "
    "secretary accountant auditor auditors audit internal external project projects "
    "programme program finance financial estates estate fleet resources human people payroll "
    "corporate strategic operational operations professional standards support development "
    "learning training organisational organizational information technology systems system "
    "digital data records change performance planning policy policies governance risk risks "
    "compliance security vetting procurement contracts contract legal crime criminal justice "
    "custody intelligence investigations investigation protection safeguarding public contact "
    "communications comms control room region regional east west north south midlands county "
    "city council release module version update updates progress target date responsible "
    "person persons action owner owners status recommendation recommendations response "
    "agreed comments comment see note notes tbc tbd none various all each every new "
    "end mid early late beginning start revised guidance review reviews report reports "
    "officer's manager's staff workforce command area areas local neighbourhood hq "
    "headquarters collaboration shared joint national home sector limited ltd plc llp "
    "kier civica tranman niche minerva leicestershire nottinghamshire northamptonshire "
    "derbyshire lincolnshire acting temporary detective constable sergeant inspector "
    "superintendent mr mrs miss ms mx dr doctor prof professor sir dame cllr councillor "
    "det con sgt insp supt ch desktop laptop equipment software hardware network "
    "firearms licensing licence licensing forensics forensic property transport contractor "
    "contractors facilities maintenance allowances overtime health wellbeing occupational "
    "pilot timeline milestone milestones plan citizens volunteer volunteers"
).split()
_FUNCTION_WORDS = (
    "the a an of for and or in on at to by with from this that these those it its is are was "
    "were be been will shall should would can could may must has have had not no yes if as "
    "there their they we our he she his her who which what when where why how i my your"
).split()
_STOP = frozenset(_ROLE_WORDS) | frozenset(_FUNCTION_WORDS) | frozenset(_MONTHS) | STATUS_TERMS

# A name-like word: capitalised, at least one lower-case letter after the capital, with the
# Mc/Mac/O' prefixes and hyphenated double-barrelled surnames the papers use.
_PART = r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+"
_NAME_RE = re.compile(rf"^{_PART}(?:-{_PART})*$")
_NAME_REGEX = _NAME_RE.pattern
_INITIAL_REGEX = r"^[A-Z]\.?$"
# a department printed between a rank and the name (`ACO HR`, `ACC OPS`): two to five capitals
_DEPARTMENT_REGEX = r"^[A-Z]{2,5}$"
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&]+$")
_ORDINAL_RE = re.compile(r"^\d{1,2}(?:st|nd|rd|th)$", re.IGNORECASE)
_DASHES = frozenset({"-", "–", "—", "--", "―"})
_SEPARATORS = OWNER_SEPARATOR_TOKENS
_MAX_UNTITLED = 3

# Owner labels; single words need a following colon/dash so the prose verb "lead" or the
# noun "owner" in a sentence is not mistaken for a label.
_LABELS_FREE = (
    "person responsible",
    "persons responsible",
    "responsible person",
    "responsible persons",
    "responsible officer",
    "responsible officers",
    "officer responsible",
    "responsible owner",
    "action owner",
    "action owners",
    "lead officer",
    "accountable officer",
    "owned by",
    "led by",
    "action by",
)
_LABELS_PUNCT = ("lead", "owner", "owners", "responsible", "responsibility", "officer")


@dataclass(frozen=True)
class _Hit:
    """One name found, with where it sits so callers can tell struck from live text."""

    start: int
    end: int
    display: str
    key: str
    canon: str  # canonical title id, "" when untitled


@dataclass(frozen=True)
class _Parsed:
    """One text's tokens and the ruler's entities on them (what a spaCy `Doc` held)."""

    text: str
    tokens: list[Token]
    ents: list[Entity]

    def char_span_start(self, char: int) -> int | None:
        """The first token of spaCy's `char_span(char, len(text), alignment_mode="expand")`:
        the token whose text or trailing space holds `char`, the next one if it is that
        space; None where spaCy gives no span."""
        tokens = self.tokens
        lo, hi = 0, len(tokens) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            tok = tokens[mid]
            if char < tok.idx:
                hi = mid - 1
            elif char >= tok.end + tok.space:
                lo = mid + 1
            else:
                return mid + 1 if char == tok.end else mid
        return None


# A name word that is no stop word, as one regex: the same test as `_is_name` (a name word
# is ASCII, where matching case-insensitively is comparing lower-cased). Written as the
# matcher's `LOWER NOT_IN` list it cost half the pipeline's build (the matcher hashes the
# ~600 words again for each of the ~1,000 name tokens of its patterns).
_STOP_ALTERNATIVES = "|".join(re.escape(word) for word in sorted(_STOP, key=len, reverse=True))
_NAME_NOT_STOP_REGEX = rf"^(?!(?i:{_STOP_ALTERNATIVES})$){_NAME_REGEX[1:]}"


def _name_token() -> dict:
    return {"TEXT": {"REGEX": _NAME_NOT_STOP_REGEX}}


@cache
def ruler_patterns() -> tuple[dict[str, Any], ...]:
    """Every owner pattern, in spaCy's `entity_ruler` format: the one statement of them, read
    by `token_matcher` here and by spaCy's own ruler in the tests.

    A title is matched as the tokens the tokenizer makes of it (`C/Insp` is C, /, Insp); the
    pattern id is the canonical title and how many of the tokens are the title."""
    patterns: list[dict[str, Any]] = []
    for canon, variants in _TITLES.items():
        prefixes = _RANK_PREFIXES if canon in _PREFIXABLE else ("",)
        for prefix in prefixes:
            for variant in variants:
                toks = [t.text for t in tokenize(prefix + variant) if not t.is_space]
                pat: list[dict] = [{"ORTH": t} for t in toks]
                if canon in _COLLAR:
                    pat.append({"TEXT": {"REGEX": r"^\d{1,6}$"}, "OP": "?"})
                # a department acronym may follow the rank: `ACO HR Imogen Stradling`
                pat.append({"TEXT": {"REGEX": _DEPARTMENT_REGEX}, "OP": "?"})
                pat += [{"TEXT": {"REGEX": _INITIAL_REGEX}, "OP": "?"}] * 2
                pat.append(_name_token())
                pat += [{**_name_token(), "OP": "?"}] * 2
                patterns.append({"label": "PERSON", "pattern": pat, "id": f"{canon}|{len(toks)}"})
    for label in _LABELS_FREE:
        words = [{"LOWER": w} for w in label.split()]
        patterns.append(
            {"label": "OWNER_LABEL", "pattern": [*words, {"TEXT": {"IN": [":", "-", "–"]}}]}
        )
        patterns.append({"label": "OWNER_LABEL", "pattern": words})
    for label in _LABELS_PUNCT:
        patterns.append(
            {"label": "OWNER_LABEL", "pattern": [{"LOWER": label}, {"TEXT": {"IN": [":", "–"]}}]}
        )
    patterns.append({"label": "LEAD", "pattern": [{"LOWER": "lead"}]})
    return tuple(patterns)


@cache
def _ruler() -> Ruler:
    return Ruler(ruler_patterns())


def _parse(text: str) -> _Parsed:
    tokens = tokenize(text)
    return _Parsed(text, tokens, _ruler()(tokens))


def _is_name(text: str) -> bool:
    return bool(_NAME_RE.match(text)) and text.lower() not in _STOP


def _ok_after(doc: list[Token], j: int) -> bool:
    """Whether the token after an untitled name looks like a signature's end, not prose.

    `– Amie Peplow EPAC Manager` ends in a role, `– Tranman Release 2 was installed` in a
    number and lower-case prose; only the first is a person signing off.
    """
    if j >= len(doc):
        return True
    tok = doc[j]
    text = tok.text
    if tok.is_space or text in _DASHES or tok.lower in _SEPARATORS:
        return True
    if tok.is_punct and not text.startswith("'"):
        return True
    if text[:1].isupper():
        return True
    return bool(_ORDINAL_RE.match(text))


class _Scanner:
    """Token-level walk over one parsed text; holds the doc and where titled names start."""

    def __init__(self, parsed: _Parsed) -> None:
        self.doc = parsed.tokens
        self.persons: dict[int, Entity] = {}
        self.labels: list[Entity] = []
        self.leads: list[Entity] = []
        for ent in parsed.ents:
            if ent.label == "PERSON":
                self.persons[ent.start] = ent
            elif ent.label == "OWNER_LABEL":
                self.labels.append(ent)
            elif ent.label == "LEAD":
                self.leads.append(ent)
        self.person_tokens = {i for ent in self.persons.values() for i in range(ent.start, ent.end)}

    def untitled(self, i: int, strict: bool) -> tuple[int, int] | None:
        """Two or three name words starting at i; a longer capitalised run is an organisation."""
        doc = self.doc
        j = i
        while j < len(doc) and j - i <= _MAX_UNTITLED and _is_name(doc[j].text):
            if j in self.person_tokens:
                return None
            j += 1
        count = j - i
        if count < 2 or count > _MAX_UNTITLED:
            return None
        if strict and not _ok_after(doc, j):
            return None
        return i, j

    def item(self, i: int, strict: bool) -> tuple[int, int] | None:
        if i in self.persons:
            ent = self.persons[i]
            return ent.start, ent.end
        return self.untitled(i, strict)

    def skip_blank(self, i: int, extra: frozenset[str] = frozenset()) -> int:
        doc = self.doc
        while i < len(doc) and (doc[i].is_space or doc[i].text in extra):
            i += 1
        return i

    def owner_list(self, i: int, strict: bool) -> list[tuple[int, int]]:
        """Names from an owner slot: the first, then more joined by `/`, `and`, `,`, `&`.

        Between names there may be a parenthesised role or a bare job title
        (`Mandy Bogle-Reilly (Security Vetting Manager) and Angela Cooper`), which is skipped;
        anything else (a date, prose) ends the list.
        """
        doc = self.doc
        n = len(doc)
        i = self.skip_blank(i, frozenset({":", "-", "–", "—", "/"}))
        first = self.item(i, strict)
        if first is None:
            return []
        found = [first]
        j = first[1]
        steps = 0
        while j < n and steps < 12:
            tok = doc[j]
            low = tok.lower
            if tok.is_space:
                if "\n\n" in tok.text:
                    break
                j += 1
                continue
            if low in _SEPARATORS:
                nxt = self.item(self.skip_blank(j + 1), strict=True)
                if nxt is not None:
                    found.append(nxt)
                    j = nxt[1]
                    steps = 0
                    continue
                if low == ",":
                    break
                j += 1
                steps += 1
                continue
            if tok.text == "(":
                close = next((k for k in range(j + 1, min(n, j + 20)) if doc[k].text == ")"), None)
                if close is None:
                    break
                j = close + 1
                continue
            if tok.text[:1].isupper() or low in {"of", "for", "the", "in"}:
                j += 1
                steps += 1
                continue
            break
        return found

    def spans(self, extra_slots: list[int]) -> list[tuple[int, int]]:
        doc = self.doc
        found: list[tuple[int, int]] = [(e.start, e.end) for e in self.persons.values()]
        for label in self.labels:
            found += self.owner_list(label.end, strict=False)
        for lead in self.leads:
            found += self.owner_list(lead.end, strict=True)
        for k, tok in enumerate(doc):
            # A spaced dash (` – `) introduces a signature; a hyphen inside a word does not.
            if tok.text in _DASHES and k > 0 and (doc[k - 1].space or doc[k - 1].is_space):
                if tok.space or (k + 1 < len(doc) and doc[k + 1].is_space):
                    found += self.owner_list(k + 1, strict=True)
        for i in extra_slots:
            found += self.owner_list(i, strict=True)
        return sorted(set(found))


def _hits(text: str, extra_slot_chars: list[int] | None = None) -> list[_Hit]:
    parsed = _parse(text)
    doc = parsed.tokens
    scanner = _Scanner(parsed)
    slots: list[int] = []
    for char in extra_slot_chars or []:
        first = parsed.char_span_start(char)
        if first is not None and first < len(doc):
            slots.append(first)
    hits: list[_Hit] = []
    for start, end in scanner.spans(slots):
        canon = ""
        name_from = start
        ent = scanner.persons.get(start)
        if ent is not None and ent.end == end:
            canon, _, ntitle = ent.ent_id.partition("|")
            name_from = start + int(ntitle or 0)
        key = " ".join(t.lower for t in doc[name_from:end] if _NAME_RE.match(t.text))
        start_char, end_char = doc[start].idx, doc[end - 1].end
        display = " ".join(text[start_char:end_char].split())
        hits.append(_Hit(start_char, end_char, display, key, canon))
    return hits


def _dedupe(hits: list[_Hit]) -> list[str]:
    """First appearance wins, except that a ranked form replaces a bare one of the same name.

    `Rich Ward` then `Supt Rich Ward` is one person and the ranked form is what the brief
    wants printed; two different ranks on one surname are kept apart unless they are spellings
    of the same rank.
    """
    out: list[_Hit] = []
    for hit in hits:
        dup = None
        for k, seen in enumerate(out):
            same_name = hit.key == seen.key and hit.key != ""
            if hit.display == seen.display or (
                same_name and (not hit.canon or not seen.canon or hit.canon == seen.canon)
            ):
                dup = k
                break
        if dup is None:
            out.append(hit)
        elif hit.canon and not out[dup].canon:
            out[dup] = hit
    return [h.display for h in out]


def find_owners(text: str) -> list[str]:
    """People named responsible/leading in a stretch of recommendation text, as printed with
    rank/title, without job descriptions, de-duplicated in order of first appearance.

    Never raises: one odd cell must not stop a whole paper from loading, so anything that goes
    wrong yields no owners rather than an exception.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    try:
        return _dedupe(_hits(text))
    except Exception:
        return []


def owners_from_runs(runs: list[tuple[str, bool]]) -> tuple[list[str], list[str]]:
    """(current_owners, former_owners) from (text, struck_through) runs: a struck-through name
    is a former owner.

    The papers record a change of owner by striking the old name through rather than deleting
    it, so the strike formatting is the only evidence of who used to own the action.
    """
    try:
        return _owners_from_runs(runs)
    except Exception:
        return [], []


def _owners_from_runs(runs: list[tuple[str, bool]]) -> tuple[list[str], list[str]]:
    """Parse the runs as one text so a struck name still sees the label printed before it.

    Where striking switches on or off a ` / ` is put in: a struck name and its replacement are
    often printed side by side (`Kat Eaton Mark Price`), which would otherwise read as one
    four-word organisation. The start of every struck run also counts as an owner slot,
    because a struck-through cell is often just the old owner's name with no label.
    """
    parts: list[str] = []
    struck_ranges: list[tuple[int, int]] = []
    slots: list[int] = []
    pos = 0
    prev: bool | None = None
    for run in runs or []:
        try:
            text, struck = run
        except (TypeError, ValueError):
            continue
        if not isinstance(text, str) or not text:
            continue
        struck = bool(struck)
        if prev is not None and struck != prev:
            parts.append(" / ")
            pos += 3
        if struck:
            struck_ranges.append((pos, pos + len(text)))
            slots.append(pos)
        parts.append(text)
        pos += len(text)
        prev = struck
    full = "".join(parts)
    if not full.strip():
        return [], []

    def struck_share(hit: _Hit) -> float:
        covered = sum(max(0, min(e, hit.end) - max(s, hit.start)) for s, e in struck_ranges)
        return covered / max(1, hit.end - hit.start)

    current: list[_Hit] = []
    former: list[_Hit] = []
    for hit in _hits(full, slots):
        (former if struck_share(hit) > 0.5 else current).append(hit)
    current_names = _dedupe(current)
    # Someone struck from one line but still printed live elsewhere still owns the action.
    live = {h.key for h in current if h.key} | set(current_names)
    former = [h for h in former if h.key not in live and h.display not in live]
    return current_names, _dedupe(former)
