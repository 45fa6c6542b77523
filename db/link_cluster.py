"""The linker's clustering: snapshots, title comparison, audits, then recommendations.

Kept apart from `db.linker` (overrides, storage, incremental runs) so each stays small;
the rules are described in `db.linker`'s docstring.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from jarap.db.identity import normalise_title
from jarap.db.link_assign import Evidence, assign
from jarap.db.link_index import ANY_MONTH, AuditIndex, index_keys, query_keys
from jarap.db.series import UNATTRIBUTED
from jarap.extract.audit_title import match_key, split_audit_title
from jarap.extract.vocab import TITLE_STOP

AUDIT_RATIO = 0.85  # difflib ratio for two audit titles (same month) to be one audit

STOP = TITLE_STOP
# words that never identify an audit on their own (a short form must keep one other word)
GENERIC = STOP | {
    "MANAGEMENT", "REVIEW", "AUDIT", "FORCE", "POLICE", "FOLLOW", "UP", "SYSTEM", "SYSTEMS",
    "PROCESS", "PROCESSES", "ARRANGEMENTS", "CONTROLS", "CONTROL", "COMPLIANCE", "OPCC",
    "GOVERNANCE", "FRAMEWORK", "DATA", "SERVICES", "SERVICE",
}  # fmt: skip


# ---------------------------------------------------------------------------------------------
# snapshots and title comparison


@dataclass
class _Snap:
    pk: int
    paper_id: str
    source_file: str
    paper_date: dt.date | None
    seq: int
    audit_title: str
    audit_norm: str
    aliases: frozenset[str]
    month: str  # YYYY-MM, "" when the paper gives no audit date
    audit_date_raw: str | None
    ref: str  # normalised, "" when none
    title: str
    title_norm: str
    format: str = ""
    series: str = UNATTRIBUTED  # the paper's panel (`papers.series`): links never cross it
    evidence: Evidence = Evidence("", "", "", None, None)  # what pairs are scored on

    @property
    def order(self) -> tuple[dt.date, str, int]:
        return (self.paper_date or dt.date.min, self.paper_id, self.seq)

    def describe(self) -> str:
        when = f" {self.audit_date_raw}" if self.audit_date_raw else ""
        item = self.ref or repr(self.title[:60])
        return f"{self.audit_title}{when} {item} ({self.source_file})"


def _aliases(title: str) -> frozenset[str]:
    """Bracketed short forms printed with a title: `(GDPR)`."""
    return frozenset(
        normalise_title(m) for m in re.findall(r"\(([^)]{2,20})\)", title) if normalise_title(m)
    )


@lru_cache(maxsize=1 << 16)
def audit_parts(audit_title: str, audit_date: dt.date | None) -> tuple[str, frozenset[str], str]:
    """(match key, aliases, month) of a stored audit title: the report date, opinion, report
    number and notes a paper printed inside the title are split off
    (`extract.audit_title`), short forms expanded; a date printed only in the title is the
    audit's month. Titles stored before that split are read alike."""
    parts = split_audit_title(audit_title or "")
    if audit_date is None and parts.date is not None and parts.date.date is not None:
        audit_date = parts.date.date
    month = audit_date.strftime("%Y-%m") if audit_date else ""
    return match_key(parts.title), _aliases(parts.title), month


def _norm_ref(ref: str | None) -> str:
    return re.sub(r"\s+", "", (ref or "").strip().rstrip(".").upper())


def _words(norm: str) -> list[str]:
    return [w for w in norm.split() if w not in STOP]


def _initials(norm: str) -> str:
    return "".join(w[0] for w in _words(norm))


@lru_cache(maxsize=1 << 18)
def audit_title_score(
    a: str, b: str, aliases_a: frozenset[str] = frozenset(), aliases_b: frozenset[str] = frozenset()
) -> tuple[str, float] | None:
    """How two normalised audit titles match: (method, score), or None when they do not."""
    if not a or not b:
        return None
    if a == b:
        return ("exact", 1.0)
    if a in aliases_b or b in aliases_a or aliases_a & aliases_b:
        return ("acronym", 0.95)
    for short, long in ((a, b), (b, a)):
        if " " not in short and len(short) >= 2 and short == _initials(long):
            return ("acronym", 0.9)
    if {w for w in a.split() if w.isdigit()} != {w for w in b.split() if w.isdigit()}:
        return None  # "PHASE 1" / "PHASE 2"
    wa, wb = set(_words(a)), set(_words(b))
    short_w, long_w = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if short_w and short_w < long_w and short_w - GENERIC:
        return ("containment", round(0.7 + 0.3 * len(short_w) / len(long_w), 3))
    matcher = SequenceMatcher(None, a, b)
    # upper bounds first: most pairs fail on length or letters, without the full ratio
    if matcher.real_quick_ratio() < AUDIT_RATIO or matcher.quick_ratio() < AUDIT_RATIO:
        return None
    ratio = matcher.ratio()
    if ratio >= AUDIT_RATIO:
        return ("fuzzy_title", round(ratio, 3))
    return None


# ---------------------------------------------------------------------------------------------
# clustering


@dataclass
class _AuditNode:
    norm: str
    month: str
    snaps: list[_Snap]
    aliases: frozenset[str]
    series: str = UNATTRIBUTED
    link: tuple[str, float, str] = ("exact", 1.0, "")  # method, score, matched_to
    restart: bool = False  # a second run of references under one undated title (`_runs`)

    @property
    def order(self) -> tuple[dt.date, str, int]:
        return min(s.order for s in self.snaps)


@dataclass
class _Audit:
    month: str
    nodes: list[_AuditNode] = field(default_factory=list)
    index: int = -1  # position in the linker's list of audits (the candidate index's key)
    series: str = UNATTRIBUTED

    def titles(self) -> list[tuple[str, frozenset[str]]]:
        return [(n.norm, n.aliases) for n in self.nodes]

    def best(self, node: _AuditNode) -> tuple[str, float, str] | None:
        found = [
            (m[1], m[0], title)
            for title, aliases in self.titles()
            if (m := audit_title_score(node.norm, title, node.aliases, aliases))
        ]
        if not found:
            return None
        score, method, title = max(found)
        return (method, score, title)


@dataclass
class _Rec:
    snaps: list[_Snap] = field(default_factory=list)
    refs: set[str] = field(default_factory=set)
    papers: set[str] = field(default_factory=set)

    def add(self, snap: _Snap) -> None:
        self.snaps.append(snap)
        self.papers.add(snap.paper_id)
        if snap.ref:
            self.refs.add(snap.ref)


def _runs(group: list[_Snap]) -> list[list[_Snap]]:
    """One paper's snapshots of one undated audit title, split where a reference comes
    again (`4.1 4.2 4.1 4.2`): the paper lists an area's re-audit beside its first audit
    under one title, with no report date to tell them apart (a register's audit column)."""
    runs: list[list[_Snap]] = [[]]
    seen: set[str] = set()
    for s in sorted(group, key=lambda s: s.seq):
        if s.ref and s.ref in seen:
            runs.append([])
            seen = set()
        seen.add(s.ref)
        runs[-1].append(s)
    return runs


def _shared_titles(n: _AuditNode, audit: _Audit) -> int:
    """How many of a node's recommendation titles an audit has printed (which of two
    undated audits of one title, an area and its re-audit, a paper's rows continue)."""
    titles = {s.title_norm for m in audit.nodes for s in m.snaps}
    return sum(s.title_norm in titles for s in n.snaps)


def _cluster_audits(snaps: list[_Snap]) -> list[_Audit]:
    """Audits of these snapshots. Each series is its own world: nodes are keyed by series
    as well as title, and the candidate index is searched within the node's series only,
    so two panels' audits of one title and month stay two audits."""
    dated: dict[tuple[str, str, str], list[_Snap]] = {}
    undated: dict[tuple[str, str, str], list[_Snap]] = {}
    for s in snaps:
        if s.month:
            dated.setdefault((s.audit_norm, s.month, s.series), []).append(s)
        else:  # undated titles are resolved paper by paper
            undated.setdefault((s.audit_norm, s.paper_id, s.series), []).append(s)

    def node(norm: str, month: str, series: str, group: list[_Snap]) -> _AuditNode:
        aliases = frozenset().union(*(s.aliases for s in group))
        return _AuditNode(norm, month, group, aliases, series)

    audits: list[_Audit] = []
    index = AuditIndex()

    def keys(n: _AuditNode, query: bool) -> set[str]:
        make = query_keys if query else index_keys
        return make(n.norm, n.aliases, _words(n.norm), _initials(n.norm), GENERIC)

    def join(audit: _Audit, n: _AuditNode) -> None:
        audit.nodes.append(n)
        index.add(audit.index, audit.month, keys(n, False), audit.series)

    def new_audit(n: _AuditNode) -> None:
        audit = _Audit(n.month, [], len(audits), n.series)
        audits.append(audit)
        join(audit, n)

    for n in sorted((node(*k, g) for k, g in dated.items()), key=lambda n: n.order):
        pool = [audits[i] for i in index.candidates(n.month, keys(n, True), n.series)]
        scored = [(m, a) for a in pool if (m := a.best(n))]
        if scored:
            top = max(m[1] for m, _ in scored)
            winners = [(m, a) for m, a in scored if m[1] == top]
            if len(winners) == 1:
                m, audit = winners[0]
                n.link = (m[0], m[1], f"audit {m[2]} {n.month}" if m[0] != "exact" else "")
                join(audit, n)
                continue
        new_audit(n)

    def undated_nodes() -> list[_AuditNode]:
        out = []
        for k, g in undated.items():
            for run, group in enumerate(_runs(g)):
                out.append(node(k[0], "", k[2], group))
                out[-1].restart = run > 0
        return sorted(out, key=lambda n: n.order)

    for n in undated_nodes():
        paper_date = n.snaps[0].paper_date
        pool = [audits[i] for i in index.candidates(ANY_MONTH, keys(n, True), n.series)]
        if n.restart:  # never the audit the run before it joined: a paper lists one once
            paper = n.snaps[0].paper_id
            pool = [a for a in pool if all(s.paper_id != paper for m in a.nodes for s in m.snaps)]
        scored = [(m, a) for a in pool if (m := a.best(n))]
        with_date = [(m, a) for m, a in scored if a.month]
        if len(with_date) > 1 and paper_date:
            before = paper_date.strftime("%Y-%m")
            with_date = [(m, a) for m, a in with_date if a.month <= before]
        if len(with_date) == 1:
            m, audit = with_date[0]
            n.link = ("date_inferred", round(min(m[1], 0.95), 3), f"audit {m[2]} {audit.month}")
            join(audit, n)
            continue
        if len(with_date) > 1:
            options = ", ".join(sorted(f"{m[2]} {a.month}" for m, a in with_date))
            n.link = ("ambiguous_audit", 0.5, f"undated audit title could be: {options}")
            same = [a for m, a in scored if not a.month and m[0] == "exact"]
            if same:  # the same ambiguous title in another paper
                join(same[0], n)
            else:
                new_audit(n)
            continue
        without = [(m, a) for m, a in scored if not a.month]
        if without:  # equal titles: the audit whose recommendations these titles are
            m, audit = max(without, key=lambda ma: (ma[0][1], _shared_titles(n, ma[1])))
            n.link = (m[0], m[1], f"audit {m[2]} (undated)" if m[0] != "exact" else "")
            join(audit, n)
            continue
        new_audit(n)
    return audits


@dataclass
class _Link:
    method: str
    score: float
    matched_to: str


def _cluster_recs(audit: _Audit) -> list[tuple[_Rec, dict[int, _Link]]]:
    """Recommendations of one audit: each paper's snapshots, paper by paper, assigned to the
    recommendations so far (`db.link_assign`); what is left over starts a recommendation."""
    node_of = {s.pk: n for n in audit.nodes for s in n.snaps}
    snaps = sorted((s for n in audit.nodes for s in n.snaps), key=lambda s: s.order)
    by_paper: dict[tuple[dt.date, str], list[_Snap]] = {}
    for s in snaps:
        by_paper.setdefault(s.order[:2], []).append(s)
    recs: list[_Rec] = []
    evidence: list[list[Evidence]] = []
    links: dict[int, _Link] = {}
    for group in by_paper.values():
        found = assign(evidence, [s.evidence for s in group])
        for j, s in enumerate(group):
            if j in found:
                i, score, why = found[j]
                target = recs[i]
                method = "exact" if score >= 1.0 and s.ref in target.refs else "assigned"
                rec_link = _Link(method, score, f"{target.snaps[-1].describe()}: {why}")
            else:
                target = _Rec()
                recs.append(target)
                evidence.append([])
                i = len(recs) - 1
                rec_link = _Link("new", 1.0, "first seen")
            target.add(s)
            evidence[i].append(s.evidence)
            method, score, matched = node_of[s.pk].link
            if score < rec_link.score or (
                score == rec_link.score
                and method != "exact"
                and rec_link.method in ("exact", "new")
            ):
                detail = f"{matched}; {rec_link.matched_to}" if matched else rec_link.matched_to
                links[s.pk] = _Link(method, score, detail)
            else:
                links[s.pk] = rec_link
    return [(r, {s.pk: links[s.pk] for s in r.snaps}) for r in recs]


def _new_id(basis: str, used: set[str], salt: str) -> str:
    rid = "R" + hashlib.sha1(basis.encode()).hexdigest()[:12]
    if rid in used:
        rid = "R" + hashlib.sha1(f"{basis}|{salt}".encode()).hexdigest()[:12]
    used.add(rid)
    return rid


def _id_basis(rec_snaps: list[_Snap], month: str) -> str:
    """What a recommendation's id hashes: audit title, month and reference (or title), and
    the series unless it is `UNATTRIBUTED` (those ids stay as before series existed). Two
    panels' `FLEET MANAGEMENT` 2018-09 4.2 so get ids of their own whatever order their
    papers arrive in, instead of one of them a salted id that depends on the order."""
    first = rec_snaps[0]
    item = first.ref or next((s.ref for s in rec_snaps if s.ref), "") or first.title_norm
    parts = [first.audit_norm, month, item]
    if first.series != UNATTRIBUTED:
        parts.append(first.series)
    return "|".join(parts)
