"""Incremental linking: which snapshots a change can affect, and whether anything changed.

Re-linking the whole archive after every ingest made re-ingesting 1,000 unchanged papers
take 23 s and adding one paper 27-30 s. Two facts make it incremental without changing
any result:

- **Nothing changed**: `state_digest` covers the current papers (id, kind, date, series), their
  snapshots and the overrides file; a run whose digest equals the stored one is skipped.
- **Only a component changes**: clustering only ever lets two audit titles affect each
  other when they match (same series, `audit_title_score`, same month or one undated), so
  the audits, recommendations and ids of titles that match nothing connected to a new or removed
  snapshot's title come out the same. `affected` returns that connected component
  (searched through the blocking keys of `db.link_index`): re-clustering it alone gives
  what a full run gives (the one exception: an id whose hash collides with another's gets
  a salted id, and which of the two is salted can depend on the order of a full run).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from jarap.model import PaperRow, RecommendationRow
from jarap.model.entities import LinkStateRow

# bump when the linker's rules change: the next run is a full one
# (3: within one series; 4: scored assignment, audit title parts)
LINKER_VERSION = "4"
STATE_KEY = "state"

NodeKey = tuple[str, str, str]  # (normalised audit title, audit month or "~" + paper id, series)
KeysOf = Callable[[str, frozenset[str]], tuple[set[str], set[str]]]  # (index, query) keys


def state_digest(session: Session, overrides_text: str) -> str:
    """A digest of everything a link run reads."""
    digest = hashlib.sha256(f"{LINKER_VERSION}|{overrides_text}".encode())
    p, r = PaperRow.__table__.c, RecommendationRow.__table__.c  # Core: columns only
    current = (p.superseded_by.is_(None), p.twin_of.is_(None))
    papers = session.execute(
        select(p.paper_id, p.kind, p.paper_date, p.series).where(*current).order_by(p.paper_id)
    )
    for pid, kind, date, series in papers:
        digest.update(f"|{pid}:{kind}:{date}:{series}".encode())
    pks = session.scalars(
        select(r.id)
        .join_from(RecommendationRow.__table__, PaperRow.__table__, p.paper_id == r.paper_id)
        .where(*current)
        .order_by(r.id)
    )
    digest.update(",".join(map(str, pks)).encode())
    return digest.hexdigest()


def stored_digest(session: Session) -> str | None:
    row = session.get(LinkStateRow, STATE_KEY)
    return row.value if row else None


def store_digest(session: Session, value: str) -> None:
    row = session.get(LinkStateRow, STATE_KEY)
    if row is None:
        session.add(LinkStateRow(key=STATE_KEY, value=value))
    else:
        row.value = value


def affected(
    nodes: dict[NodeKey, frozenset[str]],
    touched: Iterable[tuple[NodeKey, frozenset[str]]],
    keys_of: KeysOf,
    match: Callable[[NodeKey, frozenset[str], NodeKey, frozenset[str]], bool],
) -> set[NodeKey]:
    """The current nodes connected to the touched ones (new or removed snapshots' audit
    titles) through titles that match (`match`, what clustering compares: same month or
    one undated, and `audit_title_score` not None). Only pairs sharing a blocking key are
    compared: a node's query keys reach the nodes filed under them, and its index keys
    the nodes that look them up."""
    index_keys: dict[NodeKey, set[str]] = {}
    query_keys: dict[NodeKey, set[str]] = {}
    by_index: dict[str, set[NodeKey]] = defaultdict(set)
    by_query: dict[str, set[NodeKey]] = defaultdict(set)
    for node, aliases in nodes.items():
        filed, asked = keys_of(node[0], aliases)
        index_keys[node], query_keys[node] = filed, asked
        for k in filed:
            by_index[k].add(node)
        for k in asked:
            by_query[k].add(node)

    def neighbours(node: NodeKey, aliases: frozenset[str], filed: set[str], asked: set[str]):  # type: ignore[no-untyped-def]
        near: set[NodeKey] = set()
        for k in asked:
            near |= by_index.get(k, set())
        for k in filed:
            near |= by_query.get(k, set())
        return {other for other in near if match(node, aliases, other, nodes[other])}

    seen: set[NodeKey] = set()
    frontier: set[NodeKey] = set()
    for node, aliases in touched:
        if node in nodes:
            frontier.add(node)
        else:  # a removed title: what it matched may now cluster differently
            filed, asked = keys_of(node[0], aliases)
            frontier |= neighbours(node, aliases, filed, asked)
    while frontier:
        node = frontier.pop()
        if node in seen:
            continue
        seen.add(node)
        frontier |= neighbours(node, nodes[node], index_keys[node], query_keys[node]) - seen
    return seen
