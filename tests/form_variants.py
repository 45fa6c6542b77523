"""A generator of the forms target dates and owners take in a cell, each case with its truth.

The variation is described, not picked: a date is drawn at random and printed in one of the
forms auditors use (`dd/mm/yyyy`, `30th June 2024`, `June 2024`, `End of June 2024`, UK
financial-year quarters `Q3 2023/24`, `w/c 4 March 2024`, …); a cell holds one to three
revisions joined the ways papers join them (`;`, `, then`, `revised to`, a new line), maybe
followed by narrative with a date of its own (`following the meeting on …`), or prints no
date at all (`None`, `-`, `N/A`). Owners are invented people and posts, joined as papers
join them (`Name, Post`, `Post – Name`, `A / B`, `A and B`, a post alone).

Every case belongs to a combination of its variation's parts (form × joiner × narrative);
a fixed share of combinations, chosen by a hash of their names, is HELD BACK: never looked at
while tuning the readers, and scored separately, so its figure predicts unseen cells.
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
import random
from dataclasses import dataclass

HELD_BACK_SHARE = 5  # one combination in this many is held back


def held_back(*parts: str) -> bool:
    """Whether a combination of variation parts is kept out of the development loop."""
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return digest[0] % HELD_BACK_SHARE == 0


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


# form name -> (printer of a date, the deadline it means); quarters print the UK financial
# year (April to March): Q1 ends June, Q2 September, Q3 December, Q4 March of the next year
def _fy_quarter(d: datetime.date, style: str) -> tuple[str, datetime.date]:
    q = {4: 1, 5: 1, 6: 1, 7: 2, 8: 2, 9: 2, 10: 3, 11: 3, 12: 3, 1: 4, 2: 4, 3: 4}[d.month]
    start = d.year if d.month >= 4 else d.year - 1
    end_month = {1: 6, 2: 9, 3: 12, 4: 3}[q]
    end = _month_end(start + 1 if q == 4 else start, end_month)
    fy = {"slash": f"{start}/{str(start + 1)[2:]}", "dash": f"{start}-{str(start + 1)[2:]}"}
    label = {"Q": f"Q{q}", "Qtr": f"Qtr {q}", "Quarter": f"Quarter {q}"}
    word, sep = style.split("-")
    return f"{label[word]} {fy[sep]}", end


def _print(form: str, d: datetime.date) -> tuple[str, datetime.date]:
    month = calendar.month_name[d.month]
    if form == "dd/mm/yyyy":
        return d.strftime("%d/%m/%Y"), d
    if form == "d Month yyyy":
        return f"{d.day} {month} {d.year}", d
    if form == "dth Month yyyy":
        return f"{_ordinal(d.day)} {month} {d.year}", d
    if form == "Mon yyyy":
        return f"{calendar.month_abbr[d.month]} {d.year}", _month_end(d.year, d.month)
    if form == "Month yyyy":
        return f"{month} {d.year}", _month_end(d.year, d.month)
    if form == "End of Month yyyy":
        return f"End of {month} {d.year}", _month_end(d.year, d.month)
    if form == "w/c d Month yyyy":
        return f"w/c {d.day} {month} {d.year}", d
    if form == "week commencing dd/mm/yyyy":
        return f"week commencing {d.strftime('%d/%m/%Y')}", d
    if form.startswith("fy "):
        return _fy_quarter(d, form[3:])
    raise ValueError(form)


DATE_FORMS = (
    "dd/mm/yyyy", "d Month yyyy", "dth Month yyyy", "Mon yyyy", "Month yyyy",
    "End of Month yyyy", "w/c d Month yyyy", "week commencing dd/mm/yyyy",
    "fy Q-slash", "fy Q-dash", "fy Qtr-slash", "fy Quarter-slash",
)  # fmt: skip
JOINERS = {"semicolon": "; ", "then": ", then ", "revised to": " revised to ", "line": "\n"}
NARRATIVES = {
    "none": "",
    "meeting on": " following the meeting on {d}",
    "agreed at": " (agreed at the {d} committee)",
    "since": ". Chased since {d}",
    # narrative before the targets: `Following the 3 May 2024 meeting: 30 June 2024`
    "meeting before": "Following the {d} meeting: ",
}
NO_DATES = ("None", "-", "N/A", "n/a", "–", "Not applicable")


@dataclass(frozen=True)
class DateCase:
    text: str
    deadlines: tuple[datetime.date, ...]  # every target in the cell, in order
    combination: tuple[str, ...]

    @property
    def held_back(self) -> bool:
        return held_back(*self.combination)


def _date(rng: random.Random, after: datetime.date | None = None) -> datetime.date:
    base = after or datetime.date(2016, 1, 1)
    return base + datetime.timedelta(days=rng.randint(40 if after else 0, 500))


def date_cases(seed: int = 18, per_combination: int = 3) -> list[DateCase]:
    """Cells of one to three target revisions in every form × joiner × narrative."""
    rng = random.Random(seed)
    out: list[DateCase] = []
    for form in DATE_FORMS:
        for joiner_name, joiner in JOINERS.items():
            for narrative_name, narrative in NARRATIVES.items():
                for _ in range(per_combination):
                    n = rng.randint(1, 3)
                    dates: list[datetime.date] = []
                    for _k in range(n):
                        dates.append(_date(rng, dates[-1] if dates else None))
                    printed = [_print(form, d) for d in dates]
                    # later revisions keep the form; a revision always moves the deadline on
                    deadlines = tuple(dict.fromkeys(p[1] for p in printed))
                    if len(deadlines) != len(printed):
                        continue
                    text = joiner.join(p[0] for p in printed)
                    if narrative:
                        event = _date(rng, dates[0]) - datetime.timedelta(days=30)
                        if narrative.endswith(": "):
                            text = (
                                narrative.format(
                                    d=f"{event.day} {calendar.month_name[event.month]} {event.year}"
                                )
                                + text
                            )
                            out.append(
                                DateCase(text, deadlines, (form, joiner_name, narrative_name))
                            )
                            continue
                        text += narrative.format(
                            d=f"{event.day} {calendar.month_name[event.month]} {event.year}"
                        )
                    out.append(DateCase(text, deadlines, (form, joiner_name, narrative_name)))
    for word in NO_DATES:
        out.append(DateCase(word, (), ("no date", word)))
    return out


# -- owners --------------------------------------------------------------------------------

FIRST = ("Priya", "Tomasz", "Elin", "Marcus", "Bethan", "Kwame", "Ines", "Rory", "Salma", "Owen")
LAST = ("Haverford", "Okafor", "Lindqvist", "Pennock", "Ashdown", "Varga", "Molyneux", "Treharne")
SERVICES = ("ICT", "Estates", "Payroll", "Procurement", "Fleet", "Finance", "Digital Services")
POST_FORMS = ("Head of {s}", "{s} Manager", "Director of {s}", "{s} Lead", "Chief {s} Officer")
OWNER_FORMS = (
    "name", "name, post", "post – name", "name (post)", "name / name", "name and name",
    "name, post / name, post", "post", "post / post", "post and post",
)  # fmt: skip


@dataclass(frozen=True)
class OwnerCase:
    text: str
    owners: tuple[str, ...]
    combination: tuple[str, ...]

    @property
    def held_back(self) -> bool:
        return held_back(*self.combination)


def owner_cases(seed: int = 18, per_combination: int = 4) -> list[OwnerCase]:
    """Owner cells in every form × post form: people where the cell names people, else the
    posts it names."""
    rng = random.Random(seed)
    out: list[OwnerCase] = []
    for form in OWNER_FORMS:
        for post_form in POST_FORMS:
            for _ in range(per_combination):
                names = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(2)]
                services = rng.sample(SERVICES, 2)
                posts = [post_form.format(s=s) for s in services]
                if names[0] == names[1]:
                    continue
                text = (
                    form.replace("name, post / name, post", "{n0}, {p0} / {n1}, {p1}")
                    .replace("name / name", "{n0} / {n1}")
                    .replace("name and name", "{n0} and {n1}")
                    .replace("post / post", "{p0} / {p1}")
                    .replace("post and post", "{p0} and {p1}")
                    .replace("name", "{n0}")
                    .replace("post", "{p0}")
                ).format(n0=names[0], n1=names[1], p0=posts[0], p1=posts[1])
                people = [n for k, n in enumerate(names) if f"{{n{k}}}" in _slots(form)]
                owners = people or [p for k, p in enumerate(posts) if f"{{p{k}}}" in _slots(form)]
                out.append(OwnerCase(text, tuple(owners), (form, post_form)))
    return out


def _slots(form: str) -> str:
    two = "/" in form or " and " in form
    slots = ""
    if "name" in form:
        slots += "{n0}{n1}" if two and form.count("name") == 2 else "{n0}"
    if "post" in form:
        slots += "{p0}{p1}" if two and form.count("post") == 2 else "{p0}"
    return slots
