"""A generator of cover target-date tables, written as Word documents, each with its truth.

The variation, described: audits with invented full titles; the table names each audit in a
heading row (one cell merged across the table) in a SHORT FORM of its title — its first
word(s), abbreviated words (`Mgmt`, `Proc.`), initials (`HR`), upper or title case — with
or without the report date after a dash; each recommendation's ref and title in one cell;
dates with words around them (`Originally 31/03/2024`, `30 June 2024 (agreed at audit)`,
`Revised: Q3 2024/25`); header wordings varied. A fixed share of combinations is held back.
"""

from __future__ import annotations

import calendar
import datetime
import random
from dataclasses import dataclass

from docx import Document
from form_variants import held_back

# full title -> the short forms a cover may print for it
AUDITS = {
    "Fleet Management": ("FLEET", "Fleet Mgmt", "Fleet Mgt"),
    "Human Resources – Recruitment and Vetting": (
        "HR Recruitment",
        "HR – Recruitment",
        "RECRUITMENT",
    ),
    "Procurement Cards": ("Proc. Cards", "PROCUREMENT", "Procurement"),
    "General Data Protection Regulation (GDPR)": ("GDPR", "Data Protection"),
    "Estates Management and Maintenance": ("Estates Mgmt", "ESTATES", "Estates"),
    "Risk Management Framework": ("Risk Mgmt", "RISK MANAGEMENT", "Risk"),
    "Payroll and Expenses": ("PAYROLL", "Payroll & Exp.", "Payroll"),
    "Cyber Security Arrangements": ("CYBER", "Cyber Security", "Cyber Sec."),
}
TITLES = (
    "Fuel card controls",
    "Contract register",
    "Leaver process",
    "Access reviews",
    "Supplier vetting",
    "Budget monitoring",
    "Key register",
    "Training records",
)
HEADERS = (
    ("Recommendation", "Original Target Date", "Current Target Date"),
    ("Ref / Recommendation", "Agreed date", "Revised date"),
    ("Reference", "Original target", "Current target"),
)
DATE_WORDS = ("{d}", "Originally {d}", "{d} (agreed at audit)", "Revised: {d}", "now {d}")


@dataclass(frozen=True)
class TargetRowTruth:
    audit: str  # the full title the row belongs to
    ref: str
    title: str
    original: datetime.date
    current: datetime.date


@dataclass
class TargetCase:
    combination: tuple[str, ...]
    header: tuple[str, str, str]
    rows: list[tuple[str, ...]]  # a heading row is one text; a record row three
    truth: list[TargetRowTruth]

    @property
    def held_back(self) -> bool:
        return held_back(*self.combination)


def _print_date(rng: random.Random, d: datetime.date, quarter: bool) -> tuple[str, datetime.date]:
    if quarter:
        q = (d.month - 4) % 12 // 3 + 1
        start = d.year if d.month >= 4 else d.year - 1
        month = {1: 6, 2: 9, 3: 12, 4: 3}[q]
        year = start + 1 if q == 4 else start
        end = datetime.date(year, month, calendar.monthrange(year, month)[1])
        return f"Q{q} {start}/{str(start + 1)[2:]}", end
    form = rng.choice(("%d/%m/%Y", "%d %B %Y"))
    return d.strftime(form).lstrip("0"), d


def target_cases(seed: int = 18) -> list[TargetCase]:
    rng = random.Random(seed)
    out: list[TargetCase] = []
    for header in HEADERS:
        for dated_heading in (True, False):
            for words in DATE_WORDS:
                for quarter in (False, True):
                    audits = rng.sample(sorted(AUDITS), 3)
                    rows: list[tuple[str, ...]] = []
                    truth: list[TargetRowTruth] = []
                    for audit in audits:
                        short = rng.choice(AUDITS[audit])
                        month = rng.randint(1, 12)
                        heading = (
                            f"{short} – {calendar.month_name[month]} 2023"
                            if dated_heading
                            else short
                        )
                        rows.append((heading,))
                        for k, title in enumerate(rng.sample(TITLES, rng.randint(1, 3)), 1):
                            first = datetime.date(2024, rng.randint(1, 12), rng.randint(1, 28))
                            later = first + datetime.timedelta(days=rng.randint(95, 400))
                            o_text, o_date = _print_date(rng, first, quarter)
                            c_text, c_date = _print_date(rng, later, quarter)
                            ref = str(k)
                            rows.append(
                                (f"{ref} {title}", words.format(d=o_text), words.format(d=c_text))
                            )
                            truth.append(TargetRowTruth(audit, ref, title, o_date, c_date))
                    combination = (header[1], f"dated={dated_heading}", words, f"quarter={quarter}")
                    out.append(TargetCase(combination, header, rows, truth))
    return out


def write_docx(case: TargetCase, path) -> None:  # noqa: ANN001
    doc = Document()
    doc.add_paragraph("Table of Original Target Dates and Current Target Dates")
    table = doc.add_table(rows=1 + len(case.rows), cols=3)
    table.style = "Table Grid"
    for j, text in enumerate(case.header):
        table.cell(0, j).text = text
    for i, row in enumerate(case.rows, 1):
        if len(row) == 1:
            merged = table.cell(i, 0).merge(table.cell(i, 2))
            merged.text = row[0]
        else:
            for j, text in enumerate(row):
                table.cell(i, j).text = text
    doc.save(str(path))
