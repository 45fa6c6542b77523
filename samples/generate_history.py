"""Series of tracker papers of invented panels over many years, with the truth of every history.

Run:  python samples/generate_history.py OUT_DIR [--seeds 1,2,3] [--no-pdf]

Each seed is one panel (its own invented organisation, audits, people and dates) publishing a
tracker every four to eight months for years. Its papers are written in the 2022–25 table
layout by that sample generator's own builder and writers (samples/generate_2022.py,
samples/generate.py): the builder reads its module's RECS / PAPERS / ORGANISATION, which are
set to the generated ones for each paper. Every paper is written in one format chosen by the
seed (.txt, .docx, or .pdf converted from the .docx in one batched LibreOffice call), and
some papers twice (the Word original and a PDF or text conversion: twins).

What varies, all drawn from the seed (none of it hand-picked):
- references renumbered from one paper on (`4.2` becomes `2.`, counted again among the
  recommendations still listed), or printed without a reference;
- audit titles printed with their report date (`FLEET MANAGEMENT – Sept 2018`), an opinion in
  brackets, a report number, a note `[Revisit audit]`, an abbreviation (`MGMT`), or `&`;
- re-audits: the same area audited again later, its references restarting at 1 with new
  recommendations; generic recommendation titles (`Policy Review`) shared across audits;
- a recommendation title reworded while its reference is kept; a recommendation missing from
  one paper and back in the next (skipped);
- targets revised (struck, then `Revised Target Date`), restated at a coarser precision in the
  same month (`1st July 2024`, later `July 2024`: no revision);
- closures (proposed closed, then absent), refused closures (proposed closed, then listed
  again), vanishings (absent without a proposal).

The truth (`OUT_DIR/<series>/truth.json`): each paper (stem, files, date, index) and each
recommendation (its key, its snapshots by paper index with the reference and title printed
there, its original and latest target, revisions, slippage, closure paper and whether it
vanished, and whether it belongs to a re-audit).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402
import generate_2022 as g22  # noqa: E402

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

    @property
    def organisation(self) -> str:
        return f"POLICE AND CRIME COMMISSIONER FOR {self.place.upper()} JOINT AUDIT PANEL"

    @property
    def name(self) -> str:
        return f"{self.place.lower()}-{self.seed}"


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


def draw_series(seed: int) -> Series:
    rnd = random.Random(seed)
    place = PLACES[seed % len(PLACES)]
    n_papers = rnd.randint(6, 9)
    start = dt.date(rnd.randint(2015, 2019), rnd.choice([1, 3, 6, 9]), 1)
    papers: list[HPaper] = []
    when = start
    renumber_from = rnd.randint(2, n_papers - 2)
    for i in range(n_papers):
        papers.append(HPaper(i, when, rnd.choice(FORMATS), renumbered=i >= renumber_from))
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
    for audit in audits:
        for p in papers:
            audit.style[p.index] = rnd.choice(
                ["plain", "plain", "dated", "opinion", "number", "short", "note", "amp"]
            )
    series = Series(seed, place, papers, audits, recs)
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


def audit_title(audit: HAudit, pi: int) -> tuple[str, str]:
    """(title cell line, assurance line) as paper `pi` prints the audit."""
    style = audit.style.get(pi, "plain")
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
    if rec.no_ref:
        return None
    if paper.renumbered:
        same = [r for r in listed if r.audit is rec.audit and not r.no_ref]
        return str(same.index(rec) + 1)
    return f"4.{rec.seq}"


def printed_title(rec: HRec, pi: int) -> str:
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


def target_markup(chain: list[tuple[dt.date, str]]) -> str:
    def show(d: dt.date, how: str) -> str:
        return day_text(d) if how == "day" else month_text(d)

    if len(chain) == 1:
        return f"Target Date: {{T:{show(*chain[0])}}}"
    struck = " ".join(f"~~{{T:{show(*c)}}}~~" for c in chain[:-1])
    return f"Target Date: {struck} Revised Target Date {{T:{show(*chain[-1])}}}"


def g22_recs(series: Series, paper: HPaper) -> list[g22.Rec]:
    pi = paper.index
    listed = [r for r in series.recs if pi in r.present]
    listed.sort(key=lambda r: (series.audits.index(r.audit), r.seq))
    out = []
    audits: dict[int, g22.Audit] = {}
    for rec in listed:
        a = audits.get(id(rec.audit))
        if a is None:
            title, line = audit_title(rec.audit, pi)
            opinion, _, date = line.partition(" ASSURANCE")
            if "OPINION" in line or not date:
                a = g22.Audit({0: title}, line, "", {0: title.title()})
            else:
                a = g22.Audit({0: title}, f"{opinion} ASSURANCE", date.strip(), {0: title.title()})
            audits[id(rec.audit)] = a
        closing = rec.present[pi] == "Proposed Closed"
        update = month_text(paper.date)
        paras = [
            g22.Para(f"**{rec.priority} Priority Recommendation:** {rec.text}"),
            g22.Para(f"Responsible Person: {{O:{rec.owner}}}"),
            g22.Para(target_markup(stated_targets(rec, pi))),
            g22.Para(
                f"**{{U:Update {update}}}:** Work continues; the owner reported progress "
                f"to the {series.place} board."
            ),
        ]
        if closing:
            paras += [g22.Para(t) for t in g22.QA_CLOSED]
        ref = printed_ref(rec, paper, listed)
        out.append(
            g22.Rec(
                rec.key,
                a,
                ref,
                f"{ref}." if ref and "." not in ref else ref,
                printed_title(rec, pi),
                rec.priority,
                risk_column=True,
                printed=True,
                paras=paras,
                states={0: rec.present[pi]},
            )
        )
    return out


def write_series(series: Series, out: Path, pdf: bool = True) -> dict:
    folder = out / series.name
    folder.mkdir(parents=True, exist_ok=True)
    g22.ORGANISATION = series.organisation
    to_pdf: list[Path] = []
    files: dict[int, list[str]] = {}
    for paper in series.papers:
        month = f"{MONTH_NAMES[paper.date.month - 1].upper()} {paper.date.year}"
        gp = g22.Paper(
            paper.stem,
            month,
            dt.datetime(paper.date.year, paper.date.month, 8, 9),
            last_day(paper.date).isoformat(),
        )
        g22.RECS, g22.PAPERS = g22_recs(series, paper), [gp]
        blocks = g22.build(gp)
        wanted = [paper.fmt] + ([paper.twin] if paper.twin else [])
        if not pdf:
            wanted = [f if f != "pdf" else "txt" for f in wanted]
            wanted = list(dict.fromkeys(wanted))
        files[paper.index] = []
        for fmt in wanted:
            if fmt == "txt":
                gen.write_txt(gp, blocks, folder / f"{paper.stem}.txt")
            else:
                gen.write_docx(gp, blocks, folder / f"{paper.stem}.docx")
                if fmt == "pdf":
                    to_pdf.append(folder / f"{paper.stem}.docx")
            files[paper.index].append(f"{paper.stem}.{fmt}")
    if to_pdf:
        _batch_pdf(to_pdf)
        for docx in to_pdf:  # a paper whose only format is PDF keeps no .docx
            if f"{docx.stem}.docx" not in {f for fs in files.values() for f in fs}:
                docx.unlink()
    truth = series_truth(series, files)
    (folder / "truth.json").write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    return truth


def _batch_pdf(docs: list[Path]) -> None:
    """One LibreOffice call for every .docx (its own profile: calls may run in parallel)."""
    with tempfile.TemporaryDirectory(prefix="lo-history-") as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(docs[0].parent),
                *map(str, docs),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )


def series_truth(series: Series, files: dict[int, list[str]]) -> dict:
    papers = series.papers
    recs = []
    for rec in series.recs:
        pis = sorted(rec.present)
        listed_by = {}
        for pi in pis:
            listed = [r for r in series.recs if pi in r.present]
            listed.sort(key=lambda r: (series.audits.index(r.audit), r.seq))
            listed_by[pi] = {
                "ref": printed_ref(rec, papers[pi], listed),
                "title": printed_title(rec, pi),
                "state": rec.present[pi],
                "targets": [
                    (d if how == "day" else last_day(d)).isoformat()
                    for d, how in stated_targets(rec, pi)
                ],
            }
        moves = [rec.targets[0]]
        for t in rec.targets[1:]:
            if (t[1].year, t[1].month) > (moves[-1][1].year, moves[-1][1].month):
                moves.append(t)
        last = pis[-1]
        closed_by = vanished = None
        if rec.present[last] == "Proposed Closed" and last + 1 < len(papers):
            closed_by = last_day(papers[last + 1].date).isoformat()
        elif last + 1 < len(papers):
            vanished = last_day(papers[last + 1].date).isoformat()
        recs.append(
            {
                "key": rec.key,
                "audit": rec.audit.area,
                "reaudit": rec.audit.reaudit,
                "audit_month": f"{rec.audit.report:%Y-%m}",
                "snapshots": {str(pi): v for pi, v in listed_by.items()},
                "original_target": moves[0][1].isoformat(),
                "latest_target": moves[-1][1].isoformat()
                if moves[-1][2] == "day"
                else last_day(moves[-1][1]).isoformat(),
                "revisions": len(moves) - 1,
                "closed_by": closed_by,
                "vanished_from": vanished,
            }
        )
    for r in recs:
        r["slippage_days"] = (
            dt.date.fromisoformat(r["latest_target"]) - dt.date.fromisoformat(r["original_target"])
        ).days
    return {
        "series": series.name,
        "organisation": series.organisation,
        "papers": [
            {
                "index": p.index,
                "stem": p.stem,
                "date": last_day(p.date).isoformat(),
                "files": files[p.index],
            }
            for p in papers
        ],
        "recommendations": recs,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--no-pdf", action="store_true", help="write text instead of PDF")
    args = ap.parse_args(argv)
    if shutil.which("soffice") is None and not args.no_pdf:
        ap.error("soffice (LibreOffice) is needed for PDFs; use --no-pdf")
    for seed in (int(s) for s in args.seeds.split(",")):
        truth = write_series(draw_series(seed), args.out, pdf=not args.no_pdf)
        print(
            f"wrote {truth['series']}: {len(truth['papers'])} papers, "
            f"{len(truth['recommendations'])} recommendations"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
