"""The drawing of a history series: an invented panel, its audits, recommendations and papers.

Everything here is drawn from the seed and is layout-free; the samples/history_render_*.py
modules print one paper of a series in one layout, and samples/generate_history.py writes the
files and the truth. A series keeps one layout, or changes layout as a real panel did (the
block years, then the 2021 tables, then the 2022–25 tables): references are counted again from
the change to the table layout (`4.2` becomes `2.`) and the priority vocabulary changes
(Fundamental / Significant / Housekeeping, then High / Medium / Low).
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# invented places and areas: words no sample audit uses
PLACES = [
    "Wrexford",
    "Callowmere",
    "Dunbarrow",
    "Kestlebury",
    "Orrinshaw",
    "Pellingford",
    "Thornwick",
    "Yarrowdale",
    "Marbeck",
    "Silverholme",
]
AREAS = [
    ("FLEET MANAGEMENT", "FLEET MGMT"),
    ("ESTATES AND FACILITIES", "ESTATES & FACILITIES"),
    ("TREASURY MANAGEMENT", "TREASURY MGMT"),
    ("CUSTODY HEALTHCARE", None),
    ("FIREARMS LICENSING DEPARTMENT", "FIREARMS LICENSING DEPT"),
    ("PAYROLL", None),
    ("BUSINESS CONTINUITY", None),
    ("PROCUREMENT CARDS", None),
    ("CYBER SECURITY", None),
    ("VOLUNTEER SCHEMES", None),
    ("UNIFORM STORES", None),
    ("RECORDS RETENTION", None),
    ("OVERTIME CLAIMS", None),
    ("MOBILE DEVICES", None),
    ("CAPITAL PROGRAMME", None),
    ("DRIVER TRAINING", None),
    ("INCOME GENERATION", None),
    ("VICTIM REFERRALS", None),
]
OPINIONS = [
    "SATISFACTORY ASSURANCE",
    "LIMITED ASSURANCE",
    "SUBSTANTIAL ASSURANCE",
    "REASONABLE ASSURANCE",
    "MODERATE OPINION",
]
GENERIC_TITLES = ["Policy Review", "Staff Training", "Risk Register", "Management Information"]
NOUNS = [
    "Register",
    "Reconciliation",
    "Approval",
    "Checklist",
    "Inspection",
    "Audit Trail",
    "Authorisation",
    "Monitoring",
    "Reporting",
    "Forecasting",
    "Handover",
    "Signatories",
    "Access Rights",
    "Stock Counts",
    "Invoices",
    "Contracts",
    "Key Holding",
    "Rota",
]
QUALIFIERS = [
    "Monthly",
    "Annual",
    "Supplier",
    "Budget",
    "Asset",
    "Vehicle",
    "Evidence",
    "Overtime",
    "Income",
    "Property",
    "Training",
    "Fuel",
    "Licence",
    "Custody",
]
REWORD = {
    "Register": "Log",
    "Reconciliation": "Reconciliations",
    "Approval": "Sign-off",
    "Checklist": "Check List",
    "Monitoring": "Oversight",
    "Reporting": "Reports",
    "Invoices": "Invoice Checks",
    "Contracts": "Contract Records",
}
VERBS = [
    "introduce",
    "document",
    "review",
    "strengthen",
    "formalise",
    "record",
    "reconcile",
    "approve",
    "monitor",
    "test",
    "publish",
    "retain",
    "check",
    "report",
]
OBJECTS = [
    "the {q} {n} for every site",
    "a written procedure for the {q} {n}",
    "independent checks of the {q} {n}",
    "the {q} {n} against the ledger each month",
    "exceptions found in the {q} {n} to the board",
    "evidence of the {q} {n} for two years",
    "the owners named on the {q} {n}",
]
PEOPLE = [
    "DCI Rhona Tell",
    "Mrs Ada Quarrie",
    "Supt Joel Brandt",
    "Mr Idris Kember",
    "Ch Insp Lena Moss",
    "Ms Farah Doyle",
    "Insp Colm Barre",
    "Mr Pete Skara",
]
FORMATS = ("txt", "txt", "txt", "docx", "pdf")
# the layouts a series is printed in, paper after paper: one layout, or the changes of layout
# a panel made over the years (each run of papers at least two long)
MIXES: dict[str, tuple[str, ...]] = {
    "table": ("table",),
    "block": ("block",),
    "2021": ("2021",),
    "changing": ("block", "2021", "table"),
    "zoo": ("zoo",),  # the layout zoo's forms (samples/generate_zoo.py), one per series
    "2013": ("2013",),  # the 2013–16 appendix throughout
    "from2013": ("2013", "block", "2021", "table"),  # a panel from the appendix years on
}
TRACKER_MIXES = ("table", "block", "2021", "changing")
APPENDIX_MIXES = ("2013", "from2013")
ZOO_FROM = 1000  # seeds from here print the zoo's forms; the others a tracker mix
APPENDIX_FROM = 4000  # seeds from here start in the 2013–16 appendix years
# the priority words of each layout's vocabulary (High / Medium / Low drawn for the model)
PRIORITY_WORDS: dict[str, dict[str, str]] = {
    "table": {"High": "High", "Medium": "Medium", "Low": "Low"},
    "2021": {"High": "Fundamental", "Medium": "Significant", "Low": "Housekeeping"},
    "block": {"High": "Fundamental", "Medium": "Significant", "Low": "Housekeeping"},
    "2013": {"High": "Fundamental", "Medium": "Significant", "Low": "Housekeeping"},
    "zoo": {"High": "High", "Medium": "Medium", "Low": "Low"},  # printed in the zoo's forms
}


def last_day(d: dt.date) -> dt.date:
    nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def day_text(d: dt.date) -> str:
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(d.day, "th")
    return f"{d.day}{suffix} {MONTH_NAMES[d.month - 1]} {d.year}"


def month_text(d: dt.date) -> str:
    return f"{MONTH_NAMES[d.month - 1]} {d.year}"


def add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    return dt.date(d.year + m // 12, m % 12 + 1, 1)


# ---- the model ------------------------------------------------------------------------------


@dataclass
class HAudit:
    area: str
    short: str | None  # an abbreviated printing of the area
    report: dt.date  # report month (first day)
    opinion: str
    number: str
    reaudit: bool = False
    style: dict[int, str] = field(default_factory=dict)  # paper index -> how its title prints


@dataclass
class HRec:
    key: str
    audit: HAudit
    seq: int  # 1.. within its audit
    title: str
    text: str
    priority: str
    owner: str
    present: dict[int, str] = field(default_factory=dict)  # paper index -> RAG / Proposed Closed
    reworded_from: int | None = None  # paper index from which the title is reworded
    targets: list[tuple[int, dt.date, str]] = field(default_factory=list)  # (from pi, date, how)
    no_ref: bool = False


@dataclass
class HPaper:
    index: int
    date: dt.date  # the paper's month (first day)
    fmt: str
    twin: str | None = None  # the other format of a twin
    renumbered: bool = False  # references printed `k.` counted again
    series: str = ""
    layout: str = "table"  # a key of PRIORITY_WORDS: the layout this paper is printed in

    @property
    def stem(self) -> str:
        return f"{self.series}-p{self.index:02d}-{self.date:%Y-%m}"


@dataclass
class Series:
    seed: int
    place: str
    papers: list[HPaper]
    audits: list[HAudit]
    recs: list[HRec]
    mix: str = "table"

    @property
    def organisation(self) -> str:
        return f"POLICE AND CRIME COMMISSIONER FOR {self.place.upper()} JOINT AUDIT PANEL"

    @property
    def name(self) -> str:
        return f"{self.place.lower().replace(' and ', '-')}-{self.seed}"


# ---- drawing a series ---------------------------------------------------------------------


def _rec_title(rnd: random.Random, used: set[str]) -> str:
    while True:
        title = f"{rnd.choice(QUALIFIERS)} {rnd.choice(NOUNS)}"
        if title not in used:
            used.add(title)
            return title


def _rec_text(rnd: random.Random, title: str) -> str:
    q, n = title.split(" ", 1) if " " in title else (title, "records")
    body = rnd.choice(OBJECTS).format(q=q.lower(), n=n.lower())
    extra = rnd.choice(OBJECTS).format(
        q=rnd.choice(QUALIFIERS).lower(), n=rnd.choice(NOUNS).lower()
    )
    return f"The Force should {rnd.choice(VERBS)} {body}, and should {rnd.choice(VERBS)} {extra}."


def place_of(seed: int) -> str:
    """The panel's place, distinct for any ten consecutive seeds past the first ten (two
    series of one place in one archive would be one panel's papers): `Wrexford`, then
    `Wrexford and Dunbarrow`, and so on."""
    n = len(PLACES)
    place = PLACES[seed % n]
    if seed >= n:
        place += f" and {PLACES[(seed + (seed // n) % (n - 1) + 1) % n]}"
    return place


def mix_of(seed: int) -> str:
    """The layout mix of a seed: every tracker mix in every run of four consecutive seeds
    below `ZOO_FROM`, the zoo's forms from there, and from `APPENDIX_FROM` a series starting
    in the appendix years (both appendix mixes in every two consecutive seeds)."""
    if seed >= APPENDIX_FROM:
        return APPENDIX_MIXES[seed % len(APPENDIX_MIXES)]
    return "zoo" if seed >= ZOO_FROM else TRACKER_MIXES[seed % len(TRACKER_MIXES)]


def _layouts(rnd: random.Random, mix: str, n_papers: int) -> list[str]:
    runs = MIXES[mix]
    if len(runs) == 1:
        return [runs[0]] * n_papers
    cuts = sorted(rnd.sample(range(2, n_papers - 1), len(runs) - 1))
    while any(b - a < 2 for a, b in zip(cuts, cuts[1:], strict=False)):
        cuts = sorted(rnd.sample(range(2, n_papers - 1), len(runs) - 1))
    bounds = [0, *cuts, n_papers]
    return [runs[k] for k in range(len(runs)) for _ in range(bounds[k], bounds[k + 1])]


def draw_series(seed: int) -> Series:
    rnd = random.Random(seed)
    mix = mix_of(seed)
    place = place_of(seed)
    n_papers = rnd.randint(6, 9) if len(MIXES[mix]) == 1 else rnd.randint(8, 10)
    if len(MIXES[mix]) > 3:  # four layouts, each run at least two papers long
        n_papers = rnd.randint(9, 11)
    first_year = (2013, 2014) if mix in APPENDIX_MIXES else (2015, 2019)
    start = dt.date(rnd.randint(*first_year), rnd.choice([1, 3, 6, 9]), 1)
    layouts = _layouts(rnd, mix, n_papers)
    papers: list[HPaper] = []
    when = start
    renumber_from = rnd.randint(2, n_papers - 2) if len(MIXES[mix]) == 1 else layouts.index("table")
    for i in range(n_papers):
        papers.append(
            HPaper(i, when, rnd.choice(FORMATS), renumbered=i >= renumber_from, layout=layouts[i])
        )
        when = add_months(when, rnd.randint(4, 8))
    for p in rnd.sample(papers, 2):  # two papers held in two formats
        p.fmt, p.twin = "docx", rnd.choice(["txt", "pdf"])
    areas = rnd.sample(AREAS, 6)
    audits: list[HAudit] = []
    recs: list[HRec] = []
    used: set[str] = set()
    generic_used = 0
    for k, (area, short) in enumerate(areas):
        first_pi = 0 if k < 3 else rnd.randint(1, n_papers - 3)
        audit = HAudit(
            area,
            short,
            add_months(papers[first_pi].date, -rnd.randint(2, 5)),
            rnd.choice(OPINIONS),
            f"{rnd.randint(1, 9)}.{rnd.randint(10, 30)}/"
            f"{(papers[first_pi].date.year - 1999) % 100:02d}",
        )
        audits.append(audit)
        _draw_recs(rnd, audit, k, first_pi, papers, recs, used, generic_used < 2)
        generic_used += 1
        if k == 0 and first_pi + 3 < n_papers:  # a re-audit of the same area, later
            re_pi = rnd.randint(first_pi + 2, n_papers - 1)
            again = HAudit(
                area,
                short,
                add_months(papers[re_pi].date, -2),
                rnd.choice(OPINIONS),
                f"{rnd.randint(1, 9)}.{rnd.randint(10, 30)}/"
                f"{(papers[re_pi].date.year - 1999) % 100:02d}",
                reaudit=True,
            )
            audits.append(again)
            _draw_recs(rnd, again, 99, re_pi, papers, recs, used, False)
    # every paper lists something (a tracker with nothing outstanding is not a tracker the
    # tool reads, and a closure is only seen in a later paper): a new audit where none is
    spare = [a for a in AREAS if a not in areas]
    while empty := [p.index for p in papers if not any(p.index in r.present for r in recs)]:
        area, short = spare.pop(rnd.randrange(len(spare)))
        audit = HAudit(
            area,
            short,
            add_months(papers[empty[0]].date, -rnd.randint(2, 5)),
            rnd.choice(OPINIONS),
            f"{rnd.randint(1, 9)}.{rnd.randint(10, 30)}/"
            f"{(papers[empty[0]].date.year - 1999) % 100:02d}",
        )
        audits.append(audit)
        _draw_recs(rnd, audit, len(audits), empty[0], papers, recs, used, False)
    for audit in audits:
        for p in papers:
            audit.style[p.index] = rnd.choice(
                ["plain", "plain", "dated", "opinion", "number", "short", "note", "amp"]
            )
    series = Series(seed, place, papers, audits, recs, mix)
    for p in papers:
        p.series = series.name
    return series


def _draw_recs(
    rnd: random.Random,
    audit: HAudit,
    k: int,
    first_pi: int,
    papers: list[HPaper],
    recs: list[HRec],
    used: set[str],
    generic: bool,
) -> None:
    n_papers = len(papers)
    for seq in range(1, rnd.randint(2, 5) + 1):
        title = (
            GENERIC_TITLES[k % len(GENERIC_TITLES)]
            if generic and seq == 1
            else _rec_title(rnd, used)
        )
        rec = HRec(
            f"{audit.area.split()[0].lower()}{'-re' if audit.reaudit else ''}-{seq}",
            audit,
            seq,
            title,
            _rec_text(rnd, title),
            rnd.choice(["High", "Medium", "Low"]),
            rnd.choice(PEOPLE),
            no_ref=rnd.random() < 0.1,
        )
        # its life: listed from first_pi, then one of: closed, refused closure, vanished, open
        fate = rnd.choice(["closed", "closed", "refused", "vanished", "open", "open"])
        last = rnd.randint(first_pi, n_papers - 1)
        if fate in ("closed", "vanished") and last == n_papers - 1:
            last = max(first_pi, n_papers - 2)
        skip = (
            rnd.randint(first_pi + 1, last - 1)
            if last - first_pi >= 3 and rnd.random() < 0.3
            else None
        )
        refused = rnd.randint(first_pi, last - 1) if fate == "refused" and last > first_pi else None
        for pi in range(first_pi, last + 1):
            if pi == skip:
                continue
            state = rnd.choice(["AMBER", "AMBER", "RED", "GREEN"])
            if pi == refused or (pi == last and fate == "closed"):
                state = "Proposed Closed"
            rec.present[pi] = state
        if rnd.random() < 0.3 and last > first_pi and title not in GENERIC_TITLES:
            rec.reworded_from = rnd.randint(first_pi + 1, last)
        # targets: a first one, then revisions (later months) and restatements (same month)
        target = add_months(papers[first_pi].date, rnd.randint(2, 9))
        target = target.replace(day=rnd.choice([1, 15, last_day(target).day]))
        rec.targets.append((first_pi, target, "day"))
        for pi in range(first_pi + 1, last + 1):
            roll = rnd.random()
            if roll < 0.3:
                target = add_months(target, rnd.randint(1, 6))
                rec.targets.append((pi, last_day(target), rnd.choice(["day", "month"])))
            elif roll < 0.4 and rec.targets[-1][2] == "day":
                rec.targets.append((pi, rec.targets[-1][1], "month"))  # restated, coarser
        recs.append(rec)


# ---- printing ---------------------------------------------------------------------------------


# the title styles a layout's audit heading can carry: the block years print one upper-case
# heading line `TITLE – OPINION Month YYYY` (the zoo's headings are alike), so its date and
# opinion are always their own parts of it, and a mixed-case bracket or note is not an
# upper-case title
BLOCK_STYLES = ("plain", "number", "short", "amp")
LINE_HEADINGS = ("block", "zoo")  # the layouts whose audit heading is one line


def audit_title(audit: HAudit, pi: int, layout: str = "table") -> tuple[str, str]:
    """(title cell line, assurance line) as paper `pi` prints the audit."""
    style = audit.style.get(pi, "plain")
    if layout in LINE_HEADINGS and style not in BLOCK_STYLES:
        style = "plain"
    title, line = audit.area, f"{audit.opinion} {month_text(audit.report)}"
    if style == "dated":
        title = f"{audit.area} – {MONTH_NAMES[audit.report.month - 1][:3]} {audit.report.year}"
        line = audit.opinion
    elif style == "opinion":
        title = f"{audit.short or audit.area} ({audit.opinion.title()})"
        line = month_text(audit.report)
    elif style == "number":
        title = f"{audit.area} ({audit.number})"
    elif style == "short" and audit.short:
        title = audit.short
    elif style == "note" and audit.reaudit:
        title = f"{audit.area} [Revisit audit]"
    elif style == "amp":
        title = audit.area.replace(" AND ", " & ")
    return title, line


def printed_ref(rec: HRec, paper: HPaper, listed: list[HRec]) -> str | None:
    """The reference a paper prints: `4.k` by the audit report's section, or counted again
    among the audit's listed recommendations once renumbered (`k` in the table layout, the
    section kept in the others, whose papers always print section references); only the
    table layout prints a recommendation without one. The appendix years print `a.k`, `a`
    the audit's place among the paper's audits."""
    if rec.no_ref and paper.layout == "table":
        return None
    if paper.layout == "2013":
        audits = list(dict.fromkeys(id(r.audit) for r in listed))
        same = [r for r in listed if r.audit is rec.audit]
        k = same.index(rec) + 1 if paper.renumbered else rec.seq
        return f"{audits.index(id(rec.audit)) + 1}.{k}"
    if paper.renumbered:
        same = [
            r for r in listed if r.audit is rec.audit and not (r.no_ref and paper.layout == "table")
        ]
        k = same.index(rec) + 1
        return str(k) if paper.layout == "table" else f"4.{k}"
    return f"4.{rec.seq}"


TITLE_WORDS = 8  # a paper printing no title names a recommendation by its text's first words


def first_words(text: str) -> str:
    """The first words of a text's first sentence: what a reader takes as the title of a
    recommendation printed without one (the appendix years)."""
    sentence = re.split(r"(?<=[.;:])\s", text, maxsplit=1)[0]
    return " ".join(sentence.split()[:TITLE_WORDS]).rstrip(".,;:")


def printed_title(rec: HRec, pi: int, layout: str = "table") -> str:
    """The title paper `pi` prints (reworded from a paper on); none in the appendix years,
    where the title is its text's first words."""
    if layout == "2013":
        return first_words(rec.text)
    if rec.reworded_from is not None and pi >= rec.reworded_from:
        words = rec.title.split()
        return " ".join(REWORD.get(w, w) for w in words) + (
            "" if any(w in REWORD for w in words) else " Arrangements"
        )
    return rec.title


def stated_targets(rec: HRec, pi: int) -> list[tuple[dt.date, str]]:
    """The chain a paper prints: every earlier target struck, the current one last; a
    restatement at a coarser precision replaces the statement it restates (nothing struck)."""
    chain: list[tuple[dt.date, str]] = []
    for p, d, how in rec.targets:
        if p > pi:
            break
        if (
            chain
            and how == "month"
            and (d.year, d.month) == (chain[-1][0].year, chain[-1][0].month)
        ):
            chain[-1] = (d, how)
        else:
            chain.append((d, how))
    return chain


def _show(d: dt.date, how: str) -> str:
    return day_text(d) if how == "day" else month_text(d)


def target_markup(chain: list[tuple[dt.date, str]], layout: str = "table") -> str:
    """The target line as each layout's papers print a chain: the tables strike every
    superseded date before `Revised Target Date`; the 2021 tables keep the first date plain
    and strike the later superseded ones after `revised to`; the block years write
    `revised to` between plain dates (their text conversions lose the strike)."""
    shown = [f"{{T:{_show(*c)}}}" for c in chain]
    if layout == "2013":
        return "Implementation Target Date: " + " – revised Target Date ".join(shown)
    if layout == "block":
        return "Implementation Target Date: " + " revised to ".join(shown)
    if layout == "2021":
        if len(shown) == 1:
            return f"Implementation Target Date: {shown[0]}"
        struck = " ".join(f"~~{s}~~" for s in shown[1:-1])
        return f"Implementation Target Date: {shown[0]} revised to {struck} {shown[-1]}".replace(
            "  ", " "
        )
    if len(chain) == 1:
        return f"Target Date: {shown[0]}"
    struck = " ".join(f"~~{s}~~" for s in shown[:-1])
    return f"Target Date: {struck} Revised Target Date {shown[-1]}"


def listed_in(series: Series, pi: int) -> list[HRec]:
    """The recommendations paper `pi` lists, in its order (by audit, then by section)."""
    listed = [r for r in series.recs if pi in r.present]
    listed.sort(key=lambda r: (series.audits.index(r.audit), r.seq))
    return listed


def priority_word(rec: HRec, paper: HPaper) -> str:
    return PRIORITY_WORDS[paper.layout][rec.priority]
