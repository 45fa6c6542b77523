"""The layout zoo (issue 18): tracker papers in layouts no spec was written for, with truth.

Run:  .venv/bin/python samples/generate_zoo.py OUT_DIR [--papers N] [--no-pdf]

Every paper is one combination of the ways audit trackers vary, drawn from a seeded random
generator (nothing hand-picked):

- form: one table per audit, one register for all audits, a key-value table per
  recommendation (no header row, ref and title in a caption above), labelled paragraphs
  (`Label: value` lines under a caption), or a numbered list of such blocks;
- the audit: a heading above (bold, numbered, `Audit:` labelled, a `Table n:` caption), a
  metadata line under it (`Report issued: … | Assurance opinion: …`), a sentence before
  the table, or an audit column (on every row, on the first row only, or a ditto below);
- the columns: which roles a table has, each header in one of several wordings, in any
  order, a header wrapped in its cell (two lines) or in a narrow column, a group header
  over `Original | Revised` target columns;
- vocabularies: priority as a word, a number (`1 (High)`, `Priority 2`, `P3`), another
  scale (`Fundamental / Significant / Housekeeping`) or only as the fill colour of the Ref
  cell decoded by a key table; statuses (`Implemented`, `Partly implemented`, `In
  progress`, `Superseded`, …) in a column, leading the update, or as a colour with a
  status key (`Blue | Implemented`); dates (`31 March 2024`, `31/03/2024`, `March 2024`,
  …); owners (`Name`, `Name, Job title`, `Job title – Name`, two people joined by `/` or
  `and`).

Everything printed is invented. Each paper is written as `.docx` (python-docx, via the shared
writer `generate.py`), its text conversion `.txt`, and `.pdf` (LibreOffice, every paper of a
run converted by one `soffice` call with its own profile), with `<stem>.json` holding its
truth: the combination (`dims`), whether it is in the held-back share, and per recommendation
the audit title, ref, title, priority level, status, current target (`YYYY-MM`) and owner
surnames. The held-back share is fixed by a hash of each paper's seed (a fifth of them) and
is never looked at while tuning the readers (`tests/test_zoo.py` reports it apart); half of
it prints header and label wordings the tuned share never prints (`UNSEEN_HEADERS`,
`UNSEEN_LABELS`, the dimension `wording`). The truth states only what a paper prints (no
owner column: no owners; no date column: no target; no ref column: no ref).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from generate import Block, C, P, R, T, par, write_docx, write_txt  # noqa: E402

SEED = "zoo-2026"
PAPERS = 160
HELD_BACK_EVERY = 5  # one paper in five, by the hash of its seed

FORMS = ("audit_tables", "register", "kv_tables", "labelled", "numbered_blocks")
AUDIT_PLACES = {
    "audit_tables": ("bold_heading", "numbered_heading", "label", "caption", "metadata_line"),
    "register": ("column_every_row", "column_first_row", "column_ditto"),
    "kv_tables": ("bold_heading", "numbered_heading", "label"),
    "labelled": ("bold_heading", "numbered_heading", "label", "metadata_line"),
    "numbered_blocks": ("bold_heading", "label"),
}
PRIORITY_FORMS = ("word", "number", "priority_n", "p_n", "other_scale", "colour")
STATUS_FORMS = ("column", "update_lead")  # tables may also print a colour with a key
DATE_FORMS = ("long", "slashes", "month_year", "ordinal", "dots")
OWNER_FORMS = ("name", "name_job", "job_name", "two_slash", "two_and")

# header wordings of each column role (a paper takes one of each)
HEADERS = {
    "ref": ("Ref", "Ref.", "No.", "Rec no", "Recommendation ref", "Rec. Ref", "#"),
    "action": (
        "Recommendation",
        "Agreed action",
        "Management action",
        "Agreed management action",
        "Action agreed",
        "Recommendation / agreed action",
    ),
    "priority": ("Priority", "Risk rating", "Grade", "Priority level", "Rating", "Risk"),
    "owner": (
        "Responsible officer",
        "Owner",
        "Action owner",
        "Lead officer",
        "Responsibility",
        "Officer responsible",
    ),
    "original": (
        "Target date",
        "Original target date",
        "Agreed date",
        "Due date",
        "Implementation date",
        "Agreed implementation date",
    ),
    "revised": ("Revised date", "Revised target", "New target date", "Revised target date"),
    "status": ("Status", "Current status", "Implementation status", "Status at follow-up"),
    "update": ("Update", "Comments", "Progress update", "Latest position", "Management update"),
    "audit": ("Audit", "Audit title", "Audit area", "Audit report", "Review"),
}
# the labels of key-value tables and labelled paragraphs
LABELS = {
    "action": ("Recommendation", "Agreed action", "Management action", "Action agreed"),
    "priority": ("Priority", "Risk rating", "Grade"),
    "owner": ("Responsible officer", "Responsible Officer", "Action owner", "Lead officer"),
    "original": ("Agreed implementation date", "Target date", "Original target date", "Due date"),
    "revised": ("Revised target", "Revised date", "New target date"),
    "status": ("Status", "Current status", "Position at follow-up"),
    "update": ("Update", "Progress", "Comments", "Latest position"),
}

# wordings never printed in the share tuned on: half the held-back papers take theirs from
# here, so the held-back figures include headers and labels the readers were not written for
UNSEEN_HEADERS = {
    "ref": ("Reference", "Item", "Rec. No."),
    "action": ("Agreed actions", "Recommendation made", "Finding and recommendation"),
    "priority": ("Risk level", "Category", "Significance"),
    "owner": ("Accountable officer", "Lead", "Manager responsible"),
    "original": ("Deadline", "Completion date", "Timescale"),
    "revised": ("Extended to", "New deadline", "Revised timescale"),
    "status": ("RAG status", "Implemented?", "Progress status"),
    "update": ("Progress to date", "Notes", "Management comments"),
    "audit": ("Audit assignment", "Review title", "Report"),
}
UNSEEN_LABELS = {
    "action": ("Finding", "Agreed response", "Recommendation made"),
    "priority": ("Risk level", "Category"),
    "owner": ("Accountable manager", "Lead"),
    "original": ("Deadline", "Completion date"),
    "revised": ("Extended deadline", "Revised timescale"),
    "status": ("Implementation status", "RAG status"),
    "update": ("Progress to date", "Management comments"),
}

AUDIT_NAMES = (
    "Payroll Controls", "Fleet Fuel Cards", "Procurement Cards", "Information Governance",
    "Estates Maintenance", "Seized Property", "Overtime Claims", "Cyber Security",
    "Business Continuity", "Contract Management", "Staff Vetting", "Firearms Licensing",
    "Duty Rostering", "Accounts Payable", "Asset Register", "Council Tax Refunds",
    "Grants to Voluntary Groups", "Housing Repairs", "Pension Contributions", "Mileage Claims",
    "Data Protection Requests", "Treasury Management", "Capital Programme", "Building Control",
    "Licensing Fees", "Debt Recovery", "Agency Staff", "Energy Contracts", "Network Access",
    "Records Retention", "Income Collection", "Stores and Stock",
)  # fmt: skip
OPINIONS = ("Limited", "Reasonable", "Substantial", "Moderate", "Minimal")
VERBS = (
    "Reconcile", "Review", "Document", "Update", "Approve", "Record", "Test", "Check",
    "Publish", "Retain", "Monitor", "Authorise", "Report", "Train staff on",
)  # fmt: skip
OBJECTS = (
    "the supplier master file", "the access rights of leavers", "the monthly exception report",
    "the scheme of delegation", "the asset disposal log", "the key holder list",
    "the overtime authorisation forms", "the backup restore tests", "the contract register",
    "the risk register entries", "the petty cash floats", "the refund approvals",
    "the purchase card limits", "the retention schedule", "the stock count variances",
    "the business continuity plans", "the bank mandate changes", "the licence renewals",
)  # fmt: skip
WHEN = (
    "each month", "every quarter", "before payment is made", "within ten working days",
    "at least annually", "as soon as a change is notified", "before the year end",
)  # fmt: skip
SECOND = (
    "Evidence of the check should be kept.", "Exceptions should be reported to the manager.",
    "The procedure note should be updated to match.", "Staff should be reminded of the rule.",
    "A sample should be checked by a second officer.",
)  # fmt: skip
FIRST_NAMES = (
    "Aisha", "Bernard", "Ciara", "Dominic", "Elspeth", "Farid", "Greta", "Hamish", "Ingrid",
    "Jonah", "Keziah", "Leon", "Marisol", "Niall", "Orla", "Pritam", "Rosalind", "Stellan",
    "Tamsin", "Umar", "Vivienne", "Wendell", "Yasmin", "Zoltan",
)  # fmt: skip
SURNAMES = (
    "Ashcombe", "Blakewell", "Carrow", "Delacey", "Everdine", "Fennimore", "Gorrick",
    "Hollins", "Ilsley", "Jarrold", "Kettering", "Lusted", "Marchbank", "Northwood",
    "Oakshott", "Pendry", "Quarrie", "Rudgwick", "Selwood", "Thackeray", "Upcott",
    "Varley", "Whitlock", "Yelland",
)  # fmt: skip
JOBS = (
    "Head of Finance", "Payroll Manager", "ICT Security Lead", "Estates Manager",
    "Procurement Officer", "Head of HR", "Fleet Manager", "Information Manager",
)  # fmt: skip
STATUSES = (
    # as printed, what it means (interchange status)
    ("Implemented", "closed"),
    ("Complete", "closed"),
    ("Partly implemented", "open"),
    ("Partially implemented", "open"),
    ("Not implemented", "open"),
    ("In progress", "open"),
    ("Not started", "open"),
    ("Overdue", "open"),
    ("Superseded", "superseded"),
)
# a status printed only as a colour (its name in a filled cell), decoded by the paper's key:
# colour, fill, the key's phrase, what it means
RAG_KEY = (
    ("Blue", "0070C0", "Implemented", "closed"),
    ("Green", "92D050", "In progress", "open"),
    ("Amber", "FFC000", "Not started", "open"),
    ("Red", "FF0000", "Overdue", "open"),
)
LEVELS = ("high", "medium", "low")
WORDS = {"high": "High", "medium": "Medium", "low": "Low"}
OTHER_SCALE = {"high": "Fundamental", "medium": "Significant", "low": "Housekeeping"}
NUMBER = {"high": "1", "medium": "2", "low": "3"}
KEY_FILLS = {"high": "FF0000", "medium": "FFC000", "low": "92D050"}
UPDATES = (
    "The new procedure has been drafted and is awaiting sign-off.",
    "Work has started and the first checks were completed last month.",
    "Progress has been slower than planned owing to vacancies in the team.",
    "The control is now in place and operating as intended.",
    "A replacement approach was agreed with the auditors.",
)  # fmt: skip
ORGANISATIONS = (
    "Westvale Borough Council", "Harrowmere County Council", "Calderbrook NHS Trust",
    "Joint Audit Committee of the Ravensmoor Police and Crime Commissioner",
)  # fmt: skip
SENTENCES = (
    "The table below sets out each agreed action and the position reported by management.",
    "Management have provided the following update on the agreed actions.",
    "Progress against each recommendation is summarised below.",
)  # fmt: skip


@dataclass
class Rec:
    ref: str
    action: str  # the recommendation's text; its title is the first sentence
    title: str
    level: str
    status_printed: str
    status: str
    original: date
    revised: date | None
    owners_printed: str
    owner_surnames: list[str]
    update: str


@dataclass
class Audit:
    title: str
    opinion: str
    issued: date
    recs: list[Rec] = field(default_factory=list)


@dataclass
class Combination:
    form: str
    audit_place: str
    columns: list[str]  # the roles of the table's columns, in order (table forms)
    headers: dict[str, str]  # role -> the wording printed
    labels: dict[str, str]  # role -> the label printed (key-value tables, labelled lines)
    wording: str  # "seen": the wordings of HEADERS / LABELS; "unseen": UNSEEN_* (held back)
    wrapped: bool
    narrow_ref: bool
    group_header: bool
    sentence_before: bool
    priority_form: str
    status_form: str
    date_form: str
    owner_form: str
    caption_form: int
    auto_numbers: bool = False  # numbered blocks: Word's automatic list numbers

    def dims(self) -> dict[str, object]:
        return {
            "form": self.form,
            "audit_place": self.audit_place,
            "columns": len(self.columns),
            "wrapped": self.wrapped or self.narrow_ref,
            "group_header": self.group_header,
            "sentence_before": self.sentence_before,
            "priority_form": self.priority_form,
            "status_form": self.status_form,
            "date_form": self.date_form,
            "owner_form": self.owner_form,
            "wording": self.wording,
            "auto_numbers": self.auto_numbers,
        }


@dataclass
class ZooPaper:
    stem: str
    seed: str
    held_back: bool
    combination: Combination
    organisation: str
    paper_date: date
    audits: list[Audit]
    # what the shared writers need of a paper (generate.PaperLike)
    month: str = ""
    doc_date: datetime = datetime(2024, 1, 1)
    list_style: str = "li"


def held_back(seed: str) -> bool:
    """The fixed share kept out of tuning: decided by the seed's hash, not by its content."""
    return int(hashlib.sha256(seed.encode()).hexdigest(), 16) % HELD_BACK_EVERY == 0


def _date_text(d: date, form: str) -> str:
    if form == "slashes":
        return d.strftime("%d/%m/%Y")
    if form == "month_year":
        return d.strftime("%B %Y")
    if form == "ordinal":
        suffix = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
        return f"{d.day}{suffix} {d.strftime('%B %Y')}"
    if form == "dots":
        return d.strftime("%d.%m.%Y")
    return f"{d.day} {d.strftime('%B %Y')}"


def _priority_text(level: str, form: str) -> str:
    if form == "number":
        return f"{NUMBER[level]} ({WORDS[level]})"
    if form == "priority_n":
        return f"Priority {NUMBER[level]}"
    if form == "p_n":
        return f"P{NUMBER[level]}"
    if form == "other_scale":
        return OTHER_SCALE[level]
    return WORDS[level]


def _month_end(year: int, month: int) -> date:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def _combination(rnd: random.Random, unseen: bool = False) -> Combination:
    """One paper's combination; `unseen` (held-back papers only) may take its wordings from
    the lists the share tuned on never prints."""
    form = rnd.choice(FORMS)
    place = rnd.choice(AUDIT_PLACES[form])
    columns: list[str] = []
    if form in ("audit_tables", "register"):
        optional = ["priority", "owner", "original", "revised", "status", "update"]
        chosen = [r for r in optional if rnd.random() < 0.7]
        if len([r for r in chosen if r != "revised"]) < 2:
            chosen = ["owner", "original", *[r for r in chosen if r not in ("owner", "original")]]
        if "revised" in chosen and "original" not in chosen:
            chosen.append("original")
        if "status" not in chosen and "update" not in chosen:  # the status is printed somewhere
            chosen.append("status")
        columns = ["action", *chosen]
        rnd.shuffle(columns)
        if rnd.random() < 0.85:
            columns.insert(0, "ref")
        if form == "register":
            columns.insert(0 if rnd.random() < 0.7 else 1, "audit")
    priority_form = rnd.choice(PRIORITY_FORMS)
    if priority_form == "colour" and (
        form not in ("audit_tables", "register") or "ref" not in columns
    ):
        priority_form = "word"
    if priority_form == "colour" and "priority" in columns:
        columns.remove("priority")
    if (
        priority_form != "colour"
        and form in ("audit_tables", "register")
        and ("priority" not in columns)
    ):
        priority_form = "none"
    headers = {role: rnd.choice(HEADERS[role]) for role in HEADERS}
    labels = {role: rnd.choice(LABELS[role]) for role in LABELS}
    wording = "unseen" if unseen and rnd.random() < 0.5 else "seen"
    if wording == "unseen":
        headers = {role: rnd.choice(UNSEEN_HEADERS[role]) for role in HEADERS}
        labels = {role: rnd.choice(UNSEEN_LABELS[role]) for role in LABELS}
    if form in ("audit_tables", "register") and "status" not in columns:
        status_form = "update_lead" if "update" in columns else "none"
    else:
        status_form = (
            rnd.choice(STATUS_FORMS)
            if form not in ("audit_tables", "register")
            else ("rag_key" if rnd.random() < 0.25 else "column")
        )
    group = "original" in columns and "revised" in columns and rnd.random() < 0.4
    return Combination(
        form=form,
        audit_place=place,
        columns=columns,
        headers=headers,
        labels=labels,
        wording=wording,
        wrapped=rnd.random() < 0.3,
        narrow_ref=rnd.random() < 0.3,
        group_header=group,
        sentence_before=form != "register" and rnd.random() < 0.4,
        priority_form=priority_form,
        status_form=status_form,
        date_form=rnd.choice(DATE_FORMS),
        owner_form=rnd.choice(OWNER_FORMS),
        caption_form=rnd.randrange(3),
        auto_numbers=form == "numbered_blocks" and rnd.random() < 0.5,
    )


def _person(rnd: random.Random) -> tuple[str, str]:
    first, last = rnd.choice(FIRST_NAMES), rnd.choice(SURNAMES)
    return f"{first} {last}", last


def _owners(rnd: random.Random, form: str) -> tuple[str, list[str]]:
    name, last = _person(rnd)
    if form == "name_job":
        return f"{name}, {rnd.choice(JOBS)}", [last]
    if form == "job_name":
        return f"{rnd.choice(JOBS)} – {name}", [last]
    if form in ("two_slash", "two_and"):
        other, last2 = _person(rnd)
        while last2 == last:
            other, last2 = _person(rnd)
        joiner = " / " if form == "two_slash" else " and "
        return f"{name}{joiner}{other}", [last, last2]
    return name, [last]


def _audits(rnd: random.Random, combo: Combination, paper_date: date) -> list[Audit]:
    names = rnd.sample(AUDIT_NAMES, rnd.randint(2, 4))
    audits: list[Audit] = []
    for k, name in enumerate(names, start=1):
        issued = _month_end(paper_date.year - 1, rnd.randint(1, 12))
        audit = Audit(name, rnd.choice(OPINIONS), issued)
        for j in range(1, rnd.randint(2, 4) + 1):
            verb, obj, when = rnd.choice(VERBS), rnd.choice(OBJECTS), rnd.choice(WHEN)
            title = f"{verb} {obj} {when}."
            action = f"{title} {rnd.choice(SECOND)}"
            printed, status = rnd.choice(STATUSES)
            if combo.status_form == "rag_key":
                printed, _fill, _phrase, status = rnd.choice(RAG_KEY)
            original = _month_end(
                issued.year + (issued.month + 3) // 12, (issued.month + 3) % 12 + 1
            )
            revised = None
            if rnd.random() < 0.5:
                months = rnd.randint(3, 9)
                revised = _month_end(
                    original.year + (original.month + months - 1) // 12,
                    (original.month + months - 1) % 12 + 1,
                )
            owners, surnames = _owners(rnd, combo.owner_form)
            audit.recs.append(Rec(
                ref=f"{k}.{j}" if combo.form != "numbered_blocks" else str(len(
                    [r for a in audits for r in a.recs]) + j),
                action=action, title=title, level=rnd.choice(LEVELS),
                status_printed=printed, status=status, original=original, revised=revised,
                owners_printed=owners, owner_surnames=surnames, update=rnd.choice(UPDATES),
            ))  # fmt: skip
        audits.append(audit)
    return audits


def make_paper(index: int) -> ZooPaper:
    seed = f"{SEED}-{index}"
    rnd = random.Random(seed)
    combo = _combination(rnd, unseen=held_back(seed))
    paper_date = date(rnd.randint(2019, 2025), rnd.randint(1, 12), rnd.randint(1, 28))
    paper = ZooPaper(
        stem=f"zoo-{index:03d}-{combo.form.replace('_', '-')}",
        seed=seed,
        held_back=held_back(seed),
        combination=combo,
        organisation=rnd.choice(ORGANISATIONS),
        paper_date=paper_date,
        audits=_audits(rnd, combo, paper_date),
    )
    paper.month = paper_date.strftime("%B %Y")
    paper.doc_date = datetime(paper_date.year, paper_date.month, paper_date.day, 9, 0)
    return paper


# ---- the paper's blocks -----------------------------------------------------------------


@dataclass
class KeepP(P):
    """A heading, caption or lead-in sentence kept on the page of what follows it, as Word's
    heading styles do (`keep_with_next`)."""


def _keep(markup: str) -> KeepP:
    head = par(markup)
    return KeepP(head.runs, head.style)


@dataclass
class NumberedP(KeepP):
    """A caption numbered by Word's `List Number` style: the number is not in its text (the
    text conversion prints it, as converters do)."""

    number: str = ""


def _install_keep_with_next() -> None:
    """Let the shared Word writer keep a `KeepP` with the next paragraph and number a
    `NumberedP` automatically; the text writer prints a `NumberedP`'s number."""
    plain, plain_md = generate._fill_paragraph, generate._md
    if getattr(plain, "keeps", False):
        return

    def fill(dp, p: P, size: float | None) -> None:  # noqa: ANN001
        plain(dp, p, size)
        if isinstance(p, KeepP):
            dp.paragraph_format.keep_with_next = True
        if isinstance(p, NumberedP):
            dp.style = "List Number"

    def md(p: P) -> str:
        text = plain_md(p)
        return f"{p.number}. {text}" if isinstance(p, NumberedP) else text

    fill.keeps = True  # type: ignore[attr-defined]
    generate._fill_paragraph, generate._md = fill, md


HEADER_FILL = "D9D9D9"


def _heading_lines(audit: Audit, combo: Combination, number: int) -> list[P]:
    """The audit's heading (and the metadata line under it) as this paper prints it."""
    issued = audit.issued.strftime("%B %Y")
    opinion = f"{audit.opinion} assurance"
    place = combo.audit_place
    lines: list[P]
    if place == "numbered_heading":
        lines = [_keep(f"**{number}. {audit.title} (report issued {issued}): {opinion}**")]
    elif place == "label":
        lines = [_keep(f"Audit: {audit.title} | Report issued: {issued} | Opinion: {opinion}")]
    elif place == "caption":
        lines = [_keep(f"**Table {number}: {audit.title} – {opinion} – {issued}**")]
    elif place == "metadata_line":
        lines = [
            _keep(f"**{audit.title}**"),
            _keep(f"Original report issued: {issued} | Assurance opinion: {opinion}"),
        ]
    else:
        lines = [_keep(f"**{audit.title} – {opinion} – report issued {issued}**")]
    if combo.sentence_before:
        lines.append(_keep(SENTENCES[number % len(SENTENCES)]))
    return lines


def _value(rec: Rec, role: str, combo: Combination) -> str:
    if role == "ref":
        return rec.ref
    if role == "action":
        return rec.action
    if role == "priority":
        return _priority_text(rec.level, combo.priority_form)
    if role == "owner":
        return rec.owners_printed
    if role == "original":
        return _date_text(rec.original, combo.date_form)
    if role == "revised":
        return _date_text(rec.revised, combo.date_form) if rec.revised else "-"
    if role == "status":
        return rec.status_printed
    if role == "update":
        if combo.status_form == "update_lead" and "status" not in combo.columns:
            return f"{rec.status_printed}. {rec.update}"
        return rec.update
    raise ValueError(role)


def _header_cell(text: str, combo: Combination) -> C:
    words = text.split()
    if combo.wrapped and len(words) >= 2:
        half = (len(words) + 1) // 2
        return C(
            [par(f"**{' '.join(words[:half])}**"), par(f"**{' '.join(words[half:])}**")],
            fill=HEADER_FILL,
        )
    return C([par(f"**{text}**")], fill=HEADER_FILL)


def _widths(columns: list[str], combo: Combination) -> list[float]:
    wide = {"action": 5.0, "update": 4.5, "owner": 3.0, "audit": 3.0}
    widths = [wide.get(r, 2.2) for r in columns]
    if "ref" in columns:
        widths[columns.index("ref")] = 1.1 if combo.narrow_ref else 1.6
    scale = 16.0 / sum(widths)  # the text width of a portrait A4 page
    return [round(w * scale, 2) for w in widths]


def _header_rows(combo: Combination) -> list[R]:
    cols, head = combo.columns, combo.headers
    if not combo.group_header:
        return [R([_header_cell(head[r], combo) for r in cols])]
    top: list[C | None] = []
    bottom: list[C | None] = []
    for role in cols:
        if role == "original":
            top.append(C([par("**Target date**")], fill=HEADER_FILL, colspan=2))
            bottom.append(C([par("**Original**")], fill=HEADER_FILL))
        elif role == "revised":
            top.append(None)
            bottom.append(C([par("**Revised**")], fill=HEADER_FILL))
        else:
            top.append(C([par(f"**{head[role]}**")], fill=HEADER_FILL, rowspan=2))
            bottom.append(None)
    return [R(top), R(bottom)]


def _group_order(combo: Combination) -> None:
    """A group header spans adjacent columns: the revised column follows the original."""
    if combo.group_header:
        cols = [r for r in combo.columns if r != "revised"]
        cols.insert(cols.index("original") + 1, "revised")
        combo.columns = cols


def _row(rec: Rec, combo: Combination, audit_cell: str | None) -> R:
    cells: list[C | None] = []
    for role in combo.columns:
        if role == "audit":
            cells.append(C([par(audit_cell)] if audit_cell else []))
            continue
        fill = KEY_FILLS[rec.level] if role == "ref" and combo.priority_form == "colour" else None
        if role == "status" and combo.status_form == "rag_key":
            fill = next(f for colour, f, _p, _s in RAG_KEY if colour == rec.status_printed)
        cells.append(C([par(_value(rec, role, combo))], fill=fill))
    return R(cells)


def _status_key_table() -> list[P | T]:
    rows = [R([C([par("**Status key**")], fill=HEADER_FILL, colspan=2), None])]
    for colour, fill, phrase, _status in RAG_KEY:
        rows.append(R([C([par(colour)], fill=fill), C([par(phrase)])]))
    return [par("The status column shows the position by colour:"), T(rows, [2.0, 4.0])]


def _key_table() -> list[P | T]:
    rows = [R([C([par("**Priority key**")], fill=HEADER_FILL, colspan=2), None])]
    for level in LEVELS:
        rows.append(R([C([], fill=KEY_FILLS[level]), C([par(WORDS[level])])]))
    return [par("Priorities are shown by the colour of the reference cell:"), T(rows, [1.5, 4.0])]


def _caption(rec: Rec, combo: Combination, with_priority: bool) -> KeepP:
    prio = f" ({_priority_text(rec.level, combo.priority_form)} priority)" if with_priority else ""
    title = rec.title.rstrip(".")
    if combo.form == "numbered_blocks" and combo.auto_numbers:
        head = par(f"**{title}{prio}**")
        return NumberedP(head.runs, head.style, number=rec.ref)
    if combo.form == "numbered_blocks":
        return _keep(f"**{rec.ref}. {title}{prio}**")
    if combo.caption_form == 1:
        return _keep(f"**{rec.ref} {title}{prio}**")
    if combo.caption_form == 2:
        return _keep(f"**Ref {rec.ref} – {title}{prio}**")
    return _keep(f"**Recommendation {rec.ref}: {title}{prio}**")


def _priority_in_caption(combo: Combination) -> bool:
    """Labelled blocks may print the priority in the caption (`(Medium priority)`)."""
    return (
        combo.form != "kv_tables"
        and combo.caption_form == 0
        and combo.priority_form in ("word", "other_scale")
    )


def _kv_rows(rec: Rec, combo: Combination, rnd: random.Random) -> list[tuple[str, str]]:
    roles = ["action", "priority", "owner", "original", "revised", "status", "update"]
    if combo.priority_form == "colour" or _priority_in_caption(combo):
        roles.remove("priority")
    if rec.revised is None and rnd.random() < 0.5:
        roles.remove("revised")
    if combo.status_form == "update_lead":  # the verdict leads the update
        roles.remove("status")
    pairs = []
    for role in roles:
        label, value = combo.labels[role], _value(rec, role, combo)
        if role == "update" and combo.status_form == "update_lead":
            label = f"Position at follow-up ({rnd.choice(('March', 'June', 'October'))})"
            value = f"{rec.status_printed}. {rec.update}"
        pairs.append((label, value))
    return pairs


def build(paper: ZooPaper) -> list[Block]:
    combo = paper.combination
    _group_order(combo)
    rnd = random.Random(paper.seed + "/layout")
    blocks: list[Block] = [
        par(f"**{paper.organisation.upper()}**"),
        par("**Internal Audit – Follow-up of Recommendations**"),
        par(f"Date: {paper.paper_date.day} {paper.paper_date.strftime('%B %Y')}"),
        par(
            "This report sets out progress made by management in implementing the "
            "recommendations agreed in internal audit reports."
        ),
    ]
    if combo.priority_form == "colour":
        blocks += _key_table()
    if combo.status_form == "rag_key":
        blocks += _status_key_table()
    if combo.form == "register":
        rows = _header_rows(combo)
        for audit in paper.audits:
            for k, rec in enumerate(audit.recs):
                text: str | None = audit.title
                if k and combo.audit_place == "column_first_row":
                    text = None
                elif k and combo.audit_place == "column_ditto":
                    text = "“"
                rows.append(_row(rec, combo, text))
        blocks += [
            _keep("**Register of outstanding recommendations**"),
            T(rows, _widths(combo.columns, combo), breakable=True),
        ]
        return blocks
    for number, audit in enumerate(paper.audits, start=1):
        blocks += _heading_lines(audit, combo, number)
        if combo.form == "audit_tables":
            rows = _header_rows(combo) + [_row(rec, combo, None) for rec in audit.recs]
            blocks.append(T(rows, _widths(combo.columns, combo), breakable=True))
            continue
        for rec in audit.recs:
            blocks.append(_caption(rec, combo, _priority_in_caption(combo)))
            pairs = _kv_rows(rec, combo, rnd)
            if combo.form == "kv_tables":
                rows = [
                    R([C([par(f"**{label}**")], fill=HEADER_FILL), C([par(value)])])
                    for label, value in pairs
                ]
                blocks.append(T(rows, [5.0, 11.0]))
            else:
                blocks += [par(f"{label}: {value}") for label, value in pairs]
    return blocks


def truth(paper: ZooPaper) -> dict:
    combo = paper.combination
    prints_priority = combo.priority_form not in ("none",)
    table = combo.form in ("audit_tables", "register")
    prints_ref = not table or "ref" in combo.columns
    prints_revised = not table or "revised" in combo.columns
    prints_original = not table or "original" in combo.columns
    prints_owner = not table or "owner" in combo.columns
    recs = []
    for audit in paper.audits:
        for rec in audit.recs:
            current = (rec.revised if prints_revised else None) or (
                rec.original if prints_original else None
            )
            recs.append({
                "audit_title": audit.title,
                "ref": rec.ref if prints_ref else None,
                "title": rec.title,
                "priority": rec.level if prints_priority else None,
                "priority_by_colour": combo.priority_form == "colour",
                "status": rec.status,
                "current_target": current.strftime("%Y-%m") if current else None,
                "owners": rec.owner_surnames if prints_owner else [],
            })  # fmt: skip
    return {
        "stem": paper.stem,
        "seed": paper.seed,
        "held_back": paper.held_back,
        "dims": combo.dims(),
        "recommendations": recs,
    }


def convert_pdfs(docx_files: list[Path], out_dir: Path) -> None:
    """Every .docx to PDF in one LibreOffice call (its own profile: parallel calls with one
    profile fail or block)."""
    if not docx_files:
        return
    with tempfile.TemporaryDirectory(prefix="lo-zoo-") as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, docx_files)],
            check=True, capture_output=True, timeout=1800,
        )  # fmt: skip


def write_zoo(out_dir: Path, papers: int = PAPERS, pdf: bool = True) -> list[str]:
    """Write the zoo into `out_dir`; the stems written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _install_keep_with_next()
    stems, docx_files = [], []
    for index in range(papers):
        paper = make_paper(index)
        blocks = build(paper)
        docx = out_dir / f"{paper.stem}.docx"
        write_docx(paper, blocks, docx)
        write_txt(paper, blocks, out_dir / f"{paper.stem}.txt")
        (out_dir / f"{paper.stem}.json").write_text(
            json.dumps(truth(paper), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        stems.append(paper.stem)
        docx_files.append(docx)
    if pdf:
        convert_pdfs(docx_files, out_dir)
    return stems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--papers", type=int, default=PAPERS)
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args(argv)
    stems = write_zoo(args.out_dir, args.papers, pdf=not args.no_pdf)
    print(f"wrote {len(stems)} papers to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
