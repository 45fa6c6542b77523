"""The linker: which snapshots (one per recommendation per paper) are the same recommendation.

Run after loading (`jarap ingest` does, at the end of a batch; `jarap link` reruns it). It
recomputes `recommendation_id` for every snapshot in the archive and records, in `links`,
how each snapshot was linked and how sure the link is.

0. **Series.** Each paper belongs to the series of the panel that published it
   (`papers.series`, see `db.series`). Everything below happens within one series: two
   panels' audits of one title and month are two audits, a recommendation never links
   across series, and each paper's next tracker is the next one of its own series.
1. **Audits.** An audit is its title and its report month. Snapshots are grouped by their
   exact normalised title + month (case, `&`/`and`, punctuation and bracketed words
   absorbed), then groups are merged when their titles are close: a short form whose words
   are all in the longer title (`FLEET` / `FLEET MANAGEMENT`), an acronym (`GDPR` /
   `GENERAL DATA PROTECTION REGULATION (GDPR)`), or a difflib ratio of at least
   `AUDIT_RATIO` (`SEIZED AND FOUIND PROPERTY`). Two audits whose dates are both known and
   differ are never merged. A title printed without a date joins the one dated audit with a
   matching title (restricted to audits dated before the paper when several match); when
   several remain it stays on its own (flagged, score 0.5).
2. **Recommendations** within an audit, in paper order: the same reference, else (a
   reference missing on either side) the most similar title, difflib ratio or word overlap
   at least `TITLE_RATIO`. A recommendation never takes two snapshots from the same paper.
3. **Ids** come from the earliest snapshot of each recommendation: hash of its normalised
   audit title, the audit month and the reference (or normalised title), as
   `db.identity.recommendation_key` does, plus the series unless it is unattributed (two
   panels' same audit get ids of their own, in any order of arrival); re-running on the
   same papers gives the same ids.
4. **Overrides** (a TOML file the user edits, see `load_overrides`) are applied last:
   splits, then merges.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from jarap.db.history_rows import store_histories
from jarap.db.identity import normalise_title
from jarap.db.link_assign import Evidence, named_by_text
from jarap.db.link_cluster import (
    GENERIC,
    _cluster_audits,
    _cluster_recs,
    _id_basis,
    _initials,
    _Link,
    _new_id,
    _norm_ref,
    _Snap,
    _words,
    audit_parts,
    audit_title_score,
)
from jarap.db.link_incremental import (
    NodeKey,
    affected,
    state_digest,
    store_digest,
    stored_digest,
)
from jarap.db.link_index import index_keys, query_keys
from jarap.db.series import next_tracker, tracker_dates_by_series
from jarap.db.twins import relabel_twins, resolve_twins
from jarap.extract.dates import normalise_date
from jarap.model import LinkRow, PaperRow, RecommendationRow

LOW_CONFIDENCE = 0.9  # links scoring below this are listed for review (data-quality sheet)
DEFAULT_OVERRIDES = "overrides.toml"


class OverrideError(ValueError):
    """The overrides file cannot be read or does not say what to do."""


# ---------------------------------------------------------------------------------------------
# overrides


@dataclass
class Selector:
    """Snapshots by audit title (normalised), audit month and reference; None = any."""

    audit_title: str | None = None
    audit_month: str | None = None  # "" = printed without a date
    ref: str | None = None
    title: str | None = None
    papers: list[str] | None = None  # paper_id, source file name or paper date (YYYY-MM[-DD])

    def matches(self, s: _Snap) -> bool:
        if self.audit_title is not None and normalise_title(self.audit_title) != s.audit_norm:
            return False
        if self.audit_month is not None and self.audit_month != s.month:
            return False
        if self.ref is not None and _norm_ref(self.ref) != s.ref:
            return False
        if self.title is not None and normalise_title(self.title) != s.title_norm:
            return False
        if self.papers is not None:
            date = s.paper_date.isoformat() if s.paper_date else ""
            if not any(
                p in (s.paper_id, s.source_file) or (p and date.startswith(p)) for p in self.papers
            ):
                return False
        return True


@dataclass
class Overrides:
    merges: list[tuple[list[str], list[Selector]]] = field(default_factory=list)
    splits: list[tuple[str | None, Selector | None, Selector]] = field(default_factory=list)
    # links reviewed and right as they are: a low score no longer listed for review
    confirms: list[tuple[str | None, Selector | None]] = field(default_factory=list)
    source: str = ""


def _month(value: Any, where: str) -> str:
    text = str(value).strip()
    if not text:
        return ""
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
        return text[:7]
    parsed = normalise_date(text)
    if parsed.date is None:
        raise OverrideError(f"{where}: audit_date {text!r} is not a date (use YYYY-MM)")
    return parsed.date.strftime("%Y-%m")


def _selector(table: Any, where: str, *, detach: bool = False) -> Selector:
    if not isinstance(table, dict):
        raise OverrideError(f"{where}: expected a table like {{audit_title = …, ref = …}}")
    allowed = {"audit_title", "audit_date", "ref", "title"} | ({"papers"} if detach else set())
    unknown = set(table) - allowed
    if unknown:
        raise OverrideError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    if not table:
        raise OverrideError(f"{where}: empty selector")
    papers = table.get("papers")
    if papers is not None and not isinstance(papers, list):
        papers = [papers]
    return Selector(
        audit_title=table.get("audit_title"),
        audit_month=_month(table["audit_date"], where) if "audit_date" in table else None,
        ref=str(table["ref"]) if "ref" in table else None,
        title=table.get("title"),
        papers=[str(p) for p in papers] if papers is not None else None,
    )


def load_overrides(path: Path) -> Overrides:
    """Read an overrides file (TOML); raises OverrideError with the file name on a problem."""
    import tomllib  # here: only a run with an overrides file reads TOML

    name = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise OverrideError(f"{name}: cannot read ({exc.strerror or exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise OverrideError(f"{name}: not valid TOML ({exc})") from exc
    unknown = set(data) - {"merge", "split", "confirm"}
    if unknown:
        raise OverrideError(f"{name}: unknown section(s) {', '.join(sorted(unknown))}")
    out = Overrides(source=name)
    for i, entry in enumerate(data.get("merge", []), 1):
        where = f"{name}: [[merge]] #{i}"
        if not isinstance(entry, dict) or set(entry) - {"ids", "recommendations", "note"}:
            raise OverrideError(f"{where}: use ids = [...] and/or recommendations = [...]")
        ids = [str(x) for x in entry.get("ids", [])]
        sels = [_selector(t, where) for t in entry.get("recommendations", [])]
        if len(ids) + len(sels) < 2:
            raise OverrideError(f"{where}: name at least two recommendations to merge")
        out.merges.append((ids, sels))
    for i, entry in enumerate(data.get("split", []), 1):
        where = f"{name}: [[split]] #{i}"
        keys = {"id", "recommendation", "detach", "note"}
        if not isinstance(entry, dict) or set(entry) - keys:
            raise OverrideError(f"{where}: use id (or recommendation = {{…}}) and detach = {{…}}")
        if ("id" in entry) == ("recommendation" in entry):
            raise OverrideError(f"{where}: give either id or recommendation")
        if "detach" not in entry:
            raise OverrideError(f"{where}: detach = {{…}} says which snapshots to split off")
        which = _selector(entry["recommendation"], where) if "recommendation" in entry else None
        out.splits.append(
            (entry.get("id"), which, _selector(entry["detach"], where + " detach", detach=True))
        )
    for i, entry in enumerate(data.get("confirm", []), 1):
        where = f"{name}: [[confirm]] #{i}"
        if not isinstance(entry, dict) or set(entry) - {"id", "recommendation", "note"}:
            raise OverrideError(f'{where}: use id = "R…" or recommendation = {{…}}')
        if ("id" in entry) == ("recommendation" in entry):
            raise OverrideError(f"{where}: give either id or recommendation")
        which = _selector(entry["recommendation"], where) if "recommendation" in entry else None
        out.confirms.append((entry.get("id"), which))
    return out


def _apply_overrides(
    overrides: Overrides,
    assigned: dict[int, str],
    links: dict[int, _Link],
    snaps: dict[int, _Snap],
    months: dict[str, str],
    used: set[str],
) -> list[str]:
    warnings: list[str] = []

    def members(rid: str) -> list[_Snap]:
        return sorted((snaps[pk] for pk, r in assigned.items() if r == rid), key=lambda s: s.order)

    def ids_for(sel: Selector) -> list[str]:
        found = {assigned[s.pk]: s.order for s in snaps.values() if sel.matches(s)}
        return sorted(found, key=lambda rid: found[rid])

    def one_recommendation(
        rid: str | None, which: Selector | None, where: str
    ) -> tuple[str, list[_Snap]] | None:
        """The one recommendation an entry names (by id, else by what it prints) and its
        snapshots; None, with a warning, when it names none or several."""
        if rid is None:
            assert which is not None
            candidates = ids_for(which)
            if len(candidates) != 1:
                warnings.append(f"{where}: matches {len(candidates)} recommendations, not one")
                return None
            rid = candidates[0]
        group = members(rid)
        if not group:
            warnings.append(f"{where}: no recommendation {rid}")
            return None
        return rid, group

    for i, (split_id, which, detach) in enumerate(overrides.splits, 1):
        where = f"{overrides.source} [[split]] #{i}"
        named = one_recommendation(split_id, which, where)
        if named is None:
            continue
        rid, group = named
        parted = [s for s in group if detach.matches(s)]
        if not parted or len(parted) == len(group):
            warnings.append(f"{where}: detach matches {len(parted)} of {len(group)} snapshots")
            continue
        new = _new_id(_id_basis(parted, months[rid]) + "|split", used, str(parted[0].order))
        months[new] = months[rid]
        for s in parted:
            assigned[s.pk] = new
            links[s.pk] = _Link("override", 1.0, f"split from {rid} ({where})")

    for i, (ids, sels) in enumerate(overrides.merges, 1):
        where = f"{overrides.source} [[merge]] #{i}"
        targets: list[str] = []
        for rid in ids:
            if rid not in months:
                warnings.append(f"{where}: no recommendation {rid}")
            elif rid not in targets:
                targets.append(rid)
        for sel in sels:
            found = ids_for(sel)
            if not found:
                warnings.append(f"{where}: nothing matches {sel}")
            targets.extend(r for r in found if r not in targets)
        if len(targets) < 2:
            warnings.append(f"{where}: fewer than two recommendations found, nothing merged")
            continue
        keep, papers = targets[0], {s.paper_id for s in members(targets[0])}
        for rid in targets[1:]:
            group = members(rid)
            if papers & {s.paper_id for s in group}:
                warnings.append(f"{where}: {keep} and {rid} share a paper; merged as asked")
            papers |= {s.paper_id for s in group}
            for s in group:
                assigned[s.pk] = keep
                links[s.pk] = _Link("override", 1.0, f"merged {rid} into {keep} ({where})")

    for i, (confirm_id, which) in enumerate(overrides.confirms, 1):
        where = f"{overrides.source} [[confirm]] #{i}"
        named = one_recommendation(confirm_id, which, where)
        if named is None:
            continue
        rid, group = named
        for s in group:
            was = links[s.pk]
            if was.score < LOW_CONFIDENCE:
                detail = f"confirmed ({where}): {was.method} {was.score}: {was.matched_to}"
                links[s.pk] = _Link("override", 1.0, detail)
    return warnings


# ---------------------------------------------------------------------------------------------
# the run


@dataclass
class LinkReport:
    snapshots: int = 0
    recommendations: int = 0
    audits: int = 0
    methods: Counter[str] = field(default_factory=Counter)
    low_confidence: int = 0
    warnings: list[str] = field(default_factory=list)
    relinked: int | None = None  # an incremental run: snapshots re-clustered
    unchanged: bool = False  # nothing changed since the last run: skipped

    def summary(self) -> str:
        methods = " ".join(f"{m}={n}" for m, n in sorted(self.methods.items()))
        if self.unchanged:
            where = "links unchanged"
        elif self.relinked is not None:
            where = f"relinked {self.relinked} in {self.audits} audits"
        else:
            where = f"in {self.audits} audits"
        return (
            f"linked {self.snapshots} snapshots -> {self.recommendations} recommendations "
            f"{where} ({methods}); {self.low_confidence} below {LOW_CONFIDENCE} to review"
        )


def _snapshots(session: Session) -> list[_Snap]:
    p, r = PaperRow.__table__.c, RecommendationRow.__table__.c  # Core: columns only
    stmt = select(
        r.id,
        r.paper_id,
        p.source_file,
        p.format,
        p.paper_date,
        r.seq,
        r.audit_title,
        r.audit_date,
        r.audit_date_raw,
        r.ref,
        r.title,
        r.text,
        r.priority_level,
        r.original_target,
        p.series,
    ).join_from(
        RecommendationRow.__table__,
        PaperRow.__table__,
        (p.paper_id == r.paper_id)
        & p.superseded_by.is_(None)
        & p.twin_of.is_(None),  # a twin's paper is read from the file kept (db.twins)
    )
    out = []
    for row in session.connection().execute(stmt):  # Core rows: no ORM overhead
        norm, aliases, month = audit_parts(row.audit_title, row.audit_date)
        ref, title_norm = _norm_ref(row.ref), normalise_title(row.title)
        out.append(
            _Snap(
                pk=row.id,
                paper_id=row.paper_id,
                source_file=row.source_file,
                format=row.format,
                paper_date=row.paper_date,
                seq=row.seq,
                audit_title=row.audit_title,
                audit_norm=norm,
                aliases=aliases,
                month=month,
                audit_date_raw=row.audit_date_raw,
                ref=ref,
                title=row.title,
                title_norm=title_norm,
                series=row.series,
                evidence=Evidence(
                    ref,
                    title_norm,
                    row.text or "",
                    row.priority_level,
                    row.original_target,
                    not named_by_text(row.title, row.text),
                ),
            )
        )
    return out


def set_next_tracker_dates(session: Session) -> set[str]:
    """Give each current paper the date of the first current tracker of its own series after
    it, once here, so `v_latest_state` needs no `paper_date >` join per snapshot
    (O(snapshots x papers)); another panel's later tracker is not this paper's next one."""
    c = PaperRow.__table__.c
    papers = session.execute(
        select(c.paper_id, c.paper_date, c.kind, c.series, c.next_tracker_date).where(
            c.superseded_by.is_(None)
        )
    ).all()
    trackers = tracker_dates_by_series((p.series, p.kind, p.paper_date) for p in papers)
    changes = []
    for p in papers:
        nxt = next_tracker(trackers, p.series, p.paper_date)
        if nxt != p.next_tracker_date:
            changes.append({"paper_id": p.paper_id, "next_tracker_date": nxt})
    if changes:
        session.execute(update(PaperRow), changes)
    return {c["paper_id"] for c in changes}


def _node_key(s: _Snap) -> NodeKey:
    """The audit node a snapshot belongs to (undated titles are grouped per paper)."""
    return (s.audit_norm, s.month or f"~{s.paper_id}", s.series)


def _keys_of(norm: str, aliases: frozenset[str]) -> tuple[set[str], set[str]]:
    words, initials = _words(norm), _initials(norm)
    return (
        index_keys(norm, aliases, words, initials, GENERIC),
        query_keys(norm, aliases, words, initials, GENERIC),
    )


def _nodes_match(
    a: NodeKey, aliases_a: frozenset[str], b: NodeKey, aliases_b: frozenset[str]
) -> bool:
    """Whether clustering ever compares two audit nodes with a result (series, month, then
    title)."""
    if a[2] != b[2]:
        return False
    undated = a[1].startswith("~") or b[1].startswith("~")
    if not undated and a[1] != b[1]:
        return False
    return audit_title_score(a[0], b[0], aliases_a, aliases_b) is not None


@dataclass
class _Clustered:
    assigned: dict[int, str] = field(default_factory=dict)
    links: dict[int, _Link] = field(default_factory=dict)
    months: dict[str, str] = field(default_factory=dict)
    audits: int = 0


def _cluster(snaps: list[_Snap], used: set[str]) -> _Clustered:
    """Audits, then recommendations within each, then ids, for these snapshots."""
    audits = _cluster_audits(snaps)
    audits.sort(key=lambda a: min(n.order for n in a.nodes))
    out = _Clustered(audits=len(audits))
    for audit in audits:
        for rec, rec_links in _cluster_recs(audit):
            first = rec.snaps[0]
            rid = _new_id(_id_basis(rec.snaps, audit.month), used, f"{first.paper_id}|{first.seq}")
            out.months[rid] = audit.month
            for s in rec.snaps:
                out.assigned[s.pk] = rid
            out.links.update(rec_links)
    return out


def _chunks(values: list[int], size: int = 5000) -> list[list[int]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


FORMAT_RANK = {"docx": 1, "pdf": 2}  # the format v_snapshot keeps (then text conversions)


def ordinals(snaps: list[_Snap]) -> dict[int, tuple[int, int | None, int | None]]:
    """(format_no, snapshot_no, latest_no) of each snapshot of ONE recommendation, as
    `v_snapshot` used to compute with window functions: one format kept per paper date
    (Word, PDF, text, then the smallest paper_id), then the kept ones numbered from the
    earliest paper and from the latest (undated papers last, and first from the latest)."""
    by_date: dict[dt.date | None, list[_Snap]] = {}
    for snap in snaps:
        by_date.setdefault(snap.paper_date, []).append(snap)
    format_no: dict[int, int] = {}
    kept: list[_Snap] = []
    for same_date in by_date.values():
        same_date.sort(key=lambda x: (FORMAT_RANK.get(x.format, 3), x.paper_id))
        for i, snap in enumerate(same_date, 1):
            format_no[snap.pk] = i
        kept.append(same_date[0])
    kept.sort(key=lambda x: (x.paper_date is None, x.paper_date or dt.date.min, x.paper_id))
    out: dict[int, tuple[int, int | None, int | None]] = {
        pk: (n, None, None) for pk, n in format_no.items()
    }
    for i, snap in enumerate(kept, 1):
        out[snap.pk] = (1, i, len(kept) - i + 1)
    return out


def _write(
    session: Session,
    clustered: _Clustered,
    replace: set[int] | None,
    snaps: dict[int, _Snap],
) -> None:
    """Store ids and links: all of them (`replace` None), or only for these snapshots."""
    if replace is None:
        session.execute(delete(LinkRow))
    else:
        for chunk in _chunks(sorted(replace)):
            session.execute(delete(LinkRow).where(LinkRow.recommendation_pk.in_(chunk)))
    assigned, links = clustered.assigned, clustered.links
    if not assigned:
        return
    members: dict[str, list[_Snap]] = {}
    for pk, rid in assigned.items():
        members.setdefault(rid, []).append(snaps[pk])
    numbers: dict[int, tuple[int, int | None, int | None]] = {}
    for group in members.values():
        numbers.update(ordinals(group))
    # Core executemany, not the ORM's bulk statements: a third of the cost at 14,000 rows
    conn = session.connection()
    conn.execute(
        update(RecommendationRow)
        .where(RecommendationRow.id == bindparam("pk"))
        .values(recommendation_id=bindparam("rid")),
        [{"pk": pk, "rid": rid} for pk, rid in assigned.items()],
    )
    conn.execute(
        insert(LinkRow),
        [
            {
                "recommendation_pk": pk,
                "recommendation_id": assigned[pk],
                "method": links[pk].method,
                "score": links[pk].score,
                "matched_to": links[pk].matched_to,
                "format_no": numbers[pk][0],
                "snapshot_no": numbers[pk][1],
                "latest_no": numbers[pk][2],
            }
            for pk in assigned
        ],
    )


def _previous_links(session: Session) -> dict[int, tuple[str, str, float]]:
    c = LinkRow.__table__.c
    rows = session.execute(select(c.recommendation_pk, c.recommendation_id, c.method, c.score))
    return {pk: (rid, method, score) for pk, rid, method, score in rows}


def _removed_nodes(session: Session, pks: set[int]) -> list[tuple[NodeKey, frozenset[str]]]:
    """The audit nodes of snapshots linked before but no longer current (superseded)."""
    out = []
    for chunk in _chunks(sorted(pks)):
        rows = session.execute(
            select(
                RecommendationRow.audit_title,
                RecommendationRow.audit_date,
                RecommendationRow.paper_id,
                PaperRow.series,
            )
            .join(PaperRow, PaperRow.paper_id == RecommendationRow.paper_id)
            .where(RecommendationRow.id.in_(chunk))
        )
        for title, date, paper_id, series in rows:
            norm, aliases, month = audit_parts(title, date)
            out.append(((norm, month or f"~{paper_id}", series), aliases))
    return out


def _relink_touched(
    session: Session, snaps: list[_Snap], prev: dict[int, tuple[str, str, float]]
) -> tuple[LinkReport, set[str]]:
    """Re-cluster only the snapshots whose audit titles are connected to a new or removed
    snapshot's title (see `db.link_incremental`); everything else keeps its id and link."""
    current = {s.pk for s in snaps}
    removed = set(prev) - current
    nodes: dict[NodeKey, frozenset[str]] = {}
    for s in snaps:
        key = _node_key(s)
        nodes[key] = nodes.get(key, frozenset()) | s.aliases
    touched = [(_node_key(s), s.aliases) for s in snaps if s.pk not in prev]
    touched += _removed_nodes(session, removed)
    component = affected(nodes, touched, _keys_of, _nodes_match)
    part = [s for s in snaps if _node_key(s) in component]
    part_pks = {s.pk for s in part}
    kept = {pk: v for pk, v in prev.items() if pk in current and pk not in part_pks}
    clustered = _cluster(part, {rid for rid, _m, _s in kept.values()})
    _write(session, clustered, removed | part_pks, {s.pk: s for s in part})
    report = LinkReport(snapshots=len(snaps), audits=clustered.audits, relinked=len(part))
    report.recommendations = len({v[0] for v in kept.values()} | set(clustered.assigned.values()))
    report.methods = Counter(m for _r, m, _s in kept.values())
    report.methods.update(link.method for link in clustered.links.values())
    report.low_confidence = sum(1 for _r, _m, sc in kept.values() if sc < LOW_CONFIDENCE)
    report.low_confidence += sum(1 for x in clustered.links.values() if x.score < LOW_CONFIDENCE)
    # the recommendations whose snapshots changed: theirs are the histories to recompute
    rids = {prev[pk][0] for pk in (removed | part_pks) if pk in prev}
    return report, rids | set(clustered.assigned.values())


def link_session(
    session: Session, overrides: Overrides | None = None, *, incremental: bool = False
) -> LinkReport:
    """Recompute `recommendation_id`s and `links` (within the caller's session).

    A full run re-clusters every snapshot. An `incremental` run (what `jarap ingest`
    does) is skipped when nothing it reads has changed, and otherwise re-clusters only
    the audits a new or removed snapshot can affect; with overrides it runs in full.
    """
    has_overrides = overrides is not None and bool(
        overrides.merges or overrides.splits or overrides.confirms
    )
    resolve_twins(session)
    digest = state_digest(session, repr(overrides) if has_overrides else "")
    if incremental and stored_digest(session) == digest:
        return _unchanged(session)
    moved = set_next_tracker_dates(session)
    snaps = sorted(_snapshots(session), key=lambda s: s.order)
    prev = _previous_links(session) if incremental and not has_overrides else {}
    if incremental and not has_overrides and not prev and not snaps:
        # nothing linkable, before or now (papers of actions or audit statuses only): no
        # link or history to write or clear; the papers' dates and twins are kept current
        relabel_twins(session)
        store_digest(session, digest)
        return LinkReport()  # what the full run reports for no snapshot
    if prev:
        report, rids = _relink_touched(session, snaps, prev)
        # and those last seen in a paper whose next tracker changed (closure, vanishing)
        rids |= {prev[s.pk][0] for s in snaps if s.paper_id in moved and s.pk in prev}
        store_histories(session, rids)
        relabel_twins(session)
        store_digest(session, digest)
        return report
    clustered = _cluster(snaps, set())
    report = LinkReport(snapshots=len(snaps), audits=clustered.audits)
    if overrides is not None:
        by_pk = {s.pk: s for s in snaps}
        report.warnings += _apply_overrides(
            overrides, clustered.assigned, clustered.links, by_pk, clustered.months, set()
        )
    _write(session, clustered, None, {s.pk: s for s in snaps})
    assigned, links = clustered.assigned, clustered.links
    report.recommendations = len(set(assigned.values()))
    report.methods = Counter(link.method for link in links.values())
    report.low_confidence = sum(1 for link in links.values() if link.score < LOW_CONFIDENCE)
    store_histories(session)
    relabel_twins(session)
    store_digest(session, digest)
    return report


def _unchanged(session: Session) -> LinkReport:
    prev = _previous_links(session)
    report = LinkReport(snapshots=len(prev), unchanged=True)
    report.recommendations = len({rid for rid, _m, _s in prev.values()})
    report.methods = Counter(m for _r, m, _s in prev.values())
    report.low_confidence = sum(1 for _r, _m, sc in prev.values() if sc < LOW_CONFIDENCE)
    return report


def link(
    engine: Engine, overrides: Path | Overrides | None = None, *, incremental: bool = False
) -> LinkReport:
    """Run the linker over the archive in one transaction (see `link_session`)."""
    if isinstance(overrides, Path):
        overrides = load_overrides(overrides)
    from jarap.db.engine import writer_lock

    with Session(engine) as session, session.begin():
        writer_lock(session.connection())
        return link_session(session, overrides, incremental=incremental)


def default_overrides(explicit: Path | None) -> Path | None:
    """The overrides file to use: the one given, else `overrides.toml` here if it exists."""
    if explicit is not None:
        return explicit
    here = Path(DEFAULT_OVERRIDES)
    return here if here.is_file() else None


def links_to_review(session: Session) -> list[dict[str, Any]]:
    """Links scoring below `LOW_CONFIDENCE`, worst first: what `jarap check` lists (confirm
    or split them in overrides.toml)."""
    rows = session.execute(
        select(
            LinkRow,
            RecommendationRow.audit_title,
            RecommendationRow.ref,
            RecommendationRow.title,
            PaperRow.source_file,
        )  # fmt: skip
        .join(RecommendationRow, RecommendationRow.id == LinkRow.recommendation_pk)
        .join(PaperRow, PaperRow.paper_id == RecommendationRow.paper_id)
        .where(LinkRow.score < LOW_CONFIDENCE)
        .order_by(LinkRow.score, PaperRow.paper_date, RecommendationRow.seq)
    )
    out = []
    for link_row, audit, ref, title, source in rows:
        what = f"{audit} {ref or repr(title[:40])}"
        out.append(
            {
                "recommendation_id": link_row.recommendation_id,
                "source_file": source,
                "method": link_row.method,
                "score": link_row.score,
                "matched_to": link_row.matched_to,
                "line": f"{what} in {source} -> {link_row.recommendation_id}: "
                f"{link_row.method} {link_row.score}: {link_row.matched_to}",
            }
        )
    return out
